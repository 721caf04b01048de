import { Stack, StackProps } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import * as sns from 'aws-cdk-lib/aws-sns';
import { PlatformKey } from '../../../constructs/foundation/platform-key';
import { CostAnomalyDetection } from '../../../constructs/finops/anomaly-detection';
import { BudgetGuardrails } from '../../../constructs/finops/budgets';
import { CostCollector } from '../../../constructs/finops/cost-collector';
import { MonthlyReport } from '../../../constructs/finops/monthly-report';
import { ReportReaderRole } from '../../../constructs/finops/report-reader-role';
import { WasteFinder } from '../../../constructs/finops/waste-finder';
import { AccountConfig, ClientConfig } from '../../core/config/schema';
import { finopsAlertTopicName, pascalCase } from '../../core/naming';
import { billingAccount, runsWorkloads } from '../../core/organization/account-roles';
import { reportReaderRoleName, reportRoleName } from '../../core/report/report-settings';
import { primaryVaultName } from './backup-stack';
import { AlertTopics } from './foundation-stack';
import { FinopsSignals } from './signals';

/** Properties of {@link FinopsStack}. */
export interface FinopsStackProps extends StackProps {
  /** The validated client configuration. */
  readonly config: ClientConfig;
  /** The account, in its home region. */
  readonly account: AccountConfig;
  /** Whether the account is the billing account (the first of the client's accounts). */
  readonly billingAccount: boolean;
  /** The account's alert topics, from the foundation stack. */
  readonly alertTopics: AlertTopics;
  /** The account's platform key, from the foundation stack. */
  readonly platformKey: PlatformKey;
}

/**
 * The FinOps layer of an account, in its home region. Every account gets the waste finder, which
 * can only see the metrics of its own account. The billing account also gets the cost collector
 * (Cost Explorer to CloudWatch metrics, budget alarms, the daily-cost anomaly alarm and the
 * digest) and the monthly report for the management. AWS Budgets and Cost Anomaly Detection live in {@link FinopsBillingStack} (us-east-1);
 * chat channels are in every account's foundation stack.
 */
export class FinopsStack extends Stack {
  /** The cost collector, when on (billing account). */
  readonly collector?: CostCollector;
  /** The waste finder, when on. */
  readonly wasteFinder?: WasteFinder;
  /** The monthly report, when on (billing account). */
  readonly monthlyReport?: MonthlyReport;
  /** What the dashboards show of this stack. */
  readonly signals: FinopsSignals;

  constructor(scope: Construct, id: string, props: FinopsStackProps) {
    super(scope, id, props);
    const { config, alertTopics } = props;
    const finops = config.finops;
    // What the collector and the report both need to know about the client.
    const clientSettings = {
      client: {
        name: config.client.name,
        displayName: config.client.displayName,
        timeZone: config.client.timeZone,
        language: config.client.language,
      },
      accounts: config.accounts.map((a) => ({ name: a.name, id: a.id })),
    };

    if (props.billingAccount && finops.collector.enabled) {
      this.collector = new CostCollector(this, 'CostCollector', {
        settings: {
          ...clientSettings,
          finops,
        },
        topic: alertTopics.finops,
        operationsTopic: alertTopics.operations,
        logGroupKey: props.platformKey.key,
      });
    }

    if (finops.wasteFinder.enabled) {
      this.wasteFinder = new WasteFinder(this, 'WasteFinder', {
        settings: { regions: [...config.allowedRegions] },
        operationsTopic: alertTopics.operations,
        logGroupKey: props.platformKey.key,
        timeZone: config.client.timeZone,
        runAt: finops.wasteFinder.runAt,
      });
    }

    if (props.billingAccount && config.report.enabled) {
      const account = props.account;
      this.monthlyReport = new MonthlyReport(this, 'MonthlyReport', {
        settings: {
          ...clientSettings,
          account: { name: account.name, id: account.id },
          budgets: finops.budgets,
          report: config.report,
          stackPrefix: `${pascalCase(config.client.name)}-`,
          // The vault of this account's backup stack (home region), when it has one.
          vaultName: vaultOf(config, account),
          otherAccounts: config.accounts
            .filter((other) => other.id !== account.id)
            .map((other) => ({
              name: other.name,
              id: other.id,
              region: other.homeRegion,
              roleArn: `arn:${this.partition}:iam::${other.id}:role/${reportReaderRoleName(config.client.name)}`,
              vaultName: vaultOf(config, other),
            })),
        },
        topic: alertTopics.finops,
        operationsTopic: alertTopics.operations,
        key: props.platformKey.key,
      });
    }

    if (!props.billingAccount && config.report.enabled) {
      new ReportReaderRole(this, 'ReportReader', {
        roleName: reportReaderRoleName(config.client.name),
        reportAccountId: billingAccount(config).id,
        reportRoleName: reportRoleName(config.client.name),
        vaultName: vaultOf(config, props.account),
      });
    }

    const collector = this.collector;
    const waste = this.wasteFinder;
    const report = this.monthlyReport;
    this.signals = {
      functions: [
        ...(collector
          ? [
              {
                name: 'Cost collector',
                fn: collector.function,
                errorsAlarm: collector.errorsAlarm,
                deadLetterAlarm: collector.deadLetterAlarm,
              },
            ]
          : []),
        ...(waste
          ? [{ name: 'Waste finder', fn: waste.function, errorsAlarm: waste.errorsAlarm, deadLetterAlarm: waste.deadLetterAlarm }]
          : []),
        ...(report
          ? [{ name: 'Monthly report', fn: report.function, errorsAlarm: report.errorsAlarm, deadLetterAlarm: report.deadLetterAlarm }]
          : []),
      ],
      wasteFinder: waste !== undefined,
      budgetAlarms: collector ? Object.values(collector.budgetAlarms).flat() : [],
      anomalyAlarm: collector?.anomalyAlarm,
    };
  }
}

/** The platform's backup vault in an account's home region, when it has one. */
function vaultOf(config: ClientConfig, account: AccountConfig): string | undefined {
  return config.backup.enabled && runsWorkloads(config, account) ? primaryVaultName(config) : undefined;
}

/**
 * Whether an account needs the FinOps stack: the billing account for the collector or the monthly
 * report, every account for the waste finder and the monthly report's reader role.
 */
export function needsFinopsStack(config: ClientConfig, billingAccount: boolean): boolean {
  const finops = config.finops;
  if (!finops.enabled) return false;
  return finops.wasteFinder.enabled || config.report.enabled || (billingAccount && finops.collector.enabled);
}

/** Properties of {@link FinopsBillingStack}. */
export interface FinopsBillingStackProps extends StackProps {
  /** The validated client configuration. */
  readonly config: ClientConfig;
  /** The billing account (the first of the client's accounts). */
  readonly account: AccountConfig;
}

/**
 * The billing guardrails of the billing account, in us-east-1: an AWS Budget per configured
 * budget and Cost Anomaly Detection. Budgets belong to the account, not a region, but their
 * CloudFormation type is missing from some regions (eu-central-2, for one), and the Cost Explorer
 * anomaly types exist only in us-east-1; one stack there serves every home region.
 *
 * Both alert the account's FinOps topic in its home region, by ARN (the topic has a fixed name;
 * a CloudFormation reference cannot cross regions). That topic's policy and key already admit
 * both services (foundation stack), which is why this stack deploys after the foundation. It
 * holds no key, topic or alarm of its own, so it costs nothing, and alerts never leave the home
 * region's topic.
 */
export class FinopsBillingStack extends Stack {
  constructor(scope: Construct, id: string, props: FinopsBillingStackProps) {
    super(scope, id, props);
    const { config, account } = props;
    const finops = config.finops;
    const finopsTopic = sns.Topic.fromTopicArn(
      this,
      'FinOpsAlerts',
      this.formatArn({ service: 'sns', region: account.homeRegion, account: account.id, resource: finopsAlertTopicName(config) }),
    );

    if (finops.budgets.length > 0) {
      new BudgetGuardrails(this, 'Budgets', {
        budgets: finops.budgets,
        alertTopic: finopsTopic,
        accountIdsByName: Object.fromEntries(config.accounts.map((a) => [a.name, a.id])),
      });
    }
    if (finops.anomalyDetection.enabled) {
      new CostAnomalyDetection(this, 'AnomalyDetection', {
        alertTopic: finopsTopic,
        minImpactUsd: finops.anomalyDetection.minImpactUsd,
        minImpactPercent: finops.anomalyDetection.minImpactPercent,
        existingMonitorArn: finops.anomalyDetection.existingMonitorArn,
      });
    }
  }
}

/** Whether the billing account needs the us-east-1 billing stack. */
export function needsBillingStack(config: ClientConfig): boolean {
  return config.finops.enabled && (config.finops.budgets.length > 0 || config.finops.anomalyDetection.enabled);
}
