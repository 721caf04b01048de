import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { ALERT_NOTIFIER_ENTRY, AlertNotifier, type AlertNotifierProps } from '../../../constructs/foundation/alert-notifier';
import { AlertTopic } from '../../../constructs/foundation/alert-topic';
import { PlatformKey } from '../../../constructs/foundation/platform-key';
import { cdkJsonContext } from '../../../lib/app/cdk-json';
import {
  ALERT_NOTIFIER_SETTINGS_ENV,
  ALERT_NOTIFIER_TABLE_ENV,
  parseAlertNotifierSettings,
} from '../../../lib/core/alerts/notifier-settings';

const SETTINGS: AlertNotifierProps['settings'] = {
  language: 'de',
  client: 'Acme GmbH',
  accountName: 'production',
  accountId: '123456789012',
  region: 'eu-west-1',
  contacts: { security: [{ name: 'Sam', email: 'sam@acme.example' }], operations: [], finops: [] },
  runbookUrl: 'https://console.aws.amazon.com/cloudwatch/home?region=eu-west-1#dashboards/dashboard/Acme-Production-Operations',
};

function setup(props: Partial<AlertNotifierProps> = {}, options: { bundle?: boolean } = {}) {
  const app = new App({
    outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'alert-notifier-test-')),
    context: { ...cdkJsonContext(), ...(options.bundle ? {} : { 'aws:cdk:bundling-stacks': [] }) },
  });
  const stack = new Stack(app, 'Foundation', { env: { account: '123456789012', region: 'eu-west-1' } });
  const key = new PlatformKey(stack, 'Key');
  key.allowCloudWatchLogs();
  const topic = (id: string) => new AlertTopic(stack, id, { key, displayName: id, publishingServices: ['cloudwatch.amazonaws.com'] }).topic;
  const topics = { security: topic('SecurityAlerts'), operations: topic('OperationsAlerts'), finops: topic('FinopsAlerts') };
  const notifier = new AlertNotifier(stack, 'AlertNotifier', {
    topics,
    key: key.key,
    settings: SETTINGS,
    timeZone: 'Europe/Berlin',
    ...props,
  });
  const template = Template.fromStack(stack);
  const id = (construct: any) => stack.getLogicalId(construct.node.defaultChild ?? construct);
  return {
    app,
    stack,
    notifier,
    template,
    id,
    ids: { key: id(key.key), topics: Object.values(topics).map(id), table: id(notifier.table) },
  };
}

describe('AlertNotifier', () => {
  const { template, notifier, id, ids } = setup();
  const fn = template.toJSON().Resources[id(notifier.function)];

  test('remembers findings in a retained, key-encrypted, on-demand table with expiry and point-in-time recovery', () => {
    template.hasResource('AWS::DynamoDB::Table', {
      DeletionPolicy: 'Retain',
      Properties: {
        KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
        BillingMode: 'PAY_PER_REQUEST',
        TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        SSESpecification: { SSEEnabled: true, SSEType: 'KMS', KMSMasterKeyId: { 'Fn::GetAtt': [ids.key, 'Arn'] } },
      },
    });
  });

  test('hands the function settings its own schema accepts, with the three topics and the table', () => {
    const environment = fn.Properties.Environment.Variables;
    expect(environment[ALERT_NOTIFIER_TABLE_ENV]).toEqual({ Ref: ids.table });
    // The settings are a JSON string with the topic ARNs as references: resolve them as CloudFormation would.
    const parts: unknown[] = environment[ALERT_NOTIFIER_SETTINGS_ENV]['Fn::Join'][1];
    const raw = parts
      .map((part) => (typeof part === 'string' ? part : `arn:aws:sns:eu-west-1:123456789012:${(part as { Ref: string }).Ref}`))
      .join('');
    const settings = parseAlertNotifierSettings(raw);
    expect(settings.language).toBe('de');
    expect(Object.values(settings.topics)).toEqual(ids.topics.map((topic) => `arn:aws:sns:eu-west-1:123456789012:${topic}`));
  });

  test('may publish to and list the subscriptions of the three topics, remember findings and count pending subscriptions, nothing else', () => {
    const statements = Object.values(template.findResources('AWS::IAM::ManagedPolicy')).flatMap(
      (p) => p.Properties.PolicyDocument.Statement,
    );
    expect(statements).toEqual(
      expect.arrayContaining([
        {
          Sid: 'PublishAndCheckAlerts',
          Effect: 'Allow',
          Action: ['sns:ListSubscriptionsByTopic', 'sns:Publish'],
          Resource: expect.arrayContaining(ids.topics.map((t) => ({ Ref: t }))),
        },
        {
          Sid: 'UsePlatformKey',
          Effect: 'Allow',
          Action: ['kms:Decrypt', 'kms:DescribeKey', 'kms:Encrypt', 'kms:GenerateDataKey'],
          Resource: { 'Fn::GetAtt': [ids.key, 'Arn'] },
        },
        {
          Sid: 'RememberFindings',
          Effect: 'Allow',
          Action: ['dynamodb:DeleteItem', 'dynamodb:UpdateItem'],
          Resource: { 'Fn::GetAtt': [ids.table, 'Arn'] },
        },
        {
          Sid: 'PublishPendingCount',
          Effect: 'Allow',
          Action: 'cloudwatch:PutMetricData',
          Resource: '*',
          Condition: { StringEquals: { 'cloudwatch:namespace': 'LandingZone/Alerts' } },
        },
      ]),
    );
    const actions = statements.flatMap((s) => [s.Action].flat());
    expect(actions.filter((a: string) => /^(sns|dynamodb|cloudwatch|kms):/.test(a)).sort()).toEqual(
      [
        'cloudwatch:PutMetricData',
        'dynamodb:DeleteItem',
        'dynamodb:UpdateItem',
        'kms:Decrypt',
        'kms:DescribeKey',
        'kms:Encrypt',
        'kms:GenerateDataKey',
        'sns:ListSubscriptionsByTopic',
        'sns:Publish',
      ].sort(),
    );
  });

  test('retries a failed alert twice, then keeps it in its dead-letter queue', () => {
    template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', { MaximumRetryAttempts: 2 });
  });

  test('checks the subscriptions daily at 09:00 in the client time zone', () => {
    template.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'cron(0 9 * * ? *)',
      ScheduleExpressionTimezone: 'Europe/Berlin',
    });
  });

  test('the bundle loads as an ES module (its clients and catalogues resolve)', () => {
    expect(fs.existsSync(ALERT_NOTIFIER_ENTRY)).toBe(true);
    const { app, stack, notifier: bundled, id: idOf } = setup({}, { bundle: true });
    const assembly = app.synth();
    const code = Template.fromStack(stack).toJSON().Resources[idOf(bundled.function)].Properties.Code;
    const assetDir = path.join(assembly.directory, `asset.${(code.S3Key as string).replace(/\.zip$/, '')}`);
    const bundle = fs.readFileSync(path.join(assetDir, 'index.mjs'), 'utf8');
    expect(bundle).toContain('Was jetzt zu tun ist');
    const loaded = execFileSync(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `const m = await import(${JSON.stringify(path.join(assetDir, 'index.mjs'))}); console.log(typeof m.handler);`,
      ],
      { env: { PATH: process.env.PATH, POWERTOOLS_LOG_LEVEL: 'SILENT', AWS_REGION: 'eu-west-1' }, encoding: 'utf8' },
    );
    expect(loaded.trim()).toBe('function');
  });

  test('refuses settings the function would refuse, naming the field', () => {
    expect(() => setup({ settings: { ...SETTINGS, runbookUrl: 'http://example.com' } })).toThrow(
      /settings are invalid: runbookUrl: must be an https URL/,
    );
  });

  test('leaves the table and its key policy alone otherwise (no grant statements on the key)', () => {
    template.hasResourceProperties('AWS::KMS::Key', {
      KeyPolicy: { Statement: Match.not(Match.arrayWith([Match.objectLike({ Sid: 'dynamodb' })])) },
    });
  });
});
