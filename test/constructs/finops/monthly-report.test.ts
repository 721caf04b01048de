import * as fs from 'node:fs';
import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { MonthlyReport, type MonthlyReportProps } from '../../../constructs/finops/monthly-report';
import { AlertTopic } from '../../../constructs/foundation/alert-topic';
import { PlatformKey } from '../../../constructs/foundation/platform-key';
import { cdkJsonContext } from '../../../lib/app/cdk-json';
import { repoPath } from '../../../lib/core/paths';
import { readReportEnvironment, type ReportSettingsInput } from '../../../lib/core/report/report-settings';
import { decide, resolveIn, type AccountTemplates, type CfnTemplate, type PrincipalPolicies } from '../../policies/iam-simulation';
import { expectDeadLetterQueueWithoutRetries, expectEncryptedRetainedLogGroup } from '../shared/scheduled-function-expectations';

const ACCOUNT = '123456789012';
const REGION = 'eu-west-1';

const SETTINGS: ReportSettingsInput = {
  client: { name: 'acme', displayName: 'Acme Ltd', timeZone: 'Europe/Berlin', language: 'de' },
  accounts: [{ name: 'production', id: ACCOUNT }],
  account: { name: 'production', id: ACCOUNT },
  budgets: [{ name: 'total', monthlyLimitUsd: 500 }] as ReportSettingsInput['budgets'],
  report: {},
  stackPrefix: 'Acme-',
  vaultName: 'acme-backup',
};

/** A stack with the report, its topics and key; bundling skipped (the template does not depend on it). */
function setup(props: Partial<MonthlyReportProps> = {}) {
  const app = new App({ context: { ...cdkJsonContext(), 'aws:cdk:bundling-stacks': [] } });
  const stack = new Stack(app, 'Test', { env: { account: ACCOUNT, region: REGION } });
  const key = new PlatformKey(stack, 'Key');
  key.allowCloudWatchLogs();
  const finops = new AlertTopic(stack, 'FinopsAlerts', { key, displayName: 'FinOps', publishingServices: ['cloudwatch.amazonaws.com'] });
  const operations = new AlertTopic(stack, 'OperationsAlerts', {
    key,
    displayName: 'Operations',
    publishingServices: ['cloudwatch.amazonaws.com'],
  });
  const report = new MonthlyReport(stack, 'MonthlyReport', {
    settings: SETTINGS,
    topic: finops.topic,
    operationsTopic: operations.topic,
    key: key.key,
    ...props,
  });
  const template = Template.fromStack(stack);
  const id = (construct: any) => stack.getLogicalId(construct.node.defaultChild ?? construct);
  const fnId = id(report.function);
  const refs = {
    operationsTopic: { Ref: id(operations.topic) },
    key: id(key.key),
    function: fnId,
    queue: id(report.deadLetterQueue),
    bucket: id(report.bucket),
    accessLogs: id(report.accessLogsBucket),
    finopsTopic: id(finops.topic),
    role: template.toJSON().Resources[fnId].Properties.Role['Fn::GetAtt'][0] as string,
  };
  return { stack, report, refs, template };
}

describe('MonthlyReport', () => {
  const { template, refs, report } = setup();

  describe('schedule and function', () => {
    test('runs on the 2nd of every month at 08:00 in the client time zone by default', () => {
      template.hasResourceProperties('AWS::Scheduler::Schedule', {
        ScheduleExpression: 'cron(0 8 2 * ? *)',
        ScheduleExpressionTimezone: 'Europe/Berlin',
        State: 'ENABLED',
      });
    });

    test('runs on report.dayOfMonth at report.runAt when set', () => {
      const other = setup({ settings: { ...SETTINGS, report: { dayOfMonth: 3, runAt: '06:30' } } }).template;
      other.hasResourceProperties('AWS::Scheduler::Schedule', { ScheduleExpression: 'cron(30 6 3 * ? *)' });
    });

    test('Node.js 24 on ARM64, 512 MB, 10 minutes, active tracing', () => {
      template.hasResourceProperties('AWS::Lambda::Function', {
        Runtime: 'nodejs24.x',
        Architectures: ['arm64'],
        MemorySize: 512,
        Timeout: 600,
        TracingConfig: { Mode: 'Active' },
      });
    });

    test('gets settings the function parses at cold start into what the construct validated, the bucket and the topic', () => {
      const variables = template.toJSON().Resources[refs.function].Properties.Environment.Variables;
      const environment = readReportEnvironment({ ...variables, REPORT_BUCKET: 'bucket', TOPIC_ARN: 'topic' });
      expect(environment.settings).toEqual(report.settings);
      expect(report.settings.report).toEqual({ enabled: true, dayOfMonth: 2, runAt: '08:00', maxCostExplorerRequests: 25 });
      expect(variables.REPORT_BUCKET).toEqual({ Ref: refs.bucket });
      expect(variables.TOPIC_ARN).toEqual({ Ref: refs.finopsTopic });
    });

    test('logs to an encrypted, retained log group; failed runs go to a dead-letter queue without retries', () => {
      expectEncryptedRetainedLogGroup(template, refs);
      expectDeadLetterQueueWithoutRetries(template, refs);
    });

    test('alarms the operations topic on a failed run and on dead letters', () => {
      for (const alarm of [report.errorsAlarm, report.deadLetterAlarm]) {
        const id = Stack.of(alarm).getLogicalId(alarm.node.defaultChild as any);
        expect(template.toJSON().Resources[id].Properties.AlarmActions).toEqual([refs.operationsTopic]);
      }
    });

    test('refuses settings the function could not parse, naming the field', () => {
      expect(() => setup({ settings: { ...SETTINGS, report: { dayOfMonth: 1 } } })).toThrow(/report\.dayOfMonth: must be at least 2/);
    });
  });

  describe('report bucket', () => {
    const resources = template.toJSON().Resources;

    test('SSE-KMS with the platform key and a bucket key, versioned, public access blocked, access logs, retained', () => {
      const bucket = resources[refs.bucket];
      expect(bucket.DeletionPolicy).toBe('Retain');
      expect(bucket.UpdateReplacePolicy).toBe('Retain');
      expect(bucket.Properties).toMatchObject({
        BucketEncryption: {
          ServerSideEncryptionConfiguration: [
            {
              BucketKeyEnabled: true,
              ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: { 'Fn::GetAtt': [refs.key, 'Arn'] } },
            },
          ],
        },
        VersioningConfiguration: { Status: 'Enabled' },
        PublicAccessBlockConfiguration: {
          BlockPublicAcls: true,
          BlockPublicPolicy: true,
          IgnorePublicAcls: true,
          RestrictPublicBuckets: true,
        },
        OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
        LoggingConfiguration: { DestinationBucketName: { Ref: refs.accessLogs }, LogFilePrefix: 'report-bucket/' },
      });
      // Current reports are never expired; replaced versions after a year.
      expect(bucket.Properties.LifecycleConfiguration.Rules).toEqual([
        {
          Id: 'ExpireReplacedReports',
          Status: 'Enabled',
          NoncurrentVersionExpiration: { NoncurrentDays: 365 },
          AbortIncompleteMultipartUpload: { DaysAfterInitiation: 7 },
        },
      ]);
      expect(resources[refs.accessLogs].DeletionPolicy).toBe('Retain');
    });

    test('refuses plain HTTP and TLS older than 1.2', () => {
      template.hasResourceProperties('AWS::S3::BucketPolicy', {
        Bucket: { Ref: refs.bucket },
        PolicyDocument: {
          Statement: Match.arrayWith([
            Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
            Match.objectLike({ Effect: 'Deny', Condition: { NumericLessThan: { 's3:TlsVersion': 1.2 } } }),
          ]),
        },
      });
    });
  });

  describe('permissions, evaluated by an IAM policy simulator', () => {
    const templates: AccountTemplates = {
      account: ACCOUNT,
      partition: 'aws',
      stacks: new Map([['Test', { region: REGION, template: template.toJSON() as CfnTemplate }]]),
    };
    const attached = (template.toJSON().Resources as Record<string, any>) ?? {};
    const principal: PrincipalPolicies = {
      roleArn: `arn:aws:iam::${ACCOUNT}:role/report-role`,
      identityPolicies: Object.entries(attached)
        .filter(
          ([, r]) => r.Type === 'AWS::IAM::ManagedPolicy' && JSON.stringify(r.Properties.Roles) === JSON.stringify([{ Ref: refs.role }]),
        )
        .map(([id, r]) => ({ name: id, policy: resolveIn(templates, 'Test', r.Properties.PolicyDocument) })),
    };
    const bucketArn = `arn:aws:s3:::test-${refs.bucket.toLowerCase()}-simsuffix`;
    const keyArn = `arn:aws:kms:${REGION}:${ACCOUNT}:key/${refs.key.toLowerCase()}`;
    const finopsTopic = String(resolveIn(templates, 'Test', { Ref: refs.finopsTopic }));
    const operationsTopic = String(resolveIn(templates, 'Test', refs.operationsTopic));
    const viaS3 = { 'kms:ViaService': `s3.${REGION}.amazonaws.com` };

    const allowed: Array<[string, string, Record<string, string>?]> = [
      ['s3:PutObject', `${bucketArn}/reports/2026/acme-2026-11.html`],
      ['kms:GenerateDataKey', keyArn, viaS3],
      ['sns:Publish', finopsTopic],
      ['ce:GetCostAndUsage', '*'],
      ['ce:GetCostForecast', '*'],
      ['cloudwatch:GetMetricData', '*'],
      [
        'cloudwatch:DescribeAlarmHistory',
        `arn:aws:cloudwatch:${REGION}:${ACCOUNT}:alarm:Acme-Production-Security-CIS-4.3-RootAccountUsage`,
      ],
      ['securityhub:GetFindings', `arn:aws:securityhub:${REGION}:${ACCOUNT}:hub/default`],
      ['backup:ListRestoreJobs', '*'],
      ['backup:ListBackupVaults', '*'],
      ['backup:ListRecoveryPointsByBackupVault', `arn:aws:backup:${REGION}:${ACCOUNT}:backup-vault:acme-backup`],
      ['cloudtrail:LookupEvents', '*'],
      ['guardduty:ListDetectors', '*'],
      // GuardDuty's finding reads take no resource (the simulator refuses a detector ARN for them).
      ['guardduty:ListFindings', '*'],
      ['guardduty:GetFindings', '*'],
    ];
    const denied: Array<[string, string, Record<string, string>?]> = [
      // The bucket: write new reports only, never read, list, delete or change the bucket.
      ['s3:GetObject', `${bucketArn}/reports/2026/acme-2026-11.html`],
      ['s3:DeleteObject', `${bucketArn}/reports/2026/acme-2026-11.html`],
      ['s3:DeleteObjectVersion', `${bucketArn}/reports/2026/acme-2026-11.html`],
      ['s3:PutObject', `${bucketArn}/elsewhere.html`],
      ['s3:PutObject', 'arn:aws:s3:::another-bucket/reports/x.html'],
      ['s3:ListBucket', bucketArn],
      ['s3:PutBucketPolicy', bucketArn],
      ['s3:PutLifecycleConfiguration', bucketArn],
      // The key: only through S3 (and SNS for the topic), never directly.
      ['kms:GenerateDataKey', keyArn],
      ['kms:Decrypt', keyArn, viaS3],
      ['kms:ScheduleKeyDeletion', keyArn],
      // Alerts: only the FinOps topic.
      ['sns:Publish', operationsTopic],
      // Read only: no metric, finding, backup or trail is changed.
      ['cloudwatch:PutMetricData', '*'],
      ['cloudwatch:DeleteAlarms', `arn:aws:cloudwatch:${REGION}:${ACCOUNT}:alarm:Acme-Production-Security-CIS-4.3-RootAccountUsage`],
      ['securityhub:BatchUpdateFindings', `arn:aws:securityhub:${REGION}:${ACCOUNT}:hub/default`],
      ['securityhub:GetFindings', `arn:aws:securityhub:eu-central-1:${ACCOUNT}:hub/default`],
      ['backup:DeleteRecoveryPoint', `arn:aws:backup:${REGION}:${ACCOUNT}:recovery-point:abc`],
      ['backup:ListRecoveryPointsByBackupVault', `arn:aws:backup:${REGION}:${ACCOUNT}:backup-vault:other-vault`],
      ['cloudtrail:StopLogging', `arn:aws:cloudtrail:${REGION}:${ACCOUNT}:trail/acme`],
      ['ce:UpdateCostAllocationTagsStatus', '*'],
      ['guardduty:ArchiveFindings', '*'],
      ['guardduty:UpdateFindingsFeedback', '*'],
      ['guardduty:DeleteDetector', `arn:aws:guardduty:${REGION}:${ACCOUNT}:detector/12abc34d567e8fa901bc2d34e56789f0`],
    ];

    // Every row has its three cells: Jest takes a test function with more parameters than the row
    // has cells for one that waits for a `done` callback.
    const rows = (list: typeof allowed) => list.map(([action, resource, context]) => [action, resource, context ?? {}] as const);

    // KMS decides with the key policy too (it admits the account, so the role's policies decide).
    const keyPolicy = resolveIn(templates, 'Test', attached[refs.key].Properties.KeyPolicy);
    const resourcePolicy = (resource: string) => (resource === keyArn ? keyPolicy : undefined);

    test('the README states the numbers of requests checked', () => {
      const readme = fs.readFileSync(repoPath('README.md'), 'utf8').replace(/\s+/g, ' ');
      expect(readme).toContain(`checks ${allowed.length} allowed and ${denied.length} refused requests`);
    });

    test.each(rows(allowed))('allows %s on %s', async (action, resource, context) => {
      expect(await decide(principal, ACCOUNT, { action, resource, context, resourcePolicy: resourcePolicy(resource) })).toBe('Allowed');
    });

    test.each(rows(denied))('denies %s on %s', async (action, resource, context) => {
      expect(await decide(principal, ACCOUNT, { action, resource, context, resourcePolicy: resourcePolicy(resource) })).not.toBe('Allowed');
    });
  });
});
