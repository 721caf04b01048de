import { Stack, StackProps } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { Construct } from 'constructs';
import { WasteFinder } from '../../../constructs/finops/waste-finder';
import { CostReviewDashboard } from '../../../dashboards/cost-review-dashboard';
import { estimateFinopsCost } from '../../core/finops/cost-estimate';
import { livingDocumentation } from '../../../dashboards/living-documentation';
import { OperationsDashboard } from '../../../dashboards/operations-dashboard';
import { AccountConfig, ClientConfig } from '../../core/config/schema';
import { pascalCase } from '../../core/naming';
import { BackupStack, primaryVaultName } from './backup-stack';
import { FinopsStack } from './finops-stack';
import { SecurityStack } from './security-stack';

/** Properties of {@link DashboardsStack}. */
export interface DashboardsStackProps extends StackProps {
  /** The validated client configuration. */
  readonly config: ClientConfig;
  /** The account this stack is deployed to (in its home region). */
  readonly account: AccountConfig;
  /** The account's security stack, when built. */
  readonly security?: SecurityStack;
  /** The account's backup stack, when built. */
  readonly backup?: BackupStack;
  /** The FinOps stack, in the billing account only. */
  readonly finops?: FinopsStack;
  /** The account's platform key (the waste finder's log group). */
  readonly platformKey: kms.IKey;
  /** The account's operations topic (the waste finder's failure alarms). */
  readonly operationsTopic: sns.ITopic;
}

/**
 * Dashboards and monitoring of an account: the operations dashboard ("is the baseline
 * healthy?") in every account, in the billing account the cost review dashboard ("are we within
 * budget? what is driving cost?"), and the waste finder, which can only see the metrics of its own
 * account and so runs in each. Dashboards cost USD 3 per month each beyond the first three of an
 * account.
 */
export class DashboardsStack extends Stack {
  constructor(scope: Construct, id: string, props: DashboardsStackProps) {
    super(scope, id, props);
    const { config, account, security, backup, finops } = props;
    const prefix = `${pascalCase(config.client.name)}-${pascalCase(account.name)}`;
    const collector = finops?.collector;
    const waste =
      config.finops.enabled && config.finops.wasteFinder.enabled
        ? new WasteFinder(this, 'WasteFinder', {
            settings: { regions: [...config.allowedRegions] },
            clientName: config.client.name,
            operationsTopic: props.operationsTopic,
            logGroupKey: props.platformKey,
            timeZone: config.client.timeZone,
            runAt: config.finops.wasteFinder.runAt,
          })
        : undefined;
    const functions = [
      ...(collector ? [{ name: 'Cost collector', fn: collector.function }] : []),
      ...(waste ? [{ name: 'Waste finder', fn: waste.function }] : []),
    ];
    const platformAlarms = [
      ...(collector ? [collector.errorsAlarm, collector.deadLetterAlarm] : []),
      ...(waste ? [waste.errorsAlarm, waste.deadLetterAlarm] : []),
    ];

    new OperationsDashboard(this, 'Operations', {
      dashboardName: `${prefix}-Operations`,
      documentation: livingDocumentation(config),
      backup: backup ? { vaultName: primaryVaultName(config), failedJobsAlarm: backup.failedJobsAlarm } : undefined,
      cisAlarms: security?.cisAlarms ? [...security.cisAlarms.alarms.values()] : undefined,
      findingMetrics: security?.findingMetrics?.metrics,
      trailLogGroup: security?.trailLogGroup,
      functions,
      platformAlarms,
      wasteFinder: waste !== undefined,
    });

    if (finops && config.finops.enabled) {
      const c = config.contacts;
      const contacts = [
        { role: 'Owner', name: c.owner.name, email: c.owner.email },
        { role: 'Technical', name: c.technical.name, email: c.technical.email },
        ...(c.billing ? [{ role: 'Billing', name: c.billing.name, email: c.billing.email }] : []),
      ];
      const budgetAlarms: cloudwatch.IAlarm[] = collector ? Object.values(collector.budgetAlarms).flat() : [];
      new CostReviewDashboard(this, 'CostReview', {
        dashboardName: `${prefix}-CostReview`,
        displayName: config.client.displayName,
        budgets: config.finops.budgets,
        contacts,
        timeZone: config.client.timeZone,
        collectorRunAt: config.finops.collector.runAt,
        budgetAlarms,
        anomalyAlarm: collector?.anomalyAlarm,
        expectedCost: estimateFinopsCost(config),
      });
    }
  }
}
