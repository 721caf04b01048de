import * as fs from 'node:fs';
import * as path from 'node:path';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { parseClientConfig } from '../../../../lib/core/config/load';
import { buildTestApp, minimalClientInput, parseInput, ROOT, stackOf } from '../../../helpers';

function fixture(name: string) {
  const file = path.join(ROOT, 'test', 'fixtures', 'clients', `${name}.yaml`);
  return parseClientConfig(fs.readFileSync(file, 'utf8'), file, name);
}

describe('BackupStack and BackupCopyStack', () => {
  describe('defaults (minimal client)', () => {
    const app = buildTestApp(parseInput(minimalClientInput()));
    const template = Template.fromStack(stackOf(app, 'Acme-Production-Backup'));

    test('one backup stack per account in its home region, protected, no copy stack', () => {
      const stack = stackOf(app, 'Acme-Production-Backup');
      expect(stack.environment).toBe('aws://123456789012/eu-west-1');
      expect(stack.terminationProtection).toBe(true);
      expect(app.node.tryFindChild('Acme-Production-Backup-EuWest3')).toBeUndefined();
    });

    test('a governance-locked vault named after the client, with its own key, retained', () => {
      template.hasResource('AWS::Backup::BackupVault', {
        DeletionPolicy: 'Retain',
        Properties: Match.objectLike({
          BackupVaultName: 'acme-backup',
          EncryptionKeyArn: Match.anyValue(),
          LockConfiguration: { MinRetentionDays: 7, MaxRetentionDays: 3650 },
        }),
      });
    });

    test('only the break-glass role may delete recovery points', () => {
      template.hasResourceProperties('AWS::Backup::BackupVault', {
        AccessPolicy: {
          Statement: Match.arrayWith([
            Match.objectLike({
              Effect: 'Deny',
              Action: Match.arrayWith(['backup:DeleteRecoveryPoint']),
              Condition: { ArnNotEquals: { 'aws:PrincipalArn': Match.anyValue() } },
            }),
          ]),
        },
      });
      template.hasResourceProperties('AWS::IAM::Role', { RoleName: 'LandingZone-BackupBreakGlass' });
    });

    test("tiers by the backup tag, in the client's time zone, with the default retentions", () => {
      const rules = Object.values(template.findResources('AWS::Backup::BackupPlan')).flatMap(
        (plan: any) => plan.Properties.BackupPlan.BackupPlanRule,
      );
      expect(rules).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ ScheduleExpressionTimezone: 'UTC', Lifecycle: expect.objectContaining({ DeleteAfterDays: 35 }) }),
          expect.objectContaining({ Lifecycle: expect.objectContaining({ DeleteAfterDays: 90 }) }),
          expect.objectContaining({ Lifecycle: expect.objectContaining({ DeleteAfterDays: 365, MoveToColdStorageAfterDays: 90 }) }),
        ]),
      );
      for (const tier of ['daily', 'weekly', 'monthly']) {
        template.hasResourceProperties('AWS::Backup::BackupSelection', {
          BackupSelection: Match.objectLike({
            Conditions: { StringEquals: [{ ConditionKey: 'aws:ResourceTag/backup', ConditionValue: tier }] },
          }),
        });
      }
    });

    test('alerts on failed jobs to the operations topic, and runs the monthly restore test and the audit framework', () => {
      template.hasResourceProperties('AWS::Events::Rule', { EventPattern: Match.objectLike({ source: ['aws.backup'] }) });
      template.resourceCountIs('AWS::Backup::RestoreTestingPlan', 1);
      template.resourceCountIs('AWS::Backup::Framework', 1);
      template.hasResourceProperties('AWS::Backup::ReportPlan', {
        ReportDeliveryChannel: Match.objectLike({ S3BucketName: Match.anyValue() }),
      });
    });

    test('the boundary protects the vault keys by alias', () => {
      Template.fromStack(stackOf(app, 'Acme-Production-Security')).hasResourceProperties('AWS::IAM::ManagedPolicy', {
        PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Sid: 'DenyAliasedKeyChanges' })]) },
      });
    });
  });

  describe('copies and compliance mode (backup-copy fixture)', () => {
    const app = buildTestApp(fixture('backup-copy'));
    const home = Template.fromStack(stackOf(app, 'BackupCopy-Prod-Backup'));
    const copy = Template.fromStack(stackOf(app, 'BackupCopy-Prod-Backup-EuNorth1'));

    test('the copy vault lives in the copy region with its own key and compliance lock, deployed first', () => {
      expect(stackOf(app, 'BackupCopy-Prod-Backup-EuNorth1').environment).toBe('aws://333333333333/eu-north-1');
      copy.hasResourceProperties('AWS::Backup::BackupVault', {
        BackupVaultName: 'backup-copy-backup-copy',
        LockConfiguration: { MinRetentionDays: 7, MaxRetentionDays: 1000, ChangeableForDays: 7 },
      });
      copy.resourceCountIs('AWS::KMS::Key', 1);
      expect(stackOf(app, 'BackupCopy-Prod-Backup').dependencies.map((s) => s.stackName)).toContain('BackupCopy-Prod-Backup-EuNorth1');
    });

    test('every tier copies to the copy vault, by its deterministic ARN', () => {
      const rules = Object.values(home.findResources('AWS::Backup::BackupPlan')).flatMap(
        (plan: any) => plan.Properties.BackupPlan.BackupPlanRule,
      );
      expect(rules).toHaveLength(3);
      for (const rule of rules) {
        expect(JSON.stringify(rule.CopyActions)).toContain(':backup:eu-north-1:333333333333:backup-vault:backup-copy-backup-copy');
        expect(rule.ScheduleExpressionTimezone).toBe('Europe/Vienna');
      }
    });

    test('the restore test covers the configured resource types', () => {
      const types = Object.values(home.findResources('AWS::Backup::RestoreTestingSelection'))
        .map((s: any) => s.Properties.ProtectedResourceType)
        .sort();
      expect(types).toEqual(['DynamoDB', 'EBS', 'EFS', 'RDS', 'S3']);
    });
  });

  test('builds no backup stack when the layer is off', () => {
    const input = minimalClientInput();
    input.backup = { enabled: false };
    const app = buildTestApp(parseInput(input));
    expect(app.node.tryFindChild('Acme-Production-Backup')).toBeUndefined();
  });
});
