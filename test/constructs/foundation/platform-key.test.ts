import { Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { PlatformKey } from '../../../constructs/foundation/platform-key';

function newStack(): Stack {
  return new Stack(undefined, 'Test', { env: { account: '123456789012', region: 'eu-west-1' } });
}

describe('PlatformKey', () => {
  test('is a rotated customer-managed key, retained on delete, with a 30-day deletion window', () => {
    const stack = newStack();
    new PlatformKey(stack, 'Key', { alias: 'acme/platform' });

    const template = Template.fromStack(stack);
    template.hasResource('AWS::KMS::Key', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: Match.objectLike({ EnableKeyRotation: true, PendingWindowInDays: 30 }),
    });
    template.hasResourceProperties('AWS::KMS::Alias', { AliasName: 'alias/acme/platform' });
  });

  test('lets a service encrypt only when asked, once per service', () => {
    const stack = newStack();
    const key = new PlatformKey(stack, 'Key');
    key.allowServiceToEncrypt('cloudwatch.amazonaws.com');
    key.allowServiceToEncrypt('cloudwatch.amazonaws.com');

    const statements = Template.fromStack(stack).findResources('AWS::KMS::Key');
    const policy = Object.values(statements)[0].Properties.KeyPolicy.Statement as Array<Record<string, any>>;
    const forCloudWatch = policy.filter((s) => s.Principal?.Service === 'cloudwatch.amazonaws.com');
    expect(forCloudWatch).toEqual([
      expect.objectContaining({ Effect: 'Allow', Action: ['kms:GenerateDataKey*', 'kms:Decrypt'], Resource: '*' }),
    ]);
  });

  test('lets CloudWatch Logs use the key only for log groups of its own account and region', () => {
    const stack = newStack();
    new PlatformKey(stack, 'Key').allowCloudWatchLogs();

    Template.fromStack(stack).hasResourceProperties('AWS::KMS::Key', {
      KeyPolicy: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Principal: { Service: 'logs.eu-west-1.amazonaws.com' },
            Condition: {
              ArnLike: {
                'kms:EncryptionContext:aws:logs:arn': {
                  'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':logs:eu-west-1:123456789012:log-group:*']],
                },
              },
            },
          }),
        ]),
      },
    });
  });

  test.each([6, 31, 7.5])('rejects a deletion window of %s days', (days) => {
    expect(() => new PlatformKey(newStack(), 'Key', { pendingWindowDays: days })).toThrow(
      /pendingWindowDays must be a whole number from 7 to 30 \(received/,
    );
  });
});
