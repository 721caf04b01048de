import { Logger } from '@aws-lambda-powertools/logger';
import type { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { FINOPS_NAMESPACE } from '../../lib/core/finops/metrics';
import { cloudWatchClientFor } from './clients';
import { CloudWatchReader } from './cloudwatch-reader';
import { MetricPublisher } from './metric-publisher';
import type { WasteScanSummary } from './report';
import { retryOptions, type RetryOptions } from '../shared/retry';
import { runWasteScan } from './scan';
import { parseWasteFinderSettings, WASTE_FINDER_SETTINGS_ENV, type WasteFinderSettings } from '../../lib/core/finops/waste-finder-settings';

/**
 * The waste finder (the monitoring collector): a scheduled Lambda that reads CloudWatch metrics
 * in every allowed region (ListMetrics, GetMetricData), finds idle and oversized resources, and
 * publishes counts, estimated waste and its own cost in the home region.
 *
 * Environment: `WASTE_FINDER_SETTINGS` (JSON, see settings.ts), `POWERTOOLS_SERVICE_NAME`,
 * `LOG_LEVEL`, and `AWS_REGION` (set by Lambda: the home region, where metrics are published).
 */

/** The module's logger: service name and level from POWERTOOLS_SERVICE_NAME and LOG_LEVEL. */
const logger = new Logger();

/** What the handler depends on; tests replace the clock, the sleep and the clients. */
export interface HandlerDependencies {
  readonly clientFor: (region: string) => CloudWatchClient;
  readonly now: () => Date;
  readonly retry: RetryOptions;
  readonly logger: Logger;
  readonly env: NodeJS.ProcessEnv;
}

let cachedSettings: { readonly raw: string | undefined; readonly settings: WasteFinderSettings } | undefined;

/** Settings parsed once per execution environment (again only if the variable changed, as in tests). */
function settingsFrom(env: NodeJS.ProcessEnv): WasteFinderSettings {
  const raw = env[WASTE_FINDER_SETTINGS_ENV];
  if (cachedSettings === undefined || cachedSettings.raw !== raw) {
    cachedSettings = { raw, settings: parseWasteFinderSettings(raw) };
  }
  return cachedSettings.settings;
}

/** Builds a handler over the given dependencies. */
export function createHandler(deps: HandlerDependencies): (event?: unknown) => Promise<WasteScanSummary> {
  return async () => {
    try {
      const settings = settingsFrom(deps.env);
      const homeRegion = deps.env.AWS_REGION;
      if (!homeRegion) throw new Error('AWS_REGION is not set: the waste finder publishes its metrics in the region it runs in');
      const reader = new CloudWatchReader({
        clientFor: deps.clientFor,
        maxGetMetricDataRequests: settings.maxGetMetricDataRequests,
        retry: deps.retry,
        logger: deps.logger,
      });
      const publisher = new MetricPublisher({
        client: deps.clientFor(homeRegion),
        namespace: FINOPS_NAMESPACE,
        retry: deps.retry,
        logger: deps.logger,
      });
      const summary = await runWasteScan({ settings, reader, publisher, now: deps.now(), logger: deps.logger });
      deps.logger.info('Waste scan summary', { summary });
      return summary;
    } catch (error) {
      deps.logger.error('Waste scan failed', error as Error);
      throw error;
    }
  };
}

/** Lambda entry point. The event (a schedule) carries nothing the scan needs. */
export const handler = createHandler({
  clientFor: cloudWatchClientFor,
  now: () => new Date(),
  retry: retryOptions(),
  logger,
  env: process.env,
});
