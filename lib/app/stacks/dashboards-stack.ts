import { Stack, StackProps } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { MetricsLink } from '../../../constructs/portfolio/metrics-link';
import { CostReviewDashboard } from '../../../dashboards/cost-review-dashboard';
import { livingDocumentation } from '../../../dashboards/living-documentation';
import { catalogue } from '../../core/alerts/catalogue';
import { dashboardRunbooks } from '../../core/alerts/runbooks';
import { OperationsDashboard } from '../../../dashboards/operations-dashboard';
import { AccountConfig, ClientConfig } from '../../core/config/schema';
import { estimateFinopsCost } from '../../core/finops/cost-estimate';
import { operationsDashboardName, pascalCase } from '../../core/naming';
import { BackupSignals, FinopsSignals, SecuritySignals } from './signals';

/** Properties of {@link DashboardsStack}. */
export interface DashboardsStackProps extends StackProps {
  /** The validated client configuration. */
  readonly config: ClientConfig;
  /** The account this stack is deployed to (in its home region). */
  readonly account: AccountConfig;
  /** What the security stack offers the dashboards, when built. */
  readonly security?: SecuritySignals;
  /** What the backup stack offers the dashboards, when built. */
  readonly backup?: BackupSignals;
  /** What the FinOps stack offers the dashboards, when built. */
  readonly finops?: FinopsSignals;
  /**
   * The consultant's sink in this account's home region, when the client shares its metrics with
   * the portfolio (`portfolio.monitoringAccountId`).
   * @default - nothing is shared
   */
  readonly portfolioSinkArn?: string;
}

/**
 * The dashboards of an account: the operations dashboard ("is the baseline healthy?") in every
 * account and, in the billing account, the cost review dashboard ("are we within budget? what is
 * driving cost?"). They read what the other stacks offer through narrow interfaces
 * (`./signals.ts`). Dashboards cost USD 3 per month each beyond the first three of an account.
 */
export class DashboardsStack extends Stack {
  constructor(scope: Construct, id: string, props: DashboardsStackProps) {
    super(scope, id, props);
    const { config, account, security, backup, finops } = props;
    const prefix = `${pascalCase(config.client.name)}-${pascalCase(account.name)}`;
    if (props.portfolioSinkArn) {
      // The landing zone's metrics, and only those, for the consultant's portfolio dashboard.
      new MetricsLink(this, 'PortfolioLink', { sinkArn: props.portfolioSinkArn, label: `${config.client.name}/${account.name}` });
    }
    const functions = finops?.functions ?? [];

    new OperationsDashboard(this, 'Operations', {
      dashboardName: operationsDashboardName(config, account),
      documentation: livingDocumentation(config),
      backup,
      cisAlarms: security?.cisAlarms,
      findingMetrics: security?.findingMetrics,
      trailLogGroup: security?.trailLogGroup,
      functions: functions.map(({ name, fn }) => ({ name, fn })),
      platformAlarms: functions.flatMap((f) => [f.errorsAlarm, f.deadLetterAlarm]),
      wasteFinder: finops?.wasteFinder ?? false,
      runbooks: dashboardRunbooks(config.client.language),
      language: config.client.language,
    });

    if (config.finops.enabled && account === config.accounts[0]) {
      const c = config.contacts;
      const roles = catalogue(config.client.language).dashboards.roles;
      const contacts = [
        { role: roles.owner, name: c.owner.name, email: c.owner.email },
        { role: roles.technical, name: c.technical.name, email: c.technical.email },
        ...(c.billing ? [{ role: roles.billing, name: c.billing.name, email: c.billing.email }] : []),
      ];
      new CostReviewDashboard(this, 'CostReview', {
        dashboardName: `${prefix}-CostReview`,
        displayName: config.client.displayName,
        budgets: config.finops.budgets,
        contacts,
        timeZone: config.client.timeZone,
        collectorRunAt: config.finops.collector.runAt,
        budgetAlarms: finops?.budgetAlarms ?? [],
        anomalyAlarm: finops?.anomalyAlarm,
        expectedCost: estimateFinopsCost(config, config.client.language),
        language: config.client.language,
      });
    }
  }
}
