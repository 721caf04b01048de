import * as fs from 'node:fs';
import * as path from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import { PlatformKey } from '../../../constructs/foundation/platform-key';
import { DefaultVpcRemoval, DefaultVpcRemovalProps } from '../../../constructs/network/default-vpc-removal';
import { listAcknowledgements } from '../../../constructs/shared/compliance';
import { nagFindings } from '../../nag';

const ENV = { account: '123456789012', region: 'eu-west-1' };
const PARTITION = { Ref: 'AWS::Partition' };

/** A stack with the removals; bundling the handler (esbuild) only where a test reads the bundle. */
function setup(removals: Record<string, DefaultVpcRemovalProps> = { Ireland: {} }, options: { bundle?: boolean } = {}) {
  const app = new App(options.bundle ? {} : { context: { 'aws:cdk:bundling-stacks': [] } });
  const stack = new Stack(app, 'Security', { env: ENV });
  const key = new PlatformKey(stack, 'Key');
  key.allowCloudWatchLogs();
  const constructs = Object.entries(removals).map(([id, props]) => new DefaultVpcRemoval(stack, id, { logGroupKey: key.key, ...props }));
  return { app, stack, key, constructs, template: Template.fromStack(stack) };
}

function logicalId(stack: Stack, construct: { node: { defaultChild?: unknown } }): string {
  return stack.getLogicalId(construct.node.defaultChild as any);
}

describe('DefaultVpcRemoval', () => {
  test("removes the default VPC of the stack's region through a custom resource", () => {
    const { constructs, template } = setup();
    template.hasResource('Custom::DefaultVpcRemoval', {
      Properties: { Region: 'eu-west-1', ServiceTimeout: '900' },
      DependsOn: Match.arrayWith([Match.stringLikeRegexp('^IrelandPolicy')]),
    });
    expect(constructs[0].region).toBe('eu-west-1');
  });

  test('removes the default VPCs of other regions from one stack, sharing one handler', () => {
    // given / when
    const { stack, template } = setup({ Ireland: {}, Frankfurt: { region: 'eu-central-1' }, Stockholm: { region: 'eu-north-1' } });

    // then
    for (const region of ['eu-west-1', 'eu-central-1', 'eu-north-1'])
      template.hasResourceProperties('Custom::DefaultVpcRemoval', { Region: region });
    template.resourceCountIs('Custom::DefaultVpcRemoval', 3);
    // the handler and the provider framework function, once
    template.resourceCountIs('AWS::Lambda::Function', 2);
    const serviceTokens = new Set(
      Object.values(template.findResources('Custom::DefaultVpcRemoval')).map((r) => JSON.stringify(r.Properties.ServiceToken)),
    );
    expect(serviceTokens.size).toBe(1);
    expect(stack.node.tryFindChild('DefaultVpcRemovalProvider')).toBeDefined();
  });

  test('may delete only subnets, internet gateways and VPCs of its region and account that no stack created', () => {
    const { template } = setup({ Frankfurt: { region: 'eu-central-1' } });
    const arn = (resource: string) => ({ 'Fn::Join': ['', ['arn:', PARTITION, `:ec2:eu-central-1:123456789012:${resource}`]] });
    const notFromAStack = { Null: { 'aws:ResourceTag/aws:cloudformation:stack-id': 'true' } };

    template.hasResourceProperties('AWS::IAM::ManagedPolicy', {
      PolicyDocument: {
        Statement: [
          { Sid: 'DeleteSubnets', Effect: 'Allow', Action: 'ec2:DeleteSubnet', Resource: arn('subnet/*'), Condition: notFromAStack },
          {
            Sid: 'DeleteInternetGateways',
            Effect: 'Allow',
            Action: ['ec2:DetachInternetGateway', 'ec2:DeleteInternetGateway'],
            Resource: [arn('internet-gateway/*'), arn('vpc/*')],
            Condition: notFromAStack,
          },
          { Sid: 'DeleteVpc', Effect: 'Allow', Action: 'ec2:DeleteVpc', Resource: arn('vpc/*'), Condition: notFromAStack },
        ],
      },
      Roles: [{ Ref: Match.stringLikeRegexp('^DefaultVpcRemovalProviderHandlerRole') }],
    });
  });

  test('runs the handler with a role that has no AWS managed policy: its own log and four Describe actions', () => {
    const { stack, template } = setup();
    const handlerLogs = stack.node.findChild('DefaultVpcRemovalProvider').node.findChild('HandlerLogs');

    template.hasResourceProperties('AWS::IAM::ManagedPolicy', {
      PolicyDocument: {
        Statement: [
          {
            Effect: 'Allow',
            Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
            Resource: { 'Fn::GetAtt': [logicalId(stack, handlerLogs), 'Arn'] },
          },
          {
            Effect: 'Allow',
            Action: ['ec2:DescribeVpcs', 'ec2:DescribeSubnets', 'ec2:DescribeInternetGateways', 'ec2:DescribeNetworkInterfaces'],
            Resource: '*',
          },
        ],
      },
    });
    for (const role of Object.values(template.findResources('AWS::IAM::Role'))) {
      expect(role.Properties.ManagedPolicyArns).toBeUndefined();
      expect(role.Properties.Policies).toBeUndefined();
    }
    template.resourceCountIs('AWS::IAM::Policy', 0);
  });

  test('lets the provider framework invoke the handler, without a version wildcard', () => {
    const { stack, template } = setup();
    const handler = stack.node.findChild('DefaultVpcRemovalProvider').node.findChild('Handler');

    template.hasResourceProperties('AWS::IAM::ManagedPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          {
            Effect: 'Allow',
            Action: ['lambda:InvokeFunction', 'lambda:GetFunction'],
            Resource: { 'Fn::GetAtt': [logicalId(stack, handler), 'Arn'] },
          },
        ]),
      },
      Roles: [{ Ref: Match.stringLikeRegexp('^DefaultVpcRemovalProviderFrameworkRole') }],
    });
  });

  test("bundles the handler for the latest Node.js runtime on Graviton, with the runtime's AWS SDK", () => {
    const { template } = setup();
    template.hasResourceProperties('AWS::Lambda::Function', {
      Handler: 'index.handler',
      Runtime: 'nodejs24.x',
      Architectures: ['arm64'],
      MemorySize: 256,
      Timeout: 300,
      LoggingConfig: Match.objectLike({ LogFormat: 'JSON' }),
    });
    template.hasResourceProperties('AWS::Lambda::Function', { Handler: 'framework.onEvent', MemorySize: 256 });
  });

  test("leaves the AWS SDK out of the bundle (the runtime provides it) and bundles the handler's own code", () => {
    // given
    const { app, template } = setup(undefined, { bundle: true });
    const [handler] = Object.values(template.findResources('AWS::Lambda::Function', { Properties: { Handler: 'index.handler' } }));

    // when
    const assembly = app.synth();
    const bundle = fs.readFileSync(
      path.join(assembly.directory, `asset.${handler.Properties.Code.S3Key.replace(/\.zip$/, '')}`, 'index.js'),
      'utf8',
    );

    // then
    expect(bundle).toContain('require("@aws-sdk/client-ec2")');
    expect(bundle).toContain('is still in use by');
    expect(bundle.length).toBeLessThan(200_000);
  });

  test('keeps both log groups a year, encrypted with the given key, and retains them', () => {
    const { stack, key, template } = setup();
    const groups = template.findResources('AWS::Logs::LogGroup', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: { RetentionInDays: 365, KmsKeyId: stack.resolve(key.key.keyArn) },
    });
    expect(Object.keys(groups)).toHaveLength(2);
    for (const fn of Object.values(template.findResources('AWS::Lambda::Function'))) {
      expect(Object.keys(groups)).toContain(fn.Properties.LoggingConfig.LogGroup.Ref);
    }
  });

  test('passes all five compliance packs, with two regions', () => {
    const { app } = setup({ Ireland: {}, Frankfurt: { region: 'eu-central-1' } });
    expect(nagFindings(app)).toEqual([]);
  });

  test('acknowledges on the functions and policies themselves, each with a reason', () => {
    const { stack } = setup({ Ireland: {}, Frankfurt: { region: 'eu-central-1' } });
    const acknowledgements = listAcknowledgements(stack);

    expect(new Set(acknowledgements.map((a) => a.path))).toEqual(
      new Set([
        'Security/Ireland/Policy/Resource',
        'Security/Frankfurt/Policy/Resource',
        'Security/DefaultVpcRemovalProvider/HandlerPolicy/Resource',
        'Security/DefaultVpcRemovalProvider/Handler/Resource',
        'Security/DefaultVpcRemovalProvider/Provider/framework-onEvent/Resource',
      ]),
    );
    for (const { reason } of acknowledgements) expect(reason.length).toBeGreaterThanOrEqual(60);
  });

  test('rejects a region that is not a region name', () => {
    const stack = new Stack(new App(), 'Security', { env: ENV });
    expect(() => new DefaultVpcRemoval(stack, 'Bad', { region: 'eu-west-1a' })).toThrow(
      /DefaultVpcRemoval Security\/Bad: region must be a region name such as eu-west-1 \(received "eu-west-1a"\)/,
    );
  });

  test('rejects removals of one stack that ask for different logging', () => {
    const stack = new Stack(new App(), 'Security', { env: ENV });
    const key = new kms.Key(stack, 'Key');
    new DefaultVpcRemoval(stack, 'Ireland', { logGroupKey: key });

    expect(
      () =>
        new DefaultVpcRemoval(stack, 'Frankfurt', { region: 'eu-central-1', logGroupKey: key, logRetention: logs.RetentionDays.ONE_MONTH }),
    ).toThrow(
      /DefaultVpcRemoval Security\/Frankfurt: every DefaultVpcRemoval of stack Security shares one handler, which already logs with logGroupKey Security\/Key and logRetention 365 days; pass the same logGroupKey and logRetention to each \(received Security\/Key, 30 days\)/,
    );
  });

  test('rejects a log key of another region', () => {
    const stack = new Stack(new App(), 'Security', { env: ENV });
    const foreign = kms.Key.fromKeyArn(stack, 'Foreign', 'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab');
    expect(() => new DefaultVpcRemoval(stack, 'Ireland', { logGroupKey: foreign })).toThrow(
      /logGroupKey must be a key of the stack's region eu-west-1, as CloudWatch Logs only uses keys of its own region \(received a key of us-east-1\)/,
    );
  });
});
