import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as cr from 'aws-cdk-lib/custom-resources';
import { PlatformKey } from '../../../constructs/foundation/platform-key';
import { AccountPasswordPolicy } from '../../../constructs/security/hardening/account-password-policy';
import { AccountPublicAccessBlock } from '../../../constructs/security/hardening/account-public-access-block';
import { AlternateContacts } from '../../../constructs/security/hardening/alternate-contacts';
import {
  acknowledgeAwsCustomResourceProvider,
  AWS_CUSTOM_RESOURCE_PROVIDER_ID,
  createAccountSettingResource,
  grantToAwsCustomResourceProvider,
} from '../../../constructs/shared/custom-resource-provider';
import { EbsEncryptionByDefault } from '../../../constructs/security/hardening/ebs-encryption-by-default';
import { InstanceMetadataDefaults } from '../../../constructs/security/hardening/instance-metadata-defaults';
import { listAcknowledgements } from '../../../constructs/shared/compliance';
import { nagFindings } from '../../nag';

const ENV = { account: '123456789012', region: 'eu-west-1' };

function setup() {
  const app = new App();
  const stack = new Stack(app, 'Hardening', { env: ENV });
  const key = new PlatformKey(stack, 'Key');
  key.allowCloudWatchLogs();
  return { app, stack, key, logging: { logGroupKey: key.key } };
}

function providerFunction(stack: Stack): lambda.Function {
  return stack.node.findChild(AWS_CUSTOM_RESOURCE_PROVIDER_ID) as lambda.Function;
}

const SAMPLE_CALL: cr.AwsSdkCall = {
  service: '@aws-sdk/client-ec2',
  action: 'EnableEbsEncryptionByDefault',
  physicalResourceId: cr.PhysicalResourceId.of('sample'),
};

describe('the hardening constructs together', () => {
  test('pass all five compliance packs in one stack', () => {
    // given
    const { app, stack, logging } = setup();

    // when
    new AccountPasswordPolicy(stack, 'PasswordPolicy', logging);
    new AccountPublicAccessBlock(stack, 'PublicAccessBlock', logging);
    new EbsEncryptionByDefault(stack, 'EbsEncryption', logging);
    new InstanceMetadataDefaults(stack, 'InstanceMetadata', logging);
    new AlternateContacts(stack, 'Contacts', {
      ...logging,
      security: { name: 'Sam Secure', title: 'CISO', email: 'security@acme.example', phone: '+49 30 1234567' },
      billing: { name: 'Bea Bills', title: 'CFO', email: 'billing@acme.example', phone: '+49 30 1234568' },
      operations: { name: 'Otto Ops', title: 'CTO', email: 'ops@acme.example', phone: '+49 30 1234569' },
    });

    // then
    expect(nagFindings(app)).toEqual([]);
  });

  test('share one provider function, one role and one log group', () => {
    const { stack, logging } = setup();
    new AccountPasswordPolicy(stack, 'PasswordPolicy', logging);
    new AccountPublicAccessBlock(stack, 'PublicAccessBlock', logging);
    new InstanceMetadataDefaults(stack, 'InstanceMetadata', logging);

    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::Lambda::Function', 1);
    template.resourceCountIs('AWS::IAM::Role', 1);
    template.resourceCountIs('AWS::Logs::LogGroup', 1);
    template.resourceCountIs('Custom::AWS', 3);
  });
});

describe('the AwsCustomResource provider', () => {
  test('uses the runtime SDK, explicit memory and timeout, fails within 10 minutes, and logs to its own log group', () => {
    const { stack, logging } = setup();
    new AccountPasswordPolicy(stack, 'PasswordPolicy', logging);

    const template = Template.fromStack(stack);
    const logGroupId = Object.keys(template.findResources('AWS::Logs::LogGroup'))[0];
    template.hasResourceProperties('AWS::Lambda::Function', {
      MemorySize: 256,
      Timeout: 120,
      Runtime: Match.stringLikeRegexp('^nodejs'),
      LoggingConfig: { LogGroup: { Ref: logGroupId } },
    });
    template.hasResourceProperties('Custom::AWS', { InstallLatestAwsSdk: false, ServiceTimeout: '600' });
  });

  test('keeps its log group a year, encrypted with the given key, and retains it', () => {
    const { stack, key, logging } = setup();
    new AccountPasswordPolicy(stack, 'PasswordPolicy', logging);

    Template.fromStack(stack).hasResource('AWS::Logs::LogGroup', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: { RetentionInDays: 365, KmsKeyId: stack.resolve(key.key.keyArn) },
    });
  });

  test('runs with a role that has no AWS managed policy and may write only its own log group', () => {
    const { stack, logging } = setup();
    new AccountPasswordPolicy(stack, 'PasswordPolicy', logging);

    const template = Template.fromStack(stack);
    const roleId = Object.keys(template.findResources('AWS::IAM::Role'))[0];
    const logGroupId = Object.keys(template.findResources('AWS::Logs::LogGroup'))[0];
    template.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: { Statement: [Match.objectLike({ Principal: { Service: 'lambda.amazonaws.com' } })] },
      ManagedPolicyArns: Match.absent(),
      Policies: Match.absent(),
    });
    template.hasResourceProperties('AWS::IAM::ManagedPolicy', {
      PolicyDocument: {
        Statement: [
          { Effect: 'Allow', Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Resource: { 'Fn::GetAtt': [logGroupId, 'Arn'] } },
        ],
      },
      Roles: [{ Ref: roleId }],
    });
    template.resourceCountIs('AWS::IAM::Policy', 0);
    expect(
      template.findResources('AWS::Lambda::Function')[Object.keys(template.findResources('AWS::Lambda::Function'))[0]].Properties.Role,
    ).toEqual({ 'Fn::GetAtt': [roleId, 'Arn'] });
  });

  test('logs to a ready log group when given one, and may write only that one', () => {
    const { stack } = setup();
    const logGroup = new logs.LogGroup(stack, 'Ready', { retention: logs.RetentionDays.TWO_YEARS });
    new AccountPasswordPolicy(stack, 'PasswordPolicy', { logGroup });

    const template = Template.fromStack(stack);
    const readyId = stack.getLogicalId(logGroup.node.defaultChild as logs.CfnLogGroup);
    template.resourceCountIs('AWS::Logs::LogGroup', 1);
    template.hasResourceProperties('AWS::Lambda::Function', { LoggingConfig: { LogGroup: { Ref: readyId } } });
    template.hasResourceProperties('AWS::IAM::ManagedPolicy', {
      PolicyDocument: { Statement: [Match.objectLike({ Resource: { 'Fn::GetAtt': [readyId, 'Arn'] } })] },
    });
  });

  test('lets each call run only after its permission and the log permission exist', () => {
    const { stack, logging } = setup();
    new AccountPublicAccessBlock(stack, 'PublicAccessBlock', logging);

    const template = Template.fromStack(stack);
    const policies = Object.keys(template.findResources('AWS::IAM::ManagedPolicy'));
    const customResource = Object.values(template.findResources('Custom::AWS'))[0];
    expect(customResource.DependsOn).toEqual(expect.arrayContaining(policies));
    expect(policies).toHaveLength(2);
  });

  test('acknowledges exactly the findings a provider function raises, once however often it is called', () => {
    // given: a plain AwsCustomResource with CDK's default role and no acknowledgement
    const app = new App();
    const stack = new Stack(app, 'Plain', { env: ENV });
    const key = new kms.Key(stack, 'Key', { enableKeyRotation: true });
    const logGroup = new logs.LogGroup(stack, 'Logs', { encryptionKey: key, retention: logs.RetentionDays.ONE_YEAR });
    new cr.AwsCustomResource(stack, 'Call', {
      onUpdate: SAMPLE_CALL,
      installLatestAwsSdk: false,
      memorySize: 256,
      logGroup,
      policy: cr.AwsCustomResourcePolicy.fromStatements([
        new iam.PolicyStatement({ actions: ['ec2:EnableEbsEncryptionByDefault'], resources: ['*'] }),
      ]),
    });
    const fn = providerFunction(stack);
    const onProvider = (findings: string[]) =>
      findings
        .filter((finding) => finding.includes(`/${AWS_CUSTOM_RESOURCE_PROVIDER_ID}/`))
        .map((finding) => finding.split(' at ')[0])
        .sort();
    const raised = onProvider(nagFindings(app));

    // when
    acknowledgeAwsCustomResourceProvider(stack);
    acknowledgeAwsCustomResourceProvider(fn);
    acknowledgeAwsCustomResourceProvider(stack);

    // then
    expect(raised).toEqual([
      'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
      'HIPAA.Security-LambdaConcurrency',
      'HIPAA.Security-LambdaDLQ',
      'HIPAA.Security-LambdaInsideVPC',
      'NIST.800.53.R5-LambdaConcurrency',
      'NIST.800.53.R5-LambdaDLQ',
      'NIST.800.53.R5-LambdaInsideVPC',
      'PCI.DSS.321-LambdaInsideVPC',
      'Serverless-LambdaDLQ',
      'Serverless-LambdaTracing',
    ]);
    expect(onProvider(nagFindings(app))).toEqual([]);
    const acknowledgements = listAcknowledgements(fn);
    expect(acknowledgements.map((a) => a.ruleId).sort()).toEqual(raised);
    for (const { reason } of acknowledgements) expect(reason.length).toBeGreaterThanOrEqual(60);
  });

  test('acknowledges on the narrowest constructs: the function resource and each policy, never the stack', () => {
    const { stack, logging } = setup();
    new AccountPasswordPolicy(stack, 'PasswordPolicy', logging);

    const paths = new Set(listAcknowledgements(stack).map((a) => a.path));
    expect([...paths].sort()).toEqual([
      `Hardening/${AWS_CUSTOM_RESOURCE_PROVIDER_ID}/Resource`,
      'Hardening/PasswordPolicy/Policy/Resource',
    ]);
  });

  test('rejects constructs of one stack that ask for different provider logging', () => {
    const { stack, logging } = setup();
    new AccountPasswordPolicy(stack, 'PasswordPolicy', logging);
    const otherKey = new kms.Key(stack, 'OtherKey');

    expect(() => new AccountPublicAccessBlock(stack, 'PublicAccessBlock', { logGroupKey: otherKey })).toThrow(
      /Hardening\/PublicAccessBlock: every AwsCustomResource of stack Hardening shares one provider function, which already logs with logGroupKey Hardening\/Key\/Resource, logRetention 365 days; pass the same logGroup, logGroupKey and logRetention .*\(received logGroupKey Hardening\/OtherKey, logRetention 365 days\)/,
    );
    expect(() => new AccountPublicAccessBlock(stack, 'Bpa2', { ...logging, logRetention: logs.RetentionDays.ONE_MONTH })).toThrow(
      /received logGroupKey Hardening\/Key\/Resource, logRetention 30 days/,
    );
  });

  test('accepts the default retention spelled out', () => {
    const { stack, logging } = setup();
    new AccountPasswordPolicy(stack, 'PasswordPolicy', logging);
    expect(
      () => new AccountPublicAccessBlock(stack, 'PublicAccessBlock', { ...logging, logRetention: logs.RetentionDays.ONE_YEAR }),
    ).not.toThrow();
  });

  test('rejects a ready log group combined with a key or a retention', () => {
    const { stack, key } = setup();
    const logGroup = new logs.LogGroup(stack, 'Ready');
    expect(() => new AccountPasswordPolicy(stack, 'PasswordPolicy', { logGroup, logGroupKey: key.key })).toThrow(
      /logGroupKey and logRetention apply to the log group the construct creates; with a ready logGroup \(received Hardening\/Ready\)/,
    );
  });

  test('rejects a log key of another region', () => {
    const { stack } = setup();
    const foreignKey = kms.Key.fromKeyArn(stack, 'Foreign', 'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab');
    expect(() => new AccountPasswordPolicy(stack, 'PasswordPolicy', { logGroupKey: foreignKey })).toThrow(
      /logGroupKey must be a key of the stack's region eu-west-1.*\(received a key of us-east-1\)/,
    );
  });

  test('refuses a stack whose provider was set up elsewhere, as its role and logging would apply', () => {
    const { stack, logging } = setup();
    new cr.AwsCustomResource(stack, 'Foreign', {
      onUpdate: SAMPLE_CALL,
      installLatestAwsSdk: false,
      policy: cr.AwsCustomResourcePolicy.fromSdkCalls({ resources: cr.AwsCustomResourcePolicy.ANY_RESOURCE }),
    });
    expect(() => new AccountPasswordPolicy(stack, 'PasswordPolicy', logging)).toThrow(
      /already has an AwsCustomResource provider that was not created by createAccountSettingResource\(\)/,
    );
  });

  test('lets other constructs add account settings to the same provider', () => {
    const { stack, logging } = setup();
    const resource = createAccountSettingResource(stack, 'Custom', SAMPLE_CALL, logging);
    grantToAwsCustomResourceProvider(
      resource,
      [new iam.PolicyStatement({ actions: ['ec2:EnableEbsEncryptionByDefault'], resources: ['*'] })],
      [resource],
    );

    Template.fromStack(stack).hasResourceProperties('Custom::AWS', {
      Create: Match.serializedJson(Match.objectLike({ action: 'EnableEbsEncryptionByDefault' })),
    });
  });

  test('explains when it is asked to acknowledge a provider that does not exist yet', () => {
    const { stack } = setup();
    expect(() => acknowledgeAwsCustomResourceProvider(stack)).toThrow(
      /stack Hardening has no AwsCustomResource provider function \(AWS679f53fac002430cb0da5b7982bd2287\) yet/,
    );
  });
});
