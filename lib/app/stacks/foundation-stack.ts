import { Stack, StackProps } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { AlertNotifier, type AlertNotifierRef } from '../../../constructs/foundation/alert-notifier';
import { AlertTopic } from '../../../constructs/foundation/alert-topic';
import { ChatChannels, type SlackChannel, type TeamsChannel } from '../../../constructs/foundation/chat-channels';
import { PlatformKey } from '../../../constructs/foundation/platform-key';
import { BUDGETS_SERVICE_PRINCIPAL, budgetsSourceArnLike } from '../../../constructs/finops/budgets';
import { COST_ANOMALY_DETECTION_PRINCIPAL } from '../../../constructs/finops/anomaly-detection';
import { AccountConfig, ClientConfig } from '../../core/config/schema';
import { alertContacts } from '../../core/alerts/contacts';
import { finopsAlertTopicName, operationsDashboardUrl } from '../../core/naming';

/** Properties of {@link FoundationStack}. */
export interface FoundationStackProps extends StackProps {
  /** The validated client configuration. */
  readonly config: ClientConfig;
  /** The account this stack is deployed to. */
  readonly account: AccountConfig;
}

/** The alert topics of an account, by kind. */
export interface AlertTopics {
  /** CIS alarms, GuardDuty and Security Hub findings. */
  readonly security: sns.ITopic;
  /** Budgets, cost anomalies and the FinOps digest. */
  readonly finops: sns.ITopic;
  /** Backups and the platform's own health. */
  readonly operations: sns.ITopic;
}

/**
 * The first layer of every account, in its home region: the platform KMS key, the alert topics
 * that the other layers publish to, and the alert notifier that renders the event-driven alerts.
 */
export class FoundationStack extends Stack {
  /** The account's platform key (alert topics, platform log groups). */
  readonly platformKey: kms.IKey;
  /** The account's alert topics. */
  readonly alertTopics: AlertTopics;
  /** The platform key construct. */
  readonly platformKeyConstruct: PlatformKey;
  /** The account's alert notifier, which the other layers' rules target. */
  readonly alertNotifier: AlertNotifierRef;

  constructor(scope: Construct, id: string, props: FoundationStackProps) {
    super(scope, id, props);
    const { config, account } = props;
    const emails = config.notifications.emails;
    const company = config.client.displayName;

    const key = new PlatformKey(this, 'PlatformKey', {
      alias: `${config.client.name}/platform`,
      description: `${company}: landing zone platform key (alert topics, platform logs)`,
    });
    key.allowCloudWatchLogs();

    // CloudWatch alarms and EventBridge rules of the later layers publish to every topic; AWS
    // Budgets and Cost Anomaly Detection (created in the us-east-1 FinOps stack, which cannot
    // change this stack's policies) to the FinOps one, when the client uses them.
    const security = new AlertTopic(this, 'SecurityAlerts', {
      key,
      displayName: `${company} security alerts`,
      emails: emails.security,
      publishingServices: ['cloudwatch.amazonaws.com'],
    });
    const finops = new AlertTopic(this, 'FinOpsAlerts', {
      key,
      displayName: `${company} cost alerts`,
      emails: emails.finops,
      // Named, because the us-east-1 FinOps stack subscribes budgets and anomaly alerts by ARN.
      topicName: finopsAlertTopicName(config),
      publishingServices: ['cloudwatch.amazonaws.com'],
    });
    for (const service of billingServicesPublishingTo(config, props.account)) {
      // AWS Budgets documents the source ARN it publishes with; Cost Anomaly Detection documents
      // only the source account.
      finops.allowServiceToPublish(service, service === BUDGETS_SERVICE_PRINCIPAL ? { sourceArnLike: budgetsSourceArnLike(this) } : {});
    }
    const operations = new AlertTopic(this, 'OperationsAlerts', {
      key,
      displayName: `${company} operations alerts`,
      emails: emails.operations,
      publishingServices: ['cloudwatch.amazonaws.com'],
    });

    // Undelivered alerts are reported on another channel than the one that failed.
    security.alarmWhenUndelivered(operations.topic);
    finops.alarmWhenUndelivered(operations.topic);
    operations.alarmWhenUndelivered(security.topic);

    this.platformKey = key.key;
    this.platformKeyConstruct = key;

    this.alertTopics = { security: security.topic, finops: finops.topic, operations: operations.topic };

    const notifier = new AlertNotifier(this, 'AlertNotifier', {
      topics: this.alertTopics,
      key: key.key,
      settings: {
        language: config.client.language,
        client: company,
        accountName: account.name,
        accountId: account.id,
        region: account.homeRegion,
        contacts: alertContacts(config),
        runbookUrl: operationsDashboardUrl(config, account),
      },
      timeZone: config.client.timeZone,
    });
    this.alertNotifier = notifier.ref;

    // Chat in every account: each channel gets its topics (Chatbot subscribes topics of its own account).
    for (const channel of chatChannelGroups(config)) {
      new ChatChannels(this, channel.id, {
        topics: channel.topics.map((topic) => this.alertTopics[topic]),
        slack: channel.slack,
        teams: channel.teams,
      });
    }
  }
}

/**
 * The billing services that publish to an account's FinOps topic: AWS Budgets when the client has
 * budgets, Cost Anomaly Detection when it is on; both only in the billing account (the first),
 * where the FinOps stacks run.
 */
export function billingServicesPublishingTo(config: ClientConfig, account: AccountConfig): string[] {
  const finops = config.finops;
  if (!finops.enabled || account !== config.accounts[0]) return [];
  return [
    ...(finops.budgets.length > 0 ? [BUDGETS_SERVICE_PRINCIPAL] : []),
    ...(finops.anomalyDetection.enabled ? [COST_ANOMALY_DETECTION_PRINCIPAL] : []),
  ];
}

/** One chat channel of an account and the alert topics it posts. */
export interface ChatChannelGroup {
  /** Construct id: stable per channel. */
  readonly id: string;
  readonly topics: ReadonlyArray<keyof AlertTopics>;
  readonly slack?: SlackChannel;
  readonly teams?: TeamsChannel;
}

/**
 * The chat channels of the client file: the Slack channel with the topics it posts (a topic named
 * in `topicChannels` goes to that channel instead), and the Teams channel with its topics.
 */
export function chatChannelGroups(config: ClientConfig): ChatChannelGroup[] {
  const { slack, teams } = config.notifications;
  const groups: ChatChannelGroup[] = [];
  if (slack) {
    const byChannel = new Map<string, Array<keyof AlertTopics>>();
    for (const topic of slack.topics) {
      const channelId = slack.topicChannels?.[topic] ?? slack.channelId;
      byChannel.set(channelId, [...(byChannel.get(channelId) ?? []), topic]);
    }
    for (const [channelId, topics] of byChannel) {
      groups.push({ id: `Slack${channelId}`, topics, slack: { workspaceId: slack.workspaceId, channelId } });
    }
  }
  if (teams) {
    groups.push({
      id: 'Teams',
      topics: teams.topics,
      // AWS Chatbot wants the channel id URL-encoded; Teams copies it plain.
      teams: { ...teams, channelId: teams.channelId.replace(/^19:/, '19%3a').replace(/@thread/, '%40thread') },
    });
  }
  return groups;
}
