import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  IdentityCenterAccess,
  IdentityCenterAccessProps,
  IdentityCenterAssignment,
  PermissionSetName,
} from '../../../constructs/organization/identity-center';
import { newTestApp, withCloudFormationValidation } from '../../helpers';
import { nagFindings } from '../../nag';

const INSTANCE_ARN = 'arn:aws:sso:::instance/ssoins-1234567890abcdef';
const ADMINS = 'a1b2c3d4-1111-2222-3333-444455556666';
const AUDITORS = 'b2c3d4e5-1111-2222-3333-444455556666';
/** A group id prefixed by its identity store's id, as groups synchronised from an IdP can be. */
const CTO = '906720be8c-c3d4e5f6-1111-2222-3333-444455556666';
const PRODUCTION = '111111111111';
const STAGING = '222222222222';

const ALL_SETS: IdentityCenterAssignment[] = [
  { groupId: ADMINS, permissionSet: 'administrator', accountIds: [PRODUCTION] },
  { groupId: AUDITORS, permissionSet: 'auditor', accountIds: [PRODUCTION] },
  { groupId: AUDITORS, permissionSet: 'finopsViewer', accountIds: [PRODUCTION] },
  { groupId: ADMINS, permissionSet: 'support', accountIds: [PRODUCTION] },
  { groupId: CTO, permissionSet: 'consultant', accountIds: [PRODUCTION, STAGING] },
];

function setup(props: Partial<IdentityCenterAccessProps> = {}, app = new App()) {
  const stack = new Stack(app, 'Management', { env: { account: '123456789012', region: 'eu-west-1' } });
  const access = new IdentityCenterAccess(stack, 'IdentityCenter', { instanceArn: INSTANCE_ARN, assignments: ALL_SETS, ...props });
  return { app, stack, access };
}

function template(props: Partial<IdentityCenterAccessProps> = {}): Template {
  return Template.fromStack(setup(props).stack);
}

/** The properties of the permission set with the given name. */
function permissionSet(t: Template, name: string): Record<string, any> {
  const found = Object.values(t.findResources('AWS::SSO::PermissionSet', { Properties: { Name: name } }));
  expect(found).toHaveLength(1);
  return found[0].Properties;
}

function permissionSetNames(t: Template): string[] {
  return Object.values(t.findResources('AWS::SSO::PermissionSet'))
    .map((resource) => resource.Properties.Name)
    .sort();
}

const awsManaged = (name: string) => ({ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:iam::aws:policy/${name}`]] });

describe('IdentityCenterAccess', () => {
  describe('permission sets', () => {
    test('creates only the permission sets that an assignment uses', () => {
      // given
      const { stack, access } = setup({
        assignments: [
          { groupId: AUDITORS, permissionSet: 'auditor', accountIds: [PRODUCTION] },
          { groupId: CTO, permissionSet: 'consultant', accountIds: [PRODUCTION] },
          { groupId: ADMINS, permissionSet: 'auditor', accountIds: [STAGING] },
        ],
      });
      // then
      expect(permissionSetNames(Template.fromStack(stack))).toEqual(['LandingZone-Auditor', 'LandingZone-Consultant']);
      expect([...access.permissionSets.keys()]).toEqual(['auditor', 'consultant']);
    });

    test('creates all five, named with the prefix, when all are used', () => {
      const { stack, access } = setup({ namePrefix: 'Example-' });
      expect(permissionSetNames(Template.fromStack(stack))).toEqual([
        'Example-Administrator',
        'Example-Auditor',
        'Example-Consultant',
        'Example-FinOpsViewer',
        'Example-Support',
      ]);
      expect([...access.permissionSets.keys()]).toEqual(['administrator', 'auditor', 'finopsViewer', 'support', 'consultant']);
    });

    test.each<[string, string]>([
      ['LandingZone-Administrator', 'PT1H'],
      ['LandingZone-Auditor', 'PT4H'],
      ['LandingZone-FinOpsViewer', 'PT4H'],
      ['LandingZone-Support', 'PT4H'],
      ['LandingZone-Consultant', 'PT8H'],
    ])('%s has sessions of %s', (name, duration) => {
      expect(permissionSet(template(), name).SessionDuration).toEqual(duration);
    });

    test.each<[string, string[]]>([
      ['LandingZone-Administrator', ['AdministratorAccess']],
      ['LandingZone-Auditor', ['SecurityAudit', 'job-function/ViewOnlyAccess']],
      ['LandingZone-FinOpsViewer', ['AWSBillingReadOnlyAccess']],
      ['LandingZone-Support', ['AWSSupportAccess']],
      ['LandingZone-Consultant', ['ReadOnlyAccess', 'AWSSupportAccess', 'AWSBillingReadOnlyAccess']],
    ])('%s has exactly the AWS managed policies %j, by full ARN', (name, policies) => {
      const properties = permissionSet(template(), name);
      expect(properties.ManagedPolicies).toEqual(policies.map(awsManaged));
      expect(properties.CustomerManagedPolicyReferences).toBeUndefined();
    });

    test('every permission set is in the given instance and says that MFA is enforced at every sign-in', () => {
      const t = template();
      for (const resource of Object.values(t.findResources('AWS::SSO::PermissionSet'))) {
        expect(resource.Properties.InstanceArn).toEqual(INSTANCE_ARN);
        expect(resource.Properties.Description).toMatch(/\(MFA at every sign-in, Identity Center MFA setting\)$/);
      }
    });

    test('only the FinOps viewer has an inline policy: the read-only actions of the FinOps viewer role, for any account', () => {
      // given
      const t = template();
      // then
      expect(permissionSet(t, 'LandingZone-FinOpsViewer').InlinePolicy).toEqual({
        Version: '2012-10-17',
        Statement: [
          {
            Sid: 'ReadCostsAndMetrics',
            Effect: 'Allow',
            Action: [
              'budgets:DescribeBudgetAction',
              'budgets:DescribeBudgetActionHistories',
              'budgets:DescribeBudgetActionsForAccount',
              'budgets:DescribeBudgetActionsForBudget',
              'ce:DescribeCostCategoryDefinition',
              'ce:GetAnomalies',
              'ce:GetAnomalyMonitors',
              'ce:GetAnomalySubscriptions',
              'ce:GetCostAndUsage',
              'ce:GetCostCategories',
              'ce:GetCostForecast',
              'ce:GetDimensionValues',
              'ce:GetReservationCoverage',
              'ce:GetReservationUtilization',
              'ce:GetSavingsPlansCoverage',
              'ce:GetSavingsPlansUtilization',
              'ce:GetTags',
              'ce:ListCostAllocationTags',
              'ce:ListCostCategoryDefinitions',
              'cloudwatch:DescribeAlarms',
              'cloudwatch:GetMetricData',
              'cloudwatch:GetMetricStatistics',
              'cloudwatch:ListDashboards',
              'cloudwatch:ListMetrics',
            ],
            Resource: '*',
          },
          {
            Sid: 'ReadBudgetsAndDashboards',
            Effect: 'Allow',
            Action: ['budgets:ViewBudget', 'cloudwatch:GetDashboard'],
            Resource: [
              { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':budgets::*:budget/*']] },
              { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':cloudwatch::*:dashboard/*']] },
            ],
          },
        ],
      });
      for (const name of ['LandingZone-Administrator', 'LandingZone-Auditor', 'LandingZone-Support', 'LandingZone-Consultant']) {
        expect(permissionSet(t, name).InlinePolicy).toBeUndefined();
      }
    });

    test('with boundaryPolicyName, only the administrator and consultant sets carry it as permissions boundary', () => {
      // given
      const t = template({ boundaryPolicyName: 'landing-zone-baseline-protection' });
      // then
      const boundary = { CustomerManagedPolicyReference: { Name: 'landing-zone-baseline-protection', Path: '/' } };
      expect(permissionSet(t, 'LandingZone-Administrator').PermissionsBoundary).toEqual(boundary);
      expect(permissionSet(t, 'LandingZone-Administrator').Description).toEqual(
        'Full administration (MFA at every sign-in, Identity Center MFA setting; permissions boundary landing-zone-baseline-protection)',
      );
      expect(permissionSet(t, 'LandingZone-Consultant').PermissionsBoundary).toEqual(boundary);
      for (const name of ['LandingZone-Auditor', 'LandingZone-FinOpsViewer', 'LandingZone-Support']) {
        expect(permissionSet(t, name).PermissionsBoundary).toBeUndefined();
      }
    });

    test('without boundaryPolicyName, no permission set has a permissions boundary', () => {
      const t = template();
      for (const resource of Object.values(t.findResources('AWS::SSO::PermissionSet'))) {
        expect(resource.Properties.PermissionsBoundary).toBeUndefined();
      }
    });
  });

  describe('assignments', () => {
    test('one assignment per (group, permission set, account), of the group to the account', () => {
      // given
      const t = template();
      const assignments = Object.values(t.findResources('AWS::SSO::Assignment')).map((resource) => resource.Properties);
      const setIds = (name: string) => Object.keys(t.findResources('AWS::SSO::PermissionSet', { Properties: { Name: name } }));
      const assignment = (group: string, setName: string, account: string) => {
        const [setId] = setIds(setName);
        return {
          InstanceArn: INSTANCE_ARN,
          PermissionSetArn: { 'Fn::GetAtt': [setId, 'PermissionSetArn'] },
          PrincipalType: 'GROUP',
          PrincipalId: group,
          TargetType: 'AWS_ACCOUNT',
          TargetId: account,
        };
      };
      // then
      expect(assignments).toHaveLength(6);
      expect(assignments).toEqual(
        expect.arrayContaining([
          assignment(ADMINS, 'LandingZone-Administrator', PRODUCTION),
          assignment(AUDITORS, 'LandingZone-Auditor', PRODUCTION),
          assignment(AUDITORS, 'LandingZone-FinOpsViewer', PRODUCTION),
          assignment(ADMINS, 'LandingZone-Support', PRODUCTION),
          assignment(CTO, 'LandingZone-Consultant', PRODUCTION),
          assignment(CTO, 'LandingZone-Consultant', STAGING),
        ]),
      );
    });

    test('the same group and account may get several permission sets, and several groups the same set', () => {
      const t = template({
        assignments: [
          { groupId: ADMINS, permissionSet: 'administrator', accountIds: [PRODUCTION] },
          { groupId: ADMINS, permissionSet: 'support', accountIds: [PRODUCTION] },
          { groupId: AUDITORS, permissionSet: 'support', accountIds: [PRODUCTION] },
        ],
      });
      t.resourceCountIs('AWS::SSO::Assignment', 3);
      t.resourceCountIs('AWS::SSO::PermissionSet', 2);
    });

    test('groups prefixed by the same identity store id get assignments of their own', () => {
      // given: two groups whose ids share the store prefix (their first 10 characters)
      const otherGroup = '906720be8c-d4e5f6a7-1111-2222-3333-444455556666';
      const t = template({
        assignments: [
          { groupId: CTO, permissionSet: 'consultant', accountIds: [PRODUCTION] },
          { groupId: otherGroup, permissionSet: 'consultant', accountIds: [PRODUCTION] },
        ],
      });
      // then
      t.resourceCountIs('AWS::SSO::Assignment', 2);
      t.hasResourceProperties('AWS::SSO::Assignment', { PrincipalId: otherGroup });
    });

    test('adding an assignment keeps the logical ids of the existing permission sets and assignments', () => {
      // given
      const before = template({ assignments: [{ groupId: ADMINS, permissionSet: 'administrator', accountIds: [PRODUCTION] }] });
      // when: a group and an account are added in front of the existing assignment
      const after = template({
        assignments: [
          { groupId: AUDITORS, permissionSet: 'auditor', accountIds: [STAGING] },
          { groupId: ADMINS, permissionSet: 'administrator', accountIds: [STAGING, PRODUCTION] },
        ],
      });
      // then
      const resources = (t: Template) => t.toJSON().Resources as Record<string, unknown>;
      for (const [logicalId, resource] of Object.entries(resources(before))) {
        expect(resources(after)[logicalId]).toEqual(resource);
      }
      expect(Object.keys(resources(after))).toHaveLength(Object.keys(resources(before)).length + 3);
    });

    test('logical ids name the permission set, the account and the group', () => {
      const t = template({ assignments: [{ groupId: ADMINS, permissionSet: 'administrator', accountIds: [PRODUCTION] }] });
      expect(Object.keys(t.findResources('AWS::SSO::PermissionSet'))).toEqual([
        expect.stringMatching(/^IdentityCenterPermissionSetAdministrator/),
      ]);
      expect(Object.keys(t.findResources('AWS::SSO::Assignment'))).toEqual([
        expect.stringMatching(/^IdentityCenterAssignmentAdministrator111111111111a1b2c3d4111122223333444455556666/),
      ]);
    });
  });

  test('passes the CloudFormation schema validation of aws-cdk-lib', () => {
    // given: every permission set, with the longest prefix (names of 32 characters) and a boundary
    const app = newTestApp();
    setup({ namePrefix: 'Example-Consulting-', boundaryPolicyName: 'landing-zone-baseline-protection' }, app);
    // when: with aws-cdk-lib's CloudFormation validation, which the tests otherwise leave off
    const assembly = withCloudFormationValidation(() => app.synth());
    // then
    const report = path.join(assembly.directory, 'validation-report.json');
    const violations = fs.existsSync(report)
      ? JSON.parse(fs.readFileSync(report, 'utf8')).pluginReports.flatMap((plugin: any) => plugin.violations)
      : [];
    expect(violations).toEqual([]);
  });

  test('has no unacknowledged finding in any compliance pack', () => {
    const { app } = setup({ boundaryPolicyName: 'landing-zone-baseline-protection' });
    expect(nagFindings(app)).toEqual([]);
  });

  describe('validation', () => {
    test.each<[string, Partial<IdentityCenterAccessProps>, RegExp]>([
      [
        'an instance ARN that is not one',
        { instanceArn: 'arn:aws:sso:::permissionSet/ssoins-1234567890abcdef/ps-1' },
        /instanceArn must be an IAM Identity Center instance ARN .* \(received "arn:aws:sso:::permissionSet\/ssoins-1234567890abcdef\/ps-1"\)/,
      ],
      [
        'a name prefix that makes names longer than 32 characters',
        { namePrefix: 'Example-Consultancy-' },
        /namePrefix must be at most 19 characters .* 1-32 characters .* \(received "Example-Consultancy-"\)/,
      ],
      [
        'a name prefix with a space',
        { namePrefix: 'Acme Corp-' },
        /namePrefix must be .* letters, digits and \+=,\.@_- .* \(received "Acme Corp-"\)/,
      ],
      [
        'a boundary name IAM refuses',
        { boundaryPolicyName: 'baseline protection' },
        /boundaryPolicyName must be an IAM policy name, 1-128 characters .* \(received "baseline protection"\)/,
      ],
      [
        'an account id that is not 12 digits',
        { assignments: [{ groupId: ADMINS, permissionSet: 'administrator', accountIds: [PRODUCTION, '12345'] }] },
        /assignments\[0\]\.accountIds must be account ids of exactly 12 digits, written out \(received "12345"\)/,
      ],
      [
        'an assignment without accounts',
        { assignments: [{ groupId: ADMINS, permissionSet: 'administrator', accountIds: [] }] },
        /assignments\[0\]\.accountIds must list at least one account id \(received \[\]\)/,
      ],
      [
        'a group id that is a group name',
        { assignments: [{ groupId: 'Administrators', permissionSet: 'administrator', accountIds: [PRODUCTION] }] },
        /assignments\[0\]\.groupId must be an Identity Center group id .* \(received "Administrators"\)/,
      ],
      [
        'an unknown permission set',
        { assignments: [{ groupId: ADMINS, permissionSet: 'poweruser' as PermissionSetName, accountIds: [PRODUCTION] }] },
        /assignments\[0\]\.permissionSet must be one of administrator, auditor, finopsViewer, support, consultant \(received "poweruser"\)/,
      ],
      [
        'the same (group, permission set, account) twice',
        {
          assignments: [
            { groupId: ADMINS, permissionSet: 'administrator', accountIds: [PRODUCTION, STAGING] },
            { groupId: AUDITORS, permissionSet: 'administrator', accountIds: [PRODUCTION] },
            { groupId: ADMINS, permissionSet: 'administrator', accountIds: [STAGING] },
          ],
        },
        /assignments\[2\] gives group a1b2c3d4-1111-2222-3333-444455556666 the administrator permission set in account 222222222222 again \(already in assignments\[0\]\)/,
      ],
      [
        'the same account twice in one assignment',
        { assignments: [{ groupId: ADMINS, permissionSet: 'support', accountIds: [PRODUCTION, PRODUCTION] }] },
        /assignments\[0\] gives group a1b2c3d4-1111-2222-3333-444455556666 the support permission set in account 111111111111 again/,
      ],
    ])('rejects %s', (_case, props, error) => {
      expect(() => setup(props)).toThrow(error);
    });

    test('rejects no assignment at all when the app is synthesized', () => {
      // given
      const { app } = setup({ assignments: [] });
      // then
      expect(() => app.synth()).toThrow(/assignments must list at least one assignment \(received \[\]\)/);
    });
  });
});
