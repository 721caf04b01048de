import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { App, Duration, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { ScheduledFunction, type ScheduledFunctionProps } from '../../../constructs/shared/scheduled-function';
import { AlertTopic } from '../../../constructs/foundation/alert-topic';
import { PlatformKey } from '../../../constructs/foundation/platform-key';
import { listAcknowledgements } from '../../../constructs/shared/compliance';
import { cdkJsonContext } from '../../../lib/app/cdk-json';
import { nagFindings } from '../../nag';
import { expectDeadLetterQueueWithoutRetries, expectEncryptedRetainedLogGroup } from './scheduled-function-expectations';

const ENV = { account: '123456789012', region: 'eu-west-1' };
const FIXTURE_ENTRY = path.join(__dirname, 'fixtures', 'scheduled-handler.ts');

/**
 * A stack with one scheduled function. Bundling is skipped (`aws:cdk:bundling-stacks`) except where
 * a test asks for it: the template does not depend on the bundle.
 */
function setup(
  props: Partial<ScheduledFunctionProps> = {},
  options: { bundle?: boolean; extend?: (scheduled: ScheduledFunction, stack: Stack) => void } = {},
) {
  const app = new App({
    outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'scheduled-function-test-')),
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
  const scheduled = new ScheduledFunction(stack, 'Job', {
    entry: FIXTURE_ENTRY,
    serviceName: 'nightly-job',
    name: 'NightlyJob',
    description: 'Nightly job of the tests: proves the shared scheduled function',
    environment: { JOB_SETTINGS: '{"x":1}' },
    schedules: ScheduledFunction.dailyAt(['02:15']),
    timeZone: 'Europe/Berlin',
    logGroupKey: key.key,
    operationsTopic: operations.topic,
    ...props,
  });
  options.extend?.(scheduled, stack);
  const id = (construct: any) => stack.getLogicalId(construct.node.defaultChild ?? construct);
  const refs = {
    operationsTopic: { Ref: id(operations.topic) },
    key: id(key.key),
    function: id(scheduled.function),
    queue: id(scheduled.deadLetterQueue),
    logGroup: id(scheduled.logGroup),
  };
  const template = Template.fromStack(stack);
  const role: string = template.toJSON().Resources[refs.function].Properties.Role['Fn::GetAtt'][0];
  return { app, stack, scheduled, refs: { ...refs, role }, template };
}

/** Every statement of every customer managed policy attached to the resource `roleId`. */
function statementsOf(template: Template, roleId: string): any[] {
  return Object.values(template.findResources('AWS::IAM::ManagedPolicy'))
    .filter((p: any) => JSON.stringify(p.Properties.Roles) === JSON.stringify([{ Ref: roleId }]))
    .flatMap((p: any) => p.Properties.PolicyDocument.Statement);
}

function schedulerRoleId(template: Template): string {
  return Object.entries(template.findResources('AWS::IAM::Role')).find(
    ([, r]: any) => r.Properties.AssumeRolePolicyDocument.Statement[0].Principal.Service === 'scheduler.amazonaws.com',
  )![0];
}

describe('ScheduledFunction', () => {
  describe('function', () => {
    test('runs Node.js 24 on ARM64 with 256 MB, 5 minutes, no reserved concurrency (refused in new accounts) and active tracing by default', () => {
      const { template } = setup();
      template.hasResourceProperties('AWS::Lambda::Function', {
        Runtime: 'nodejs24.x',
        Architectures: ['arm64'],
        Handler: 'index.handler',
        Description: 'Nightly job of the tests: proves the shared scheduled function',
        MemorySize: 256,
        Timeout: 300,
        ReservedConcurrentExecutions: Match.absent(),
        TracingConfig: { Mode: 'Active' },
      });
    });

    test('takes memorySize and timeout overrides', () => {
      const { template } = setup({ memorySize: 512, timeout: Duration.minutes(10) });
      template.hasResourceProperties('AWS::Lambda::Function', { MemorySize: 512, Timeout: 600 });
    });

    test('logs to its own KMS-encrypted log group, kept three months by default and retained', () => {
      const { template, refs } = setup();
      expectEncryptedRetainedLogGroup(template, refs);
      template.hasResourceProperties('AWS::Lambda::Function', { LoggingConfig: { LogGroup: { Ref: refs.logGroup } } });
    });

    test('keeps logs as long as logRetention says', () => {
      const { template } = setup({ logRetention: logs.RetentionDays.ONE_MONTH });
      template.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 30 });
    });

    test('gets its own variables, the Powertools service name and level, and source-mapped stack traces', () => {
      const { template, refs } = setup({ logLevel: 'WARN' });
      expect(template.toJSON().Resources[refs.function].Properties.Environment.Variables).toEqual({
        JOB_SETTINGS: '{"x":1}',
        POWERTOOLS_SERVICE_NAME: 'nightly-job',
        LOG_LEVEL: 'WARN',
        NODE_OPTIONS: '--enable-source-maps',
      });
    });

    test('logs at INFO by default', () => {
      const { template } = setup();
      template.hasResourceProperties('AWS::Lambda::Function', { Environment: { Variables: Match.objectLike({ LOG_LEVEL: 'INFO' }) } });
    });

    test('sends failed runs to an encrypted, TLS-only, retained dead-letter queue and does not retry them', () => {
      const { template, refs } = setup();
      expectDeadLetterQueueWithoutRetries(template, refs);
    });
  });

  describe('permissions', () => {
    test('only Lambda assumes the role, which has no inline and no AWS managed policy', () => {
      const { template, refs } = setup();
      template.hasResourceProperties('AWS::IAM::Role', {
        AssumeRolePolicyDocument: {
          Statement: [Match.objectLike({ Action: 'sts:AssumeRole', Principal: { Service: 'lambda.amazonaws.com' } })],
        },
        Description: 'Nightly job of the tests: proves the shared scheduled function',
        ManagedPolicyArns: Match.absent(),
        Policies: Match.absent(),
      });
      template.resourceCountIs('AWS::IAM::Policy', 0);
      expect(template.toJSON().Resources[refs.function].Properties.Role).toEqual({ 'Fn::GetAtt': [refs.role, 'Arn'] });
    });

    test('grants its own log group, its dead-letter queue and X-Ray, and nothing else', () => {
      const { template, refs } = setup();
      expect(statementsOf(template, refs.role)).toEqual(
        expect.arrayContaining([
          {
            Sid: 'WriteOwnLogs',
            Effect: 'Allow',
            Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
            Resource: { 'Fn::GetAtt': [refs.logGroup, 'Arn'] },
          },
          { Sid: 'SendDeadLetters', Effect: 'Allow', Action: 'sqs:SendMessage', Resource: { 'Fn::GetAtt': [refs.queue, 'Arn'] } },
          { Sid: 'WriteTraces', Effect: 'Allow', Action: ['xray:PutTelemetryRecords', 'xray:PutTraceSegments'], Resource: '*' },
        ]),
      );
      expect(statementsOf(template, refs.role)).toHaveLength(3);
    });

    test('addToPolicy adds to its own managed policy, and grants to the function or its role add no inline policy', () => {
      // given
      const bucketArn = 'arn:aws:s3:::acme-reports';

      // when
      const { template, refs } = setup(
        {},
        {
          extend: (scheduled, stack) => {
            scheduled.addToPolicy(
              new iam.PolicyStatement({ sid: 'ReadReports', actions: ['s3:GetObject'], resources: [`${bucketArn}/*`] }),
            );
            new sqs.Queue(stack, 'Elsewhere').grantConsumeMessages(scheduled.function);
            scheduled.role.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['s3:*'], resources: ['*'] }));
          },
        },
      );

      // then
      const own = Object.values(template.findResources('AWS::IAM::ManagedPolicy')).find((p: any) =>
        p.Properties.PolicyDocument.Statement.some((s: any) => s.Sid === 'WriteOwnLogs'),
      ) as any;
      expect(own.Properties.PolicyDocument.Statement).toEqual(
        expect.arrayContaining([{ Sid: 'ReadReports', Effect: 'Allow', Action: 's3:GetObject', Resource: `${bucketArn}/*` }]),
      );
      expect(own.Properties.Roles).toEqual([{ Ref: refs.role }]);
      template.resourceCountIs('AWS::IAM::Policy', 0);
      expect(statementsOf(template, refs.role)).toHaveLength(4);
    });

    test('addManagedPolicy attaches a policy of its own that the function waits for', () => {
      // given
      let policy: iam.ManagedPolicy | undefined;

      // when
      const { stack, template, refs } = setup(
        {},
        {
          extend: (scheduled) => {
            policy = scheduled.addManagedPolicy('ReadParametersPolicy', 'Nightly job: its parameters', [
              new iam.PolicyStatement({
                sid: 'ReadParameters',
                actions: ['ssm:GetParameter'],
                resources: ['arn:aws:ssm:eu-west-1:123456789012:parameter/job/*'],
              }),
            ]);
          },
        },
      );

      // then
      const policyId = stack.getLogicalId(policy!.node.defaultChild as any);
      template.hasResourceProperties('AWS::IAM::ManagedPolicy', {
        Description: 'Nightly job: its parameters',
        Roles: [{ Ref: refs.role }],
        PolicyDocument: { Statement: [Match.objectLike({ Sid: 'ReadParameters', Action: 'ssm:GetParameter' })] },
      });
      const ownPolicies = Object.entries(template.findResources('AWS::IAM::ManagedPolicy'))
        .filter(([, p]: any) => JSON.stringify(p.Properties.Roles) === JSON.stringify([{ Ref: refs.role }]))
        .map(([id]) => id);
      expect(ownPolicies).toHaveLength(3);
      expect(ownPolicies).toContain(policyId);
      // Lambda checks the dead-letter queue permission when it creates the function.
      expect(template.toJSON().Resources[refs.function].DependsOn).toEqual(expect.arrayContaining(ownPolicies));
    });
  });

  describe('schedules', () => {
    test('dailyAt runs at each local time in the time zone, without a flexible window', () => {
      const { template, scheduled } = setup({
        schedules: ScheduledFunction.dailyAt(['06:30', '13:00', '21:45']),
        timeZone: 'America/New_York',
      });
      const schedules = Object.values(template.findResources('AWS::Scheduler::Schedule')) as any[];
      expect(schedules.map((s) => s.Properties.ScheduleExpression).sort()).toEqual([
        'cron(0 13 * * ? *)',
        'cron(30 6 * * ? *)',
        'cron(45 21 * * ? *)',
      ]);
      for (const schedule of schedules) {
        expect(schedule.Properties).toEqual(
          expect.objectContaining({
            ScheduleExpressionTimezone: 'America/New_York',
            FlexibleTimeWindow: { Mode: 'OFF' },
            State: 'ENABLED',
          }),
        );
      }
      expect(scheduled.schedules.map((s) => s.node.id)).toEqual(['Run0630', 'Run1300', 'Run2145']);
    });

    test('takes any cron expression, read in the time zone', () => {
      const { template } = setup({
        schedules: [{ id: 'MondayMorning', cron: { minute: '0', hour: '8', weekDay: 'MON' }, when: 'on Mondays at 08:00' }],
        timeZone: 'Asia/Tokyo',
      });
      template.hasResourceProperties('AWS::Scheduler::Schedule', {
        ScheduleExpression: 'cron(0 8 ? * MON *)',
        ScheduleExpressionTimezone: 'Asia/Tokyo',
        Description: 'nightly-job runs on Mondays at 08:00 (Asia/Tokyo)',
      });
    });

    test('invokes the function through its own role, with retries and the dead-letter queue', () => {
      const { template, refs } = setup();
      template.allResourcesProperties('AWS::Scheduler::Schedule', {
        Target: {
          Arn: { 'Fn::GetAtt': [refs.function, 'Arn'] },
          RoleArn: { 'Fn::GetAtt': [schedulerRoleId(template), 'Arn'] },
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
      expect(statementsOf(template, schedulerRoleId(template))).toEqual([
        { Sid: 'InvokeNightlyJob', Effect: 'Allow', Action: 'lambda:InvokeFunction', Resource: { 'Fn::GetAtt': [refs.function, 'Arn'] } },
        { Sid: 'SendDeadLetters', Effect: 'Allow', Action: 'sqs:SendMessage', Resource: { 'Fn::GetAtt': [refs.queue, 'Arn'] } },
      ]);
      // No resource-based permission on the function: nothing but this role may invoke it.
      template.resourceCountIs('AWS::Lambda::Permission', 0);
    });
  });

  describe('alarms', () => {
    test('a failed run alarms the operations topic, named from the prefix', () => {
      const { template, refs } = setup({ failedRunImpact: 'the nightly report is missing' });
      template.hasResourceProperties('AWS::CloudWatch::Alarm', {
        AlarmName: 'Test-NightlyJob-Errors',
        AlarmDescription: Match.stringLikeRegexp(
          '^A run of nightly-job failed: the nightly report is missing\\. Read the log group Test/Job/Logs',
        ),
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
        AlarmName: 'Test-NightlyJob-DeadLetters',
        Namespace: 'AWS/SQS',
        MetricName: 'ApproximateNumberOfMessagesVisible',
        Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [refs.queue, 'QueueName'] } }],
        Statistic: 'Maximum',
        Threshold: 0,
        ComparisonOperator: 'GreaterThanThreshold',
        TreatMissingData: 'notBreaching',
        AlarmActions: [refs.operationsTopic],
      });
      template.resourceCountIs('AWS::CloudWatch::Alarm', 2);
    });
  });

  describe('compliance', () => {
    test('raises no unacknowledged finding in any of the five packs', () => {
      const { app } = setup();
      expect(nagFindings(app)).toEqual([]);
    });

    test('acknowledges only findings about the function itself, each on the narrowest construct', () => {
      const { stack } = setup();
      const acknowledgements = listAcknowledgements(stack.node.findChild('Job'));
      expect(acknowledgements.map(({ path: at, ruleId }) => `${ruleId} at ${at}`).sort()).toEqual([
        'AwsSolutions-IAM5[Resource::*] at Test/Job/TracingPolicy',
        'HIPAA.Security-LambdaConcurrency at Test/Job/Function/Resource',
        'HIPAA.Security-LambdaInsideVPC at Test/Job/Function/Resource',
        'NIST.800.53.R5-LambdaConcurrency at Test/Job/Function/Resource',
        'NIST.800.53.R5-LambdaInsideVPC at Test/Job/Function/Resource',
        'PCI.DSS.321-LambdaInsideVPC at Test/Job/Function/Resource',
        'Serverless-SQSRedrivePolicy at Test/Job/DeadLetters',
      ]);
      for (const { reason } of acknowledgements) expect(reason.length).toBeGreaterThanOrEqual(60);
    });
  });

  describe('bundling', () => {
    test('bundles with the local esbuild: a minified ES module with require() available and a source map without sources', () => {
      // given / when (no Docker on this machine: bundling would fail if it were needed)
      const { app, stack, refs } = setup({}, { bundle: true });
      const assembly = app.synth();

      // then
      const code = Template.fromStack(stack).toJSON().Resources[refs.function].Properties.Code;
      const assetDir = path.join(assembly.directory, `asset.${(code.S3Key as string).replace(/\.zip$/, '')}`);
      expect(fs.readdirSync(assetDir).sort()).toEqual(['index.mjs', 'index.mjs.map']);
      const bundle = fs.readFileSync(path.join(assetDir, 'index.mjs'), 'utf8');
      expect(
        bundle.startsWith(
          'import { createRequire as __createRequire } from "node:module"; const require = __createRequire(import.meta.url);',
        ),
      ).toBe(true);
      expect(bundle.includes('scheduled fixture ran')).toBe(true);
      expect(bundle.includes('FIXTURE_GREETING_CONSTANT')).toBe(false);
      expect(JSON.parse(fs.readFileSync(path.join(assetDir, 'index.mjs.map'), 'utf8')).sourcesContent).toBeUndefined();
    });
  });

  describe('rejects', () => {
    test.each([
      [
        'a time that is not HH:MM',
        ['7:30'],
        /ScheduledFunction.dailyAt: each time must be HH:MM on a 24-hour clock, 00:00 to 23:59, e.g. 07:30 \(received "7:30"\)/,
      ],
      ['an hour past 23', ['24:00'], /each time must be HH:MM .* \(received "24:00"\)/],
    ])('dailyAt with %s', (_, times, error) => {
      expect(() => ScheduledFunction.dailyAt(times)).toThrow(error);
    });

    test.each<[string, Partial<ScheduledFunctionProps>, RegExp]>([
      [
        'a service name that is not kebab-case',
        { serviceName: 'Nightly Job' },
        /serviceName must be kebab-case, 2-64 lowercase letters, digits and hyphens, e.g. cost-collector \(received "Nightly Job"\)/,
      ],
      [
        'a name that is not PascalCase',
        { name: 'nightly-job' },
        /name must be PascalCase letters and digits, 1-64 characters, e.g. WasteFinder, as it becomes part of IAM statement ids \(received "nightly-job"\)/,
      ],
      [
        "a description over Lambda's limit",
        { description: 'x'.repeat(257) },
        /description must be 1-256 characters, Lambda's limit \(received 257 characters\)/,
      ],
      ['an unknown log level', { logLevel: 'TRACE' as any }, /logLevel must be DEBUG, INFO, WARN or ERROR \(received "TRACE"\)/],
      ["memory below Lambda's minimum", { memorySize: 64 }, /memorySize must be a whole number of MB from 128 to 10240 \(received 64\)/],
      [
        'a timeout over 15 minutes',
        { timeout: Duration.minutes(16) },
        /timeout must be from 1 second to 15 minutes, Lambda's limit \(received 16 minutes\)/,
      ],
      [
        'a time zone that does not exist',
        { timeZone: 'Mars/Olympus_Mons' },
        /timeZone must be an IANA time zone name such as Europe\/Berlin, Europe\/London, America\/New_York or UTC \(received "Mars\/Olympus_Mons"\)/,
      ],
      ['no schedule', { schedules: [] }, /schedules must list at least one run \(received none\)/],
      [
        'a schedule id that is not PascalCase',
        { schedules: [{ id: 'run-1', cron: { minute: '0', hour: '1' } }] },
        /schedules\[\]\.id must be a PascalCase construct id of letters and digits, e.g. Run0700 \(received "run-1"\)/,
      ],
      [
        'the same schedule twice',
        { schedules: ScheduledFunction.dailyAt(['07:00', '07:00']) },
        /schedules must have distinct ids \(received "Run0700" more than once\)/,
      ],
      [
        "an environment that sets the construct's own variables",
        { environment: { LOG_LEVEL: 'DEBUG', NODE_OPTIONS: '' } },
        /environment must not set LOG_LEVEL, NODE_OPTIONS, which the construct sets itself/,
      ],
    ])('%s', (_, props, error) => {
      expect(() => setup(props)).toThrow(error);
    });

    test("an environment that would not fit into Lambda's 4 KB, naming the size and the largest variable", () => {
      expect(() => setup({ environment: { SMALL: 'x', JOB_SETTINGS: 'y'.repeat(4000) } })).toThrow(
        /the function's environment would take about \d+ bytes, over Lambda's limit of 4096 bytes \(JOB_SETTINGS alone: 4002 bytes\)/,
      );
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
