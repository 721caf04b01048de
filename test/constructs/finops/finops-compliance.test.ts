import { App, Stack } from 'aws-cdk-lib';
import { CostAnomalyDetection } from '../../../constructs/finops/anomaly-detection';
import { BudgetGuardrails } from '../../../constructs/finops/budgets';
import { ChatChannels } from '../../../constructs/foundation/chat-channels';
import { CostCollector } from '../../../constructs/finops/cost-collector';
import { MonthlyReport } from '../../../constructs/finops/monthly-report';
import { WasteFinder } from '../../../constructs/finops/waste-finder';
import { AlertTopic } from '../../../constructs/foundation/alert-topic';
import { PlatformKey } from '../../../constructs/foundation/platform-key';
import { collectorSettingsSchema } from '../../../lib/core/finops/collector-settings';
import { cdkJsonContext } from '../../../lib/app/cdk-json';
import { nagFindings } from '../../nag';

/**
 * The FinOps constructs together, every option that adds resources switched on, checked against
 * the five compliance packs. Cost Anomaly Detection cannot live in eu-west-1 (CloudFormation has
 * AWS::CE::* only in us-east-1), so it gets a us-east-1 stack of its own in the same app.
 */
describe('FinOps constructs', () => {
  test('raise no unacknowledged finding in any of the five compliance packs', () => {
    // given: the home-region stack with the platform key and the FinOps and operations topics
    const app = new App({ context: { ...cdkJsonContext(), 'aws:cdk:bundling-stacks': [] } });
    const stack = new Stack(app, 'Test', { env: { account: '123456789012', region: 'eu-west-1' } });
    const key = new PlatformKey(stack, 'PlatformKey');
    key.allowCloudWatchLogs();
    const finops = new AlertTopic(stack, 'FinopsAlerts', {
      key,
      displayName: 'Acme FinOps alerts',
      emails: ['finops@acme.example'],
      publishingServices: ['cloudwatch.amazonaws.com'],
    });
    const operations = new AlertTopic(stack, 'OperationsAlerts', {
      key,
      displayName: 'Acme operations alerts',
      publishingServices: ['cloudwatch.amazonaws.com'],
    });
    const settings = collectorSettingsSchema.parse({
      client: { name: 'acme', displayName: 'Acme Ltd', timeZone: 'Europe/Berlin' },
      accounts: [
        { name: 'production', id: '123456789012' },
        { name: 'staging', id: '210987654321' },
      ],
      finops: {
        budgets: [
          { name: 'total', monthlyLimitUsd: 500 },
          { name: 'compute', monthlyLimitUsd: 200, scope: { type: 'service', service: 'Amazon Elastic Compute Cloud - Compute' } },
          { name: 'staging', monthlyLimitUsd: 100, scope: { type: 'account', account: 'staging' }, costMetric: 'AmortizedCost' },
          { name: 'project-webshop', monthlyLimitUsd: 150, scope: { type: 'tag', key: 'project', value: 'webshop' } },
          { name: 'team-data', monthlyLimitUsd: 300, scope: { type: 'costCategory', name: 'Team', value: 'data' } },
        ],
        collector: { runAt: ['07:00', '12:00', '17:30'] },
      },
    });

    // when
    new BudgetGuardrails(stack, 'Budgets', {
      budgets: settings.finops.budgets,
      alertTopic: finops,
      accountIdsByName: Object.fromEntries(settings.accounts.map((account) => [account.name, account.id])),
    });
    new CostCollector(stack, 'Collector', { settings, topic: finops.topic, operationsTopic: operations.topic, logGroupKey: key.key });
    new WasteFinder(stack, 'WasteFinder', {
      settings: { regions: ['eu-west-1', 'eu-central-1', 'us-east-1'] },
      operationsTopic: operations.topic,
      logGroupKey: key.key,
      timeZone: 'Europe/Berlin',
    });
    new MonthlyReport(stack, 'MonthlyReport', {
      settings: {
        client: settings.client,
        accounts: settings.accounts,
        account: settings.accounts[0],
        budgets: settings.finops.budgets,
        report: { displayCurrency: { code: 'EUR', ratePerUsd: 0.92 } },
        stackPrefix: 'Acme-',
        vaultName: 'acme-backup',
      },
      topic: finops.topic,
      operationsTopic: operations.topic,
      key: key.key,
    });
    new ChatChannels(stack, 'Chat', {
      topics: [finops.topic, operations.topic],
      slack: { workspaceId: 'T0123ABCD', channelId: 'C0123ABCD' },
      teams: {
        tenantId: '3f2504e0-4f89-11d3-9a0c-0305e82c3301',
        teamId: '6ba7b810-9dad-11d1-80b4-00c04fd430c8',
        channelId: '19%3ab6ef35dc342d56ba5654e6fc6d25a071%40thread.tacv2',
        channelName: 'finops',
      },
      loggingLevel: 'ERROR',
    });
    finops.alarmWhenUndelivered(operations.topic);
    operations.alarmWhenUndelivered(finops.topic);

    const global = new Stack(app, 'Global', { env: { account: '123456789012', region: 'us-east-1' } });
    const globalKey = new PlatformKey(global, 'PlatformKey');
    const anomalies = new AlertTopic(global, 'AnomalyAlerts', {
      key: globalKey,
      displayName: 'Acme cost anomalies',
      emails: ['finops@acme.example'],
    });
    new CostAnomalyDetection(global, 'Anomalies', { alertTopic: anomalies, minImpactUsd: 20, minImpactPercent: 20 });

    // then
    expect(nagFindings(app)).toEqual([]);
  });
});
