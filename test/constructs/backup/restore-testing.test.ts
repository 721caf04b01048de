import { CfnElement, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as backup from 'aws-cdk-lib/aws-backup';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import { IConstruct } from 'constructs';
import { RestoreTesting, RestoreTestingProps, RestoreTestResourceType } from '../../../constructs/backup/restore-testing';
import { AlertTopic } from '../../../constructs/foundation/alert-topic';
import { PlatformKey } from '../../../constructs/foundation/platform-key';
import { expectRulesTargetTheNotifier, NOTIFIER } from '../foundation/alert-notifier-expectations';
import { restoreJobEvent } from '../../fixtures/events/backup-jobs';
import { matchesEventPattern } from '../../support/event-pattern';

const ACCOUNT = '123456789012';

function newStack(): Stack {
  return new Stack(undefined, 'Test', { env: { account: ACCOUNT, region: 'eu-west-1' } });
}

function vault(stack: Stack, id: string): backup.BackupVault {
  const key = new kms.Key(stack, `${id}Key`, { enableKeyRotation: true, removalPolicy: RemovalPolicy.RETAIN });
  return new backup.BackupVault(stack, id, { encryptionKey: key, removalPolicy: RemovalPolicy.RETAIN });
}

function setup(props: Partial<RestoreTestingProps> = {}) {
  const stack = newStack();
  const key = new PlatformKey(stack, 'Key');
  const alerts = new AlertTopic(stack, 'Alerts', { key, displayName: 'Acme operations alerts' });
  const vaults = props.vaults ?? [vault(stack, 'Vault')];
  const restoreTesting = new RestoreTesting(stack, 'RestoreTesting', {
    vaults,
    timeZone: 'Europe/Berlin',
    notifier: NOTIFIER,
    ...props,
  });
  const id = (construct: IConstruct) => stack.getLogicalId((construct.node.defaultChild ?? construct) as CfnElement);
  return { stack, key, alerts, vaults, restoreTesting, template: Template.fromStack(stack), id };
}

/** The selections of the template, by selection name. */
function selections(template: Template): Record<string, Record<string, any>> {
  return Object.fromEntries(
    Object.values(template.findResources('AWS::Backup::RestoreTestingSelection')).map((r) => [
      r.Properties.RestoreTestingSelectionName,
      r.Properties,
    ]),
  );
}

const vaultArn = (id: (c: IConstruct) => string, v: backup.BackupVault) => ({ 'Fn::GetAtt': [id(v), 'BackupVaultArn'] });

describe('RestoreTesting', () => {
  describe('plan', () => {
    test('tests the latest recovery point of the last 7 days in the given vaults, on the first Monday of each month at 05:00 local time', () => {
      // given
      const stack = newStack();
      const vaults = [vault(stack, 'Daily'), vault(stack, 'Monthly')];

      // when
      const restoreTesting = new RestoreTesting(stack, 'RestoreTesting', { vaults, timeZone: 'Europe/Berlin', notifier: NOTIFIER });

      // then
      const id = (c: IConstruct) => stack.getLogicalId(c.node.defaultChild as CfnElement);
      Template.fromStack(stack).hasResourceProperties('AWS::Backup::RestoreTestingPlan', {
        RestoreTestingPlanName: Match.stringLikeRegexp('^[A-Za-z0-9_]{1,50}$'),
        ScheduleExpression: 'cron(0 5 ? * 2#1 *)',
        ScheduleExpressionTimezone: 'Europe/Berlin',
        StartWindowHours: 8,
        RecoveryPointSelection: {
          Algorithm: 'LATEST_WITHIN_WINDOW',
          IncludeVaults: [vaultArn(id, vaults[0]), vaultArn(id, vaults[1])],
          RecoveryPointTypes: ['CONTINUOUS', 'SNAPSHOT'],
          SelectionWindowDays: 7,
        },
      });
      expect(stack.resolve(restoreTesting.plan.restoreTestingPlanName)).toMatch(/^Test_RestoreTesting_[A-F0-9]{8}$/);
    });

    test('takes its schedule, time zone, start window, selection window and name from its props', () => {
      const { template } = setup({
        scheduleExpression: 'cron(30 6 ? * 4#2 *)',
        timeZone: 'America/New_York',
        startWindowHours: 24,
        selectionWindowDays: 30,
        planName: 'acme_restore_tests',
      });
      template.hasResourceProperties('AWS::Backup::RestoreTestingPlan', {
        RestoreTestingPlanName: 'acme_restore_tests',
        ScheduleExpression: 'cron(30 6 ? * 4#2 *)',
        ScheduleExpressionTimezone: 'America/New_York',
        StartWindowHours: 24,
        RecoveryPointSelection: Match.objectLike({ SelectionWindowDays: 30 }),
      });
    });
  });

  describe('selections', () => {
    test('test DynamoDB, EBS and S3 by default: every backed-up resource except the "none" tier, through the restore role, kept 1 hour', () => {
      // given / when
      const { template, restoreTesting, id } = setup();

      // then
      const byName = selections(template);
      expect(Object.keys(byName)).toEqual(['DynamoDB', 'EBS', 'S3']);
      for (const type of ['DynamoDB', 'EBS', 'S3']) {
        expect(byName[type]).toEqual({
          RestoreTestingPlanName: { Ref: id(restoreTesting.plan) },
          RestoreTestingSelectionName: type,
          ProtectedResourceType: type,
          ProtectedResourceArns: ['*'],
          ProtectedResourceConditions: { StringNotEquals: [{ Key: 'aws:ResourceTag/backup', Value: 'none' }] },
          IamRoleArn: { 'Fn::GetAtt': [id(restoreTesting.role), 'Arn'] },
          ValidationWindowHours: 1,
        });
      }
      expect(restoreTesting.selections).toHaveLength(3);
    });

    test('select by another tag key, one selection per resource type and tag value', () => {
      const { template } = setup({
        resourceTypes: ['EBS', 'RDS'],
        tagKey: 'backup-tier',
        tagValues: ['gold', 'silver-plus'],
        validationWindowHours: 4,
      });
      const byName = selections(template);
      expect(Object.keys(byName).sort()).toEqual(['EBS_gold', 'EBS_silverplus', 'RDS_gold', 'RDS_silverplus']);
      expect(byName.RDS_silverplus).toEqual(
        expect.objectContaining({
          ProtectedResourceType: 'RDS',
          ProtectedResourceConditions: { StringEquals: [{ Key: 'aws:ResourceTag/backup-tier', Value: 'silver-plus' }] },
          ValidationWindowHours: 4,
        }),
      );
      expect(byName.EBS_gold.ProtectedResourceConditions).toEqual({
        StringEquals: [{ Key: 'aws:ResourceTag/backup-tier', Value: 'gold' }],
      });
    });

    test('pass restore metadata overrides to the selection of their resource type only', () => {
      const { template } = setup({
        resourceTypes: ['EBS', 'EC2'],
        restoreMetadataOverrides: { EC2: { subnetId: 'subnet-0123456789abcdef0', securityGroupIds: '["sg-0123456789abcdef0"]' } },
      });
      const byName = selections(template);
      expect(byName.EC2.RestoreMetadataOverrides).toEqual({
        subnetId: 'subnet-0123456789abcdef0',
        securityGroupIds: '["sg-0123456789abcdef0"]',
      });
      expect(byName.EBS.RestoreMetadataOverrides).toBeUndefined();
    });
  });

  describe('restore role', () => {
    test('may be assumed by AWS Backup only and has the AWS managed restore policies, with the S3 one for S3', () => {
      const { template, restoreTesting, id } = setup();
      const role = template.toJSON().Resources[id(restoreTesting.role)];
      expect(role.Properties.AssumeRolePolicyDocument.Statement).toEqual([
        { Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { Service: 'backup.amazonaws.com' } },
      ]);
      expect(role.Properties.ManagedPolicyArns).toEqual([
        { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::aws:policy/service-role/AWSBackupServiceRolePolicyForRestores']] },
        { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::aws:policy/AWSBackupServiceRolePolicyForS3Restore']] },
      ]);
      expect(role.Properties.Policies).toBeUndefined();
    });

    test('has no S3 restore policy when S3 is not tested', () => {
      const { template, restoreTesting, id } = setup({ resourceTypes: ['EBS'] });
      expect(template.toJSON().Resources[id(restoreTesting.role)].Properties.ManagedPolicyArns).toEqual([
        { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::aws:policy/service-role/AWSBackupServiceRolePolicyForRestores']] },
      ]);
    });
  });

  describe('failure alerts', () => {
    test('send failed and aborted restore jobs of this plan only', () => {
      const { template, restoreTesting, id } = setup();
      const rule = template.toJSON().Resources[id(restoreTesting.failureRule)];
      expect(rule.Properties.EventPattern).toEqual({
        source: ['aws.backup'],
        'detail-type': ['Restore Job State Change'],
        detail: {
          status: ['ABORTED', 'FAILED'],
          restoreTestingPlanArn: [{ 'Fn::GetAtt': [id(restoreTesting.plan), 'RestoreTestingPlanArn'] }],
        },
      });
    });

    test('match the recorded failed restore test of this plan, not an ordinary restore or a completed test', () => {
      const { template, restoreTesting, id } = setup();
      const pattern = JSON.parse(
        JSON.stringify(template.toJSON().Resources[id(restoreTesting.failureRule)].Properties.EventPattern).replace(
          /\{"Fn::GetAtt":\["[A-Za-z0-9]+","RestoreTestingPlanArn"\]\}/,
          '"arn:aws:backup:eu-west-1:123456789012:restore-testing-plan:weekly-abc"',
        ),
      );
      const planArn = 'arn:aws:backup:eu-west-1:123456789012:restore-testing-plan:weekly-abc';
      expect(matchesEventPattern(pattern, restoreJobEvent({ status: 'FAILED', restoreTestingPlanArn: planArn }))).toBe(true);
      expect(matchesEventPattern(pattern, restoreJobEvent({ status: 'COMPLETED', restoreTestingPlanArn: planArn }))).toBe(false);
      expect(matchesEventPattern(pattern, restoreJobEvent({ status: 'FAILED' }))).toBe(false);
    });

    test('hand the failures to the alert notifier, with a dead-letter queue', () => {
      const { template, restoreTesting, id } = setup();
      expectRulesTargetTheNotifier(template, id(restoreTesting.deadLetterQueue));
    });

    test('keep undeliverable failures 14 days in an encrypted, TLS-only, retained queue', () => {
      const { template, restoreTesting, id } = setup();
      const queue = template.toJSON().Resources[id(restoreTesting.deadLetterQueue)];
      expect(queue).toMatchObject({
        DeletionPolicy: 'Retain',
        UpdateReplacePolicy: 'Retain',
        Properties: { MessageRetentionPeriod: 14 * 24 * 3600, SqsManagedSseEnabled: true },
      });
      template.hasResourceProperties('AWS::SQS::QueuePolicy', {
        Queues: [{ Ref: id(restoreTesting.deadLetterQueue) }],
        PolicyDocument: {
          Statement: Match.arrayWith([
            Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
            Match.objectLike({
              Effect: 'Allow',
              Principal: { Service: 'events.amazonaws.com' },
              Action: 'sqs:SendMessage',
              Condition: { ArnEquals: { 'aws:SourceArn': { 'Fn::GetAtt': [id(restoreTesting.failureRule), 'Arn'] } } },
            }),
          ]),
        },
      });
    });

    test('alarm on another topic as soon as a failure is undelivered, if given one', () => {
      // given
      const stack = newStack();
      const operations = new sns.Topic(stack, 'Operations');

      // when
      const restoreTesting = new RestoreTesting(stack, 'RestoreTesting', {
        vaults: [vault(stack, 'Vault')],
        timeZone: 'UTC',
        notifier: NOTIFIER,
        undeliveredAlarmTopic: operations,
      });

      // then
      const id = (c: IConstruct) => stack.getLogicalId(c.node.defaultChild as CfnElement);
      Template.fromStack(stack).hasResourceProperties('AWS::CloudWatch::Alarm', {
        Namespace: 'AWS/SQS',
        MetricName: 'ApproximateNumberOfMessagesVisible',
        Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [id(restoreTesting.deadLetterQueue), 'QueueName'] } }],
        Statistic: 'Maximum',
        Threshold: 0,
        ComparisonOperator: 'GreaterThanThreshold',
        AlarmActions: [{ Ref: id(operations) }],
      });
    });

    test('make no alarm without an alarm topic', () => {
      setup().template.resourceCountIs('AWS::CloudWatch::Alarm', 0);
    });
  });

  describe('validation', () => {
    test('rejects no vaults and more than 30', () => {
      expect(() => setup({ vaults: [] })).toThrow(/vaults must list 1-30 backup vaults \(received 0\)/);
      const stack = newStack();
      const many = Array.from({ length: 31 }, (_, i) => backup.BackupVault.fromBackupVaultName(stack, `V${i}`, `vault-${i}`));
      expect(() => new RestoreTesting(stack, 'RestoreTesting', { vaults: many, timeZone: 'UTC', notifier: NOTIFIER })).toThrow(
        /vaults must list 1-30 backup vaults \(received 31\)/,
      );
    });

    test.each(['Europe/Atlantis', 'CET+1', ''])('rejects the time zone %j', (timeZone) => {
      expect(() => setup({ timeZone })).toThrow(
        /timeZone must be an IANA time zone name such as Europe\/Berlin, Europe\/London, America\/New_York or UTC \(received "/,
      );
    });

    test.each(['rate(30 days)', 'cron(0 5 * * ?)', '0 5 ? * 2#1 *'])('rejects the schedule %j', (scheduleExpression) => {
      expect(() => setup({ scheduleExpression })).toThrow(
        /scheduleExpression must be an AWS cron expression with six fields, e.g. cron\(0 5 \? \* 2#1 \*\) \(received "/,
      );
    });

    test.each([
      ['startWindowHours', { startWindowHours: 0 }, /startWindowHours must be a whole number of hours from 1 to 168 \(received 0\)/],
      ['startWindowHours', { startWindowHours: 169 }, /startWindowHours must be a whole number of hours from 1 to 168 \(received 169\)/],
      [
        'validationWindowHours',
        { validationWindowHours: 0 },
        /validationWindowHours must be a whole number of hours from 1 to 168 \(received 0\)/,
      ],
      [
        'validationWindowHours',
        { validationWindowHours: 1.5 },
        /validationWindowHours must be a whole number of hours from 1 to 168 \(received 1.5\)/,
      ],
      [
        'selectionWindowDays',
        { selectionWindowDays: 0 },
        /selectionWindowDays must be a whole number of days from 1 to 365 \(received 0\)/,
      ],
      [
        'selectionWindowDays',
        { selectionWindowDays: 366 },
        /selectionWindowDays must be a whole number of days from 1 to 365 \(received 366\)/,
      ],
    ] as Array<[string, Partial<RestoreTestingProps>, RegExp]>)('rejects an out-of-range %s', (_prop, props, message) => {
      expect(() => setup(props)).toThrow(message);
    });

    test('rejects an empty, unknown or repeated resource type', () => {
      expect(() => setup({ resourceTypes: [] })).toThrow(
        /resourceTypes must list at least one of Aurora, DocumentDB, DynamoDB, EBS, EC2, EFS, FSx, Neptune, RDS, S3 \(received an empty list\)/,
      );
      expect(() => setup({ resourceTypes: ['Redshift' as RestoreTestResourceType] })).toThrow(
        /resourceTypes contains "Redshift"; allowed: Aurora, DocumentDB/,
      );
      expect(() => setup({ resourceTypes: ['EBS', 'EBS'] })).toThrow(/resourceTypes lists a type more than once \(received EBS, EBS\)/);
    });

    test('rejects overrides for a resource type that is not tested', () => {
      expect(() => setup({ restoreMetadataOverrides: { EC2: { subnetId: 'subnet-1' } } })).toThrow(
        /restoreMetadataOverrides has parameters for EC2, which is not in resourceTypes \(DynamoDB, EBS, S3\); add it there or remove the overrides/,
      );
    });

    test.each(['backup*', 'a'.repeat(113)])('rejects the tag key %j', (tagKey) => {
      expect(() => setup({ tagKey })).toThrow(
        /tagKey must be 1-112 letters, digits, spaces or \+ - = \. _ : \/ \(AWS Backup restore testing selects resources by it\) \(received "/,
      );
    });

    test('rejects empty, invalid, colliding and too many tag values', () => {
      expect(() => setup({ tagValues: [] })).toThrow(
        /tagValues must list at least one tag value, or be left out to test every backed-up resource \(received an empty list\)/,
      );
      expect(() => setup({ tagValues: ['gold!'] })).toThrow(
        /tagValues contains "gold!"; a value must be 1-256 letters, digits, spaces or \+ - = \. _ : \/, with at least one letter or digit/,
      );
      expect(() => setup({ tagValues: ['--'] })).toThrow(/tagValues contains "--"; a value must be/);
      expect(() => setup({ tagValues: ['gold-1', 'gold1'] })).toThrow(
        /tagValues must differ in their letters and digits, which name the selections \(received gold-1, gold1\)/,
      );
      const eleven = Array.from({ length: 11 }, (_, i) => `tier${i}`);
      expect(() => setup({ tagValues: eleven })).toThrow(
        /resourceTypes x tagValues makes 33 selections; a restore testing plan allows at most 30/,
      );
      expect(() => setup({ tagValues: ['a'.repeat(42)] })).toThrow(
        /tagValues are too long to name the selections \(<resource type>_<value>, at most 50 characters/,
      );
    });

    test.each(['my-plan', 'a'.repeat(51), ''])('rejects the plan name %j', (planName) => {
      expect(() => setup({ planName })).toThrow(/planName must be 1-50 letters, digits and underscores \(received "/);
    });
  });
});
