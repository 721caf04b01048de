import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as logs from 'aws-cdk-lib/aws-logs';
import { COST_COLLECTOR_ENTRY, CostCollector, type CostCollectorProps } from '../../../constructs/finops/cost-collector';
import { AlertTopic } from '../../../constructs/foundation/alert-topic';
import { PlatformKey } from '../../../constructs/foundation/platform-key';
import { collectorSettingsSchema, type CollectorSettings } from '../../../lib/core/finops/collector-settings';
import { FINOPS_NAMESPACE } from '../../../lib/core/finops/metrics';
import { listAcknowledgements } from '../../../constructs/shared/compliance';
import { cdkJsonContext } from '../../../lib/app/cdk-json';
import { expectDeadLetterQueueWithoutRetries, expectEncryptedRetainedLogGroup } from '../shared/scheduled-function-expectations';

const ENV = { account: '123456789012', region: 'eu-west-1' };

function settingsWith(finops: Record<string, unknown> = {}, client: Record<string, unknown> = {}): CollectorSettings {
  return collectorSettingsSchema.parse({
    client: { name: 'acme', displayName: 'Acme Ltd', timeZone: 'Europe/Berlin', ...client },
    accounts: [{ name: 'production', id: '123456789012' }],
    finops: {
      budgets: [
        { name: 'total', monthlyLimitUsd: 500 },
        {
          name: 'project-webshop',
          monthlyLimitUsd: 150,
          scope: { type: 'tag', key: 'project', value: 'webshop' },
          thresholds: [
            { percent: 90, basis: 'actual' },
            { percent: 100, basis: 'forecast' },
          ],
        },
      ],
      ...finops,
    },
  });
}

/**
 * A stack with the collector. Bundling is skipped (`aws:cdk:bundling-stacks`) except where a test
 * asks for it: the template does not depend on the bundle, and each bundling takes a second.
 */
function setup(props: Partial<CostCollectorProps> = {}, options: { bundle?: boolean } = {}) {
  const app = new App({
    outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'finops-test-')),
    context: { ...cdkJsonContext(), ...(options.bundle ? {} : { 'aws:cdk:bundling-stacks': [] }) },
  });
  const stack = new Stack(app, 'Test', { env: ENV });
  const key = new PlatformKey(stack, 'Key');
  key.allowCloudWatchLogs();
  const finops = new AlertTopic(stack, 'FinopsAlerts', { key, displayName: 'FinOps', publishingServices: ['cloudwatch.amazonaws.com'] });
  const operations = new AlertTopic(stack, 'OperationsAlerts', {
    key,
    displayName: 'Operations',
    publishingServices: ['cloudwatch.amazonaws.com'],
  });
  const collector = new CostCollector(stack, 'Collector', {
    settings: settingsWith(),
    topic: finops.topic,
    operationsTopic: operations.topic,
    logGroupKey: key.key,
    ...props,
  });
  const id = (construct: any) => stack.getLogicalId(construct.node.defaultChild ?? construct);
  const refs = {
    finopsTopic: { Ref: id(finops.topic) },
    operationsTopic: { Ref: id(operations.topic) },
    key: id(key.key),
    function: id(collector.function),
    queue: id(collector.deadLetterQueue),
    parameter: id(collector.stateParameter),
  };
  return { app, stack, collector, refs, template: Template.fromStack(stack) };
}

/** Every statement of every customer managed policy attached to the resource `roleId`. */
function statementsOf(template: Template, roleId: string): any[] {
  return Object.values(template.findResources('AWS::IAM::ManagedPolicy'))
    .filter((p: any) => JSON.stringify(p.Properties.Roles) === JSON.stringify([{ Ref: roleId }]))
    .flatMap((p: any) => p.Properties.PolicyDocument.Statement);
}

const fnRoleId = (template: Template, fnId: string) => (template.toJSON().Resources[fnId].Properties.Role as any)['Fn::GetAtt'][0];

describe('CostCollector', () => {
  describe('function', () => {
    test('runs Node.js 24 on ARM64 with 256 MB, 5 minutes, one concurrent run and active tracing', () => {
      const { template } = setup();
      template.hasResourceProperties('AWS::Lambda::Function', {
        Runtime: 'nodejs24.x',
        Architectures: ['arm64'],
        Handler: 'index.handler',
        MemorySize: 256,
        Timeout: 300,
        ReservedConcurrentExecutions: Match.absent(),
        TracingConfig: { Mode: 'Active' },
      });
    });

    test('logs to its own KMS-encrypted log group, kept three months by default and retained', () => {
      const { template, refs } = setup();
      expectEncryptedRetainedLogGroup(template, refs);
    });

    test('keeps logs as long as logRetention says', () => {
      const { template } = setup({ logRetention: logs.RetentionDays.ONE_YEAR });
      template.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 365 });
    });

    test('gets its settings as one JSON variable, the topic, the state parameter and the Powertools settings', () => {
      const { template, refs } = setup({ logLevel: 'DEBUG' });
      const fn = template.toJSON().Resources[refs.function];
      const variables = fn.Properties.Environment.Variables;
      expect(JSON.parse(variables.COLLECTOR_SETTINGS)).toEqual(settingsWith());
      expect(variables).toEqual(
        expect.objectContaining({
          TOPIC_ARN: refs.finopsTopic,
          STATE_PARAMETER_NAME: { Ref: refs.parameter },
          POWERTOOLS_SERVICE_NAME: 'cost-collector',
          LOG_LEVEL: 'DEBUG',
          NODE_OPTIONS: '--enable-source-maps',
        }),
      );
    });

    test('logs at INFO by default', () => {
      const { template } = setup();
      template.hasResourceProperties('AWS::Lambda::Function', { Environment: { Variables: Match.objectLike({ LOG_LEVEL: 'INFO' }) } });
    });

    test('sends failed runs to an encrypted, TLS-only, retained dead-letter queue and does not retry them', () => {
      const { template, refs } = setup();
      expectDeadLetterQueueWithoutRetries(template, refs);
    });

    test('keeps its state in a String parameter that starts as {}, outlives its stack, and names no client (a rename does not rewrite it)', () => {
      const { template } = setup();
      const parameters = Object.values(template.findResources('AWS::SSM::Parameter'));
      // then: nothing in it changes with the client file, so no update rewrites the value
      expect(parameters).toHaveLength(1);
      expect(parameters[0]).toEqual(expect.objectContaining({ DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' }));
      expect(parameters[0].Properties).toEqual({
        Type: 'String',
        Value: '{}',
        Tier: 'Standard',
        Description: 'Cost collector: budget thresholds already reported (written by the collector; do not edit)',
      });
    });
  });

  describe('permissions', () => {
    test('only Lambda assumes the role, which has no inline and no AWS managed policy', () => {
      const { template, refs } = setup();
      template.hasResourceProperties('AWS::IAM::Role', {
        AssumeRolePolicyDocument: {
          Statement: [Match.objectLike({ Action: 'sts:AssumeRole', Principal: { Service: 'lambda.amazonaws.com' } })],
        },
        Description: Match.stringLikeRegexp('^Cost collector'),
        ManagedPolicyArns: Match.absent(),
        Policies: Match.absent(),
      });
      template.resourceCountIs('AWS::IAM::Policy', 0);
      expect(fnRoleId(template, refs.function)).toBeDefined();
    });

    test("grants exactly the collector's calls, each on the narrowest resource", () => {
      const { template, refs } = setup();
      const statements = statementsOf(template, fnRoleId(template, refs.function)).map(({ Sid, ...rest }) => ({ Sid, ...rest }));
      const logGroupId = Object.keys(template.findResources('AWS::Logs::LogGroup'))[0];
      expect(statements).toEqual(
        expect.arrayContaining([
          { Sid: 'ReadCosts', Effect: 'Allow', Action: ['ce:GetCostAndUsage', 'ce:GetCostForecast'], Resource: '*' },
          {
            Sid: 'PutFinopsMetrics',
            Effect: 'Allow',
            Action: 'cloudwatch:PutMetricData',
            Resource: '*',
            Condition: { StringEquals: { 'cloudwatch:namespace': FINOPS_NAMESPACE } },
          },
          { Sid: 'ReadWasteFigures', Effect: 'Allow', Action: 'cloudwatch:GetMetricData', Resource: '*' },
          { Sid: 'PublishDigest', Effect: 'Allow', Action: 'sns:Publish', Resource: refs.finopsTopic },
          {
            Sid: 'EncryptDigest',
            Effect: 'Allow',
            Action: ['kms:Decrypt', 'kms:GenerateDataKey'],
            Resource: { 'Fn::GetAtt': [refs.key, 'Arn'] },
          },
          {
            Sid: 'ReadWriteState',
            Effect: 'Allow',
            Action: ['ssm:GetParameter', 'ssm:PutParameter'],
            Resource: { 'Fn::Join': ['', ['arn:aws:ssm:eu-west-1:123456789012:parameter/', { Ref: refs.parameter }]] },
          },
          {
            Sid: 'WriteOwnLogs',
            Effect: 'Allow',
            Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
            Resource: { 'Fn::GetAtt': [logGroupId, 'Arn'] },
          },
          { Sid: 'SendDeadLetters', Effect: 'Allow', Action: 'sqs:SendMessage', Resource: { 'Fn::GetAtt': [refs.queue, 'Arn'] } },
          { Sid: 'WriteTraces', Effect: 'Allow', Action: ['xray:PutTelemetryRecords', 'xray:PutTraceSegments'], Resource: '*' },
        ]),
      );
      expect(statements).toHaveLength(9);
      // Only the calls without resource-level permissions are granted on "*".
      expect(
        statements
          .filter((s) => s.Resource === '*')
          .map((s) => s.Sid)
          .sort(),
      ).toEqual(['PutFinopsMetrics', 'ReadCosts', 'ReadWasteFigures', 'WriteTraces']);
    });

    test('reads the waste figures through the metrics policy, whose "*" acknowledgement covers GetMetricData', () => {
      const { stack, template } = setup();
      template.hasResourceProperties('AWS::IAM::ManagedPolicy', {
        Description: Match.stringLikeRegexp(
          '^Cost collector: write CloudWatch metrics in the LandingZone/FinOps namespace only, read the waste figures',
        ),
        PolicyDocument: {
          Statement: [
            Match.objectLike({ Sid: 'PutFinopsMetrics', Action: 'cloudwatch:PutMetricData' }),
            { Sid: 'ReadWasteFigures', Effect: 'Allow', Action: 'cloudwatch:GetMetricData', Resource: '*' },
          ],
        },
      });
      const wildcard = listAcknowledgements(stack.node.findChild('Collector')).filter((a) => a.ruleId === 'AwsSolutions-IAM5[Resource::*]');
      expect(wildcard.map((a) => a.path).sort()).toEqual([
        'Test/Collector/Default/CostExplorerPolicy',
        'Test/Collector/Default/MetricsPolicy',
        'Test/Collector/Default/TracingPolicy',
      ]);
      expect(wildcard.find((a) => a.path === 'Test/Collector/Default/MetricsPolicy')!.reason).toMatch(
        /cloudwatch:GetMetricData .*only accept "\*"[\s\S]*GetMetricData is read-only/,
      );
    });

    test('the function waits for its policies (Lambda checks the dead-letter queue permission on creation)', () => {
      const { template, refs } = setup();
      const policies = Object.keys(template.findResources('AWS::IAM::ManagedPolicy'));
      const dependsOn: string[] = template.toJSON().Resources[refs.function].DependsOn;
      const own = policies.filter((id) => /Collector(OwnResources|CostExplorer|Metrics|Tracing)Policy/.test(id));
      expect(own).toHaveLength(4);
      expect(dependsOn).toEqual(expect.arrayContaining(own));
    });
  });

  describe('schedule', () => {
    test("runs at each configured local time in the client's time zone, without a flexible window", () => {
      const app = setup({
        settings: settingsWith({ collector: { runAt: ['06:30', '13:00', '21:45'] } }, { timeZone: 'America/New_York' }),
      });
      const schedules = app.template.findResources('AWS::Scheduler::Schedule');
      expect(
        Object.values(schedules)
          .map((s: any) => s.Properties.ScheduleExpression)
          .sort(),
      ).toEqual(['cron(0 13 * * ? *)', 'cron(30 6 * * ? *)', 'cron(45 21 * * ? *)']);
      for (const schedule of Object.values(schedules) as any[]) {
        expect(schedule.Properties).toEqual(
          expect.objectContaining({
            ScheduleExpressionTimezone: 'America/New_York',
            FlexibleTimeWindow: { Mode: 'OFF' },
            State: 'ENABLED',
          }),
        );
      }
      expect(app.collector.schedules).toHaveLength(3);
    });

    test('invokes the function through its own role, with retries and the dead-letter queue', () => {
      const { template, refs } = setup();
      const schedulerRole = Object.entries(template.findResources('AWS::IAM::Role')).find(
        ([, r]: any) => r.Properties.AssumeRolePolicyDocument.Statement[0].Principal.Service === 'scheduler.amazonaws.com',
      )![0];
      template.allResourcesProperties('AWS::Scheduler::Schedule', {
        Target: {
          Arn: { 'Fn::GetAtt': [refs.function, 'Arn'] },
          RoleArn: { 'Fn::GetAtt': [schedulerRole, 'Arn'] },
          RetryPolicy: { MaximumRetryAttempts: 3, MaximumEventAgeInSeconds: 3600 },
          DeadLetterConfig: { Arn: { 'Fn::GetAtt': [refs.queue, 'Arn'] } },
        },
      });
    });

    test("the scheduler role serves only this account's schedules and may only invoke this function", () => {
      const { template, refs } = setup();
      template.hasResourceProperties('AWS::IAM::Role', {
        AssumeRolePolicyDocument: {
          Statement: [
            {
              Effect: 'Allow',
              Action: 'sts:AssumeRole',
              Principal: { Service: 'scheduler.amazonaws.com' },
              Condition: {
                StringEquals: {
                  'aws:SourceAccount': '123456789012',
                  'aws:SourceArn': 'arn:aws:scheduler:eu-west-1:123456789012:schedule-group/default',
                },
              },
            },
          ],
        },
        Policies: Match.absent(),
      });
      const schedulerRole = Object.entries(template.findResources('AWS::IAM::Role')).find(
        ([, r]: any) => r.Properties.AssumeRolePolicyDocument.Statement[0].Principal.Service === 'scheduler.amazonaws.com',
      )![0];
      expect(statementsOf(template, schedulerRole)).toEqual([
        { Sid: 'InvokeCollector', Effect: 'Allow', Action: 'lambda:InvokeFunction', Resource: { 'Fn::GetAtt': [refs.function, 'Arn'] } },
        { Sid: 'SendDeadLetters', Effect: 'Allow', Action: 'sqs:SendMessage', Resource: { 'Fn::GetAtt': [refs.queue, 'Arn'] } },
      ]);
      // No resource-based permission on the function: nothing but this role may invoke it.
      template.resourceCountIs('AWS::Lambda::Permission', 0);
    });
  });

  describe('alarms', () => {
    test("one alarm per budget and threshold on the collector's percent metric, read with Maximum over a day", () => {
      const { template, collector, refs } = setup();
      const expected = [
        ['total', 'BudgetUsedPercent', 80, 'Actual'],
        ['total', 'BudgetUsedPercent', 100, 'Actual'],
        ['total', 'BudgetForecastUsedPercent', 100, 'Forecast'],
        ['project-webshop', 'BudgetUsedPercent', 90, 'Actual'],
        ['project-webshop', 'BudgetForecastUsedPercent', 100, 'Forecast'],
      ] as const;
      for (const [budget, metricName, threshold, basis] of expected) {
        template.hasResourceProperties('AWS::CloudWatch::Alarm', {
          AlarmName: `Test-Budget-${budget}-${basis}-${threshold}pct`,
          // The metric of the FinOps metric factory, which the cost review dashboard reads too (with its label).
          Metrics: [
            {
              Id: 'm1',
              Label: basis === 'Actual' ? 'Spent (% of limit)' : 'Expected (% of limit)',
              MetricStat: {
                Metric: { Namespace: FINOPS_NAMESPACE, MetricName: metricName, Dimensions: [{ Name: 'Budget', Value: budget }] },
                Stat: 'Maximum',
                Period: 86400,
              },
              ReturnData: true,
            },
          ],
          EvaluationPeriods: 1,
          Threshold: threshold,
          ComparisonOperator: 'GreaterThanOrEqualToThreshold',
          TreatMissingData: 'ignore',
          AlarmActions: [refs.finopsTopic],
        });
      }
      expect(Object.keys(collector.budgetAlarms)).toEqual(['total', 'project-webshop']);
      expect(collector.budgetAlarms.total).toHaveLength(3);
      expect(collector.budgetAlarms['project-webshop']).toHaveLength(2);
    });

    test('keeps each budget alarm when budgets are reordered (a replaced alarm of the same name would end up deleted)', () => {
      const [a, b] = settingsWith().finops.budgets;
      const ids = (order: (typeof a)[]) => {
        const { template } = setup({ settings: { ...settingsWith(), finops: { ...settingsWith().finops, budgets: order } } });
        return Object.fromEntries(
          Object.entries(template.findResources('AWS::CloudWatch::Alarm')).map(([id, r]: any) => [r.Properties.AlarmName, id]),
        );
      };
      expect(ids([a, b])).toEqual(ids([b, a]));
    });

    test('an anomaly detection alarm on the total daily cost, above the band on one of the last two days', () => {
      const { template, refs } = setup({ dailyCostAnomalyStdDevs: 3 });
      template.hasResourceProperties('AWS::CloudWatch::Alarm', {
        AlarmName: 'Test-DailyCost-Anomaly',
        ComparisonOperator: 'GreaterThanUpperThreshold',
        EvaluationPeriods: 2,
        DatapointsToAlarm: 1,
        TreatMissingData: 'ignore',
        ThresholdMetricId: 'expr_1',
        AlarmActions: [refs.finopsTopic],
        Metrics: Match.arrayWith([
          Match.objectLike({ Id: 'expr_1', Expression: 'ANOMALY_DETECTION_BAND(m0, 3)' }),
          Match.objectLike({
            Id: 'm0',
            ReturnData: true,
            MetricStat: { Metric: { Namespace: FINOPS_NAMESPACE, MetricName: 'TotalDailyCost' }, Period: 86400, Stat: 'Maximum' },
          }),
        ]),
      });
    });

    test('a failed run alarms the operations topic', () => {
      const { template, refs } = setup();
      template.hasResourceProperties('AWS::CloudWatch::Alarm', {
        AlarmName: 'Test-Collector-Errors',
        Namespace: 'AWS/Lambda',
        MetricName: 'Errors',
        Dimensions: [{ Name: 'FunctionName', Value: { Ref: refs.function } }],
        Statistic: 'Sum',
        Period: 300,
        Threshold: 1,
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
        TreatMissingData: 'notBreaching',
        AlarmActions: [refs.operationsTopic],
      });
    });

    test('anything in the dead-letter queue alarms the operations topic', () => {
      const { template, refs } = setup();
      template.hasResourceProperties('AWS::CloudWatch::Alarm', {
        AlarmName: 'Test-Collector-DeadLetters',
        Namespace: 'AWS/SQS',
        MetricName: 'ApproximateNumberOfMessagesVisible',
        Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [refs.queue, 'QueueName'] } }],
        Statistic: 'Maximum',
        Threshold: 0,
        ComparisonOperator: 'GreaterThanThreshold',
        AlarmActions: [refs.operationsTopic],
      });
    });

    test("every alarm is named by the one naming function: its stack's name, then what it watches", () => {
      const { template } = setup();
      const names = Object.values(template.findResources('AWS::CloudWatch::Alarm')).map((a: any) => a.Properties.AlarmName);
      expect(names).toHaveLength(5 + 3);
      for (const name of names) expect(name).toMatch(/^Test-(Budget|DailyCost|Collector)-/);
    });
  });

  describe('bundling', () => {
    test('bundles the real handler with the local esbuild: minified ES module with its source map and the AWS SDK inside', () => {
      // given the real entry point (no Docker on this machine: bundling would fail if it were needed)
      expect(fs.existsSync(COST_COLLECTOR_ENTRY)).toBe(true);

      // when
      const { app, stack, refs } = setup({}, { bundle: true });
      const assembly = app.synth();

      // then
      const code = Template.fromStack(stack).toJSON().Resources[refs.function].Properties.Code;
      const assetHash = (code.S3Key as string).replace(/\.zip$/, '');
      const assetDir = path.join(assembly.directory, `asset.${assetHash}`);
      const files = fs.readdirSync(assetDir).sort();
      expect(files).toEqual(['index.mjs', 'index.mjs.map']);
      const bundle = fs.readFileSync(path.join(assetDir, 'index.mjs'), 'utf8');
      // The Cost Explorer client's wire name: the SDK is in the bundle, not taken from the runtime.
      expect(bundle.includes('AWSInsightsIndexService')).toBe(true);
      // Minified: the handler's constant names are gone.
      expect(bundle.includes('DIGEST_TOP_SERVICES')).toBe(false);
      const map = JSON.parse(fs.readFileSync(path.join(assetDir, 'index.mjs.map'), 'utf8'));
      expect(map.sourcesContent).toBeUndefined();
    });
  });

  describe('rejects', () => {
    test('settings the function would refuse at cold start, naming the problem', () => {
      const settings = { ...settingsWith(), client: { ...settingsWith().client, timeZone: 'Mars/Olympus_Mons' } };
      expect(() => setup({ settings })).toThrow(
        /settings do not match the collector's settings schema \(lib\/core\/finops\/collector-settings.ts\)[\s\S]*client.timeZone/,
      );
    });

    test("settings that would not fit into Lambda's 4 KB environment, naming the size", () => {
      const budgets = Array.from({ length: 40 }, (_, i) => ({
        name: `budget-${i}-${'x'.repeat(60)}`,
        monthlyLimitUsd: 100,
        scope: { type: 'service', service: 'Amazon Elastic Compute Cloud - Compute' },
      }));
      expect(() => setup({ settings: settingsWith({ budgets }) })).toThrow(
        /the function's environment would take about \d+ bytes, over Lambda's limit of 4096 bytes \(COLLECTOR_SETTINGS alone: \d+ bytes\)/,
      );
    });

    test('an anomaly band that is not above zero', () => {
      expect(() => setup({ dailyCostAnomalyStdDevs: 0 })).toThrow(
        /dailyCostAnomalyStdDevs must be a number of standard deviations greater than zero, typically 2-3 \(received 0\)/,
      );
    });

    test('an unknown log level', () => {
      expect(() => setup({ logLevel: 'TRACE' as any })).toThrow(/logLevel must be DEBUG, INFO, WARN or ERROR \(received "TRACE"\)/);
    });

    test('a log group key of another region', () => {
      const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
      const other = new Stack(app, 'Other', { env: { account: '123456789012', region: 'us-east-1' } });
      const foreignKey = new PlatformKey(other, 'Key');
      expect(() => setup({ logGroupKey: foreignKey.key })).toThrow(
        /logGroupKey must be a key of this region eu-west-1, as CloudWatch Logs only uses keys of its own region \(received a key of us-east-1\)/,
      );
    });
  });
});
