import { Duration, Stack, Token } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sns from 'aws-cdk-lib/aws-sns';
import { timeZoneProblem } from '../../lib/core/rules/time-zones';

/**
 * What a {@link ScheduledFunction} takes: its properties, the schedules, and the checks that
 * reject a property out of range (naming the construct, the property, the value and what is
 * allowed) before anything is built.
 */

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
export const POWERTOOLS_ENV = { serviceName: 'POWERTOOLS_SERVICE_NAME', logLevel: 'LOG_LEVEL' } as const;

/** Environment variables the construct sets itself; `environment` may not set them. */
const OWN_ENVIRONMENT = [POWERTOOLS_ENV.serviceName, POWERTOOLS_ENV.logLevel, 'NODE_OPTIONS'] as const;

/** Log levels a scheduled function accepts (Powertools `LOG_LEVEL`). */
export type ScheduledFunctionLogLevel = 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';

const LOG_LEVELS: readonly ScheduledFunctionLogLevel[] = ['DEBUG', 'INFO', 'WARN', 'ERROR'];

/** How long failed runs and undeliverable invocations wait in the dead-letter queue (the SQS maximum). */
export const DEAD_LETTER_RETENTION = Duration.days(14);

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
   * How often Lambda retries a failed asynchronous invocation (0 to 2). A scheduled run that spends
   * a request budget should not be retried; an event handler that only renders and publishes should.
   * @default 0
   */
  readonly retryAttempts?: number;

  /**
   * How long one run may take (at most 15 minutes).
   * @default Duration.minutes(5)
   */
  readonly timeout?: Duration;

  /**
   * A fixed name for the function's role, for roles in other accounts that trust exactly this
   * function (e.g. `<Client>-MonthlyReport`). Changing it replaces the role.
   * @default - a name CloudFormation generates
   */
  readonly roleName?: string;
}

/** Throws, naming the prop, when a property is out of range. */
export function validateProps(
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
  const retries = props.retryAttempts ?? 0;
  if (!(Number.isInteger(retries) && retries >= 0 && retries <= 2)) {
    throw new Error(`${where}: retryAttempts must be 0, 1 or 2, Lambda's limit for asynchronous invocations (received ${retries})`);
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
