import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { OrganizationStructure, type OrganizationStructureProps } from '../../../constructs/organization/organization-structure';
import type { ServiceControlPolicy } from '../../../lib/core/rules/organizations';

const ENV = { account: '123456789012', region: 'eu-central-1' };

/** An SCP whose compact document has about `size` characters. */
function scp(name: string, size = 200): ServiceControlPolicy {
  const padding = 'x'.repeat(Math.max(0, size - 120));
  return {
    name,
    description: `${name} for the tests`,
    document: {
      Version: '2012-10-17',
      Statement: [{ Sid: 'Deny', Effect: 'Deny', Action: 's3:DeleteBucket', Resource: `arn:aws:s3:::${padding}` }],
    },
  };
}

function props(overrides: Partial<OrganizationStructureProps> = {}): OrganizationStructureProps {
  return {
    existingRootId: 'r-ab12',
    units: ['Security', 'Workloads', 'Workloads/Production'],
    members: [
      { name: 'security', id: '123456789013', unit: 'Security', origin: 'created', email: 'aws-security@acme.example' },
      { name: 'production', id: '123456789014', unit: 'Workloads/Production', origin: 'invited' },
    ],
    rootPolicies: [scp('Acme-region-guardrail')],
    ...overrides,
  };
}

function build(overrides: Partial<OrganizationStructureProps> = {}): Template {
  const stack = new Stack(new App(), 'Organization', { env: ENV });
  new OrganizationStructure(stack, 'Structure', props(overrides));
  return Template.fromStack(stack);
}

describe('OrganizationStructure', () => {
  test('with an existing organization: no organization resource, OUs under the given root', () => {
    const template = build();
    template.resourceCountIs('AWS::Organizations::Organization', 0);
    template.hasResourceProperties('AWS::Organizations::OrganizationalUnit', { Name: 'Security', ParentId: 'r-ab12' });
    template.hasResourceProperties('AWS::Organizations::Policy', {
      Name: 'Acme-region-guardrail',
      TargetIds: ['r-ab12'],
      Type: 'SERVICE_CONTROL_POLICY',
    });
  });

  test('moves invited accounts with MoveAccount, leaving accounts already in place alone', () => {
    const calls = JSON.stringify(build().findResources('Custom::AWS'));
    expect(calls).toContain('MoveAccount');
    expect(calls).toContain('123456789014');
    expect(calls).toContain('DuplicateAccountException|SourceParentNotFoundException');
    expect(calls).not.toContain('123456789013');
  });

  test.each([
    [
      'an SCP over 5,120 characters',
      { rootPolicies: [scp('Acme-big', 5200)] },
      /SCP Acme-big has 5\d{3} characters; AWS Organizations accepts at most 5120/,
    ],
    [
      'five SCPs on the root (six with FullAWSAccess)',
      { rootPolicies: ['a', 'b', 'c', 'd', 'e'].map((n) => scp(`Acme-${n}`)) },
      /the root would have 6 SCPs \(with FullAWSAccess\); AWS Organizations allows at most 5 per target/,
    ],
    [
      'five SCPs on one OU',
      { unitPolicies: { Security: ['a', 'b', 'c', 'd', 'e'].map((n) => scp(`Acme-${n}`)) } },
      /OU Security would have 6 SCPs \(with FullAWSAccess\); AWS Organizations allows at most 5 per target/,
    ],
    [
      'OUs six levels deep',
      { units: ['A', 'A/B', 'A/B/C', 'A/B/C/D', 'A/B/C/D/E', 'A/B/C/D/E/F'], members: [] },
      /OU A\/B\/C\/D\/E\/F nests 6 levels deep; AWS Organizations allows at most 5/,
    ],
    [
      'an OU without its parent',
      { units: ['Workloads/Production'], members: [] },
      /OU Workloads\/Production needs its parent Workloads in units/,
    ],
    [
      'an account in an unknown OU',
      { members: [{ name: 'sandbox', id: '123456789015', unit: 'Sandbox', origin: 'invited' as const }] },
      /account sandbox goes to OU Sandbox, which is not in units/,
    ],
    [
      'a created account without email',
      { members: [{ name: 'sandbox', id: '123456789015', unit: 'Security', origin: 'created' as const }] },
      /account sandbox is created here and needs its root email address/,
    ],
  ])('refuses %s, with the number and the limit', (_what, overrides, message) => {
    expect(() => build(overrides)).toThrow(message);
  });
});
