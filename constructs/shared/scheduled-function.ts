import { languageOf } from './language';
import { catalogue } from '../../lib/core/alerts/catalogue';
import * as path from 'node:path';
import { Duration, RemovalPolicy, Stack, TimeZone } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as cloudwatchActions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as destinations from 'aws-cdk-lib/aws-lambda-destinations';
import * as nodejs from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import * as schedulerTargets from 'aws-cdk-lib/aws-scheduler-targets';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { acknowledge } from './compliance';
import { alarmName } from './alarm-names';
import { parseTimeOfDay } from '../../lib/core/rules/times-of-day';
import { REPO_ROOT } from '../../lib/core/paths';
import {
  DEAD_LETTER_RETENTION,
  LAMBDA_UNUSED_SDK_MODULES,
  POWERTOOLS_ENV,
  type ScheduledFunctionProps,
  type ScheduledRun,
  validateProps,
} from './scheduled-function-props';

export {
  LAMBDA_ENVIRONMENT_LIMIT_BYTES,
  LAMBDA_UNUSED_SDK_MODULES,
  type ScheduledFunctionLogLevel,
  type ScheduledFunctionProps,
  type ScheduledRun,
} from './scheduled-function-props';

/**
 * A Node.js Lambda function that runs on a schedule and only calls public AWS APIs: what the FinOps
 * collectors (cost collector, waste finder) have in common.
 *
 * - Function: Node.js 24 (the newest runtime the CDK and cdk-nag know), ARM64, bundled with the
 *   local esbuild (minified ES module with source maps, the pinned AWS SDK v3 bundled and
 *   tree-shaken, so the function does not depend on the runtime's SDK version), X-Ray tracing,
 *   no reserved concurrency (a new account's quota refuses any reservation; scheduled runs are
 *   hours apart), an explicit log group (KMS-encrypted, retained), and by default no automatic
 *   retry of a failed run: a retry could spend a run's request budget again; the next scheduled
 *   run catches up, and the failure alarms.
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
      roleName: props.roleName,
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
      // By default a failed run is not retried (each attempt may spend the run's request budget
      // again); its invocation record, with the error, joins the original event in the dead-letter queue.
      retryAttempts: props.retryAttempts ?? 0,
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

    // No reserved concurrency: a new account's Lambda concurrency quota starts at 10, and Lambda
    // keeps 10 unreserved, so any reservation fails the first deployment.
    const noReservation =
      'Reserved concurrency is refused in new AWS accounts (their Lambda concurrency quota starts at 10 and Lambda keeps 10 unreserved), which would fail the first deployment. Runs start on a schedule hours apart and are not retried by the schedule, so they do not pile up; the alert notifier runs once per alert and its writes are conditional, so parallel runs are safe.';
    const noVpc = `${props.serviceName} calls only public AWS service APIs with its IAM role, accepts no connections and keeps no data; the accounts have no VPC for it, and a NAT gateway or interface endpoints would cost more than the FinOps pipeline it serves.`;
    const cfnFunction = fn.node.defaultChild as lambda.CfnFunction;
    acknowledge(cfnFunction, 'NIST.800.53.R5-LambdaInsideVPC', noVpc);
    acknowledge(cfnFunction, 'HIPAA.Security-LambdaInsideVPC', noVpc);
    acknowledge(cfnFunction, 'PCI.DSS.321-LambdaInsideVPC', noVpc);
    acknowledge(cfnFunction, 'NIST.800.53.R5-LambdaConcurrency', noReservation);
    acknowledge(cfnFunction, 'HIPAA.Security-LambdaConcurrency', noReservation);

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
    const alarmTexts = catalogue(languageOf(this)).alarms;

    this.errorsAlarm = new cloudwatch.Alarm(this, 'ErrorsAlarm', {
      alarmName: alarmName(this, props.name, 'Errors'),
      alarmDescription: alarmTexts.runFailed(props.serviceName, failedRunImpact, logGroup.node.path, deadLetterQueue.node.path),
      metric: fn.metricErrors({ period: Duration.minutes(5), statistic: cloudwatch.Stats.SUM }),
      threshold: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    this.errorsAlarm.addAlarmAction(operationsAction);

    this.deadLetterAlarm = new cloudwatch.Alarm(this, 'DeadLetterAlarm', {
      alarmName: alarmName(this, props.name, 'DeadLetters'),
      alarmDescription: alarmTexts.runNotStarted(props.serviceName, deadLetterQueue.node.path),
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
