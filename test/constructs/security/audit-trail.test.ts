import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as logs from 'aws-cdk-lib/aws-logs';
import { AlertTopic } from '../../../constructs/foundation/alert-topic';
import { PlatformKey } from '../../../constructs/foundation/platform-key';
import { AuditTrail, AuditTrailProps } from '../../../constructs/security/audit-trail';
import { CisAlarms } from '../../../constructs/security/cis-alarms';
import { LogArchive } from '../../../constructs/security/log-archive';
import { nagFindings } from '../../nag';

const ACCOUNT = '123456789012';

function setup(props: Partial<AuditTrailProps> = {}, app?: App) {
  const stack = new Stack(app, 'Test', { env: { account: ACCOUNT, region: 'eu-west-1' } });
  const platformKey = new PlatformKey(stack, 'PlatformKey');
  platformKey.allowCloudWatchLogs();
  const logArchive = new LogArchive(stack, 'LogArchive');
  const audit = new AuditTrail(stack, 'AuditTrail', { logArchive, logGroupKey: platformKey.key, ...props });
  const template = () => Template.fromStack(stack);
  const trailProps = () => Object.values(template().findResources('AWS::CloudTrail::Trail'))[0].Properties;
  return { stack, platformKey, logArchive, audit, template, trailProps };
}

function trailArn(name: string) {
  return { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:cloudtrail:eu-west-1:${ACCOUNT}:trail/${name}`]] };
}

describe('AuditTrail', () => {
  test('is a logging, multi-region trail with global service events and log file validation (CIS 3.1, 3.2)', () => {
    const { template } = setup();
    template().resourceCountIs('AWS::CloudTrail::Trail', 1);
    template().hasResourceProperties('AWS::CloudTrail::Trail', {
      TrailName: 'landing-zone-audit',
      IsLogging: true,
      IsMultiRegionTrail: true,
      IncludeGlobalServiceEvents: true,
      EnableLogFileValidation: true,
    });
  });

  test('encrypts its log files with the log archive key and delivers them into the log archive bucket (CIS 3.5)', () => {
    const { stack, logArchive, trailProps } = setup();
    expect(trailProps().KMSKeyId).toEqual(stack.resolve(logArchive.key.keyArn));
    expect(trailProps().S3BucketName).toEqual(stack.resolve(logArchive.bucket.bucketName));
    expect(trailProps().S3KeyPrefix).toBeUndefined();
  });

  test('records read and write management events and no data events by default', () => {
    const { trailProps } = setup();
    expect(trailProps().EventSelectors).toEqual([{ IncludeManagementEvents: true, ReadWriteType: 'All' }]);
  });

  test('records S3 object reads and writes of every bucket when asked (CIS 3.8, 3.9)', () => {
    const { trailProps } = setup({ s3DataEvents: true });
    expect(trailProps().EventSelectors).toEqual([
      { IncludeManagementEvents: true, ReadWriteType: 'All' },
      {
        DataResources: [{ Type: 'AWS::S3::Object', Values: [{ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':s3:::']] }] }],
        IncludeManagementEvents: false,
        ReadWriteType: 'All',
      },
    ]);
  });

  test('records the invocations of every Lambda function when asked', () => {
    const { trailProps } = setup({ lambdaDataEvents: true });
    expect(trailProps().EventSelectors).toEqual([
      { IncludeManagementEvents: true, ReadWriteType: 'All' },
      {
        DataResources: [{ Type: 'AWS::Lambda::Function', Values: [{ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':lambda']] }] }],
        IncludeManagementEvents: false,
        ReadWriteType: 'All',
      },
    ]);
  });

  test('sends every event to a KMS-encrypted, retained log group kept one year by default', () => {
    const { stack, platformKey, audit, template, trailProps } = setup();
    template().hasResource('AWS::Logs::LogGroup', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: { KmsKeyId: stack.resolve(platformKey.key.keyArn), RetentionInDays: 365 },
    });
    expect(trailProps().CloudWatchLogsLogGroupArn).toEqual(stack.resolve(audit.logGroup.logGroupArn));
  });

  test('keeps the log group as long as asked', () => {
    const { template } = setup({ cloudWatchLogsRetention: logs.RetentionDays.TWO_YEARS });
    template().hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 731 });
  });

  test('writes to the log group through a role only CloudTrail can assume, with a managed policy for that log group alone', () => {
    const { stack, audit, template, trailProps } = setup();
    const roles = template().findResources('AWS::IAM::Role');
    expect(Object.keys(roles)).toHaveLength(1);
    const [roleId, role] = Object.entries(roles)[0];
    expect(role.Properties.AssumeRolePolicyDocument.Statement).toEqual([
      { Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { Service: 'cloudtrail.amazonaws.com' } },
    ]);
    expect(trailProps().CloudWatchLogsRoleArn).toEqual({ 'Fn::GetAtt': [roleId, 'Arn'] });

    const policies = template().findResources('AWS::IAM::ManagedPolicy');
    const [policyId, policy] = Object.entries(policies)[0];
    expect(role.Properties.ManagedPolicyArns).toEqual([{ Ref: policyId }]);
    expect(policy.Properties.PolicyDocument.Statement).toEqual([
      { Effect: 'Allow', Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Resource: stack.resolve(audit.logGroup.logGroupArn) },
    ]);
    // No inline policy (NIST/HIPAA/PCI IAMNoInlinePolicy).
    template().resourceCountIs('AWS::IAM::Policy', 0);
  });

  test('admits CloudTrail to the log archive only for this trail, by aws:SourceArn', () => {
    const { template } = setup();
    const policy = Object.values(template().findResources('AWS::S3::BucketPolicy')).find((p) =>
      p.Properties.PolicyDocument.Statement.some((s: any) => s.Principal?.Service === 'cloudtrail.amazonaws.com'),
    )!;
    const forCloudTrail = policy.Properties.PolicyDocument.Statement.filter(
      (s: any) => s.Principal?.Service === 'cloudtrail.amazonaws.com',
    );
    // The two documented statements and nothing looser (the L2 would add its own without aws:SourceArn).
    expect(forCloudTrail.map((s: any) => s.Action)).toEqual(['s3:GetBucketAcl', 's3:PutObject']);
    for (const statement of forCloudTrail) {
      expect(statement.Condition.StringEquals['aws:SourceArn']).toEqual(trailArn('landing-zone-audit'));
    }
    template().hasResourceProperties('AWS::KMS::Key', {
      KeyPolicy: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Principal: { Service: 'cloudtrail.amazonaws.com' },
            Action: 'kms:GenerateDataKey*',
            Condition: Match.objectLike({ StringEquals: { 'aws:SourceArn': trailArn('landing-zone-audit') } }),
          }),
        ]),
      },
    });
  });

  test('is created after the log archive bucket policy, which CloudTrail checks at creation', () => {
    const { stack, logArchive, template } = setup();
    const policyId = stack.getLogicalId(logArchive.bucket.policy!.node.defaultChild as any);
    template().hasResource('AWS::CloudTrail::Trail', { DependsOn: Match.arrayWith([policyId]) });
  });

  test('uses the given trail name in the trail and in the log archive policies', () => {
    const { template } = setup({ trailName: 'acme.audit_trail-1' });
    template().hasResourceProperties('AWS::CloudTrail::Trail', { TrailName: 'acme.audit_trail-1' });
    template().hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Action: 's3:GetBucketAcl', Condition: { StringEquals: { 'aws:SourceArn': trailArn('acme.audit_trail-1') } } }),
        ]),
      },
    });
  });

  test.each(['ab', 'a'.repeat(129), '-trail', 'trail-', 'my--trail', 'my-_trail', 'my trail', '192.168.0.1'])(
    'rejects the trail name "%s"',
    (trailName) => {
      expect(() => setup({ trailName })).toThrow(/trailName must be 3-128 letters, digits, '.', '_' or '-'.*\(received "/);
    },
  );

  test('a stack with the log archive, the trail and the CIS alarms has no unacknowledged finding in any compliance pack', () => {
    // given
    const app = new App();
    const { stack, platformKey, logArchive, audit } = setup({ s3DataEvents: true, lambdaDataEvents: true }, app);
    const alerts = new AlertTopic(stack, 'SecurityAlerts', {
      key: platformKey,
      displayName: 'Acme security alerts',
      publishingServices: ['cloudwatch.amazonaws.com'],
    });
    logArchive.allowConfigDelivery();

    // when
    new CisAlarms(stack, 'CisAlarms', { logGroup: audit.logGroup, alarmTopic: alerts.topic });

    // then
    expect(nagFindings(app)).toEqual([]);
  });
});
