import { Aws } from 'aws-cdk-lib';
import {
  guardrailPolicies,
  type OrganizationGuardrailsProps,
  SCP_MAX_CHARACTERS,
  SCPS_PER_TARGET,
  scpSize,
  type ServiceControlPolicy,
  suspendedPolicy,
} from '../../policies/organization-guardrails';
import { GLOBAL_SERVICE_ACTIONS } from '../../policies/baseline-protection';

const BASE: OrganizationGuardrailsProps = {
  clientName: 'example',
  platformNamePrefix: 'Example-',
  allowedRegions: ['eu-central-1', 'eu-west-1'],
  logBucketNames: ['lz-logs-222222222222-eu-central-1', 'lz-access-logs-222222222222-eu-central-1'],
  partition: 'aws',
};

/** The largest input a client config can produce: a 32-character client, every EU region, the longest region in the bucket names. */
const LARGEST: OrganizationGuardrailsProps = {
  clientName: 'abcdefghijklmnopqrstuvwxyz-abcde',
  platformNamePrefix: 'AbcdefghijklmnopqrstuvwxyzAbcde-',
  allowedRegions: ['eu-central-1', 'eu-central-2', 'eu-north-1', 'eu-south-1', 'eu-south-2', 'eu-west-1', 'eu-west-2', 'eu-west-3'],
  logBucketNames: ['lz-logs-222222222222-ap-southeast-5', 'lz-access-logs-222222222222-ap-southeast-5'],
  partition: Aws.PARTITION,
};

type Statement = {
  Sid: string;
  Effect: string;
  Action?: string | string[];
  NotAction?: string[];
  Resource: string | string[];
  Condition?: any;
};

const statementsOf = (scp: ServiceControlPolicy) => scp.document.Statement as Statement[];
const list = (value: string | string[] | undefined) => (value === undefined ? [] : Array.isArray(value) ? value : [value]);

function statement(policies: ServiceControlPolicy[], sid: string): Statement {
  const found = policies.flatMap(statementsOf).find((s) => s.Sid === sid);
  if (!found) throw new Error(`no statement ${sid}`);
  return found;
}

describe('guardrailPolicies', () => {
  const cases: Array<[string, OrganizationGuardrailsProps]> = [
    ['the example client', BASE],
    ['the largest config, with the partition as a token', LARGEST],
  ];

  test.each(cases)('%s: each document fits the SCP limit, counted compact with the longest partition', (_name, props) => {
    for (const scp of guardrailPolicies(props)) {
      expect(scpSize(scp)).toBeLessThanOrEqual(SCP_MAX_CHARACTERS);
    }
  });

  test.each(cases)("%s: leaves a target's fifth SCP to AWS's FullAWSAccess", (_name, props) => {
    expect(guardrailPolicies(props).length).toBeLessThanOrEqual(SCPS_PER_TARGET - 1);
  });

  test.each(cases)('%s: Sids are unique and alphanumeric, names start with the platform prefix', (_name, props) => {
    const policies = guardrailPolicies(props);
    const sids = policies.flatMap(statementsOf).map((s) => s.Sid);
    expect(new Set(sids).size).toBe(sids.length);
    for (const sid of sids) expect(sid).toMatch(/^[A-Za-z0-9]+$/);
    for (const scp of policies) expect(scp.name.startsWith(props.platformNamePrefix)).toBe(true);
    expect(new Set(policies.map((scp) => scp.name)).size).toBe(policies.length);
  });

  test('every statement is a Deny (FullAWSAccess allows; an Allow here would grant nothing)', () => {
    for (const s of guardrailPolicies(BASE).flatMap(statementsOf)) expect(s.Effect).toBe('Deny');
  });

  test('counts a partition token as "aws-us-gov", the longest partition', () => {
    const literal = guardrailPolicies({ ...BASE, partition: 'aws-us-gov' });
    const token = guardrailPolicies({ ...BASE, partition: Aws.PARTITION });
    expect(token.map(scpSize)).toEqual(literal.map(scpSize));
    expect(JSON.stringify(token)).toContain('${Token[AWS.Partition');
  });

  test('measures what it is given: white space would count', () => {
    const [scp] = guardrailPolicies(BASE);
    expect(scpSize(scp)).toBe(JSON.stringify(scp.document).length);
  });

  test('denies every region but the allowed ones, except the global services of baseline-protection and chat (us-west-2)', () => {
    const s = statement(guardrailPolicies(BASE), 'DenyOutsideAllowedRegions');
    expect(s.NotAction).toEqual([...GLOBAL_SERVICE_ACTIONS, 'chatbot:*']);
    expect(s.Resource).toBe('*');
    expect(s.Condition).toEqual({ StringNotEquals: { 'aws:RequestedRegion': ['eu-central-1', 'eu-west-1'] } });
  });

  test('exempts the platform and the deploying roles from the hardening, baseline and platform statements, and only those', () => {
    const policies = guardrailPolicies(BASE);
    const exempt = [
      'arn:aws:iam::*:role/Example-*',
      'arn:aws:iam::*:role/LandingZone-Deployer',
      'arn:aws:iam::*:role/cdk-*-cfn-exec-role-*',
      'arn:aws:iam::*:role/OrganizationAccountAccessRole',
    ];
    const unbound = ['DenyOutsideAllowedRegions', 'DenyLeaveOrganization', 'DenyRootUser'];
    for (const s of policies.flatMap(statementsOf)) {
      if (unbound.includes(s.Sid)) expect(s.Condition?.ArnNotLike).toBeUndefined();
      else expect(s.Condition.ArnNotLike).toEqual({ 'aws:PrincipalArn': exempt });
    }
  });

  test('takes other exempt role names, and still protects them from being created or re-trusted by others', () => {
    const policies = guardrailPolicies({ ...BASE, exemptRoleNames: ['OrganizationAccountAccessRole'] });
    expect(statement(policies, 'DenyHardeningChanges').Condition.ArnNotLike['aws:PrincipalArn']).toEqual([
      'arn:aws:iam::*:role/Example-*',
      'arn:aws:iam::*:role/OrganizationAccountAccessRole',
    ]);
    const roles = statement(policies, 'DenyPlatformRoleChanges');
    expect(roles.Resource).toContain('arn:aws:iam::*:role/OrganizationAccountAccessRole');
    expect(list(roles.Action)).toEqual(expect.arrayContaining(['iam:CreateRole', 'iam:UpdateAssumeRolePolicy']));
  });

  test('never denies assuming the people roles: people switch into them from an identity account', () => {
    for (const s of guardrailPolicies(BASE).flatMap(statementsOf)) {
      if (list(s.Action).some((action) => action.startsWith('sts:'))) {
        expect(list(s.Resource).filter((resource) => resource.includes('LandingZone-'))).toEqual([]);
      }
    }
  });

  test('leaves hand triage of findings allowed', () => {
    const actions = guardrailPolicies(BASE)
      .flatMap(statementsOf)
      .flatMap((s) => list(s.Action));
    for (const triage of ['securityhub:BatchUpdateFindings', 'guardduty:ArchiveFindings', 'access-analyzer:UpdateFindings']) {
      const [service, name] = triage.split(':');
      const matching = actions.filter((a) => a === '*' || new RegExp(`^${a.replace(/\*/g, '.*')}$`).test(`${service}:${name}`));
      // Only the root user statement, which denies everything to the root user alone.
      expect(matching).toEqual(['*']);
    }
  });

  test('protects the log buckets and their objects by name, in every account', () => {
    expect(statement(guardrailPolicies(BASE), 'DenyLogArchiveChanges').Resource).toEqual([
      'arn:aws:s3:::lz-logs-222222222222-eu-central-1',
      'arn:aws:s3:::lz-logs-222222222222-eu-central-1/*',
      'arn:aws:s3:::lz-access-logs-222222222222-eu-central-1',
      'arn:aws:s3:::lz-access-logs-222222222222-eu-central-1/*',
    ]);
  });

  test('recognises the baseline keys by their aliases, and grants only when not for an AWS resource', () => {
    const policies = guardrailPolicies(BASE);
    const aliases = { 'kms:ResourceAliases': ['alias/example/*', 'alias/backup/*'] };
    expect(statement(policies, 'DenyKeyChanges').Condition['ForAnyValue:StringLike']).toEqual(aliases);
    const grants = statement(policies, 'DenyKeyGrants');
    expect(grants.Condition['ForAnyValue:StringLike']).toEqual(aliases);
    expect(grants.Condition.Bool).toEqual({ 'kms:GrantIsForAWSResource': 'false' });
    expect(statement(policies, 'DenyAliasChanges').Resource).toEqual(['arn:aws:kms:*:*:alias/example/*', 'arn:aws:kms:*:*:alias/backup/*']);
  });

  const invalid: Array<[string, Partial<OrganizationGuardrailsProps>, RegExp]> = [
    ['a lower-case prefix', { platformNamePrefix: 'example-' }, /platformNamePrefix must be .*PascalCase.*\(received "example-"\)/],
    ['a prefix without its hyphen', { platformNamePrefix: 'Example' }, /platformNamePrefix must be .*"-".*\(received "Example"\)/],
    ['no region', { allowedRegions: [] }, /allowedRegions must name at least one region.*\(received none\)/],
    [
      'a region name instead of a code',
      { allowedRegions: ['Frankfurt'] },
      /allowedRegions must hold region codes .*"eu-central-1".*\(received "Frankfurt"\)/,
    ],
    ['a misspelt region code', { allowedRegions: ['eu-central-9'] }, /allowedRegions must hold region codes.*\(received "eu-central-9"\)/],
    [
      'a client name that is not a slug',
      { clientName: 'Example Corp' },
      /clientName must be the client's slug.*\(received "Example Corp"\)/,
    ],
    [
      'a bucket ARN instead of a name',
      { logBucketNames: ['arn:aws:s3:::lz-logs'] },
      /logBucketNames must hold S3 bucket names .*not ARNs.*\(received "arn:aws:s3:::lz-logs"\)/,
    ],
    ['no log bucket', { logBucketNames: [] }, /logBucketNames must name at least one bucket.*\(received none\)/],
    ['a partition that is not one', { partition: 'amazon' }, /partition must be a partition such as "aws".*\(received "amazon"\)/],
    [
      'an exempt role that is only a wildcard',
      { exemptRoleNames: ['*'] },
      /exemptRoleNames must hold IAM role names.*not only wildcards.*\(received "\*"\)/,
    ],
  ];

  test.each(invalid)('refuses %s, naming the prop and the value', (_name, props, message) => {
    expect(() => guardrailPolicies({ ...BASE, ...props })).toThrow(message);
  });

  test('refuses a document over the limit, naming the policy, its size and the limit', () => {
    // Long bucket names are the one input without an upper bound in practice: enough of them overflow a document.
    const buckets = Array.from({ length: 40 }, (_, i) => `lz-logs-${String(i).padStart(2, '0')}-222222222222-ap-southeast-5-archive-copy`);
    expect(() => guardrailPolicies({ ...BASE, logBucketNames: buckets })).toThrow(
      /SCP "Example-baseline-guardrail" would be \d{4,} characters, over AWS Organizations' limit of 5120/,
    );
  });
});

describe('suspendedPolicy', () => {
  test('denies everything, with no exemption', () => {
    const scp = suspendedPolicy({ platformNamePrefix: 'Example-' });
    expect(scp.name).toBe('Example-suspended');
    expect(scp.document.Statement).toEqual([{ Sid: 'DenyAll', Effect: 'Deny', Action: '*', Resource: '*' }]);
    expect(scpSize(scp)).toBeLessThanOrEqual(SCP_MAX_CHARACTERS);
  });

  test('refuses a malformed prefix', () => {
    expect(() => suspendedPolicy({ platformNamePrefix: 'example' })).toThrow(/platformNamePrefix must be .*\(received "example"\)/);
  });
});
