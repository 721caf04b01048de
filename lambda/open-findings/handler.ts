import { Logger } from '@aws-lambda-powertools/logger';
import { CloudWatchClient, PutMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { GetFindingsCommand, SecurityHubClient } from '@aws-sdk/client-securityhub';
import {
  COUNTED_SEVERITIES,
  OPEN_FINDINGS_DIMENSION,
  OPEN_FINDINGS_METRIC,
  OPEN_FINDINGS_NAMESPACE,
} from '../../lib/core/security/open-findings';
import { sdkClientOptions } from '../shared/sdk-client-options';
import { countBySeverity, MAX_PAGES, OPEN_FINDINGS_FILTERS, type CountedFinding } from './count';

/**
 * The open-findings counter: once a day, counts the open high and critical Security Hub findings
 * this account sees (in organization mode the delegated administrator sees every account's) and
 * publishes them as `LandingZone/Security OpenFindings {Severity}` for the consultant's portfolio.
 */

const logger = new Logger();

/** What the handler depends on; tests pass mocked clients. */
export interface HandlerDependencies {
  readonly securityHub: SecurityHubClient;
  readonly cloudWatch: CloudWatchClient;
  readonly now: () => Date;
  readonly logger: Logger;
}

/** What a run counted. */
export interface OpenFindingsSummary {
  readonly counts: Record<string, number>;
  readonly pages: number;
  /** More findings than {@link MAX_PAGES} pages hold: the counts are lower bounds. */
  readonly truncated: boolean;
}

export function createHandler(deps: HandlerDependencies): () => Promise<OpenFindingsSummary> {
  return async () => {
    const findings: CountedFinding[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const page = await deps.securityHub.send(
        new GetFindingsCommand({ Filters: OPEN_FINDINGS_FILTERS, MaxResults: 100, NextToken: token }),
      );
      findings.push(...(page.Findings ?? []));
      token = page.NextToken;
      pages += 1;
    } while (token && pages < MAX_PAGES);
    const truncated = token !== undefined;
    const counts = countBySeverity(findings);
    const timestamp = deps.now();
    await deps.cloudWatch.send(
      new PutMetricDataCommand({
        Namespace: OPEN_FINDINGS_NAMESPACE,
        MetricData: COUNTED_SEVERITIES.map((label) => ({
          MetricName: OPEN_FINDINGS_METRIC,
          Dimensions: [{ Name: OPEN_FINDINGS_DIMENSION, Value: label }],
          Timestamp: timestamp,
          Value: counts[label],
          Unit: 'Count',
        })),
      }),
    );
    if (truncated) deps.logger.warn('More open findings than one run reads: the counts are lower bounds', { pages });
    deps.logger.info('Counted open findings', { counts, pages });
    return { counts, pages, truncated };
  };
}

export const handler = createHandler({
  securityHub: new SecurityHubClient(sdkClientOptions({})),
  cloudWatch: new CloudWatchClient(sdkClientOptions({})),
  now: () => new Date(),
  logger,
});
