import { Duration, RemovalPolicy, Stack, Token } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as cr from 'aws-cdk-lib/custom-resources';
import { Construct, IConstruct } from 'constructs';
import { acknowledge } from './compliance';

/**
 * Construct id of the one Lambda function that serves every `AwsCustomResource` of a stack
 * (`AwsCustomResource` creates it as a `SingletonFunction` directly under the stack).
 */
export const AWS_CUSTOM_RESOURCE_PROVIDER_ID = `AWS${cr.AwsCustomResource.PROVIDER_FUNCTION_UUID.replace(/-/g, '')}`;

/**
 * Where the `AwsCustomResource` provider function of a stack writes its logs. Every hardening
 * construct takes these props; as the function is shared by the whole stack, every construct of
 * one stack must be given the same values (a construct that is given others is rejected).
 */
export interface AwsCustomResourceLoggingProps {
  /**
   * A ready log group for the provider function. Its key policy and retention are the caller's;
   * do not combine it with `logGroupKey` or `logRetention`.
   * @default - a log group created for the provider, with `logGroupKey` and `logRetention`
   */
  readonly logGroup?: logs.ILogGroup;

  /**
   * KMS key that encrypts the provider's log group. Its key policy must let CloudWatch Logs of
   * the stack's region use it (`PlatformKey.allowCloudWatchLogs()`), and it must live in the
   * stack's region.
   * @default - CloudWatch Logs' own encryption; the NIST, HIPAA and PCI packs then report
   * CloudWatchLogGroupEncrypted, so landing zone stacks pass a key
   */
  readonly logGroupKey?: kms.IKey;

  /**
   * How long the provider's log events are kept. They record every hardening call (the request
   * and AWS's answer): one year keeps a full audit cycle.
   * @default logs.RetentionDays.ONE_YEAR
   */
  readonly logRetention?: logs.RetentionDays;
}

/** The provider of one stack, as the hardening constructs set it up. */
interface ProviderSetup {
  readonly logGroup: logs.ILogGroup;
  readonly role: iam.IRole;
  readonly logWriting: iam.ManagedPolicy;
  readonly requested: AwsCustomResourceLoggingProps;
}

const providers = new WeakMap<Stack, ProviderSetup>();
const acknowledged = new WeakSet<IConstruct>();

/**
 * Creates an `AwsCustomResource` that makes `call` on create and on update, and nothing on delete,
 * served by the stack's shared provider function, which this sets up on first use: a role with no
 * AWS managed policy (it may only write to its own log group), a log group with retention (and
 * KMS encryption when given a key), the Lambda runtime's bundled SDK (no download at deploy time).
 * The caller grants what `call` needs with {@link grantToAwsCustomResourceProvider}.
 *
 * Fails when the stack already has an `AwsCustomResource` provider that was not set up here: its
 * role and logging would silently apply to these calls instead.
 */
export function createAccountSettingResource(
  scope: Construct,
  id: string,
  call: cr.AwsSdkCall,
  logging: AwsCustomResourceLoggingProps,
): cr.AwsCustomResource {
  const provider = setUpProvider(scope, logging);
  const resource = new cr.AwsCustomResource(scope, id, {
    onUpdate: call,
    role: provider.role,
    logGroup: provider.logGroup,
    // The bundled SDK v3 of the Lambda Node.js runtime has every API these settings use;
    // installing the latest one would need internet access at deploy time.
    installLatestAwsSdk: false,
    // 128 MB (the Lambda default) loads the large EC2 client slowly; 256 MB costs nothing here.
    memorySize: 256,
    timeout: Duration.minutes(2),
    // CloudFormation invokes the function asynchronously: Lambda retries a crashed invocation twice
    // (about 1 and 2 minutes later), then the stack should fail, not wait the default hour.
    serviceTimeout: Duration.minutes(10),
  });
  // Otherwise the first invocation could run before the function may write its logs.
  resource.node.addDependency(provider.logWriting);
  acknowledgeAwsCustomResourceProvider(scope);
  return resource;
}

/**
 * Grants the stack's `AwsCustomResource` provider `statements` through a customer managed policy
 * (`<scope>/Policy`), which each of `resources` waits for, so that no call is made before its
 * permission exists. A managed policy rather than an inline one: the NIST, HIPAA and PCI packs
 * reject inline policies (IAMNoInlinePolicy).
 */
export function grantToAwsCustomResourceProvider(
  scope: Construct,
  statements: iam.PolicyStatement[],
  resources: cr.AwsCustomResource[],
): iam.ManagedPolicy {
  const provider = providers.get(Stack.of(scope));
  if (!provider) {
    throw new Error(
      `${scope.node.path}: create the AwsCustomResource with createAccountSettingResource() before granting its provider permissions`,
    );
  }
  const policy = new iam.ManagedPolicy(scope, 'Policy', {
    description: `What the AwsCustomResource provider may call for ${scope.node.path}`,
    statements,
    roles: [provider.role],
  });
  for (const resource of resources) resource.node.addDependency(policy);
  return policy;
}

/**
 * Acknowledges the cdk-nag findings that the `AwsCustomResource` provider function of the stack
 * of `scope` raises, on the function itself, each with its reason: exactly those its
 * configuration raises (read from the function's properties on the first call, so a change of setup
 * that fixes one also drops its acknowledgement). Idempotent: every hardening construct calls it, the function
 * is acknowledged once.
 *
 * Why they do not apply: the function runs only at deploy time, invoked by CloudFormation with
 * the construct's own parameters; it makes one control-plane call per setting, holds no data
 * and serves no traffic.
 */
export function acknowledgeAwsCustomResourceProvider(scope: Construct): void {
  const stack = Stack.of(scope);
  const fn = stack.node.tryFindChild(AWS_CUSTOM_RESOURCE_PROVIDER_ID);
  if (!(fn instanceof lambda.Function)) {
    throw new Error(
      `${scope.node.path}: stack ${stack.node.path} has no AwsCustomResource provider function (${AWS_CUSTOM_RESOURCE_PROVIDER_ID}) yet; create an AwsCustomResource first`,
    );
  }
  if (acknowledged.has(fn)) return;
  acknowledged.add(fn);

  const cfn = fn.node.defaultChild as lambda.CfnFunction;
  if (cfn.reservedConcurrentExecutions === undefined) {
    const reason =
      'Invoked only by CloudFormation, once per hardening setting and deployment, so it cannot exhaust account concurrency; reserving concurrency would be refused in new accounts, whose Lambda concurrency quota is often still low.';
    acknowledge(cfn, 'NIST.800.53.R5-LambdaConcurrency', reason);
    acknowledge(cfn, 'HIPAA.Security-LambdaConcurrency', reason);
  }
  if (cfn.deadLetterConfig === undefined) {
    const reason =
      'A failed call is reported to CloudFormation, which fails and rolls back the deployment and shows the error in the stack events and the encrypted log group; a queued event could not be replayed, as its CloudFormation response URL expires.';
    acknowledge(cfn, 'NIST.800.53.R5-LambdaDLQ', reason);
    acknowledge(cfn, 'HIPAA.Security-LambdaDLQ', reason);
    acknowledge(cfn, 'Serverless-LambdaDLQ', reason);
  }
  if (cfn.vpcConfig === undefined) {
    const reason =
      'Calls only AWS control-plane APIs (IAM, S3 Control, EC2, Account) with its role, at deploy time, and reads or stores no data; a VPC would add NAT or endpoint costs for no protection, and the hardening runs in accounts that may have no VPC.';
    acknowledge(cfn, 'NIST.800.53.R5-LambdaInsideVPC', reason);
    acknowledge(cfn, 'HIPAA.Security-LambdaInsideVPC', reason);
    acknowledge(cfn, 'PCI.DSS.321-LambdaInsideVPC', reason);
  }
  if (cfn.tracingConfig === undefined) {
    acknowledge(
      cfn,
      'Serverless-LambdaTracing',
      'One synchronous SDK call per setting at deploy time: the log group holds each request and answer and CloudTrail records the call, so X-Ray traces would add a wildcard-resource permission and nothing to diagnose.',
    );
  }
  const role = fn.role?.node.defaultChild;
  if (role instanceof iam.CfnRole) {
    const managed = JSON.stringify(stack.resolve(role.managedPolicyArns) ?? []);
    if (managed.includes('AWSLambdaBasicExecutionRole')) {
      acknowledge(
        role,
        'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
        'The AWS managed basic execution policy only lets the deploy-time provider function write its own logs; it grants no access to data or to other resources.',
      );
    }
  }
}

/** Sets up the stack's provider on first use; afterwards checks that `logging` asks for the same. */
function setUpProvider(scope: Construct, logging: AwsCustomResourceLoggingProps): ProviderSetup {
  const stack = Stack.of(scope);
  const existing = providers.get(stack);
  if (existing) {
    const same =
      existing.requested.logGroup === logging.logGroup &&
      existing.requested.logGroupKey === logging.logGroupKey &&
      resolvedRetention(existing.requested) === resolvedRetention(logging);
    if (!same) {
      throw new Error(
        `${scope.node.path}: every AwsCustomResource of stack ${stack.node.path} shares one provider function, which already logs with ${describeLogging(existing.requested)}; ` +
          `pass the same logGroup, logGroupKey and logRetention to every hardening construct of the stack (received ${describeLogging(logging)})`,
      );
    }
    return existing;
  }
  if (stack.node.tryFindChild(AWS_CUSTOM_RESOURCE_PROVIDER_ID)) {
    throw new Error(
      `${scope.node.path}: stack ${stack.node.path} already has an AwsCustomResource provider that was not created by createAccountSettingResource(), so its role and logging would apply to the hardening calls; ` +
        'create the hardening constructs before any other AwsCustomResource of the stack, or create that one with createAccountSettingResource() too',
    );
  }
  if (logging.logGroup && (logging.logGroupKey || logging.logRetention !== undefined)) {
    throw new Error(
      `${scope.node.path}: logGroupKey and logRetention apply to the log group the construct creates; with a ready logGroup (received ${logging.logGroup.node.path}), set them on that log group instead`,
    );
  }
  const keyRegion = logging.logGroupKey?.env.region;
  if (keyRegion !== undefined && !Token.isUnresolved(keyRegion) && !Token.isUnresolved(stack.region) && keyRegion !== stack.region) {
    throw new Error(
      `${scope.node.path}: logGroupKey must be a key of the stack's region ${stack.region}, as CloudWatch Logs only uses keys of its own region (received a key of ${keyRegion})`,
    );
  }

  const logGroup =
    logging.logGroup ??
    new logs.LogGroup(stack, 'AwsCustomResourceProviderLogs', {
      encryptionKey: logging.logGroupKey,
      retention: resolvedRetention(logging),
      removalPolicy: RemovalPolicy.RETAIN,
    });
  // Not the AWS managed basic execution role: that one may write to every log group of the account.
  const role = new iam.Role(stack, 'AwsCustomResourceProviderRole', {
    assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
    description: 'Runs the AwsCustomResource calls of this stack at deploy time (account hardening settings)',
  });
  const logWriting = new iam.ManagedPolicy(role, 'LogWriting', {
    description: 'Lets the AwsCustomResource provider write its own log group, nothing else',
    statements: [
      new iam.PolicyStatement({
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        // The log group ARN ends in ":*", which covers its log streams.
        resources: [logGroup.logGroupArn],
      }),
    ],
    roles: [role],
  });
  const setup: ProviderSetup = {
    logGroup,
    role,
    logWriting,
    requested: { logGroup: logging.logGroup, logGroupKey: logging.logGroupKey, logRetention: logging.logRetention },
  };
  providers.set(stack, setup);
  return setup;
}

function resolvedRetention(logging: AwsCustomResourceLoggingProps): logs.RetentionDays | undefined {
  return logging.logGroup ? undefined : (logging.logRetention ?? logs.RetentionDays.ONE_YEAR);
}

function describeLogging(logging: AwsCustomResourceLoggingProps): string {
  if (logging.logGroup) return `logGroup ${logging.logGroup.node.path}`;
  return `logGroupKey ${logging.logGroupKey?.node.path ?? 'none'}, logRetention ${resolvedRetention(logging)} days`;
}
