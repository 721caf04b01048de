import { ConditionalCheckFailedException, DynamoDBClient, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
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
   * a repeat at the same or a lower severity. `previousRank` tells a first alert from a rise.
   */
  async shouldAlert(key: string, rank: number): Promise<{ alert: boolean; rose: boolean }> {
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
      return { alert: true, rose: output.Attributes?.severityRank !== undefined };
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return { alert: false, rose: false };
      throw error;
    }
  }
}
