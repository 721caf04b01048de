import * as path from 'node:path';
import { Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { loadClientConfig } from '../../../../lib/core/config/load';
import { guardrailPolicies, suspendedPolicy } from '../../../../policies/organization-guardrails';
import { buildTestApp, ROOT, stackOf } from '../../../helpers';
import { resolveIn, type CfnTemplate } from '../../../policies/iam-simulation';

const FIXTURES = path.join(ROOT, 'test', 'fixtures', 'clients');

/** One app per organization fixture, built once for the file. */
function build(name: string) {
  const config = loadClientConfig(name, FIXTURES);
  const app = buildTestApp(config);
  const stacks = app.node.children.filter((child): child is Stack => child instanceof Stack);
  const template = (stackName: string) => Template.fromStack(stackOf(app, stackName));
  const stackNames = stacks.map((stack) => stack.stackName);
  return { config, app, stacks, stackNames, template };
}

describe('organization mode, a new organization (org-new)', () => {
  const built = build('org-new');
  const organization = built.template('OrgNew-Organization');

  test('the organization stack is in the management account, home region', () => {
    const stack = stackOf(built.app, 'OrgNew-Organization');
    expect([stack.account, stack.region]).toEqual(['200000000001', 'eu-central-1']);
  });

  test('creates the organization with all features and keeps it on delete', () => {
    organization.hasResource('AWS::Organizations::Organization', {
      Properties: { FeatureSet: 'ALL' },
      DeletionPolicy: 'Retain',
    });
  });

  test('creates every OU of the default layout under its parent, Workloads/Production under Workloads', () => {
    const units = organization.findResources('AWS::Organizations::OrganizationalUnit');
    const byName = Object.fromEntries(
      Object.entries(units).map(([id, unit]) => [unit.Properties.Name, { id, parent: unit.Properties.ParentId }]),
    );
    expect(Object.keys(byName).sort()).toEqual(['NonProduction', 'Production', 'Sandbox', 'Security', 'Suspended', 'Workloads']);
    expect(byName.Production.parent).toEqual({ 'Fn::GetAtt': [byName.Workloads.id, 'Id'] });
    expect(byName.Security.parent).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^StructureOrganization/), 'RootId'] });
    for (const unit of Object.values(units)) expect(unit.DeletionPolicy).toBe('Retain');
  });

  test('creates the created accounts in their OU (retained) and moves the invited one', () => {
    const accounts = organization.findResources('AWS::Organizations::Account');
    expect(
      Object.values(accounts)
        .map((a) => [a.Properties.AccountName, a.Properties.Email])
        .sort(),
    ).toEqual([
      ['log-archive', 'aws-logs@org-new.example'],
      ['sandbox', 'aws-sandbox@org-new.example'],
      ['security', 'aws-security@org-new.example'],
    ]);
    for (const account of Object.values(accounts)) {
      expect(account.DeletionPolicy).toBe('Retain');
      expect(account.Properties.ParentIds).toEqual([{ 'Fn::GetAtt': [expect.stringMatching(/^StructureUnit/), 'Id'] }]);
    }
    const moves = JSON.stringify(organization.findResources('Custom::AWS'));
    expect(moves).toContain('MoveAccount');
    expect(moves).toContain('200000000004');
  });

  test('attaches the four guardrail SCPs to the root and the deny-all to Suspended, as the simulation evaluates them', () => {
    const policies = organization.findResources('AWS::Organizations::Policy', { Properties: { Type: 'SERVICE_CONTROL_POLICY' } });
    const templates = {
      account: '200000000001',
      partition: 'aws',
      stacks: new Map([['OrgNew-Organization', { region: 'eu-central-1', template: organization.toJSON() as CfnTemplate }]]),
    };
    const synthesized = Object.fromEntries(
      Object.values(policies).map((p) => [p.Properties.Name, resolveIn(templates, 'OrgNew-Organization', p.Properties.Content)]),
    );
    const expected = [
      ...guardrailPolicies({
        clientName: 'org-new',
        platformNamePrefix: 'OrgNew-',
        allowedRegions: ['eu-central-1', 'eu-west-1'],
        logBucketNames: ['lz-logs-200000000003-eu-central-1', 'lz-access-logs-200000000003-eu-central-1'],
        partition: 'aws',
      }),
      suspendedPolicy({ platformNamePrefix: 'OrgNew-' }),
    ];
    expect(synthesized).toEqual(Object.fromEntries(expected.map((p) => [p.name, p.document])));
    const rootTargets = Object.values(policies).filter((p) => JSON.stringify(p.Properties.TargetIds).includes('RootId'));
    expect(rootTargets).toHaveLength(4);
    const suspended = Object.values(policies).find((p) => p.Properties.Name === 'OrgNew-suspended')!;
    expect(JSON.stringify(suspended.Properties.TargetIds)).toMatch(/StructureUnitSuspended\w+/);
  });

  test('a tag policy for the cost-allocation tag keys on the root, and their activation in Cost Explorer', () => {
    organization.hasResourceProperties('AWS::Organizations::Policy', {
      Type: 'TAG_POLICY',
      Content: { tags: { project: { tag_key: { '@@assign': 'project' } }, environment: { tag_key: { '@@assign': 'environment' } } } },
    });
    const calls = JSON.stringify(organization.findResources('Custom::AWS'));
    expect(calls).toContain('UpdateCostAllocationTagsStatus');
  });

  test('trusted access and the security account as delegated administrator, GuardDuty and Security Hub in every allowed region', () => {
    const calls = JSON.stringify(organization.findResources('Custom::AWS'));
    for (const principal of ['cloudtrail', 'config', 'guardduty', 'securityhub', 'access-analyzer', 'sso', 'tagpolicies.tag']) {
      expect(calls).toContain(`${principal}.amazonaws.com`);
    }
    expect(calls.match(/RegisterDelegatedAdministrator/g)?.length).toBeGreaterThanOrEqual(2);
    expect(calls).toMatch(/EnableOrganizationAdminAccount.*eu-west-1/);
    organization.hasResourceProperties('AWS::SecurityHub::DelegatedAdmin', { AdminAccountId: '200000000002' });
    organization.resourceCountIs('AWS::SecurityHub::Hub', 1);
  });

  test('Identity Center: the assigned permission sets and one assignment per group and account', () => {
    const sets = organization.findResources('AWS::SSO::PermissionSet');
    expect(
      Object.values(sets)
        .map((s) => s.Properties.Name)
        .sort(),
    ).toEqual(['OrgNew-Administrator', 'OrgNew-Auditor', 'OrgNew-Consultant', 'OrgNew-FinOpsViewer']);
    organization.resourceCountIs('AWS::SSO::Assignment', 2 + 3 + 1 + 3);
    organization.hasResourceProperties('AWS::SSO::PermissionSet', {
      Name: 'OrgNew-Administrator',
      SessionDuration: 'PT1H',
      PermissionsBoundary: { CustomerManagedPolicyReference: { Name: 'org-new-baseline-protection' } },
    });
  });

  test('the organization trail: management account, into the log-archive account, encrypted with its key by alias', () => {
    const management = built.template('OrgNew-Management-Security');
    management.hasResourceProperties('AWS::CloudTrail::Trail', {
      TrailName: 'org-new-audit',
      IsOrganizationTrail: true,
      IsMultiRegionTrail: true,
      S3BucketName: 'lz-logs-200000000003-eu-central-1',
      KMSKeyId: 'arn:aws:kms:eu-central-1:200000000003:alias/org-new/log-archive',
    });
    // The CIS alarms read its CloudWatch copy in the management account.
    expect(Object.keys(management.findResources('AWS::CloudWatch::Alarm')).some((id) => id.startsWith('CisAlarms'))).toBe(true);
    for (const name of ['Security', 'LogArchive', 'Production', 'Sandbox']) {
      built.template(`OrgNew-${name}-Security`).resourceCountIs('AWS::CloudTrail::Trail', 0);
    }
  });

  test('the break-glass role of every member alarms from the organization trail (members have no trail of their own)', () => {
    const management = built.template('OrgNew-Management-Security');
    const filters = Object.values(management.findResources('AWS::Logs::MetricFilter')).map((f) =>
      JSON.stringify(f.Properties.FilterPattern),
    );
    for (const id of ['200000000004', '200000000005']) {
      expect(filters.filter((pattern) => pattern.includes(`:iam::${id}:role/LandingZone-BackupBreakGlass`))).toHaveLength(1);
    }
    management.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmName: 'OrgNew-Management-Security-BackupBreakGlass-Production-Used',
    });
    management.hasResourceProperties('AWS::CloudWatch::Alarm', { AlarmName: 'OrgNew-Management-Security-BackupBreakGlass-Sandbox-Used' });
  });

  test("the one log archive admits the organization trail and every account's Config and flow logs", () => {
    const archive = built.template('OrgNew-LogArchive-Security');
    const policy = JSON.stringify(archive.findResources('AWS::S3::BucketPolicy'));
    expect(policy).toContain('AWSLogs/o-*/*');
    expect(policy).toContain(':cloudtrail:eu-central-1:200000000001:trail/org-new-audit');
    for (const id of ['200000000001', '200000000002', '200000000003', '200000000004', '200000000005']) {
      expect(policy).toContain(`AWSLogs/${id}/Config/*`);
    }
    for (const name of ['Management', 'Security', 'Production', 'Sandbox']) {
      built.template(`OrgNew-${name}-Security`).resourceCountIs('AWS::S3::Bucket', 0);
    }
    built.template('OrgNew-Production-Security').hasResourceProperties('AWS::Config::DeliveryChannel', {
      S3BucketName: 'lz-logs-200000000003-eu-central-1',
    });
  });

  test('no GuardDuty detector and no Security Hub in CloudFormation outside the organization stack', () => {
    for (const stack of built.stacks.filter((s) => s.stackName !== 'OrgNew-Organization')) {
      const template = Template.fromStack(stack);
      template.resourceCountIs('AWS::GuardDuty::Detector', 0);
      template.resourceCountIs('AWS::SecurityHub::Hub', 0);
      template.resourceCountIs('AWS::SecurityHub::Standard', 0);
    }
  });

  test('the security account administers: GuardDuty auto-enable in every region, Security Hub central configuration, Config aggregator, organization analyzers', () => {
    const security = built.template('OrgNew-Security-Security');
    const calls = JSON.stringify(security.findResources('Custom::AWS')).replace(/\\/g, '');
    for (const region of ['eu-central-1', 'eu-west-1'])
      expect(calls).toMatch(new RegExp(`UpdateOrganizationConfiguration.*${region}|${region}.*UpdateOrganizationConfiguration`));
    expect(calls).toContain('"AutoEnableOrganizationMembers":"ALL"');
    security.hasResourceProperties('AWS::SecurityHub::OrganizationConfiguration', { ConfigurationType: 'CENTRAL', AutoEnable: false });
    security.hasResourceProperties('AWS::SecurityHub::FindingAggregator', {
      RegionLinkingMode: 'SPECIFIED_REGIONS',
      Regions: ['eu-west-1'],
    });
    security.resourceCountIs('AWS::SecurityHub::PolicyAssociation', 5);
    security.hasResourceProperties('AWS::Config::ConfigurationAggregator', {
      OrganizationAggregationSource: Match.objectLike({ AwsRegions: ['eu-central-1', 'eu-west-1'], AllAwsRegions: false }),
    });
    security.hasResourceProperties('AWS::AccessAnalyzer::Analyzer', { Type: 'ORGANIZATION' });
    built.template('OrgNew-Security-Security-EuWest1').hasResourceProperties('AWS::AccessAnalyzer::Analyzer', { Type: 'ORGANIZATION' });
    for (const name of ['Management', 'LogArchive', 'Production', 'Sandbox']) {
      built.template(`OrgNew-${name}-Security`).resourceCountIs('AWS::AccessAnalyzer::Analyzer', 0);
    }
  });

  test("finding alerts only in the security account, where every account's findings arrive", () => {
    const withAlerts = built.stacks
      .filter((stack) =>
        Object.keys(Template.fromStack(stack).findResources('AWS::Events::Rule')).some((id) => id.startsWith('FindingAlerts')),
      )
      .map((stack) => stack.stackName);
    expect(withAlerts).toEqual(['OrgNew-Security-Security']);
  });

  test('FinOps in the management account; no network and no backups outside the member accounts', () => {
    expect(built.stackNames).toContain('OrgNew-Management-FinOps-UsEast1');
    expect(built.stackNames.filter((name) => /-(Network|Backup)$/.test(name)).sort()).toEqual([
      'OrgNew-Production-Backup',
      'OrgNew-Production-Network',
      'OrgNew-Sandbox-Backup',
      'OrgNew-Sandbox-Network',
    ]);
  });

  test('deployment order: the organization before every other account, the archive before the trail and the Config deliveries', () => {
    const dependencies = (name: string) => stackOf(built.app, name).dependencies.map((stack) => stack.stackName);
    for (const name of ['Security', 'LogArchive', 'Production', 'Sandbox']) {
      expect(dependencies(`OrgNew-${name}-Foundation`)).toContain('OrgNew-Organization');
    }
    for (const name of ['Management', 'Security', 'Production', 'Sandbox']) {
      expect(dependencies(`OrgNew-${name}-Security`)).toContain('OrgNew-LogArchive-Security');
    }
  });
});

describe('organization mode, an existing organization with invited accounts (org-existing)', () => {
  const built = build('org-existing');
  const organization = built.template('OrgExisting-Organization');

  test('creates no organization and no account; builds the OUs under the given root and moves every account', () => {
    organization.resourceCountIs('AWS::Organizations::Organization', 0);
    organization.resourceCountIs('AWS::Organizations::Account', 0);
    organization.hasResourceProperties('AWS::Organizations::OrganizationalUnit', { Name: 'Security', ParentId: 'r-ab12' });
    organization.hasResourceProperties('AWS::Organizations::OrganizationalUnit', {
      Name: 'Test',
      ParentId: Match.objectLike({ 'Fn::GetAtt': Match.anyValue() }),
    });
    const calls = JSON.stringify(organization.findResources('Custom::AWS'));
    for (const id of ['300000000002', '300000000003', '300000000004', '300000000005']) expect(calls).toContain(id);
  });

  test('without Identity Center, no permission sets; the people roles stay in each account', () => {
    organization.resourceCountIs('AWS::SSO::PermissionSet', 0);
    built.template('OrgExisting-Prod-Security').hasResourceProperties('AWS::IAM::Role', { RoleName: 'LandingZone-Administrator' });
  });

  test('member backups deliver their audit reports into the central archive, which admits every backup account', () => {
    const archive = JSON.stringify(built.template('OrgExisting-Logs-Security').findResources('AWS::S3::BucketPolicy'));
    for (const id of ['300000000004', '300000000005'])
      expect(archive).toContain(`iam::${id}:role/aws-service-role/reports.backup.amazonaws.com`);
  });
});
