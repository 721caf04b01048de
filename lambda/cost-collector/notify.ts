import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import type { Digest } from './digest';
import { sdkClientOptions } from '../shared/sdk-client-options';

/**
 * Thin SNS adapter: sends the budget digest to the FinOps topic, one message per protocol (email
 * subscribers get the text, the chat subscription, protocol https, the custom notification).
 */

/** An SNS client for the collector (the SDK's standard retries apply). */
export function createSnsClient(): SNSClient {
  return new SNSClient(sdkClientOptions({}));
}

/** Sends digests to one topic. */
export class DigestNotifier {
  constructor(
    private readonly client: SNSClient,
    private readonly topicArn: string,
  ) {}

  /** Publishes the digest; returns the SNS message id. */
  async send(digest: Digest): Promise<string | undefined> {
    const output = await this.client.send(
      new PublishCommand({
        TopicArn: this.topicArn,
        Subject: digest.subject,
        MessageStructure: 'json',
        Message: JSON.stringify({ default: digest.message, email: digest.message, https: JSON.stringify(digest.chat) }),
      }),
    );
    return output.MessageId;
  }
}
