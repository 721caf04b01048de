import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { flowLogDeliveryStatements } from '../../../constructs/network/flow-log-delivery';
import { LogArchive } from '../../../constructs/security/log-archive';
import { nagFindings } from '../../nag';

const ENV = { account: '123456789012', region: 'eu-west-1' };
const PARTITION = { Ref: 'AWS::Partition' };

function newStack(app = new App()): Stack {
  return new Stack(app, 'Security', { env: ENV });
}

describe('flowLogDeliveryStatements', () => {
  test("admits the log delivery service for the account's flow logs of any region by default", () => {
    const stack = newStack();
    const bucket = s3.Bucket.fromBucketName(stack, 'Archive', 'acme-log-archive');

    const { bucketStatements, keyStatements } = flowLogDeliveryStatements({ bucket });

    const fromAccount = {
      StringEquals: { 'aws:SourceAccount': '123456789012' },
      ArnLike: { 'aws:SourceArn': { 'Fn::Join': ['', ['arn:', PARTITION, ':logs:*:123456789012:*']] } },
    };
    expect(bucketStatements.map((statement) => stack.resolve(statement.toStatementJson()))).toEqual([
      {
        Sid: 'AWSLogDeliveryWrite',
        Effect: 'Allow',
        Principal: { Service: 'delivery.logs.amazonaws.com' },
        Action: 's3:PutObject',
        Resource: { 'Fn::Join': ['', ['arn:', PARTITION, ':s3:::acme-log-archive/AWSLogs/123456789012/*']] },
        Condition: {
          StringEquals: { 'aws:SourceAccount': '123456789012', 's3:x-amz-acl': 'bucket-owner-full-control' },
          ArnLike: fromAccount.ArnLike,
        },
      },
      {
        Sid: 'AWSLogDeliveryAclCheck',
        Effect: 'Allow',
        Principal: { Service: 'delivery.logs.amazonaws.com' },
        Action: ['s3:GetBucketAcl', 's3:ListBucket'],
        Resource: { 'Fn::Join': ['', ['arn:', PARTITION, ':s3:::acme-log-archive']] },
        Condition: fromAccount,
      },
    ]);
    expect(keyStatements.map((statement) => stack.resolve(statement.toStatementJson()))).toEqual([
      {
        Sid: 'AllowLogDeliveryToUseTheKey',
        Effect: 'Allow',
        Principal: { Service: 'delivery.logs.amazonaws.com' },
        Action: ['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:DescribeKey'],
        Resource: '*',
        Condition: fromAccount,
      },
    ]);
  });

  test('narrows the source to the given regions and account', () => {
    const stack = newStack();
    const bucket = s3.Bucket.fromBucketName(stack, 'Archive', 'acme-log-archive');

    const { bucketStatements, keyStatements } = flowLogDeliveryStatements({
      bucket,
      accounts: ['210987654321'],
      regions: ['eu-west-1', 'eu-central-1'],
    });

    const sourceArns = ['eu-west-1', 'eu-central-1'].map((region) => ({
      'Fn::Join': ['', ['arn:', PARTITION, `:logs:${region}:210987654321:*`]],
    }));
    for (const statement of [...bucketStatements, ...keyStatements].map((s) => stack.resolve(s.toStatementJson()))) {
      expect(statement.Condition.ArnLike).toEqual({ 'aws:SourceArn': sourceArns });
      expect(statement.Condition.StringEquals['aws:SourceAccount']).toBe('210987654321');
    }
    expect(stack.resolve(bucketStatements[0].toStatementJson()).Resource).toEqual({
      'Fn::Join': ['', ['arn:', PARTITION, ':s3:::acme-log-archive/AWSLogs/210987654321/*']],
    });
  });

  test('lets VPC flow logs deliver into a LogArchive, which still passes all five compliance packs', () => {
    // given
    const app = new App();
    const stack = newStack(app);
    const archive = new LogArchive(stack, 'LogArchive', { bucketName: 'acme-log-archive' });

    // when
    const { bucketStatements, keyStatements } = flowLogDeliveryStatements({
      bucket: archive.bucket,
      regions: ['eu-west-1', 'eu-central-1'],
    });
    for (const statement of bucketStatements) archive.bucket.addToResourcePolicy(statement);
    for (const statement of keyStatements) archive.key.addToResourcePolicy(statement);

    // then
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          // the archive's TLS-only statement is still there, first
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          Match.objectLike({ Sid: 'AWSLogDeliveryWrite', Principal: { Service: 'delivery.logs.amazonaws.com' }, Action: 's3:PutObject' }),
          Match.objectLike({
            Sid: 'AWSLogDeliveryAclCheck',
            Principal: { Service: 'delivery.logs.amazonaws.com' },
            Action: ['s3:GetBucketAcl', 's3:ListBucket'],
          }),
        ]),
      },
    });
    template.hasResourceProperties('AWS::KMS::Key', {
      KeyPolicy: {
        Statement: Match.arrayWith([
          Match.objectLike({ Sid: 'AllowLogDeliveryToUseTheKey', Principal: { Service: 'delivery.logs.amazonaws.com' } }),
        ]),
      },
    });
    expect(nagFindings(app)).toEqual([]);
  });

  test('admits every account of an organization into one archive', () => {
    const stack = newStack();
    const bucket = s3.Bucket.fromBucketName(stack, 'Archive', 'acme-log-archive');
    const { bucketStatements } = flowLogDeliveryStatements({ bucket, accounts: ['210987654321', '310987654321'], regions: ['eu-west-1'] });
    const write = stack.resolve(bucketStatements[0].toStatementJson());
    expect(write.Condition.StringEquals['aws:SourceAccount']).toEqual(['210987654321', '310987654321']);
    expect(write.Resource).toHaveLength(2);
    expect(write.Condition.ArnLike['aws:SourceArn']).toHaveLength(2);
  });

  test.each([
    [{ regions: [] }, /regions must list at least one region, or be left out for any region \(received an empty list\)/],
    [{ regions: ['eu-west-1', 'Ireland'] }, /regions contains "Ireland", which is not a region name such as eu-west-1/],
    [{ accounts: ['1234'] }, /accounts must be 12-digit AWS account ids \(received "1234"\)/],
    [{ accounts: [] }, /accounts must list at least one account/],
  ])('rejects %j', (options, error) => {
    const stack = newStack();
    const bucket = s3.Bucket.fromBucketName(stack, 'Archive', 'acme-log-archive');
    expect(() => flowLogDeliveryStatements({ bucket, ...options })).toThrow(error);
  });
});
