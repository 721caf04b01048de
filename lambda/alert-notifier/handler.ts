import { Logger } from '@aws-lambda-powertools/logger';
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  ALERT_NOTIFIER_SETTINGS_ENV,
  ALERT_NOTIFIER_TABLE_ENV,
  parseAlertNotifierSettings,
  type AlertNotifierSettings,
} from '../../lib/core/alerts/notifier-settings';
import { renderAlert, snsMessage, type Alert, type AlertTopicName } from '../../lib/core/alerts/render';
import { sdkClientOptions } from '../shared/sdk-client-options';
import { createDynamoDbClient, FindingMemory } from './dedupe';
import { dedupeKey, parseEvent, severityRank, type EventBridgeEnvelope } from './parse';
import { listPendingSubscriptions, publishPendingCounts } from './subscriptions';

/**
 * The alert notifier: EventBridge rules of the account deliver findings, triage calls and the
 * other regions' alarms here; it renders each as an alert in the client's language (email text and
 * a chat custom notification in one SNS message per protocol) and publishes it to the right topic.
 * Findings alert once, and again only when their severity rises.
 *
 * Once a day (its schedule) it checks the alert topics for subscriptions nobody confirmed: it
 * publishes their count per topic for the operations dashboard and reports each address once.
 *
 * Environment: `ALERT_NOTIFIER_SETTINGS` (JSON, lib/core/alerts/notifier-settings.ts),
 * `ALERT_NOTIFIER_TABLE` (the deduplication table), `POWERTOOLS_SERVICE_NAME`, `LOG_LEVEL`.
 */

const logger = new Logger();

/** What the handler depends on; tests replace the clients. */
export interface HandlerDependencies {
  readonly sns: SNSClient;
  readonly dynamoDb: DynamoDBClient;
  readonly cloudWatch: CloudWatchClient;
  readonly env: NodeJS.ProcessEnv;
  readonly logger: Logger;
  readonly now?: () => Date;
}

/** What one alert invocation did. */
export interface NotifierResult {
  readonly sent: boolean;
  readonly kind: string;
  readonly id: string;
  readonly messageId?: string;
}

/** What one daily subscription check found and reported. */
export interface SubscriptionCheckResult {
  readonly pending: number;
  readonly reported: number;
}

/** A scheduled run (EventBridge Scheduler sends no EventBridge envelope). */
const isScheduledRun = (event: unknown): boolean => typeof event !== 'object' || event === null || !('detail-type' in event);

let cachedSettings: { readonly raw: string | undefined; readonly settings: AlertNotifierSettings } | undefined;

function settingsFrom(env: NodeJS.ProcessEnv): AlertNotifierSettings {
  const raw = env[ALERT_NOTIFIER_SETTINGS_ENV];
  if (cachedSettings === undefined || cachedSettings.raw !== raw) cachedSettings = { raw, settings: parseAlertNotifierSettings(raw) };
  return cachedSettings.settings;
}

/** Builds a handler over the given dependencies. */
export function createHandler(
  deps: HandlerDependencies,
): (event: EventBridgeEnvelope | Record<string, never>) => Promise<NotifierResult | SubscriptionCheckResult> {
  return async (event) => {
    const settings = settingsFrom(deps.env);
    const tableName = deps.env[ALERT_NOTIFIER_TABLE_ENV];
    if (!tableName) throw new Error(`${ALERT_NOTIFIER_TABLE_ENV} is not set: it must name the table that remembers alerted findings`);
    const memory = new FindingMemory(deps.dynamoDb, tableName, deps.now);
    const publish = async (alert: Alert, severityRose: boolean) => {
      const rendered = renderAlert(alert, {
        language: settings.language,
        client: settings.client,
        accountName: settings.accountName,
        contacts: settings.contacts,
        runbookUrl: settings.runbookUrl,
        severityRose,
      });
      const output = await deps.sns.send(new PublishCommand({ TopicArn: settings.topics[rendered.topic], ...snsMessage(rendered) }));
      deps.logger.info('alert sent', { kind: alert.kind, id: alert.id, topic: rendered.topic, messageId: output.MessageId });
      return output.MessageId;
    };

    if (isScheduledRun(event)) return checkSubscriptions(deps, settings, memory, publish);

    // An event that is not understood fails the invocation: it lands in the dead-letter queue and
    // its alarm fires, instead of vanishing.
    const alert = parseEvent(event as EventBridgeEnvelope);
    const key = dedupeKey(alert);
    if (key === undefined) {
      const messageId = await publish(alert, false);
      return { sent: true, kind: alert.kind, id: alert.id, messageId };
    }
    const rank = severityRank(alert.severity);
    const decision = await memory.shouldAlert(key, rank);
    if (!decision.alert) {
      deps.logger.info('finding already alerted at this severity or higher', { kind: alert.kind, id: alert.id, severity: alert.severity });
      return { sent: false, kind: alert.kind, id: alert.id };
    }
    try {
      const messageId = await publish(alert, decision.rose);
      return { sent: true, kind: alert.kind, id: alert.id, messageId };
    } catch (error) {
      // Not sent: undo the claim, so that Lambda's retry alerts instead of skipping the finding.
      await memory.release(key, rank, decision.previousRank);
      throw error;
    }
  };
}

async function checkSubscriptions(
  deps: HandlerDependencies,
  settings: AlertNotifierSettings,
  memory: FindingMemory,
  publish: (alert: Alert, severityRose: boolean) => Promise<string | undefined>,
): Promise<SubscriptionCheckResult> {
  const now = (deps.now ?? (() => new Date()))();
  const pending = await listPendingSubscriptions(deps.sns, settings.topics);
  await publishPendingCounts(deps.cloudWatch, Object.keys(settings.topics) as AlertTopicName[], pending, now);
  let reported = 0;
  for (const topic of Object.keys(settings.topics) as AlertTopicName[]) {
    const endpoints: string[] = [];
    const claimed: string[] = [];
    for (const subscription of pending.filter((s) => s.topic === topic)) {
      // Each address once (remembered like a finding, rank 0, for 90 days).
      const key = `pending/${topic}/${subscription.protocol}/${subscription.endpoint}`;
      const decision = await memory.shouldAlert(key, 0);
      if (decision.alert) {
        endpoints.push(`${subscription.endpoint} (${subscription.protocol})`);
        claimed.push(key);
      }
    }
    if (endpoints.length === 0) continue;
    const report = {
      kind: 'pending-subscriptions' as const,
      facts: { topic, endpoints },
      severity: 'HIGH' as const,
      accountId: settings.accountId,
      region: settings.region,
      time: now.toISOString(),
      consoleUrl: `https://console.aws.amazon.com/sns/v3/home?region=${settings.region}#/topic/${settings.topics[topic]}`,
      id: `pending/${topic}/${now.toISOString().slice(0, 10)}`,
    };
    try {
      await publish(report, false);
    } catch (error) {
      // Not sent: the addresses are reported again by the retry or the next day's check.
      for (const key of claimed) await memory.release(key, 0, undefined);
      throw error;
    }
    reported += endpoints.length;
  }
  deps.logger.info('subscription check', { pending: pending.length, reported });
  return { pending: pending.length, reported };
}

/** The Lambda entry point. */
export const handler = createHandler({
  sns: new SNSClient(sdkClientOptions({})),
  dynamoDb: createDynamoDbClient(),
  cloudWatch: new CloudWatchClient(sdkClientOptions({})),
  env: process.env,
  logger,
});
