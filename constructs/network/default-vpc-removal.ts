import { CustomResource, Duration, RemovalPolicy, Stack, Token } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as nodejs from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as cr from 'aws-cdk-lib/custom-resources';
import { Construct } from 'constructs';
import { acknowledge, nagResourceId } from '../shared/compliance';
import { repoPath } from '../../lib/core/paths';

/** Properties of {@link DefaultVpcRemoval}. */
export interface DefaultVpcRemovalProps {
  /**
   * The region whose default VPC is removed. The handler calls EC2 in that region, so one stack
   * (in the home region) can remove the default VPCs of every allowed region.
   * @default - the stack's region
   */
  readonly region?: string;

  /**
   * KMS key that encrypts the log groups of the removal functions. Its key policy must let
   * CloudWatch Logs of the stack's region use it (`PlatformKey.allowCloudWatchLogs()`).
   * Every removal of one stack shares the functions, so all must be given the same key and
   * retention.
   * @default - CloudWatch Logs' own encryption; the NIST, HIPAA and PCI packs then report
   * CloudWatchLogGroupEncrypted, so landing zone stacks pass a key
   */
  readonly logGroupKey?: kms.IKey;

  /**
   * How long the functions' log events are kept: they record which VPC, subnets and gateways
   * were deleted, so one year keeps a full audit cycle.
   * @default logs.RetentionDays.ONE_YEAR
   */
  readonly logRetention?: logs.RetentionDays;
}

/**
 * Removes the default VPC of one region (CIS 5 and Security Hub EC2.2 best practice: nothing
 * should land in a VPC nobody designed, with public subnets that give every instance a public
 * address).
 *
 * A custom resource whose handler (`default-vpc-removal-handler/`) finds the default VPC
 * (`DescribeVpcs`, `is-default=true`), refuses if network interfaces still live in it, detaches
 * and deletes its internet gateway, deletes its subnets, then the VPC. A region without a default
 * VPC is left alone (idempotent); an update runs the removal again, so a default VPC someone
 * recreated is removed at the next deployment that changes the resource.
 *
 * **Delete**: deleting the construct or its stack does NOT recreate the default VPC. Whoever
 * needs it back runs `aws ec2 create-default-vpc --region <region>` (EC2 `CreateDefaultVpc`).
 *
 * **Why a Lambda and not `AwsCustomResource`**: the removal is a sequence whose length depends on
 * what the region holds (one subnet per zone, zero or one gateway), which one SDK call per
 * resource cannot express. The handler runs with a role that may only describe EC2 and delete
 * subnets, internet gateways and VPCs of this region and account that carry no CloudFormation
 * stack tag: default VPCs have no tags, while every VPC CloudFormation created (the baseline VPC
 * included) carries `aws:cloudformation:stack-id`, so a bug could not reach them. IAM has no
 * condition key for "is the default VPC"; the handler itself only touches the VPC that EC2
 * reports as default.
 *
 * Every removal of a stack shares one handler, one provider framework function and their log
 * groups; each adds its own region-scoped policy. Cost: nothing measurable (two Lambda
 * invocations per deployment, log storage of a few KB).
 */
export class DefaultVpcRemoval extends Construct {
  /** The custom resource. `getAttString('RemovedVpcId')` is the deleted VPC's id, or '' when there was none. */
  readonly resource: CustomResource;
  /** The region whose default VPC is removed. */
  readonly region: string;

  constructor(scope: Construct, id: string, props: DefaultVpcRemovalProps = {}) {
    super(scope, id);
    const stack = Stack.of(this);
    const region = props.region ?? stack.region;
    this.region = region;
    if (!Token.isUnresolved(region) && !/^[a-z]{2}(-[a-z]+)+-\d+$/.test(region)) {
      throw new Error(
        `DefaultVpcRemoval ${this.node.path}: region must be a region name such as eu-west-1 (received ${JSON.stringify(region)})`,
      );
    }

    const provider = RemovalProvider.of(this, props);
    const policy = new iam.ManagedPolicy(this, 'Policy', {
      description: `Delete the default VPC of ${region} (${this.node.path})`,
      statements: deleteStatements(stack, region),
      roles: [provider.handlerRole],
    });
    for (const resource of ['subnet/*', 'internet-gateway/*', 'vpc/*']) {
      const arn = `arn:${stack.partition}:ec2:${region}:${stack.account}:${resource}`;
      acknowledge(
        policy.node.defaultChild!,
        `AwsSolutions-IAM5[Resource::${nagResourceId(this, arn)}]`,
        'The default VPC and its subnet and gateway ids exist only at deploy time; the statement is limited to this region and account, to delete actions, and to resources without a CloudFormation stack tag (never a stack-made VPC).',
      );
    }

    this.resource = new CustomResource(this, 'Resource', {
      serviceToken: provider.serviceToken,
      resourceType: 'Custom::DefaultVpcRemoval',
      properties: { Region: region },
      // The provider framework answers within minutes; a lost answer should not hold the stack an hour.
      serviceTimeout: Duration.minutes(15),
    });
    this.resource.node.addDependency(policy);
  }
}

/**
 * The handler and provider framework functions that every {@link DefaultVpcRemoval} of a stack
 * shares, created on first use directly under the stack.
 */
class RemovalProvider extends Construct {
  static readonly ID = 'DefaultVpcRemovalProvider';

  static of(scope: Construct, props: DefaultVpcRemovalProps): RemovalProvider {
    const stack = Stack.of(scope);
    const existing = stack.node.tryFindChild(RemovalProvider.ID);
    const retention = props.logRetention ?? logs.RetentionDays.ONE_YEAR;
    if (existing instanceof RemovalProvider) {
      if (existing.logGroupKey !== props.logGroupKey || existing.logRetention !== retention) {
        throw new Error(
          `DefaultVpcRemoval ${scope.node.path}: every DefaultVpcRemoval of stack ${stack.node.path} shares one handler, which already logs with logGroupKey ${existing.logGroupKey?.node.path ?? 'none'} and logRetention ${existing.logRetention} days; ` +
            `pass the same logGroupKey and logRetention to each (received ${props.logGroupKey?.node.path ?? 'none'}, ${retention} days)`,
        );
      }
      return existing;
    }
    return new RemovalProvider(stack, RemovalProvider.ID, props.logGroupKey, retention);
  }

  /** The role of the handler; each removal attaches its region's delete policy to it. */
  readonly handlerRole: iam.IRole;
  /** The service token of the custom resources. */
  readonly serviceToken: string;

  private constructor(
    scope: Construct,
    id: string,
    readonly logGroupKey: kms.IKey | undefined,
    readonly logRetention: logs.RetentionDays,
  ) {
    super(scope, id);
    const keyRegion = logGroupKey?.env.region;
    const stack = Stack.of(this);
    if (keyRegion !== undefined && !Token.isUnresolved(keyRegion) && !Token.isUnresolved(stack.region) && keyRegion !== stack.region) {
      throw new Error(
        `DefaultVpcRemoval ${this.node.path}: logGroupKey must be a key of the stack's region ${stack.region}, as CloudWatch Logs only uses keys of its own region (received a key of ${keyRegion})`,
      );
    }

    const handlerLogs = this.logGroup('HandlerLogs');
    // Not the AWS managed basic execution role: that one may write to every log group.
    const handlerRole = new iam.Role(this, 'HandlerRole', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: 'Removes default VPCs at deploy time (DefaultVpcRemoval)',
    });
    this.handlerRole = handlerRole;
    const handlerBase = new iam.ManagedPolicy(this, 'HandlerPolicy', {
      description: 'Write the default VPC removal log; describe VPCs, subnets, gateways and network interfaces',
      statements: [
        new iam.PolicyStatement({ actions: ['logs:CreateLogStream', 'logs:PutLogEvents'], resources: [handlerLogs.logGroupArn] }),
        new iam.PolicyStatement({
          actions: ['ec2:DescribeVpcs', 'ec2:DescribeSubnets', 'ec2:DescribeInternetGateways', 'ec2:DescribeNetworkInterfaces'],
          // EC2 Describe actions have no resource-level permissions.
          resources: ['*'],
        }),
      ],
      roles: [handlerRole],
    });
    acknowledge(
      handlerBase.node.defaultChild!,
      'AwsSolutions-IAM5[Resource::*]',
      'EC2 Describe* actions support no resource-level permissions (Service Authorization Reference), so "*" is their only valid resource; the statement lists four read-only Describe actions.',
    );

    const handler = new nodejs.NodejsFunction(this, 'Handler', {
      entry: repoPath('lambda', 'default-vpc-removal', 'index.ts'),
      handler: 'handler',
      runtime: lambda.Runtime.NODEJS_24_X,
      architecture: lambda.Architecture.ARM_64,
      memorySize: 256,
      timeout: Duration.minutes(5),
      role: handlerRole,
      logGroup: handlerLogs,
      loggingFormat: lambda.LoggingFormat.JSON,
      description: 'Removes the default VPC of a region (DefaultVpcRemoval)',
      bundling: {
        // The runtime's own AWS SDK v3 (see the handler); Powertools Logger is bundled.
        externalModules: ['@aws-sdk/*'],
        minify: true,
        sourceMap: false,
        forceDockerBundling: false,
      },
    });
    handler.node.addDependency(handlerBase);

    const frameworkLogs = this.logGroup('FrameworkLogs');
    const frameworkRole = new iam.Role(this, 'FrameworkRole', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: 'CDK provider framework of DefaultVpcRemoval: invokes the removal handler',
    });
    const frameworkPolicy = new iam.ManagedPolicy(this, 'FrameworkPolicy', {
      description: 'Write the provider framework log; invoke the default VPC removal handler',
      statements: [
        new iam.PolicyStatement({ actions: ['logs:CreateLogStream', 'logs:PutLogEvents'], resources: [frameworkLogs.logGroupArn] }),
        // What Provider grants itself (InvokeFunction, GetFunction), without the ":*" version
        // wildcard: the framework invokes the unqualified function.
        new iam.PolicyStatement({ actions: ['lambda:InvokeFunction', 'lambda:GetFunction'], resources: [handler.functionArn] }),
      ],
      roles: [frameworkRole],
    });
    const provider = new cr.Provider(this, 'Provider', {
      onEventHandler: handler,
      logGroup: frameworkLogs,
      // Without policy updates, Provider's own grants (an inline policy with a ":*" wildcard) are
      // left out; FrameworkPolicy grants the same, narrower.
      frameworkOnEventRole: frameworkRole.withoutPolicyUpdates(),
      // Request and outcome of every event, for the audit trail next to the handler's log.
      frameworkLambdaLoggingLevel: lambda.ApplicationLogLevel.INFO,
    });
    const frameworkFunction = provider.node.findChild('framework-onEvent') as lambda.Function;
    frameworkFunction.node.addDependency(frameworkPolicy);
    // Provider offers no memory setting; 256 MB like the handler (cdk-nag Serverless-LambdaDefaultMemorySize).
    (frameworkFunction.node.defaultChild as lambda.CfnFunction).memorySize = 256;
    this.serviceToken = provider.serviceToken;

    for (const fn of [handler, frameworkFunction]) acknowledgeDeployTimeFunction(fn.node.defaultChild as lambda.CfnFunction);
  }

  private logGroup(id: string): logs.LogGroup {
    return new logs.LogGroup(this, id, {
      encryptionKey: this.logGroupKey,
      retention: this.logRetention,
      removalPolicy: RemovalPolicy.RETAIN,
    });
  }
}

/** The delete permissions for one region: see {@link DefaultVpcRemoval} for why they are safe. */
function deleteStatements(stack: Stack, region: string): iam.PolicyStatement[] {
  const arn = (resource: string) => `arn:${stack.partition}:ec2:${region}:${stack.account}:${resource}`;
  // CloudFormation tags every VPC, subnet and gateway it creates with aws:cloudformation:stack-id;
  // default VPCs carry no tags at all.
  const notFromAStack = { Null: { 'aws:ResourceTag/aws:cloudformation:stack-id': 'true' } };
  return [
    new iam.PolicyStatement({
      sid: 'DeleteSubnets',
      actions: ['ec2:DeleteSubnet'],
      resources: [arn('subnet/*')],
      conditions: notFromAStack,
    }),
    new iam.PolicyStatement({
      sid: 'DeleteInternetGateways',
      // DetachInternetGateway is authorised against both the gateway and the VPC.
      actions: ['ec2:DetachInternetGateway', 'ec2:DeleteInternetGateway'],
      resources: [arn('internet-gateway/*'), arn('vpc/*')],
      conditions: notFromAStack,
    }),
    new iam.PolicyStatement({ sid: 'DeleteVpc', actions: ['ec2:DeleteVpc'], resources: [arn('vpc/*')], conditions: notFromAStack }),
  ];
}

/**
 * The findings a deploy-time custom resource function raises and why they do not apply: it runs
 * only when CloudFormation creates or updates the resource, with the construct's parameters,
 * makes a few EC2 control-plane calls, and holds no data.
 */
function acknowledgeDeployTimeFunction(cfn: lambda.CfnFunction): void {
  const concurrency =
    'Invoked only by CloudFormation, once per removal and deployment, so it cannot exhaust account concurrency; reserving concurrency would be refused in new accounts, whose Lambda concurrency quota is often still low.';
  const dlq =
    'A failed removal is reported to CloudFormation, which fails and rolls back the deployment and shows the error in the stack events and the encrypted log group; a queued event could not be replayed, as its CloudFormation response URL expires.';
  const vpc =
    'Calls only the EC2 control-plane API with its role, at deploy time, and reads or stores no data; it cannot run inside the VPCs it inspects or deletes, and a VPC would add NAT or endpoint costs for no protection.';
  for (const pack of ['NIST.800.53.R5', 'HIPAA.Security']) {
    acknowledge(cfn, `${pack}-LambdaConcurrency`, concurrency);
    acknowledge(cfn, `${pack}-LambdaDLQ`, dlq);
  }
  acknowledge(cfn, 'Serverless-LambdaDLQ', dlq);
  for (const pack of ['NIST.800.53.R5', 'HIPAA.Security', 'PCI.DSS.321']) acknowledge(cfn, `${pack}-LambdaInsideVPC`, vpc);
  acknowledge(
    cfn,
    'Serverless-LambdaTracing',
    'A few synchronous EC2 calls per deployment: the log group records each step and CloudTrail records every call, so X-Ray traces would add a wildcard-resource permission and nothing to diagnose.',
  );
}
