import { App, Duration, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import { IdentitySource, PeopleRoles, PeopleRolesProps } from '../../../constructs/security/people-roles';
import { BaselineProtectionBoundary } from '../../../policies/baseline-protection';
import { nagFindings } from '../../nag';

const ACCOUNT_SOURCE: IdentitySource = { type: 'account', accountId: '210987654321' };
const OIDC_SOURCE: IdentitySource = {
  type: 'oidc',
  issuerUrl: 'https://login.example.com/acme',
  clientIds: ['aws-console'],
  subjects: ['user-1', 'user-2'],
};
/** IAM wants at least 1,000 characters of metadata; this is the shape of a real IdP's. */
const SAML_METADATA = `<?xml version="1.0" encoding="UTF-8"?><EntityDescriptor xmlns="urn:oasis:names:tc:SAML:2.0:metadata" entityID="https://idp.example.com/acme"><IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol"><KeyDescriptor use="signing"><KeyInfo xmlns="http://www.w3.org/2000/09/xmldsig#"><X509Data><X509Certificate>${'MIIC'.padEnd(1200, 'A')}</X509Certificate></X509Data></KeyInfo></KeyDescriptor><SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="https://idp.example.com/acme/sso"/></IDPSSODescriptor></EntityDescriptor>`;
const SAML_PROVIDER_ARN = 'arn:aws:iam::123456789012:saml-provider/Entra';

const ROLE_NAMES = ['LandingZone-Administrator', 'LandingZone-Auditor', 'LandingZone-FinOpsViewer', 'LandingZone-Support'];

function setup(props: Partial<PeopleRolesProps> = {}, app?: App) {
  const stack = new Stack(app, 'Test', { env: { account: '123456789012', region: 'eu-west-1' } });
  const boundary = new BaselineProtectionBoundary(stack, 'Boundary', {
    logBucketArns: ['arn:aws:s3:::acme-log-archive'],
    protectedKeyArns: ['arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab'],
    allowedRegions: ['eu-west-1'],
  });
  const people = new PeopleRoles(stack, 'People', { identitySource: ACCOUNT_SOURCE, boundary: boundary.policy, ...props });
  return { stack, boundary, people };
}

function template(props: Partial<PeopleRolesProps> = {}): Template {
  return Template.fromStack(setup(props).stack);
}

function roleNamed(t: Template, roleName: string): Record<string, any> {
  const found = Object.values(t.findResources('AWS::IAM::Role', { Properties: { RoleName: roleName } }));
  expect(found).toHaveLength(1);
  return found[0].Properties;
}

const awsManaged = (name: string) => ({ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:iam::aws:policy/${name}`]] });

describe('PeopleRoles', () => {
  describe('trust per identity source', () => {
    test('account: every role trusts the identity account only with MFA used within the hour', () => {
      const t = template();
      for (const roleName of ROLE_NAMES) {
        expect(roleNamed(t, roleName).AssumeRolePolicyDocument.Statement).toEqual([
          {
            Effect: 'Allow',
            Action: 'sts:AssumeRole',
            Principal: { AWS: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::210987654321:root']] } },
            Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' }, NumericLessThan: { 'aws:MultiFactorAuthAge': '3600' } },
          },
        ]);
      }
    });

    test('saml with metadata: creates the SAML provider and trusts it for the AWS sign-in audience only', () => {
      // given
      const t = template({ identitySource: { type: 'saml', metadataDocument: SAML_METADATA } });
      const [providerId] = Object.keys(t.findResources('AWS::IAM::SAMLProvider'));
      // then
      t.hasResourceProperties('AWS::IAM::SAMLProvider', { SamlMetadataDocument: SAML_METADATA });
      for (const roleName of ROLE_NAMES) {
        expect(roleNamed(t, roleName).AssumeRolePolicyDocument.Statement).toEqual([
          {
            Effect: 'Allow',
            Action: 'sts:AssumeRoleWithSAML',
            Principal: { Federated: { Ref: providerId } },
            Condition: { StringEquals: { 'SAML:aud': 'https://signin.aws.amazon.com/saml' } },
          },
        ]);
      }
    });

    test('saml with a provider ARN: trusts the existing provider and creates none', () => {
      const t = template({ identitySource: { type: 'saml', providerArn: SAML_PROVIDER_ARN } });
      t.resourceCountIs('AWS::IAM::SAMLProvider', 0);
      expect(roleNamed(t, 'LandingZone-Administrator').AssumeRolePolicyDocument.Statement).toEqual([
        expect.objectContaining({
          Action: 'sts:AssumeRoleWithSAML',
          Principal: { Federated: SAML_PROVIDER_ARN },
          Condition: { StringEquals: { 'SAML:aud': 'https://signin.aws.amazon.com/saml' } },
        }),
      ]);
    });

    test('oidc: a native OIDC provider (no custom-resource Lambda) and trust only for the given audiences and subjects', () => {
      // given
      const t = template({ identitySource: OIDC_SOURCE });
      const [providerId] = Object.keys(t.findResources('AWS::IAM::OIDCProvider'));
      // then
      t.hasResourceProperties('AWS::IAM::OIDCProvider', { Url: 'https://login.example.com/acme', ClientIdList: ['aws-console'] });
      t.resourceCountIs('AWS::Lambda::Function', 0);
      t.resourceCountIs('Custom::AWSCDKOpenIdConnectProvider', 0);
      for (const roleName of ROLE_NAMES) {
        expect(roleNamed(t, roleName).AssumeRolePolicyDocument.Statement).toEqual([
          {
            Effect: 'Allow',
            Action: 'sts:AssumeRoleWithWebIdentity',
            Principal: { Federated: { Ref: providerId } },
            Condition: {
              StringEquals: { 'login.example.com/acme:aud': ['aws-console'] },
              StringLike: { 'login.example.com/acme:sub': ['user-1', 'user-2'] },
            },
          },
        ]);
      }
    });
  });

  test('gives each role its job-function policies and nothing else', () => {
    const t = template();
    expect(roleNamed(t, 'LandingZone-Administrator').ManagedPolicyArns).toEqual([awsManaged('AdministratorAccess')]);
    expect(roleNamed(t, 'LandingZone-Auditor').ManagedPolicyArns).toEqual([
      awsManaged('SecurityAudit'),
      awsManaged('job-function/ViewOnlyAccess'),
    ]);
    expect(roleNamed(t, 'LandingZone-Support').ManagedPolicyArns).toEqual([awsManaged('AWSSupportAccess')]);
    for (const roleName of ROLE_NAMES) {
      expect(roleNamed(t, roleName).Policies).toBeUndefined();
    }
  });

  test('lets the FinOps viewer read billing, Cost Explorer, budgets and dashboards, and change nothing', () => {
    // given
    const t = template();
    const [policyId, policy] = Object.entries(
      t.findResources('AWS::IAM::ManagedPolicy', { Properties: { Description: Match.stringLikeRegexp('^FinOps viewer') } }),
    )[0];
    // then: attached to the FinOps viewer
    expect(roleNamed(t, 'LandingZone-FinOpsViewer').ManagedPolicyArns).toEqual([awsManaged('AWSBillingReadOnlyAccess'), { Ref: policyId }]);
    // and: only reads, named one by one
    const statements = policy.Properties.PolicyDocument.Statement as Array<{ Effect: string; Action: string[] }>;
    const actions = statements.flatMap((s) => s.Action);
    expect(statements.every((s) => s.Effect === 'Allow')).toBe(true);
    expect(actions).toEqual(
      expect.arrayContaining([
        'ce:GetCostAndUsage',
        'ce:GetCostForecast',
        'budgets:ViewBudget',
        'cloudwatch:GetDashboard',
        'cloudwatch:ListDashboards',
        'cloudwatch:GetMetricData',
        'cloudwatch:GetMetricStatistics',
        'cloudwatch:ListMetrics',
        'cloudwatch:DescribeAlarms',
      ]),
    );
    for (const action of actions) {
      expect(action).toMatch(/^(ce|budgets|cloudwatch):(Get|Describe|List|View)[A-Za-z]+$/);
    }
  });

  test('puts the baseline protection boundary on every role', () => {
    // given
    const { stack, boundary } = setup();
    const t = Template.fromStack(stack);
    // then
    const roles = Object.values(t.findResources('AWS::IAM::Role'));
    expect(roles).toHaveLength(4);
    for (const role of roles) {
      expect(role.Properties.PermissionsBoundary).toEqual(stack.resolve(boundary.policy.managedPolicyArn));
    }
  });

  test('keeps administrator sessions to 1 hour and read-only sessions to 4 hours', () => {
    const t = template();
    expect(roleNamed(t, 'LandingZone-Administrator').MaxSessionDuration).toBe(3600);
    for (const roleName of ['LandingZone-Auditor', 'LandingZone-FinOpsViewer', 'LandingZone-Support']) {
      expect(roleNamed(t, roleName).MaxSessionDuration).toBe(14400);
    }
  });

  test('applies a given session length to every role', () => {
    const t = template({ maxSessionDuration: Duration.hours(2) });
    for (const roleName of ROLE_NAMES) {
      expect(roleNamed(t, roleName).MaxSessionDuration).toBe(7200);
    }
  });

  test('names the roles after the prefix so people can switch to them by name', () => {
    const t = template({ rolePrefix: 'Acme' });
    for (const name of ['Acme-Administrator', 'Acme-Auditor', 'Acme-FinOpsViewer', 'Acme-Support']) {
      roleNamed(t, name);
    }
  });

  test('creates only the roles that are switched on', () => {
    // given
    const { stack, people } = setup({ roles: { administrator: false, finopsViewer: false } });
    const t = Template.fromStack(stack);
    // then
    expect(
      Object.values(t.findResources('AWS::IAM::Role'))
        .map((r) => r.Properties.RoleName)
        .sort(),
    ).toEqual(['LandingZone-Auditor', 'LandingZone-Support']);
    t.resourceCountIs('AWS::IAM::ManagedPolicy', 1); // the boundary only: no FinOps viewer policy
    expect(people.administrator).toBeUndefined();
    expect(people.finopsViewer).toBeUndefined();
    expect(people.auditor).toBeInstanceOf(iam.Role);
    expect(people.support).toBeInstanceOf(iam.Role);
  });

  test('has no unacknowledged finding in any compliance pack, for every identity source', () => {
    // given: boundary and roles in one stack per identity source
    const app = new App();
    const sources: IdentitySource[] = [
      ACCOUNT_SOURCE,
      { type: 'saml', metadataDocument: SAML_METADATA },
      { type: 'saml', providerArn: SAML_PROVIDER_ARN },
      OIDC_SOURCE,
    ];
    sources.forEach((identitySource, i) => {
      const stack = new Stack(app, `People${i}`, { env: { account: '123456789012', region: 'eu-west-1' } });
      const boundary = new BaselineProtectionBoundary(stack, 'Boundary', {
        logBucketArns: ['arn:aws:s3:::acme-log-archive'],
        protectedKeyArns: ['arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab'],
        allowedRegions: ['eu-west-1'],
      });
      new PeopleRoles(stack, 'People', { identitySource, boundary: boundary.policy });
    });
    // then
    expect(nagFindings(app)).toEqual([]);
  });

  describe('validation', () => {
    test.each<[string, Partial<PeopleRolesProps>, RegExp]>([
      [
        'an account id that is not 12 digits',
        { identitySource: { type: 'account', accountId: '12345' } },
        /identitySource\.accountId must be exactly 12 digits \(received "12345"\)/,
      ],
      [
        'an issuer that is not https',
        { identitySource: { ...OIDC_SOURCE, issuerUrl: 'http://login.example.com' } },
        /identitySource\.issuerUrl must start with https:\/\/ .* \(received "http:\/\/login\.example\.com"\)/,
      ],
      [
        'an issuer with a port',
        { identitySource: { ...OIDC_SOURCE, issuerUrl: 'https://login.example.com:8443' } },
        /identitySource\.issuerUrl must start with https:\/\/ and have no port/,
      ],
      [
        'no client id',
        { identitySource: { ...OIDC_SOURCE, clientIds: [] } },
        /identitySource\.clientIds must list at least one non-empty client id .* \(received \[\]\)/,
      ],
      [
        'no subject',
        { identitySource: { ...OIDC_SOURCE, subjects: [] } },
        /identitySource\.subjects must list at least one non-empty subject .* \(received \[\]\)/,
      ],
      [
        'an empty subject',
        { identitySource: { ...OIDC_SOURCE, subjects: [''] } },
        /identitySource\.subjects must list at least one non-empty subject .* \(received \[""\]\)/,
      ],
      [
        'SAML metadata that is not metadata',
        { identitySource: { type: 'saml', metadataDocument: 'not xml' } },
        /identitySource\.metadataDocument must be the identity provider's SAML metadata XML \(an EntityDescriptor, 1,000 to 10,000,000 characters; received 7 characters without an EntityDescriptor\)/,
      ],
      [
        'a SAML provider ARN that is not one',
        { identitySource: { type: 'saml', providerArn: 'arn:aws:iam::123456789012:role/Entra' } },
        /identitySource\.providerArn must be an IAM SAML provider ARN .* \(received "arn:aws:iam::123456789012:role\/Entra"\)/,
      ],
      [
        'both SAML metadata and a provider ARN',
        { identitySource: { type: 'saml', metadataDocument: SAML_METADATA, providerArn: SAML_PROVIDER_ARN } as unknown as IdentitySource },
        /takes either metadataDocument or providerArn, not both/,
      ],
      [
        'no role at all',
        { roles: { administrator: false, auditor: false, finopsViewer: false, support: false } },
        /roles must enable at least one of administrator, auditor, finopsViewer, support \(received \{"administrator":false/,
      ],
      ['a role prefix IAM refuses', { rolePrefix: 'Acme Corp' }, /rolePrefix must be 1-51 characters .* \(received "Acme Corp"\)/],
      [
        'a session shorter than an hour',
        { maxSessionDuration: Duration.minutes(30) },
        /maxSessionDuration must be from 1 to 12 hours \(received 1800 seconds\)/,
      ],
      [
        'a session longer than 12 hours',
        { maxSessionDuration: Duration.hours(13) },
        /maxSessionDuration must be from 1 to 12 hours \(received 46800 seconds\)/,
      ],
    ])('rejects %s', (_case, props, error) => {
      expect(() => setup(props)).toThrow(error);
    });
  });
});
