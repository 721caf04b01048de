import { CfnElement, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as backup from 'aws-cdk-lib/aws-backup';
import * as kms from 'aws-cdk-lib/aws-kms';
import { IConstruct } from 'constructs';
import {
  BACKUP_TIERS,
  BackupTier,
  DayOfWeek,
  TieredBackupPlan,
  TieredBackupPlanProps,
  tierSchedules,
} from '../../../constructs/backup/tiered-backup-plan';
import { listAcknowledgements } from '../../../constructs/shared/compliance';

const COPY_VAULT_ARN = 'arn:aws:backup:eu-central-1:123456789012:backup-vault:acme-copies';

function newStack(): Stack {
  return new Stack(undefined, 'Test', { env: { account: '123456789012', region: 'eu-west-1' } });
}

function setup(props: Partial<TieredBackupPlanProps> = {}) {
  const stack = newStack();
  const key = new kms.Key(stack, 'Key', { enableKeyRotation: true, removalPolicy: RemovalPolicy.RETAIN });
  const vault = new backup.BackupVault(stack, 'Vault', { encryptionKey: key });
  const plans = new TieredBackupPlan(stack, 'Plans', { vault, timeZone: 'Europe/Berlin', ...props });
  const id = (construct: IConstruct) => stack.getLogicalId(construct.node.defaultChild as CfnElement);
  return { stack, vault, plans, template: Template.fromStack(stack), id };
}

/** The single rule of a tier's plan, as rendered. */
function ruleOf(template: Template, plans: TieredBackupPlan, tier: BackupTier, id: (c: IConstruct) => string): Record<string, any> {
  const rules = template.findResources('AWS::Backup::BackupPlan')[id(plans.plans[tier])].Properties.BackupPlan.BackupPlanRule;
  expect(rules).toHaveLength(1);
  return rules[0];
}

describe('tierSchedules', () => {
  test.each<[string, Parameters<typeof tierSchedules>[0], Record<BackupTier, string>]>([
    ['defaults: 01:00, Sunday, the 1st', {}, { daily: 'cron(0 1 * * ? *)', weekly: 'cron(0 1 ? * SUN *)', monthly: 'cron(0 1 1 * ? *)' }],
    [
      'another start hour',
      { startHour: 22 },
      { daily: 'cron(0 22 * * ? *)', weekly: 'cron(0 22 ? * SUN *)', monthly: 'cron(0 22 1 * ? *)' },
    ],
    ['midnight', { startHour: 0 }, { daily: 'cron(0 0 * * ? *)', weekly: 'cron(0 0 ? * SUN *)', monthly: 'cron(0 0 1 * ? *)' }],
    [
      'another weekday',
      { tiers: { weekly: { dayOfWeek: 'WED' } } },
      { daily: 'cron(0 1 * * ? *)', weekly: 'cron(0 1 ? * WED *)', monthly: 'cron(0 1 1 * ? *)' },
    ],
    [
      'both',
      { startHour: 3, tiers: { weekly: { dayOfWeek: 'SAT', retentionDays: 60 } } },
      { daily: 'cron(0 3 * * ? *)', weekly: 'cron(0 3 ? * SAT *)', monthly: 'cron(0 3 1 * ? *)' },
    ],
  ])('%s', (_name, props, expected) => {
    expect(tierSchedules(props)).toEqual(expected);
  });
});

describe('TieredBackupPlan', () => {
  test('makes one plan per tier with one rule each, on its schedule in the client time zone, into the vault', () => {
    const { template, plans, vault, id } = setup();
    template.resourceCountIs('AWS::Backup::BackupPlan', 3);
    const expected: Record<BackupTier, string> = {
      daily: 'cron(0 1 * * ? *)',
      weekly: 'cron(0 1 ? * SUN *)',
      monthly: 'cron(0 1 1 * ? *)',
    };
    for (const tier of BACKUP_TIERS) {
      expect(ruleOf(template, plans, tier, id)).toEqual(
        expect.objectContaining({
          RuleName: tier,
          ScheduleExpression: expected[tier],
          ScheduleExpressionTimezone: 'Europe/Berlin',
          StartWindowMinutes: 60,
          CompletionWindowMinutes: 480,
          TargetBackupVault: { 'Fn::GetAtt': [id(vault), 'BackupVaultName'] },
        }),
      );
    }
    expect(plans.schedules).toEqual(expected);
  });

  test('keeps daily 35 days, weekly 90 days and monthly 365 days with cold storage after 90', () => {
    const { template, plans, id } = setup();
    expect(ruleOf(template, plans, 'daily', id).Lifecycle).toEqual({ DeleteAfterDays: 35 });
    expect(ruleOf(template, plans, 'weekly', id).Lifecycle).toEqual({ DeleteAfterDays: 90 });
    expect(ruleOf(template, plans, 'monthly', id).Lifecycle).toEqual({ DeleteAfterDays: 365, MoveToColdStorageAfterDays: 90 });
  });

  test('takes other retentions, start hour, weekday and windows', () => {
    // given
    const props: Partial<TieredBackupPlanProps> = {
      tiers: {
        daily: { retentionDays: 14 },
        weekly: { retentionDays: 56, dayOfWeek: 'SAT' },
        monthly: { retentionDays: 2555, coldStorageAfterDays: 180 },
      },
      startHour: 23,
      startWindowMinutes: 120,
      completionWindowHours: 12,
    };

    // when
    const { template, plans, id } = setup(props);

    // then
    expect(ruleOf(template, plans, 'daily', id)).toEqual(
      expect.objectContaining({ ScheduleExpression: 'cron(0 23 * * ? *)', Lifecycle: { DeleteAfterDays: 14 } }),
    );
    expect(ruleOf(template, plans, 'weekly', id)).toEqual(
      expect.objectContaining({ ScheduleExpression: 'cron(0 23 ? * SAT *)', Lifecycle: { DeleteAfterDays: 56 } }),
    );
    expect(ruleOf(template, plans, 'monthly', id)).toEqual(
      expect.objectContaining({
        ScheduleExpression: 'cron(0 23 1 * ? *)',
        Lifecycle: { DeleteAfterDays: 2555, MoveToColdStorageAfterDays: 180 },
      }),
    );
    for (const tier of BACKUP_TIERS) {
      expect(ruleOf(template, plans, tier, id)).toEqual(expect.objectContaining({ StartWindowMinutes: 120, CompletionWindowMinutes: 720 }));
    }
  });

  test('keeps continuous backups (point-in-time restore) in the daily tier only, by default', () => {
    const { template, plans, id } = setup();
    expect(ruleOf(template, plans, 'daily', id).EnableContinuousBackup).toBe(true);
    expect(ruleOf(template, plans, 'weekly', id)).not.toHaveProperty('EnableContinuousBackup');
    expect(ruleOf(template, plans, 'monthly', id)).not.toHaveProperty('EnableContinuousBackup');
  });

  test('takes snapshots only when continuous backup is off, which allows a daily retention beyond 35 days', () => {
    const { template, plans, id } = setup({ continuousBackup: false, tiers: { daily: { retentionDays: 60 } } });
    const daily = ruleOf(template, plans, 'daily', id);
    expect(daily).not.toHaveProperty('EnableContinuousBackup');
    expect(daily.Lifecycle).toEqual({ DeleteAfterDays: 60 });
  });

  test('makes no copies unless asked', () => {
    const { template, plans, id } = setup();
    for (const tier of BACKUP_TIERS) {
      expect(ruleOf(template, plans, tier, id)).not.toHaveProperty('CopyActions');
    }
  });

  test('copies every recovery point of every tier to the other region with the same retention and cold storage', () => {
    const { template, plans, id } = setup({ copyTo: { vaultArn: COPY_VAULT_ARN } });
    expect(ruleOf(template, plans, 'daily', id).CopyActions).toEqual([
      { DestinationBackupVaultArn: COPY_VAULT_ARN, Lifecycle: { DeleteAfterDays: 35 } },
    ]);
    expect(ruleOf(template, plans, 'weekly', id).CopyActions).toEqual([
      { DestinationBackupVaultArn: COPY_VAULT_ARN, Lifecycle: { DeleteAfterDays: 90 } },
    ]);
    expect(ruleOf(template, plans, 'monthly', id).CopyActions).toEqual([
      { DestinationBackupVaultArn: COPY_VAULT_ARN, Lifecycle: { DeleteAfterDays: 365, MoveToColdStorageAfterDays: 90 } },
    ]);
  });

  test('tags every recovery point when asked', () => {
    const { template, plans, id } = setup({ recoveryPointTags: { 'cost-center': 'IT-42' } });
    for (const tier of BACKUP_TIERS) {
      expect(ruleOf(template, plans, tier, id).RecoveryPointTags).toEqual({ 'cost-center': 'IT-42' });
    }
  });

  test('selects, for each tier, every opted-in resource whose tag has exactly that tier as value', () => {
    const { template, plans, id } = setup();
    template.resourceCountIs('AWS::Backup::BackupSelection', 3);
    for (const tier of BACKUP_TIERS) {
      template.hasResourceProperties('AWS::Backup::BackupSelection', {
        BackupPlanId: { 'Fn::GetAtt': [id(plans.plans[tier]), 'BackupPlanId'] },
        BackupSelection: {
          SelectionName: `${tier}-tagged`,
          IamRoleArn: { 'Fn::GetAtt': [id(plans.role), 'Arn'] },
          Resources: ['*'],
          Conditions: { StringEquals: [{ ConditionKey: 'aws:ResourceTag/backup', ConditionValue: tier }] },
          ListOfTags: Match.absent(),
          NotResources: Match.absent(),
        },
      });
    }
    expect(Object.keys(plans.selections).sort()).toEqual(['daily', 'monthly', 'weekly']);
  });

  test('selects nothing for the value none', () => {
    const { template } = setup();
    const values = Object.values(template.findResources('AWS::Backup::BackupSelection')).map(
      (selection) => selection.Properties.BackupSelection.Conditions.StringEquals[0].ConditionValue,
    );
    expect(values.sort()).toEqual(['daily', 'monthly', 'weekly']);
  });

  test('selects by another tag key', () => {
    const { template } = setup({ tagKey: 'acme:backup-tier' });
    template.hasResourceProperties('AWS::Backup::BackupSelection', {
      BackupSelection: Match.objectLike({
        Conditions: { StringEquals: [{ ConditionKey: 'aws:ResourceTag/acme:backup-tier', ConditionValue: 'weekly' }] },
      }),
    });
  });

  test('backs up and restores with a role that only AWS Backup can assume, with the AWS Backup managed policies', () => {
    const { template, plans, id } = setup();
    template.resourceCountIs('AWS::IAM::Role', 1);
    const role = template.findResources('AWS::IAM::Role')[id(plans.role)].Properties;
    expect(role.AssumeRolePolicyDocument.Statement).toEqual([
      { Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { Service: 'backup.amazonaws.com' } },
    ]);
    const policy = (name: string) => ({ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:iam::aws:policy/${name}`]] });
    expect(role.ManagedPolicyArns).toEqual([
      policy('service-role/AWSBackupServiceRolePolicyForBackup'),
      policy('service-role/AWSBackupServiceRolePolicyForRestores'),
      policy('AWSBackupServiceRolePolicyForS3Backup'),
      policy('AWSBackupServiceRolePolicyForS3Restore'),
    ]);
    // Nothing else: no inline policies.
    template.resourceCountIs('AWS::IAM::Policy', 0);
  });

  test('acknowledges each AWS managed policy of the role, and nothing else', () => {
    const { stack } = setup();
    expect(listAcknowledgements(stack).map((a) => [a.path, a.ruleId])).toEqual([
      [
        'Test/Plans/Role',
        'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup]',
      ],
      [
        'Test/Plans/Role',
        'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForRestores]',
      ],
      ['Test/Plans/Role', 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/AWSBackupServiceRolePolicyForS3Backup]'],
      ['Test/Plans/Role', 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/AWSBackupServiceRolePolicyForS3Restore]'],
    ]);
  });

  test('names each plan after its construct and tier', () => {
    const { template, plans, id } = setup();
    for (const tier of BACKUP_TIERS) {
      const name: string = template.findResources('AWS::Backup::BackupPlan')[id(plans.plans[tier])].Properties.BackupPlan.BackupPlanName;
      expect(name).toMatch(new RegExp(`^Test-Plans-[0-9A-F]{8}-${tier}$`));
      expect(name.length).toBeLessThanOrEqual(50);
    }
  });

  describe('validation', () => {
    test.each(['Berlin', 'Europe/Atlantis', 'CET+1', ''])('rejects the time zone %j', (timeZone) => {
      expect(() => setup({ timeZone })).toThrow(
        /^TieredBackupPlan Test\/Plans: timeZone must be an IANA time zone name such as Europe\/Berlin, Europe\/London, America\/New_York or UTC \(received/,
      );
    });

    test.each(['europe/berlin', 'EUROPE/BERLIN'])('rejects the time zone %j, naming its spelling', (timeZone) => {
      expect(() => setup({ timeZone })).toThrow(
        `TieredBackupPlan Test/Plans: timeZone must be spelled as the IANA time zone database spells it: Europe/Berlin (received "${timeZone}")`,
      );
    });

    test.each(['UTC', 'America/New_York', 'Asia/Kolkata', 'Europe/Kyiv'])('accepts the time zone %s', (timeZone) => {
      expect(() => setup({ timeZone })).not.toThrow();
    });

    test.each(['', 'aws:backup', 'AWS:tier', 'back#up', 'x'.repeat(129)])('rejects the tag key %j', (tagKey) => {
      expect(() => setup({ tagKey })).toThrow(
        /tagKey must (be a tag key of 1-128 characters: letters, digits|not start with "aws:", which AWS reserves).* \(received/,
      );
    });

    test.each<[BackupTier, number]>([
      ['daily', 0],
      ['weekly', -7],
      ['monthly', 36501],
      ['weekly', 7.5],
    ])('rejects %s retention of %s days', (tier, retentionDays) => {
      expect(() => setup({ continuousBackup: false, tiers: { [tier]: { retentionDays } } })).toThrow(
        new RegExp(`tiers\\.${tier}\\.retentionDays must be a whole number of days from 1 to 36500 \\(received ${retentionDays}\\)`),
      );
    });

    test('rejects monthly recovery points that would leave cold storage before 90 days', () => {
      expect(() => setup({ tiers: { monthly: { retentionDays: 179, coldStorageAfterDays: 90 } } })).toThrow(
        /tiers\.monthly\.retentionDays must be at least 90 days longer than tiers\.monthly\.coldStorageAfterDays.*\(received retentionDays 179 and coldStorageAfterDays 90\); raise retentionDays to 180/,
      );
    });

    test('accepts exactly 90 days in cold storage', () => {
      expect(() => setup({ tiers: { monthly: { retentionDays: 180, coldStorageAfterDays: 90 } } })).not.toThrow();
    });

    test.each([0, 30.5])('rejects a cold storage transition after %s days', (coldStorageAfterDays) => {
      expect(() => setup({ tiers: { monthly: { coldStorageAfterDays } } })).toThrow(
        /tiers\.monthly\.coldStorageAfterDays must be a whole number of days of at least 1 \(received/,
      );
    });

    test('rejects a daily retention beyond 35 days with continuous backup', () => {
      expect(() => setup({ tiers: { daily: { retentionDays: 36 } } })).toThrow(
        /tiers\.daily\.retentionDays must be at most 35 with continuousBackup, the longest AWS keeps continuous backups \(received 36\); lower it or set continuousBackup to false/,
      );
    });

    test.each([-1, 24, 1.5])('rejects the start hour %s', (startHour) => {
      expect(() => setup({ startHour })).toThrow(/startHour must be a whole hour from 0 to 23 \(received/);
    });

    test('rejects an unknown weekday', () => {
      expect(() => setup({ tiers: { weekly: { dayOfWeek: 'SUNDAY' as DayOfWeek } } })).toThrow(
        /tiers\.weekly\.dayOfWeek must be one of MON, TUE, WED, THU, FRI, SAT, SUN \(received "SUNDAY"\)/,
      );
    });

    test.each([59, 90.5])('rejects a start window of %s minutes', (startWindowMinutes) => {
      expect(() => setup({ startWindowMinutes })).toThrow(
        /startWindowMinutes must be a whole number of at least 60 minutes, the AWS minimum \(received/,
      );
    });

    test.each<[number, number]>([
      [1, 60],
      [2, 120],
      [0.01, 60],
    ])('rejects a completion window of %s hours with a start window of %s minutes', (completionWindowHours, startWindowMinutes) => {
      expect(() => setup({ completionWindowHours, startWindowMinutes })).toThrow(
        /completionWindowHours must be whole minutes and at least one hour longer than the start window/,
      );
    });

    test('accepts a completion window one hour longer than the start window', () => {
      expect(() => setup({ completionWindowHours: 2, startWindowMinutes: 60 })).not.toThrow();
    });

    test.each([
      'arn:aws:backup:eu-central-1:123456789012:vault:acme',
      'arn:aws:s3:::acme-copies',
      'arn:aws:backup:eu-central-1:12345:backup-vault:acme',
      'acme-copies',
    ])('rejects the copy vault ARN %s', (vaultArn) => {
      expect(() => setup({ copyTo: { vaultArn } })).toThrow(
        /copyTo\.vaultArn must be a backup vault ARN such as arn:aws:backup:eu-central-1:123456789012:backup-vault:acme-copies \(received/,
      );
    });

    test("rejects a copy vault in the stack's own region", () => {
      expect(() => setup({ copyTo: { vaultArn: 'arn:aws:backup:eu-west-1:123456789012:backup-vault:acme-copies' } })).toThrow(
        /copyTo\.vaultArn must be a vault in another region than this stack's \(eu-west-1\)/,
      );
    });

    test('rejects recovery point tags AWS would refuse', () => {
      expect(() => setup({ recoveryPointTags: { 'aws:owner': 'x' } })).toThrow(/recoveryPointTags has an invalid key "aws:owner"/);
      expect(() => setup({ recoveryPointTags: { owner: 'a#b' } })).toThrow(
        /recoveryPointTags\.owner must be at most 256 .* \(received "a#b"\)/,
      );
    });
  });
});
