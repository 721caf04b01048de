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
import { expectRulesTargetTheNotifier, NOTIFIER } from '../foundation/alert-notifier-expectations';
import { backupJobEvent, copyJobEvent, restoreJobEvent } from '../../fixtures/events/backup-jobs';
import { matchesEventPattern } from '../../support/event-pattern';

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
  const backupAlerts = new BackupAlerts(stack, 'BackupAlerts', { notifier: NOTIFIER, alarmTopic: alerts.topic, vault, ...props });
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

  test.each<[BackupJobType, Record<string, unknown>, Record<string, unknown>]>([
    ['backup', backupJobEvent('FAILED'), backupJobEvent('COMPLETED')],
    ['copy', copyJobEvent('FAILED'), copyJobEvent('COMPLETED')],
    ['restore', restoreJobEvent({ status: 'FAILED' }), restoreJobEvent({ status: 'COMPLETED' })],
  ])('the %s rule matches the recorded failed job and not a completed one', (jobType, failed, completed) => {
    const { template, backupAlerts, id } = setup();
    const pattern = ruleProperties(template, backupAlerts.rules[jobType], id).EventPattern;
    expect(matchesEventPattern(pattern, failed)).toBe(true);
    expect(matchesEventPattern(pattern, completed)).toBe(false);
  });

  test('a failed restore test is left to RestoreTesting', () => {
    const { template, backupAlerts, id } = setup();
    const pattern = ruleProperties(template, backupAlerts.rules.restore, id).EventPattern;
    const test = restoreJobEvent({ restoreTestingPlanArn: 'arn:aws:backup:eu-west-1:123456789012:restore-testing-plan:weekly-abc' });
    expect(matchesEventPattern(pattern, test)).toBe(false);
  });

  test('hands the job events to the alert notifier, with a dead-letter queue', () => {
    const { template, backupAlerts, id } = setup();
    expect(Object.values(template.findResources('AWS::Events::Rule')).every((rule) => rule.Properties.State === 'ENABLED')).toBe(true);
    expectRulesTargetTheNotifier(template, id(backupAlerts.deadLetterQueue));
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
    const backupAlerts = new BackupAlerts(stack, 'BackupAlerts', {
      notifier: NOTIFIER,
      alarmTopic: alerts.topic,
      vault,
      undeliveredAlarmTopic: security,
    });

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
    new BackupAlerts(stack, 'BackupAlerts', {
      notifier: NOTIFIER,
      alarmTopic: operations.topic,
      vault,
      undeliveredAlarmTopic: security.topic,
    });

    // then
    expect(nagFindings(app)).toEqual([]);
  });
});
