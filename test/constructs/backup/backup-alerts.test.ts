import { App, CfnElement, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as backup from 'aws-cdk-lib/aws-backup';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import { IConstruct } from 'constructs';
import { BackupAlerts, BackupAlertsProps, BackupJobType } from '../../../constructs/backup/backup-alerts';
import { TieredBackupPlan } from '../../../constructs/backup/tiered-backup-plan';
import { AlertTopic } from '../../../constructs/foundation/alert-topic';
import { PlatformKey } from '../../../constructs/foundation/platform-key';
import { nagFindings } from '../../nag';
import { expectLeastPrivilegePublisher } from '../foundation/alert-topic-publisher-expectations';

function newStack(app?: App): Stack {
  return new Stack(app, 'Test', { env: { account: '123456789012', region: 'eu-west-1' } });
}

function setup(props: Partial<BackupAlertsProps> = {}) {
  const stack = newStack();
  const key = new PlatformKey(stack, 'Key');
  const alerts = new AlertTopic(stack, 'Alerts', {
    key,
    displayName: 'Acme operations alerts',
    publishingServices: ['cloudwatch.amazonaws.com'],
  });
  const vault = new backup.BackupVault(stack, 'Vault', {
    encryptionKey: new kms.Key(stack, 'VaultKey', { enableKeyRotation: true, removalPolicy: RemovalPolicy.RETAIN }),
  });
  const backupAlerts = new BackupAlerts(stack, 'BackupAlerts', { alertTopic: alerts.topic, vault, ...props });
  const id = (construct: IConstruct) => stack.getLogicalId(construct.node.defaultChild as CfnElement);
  return { stack, key, alerts, vault, backupAlerts, template: Template.fromStack(stack), id };
}

function ruleProperties(template: Template, rule: IConstruct, id: (c: IConstruct) => string): Record<string, any> {
  return template.findResources('AWS::Events::Rule')[id(rule)].Properties;
}

describe('BackupAlerts', () => {
  test('matches backup jobs that failed, were aborted, expired or completed partially', () => {
    const { template, backupAlerts, id } = setup();
    expect(ruleProperties(template, backupAlerts.rules.backup, id).EventPattern).toEqual({
      source: ['aws.backup'],
      'detail-type': ['Backup Job State Change'],
      detail: { state: ['FAILED', 'ABORTED', 'EXPIRED', 'PARTIAL'] },
    });
  });

  test('matches copy jobs that failed or completed partially', () => {
    const { template, backupAlerts, id } = setup();
    expect(ruleProperties(template, backupAlerts.rules.copy, id).EventPattern).toEqual({
      source: ['aws.backup'],
      'detail-type': ['Copy Job State Change'],
      detail: { state: ['FAILED', 'PARTIAL'] },
    });
  });

  test('matches restore jobs that failed or were aborted, on their status field, except restore tests', () => {
    const { template, backupAlerts, id } = setup();
    expect(ruleProperties(template, backupAlerts.rules.restore, id).EventPattern).toEqual({
      source: ['aws.backup'],
      'detail-type': ['Restore Job State Change'],
      detail: { status: ['FAILED', 'ABORTED'], restoreTestingPlanArn: [{ exists: false }] },
    });
  });

  test.each<[BackupJobType, Record<string, string>, RegExp]>([
    [
      'backup',
      {
        'detail-state': '$.detail.state',
        'detail-resourceType': '$.detail.resourceType',
        'detail-resourceArn': '$.detail.resourceArn',
        'detail-backupVaultName': '$.detail.backupVaultName',
        'detail-statusMessage': '$.detail.statusMessage',
        'detail-backupJobId': '$.detail.backupJobId',
        region: '$.region',
        account: '$.account',
      },
      /^"AWS Backup: backup job <detail-state> \| resource <detail-resourceType> <detail-resourceArn> \| vault <detail-backupVaultName> \| reason <detail-statusMessage> \| account <account> region <region> \| https:\/\/console\.aws\.amazon\.com\/backup\/home\?region=<region>#\/jobs\/backup\/details\/<detail-backupJobId>"$/,
    ],
    [
      'copy',
      {
        'detail-state': '$.detail.state',
        'detail-resourceArn': '$.detail.resourceArn',
        'detail-sourceBackupVaultArn': '$.detail.sourceBackupVaultArn',
        'detail-destinationBackupVaultArn': '$.detail.destinationBackupVaultArn',
        'detail-statusMessage': '$.detail.statusMessage',
        'detail-copyJobId': '$.detail.copyJobId',
      },
      /^"AWS Backup: copy job <detail-state> \| resource <detail-resourceType> <detail-resourceArn> \| from vault <detail-sourceBackupVaultArn> to <detail-destinationBackupVaultArn> \| reason <detail-statusMessage> \| .* \| https:\/\/console\.aws\.amazon\.com\/backup\/home\?region=<region>#\/jobs\/copy\/details\/<detail-copyJobId>"$/,
    ],
    [
      'restore',
      {
        'detail-status': '$.detail.status',
        'detail-sourceResourceArn': '$.detail.sourceResourceArn',
        'detail-backupVaultArn': '$.detail.backupVaultArn',
        'detail-recoveryPointArn': '$.detail.recoveryPointArn',
        'detail-statusMessage': '$.detail.statusMessage',
        'detail-restoreJobId': '$.detail.restoreJobId',
      },
      /^"AWS Backup: restore job <detail-status> \| resource <detail-resourceType> <detail-sourceResourceArn> \| vault <detail-backupVaultArn> recovery point <detail-recoveryPointArn> \| reason <detail-statusMessage> \| .* \| https:\/\/console\.aws\.amazon\.com\/backup\/home\?region=<region>#\/jobs\/restore\/details\/<detail-restoreJobId>"$/,
    ],
  ])('sends %s job alerts as one readable line with resource, vault, reason and console link', (jobType, paths, line) => {
    const { template, backupAlerts, id } = setup();
    const transformer = ruleProperties(template, backupAlerts.rules[jobType], id).Targets[0].InputTransformer;
    expect(transformer.InputPathsMap).toEqual(expect.objectContaining(paths));
    expect(transformer.InputTemplate).toMatch(line);
  });

  test('publishes through its own role, with a dead-letter queue, to the alert topic', () => {
    const { template, backupAlerts, alerts, id } = setup();
    const rules = Object.values(template.findResources('AWS::Events::Rule'));
    expect(rules).toHaveLength(3);
    for (const rule of rules) {
      expect(rule.Properties.State).toBe('ENABLED');
      expect(rule.Properties.Targets).toEqual([
        expect.objectContaining({
          Arn: { Ref: id(alerts.topic) },
          RoleArn: { 'Fn::GetAtt': [id(backupAlerts.publishRole), 'Arn'] },
          DeadLetterConfig: { Arn: { 'Fn::GetAtt': [id(backupAlerts.deadLetterQueue), 'Arn'] } },
        }),
      ]);
    }
  });

  test("lets only this account's rules in this region use the role, which may only publish to the topic with its key", () => {
    const { template, backupAlerts, alerts, key, id } = setup();
    expectLeastPrivilegePublisher(template, {
      role: id(backupAlerts.publishRole),
      topic: id(alerts.topic),
      key: id(key.key),
      account: '123456789012',
      region: 'eu-west-1',
    });
  });

  test('keeps undeliverable alerts 14 days in an encrypted, retained queue that only its rules may write to', () => {
    const { template, backupAlerts, id } = setup();
    template.hasResource('AWS::SQS::Queue', {
      DeletionPolicy: 'Retain',
      Properties: { MessageRetentionPeriod: 14 * 24 * 3600, SqsManagedSseEnabled: true },
    });
    for (const rule of Object.values(backupAlerts.rules)) {
      template.hasResourceProperties('AWS::SQS::QueuePolicy', {
        PolicyDocument: {
          Statement: Match.arrayWith([
            Match.objectLike({
              Effect: 'Allow',
              Principal: { Service: 'events.amazonaws.com' },
              Action: 'sqs:SendMessage',
              Condition: { ArnEquals: { 'aws:SourceArn': { 'Fn::GetAtt': [id(rule), 'Arn'] } } },
            }),
          ]),
        },
      });
    }
  });

  test('alarms on the alert topic when a backup or copy job of the vault failed in the last hour', () => {
    const { template, backupAlerts, alerts, vault, id } = setup();
    const alarm = template.findResources('AWS::CloudWatch::Alarm')[id(backupAlerts.failedJobsAlarm)].Properties;
    expect(alarm).toEqual(
      expect.objectContaining({
        ComparisonOperator: 'GreaterThanThreshold',
        Threshold: 0,
        EvaluationPeriods: 1,
        TreatMissingData: 'notBreaching',
        AlarmActions: [{ Ref: id(alerts.topic) }],
      }),
    );
    const vaultName = { 'Fn::GetAtt': [id(vault), 'BackupVaultName'] };
    const metric = (metricId: string, metricName: string) => ({
      Id: metricId,
      MetricStat: {
        Metric: { Namespace: 'AWS/Backup', MetricName: metricName, Dimensions: [{ Name: 'BackupVaultName', Value: vaultName }] },
        Period: 3600,
        Stat: 'Sum',
      },
      ReturnData: false,
    });
    expect(alarm.Metrics).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ Expression: 'FILL(backupJobsFailed, 0) + FILL(copyJobsFailed, 0)', ReturnData: true }),
        metric('backupJobsFailed', 'NumberOfBackupJobsFailed'),
        metric('copyJobsFailed', 'NumberOfCopyJobsFailed'),
      ]),
    );
    expect(alarm.Metrics).toHaveLength(3);
  });

  test('alarms on another topic when an alert is undelivered, if given one', () => {
    // given
    const stack = newStack();
    const key = new PlatformKey(stack, 'Key');
    const alerts = new AlertTopic(stack, 'Alerts', { key, displayName: 'Operations' });
    const security = new sns.Topic(stack, 'Security');
    const vault = new backup.BackupVault(stack, 'Vault');

    // when
    const backupAlerts = new BackupAlerts(stack, 'BackupAlerts', { alertTopic: alerts.topic, vault, undeliveredAlarmTopic: security });

    // then
    Template.fromStack(stack).hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'AWS/SQS',
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Dimensions: [
        {
          Name: 'QueueName',
          Value: { 'Fn::GetAtt': [stack.getLogicalId(backupAlerts.deadLetterQueue.node.defaultChild as CfnElement), 'QueueName'] },
        },
      ],
      Threshold: 0,
      ComparisonOperator: 'GreaterThanThreshold',
      AlarmActions: [{ Ref: stack.getLogicalId(security.node.defaultChild as CfnElement) }],
    });
  });

  test('makes only the failed jobs alarm without an undelivered alarm topic', () => {
    setup().template.resourceCountIs('AWS::CloudWatch::Alarm', 1);
  });

  test('rejects a topic in another region', () => {
    const stack = newStack();
    const topic = sns.Topic.fromTopicArn(stack, 'Topic', 'arn:aws:sns:eu-central-1:123456789012:operations');
    const vault = new backup.BackupVault(stack, 'Vault');
    expect(() => new BackupAlerts(stack, 'BackupAlerts', { alertTopic: topic, vault })).toThrow(
      /alertTopic must be in this region eu-west-1, because EventBridge rules deliver to SNS topics of their own region only \(received a topic in eu-central-1\)/,
    );
  });
});

describe('backup plans and alerts together', () => {
  test('pass all five compliance packs', () => {
    // given
    const app = new App();
    const stack = newStack(app);
    const key = new PlatformKey(stack, 'Key');
    const operations = new AlertTopic(stack, 'Operations', {
      key,
      displayName: 'Acme operations alerts',
      publishingServices: ['cloudwatch.amazonaws.com'],
    });
    const security = new AlertTopic(stack, 'Security', {
      key,
      displayName: 'Acme security alerts',
      publishingServices: ['cloudwatch.amazonaws.com'],
    });
    const vault = new backup.BackupVault(stack, 'Vault', { encryptionKey: key.key, removalPolicy: RemovalPolicy.RETAIN });

    // when
    new TieredBackupPlan(stack, 'Plans', {
      vault,
      timeZone: 'Europe/Berlin',
      copyTo: { vaultArn: 'arn:aws:backup:eu-central-1:123456789012:backup-vault:acme-copies' },
      recoveryPointTags: { 'cost-center': 'IT-42' },
    });
    new BackupAlerts(stack, 'BackupAlerts', { alertTopic: operations.topic, vault, undeliveredAlarmTopic: security.topic });

    // then
    expect(nagFindings(app)).toEqual([]);
  });
});
