import { CloudWatchClient, PutMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { ListSubscriptionsByTopicCommand, type SNSClient } from '@aws-sdk/client-sns';
import type { AlertTopicName } from '../../lib/core/alerts/render';
import { PENDING_SUBSCRIPTIONS_METRIC } from '../../lib/core/alerts/metrics';

/** SNS's marker for a subscription whose endpoint has not confirmed it yet. */
const PENDING = 'PendingConfirmation';

/** One subscription still waiting for its owner's confirmation. */
export interface PendingSubscription {
  readonly topic: AlertTopicName;
  readonly protocol: string;
  readonly endpoint: string;
}

/** Every subscription of `topics` that is still pending confirmation (all pages). */
export async function listPendingSubscriptions(
  sns: SNSClient,
  topics: Readonly<Record<AlertTopicName, string>>,
): Promise<PendingSubscription[]> {
  const pending: PendingSubscription[] = [];
  for (const [topic, topicArn] of Object.entries(topics) as Array<[AlertTopicName, string]>) {
    let nextToken: string | undefined;
    do {
      const page = await sns.send(new ListSubscriptionsByTopicCommand({ TopicArn: topicArn, NextToken: nextToken }));
      for (const subscription of page.Subscriptions ?? []) {
        if (subscription.SubscriptionArn === PENDING) {
          pending.push({ topic, protocol: subscription.Protocol ?? 'unknown', endpoint: subscription.Endpoint ?? 'unknown' });
        }
      }
      nextToken = page.NextToken;
    } while (nextToken);
  }
  return pending;
}

/** Publishes the count per topic (0 included, so the dashboard shows a confirmed state too). */
export async function publishPendingCounts(
  cloudWatch: CloudWatchClient,
  topics: readonly AlertTopicName[],
  pending: readonly PendingSubscription[],
  now: Date,
): Promise<void> {
  await cloudWatch.send(
    new PutMetricDataCommand({
      Namespace: PENDING_SUBSCRIPTIONS_METRIC.namespace,
      MetricData: topics.map((topic) => ({
        MetricName: PENDING_SUBSCRIPTIONS_METRIC.metricName,
        Dimensions: [{ Name: PENDING_SUBSCRIPTIONS_METRIC.dimension, Value: topic }],
        Timestamp: now,
        Unit: 'Count',
        Value: pending.filter((subscription) => subscription.topic === topic).length,
      })),
    }),
  );
}
