import { CfnElement, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { CisConfigRules } from '../../../constructs/security/cis-config-rules';
import { CIS_CONFIG_RULES } from '../../../lib/core/security/cis-controls';
import { ConfigRecorder } from '../../../constructs/security/config-recorder';

function newStack(region = 'eu-west-1', id = 'Test'): Stack {
  return new Stack(undefined, id, { env: { account: '123456789012', region } });
}

function setup(options: { region?: string; includeGlobalRules: boolean; recordGlobalResources?: boolean }) {
  const stack = newStack(options.region);
  const bucket = s3.Bucket.fromBucketName(stack, 'Logs', 'lz-logs-123456789012-eu-west-1');
  const recorder = new ConfigRecorder(stack, 'Config', {
    deliveryBucket: bucket,
    deliveryBucketRegion: 'eu-west-1',
    recordGlobalResources: options.recordGlobalResources ?? options.includeGlobalRules,
  });
  const rules = new CisConfigRules(stack, 'CisRules', { recorder, includeGlobalRules: options.includeGlobalRules });
  const template = Template.fromStack(stack);
  const recorderId = stack.getLogicalId(recorder.recorder as CfnElement);
  return { stack, recorder, rules, template, recorderId };
}

/** Every Config rule of a template, by managed rule identifier. */
function rulesByIdentifier(template: Template): Record<string, any> {
  return Object.fromEntries(
    Object.values(template.findResources('AWS::Config::ConfigRule')).map((resource) => [
      resource.Properties.Source.SourceIdentifier,
      resource,
    ]),
  );
}

const GLOBAL = CIS_CONFIG_RULES.filter((rule) => rule.global && !rule.onlyInRegions).map((rule) => rule.identifier);
const REGIONAL = CIS_CONFIG_RULES.filter((rule) => !rule.global).map((rule) => rule.identifier);

describe('CIS_CONFIG_RULES', () => {
  test('covers the CIS items a baseline can only detect, once each', () => {
    const cisIds = CIS_CONFIG_RULES.flatMap((rule) => rule.cisIds);
    expect(cisIds).toEqual(
      expect.arrayContaining([
        '1.4',
        '1.5',
        '1.6',
        '1.8',
        '1.9',
        '1.10',
        '1.12',
        '1.14',
        '1.15',
        '1.16',
        '1.19',
        '2.1.4',
        '2.2.1',
        '3.1',
        '3.2',
        '4.16',
        '5.4',
        '5.6',
      ]),
    );
    expect(new Set(cisIds).size).toBe(cisIds.length);
    const identifiers = CIS_CONFIG_RULES.map((rule) => rule.identifier);
    expect(new Set(identifiers).size).toBe(identifiers.length);
  });

  test('sets the CIS thresholds with the parameter names the managed rules document', () => {
    const byId = Object.fromEntries(CIS_CONFIG_RULES.map((rule) => [rule.identifier, rule]));
    expect(byId.IAM_PASSWORD_POLICY.inputParameters).toEqual({ MinimumPasswordLength: '14', PasswordReusePrevention: '24' });
    expect(byId.IAM_USER_UNUSED_CREDENTIALS_CHECK.inputParameters).toEqual({ maxCredentialUsageAge: '45' });
    expect(byId.ACCESS_KEYS_ROTATED.inputParameters).toEqual({ maxAccessKeyAge: '90' });
  });

  test('keeps account-wide checks out of the other regions', () => {
    const globalIds = CIS_CONFIG_RULES.filter((rule) => rule.global).map((rule) => rule.identifier);
    expect(globalIds).toEqual(
      expect.arrayContaining([
        'IAM_ROOT_ACCESS_KEY_CHECK',
        'ROOT_ACCOUNT_MFA_ENABLED',
        'IAM_PASSWORD_POLICY',
        'S3_ACCOUNT_LEVEL_PUBLIC_ACCESS_BLOCKS_PERIODIC',
        'MULTI_REGION_CLOUD_TRAIL_ENABLED',
      ]),
    );
    expect(REGIONAL).toEqual(
      expect.arrayContaining([
        'EC2_EBS_ENCRYPTION_BY_DEFAULT',
        'EC2_IMDSV2_CHECK',
        'VPC_DEFAULT_SECURITY_GROUP_CLOSED',
        'SECURITYHUB_ENABLED',
      ]),
    );
  });
});

describe('CisConfigRules', () => {
  test('creates every rule in the home region, each depending on the recorder', () => {
    const { template, recorderId } = setup({ includeGlobalRules: true });
    const rules = rulesByIdentifier(template);
    expect(Object.keys(rules).sort()).toEqual([...GLOBAL, ...REGIONAL].sort());
    for (const rule of Object.values(rules)) {
      expect(rule.DependsOn).toEqual(expect.arrayContaining([recorderId]));
      expect(rule.Properties.Source.Owner).toBe('AWS');
    }
  });

  test('passes each rule its parameters', () => {
    const { template } = setup({ includeGlobalRules: true });
    template.hasResourceProperties('AWS::Config::ConfigRule', {
      Source: { Owner: 'AWS', SourceIdentifier: 'IAM_PASSWORD_POLICY' },
      InputParameters: { MinimumPasswordLength: '14', PasswordReusePrevention: '24' },
    });
    template.hasResourceProperties('AWS::Config::ConfigRule', {
      Source: { Owner: 'AWS', SourceIdentifier: 'IAM_USER_UNUSED_CREDENTIALS_CHECK' },
      InputParameters: { maxCredentialUsageAge: '45' },
    });
    template.hasResourceProperties('AWS::Config::ConfigRule', {
      Source: { Owner: 'AWS', SourceIdentifier: 'ACCESS_KEYS_ROTATED' },
      InputParameters: { maxAccessKeyAge: '90' },
    });
    template.hasResourceProperties('AWS::Config::ConfigRule', {
      Source: { Owner: 'AWS', SourceIdentifier: 'IAM_ROOT_ACCESS_KEY_CHECK' },
      InputParameters: Match.absent(),
    });
  });

  test('runs periodic rules once a day and gives change-triggered rules no frequency', () => {
    const { template } = setup({ includeGlobalRules: true });
    const rules = rulesByIdentifier(template);
    for (const rule of CIS_CONFIG_RULES.filter((r) => !r.onlyInRegions)) {
      expect([rule.identifier, rules[rule.identifier].Properties.MaximumExecutionFrequency]).toEqual([
        rule.identifier,
        rule.periodic ? 'TwentyFour_Hours' : undefined,
      ]);
    }
    expect(rules.IAM_USER_NO_POLICIES_CHECK.Properties.MaximumExecutionFrequency).toBeUndefined();
    expect(rules.EC2_IMDSV2_CHECK.Properties.MaximumExecutionFrequency).toBeUndefined();
  });

  test('creates only the regional rules in another region', () => {
    const { template } = setup({ region: 'eu-central-1', includeGlobalRules: false });
    expect(Object.keys(rulesByIdentifier(template)).sort()).toEqual([...REGIONAL].sort());
  });

  test('adds the expired IAM certificate rule only in us-east-1, the one region that offers it', () => {
    expect(rulesByIdentifier(setup({ region: 'us-east-1', includeGlobalRules: true }).template)).toHaveProperty(
      'IAM_SERVER_CERTIFICATE_EXPIRATION_CHECK',
    );
    expect(rulesByIdentifier(setup({ includeGlobalRules: true }).template)).not.toHaveProperty('IAM_SERVER_CERTIFICATE_EXPIRATION_CHECK');
  });

  test('exposes the rules it created', () => {
    expect(setup({ includeGlobalRules: false }).rules.rules).toHaveLength(REGIONAL.length);
  });

  test('refuses global rules next to a recorder that does not record global resources', () => {
    expect(() => setup({ region: 'eu-central-1', includeGlobalRules: true, recordGlobalResources: false })).toThrow(
      /includeGlobalRules is true but recorder Test\/Config does not record global resources/,
    );
  });

  test('refuses a recorder of another region', () => {
    const home = newStack('eu-west-1', 'Home');
    const recorder = new ConfigRecorder(home, 'Config', {
      deliveryBucket: s3.Bucket.fromBucketName(home, 'Logs', 'logs'),
      recordGlobalResources: true,
    });
    const other = newStack('eu-central-1', 'Other');
    expect(() => new CisConfigRules(other, 'CisRules', { recorder, includeGlobalRules: false })).toThrow(
      /recorder must be in this region eu-central-1, as Config rules only evaluate what their region's recorder records \(received a recorder in eu-west-1\)/,
    );
  });
});
