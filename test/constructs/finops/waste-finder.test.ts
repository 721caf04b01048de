import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as logs from 'aws-cdk-lib/aws-logs';
import { WASTE_FINDER_ENTRY, WasteFinder, type WasteFinderProps } from '../../../constructs/finops/waste-finder';
import { AlertTopic } from '../../../constructs/foundation/alert-topic';
import { PlatformKey } from '../../../constructs/foundation/platform-key';
import { FINOPS_NAMESPACE } from '../../../lib/core/finops/metrics';
import { parseWasteFinderSettings } from '../../../lib/core/finops/waste-finder-settings';
import { listAcknowledgements } from '../../../constructs/shared/compliance';
import { cdkJsonContext } from '../../../lib/app/cdk-json';
import { expectDeadLetterQueueWithoutRetries, expectEncryptedRetainedLogGroup } from '../shared/scheduled-function-expectations';

const ENV = { account: '123456789012', region: 'eu-west-1' };
const SETTINGS = { regions: ['eu-west-1', 'us-east-1'], thresholds: { ec2Instance: { idleMaxCpuPercentBelow: 3 } } };

/**
 * A stack with the waste finder. Bundling is skipped (`aws:cdk:bundling-stacks`) except where a
 * test asks for it: the template does not depend on the bundle.
 */
function setup(props: Partial<WasteFinderProps> = {}, options: { bundle?: boolean } = {}) {
  const app = new App({
    outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'waste-finder-test-')),
    context: { ...cdkJsonContext(), ...(options.bundle ? {} : { 'aws:cdk:bundling-stacks': [] }) },
  });
  const stack = new Stack(app, 'Test', { env: ENV });
  const key = new PlatformKey(stack, 'Key');
  key.allowCloudWatchLogs();
  const operations = new AlertTopic(stack, 'OperationsAlerts', {
    key,
    displayName: 'Operations',
    publishingServices: ['cloudwatch.amazonaws.com'],
  });
  const finder = new WasteFinder(stack, 'WasteFinder', {
    settings: SETTINGS,
    operationsTopic: operations.topic,
    logGroupKey: key.key,
    timeZone: 'Europe/Berlin',
    ...props,
  });
  const template = Template.fromStack(stack);
  const id = (construct: any) => stack.getLogicalId(construct.node.defaultChild ?? construct);
  const fnId = id(finder.function);
  const refs = {
    operationsTopic: { Ref: id(operations.topic) },
    key: id(key.key),
    function: fnId,
    queue: id(finder.deadLetterQueue),
    role: template.toJSON().Resources[fnId].Properties.Role['Fn::GetAtt'][0] as string,
  };
  return { app, stack, finder, refs, template };
}

/** Every customer managed policy attached to the resource `roleId`, by logical id. */
function policiesOf(template: Template, roleId: string): Record<string, any> {
  return Object.fromEntries(
    Object.entries(template.findResources('AWS::IAM::ManagedPolicy')).filter(
      ([, p]: any) => JSON.stringify(p.Properties.Roles) === JSON.stringify([{ Ref: roleId }]),
    ),
  );
}

const statementsOf = (template: Template, roleId: string): any[] =>
  Object.values(policiesOf(template, roleId)).flatMap((p: any) => p.Properties.PolicyDocument.Statement);

describe('WasteFinder', () => {
  describe('function', () => {
    test("runs the waste finder's handler on Node.js 24, ARM64, 256 MB, 10 minutes, one concurrent run, active tracing", () => {
      const { template } = setup();
      template.hasResourceProperties('AWS::Lambda::Function', {
        Runtime: 'nodejs24.x',
        Architectures: ['arm64'],
        Handler: 'index.handler',
        MemorySize: 256,
        Timeout: 600,
        ReservedConcurrentExecutions: Match.absent(),
        TracingConfig: { Mode: 'Active' },
        Description: Match.stringLikeRegexp('^Waste finder: idle and oversized resources in 2 region\\(s\\)'),
      });
    });

    test('gets its settings, validated and with the defaults filled in, as WASTE_FINDER_SETTINGS, and the Powertools settings', () => {
      const { template, refs, finder } = setup({ logLevel: 'DEBUG' });
      const variables = template.toJSON().Resources[refs.function].Properties.Environment.Variables;
      expect(Object.keys(variables).sort()).toEqual(['LOG_LEVEL', 'NODE_OPTIONS', 'POWERTOOLS_SERVICE_NAME', 'WASTE_FINDER_SETTINGS']);
      expect(variables).toEqual(
        expect.objectContaining({ POWERTOOLS_SERVICE_NAME: 'waste-finder', LOG_LEVEL: 'DEBUG', NODE_OPTIONS: '--enable-source-maps' }),
      );
      // What the function will parse at cold start, with the function's own parser.
      const parsed = parseWasteFinderSettings(variables.WASTE_FINDER_SETTINGS);
      expect(parsed).toEqual(finder.settings);
      expect(parsed).toEqual(
        expect.objectContaining({
          regions: ['eu-west-1', 'us-east-1'],
          lookbackDays: 14,
          minDaysWithData: 14,
          maxGetMetricDataRequests: 20,
        }),
      );
      expect(parsed.thresholds.ec2Instance).toEqual({ idleMaxCpuPercentBelow: 3, oversizedMaxCpuPercentBelow: 20 });
    });

    test('logs to its own KMS-encrypted, retained log group, three months by default or as logRetention says', () => {
      const { template, refs } = setup();
      expectEncryptedRetainedLogGroup(template, refs);
      setup({ logRetention: logs.RetentionDays.SIX_MONTHS }).template.hasResourceProperties('AWS::Logs::LogGroup', {
        RetentionInDays: 180,
      });
    });

    test('sends failed scans to an encrypted, retained dead-letter queue and does not retry them', () => {
      const { template, refs } = setup();
      expectDeadLetterQueueWithoutRetries(template, refs);
    });
  });

  describe('permissions', () => {
    test('grants exactly the CloudWatch calls of the scan, PutMetricData only into the FinOps namespace', () => {
      const { template, refs } = setup();
      const logGroupId = Object.keys(template.findResources('AWS::Logs::LogGroup'))[0];
      const statements = statementsOf(template, refs.role);
      expect(statements).toEqual(
        expect.arrayContaining([
          { Sid: 'ReadMetrics', Effect: 'Allow', Action: ['cloudwatch:GetMetricData', 'cloudwatch:ListMetrics'], Resource: '*' },
          {
            Sid: 'PutFinopsMetrics',
            Effect: 'Allow',
            Action: 'cloudwatch:PutMetricData',
            Resource: '*',
            Condition: { StringEquals: { 'cloudwatch:namespace': FINOPS_NAMESPACE } },
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
      expect(statements).toHaveLength(5);
      expect(FINOPS_NAMESPACE).toBe('LandingZone/FinOps');
      // Only the APIs without resource-level permissions are granted on "*".
      expect(
        statements
          .filter((s) => s.Resource === '*')
          .map((s) => s.Sid)
          .sort(),
      ).toEqual(['PutFinopsMetrics', 'ReadMetrics', 'WriteTraces']);
    });

    test('all in customer managed policies, which the function waits for: no inline and no AWS managed policy', () => {
      const { template, refs } = setup();
      template.resourceCountIs('AWS::IAM::Policy', 0);
      template.hasResourceProperties('AWS::IAM::Role', {
        AssumeRolePolicyDocument: { Statement: [Match.objectLike({ Principal: { Service: 'lambda.amazonaws.com' } })] },
        ManagedPolicyArns: Match.absent(),
        Policies: Match.absent(),
      });
      const policies = Object.keys(policiesOf(template, refs.role));
      expect(policies).toHaveLength(4);
      expect(template.toJSON().Resources[refs.function].DependsOn).toEqual(expect.arrayContaining(policies));
    });

    test('acknowledges "*" only on the policies of the APIs that accept nothing else', () => {
      const { stack } = setup();
      const wildcard = listAcknowledgements(stack.node.findChild('WasteFinder'))
        .filter((a) => a.ruleId === 'AwsSolutions-IAM5[Resource::*]')
        .map((a) => a.path)
        .sort();
      expect(wildcard).toEqual([
        'Test/WasteFinder/Default/MetricsPolicy',
        'Test/WasteFinder/Default/ReadMetricsPolicy',
        'Test/WasteFinder/Default/TracingPolicy',
      ]);
    });
  });

  describe('schedule', () => {
    test("runs daily at 06:00 in the client's time zone by default", () => {
      const { template, finder } = setup();
      template.resourceCountIs('AWS::Scheduler::Schedule', 1);
      template.hasResourceProperties('AWS::Scheduler::Schedule', {
        ScheduleExpression: 'cron(0 6 * * ? *)',
        ScheduleExpressionTimezone: 'Europe/Berlin',
        FlexibleTimeWindow: { Mode: 'OFF' },
        State: 'ENABLED',
      });
      expect(finder.schedule.node.id).toBe('Run0600');
    });

    test('runs at runAt in timeZone, through a role that may only invoke this function', () => {
      const { template, refs } = setup({ runAt: '21:15', timeZone: 'America/New_York' });
      template.hasResourceProperties('AWS::Scheduler::Schedule', {
        ScheduleExpression: 'cron(15 21 * * ? *)',
        ScheduleExpressionTimezone: 'America/New_York',
        Target: Match.objectLike({
          Arn: { 'Fn::GetAtt': [refs.function, 'Arn'] },
          RetryPolicy: { MaximumRetryAttempts: 3, MaximumEventAgeInSeconds: 3600 },
        }),
      });
      const schedulerRole = Object.entries(template.findResources('AWS::IAM::Role')).find(
        ([, r]: any) => r.Properties.AssumeRolePolicyDocument.Statement[0].Principal.Service === 'scheduler.amazonaws.com',
      )![0];
      expect(statementsOf(template, schedulerRole)).toEqual([
        { Sid: 'InvokeWasteFinder', Effect: 'Allow', Action: 'lambda:InvokeFunction', Resource: { 'Fn::GetAtt': [refs.function, 'Arn'] } },
        { Sid: 'SendDeadLetters', Effect: 'Allow', Action: 'sqs:SendMessage', Resource: { 'Fn::GetAtt': [refs.queue, 'Arn'] } },
      ]);
      template.resourceCountIs('AWS::Lambda::Permission', 0);
    });
  });

  describe('alarms', () => {
    test('a failed scan and anything in the dead-letter queue alarm the operations topic', () => {
      const { template, refs, finder } = setup();
      template.hasResourceProperties('AWS::CloudWatch::Alarm', {
        AlarmName: 'Test-WasteFinder-Errors',
        Namespace: 'AWS/Lambda',
        MetricName: 'Errors',
        Dimensions: [{ Name: 'FunctionName', Value: { Ref: refs.function } }],
        Statistic: 'Sum',
        Threshold: 1,
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
        TreatMissingData: 'notBreaching',
        AlarmActions: [refs.operationsTopic],
      });
      template.hasResourceProperties('AWS::CloudWatch::Alarm', {
        AlarmName: 'Test-WasteFinder-DeadLetters',
        Namespace: 'AWS/SQS',
        Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [refs.queue, 'QueueName'] } }],
        AlarmActions: [refs.operationsTopic],
      });
      expect(finder.errorsAlarm.node.path).toBe('Test/WasteFinder/Default/ErrorsAlarm');
    });
  });

  describe('bundling', () => {
    test('bundles the real handler as an ES module with the CloudWatch client inside, which loads and exports handler', () => {
      // given the real entry point (no Docker on this machine: bundling would fail if it were needed)
      expect(fs.existsSync(WASTE_FINDER_ENTRY)).toBe(true);

      // when
      const { app, stack, refs } = setup({}, { bundle: true });
      const assembly = app.synth();

      // then
      const code = Template.fromStack(stack).toJSON().Resources[refs.function].Properties.Code;
      const assetDir = path.join(assembly.directory, `asset.${(code.S3Key as string).replace(/\.zip$/, '')}`);
      expect(fs.readdirSync(assetDir).sort()).toEqual(['index.mjs', 'index.mjs.map']);
      const bundle = fs.readFileSync(path.join(assetDir, 'index.mjs'), 'utf8');
      // CloudWatch's wire name: the SDK is in the bundle, not taken from the runtime.
      expect(bundle.includes('GraniteServiceVersion20100801')).toBe(true);
      // The README describes a CommonJS bundle; the ES module must load as well (module scope runs).
      const loaded = execFileSync(
        process.execPath,
        [
          '--input-type=module',
          '-e',
          `const m = await import(${JSON.stringify(path.join(assetDir, 'index.mjs'))}); console.log(typeof m.handler);`,
        ],
        {
          env: { PATH: process.env.PATH, POWERTOOLS_LOG_LEVEL: 'SILENT' },
          encoding: 'utf8',
        },
      );
      expect(loaded.trim()).toBe('function');
    });
  });

  describe('rejects', () => {
    test('settings the function would refuse at cold start, naming each problem', () => {
      expect(() => setup({ settings: { regions: ['eu-west-1', 'mars-north-1x'], lookbackDays: 90 } })).toThrow(
        /settings do not match the waste finder's settings schema \(lib\/core\/finops\/waste-finder-settings.ts\), so the function would fail at cold start:\n- regions.1: must be a region name like eu-west-1, got "mars-north-1x"\n- lookbackDays: must be at most 63/,
      );
    });

    test('a runAt that is not HH:MM', () => {
      expect(() => setup({ runAt: '6:00' })).toThrow(
        /runAt must be a local time HH:MM on a 24-hour clock, 00:00 to 23:59, e.g. 06:00 \(received "6:00"\)/,
      );
    });

    test('a time zone that does not exist', () => {
      expect(() => setup({ timeZone: 'Europe/Atlantis' })).toThrow(
        /timeZone must be an IANA time zone name such as Europe\/Berlin, Europe\/London, America\/New_York or UTC \(received "Europe\/Atlantis"\)/,
      );
    });
  });
});
