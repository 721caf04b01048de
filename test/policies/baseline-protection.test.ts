import { App, Aws, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as s3 from 'aws-cdk-lib/aws-s3';
import {
  BaselineProtectionBoundary,
  BaselineProtectionProps,
  baselineProtectionStatements,
  GLOBAL_SERVICE_ACTIONS,
  MANAGED_POLICY_MAX_CHARACTERS,
} from '../../policies/baseline-protection';
import { nagFindings } from '../nag';

const BUCKET = 'arn:aws:s3:::acme-log-archive-123456789012';
const KEY = 'arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab';
const BASE: BaselineProtectionProps = { logBucketArns: [BUCKET], protectedKeyArns: [KEY], allowedRegions: ['eu-west-1', 'eu-central-1'] };

function newStack(app?: App): Stack {
  return new Stack(app, 'Test', { env: { account: '123456789012', region: 'eu-west-1' } });
}

function synth(props: Partial<BaselineProtectionProps> = {}) {
  const stack = newStack();
  const boundary = new BaselineProtectionBoundary(stack, 'Boundary', { ...BASE, ...props });
  return { stack, boundary, template: Template.fromStack(stack) };
}

/** The boundary's statements, as synthesized. */
function statementsOf(template: Template): Array<Record<string, any>> {
  const policies = Object.values(template.findResources('AWS::IAM::ManagedPolicy'));
  expect(policies).toHaveLength(1);
  return policies[0].Properties.PolicyDocument.Statement;
}

function statement(template: Template, sid: string): Record<string, any> {
  const found = statementsOf(template).find((s) => s.Sid === sid);
  if (!found) throw new Error(`no statement ${sid}`);
  return found;
}

/** `arn:<partition>:iam::<account>:policy/<name>` as CloudFormation sees it. */
function ownArn(name = 'landing-zone-baseline-protection') {
  return { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::', { Ref: 'AWS::AccountId' }, `:policy/${name}`]] };
}

/** A resolved document as IAM will count it: expressions replaced by their longest plausible value. */
function deployedText(value: unknown): string {
  const flatten = (v: any): any => {
    if (Array.isArray(v)) return v.map(flatten);
    if (!v || typeof v !== 'object') return v;
    if (v.Ref === 'AWS::Partition') return 'aws-us-gov';
    if (v.Ref === 'AWS::AccountId') return '123456789012';
    if (v['Fn::Join']) return v['Fn::Join'][1].map(flatten).join(v['Fn::Join'][0]);
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, flatten(x)]));
  };
  return JSON.stringify(flatten(value));
}

describe('BaselineProtectionBoundary', () => {
  test('is a managed policy with a fixed name and a description of what it protects', () => {
    const { template } = synth({ managedPolicyName: 'acme-baseline-protection' });
    template.hasResourceProperties('AWS::IAM::ManagedPolicy', {
      ManagedPolicyName: 'acme-baseline-protection',
      Path: '/',
      Description: Match.stringLikeRegexp(
        'Permission boundary.*CloudTrail, Config, GuardDuty, Security Hub, Access Analyzer, log archive, baseline keys.*regions',
      ),
    });
  });

  test('allows everything else: it caps, the role policies grant', () => {
    const { template } = synth();
    const allows = statementsOf(template).filter((s) => s.Effect === 'Allow');
    expect(allows).toEqual([{ Sid: 'AllowWithinBoundary', Effect: 'Allow', Action: '*', Resource: '*' }]);
  });

  test('denies stopping, deleting or changing any trail of the account by default', () => {
    const { template } = synth();
    expect(statement(template, 'DenyTrailChanges')).toEqual({
      Sid: 'DenyTrailChanges',
      Effect: 'Deny',
      Action: ['cloudtrail:DeleteTrail', 'cloudtrail:Put*', 'cloudtrail:StopLogging', 'cloudtrail:UpdateTrail'],
      Resource: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':cloudtrail:*:', { Ref: 'AWS::AccountId' }, ':trail/*']] },
    });
  });

  test('protects only the given trails when told which', () => {
    const trail = 'arn:aws:cloudtrail:eu-west-1:123456789012:trail/acme';
    const { template } = synth({ protectedTrailArns: [trail] });
    expect(statement(template, 'DenyTrailChanges').Resource).toEqual(trail);
  });

  test.each([
    ['changing AWS Config', ['config:Delete*', 'config:DisassociateResourceTypes', 'config:Put*', 'config:StopConfigurationRecorder']],
    [
      'changing GuardDuty, including filters and trusted IP lists that silence findings',
      [
        'guardduty:CreateFilter',
        'guardduty:CreateIPSet',
        'guardduty:Delete*',
        'guardduty:Disassociate*',
        'guardduty:UpdateDetector',
        'guardduty:UpdateFilter',
        'guardduty:UpdateIPSet',
      ],
    ],
    [
      'changing Security Hub, including automation rules and controls',
      [
        'securityhub:BatchDisableStandards',
        'securityhub:BatchUpdateAutomationRules',
        'securityhub:CreateAutomationRule',
        'securityhub:Disable*',
        'securityhub:Disassociate*',
        'securityhub:UpdateSecurityHubConfiguration',
        'securityhub:UpdateStandardsControl',
      ],
    ],
    [
      'changing IAM Access Analyzer, including archive rules',
      [
        'access-analyzer:CreateArchiveRule',
        'access-analyzer:DeleteAnalyzer',
        'access-analyzer:UpdateAnalyzer',
        'access-analyzer:UpdateArchiveRule',
      ],
    ],
    [
      'weakening account hardening',
      [
        'account:DeleteAlternateContact',
        'ec2:DisableEbsEncryptionByDefault',
        'ec2:DisableImageBlockPublicAccess',
        'ec2:DisableSnapshotBlockPublicAccess',
        'ec2:ModifyInstanceMetadataDefaults',
        'iam:DeleteAccountPasswordPolicy',
        'iam:UpdateAccountPasswordPolicy',
        's3:PutAccountPublicAccessBlock',
      ],
    ],
    ['removing any permissions boundary', ['iam:Delete*PermissionsBoundary']],
  ])('denies %s, on every resource and unconditionally', (_group, actions) => {
    const { template } = synth();
    const baseline = statement(template, 'DenyBaselineChanges');
    expect(baseline).toEqual(expect.objectContaining({ Effect: 'Deny', Resource: '*', Action: expect.arrayContaining(actions) }));
    expect(baseline.Condition).toBeUndefined();
  });

  test('denies changing or deleting the log archive buckets and writing, deleting or unlocking their objects', () => {
    const { template } = synth({ logBucketArns: [BUCKET, 'arn:aws:s3:::acme-access-logs'] });
    expect(statement(template, 'DenyLogArchiveChanges')).toEqual({
      Sid: 'DenyLogArchiveChanges',
      Effect: 'Deny',
      Action: ['s3:BypassGovernanceRetention', 's3:Delete*', 's3:Put*'],
      Resource: [BUCKET, `${BUCKET}/*`, 'arn:aws:s3:::acme-access-logs', 'arn:aws:s3:::acme-access-logs/*'],
    });
  });

  test('accepts bucket references (tokens) and appends the object path to them', () => {
    // given
    const stack = newStack();
    const bucket = new s3.Bucket(stack, 'Logs');
    // when
    new BaselineProtectionBoundary(stack, 'Boundary', { ...BASE, logBucketArns: [bucket.bucketArn] });
    // then
    const bucketArn = stack.resolve(bucket.bucketArn);
    expect(statement(Template.fromStack(stack), 'DenyLogArchiveChanges').Resource).toEqual([
      bucketArn,
      { 'Fn::Join': ['', [bucketArn, '/*']] },
    ]);
  });

  test('denies disabling, scheduling deletion of, re-policing or un-rotating the baseline keys', () => {
    const { template } = synth();
    expect(statement(template, 'DenyKeyChanges')).toEqual({
      Sid: 'DenyKeyChanges',
      Effect: 'Deny',
      Action: ['kms:Disable*', 'kms:PutKeyPolicy', 'kms:ScheduleKeyDeletion'],
      Resource: KEY,
    });
  });

  test('protects keys it cannot name by their aliases, when given', () => {
    const { template } = synth({ protectedKeyAliases: ['alias/backup/*'] });
    expect(statement(template, 'DenyAliasedKeyChanges')).toEqual({
      Sid: 'DenyAliasedKeyChanges',
      Effect: 'Deny',
      Action: ['kms:Disable*', 'kms:PutKeyPolicy', 'kms:ScheduleKeyDeletion'],
      Resource: '*',
      Condition: { 'ForAnyValue:StringLike': { 'kms:ResourceAliases': ['alias/backup/*'] } },
    });
    expect(statementsOf(synth().template).map((s) => s.Sid)).not.toContain('DenyAliasedKeyChanges');
  });

  test('denies creating roles or granting role permissions unless this policy is their boundary', () => {
    const { template } = synth();
    expect(statement(template, 'DenyUnboundedRoles')).toEqual({
      Sid: 'DenyUnboundedRoles',
      Effect: 'Deny',
      Action: ['iam:AttachRolePolicy', 'iam:CreateRole', 'iam:PutRolePermissionsBoundary', 'iam:PutRolePolicy'],
      Resource: '*',
      Condition: { StringNotEquals: { 'iam:PermissionsBoundary': ownArn() } },
    });
  });

  test('denies every change to IAM users and groups except reading and removing them', () => {
    const { template } = synth();
    expect(statement(template, 'DenyUserChanges')).toEqual({
      Sid: 'DenyUserChanges',
      Effect: 'Deny',
      NotAction: [
        'iam:Deactivate*',
        'iam:Delete*',
        'iam:Detach*',
        'iam:Generate*',
        'iam:Get*',
        'iam:List*',
        'iam:Remove*',
        'iam:Simulate*',
      ],
      Resource: ['user', 'group'].map((type) => ({
        'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::', { Ref: 'AWS::AccountId' }, `:${type}/*`]],
      })),
    });
  });

  test('denies editing or deleting itself', () => {
    const { template } = synth({ managedPolicyName: 'acme-baseline-protection' });
    expect(statement(template, 'DenyPlatformChanges')).toEqual({
      Sid: 'DenyPlatformChanges',
      Effect: 'Deny',
      Action: ['iam:CreatePolicyVersion', 'iam:DeletePolicy*', 'iam:SetDefaultPolicyVersion'],
      Resource: ownArn('acme-baseline-protection'),
    });
  });

  test("denies lending or silencing the platform's own resources, named by its prefixes", () => {
    // given
    const { stack, template } = synth({ managedPolicyName: 'acme-baseline-protection', platformNamePrefixes: ['Acme-', 'LandingZone-'] });
    // when
    const platform = statement(template, 'DenyPlatformChanges');
    // then
    const arn = (resource: string) => stack.resolve(`arn:${Aws.PARTITION}:${resource}`);
    expect(platform.Resource).toEqual([
      ownArn('acme-baseline-protection'),
      arn(`iam::${Aws.ACCOUNT_ID}:role/Acme-*`),
      arn(`iam::${Aws.ACCOUNT_ID}:role/LandingZone-*`),
      arn(`iam::${Aws.ACCOUNT_ID}:policy/Acme-*`),
      arn(`lambda:*:${Aws.ACCOUNT_ID}:function:Acme-*`),
      arn(`events:*:${Aws.ACCOUNT_ID}:rule/Acme-*`),
      arn(`cloudwatch:*:${Aws.ACCOUNT_ID}:alarm:Acme-*`),
      arn(`logs:*:${Aws.ACCOUNT_ID}:log-group:Acme-*`),
      arn(`dynamodb:*:${Aws.ACCOUNT_ID}:table/Acme-*`),
    ]);
    expect(platform.Action).toEqual(
      expect.arrayContaining([
        'iam:PassRole',
        'lambda:InvokeFunction',
        'dynamodb:*',
        'events:DisableRule',
        'cloudwatch:DisableAlarmActions',
        'logs:Delete*',
      ]),
    );
  });

  test('names its own ARN from its fixed name, never by referring to itself (no circular dependency)', () => {
    // given
    const { stack, boundary, template } = synth({ managedPolicyName: 'acme-baseline-protection' });
    const [logicalId, policy] = Object.entries(template.findResources('AWS::IAM::ManagedPolicy'))[0];
    // then: the document does not Ref the policy resource, and the ARN it names is the policy's
    expect(JSON.stringify(policy.Properties.PolicyDocument)).not.toContain(logicalId);
    expect(stack.resolve(boundary.policyArn)).toEqual(ownArn('acme-baseline-protection'));
    expect(stack.resolve(boundary.policy.managedPolicyArn)).toEqual({ Ref: logicalId });
  });

  test('denies every request for a region outside the allowed ones, except global services', () => {
    const { template } = synth({ allowedRegions: ['eu-central-1', 'eu-central-2'] });
    expect(statement(template, 'DenyOutsideAllowedRegions')).toEqual({
      Sid: 'DenyOutsideAllowedRegions',
      Effect: 'Deny',
      NotAction: [...GLOBAL_SERVICE_ACTIONS],
      Resource: '*',
      Condition: { StringNotEquals: { 'aws:RequestedRegion': ['eu-central-1', 'eu-central-2'] } },
    });
  });

  test('leaves regions unrestricted only when told to', () => {
    const { template } = synth({ denyOutsideAllowedRegions: false });
    expect(statementsOf(template).map((s) => s.Sid)).not.toContain('DenyOutsideAllowedRegions');
    expect(statementsOf(template).map((s) => s.Sid)).toContain('DenyBaselineChanges');
  });

  test('keeps global services working outside the allowed regions, but not KMS', () => {
    // The AWS Organizations example list, plus billing, minus KMS (keys stay in the allowed regions).
    expect(GLOBAL_SERVICE_ACTIONS).toEqual(
      expect.arrayContaining([
        'iam:*',
        'sts:*',
        'organizations:*',
        'account:*',
        'support:*',
        'trustedadvisor:*',
        'health:*',
        'budgets:*',
        'ce:*',
        'cur:*',
        'billing:*',
        'aws-portal:*',
        'pricing:*',
        'route53:*',
        'route53domains:*',
        'cloudfront:*',
        'globalaccelerator:*',
        'shield:*',
        's3:GetBucketLocation',
        's3:ListAllMyBuckets',
      ]),
    );
    expect(GLOBAL_SERVICE_ACTIONS).not.toContain('kms:*');
    expect(new Set(GLOBAL_SERVICE_ACTIONS).size).toBe(GLOBAL_SERVICE_ACTIONS.length);
  });

  test('protects the alert path only when given its topics and rules', () => {
    // given
    const topic = 'arn:aws:sns:eu-west-1:123456789012:acme-security-alerts';
    const rule = 'arn:aws:events:eu-west-1:123456789012:rule/Acme-Production-Security-*';
    // when
    const without = synth().template;
    const withAlerts = synth({ alertTopicArns: [topic], alertRuleArns: [rule] }).template;
    // then
    expect(statementsOf(without).map((s) => s.Sid)).not.toContain('DenyAlertPathChanges');
    expect(statement(withAlerts, 'DenyAlertPathChanges')).toEqual({
      Sid: 'DenyAlertPathChanges',
      Effect: 'Deny',
      Action: [
        'events:DeleteRule',
        'events:DisableRule',
        'events:PutRule',
        'events:PutTargets',
        'events:RemoveTargets',
        'sns:*Permission',
        'sns:DeleteTopic',
        'sns:Set*Attributes',
        'sns:Unsubscribe',
      ],
      // and the topic's subscriptions (`<topic ARN>:<id>`)
      Resource: [topic, rule, `${topic}:*`],
    });
  });

  test(`stays under IAM's ${MANAGED_POLICY_MAX_CHARACTERS}-character limit for a large baseline`, () => {
    // given: two buckets, four keys, four regions, the alert path, in the longest partition name
    // (the largest boundary a client config can produce: test/lib/app/edge-values.test.ts)
    const { template } = synth({
      logBucketArns: [
        'arn:aws:s3:::acme-corporation-log-archive-123456789012-eu-central-1',
        'arn:aws:s3:::acme-corporation-access-logs-123456789012-eu-central-1',
      ],
      protectedKeyArns: ['eu-central-1', 'eu-west-1', 'eu-north-1', 'eu-south-2'].map(
        (r) => `arn:aws:kms:${r}:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab`,
      ),
      allowedRegions: ['eu-central-1', 'eu-west-1', 'eu-north-1', 'eu-south-2'],
      alertTopicArns: ['arn:aws:sns:eu-central-1:123456789012:Acme-Production-Foundation-SecurityAlertsABCDEF-1234567890AB'],
      alertRuleArns: [
        'arn:aws:events:eu-central-1:123456789012:rule/Acme-Production-Security-*',
        'arn:aws:events:eu-west-1:123456789012:rule/Acme-Production-Security-*',
      ],
    });
    // then
    const document = Object.values(template.findResources('AWS::IAM::ManagedPolicy'))[0].Properties.PolicyDocument;
    expect(deployedText(document).length).toBeLessThan(MANAGED_POLICY_MAX_CHARACTERS);
  });

  test('fails synthesis, with the estimated size, when the document would be too large', () => {
    // given
    const app = new App();
    new BaselineProtectionBoundary(newStack(app), 'Boundary', {
      ...BASE,
      protectedKeyArns: Array.from(
        { length: 40 },
        (_, i) => `arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890${String(i).padStart(2, '0')}`,
      ),
    });
    // then
    expect(() => app.synth()).toThrow(/would be about \d+ characters, over IAM's limit of 6144/);
  });

  test('has no unacknowledged finding in any compliance pack', () => {
    const app = new App();
    new BaselineProtectionBoundary(newStack(app), 'Boundary', BASE);
    expect(nagFindings(app)).toEqual([]);
  });

  test.each<[string, Partial<BaselineProtectionProps>, RegExp]>([
    [
      'a policy name IAM refuses',
      { managedPolicyName: 'baseline protection' },
      /managedPolicyName must be 1-128 characters .* \(received "baseline protection"\)/,
    ],
    ['no allowed region', { allowedRegions: [] }, /allowedRegions must name at least one region \(received none\)/],
    [
      'a region that is not a code',
      { allowedRegions: ['Frankfurt'] },
      /allowedRegions must hold region codes such as "eu-central-1" \(received "Frankfurt"\)/,
    ],
    ['no log bucket', { logBucketArns: [] }, /logBucketArns must hold at least one ARN \(received none\)/],
    [
      'an object ARN for a bucket',
      { logBucketArns: [`${BUCKET}/*`] },
      /logBucketArns must hold bucket ARNs .* \(received "arn:aws:s3:::acme-log-archive-123456789012\/\*"\)/,
    ],
    ['no key', { protectedKeyArns: [] }, /protectedKeyArns must hold at least one ARN \(received none\)/],
    [
      'an alias for a key',
      { protectedKeyArns: ['alias/acme/platform'] },
      /protectedKeyArns must hold KMS key ARNs .* \(received "alias\/acme\/platform"\)/,
    ],
    [
      'a trail name for a trail ARN',
      { protectedTrailArns: ['acme-trail'] },
      /protectedTrailArns must hold trail ARNs .* \(received "acme-trail"\)/,
    ],
    [
      'a topic name for a topic ARN',
      { alertTopicArns: ['security-alerts'] },
      /alertTopicArns must hold SNS topic ARNs \(received "security-alerts"\)/,
    ],
    [
      'a rule name for a rule ARN',
      { alertRuleArns: ['GuardDutyFindings'] },
      /alertRuleArns must hold EventBridge rule ARNs \(received "GuardDutyFindings"\)/,
    ],
    [
      'a wildcard as a platform name prefix (it would protect every role from its administrator)',
      { platformNamePrefixes: ['*'] },
      /platformNamePrefixes must hold name prefixes of 1-64 letters, digits and \+=,\.@_- such as "Acme-" \(received "\*"\)/,
    ],
  ])('rejects %s', (_case, props, error) => {
    expect(() => synth(props)).toThrow(error);
  });
});

describe('baselineProtectionStatements', () => {
  test('is pure: the same statements, in order, without any construct', () => {
    const sids = baselineProtectionStatements(BASE).map((s) => s.sid);
    expect(sids).toEqual([
      'AllowWithinBoundary',
      'DenyTrailChanges',
      'DenyBaselineChanges',
      'DenyLogArchiveChanges',
      'DenyKeyChanges',
      'DenyUnboundedRoles',
      'DenyUserChanges',
      'DenyKeyGrants',
      'DenyPlatformChanges',
      'DenyOutsideAllowedRegions',
    ]);
  });
});
