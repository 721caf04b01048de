import { ConditionalCheckFailedException, DeleteItemCommand, DynamoDBClient, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { sdkClientOptions } from '../shared/sdk-client-options';

/** How long a finding is remembered after its last alert: findings older than this alert again. */
export const REMEMBER_DAYS = 90;

/** A DynamoDB client for the notifier (the SDK's standard retries apply). */
export function createDynamoDbClient(): DynamoDBClient {
  return new DynamoDBClient(sdkClientOptions({}));
}

/**
 * Remembers the highest severity each finding was alerted with, in one DynamoDB table (partition
 * key `pk`, TTL attribute `expiresAt`). `shouldAlert` is one conditional write, so two deliveries
 * of the same finding at the same time alert once.
 */
export class FindingMemory {
  constructor(
    private readonly client: DynamoDBClient,
    private readonly tableName: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /**
   * True, and remembered, when the finding was never alerted or its severity rank rose; false for
   * a repeat at the same or a lower severity. `previousRank` (undefined for a first alert) lets
   * {@link release} undo the claim when the alert could not be sent.
   */
  async shouldAlert(key: string, rank: number): Promise<{ alert: boolean; rose: boolean; previousRank?: number }> {
    const expiresAt = Math.floor(this.now().getTime() / 1000) + REMEMBER_DAYS * 24 * 3600;
    try {
      const output = await this.client.send(
        new UpdateItemCommand({
          TableName: this.tableName,
          Key: { pk: { S: key } },
          UpdateExpression: 'SET severityRank = :rank, expiresAt = :expiresAt',
          ConditionExpression: 'attribute_not_exists(pk) OR severityRank < :rank',
          ExpressionAttributeValues: { ':rank': { N: String(rank) }, ':expiresAt': { N: String(expiresAt) } },
          ReturnValues: 'UPDATED_OLD',
        }),
      );
      const previous = output.Attributes?.severityRank?.N;
      return previous === undefined ? { alert: true, rose: false } : { alert: true, rose: true, previousRank: Number(previous) };
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return { alert: false, rose: false };
      throw error;
    }
  }

  /**
   * Undoes {@link shouldAlert}'s claim after the alert could not be published, so that the retry
   * (Lambda retries a failed invocation twice) alerts instead of taking the finding for done. Only
   * if nobody has raised the rank since: a conditional write again.
   */
  async release(key: string, rank: number, previousRank: number | undefined): Promise<void> {
    const unchanged = { ConditionExpression: 'severityRank = :rank', ExpressionAttributeValues: { ':rank': { N: String(rank) } } };
    try {
      if (previousRank === undefined) {
        await this.client.send(new DeleteItemCommand({ TableName: this.tableName, Key: { pk: { S: key } }, ...unchanged }));
      } else {
        await this.client.send(
          new UpdateItemCommand({
            TableName: this.tableName,
            Key: { pk: { S: key } },
            UpdateExpression: 'SET severityRank = :previous',
            ...unchanged,
            ExpressionAttributeValues: { ...unchanged.ExpressionAttributeValues, ':previous': { N: String(previousRank) } },
          }),
        );
      }
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  }
}
