import * as path from 'node:path';
import { Duration, RemovalPolicy, Stack, TimeZone, Token } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as cloudwatchActions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as events from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as destinations from 'aws-cdk-lib/aws-lambda-destinations';
import * as nodejs from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import * as schedulerTargets from 'aws-cdk-lib/aws-scheduler-targets';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { acknowledge } from './compliance';
import { alarmName } from './alarm-names';
import { timeZoneProblem } from '../../lib/core/rules/time-zones';
import { parseTimeOfDay } from '../../lib/core/rules/times-of-day';
import { REPO_ROOT } from '../../lib/core/paths';

/**
 * SDK v3 modules the collectors never load on Lambda: credential providers for profiles, SSO,
 * web identity, container and instance metadata (Lambda passes credentials in the environment),
 * and event streams. Leaving them out of the bundle saves about 100 KB and cold-start time.
 */
export const LAMBDA_UNUSED_SDK_MODULES = [
  '@aws-sdk/credential-provider-ini',
  '@aws-sdk/credential-provider-sso',
  '@aws-sdk/credential-provider-process',
  '@aws-sdk/credential-provider-web-identity',
  '@aws-sdk/credential-provider-http',
  '@aws-sdk/credential-provider-login',
  '@aws-sdk/nested-clients',
  '@aws-sdk/token-providers',
  '@smithy/credential-provider-imds',
  '@smithy/core/event-streams',
];

/** Lambda's limit on the size of a function's environment variables (all of them together). */
export const LAMBDA_ENVIRONMENT_LIMIT_BYTES = 4096;

/** What an unresolved value (a topic ARN, a parameter name) is assumed to take in the environment. */
const TOKEN_SIZE_ESTIMATE_BYTES = 300;

/** Powertools' environment variables (its own names, not the function's). */
const POWERTOOLS_ENV = { serviceName: 'POWERTOOLS_SERVICE_NAME', logLevel: 'LOG_LEVEL' } as const;

/** Environment variables the construct sets itself; `environment` may not set them. */
const OWN_ENVIRONMENT = [POWERTOOLS_ENV.serviceName, POWERTOOLS_ENV.logLevel, 'NODE_OPTIONS'] as const;

/** Log levels a scheduled function accepts (Powertools `LOG_LEVEL`). */
export type ScheduledFunctionLogLevel = 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';

const LOG_LEVELS: readonly ScheduledFunctionLogLevel[] = ['DEBUG', 'INFO', 'WARN', 'ERROR'];

/** How long failed runs and undeliverable invocations wait in the dead-letter queue (the SQS maximum). */
const DEAD_LETTER_RETENTION = Duration.days(14);

/** One schedule of a {@link ScheduledFunction}: a cron expression in the function's time zone. */
export interface ScheduledRun {
  /**
   * Construct id of the schedule, PascalCase, e.g. `Run0700`. Keep it stable: a new id replaces
   * the schedule.
   */
  readonly id: string;

  /**
   * When to run, as EventBridge Scheduler cron fields read in the function's `timeZone` (daylight
   * saving included). A field left out means "every".
   */
  readonly cron: events.CronOptions;

  /**
   * When it runs, in words, for the schedule's description (e.g. `daily at 07:00`).
   * @default - the cron expression
   */
  readonly when?: string;
}

/** Properties of {@link ScheduledFunction}. */
export interface ScheduledFunctionProps {
  /** The TypeScript entry point; it must export `handler`, and lie inside the repository. */
  readonly entry: string;

  /**
   * The Powertools service name (`POWERTOOLS_SERVICE_NAME`), kebab-case, e.g. `cost-collector`:
   * every log line carries it, and descriptions name the function by it.
   */
  readonly serviceName: string;

  /**
   * PascalCase name of the job, e.g. `Collector` or `WasteFinder`, used in IAM statement ids
   * (`Invoke<name>`) so that the scheduler's policy says what it may start.
   */
  readonly name: string;

  /**
   * What the function does, for the function's and its role's description (at most 256 characters,
   * Lambda's limit).
   */
  readonly description: string;

  /**
   * The function's own environment variables. `POWERTOOLS_SERVICE_NAME`, `LOG_LEVEL` and
   * `NODE_OPTIONS` are set by the construct. All variables together must stay within Lambda's
   * 4 KB; this is checked at synth time.
   * @default - none
   */
  readonly environment?: Readonly<Record<string, string>>;

  /** When the function runs: one EventBridge Scheduler schedule each. At least one. */
  readonly schedules: readonly ScheduledRun[];

  /** IANA time zone the schedules are read in, e.g. `Europe/Berlin` (daylight saving included). */
  readonly timeZone: string;

  /**
   * The key that encrypts the function's log group. Its key policy must let CloudWatch Logs of this
   * region use it (`PlatformKey.allowCloudWatchLogs()`), and it must be a key of this region.
   */
  readonly logGroupKey: kms.IKey;

  /**
   * How long the function's logs are kept.
   * @default logs.RetentionDays.THREE_MONTHS
   */
  readonly logRetention?: logs.RetentionDays;

  /**
   * The function's log level (Powertools `LOG_LEVEL`).
   * @default 'INFO'
   */
  readonly logLevel?: ScheduledFunctionLogLevel;

  /**
   * Where a failed run and anything in the dead-letter queue are reported. It must admit
   * `cloudwatch.amazonaws.com` (AlertTopic `publishingServices`).
   */
  readonly operationsTopic: sns.ITopic;

  /**
   * What a failed run means, for the errors alarm's description, e.g. "FinOps metrics are stale
   * until a run succeeds".
   * @default - "its results are missing until a run succeeds"
   */
  readonly failedRunImpact?: string;

  /**
   * Memory of the function, in MB (128 to 10,240).
   * @default 256
   */
  readonly memorySize?: number;

  /**
   * How long one run may take (at most 15 minutes).
   * @default Duration.minutes(5)
   */
  readonly timeout?: Duration;
}

/**
 * A Node.js Lambda function that runs on a schedule and only calls public AWS APIs: what the FinOps
 * collectors (cost collector, waste finder) have in common.
 *
 * - Function: Node.js 24 (the newest runtime the CDK and cdk-nag know), ARM64, bundled with the
 *   local esbuild (minified ES module with source maps, the pinned AWS SDK v3 bundled and
 *   tree-shaken, so the function does not depend on the runtime's SDK version), X-Ray tracing,
 *   reserved concurrency 1 (two runs never overlap or double an API bill), an explicit log group
 *   (KMS-encrypted, retained), and no automatic retry of a failed run: a retry could spend a
 *   run's request budget again; the next scheduled run catches up, and the failure alarms.
 * - Permissions: a role only Lambda assumes, with customer managed policies only (its log group,
 *   its dead-letter queue, X-Ray); add the job's own permissions with {@link addToPolicy} or
 *   {@link addManagedPolicy}. Grants made on {@link function} are ignored (the role is passed as
 *   immutable, so that CDK adds no inline policy).
 * - Schedules: EventBridge Scheduler, in the given time zone, with retries of a refused
 *   invocation and the dead-letter queue, through a role that may only invoke this function.
 * - Alarms to the operations topic: a failed run, and anything in the dead-letter queue.
 *
 * It has no VPC: use it only for functions that call public AWS APIs and reach nothing private.
 */
export class ScheduledFunction extends Construct {
  /** The function. Grant to it with {@link addToPolicy}: grants on it are ignored. */
  readonly function: lambda.IFunction;
  /**
   * The function's role (Lambda only), immutable: its permissions are customer managed policies
   * ({@link addToPolicy}, {@link addManagedPolicy}), and grants to it are ignored rather than
   * turned into an inline policy.
   */
  readonly role: iam.IRole;
  /** The function's log group (encrypted, retained). */
  readonly logGroup: logs.ILogGroup;
  /** Failed runs and undeliverable scheduled invocations, kept 14 days. */
  readonly deadLetterQueue: sqs.IQueue;
  /** The schedules, in the order of `schedules`. */
  readonly schedules: readonly scheduler.Schedule[];
  /** A run failed. */
  readonly errorsAlarm: cloudwatch.Alarm;
  /** Something is in the dead-letter queue. */
  readonly deadLetterAlarm: cloudwatch.Alarm;

  private readonly ownPolicy: iam.ManagedPolicy;
  private readonly fn: nodejs.NodejsFunction;
  private readonly lambdaRole: iam.Role;

  constructor(scope: Construct, id: string, props: ScheduledFunctionProps) {
    super(scope, id);
    const logRetention = props.logRetention ?? logs.RetentionDays.THREE_MONTHS;
    const logLevel = props.logLevel ?? 'INFO';
    const memorySize = props.memorySize ?? 256;
    const timeout = props.timeout ?? Duration.minutes(5);
    const failedRunImpact = props.failedRunImpact ?? 'its results are missing until a run succeeds';
    const environment = props.environment ?? {};
    const where = `ScheduledFunction ${this.node.path}`;
    const stack = Stack.of(this);

    validateProps(where, stack, props, { logLevel, memorySize, timeout, environment });

    // --- Dead letters, logs --------------------------------------------------------------------------
    const deadLetterQueue = new sqs.Queue(this, 'DeadLetters', {
      // SQS-managed encryption: Lambda and EventBridge Scheduler write with their roles, and no
      // key policy has to admit them.
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: DEAD_LETTER_RETENTION,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.deadLetterQueue = deadLetterQueue;
    // (AwsSolutions-SQS3 already sees that the function uses it as its dead-letter queue.)
    acknowledge(
      deadLetterQueue,
      'Serverless-SQSRedrivePolicy',
      `This queue is itself the dead-letter queue of ${props.serviceName} (failed runs and undeliverable scheduled invocations); nothing consumes it automatically, so a further DLQ would only move the same events again. An alarm watches its depth.`,
    );

    const logGroup = new logs.LogGroup(this, 'Logs', {
      encryptionKey: props.logGroupKey,
      retention: logRetention,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.logGroup = logGroup;

    // --- Permissions -------------------------------------------------------------------------------
    const role = new iam.Role(this, 'Role', {
      description: props.description,
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
    });
    this.lambdaRole = role;
    this.role = role.withoutPolicyUpdates();
    this.ownPolicy = new iam.ManagedPolicy(this, 'OwnResourcesPolicy', {
      description: `${props.serviceName}: its log group, its dead-letter queue and the resources it works on`,
      statements: [
        new iam.PolicyStatement({
          sid: 'WriteOwnLogs',
          actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
          resources: [logGroup.logGroupArn],
        }),
        new iam.PolicyStatement({ sid: 'SendDeadLetters', actions: ['sqs:SendMessage'], resources: [deadLetterQueue.queueArn] }),
      ],
      roles: [role],
    });
    const tracingPolicy = new iam.ManagedPolicy(this, 'TracingPolicy', {
      description: `${props.serviceName}: X-Ray trace segments`,
      statements: [
        new iam.PolicyStatement({ sid: 'WriteTraces', actions: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'], resources: ['*'] }),
      ],
      roles: [role],
    });
    acknowledge(
      tracingPolicy,
      'AwsSolutions-IAM5[Resource::*]',
      'X-Ray PutTraceSegments and PutTelemetryRecords have no resource-level permissions and only accept "*" (the same statement as the AWS managed AWSXRayDaemonWriteAccess); they only write trace data.',
    );

    // --- Function ----------------------------------------------------------------------------------
    const fn = new nodejs.NodejsFunction(this, 'Function', {
      description: props.description,
      entry: props.entry,
      handler: 'handler',
      projectRoot: REPO_ROOT,
      depsLockFilePath: path.join(REPO_ROOT, 'package-lock.json'),
      // The newest Node.js the CDK knows: cdk-nag's LambdaLatestVersion accepts nothing older.
      runtime: lambda.Runtime.NODEJS_24_X,
      architecture: lambda.Architecture.ARM_64,
      memorySize,
      timeout,
      reservedConcurrentExecutions: 1,
      tracing: lambda.Tracing.ACTIVE,
      logGroup,
      environment: {
        ...environment,
        [POWERTOOLS_ENV.serviceName]: props.serviceName,
        [POWERTOOLS_ENV.logLevel]: logLevel,
        // Stack traces point into the TypeScript sources instead of the minified bundle (about
        // 15 ms more at cold start for a bundle's map).
        NODE_OPTIONS: '--enable-source-maps',
      },
      // The managed policies grant everything; CDK's own grants would add an inline policy
      // (IAMNoInlinePolicy) with the AWS managed basic execution role's "any log group".
      role: this.role,
      deadLetterQueue,
      // A failed run is not retried (each attempt may spend the run's request budget again), and
      // its invocation record, with the error, joins the original event in the dead-letter queue.
      retryAttempts: 0,
      maxEventAge: Duration.hours(1),
      onFailure: new destinations.SqsDestination(deadLetterQueue),
      bundling: {
        // Local esbuild (a devDependency) only: no Docker on the build machines.
        forceDockerBundling: false,
        format: nodejs.OutputFormat.ESM,
        mainFields: ['module', 'main'],
        target: 'node22',
        minify: true,
        sourceMap: true,
        sourcesContent: false,
        // The pinned SDK v3 clients of package.json, tree-shaken, rather than the runtime's copy;
        // only the credential providers the SDK loads lazily and Lambda never reaches (credentials
        // come from the environment there) and event streams (no API used has them) stay out.
        externalModules: LAMBDA_UNUSED_SDK_MODULES,
        charset: nodejs.Charset.UTF8,
        esbuildArgs: { '--legal-comments': 'none' },
        // Some CommonJS dependencies call require() on Node built-ins, which an ES module lacks.
        banner: 'import { createRequire as __createRequire } from "node:module"; const require = __createRequire(import.meta.url);',
      },
    });
    // Lambda checks the dead-letter queue permission when it creates the function.
    fn.node.addDependency(this.ownPolicy, tracingPolicy);
    this.fn = fn;
    this.function = fn;

    const noVpc = `${props.serviceName} calls only public AWS service APIs with its IAM role, accepts no connections and keeps no data; the accounts have no VPC for it, and a NAT gateway or interface endpoints would cost more than the FinOps pipeline it serves.`;
    const cfnFunction = fn.node.defaultChild as lambda.CfnFunction;
    acknowledge(cfnFunction, 'NIST.800.53.R5-LambdaInsideVPC', noVpc);
    acknowledge(cfnFunction, 'HIPAA.Security-LambdaInsideVPC', noVpc);
    acknowledge(cfnFunction, 'PCI.DSS.321-LambdaInsideVPC', noVpc);

    // --- Schedules ---------------------------------------------------------------------------------
    const schedulerRole = new iam.Role(this, 'SchedulerRole', {
      description: `EventBridge Scheduler: starts ${props.serviceName}`,
      assumedBy: new iam.ServicePrincipal('scheduler.amazonaws.com', {
        conditions: {
          StringEquals: {
            'aws:SourceAccount': stack.account,
            'aws:SourceArn': stack.formatArn({ service: 'scheduler', resource: 'schedule-group', resourceName: 'default' }),
          },
        },
      }),
    });
    new iam.ManagedPolicy(this, 'SchedulerPolicy', {
      description: `EventBridge Scheduler: invoke ${props.serviceName}, and report undeliverable invocations`,
      statements: [
        new iam.PolicyStatement({ sid: `Invoke${props.name}`, actions: ['lambda:InvokeFunction'], resources: [fn.functionArn] }),
        new iam.PolicyStatement({ sid: 'SendDeadLetters', actions: ['sqs:SendMessage'], resources: [deadLetterQueue.queueArn] }),
      ],
      roles: [schedulerRole],
    });
    const target = new schedulerTargets.LambdaInvoke(fn, {
      role: schedulerRole.withoutPolicyUpdates(),
      deadLetterQueue,
      // Scheduler retries only a refused invocation (throttled, service error); the run itself is
      // asynchronous and is not retried (see retryAttempts above).
      retryAttempts: 3,
      maxEventAge: Duration.hours(1),
    });
    const timeZone = TimeZone.of(props.timeZone);
    this.schedules = props.schedules.map((run) => {
      const expression = scheduler.ScheduleExpression.cron({ ...run.cron, timeZone });
      return new scheduler.Schedule(this, run.id, {
        description: `${props.serviceName} runs ${run.when ?? expression.expressionString} (${props.timeZone})`,
        schedule: expression,
        target,
        // Runs are a few per day at fixed local times; there is no load to spread.
        timeWindow: scheduler.TimeWindow.off(),
      });
    });

    // --- Alarms ------------------------------------------------------------------------------------
    const operationsAction = new cloudwatchActions.SnsAction(props.operationsTopic);

    this.errorsAlarm = new cloudwatch.Alarm(this, 'ErrorsAlarm', {
      alarmName: alarmName(this, props.name, 'Errors'),
      alarmDescription: `A run of ${props.serviceName} failed: ${failedRunImpact}. Read the log group ${logGroup.node.path}; the failed event is in ${deadLetterQueue.node.path}.`,
      metric: fn.metricErrors({ period: Duration.minutes(5), statistic: cloudwatch.Stats.SUM }),
      threshold: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    this.errorsAlarm.addAlarmAction(operationsAction);

    this.deadLetterAlarm = new cloudwatch.Alarm(this, 'DeadLetterAlarm', {
      alarmName: alarmName(this, props.name, 'DeadLetters'),
      alarmDescription: `A run of ${props.serviceName} failed or could not be started; the event and its error wait in ${deadLetterQueue.node.path} for 14 days.`,
      metric: deadLetterQueue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5), statistic: 'Maximum' }),
      threshold: 0,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    this.deadLetterAlarm.addAlarmAction(operationsAction);
  }

  /**
   * Schedules that run every day at the given local times (`HH:MM`, 24-hour), with the ids
   * `Run<HHMM>` (e.g. `Run0730`).
   */
  static dailyAt(times: readonly string[]): ScheduledRun[] {
    return times.map((time) => {
      const parsed = parseTimeOfDay(time);
      if (!parsed) {
        throw new Error(
          `ScheduledFunction.dailyAt: each time must be HH:MM on a 24-hour clock, 00:00 to 23:59, e.g. 07:30 (received ${JSON.stringify(time)})`,
        );
      }
      return {
        id: `Run${time.replace(':', '')}`,
        cron: { minute: String(parsed.minute), hour: String(parsed.hour) },
        when: `at ${time}`,
      };
    });
  }

  /**
   * Adds a statement to the function's own customer managed policy (the one that holds its log
   * group and dead-letter queue): for the resources the function works on.
   */
  addToPolicy(statement: iam.PolicyStatement): void {
    this.ownPolicy.addStatements(statement);
  }

  /**
   * Adds a customer managed policy of its own to the function's role, which the function waits for
   * on creation. Use it for permissions that need an acknowledgement of their own (e.g. APIs that
   * only accept `*`), so that the acknowledgement covers nothing else.
   */
  addManagedPolicy(id: string, description: string, statements: iam.PolicyStatement[]): iam.ManagedPolicy {
    const policy = new iam.ManagedPolicy(this, id, { description, statements, roles: [this.lambdaRole] });
    this.fn.node.addDependency(policy);
    return policy;
  }
}

/** Throws, naming the prop, when a property is out of range. */
function validateProps(
  where: string,
  stack: Stack,
  props: ScheduledFunctionProps,
  resolved: { logLevel: string; memorySize: number; timeout: Duration; environment: Readonly<Record<string, string>> },
): void {
  const { logLevel, memorySize, timeout, environment } = resolved;
  if (!Token.isUnresolved(props.serviceName) && !/^[a-z][a-z0-9-]{0,62}[a-z0-9]$/.test(props.serviceName)) {
    throw new Error(
      `${where}: serviceName must be kebab-case, 2-64 lowercase letters, digits and hyphens, e.g. cost-collector (received ${JSON.stringify(props.serviceName)})`,
    );
  }
  if (!/^[A-Z][A-Za-z0-9]{0,63}$/.test(props.name)) {
    throw new Error(
      `${where}: name must be PascalCase letters and digits, 1-64 characters, e.g. WasteFinder, as it becomes part of IAM statement ids (received ${JSON.stringify(props.name)})`,
    );
  }
  if (!Token.isUnresolved(props.description) && (props.description.length === 0 || props.description.length > 256)) {
    throw new Error(`${where}: description must be 1-256 characters, Lambda's limit (received ${props.description.length} characters)`);
  }
  if (!LOG_LEVELS.includes(logLevel as ScheduledFunctionLogLevel)) {
    throw new Error(`${where}: logLevel must be DEBUG, INFO, WARN or ERROR (received ${JSON.stringify(logLevel)})`);
  }
  if (!Token.isUnresolved(memorySize) && !(Number.isInteger(memorySize) && memorySize >= 128 && memorySize <= 10240)) {
    throw new Error(`${where}: memorySize must be a whole number of MB from 128 to 10240 (received ${memorySize})`);
  }
  if (!timeout.isUnresolved() && (timeout.toSeconds() < 1 || timeout.toSeconds() > 900)) {
    throw new Error(`${where}: timeout must be from 1 second to 15 minutes, Lambda's limit (received ${timeout.toHumanString()})`);
  }
  const timeZone = Token.isUnresolved(props.timeZone) ? undefined : timeZoneProblem(props.timeZone);
  if (timeZone) throw new Error(`${where}: timeZone ${timeZone} (received ${JSON.stringify(props.timeZone)})`);
  if (props.schedules.length === 0) {
    throw new Error(
      `${where}: schedules must list at least one run (received none); use ScheduledFunction.dailyAt(['06:00']) for a daily run`,
    );
  }
  const ids = props.schedules.map((run) => run.id);
  for (const id of ids) {
    if (!/^[A-Z][A-Za-z0-9]*$/.test(id)) {
      throw new Error(
        `${where}: schedules[].id must be a PascalCase construct id of letters and digits, e.g. Run0700 (received ${JSON.stringify(id)})`,
      );
    }
  }
  const duplicates = [...new Set(ids.filter((id, index) => ids.indexOf(id) !== index))];
  if (duplicates.length > 0) {
    throw new Error(
      `${where}: schedules must have distinct ids (received ${duplicates.map((id) => JSON.stringify(id)).join(', ')} more than once)`,
    );
  }
  const reserved = OWN_ENVIRONMENT.filter((key) => key in environment);
  if (reserved.length > 0) {
    throw new Error(
      `${where}: environment must not set ${reserved.join(', ')}, which the construct sets itself (use serviceName and logLevel)`,
    );
  }
  const keyRegion = props.logGroupKey.env.region;
  if (!Token.isUnresolved(keyRegion) && !Token.isUnresolved(stack.region) && keyRegion !== stack.region) {
    throw new Error(
      `${where}: logGroupKey must be a key of this region ${stack.region}, as CloudWatch Logs only uses keys of its own region (received a key of ${keyRegion})`,
    );
  }
  checkEnvironmentSize(where, {
    ...environment,
    [POWERTOOLS_ENV.serviceName]: props.serviceName,
    [POWERTOOLS_ENV.logLevel]: logLevel,
    NODE_OPTIONS: '--enable-source-maps',
  });
}

/**
 * Lambda refuses environments over 4 KB (keys and values together). Counted as the JSON of the
 * variables, an upper bound; unresolved values (ARNs, names) are assumed to take 300 bytes.
 */
function checkEnvironmentSize(where: string, variables: Readonly<Record<string, string>>): void {
  const encoder = new TextEncoder();
  const valueBytes = (value: string) =>
    Token.isUnresolved(value) ? TOKEN_SIZE_ESTIMATE_BYTES : encoder.encode(JSON.stringify(value)).length;
  let bytes = 2;
  let largest = { key: '', bytes: 0 };
  for (const [key, value] of Object.entries(variables)) {
    const size = valueBytes(value);
    bytes += encoder.encode(JSON.stringify(key)).length + 1 + size + 1;
    if (size > largest.bytes) largest = { key, bytes: size };
  }
  if (bytes > LAMBDA_ENVIRONMENT_LIMIT_BYTES) {
    throw new Error(
      `${where}: the function's environment would take about ${bytes} bytes, over Lambda's limit of ${LAMBDA_ENVIRONMENT_LIMIT_BYTES} bytes ` +
        `(${largest.key} alone: ${largest.bytes} bytes); shorten it, or pass it in an SSM parameter instead`,
    );
  }
}
