import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { ReportReaderRole } from '../../../constructs/finops/report-reader-role';
import { cdkJsonContext } from '../../../lib/app/cdk-json';
import { nagFindings } from '../../nag';
import { decide, resolveIn, type AccountTemplates, type CfnTemplate, type PrincipalPolicies } from '../../policies/iam-simulation';

const ACCOUNT = '222222222222';
const BILLING = '111111111111';
const REGION = 'eu-west-1';

const app = new App({ context: cdkJsonContext() });
const stack = new Stack(app, 'Staging', { env: { account: ACCOUNT, region: REGION } });
new ReportReaderRole(stack, 'ReportReader', {
  roleName: 'Acme-ReportReader',
  reportAccountId: BILLING,
  reportRoleName: 'Acme-MonthlyReport',
  vaultName: 'acme-backup',
});
const template = Template.fromStack(stack);
const resources = template.toJSON().Resources as Record<string, any>;
const [roleId, role] = Object.entries(resources).find(([, r]) => r.Type === 'AWS::IAM::Role')!;

describe('ReportReaderRole', () => {
  test('only the report function of the billing account may assume it', () => {
    expect(role.Properties.RoleName).toBe('Acme-ReportReader');
    const templates: AccountTemplates = {
      account: ACCOUNT,
      partition: 'aws',
      stacks: new Map([['Staging', { region: REGION, template: template.toJSON() as CfnTemplate }]]),
    };
    expect(resolveIn(templates, 'Staging', role.Properties.AssumeRolePolicyDocument).Statement).toEqual([
      {
        Action: 'sts:AssumeRole',
        Effect: 'Allow',
        Principal: { AWS: `arn:aws:iam::${BILLING}:root` },
        Condition: { ArnEquals: { 'aws:PrincipalArn': `arn:aws:iam::${BILLING}:role/Acme-MonthlyReport` } },
      },
    ]);
  });

  test('raises no unacknowledged finding in the five compliance packs', () => {
    expect(nagFindings(app)).toEqual([]);
  });

  describe('permissions, evaluated by an IAM policy simulator', () => {
    const templates: AccountTemplates = {
      account: ACCOUNT,
      partition: 'aws',
      stacks: new Map([['Staging', { region: REGION, template: template.toJSON() as CfnTemplate }]]),
    };
    const principal: PrincipalPolicies = {
      roleArn: `arn:aws:iam::${ACCOUNT}:role/Acme-ReportReader`,
      identityPolicies: Object.entries(resources)
        .filter(([, r]) => r.Type === 'AWS::IAM::ManagedPolicy' && JSON.stringify(r.Properties.Roles) === JSON.stringify([{ Ref: roleId }]))
        .map(([id, r]) => ({ name: id, policy: resolveIn(templates, 'Staging', r.Properties.PolicyDocument) })),
    };
    const rows: Array<[string, string, string]> = [
      ['allows', 'securityhub:GetFindings', `arn:aws:securityhub:${REGION}:${ACCOUNT}:hub/default`],
      ['allows', 'cloudwatch:GetMetricData', '*'],
      [
        'allows',
        'cloudwatch:DescribeAlarmHistory',
        `arn:aws:cloudwatch:${REGION}:${ACCOUNT}:alarm:Acme-Staging-Security-CIS-4.3-RootAccountUsage`,
      ],
      ['allows', 'backup:ListRecoveryPointsByBackupVault', `arn:aws:backup:${REGION}:${ACCOUNT}:backup-vault:acme-backup`],
      ['allows', 'cloudtrail:LookupEvents', '*'],
      ['allows', 'guardduty:GetFindings', '*'],
      ['denies', 'securityhub:BatchUpdateFindings', `arn:aws:securityhub:${REGION}:${ACCOUNT}:hub/default`],
      ['denies', 'securityhub:GetFindings', `arn:aws:securityhub:eu-central-1:${ACCOUNT}:hub/default`],
      ['denies', 'cloudwatch:PutMetricData', '*'],
      ['denies', 'backup:DeleteRecoveryPoint', `arn:aws:backup:${REGION}:${ACCOUNT}:recovery-point:abc`],
      ['denies', 'cloudtrail:StopLogging', `arn:aws:cloudtrail:${REGION}:${ACCOUNT}:trail/acme`],
      ['denies', 's3:GetObject', 'arn:aws:s3:::acme-data/customers.csv'],
      ['denies', 'ce:GetCostAndUsage', '*'],
    ];
    test.each(rows)('%s %s on %s', async (verdict, action, resource) => {
      const decision = await decide(principal, ACCOUNT, { action, resource });
      if (verdict === 'allows') expect(decision).toBe('Allowed');
      else expect(decision).not.toBe('Allowed');
    });

    test('its trust admits the report role of the billing account and nobody else', async () => {
      const trust = resolveIn(templates, 'Staging', role.Properties.AssumeRolePolicyDocument);
      // The role is the resource, in the staging account; the caller's own policy allows AssumeRole.
      const assume = (principalArn: string) =>
        decide(
          {
            roleArn: principalArn,
            identityPolicies: [
              {
                name: 'caller',
                policy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: '*' }] },
              },
            ],
          },
          ACCOUNT,
          {
            action: 'sts:AssumeRole',
            resource: `arn:aws:iam::${ACCOUNT}:role/Acme-ReportReader`,
            resourcePolicy: trust,
            context: { 'aws:PrincipalArn': principalArn, 'aws:PrincipalAccount': principalArn.split(':')[4] },
          },
        );
      expect(await assume(`arn:aws:iam::${BILLING}:role/Acme-MonthlyReport`)).toBe('Allowed');
      expect(await assume(`arn:aws:iam::${BILLING}:role/Acme-CostCollector`)).not.toBe('Allowed');
      expect(await assume(`arn:aws:iam::333333333333:role/Acme-MonthlyReport`)).not.toBe('Allowed');
    });
  });
});
