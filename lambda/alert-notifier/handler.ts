import { Logger } from '@aws-lambda-powertools/logger';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  ALERT_NOTIFIER_SETTINGS_ENV,
  ALERT_NOTIFIER_TABLE_ENV,
  parseAlertNotifierSettings,
  type AlertNotifierSettings,
} from '../../lib/core/alerts/notifier-settings';
import { renderAlert, snsMessage } from '../../lib/core/alerts/render';
import { sdkClientOptions } from '../shared/sdk-client-options';
import { createDynamoDbClient, FindingMemory } from './dedupe';
import { dedupeKey, parseEvent, severityRank, type EventBridgeEnvelope } from './parse';

/**
 * The alert notifier: EventBridge rules of the account deliver findings, triage calls and the
 * other regions' alarms here; it renders each as an alert in the client's language (email text and
 * a chat custom notification in one SNS message per protocol) and publishes it to the right topic.
 * Findings alert once, and again only when their severity rises.
 *
 * Environment: `ALERT_NOTIFIER_SETTINGS` (JSON, lib/core/alerts/notifier-settings.ts),
 * `ALERT_NOTIFIER_TABLE` (the deduplication table), `POWERTOOLS_SERVICE_NAME`, `LOG_LEVEL`.
 */

const logger = new Logger();

/** What the handler depends on; tests replace the clients. */
export interface HandlerDependencies {
  readonly sns: SNSClient;
  readonly dynamoDb: DynamoDBClient;
  readonly env: NodeJS.ProcessEnv;
  readonly logger: Logger;
  readonly now?: () => Date;
}

/** What one invocation did. */
export interface NotifierResult {
  readonly sent: boolean;
  readonly kind: string;
  readonly id: string;
  readonly messageId?: string;
}

let cachedSettings: { readonly raw: string | undefined; readonly settings: AlertNotifierSettings } | undefined;

function settingsFrom(env: NodeJS.ProcessEnv): AlertNotifierSettings {
  const raw = env[ALERT_NOTIFIER_SETTINGS_ENV];
  if (cachedSettings === undefined || cachedSettings.raw !== raw) cachedSettings = { raw, settings: parseAlertNotifierSettings(raw) };
  return cachedSettings.settings;
}

/** Builds a handler over the given dependencies. */
export function createHandler(deps: HandlerDependencies): (event: EventBridgeEnvelope) => Promise<NotifierResult> {
  return async (event) => {
    const settings = settingsFrom(deps.env);
    const tableName = deps.env[ALERT_NOTIFIER_TABLE_ENV];
    if (!tableName) throw new Error(`${ALERT_NOTIFIER_TABLE_ENV} is not set: it must name the table that remembers alerted findings`);
    // An event that is not understood fails the invocation: it lands in the dead-letter queue and
    // its alarm fires, instead of vanishing.
    const alert = parseEvent(event);

    let severityRose = false;
    const key = dedupeKey(alert);
    if (key !== undefined) {
      const memory = new FindingMemory(deps.dynamoDb, tableName, deps.now);
      const decision = await memory.shouldAlert(key, severityRank(alert.severity));
      if (!decision.alert) {
        deps.logger.info('finding already alerted at this severity or higher', {
          kind: alert.kind,
          id: alert.id,
          severity: alert.severity,
        });
        return { sent: false, kind: alert.kind, id: alert.id };
      }
      severityRose = decision.rose;
    }

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
    return { sent: true, kind: alert.kind, id: alert.id, messageId: output.MessageId };
  };
}

/** The Lambda entry point. */
export const handler = createHandler({
  sns: new SNSClient(sdkClientOptions({})),
  dynamoDb: createDynamoDbClient(),
  env: process.env,
  logger,
});
