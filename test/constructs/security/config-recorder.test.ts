import { App, CfnElement, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as config from 'aws-cdk-lib/aws-config';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { IConstruct } from 'constructs';
import { ConfigRecorder, ConfigRecorderProps, RecordingFrequency } from '../../../constructs/security/config-recorder';
import { nagFindings } from '../../nag';

function newStack(region = 'eu-west-1', app?: App): Stack {
  return new Stack(app, 'Test', { env: { account: '123456789012', region } });
}

/** A stack with a KMS-encrypted bucket, standing in for the log archive. */
function setup(props: Partial<ConfigRecorderProps> = {}, region = 'eu-west-1') {
  const stack = newStack(region);
  const key = new kms.Key(stack, 'LogKey', { enableKeyRotation: true, removalPolicy: RemovalPolicy.RETAIN });
  const bucket = new s3.Bucket(stack, 'Logs', { encryption: s3.BucketEncryption.KMS, encryptionKey: key, enforceSSL: true });
  const recorder = new ConfigRecorder(stack, 'Config', { deliveryBucket: bucket, deliveryKey: key, recordGlobalResources: true, ...props });
  return { stack, key, bucket, recorder, template: Template.fromStack(stack) };
}

/** Logical id of a construct's CloudFormation resource (or of the resource itself). */
function logicalId(stack: Stack, construct: IConstruct): string {
  return stack.getLogicalId((construct instanceof CfnElement ? construct : construct.node.defaultChild) as CfnElement);
}

describe('ConfigRecorder', () => {
  test('records all supported resource types continuously, with global resources when asked', () => {
    const { template } = setup();
    template.hasResourceProperties('AWS::Config::ConfigurationRecorder', {
      RecordingGroup: { AllSupported: true, IncludeGlobalResourceTypes: true },
      RecordingMode: { RecordingFrequency: 'CONTINUOUS' },
    });
  });

  test('leaves global resources to the home region', () => {
    const { template } = setup({ recordGlobalResources: false });
    template.hasResourceProperties('AWS::Config::ConfigurationRecorder', {
      RecordingGroup: { AllSupported: true, IncludeGlobalResourceTypes: false },
    });
  });

  test('records daily when asked', () => {
    const { template } = setup({ recordingFrequency: 'DAILY' });
    template.hasResourceProperties('AWS::Config::ConfigurationRecorder', { RecordingMode: { RecordingFrequency: 'DAILY' } });
  });

  test('delivers daily snapshots to the bucket, encrypted with its key, after the recorder exists', () => {
    const { stack, template, bucket, key, recorder } = setup();
    template.hasResource('AWS::Config::DeliveryChannel', {
      Properties: {
        S3BucketName: { Ref: logicalId(stack, bucket) },
        S3KmsKeyArn: { 'Fn::GetAtt': [logicalId(stack, key), 'Arn'] },
        ConfigSnapshotDeliveryProperties: { DeliveryFrequency: 'TwentyFour_Hours' },
      },
      DependsOn: Match.arrayWith([logicalId(stack, recorder.recorder)]),
    });
  });

  test('takes another snapshot frequency', () => {
    const { template } = setup({ deliveryFrequency: config.MaximumExecutionFrequency.SIX_HOURS });
    template.hasResourceProperties('AWS::Config::DeliveryChannel', {
      ConfigSnapshotDeliveryProperties: { DeliveryFrequency: 'Six_Hours' },
    });
  });

  test('starts the recorder only once its role may write to the bucket', () => {
    const { stack, template, recorder } = setup();
    const policyId = logicalId(stack, recorder.node.findChild('DeliveryPolicy').node.findChild('Resource'));
    template.hasResource('AWS::Config::ConfigurationRecorder', { DependsOn: Match.arrayWith([policyId]) });
  });

  test("lets only this account's Config in this region assume the role, with the AWS managed read policy", () => {
    const { stack, template, recorder } = setup();
    expect(recorder.role).toBeDefined();
    template.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: {
        Statement: [
          {
            Action: 'sts:AssumeRole',
            Effect: 'Allow',
            Principal: { Service: 'config.amazonaws.com' },
            Condition: {
              StringEquals: { 'aws:SourceAccount': '123456789012' },
              ArnLike: { 'aws:SourceArn': { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':config:eu-west-1:123456789012:*']] } },
            },
          },
        ],
      },
      ManagedPolicyArns: [{ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::aws:policy/service-role/AWS_ConfigRole']] }],
    });
    template.hasResourceProperties('AWS::Config::ConfigurationRecorder', {
      RoleARN: { 'Fn::GetAtt': [logicalId(stack, recorder.role), 'Arn'] },
    });
  });

  test("may write only under the account's Config prefix, as bucket owner, and use the key only through S3", () => {
    const { stack, template, bucket, key, recorder } = setup();
    const bucketArn = { 'Fn::GetAtt': [logicalId(stack, bucket), 'Arn'] };
    template.hasResourceProperties('AWS::IAM::ManagedPolicy', {
      Roles: [{ Ref: logicalId(stack, recorder.role) }],
      PolicyDocument: {
        // Exactly these statements: nothing else is granted.
        Statement: [
          {
            Sid: 'DeliverToLogArchive',
            Effect: 'Allow',
            Action: 's3:PutObject',
            Resource: { 'Fn::Join': ['', [bucketArn, '/AWSLogs/123456789012/Config/*']] },
            Condition: { StringEquals: { 's3:x-amz-acl': 'bucket-owner-full-control' } },
          },
          { Sid: 'CheckBucketAcl', Effect: 'Allow', Action: 's3:GetBucketAcl', Resource: bucketArn },
          {
            Sid: 'EncryptThroughS3',
            Effect: 'Allow',
            Action: ['kms:GenerateDataKey', 'kms:Decrypt'],
            Resource: { 'Fn::GetAtt': [logicalId(stack, key), 'Arn'] },
            Condition: { StringEquals: { 'kms:ViaService': 's3.eu-west-1.amazonaws.com' } },
          },
        ],
      },
    });
    // No inline policy beside it.
    template.resourceCountIs('AWS::IAM::Policy', 0);
  });

  test('grants no KMS permission and sets no key without a delivery key', () => {
    // given
    const stack = newStack();
    const bucket = new s3.Bucket(stack, 'Logs', { encryption: s3.BucketEncryption.S3_MANAGED });

    // when
    new ConfigRecorder(stack, 'Config', { deliveryBucket: bucket, recordGlobalResources: true });

    // then
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::Config::DeliveryChannel', { S3KmsKeyArn: Match.absent() });
    const policy = Object.values(template.findResources('AWS::IAM::ManagedPolicy'))[0];
    expect(policy.Properties.PolicyDocument.Statement.map((s: any) => s.Sid)).toEqual(['DeliverToLogArchive', 'CheckBucketAcl']);
  });

  test("delivers from another region to the home region's bucket and key, imported by name and ARN", () => {
    // given
    const stack = newStack('eu-central-1');
    const bucket = s3.Bucket.fromBucketName(stack, 'Logs', 'lz-logs-123456789012-eu-west-1');
    const key = kms.Key.fromKeyArn(stack, 'LogKey', 'arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab');

    // when
    new ConfigRecorder(stack, 'Config', {
      deliveryBucket: bucket,
      deliveryBucketRegion: 'eu-west-1',
      deliveryKey: key,
      recordGlobalResources: false,
    });

    // then
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::Config::DeliveryChannel', {
      S3BucketName: 'lz-logs-123456789012-eu-west-1',
      S3KmsKeyArn: 'arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab',
    });
    template.hasResourceProperties('AWS::IAM::ManagedPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Sid: 'EncryptThroughS3', Condition: { StringEquals: { 'kms:ViaService': 's3.eu-west-1.amazonaws.com' } } }),
        ]),
      },
    });
  });

  test('is compliant with an imported bucket too (the wildcard acknowledgement follows the bucket)', () => {
    const app = new App();
    const stack = newStack('eu-central-1', app);
    const bucket = s3.Bucket.fromBucketName(stack, 'Logs', 'lz-logs-123456789012-eu-west-1');
    new ConfigRecorder(stack, 'Config', { deliveryBucket: bucket, deliveryBucketRegion: 'eu-west-1', recordGlobalResources: false });
    expect(nagFindings(app)).toEqual([]);
  });

  test("may use the bucket's default key of another region only through S3, only for that bucket", () => {
    // given: a stack in another region that cannot know the log archive key's ARN
    const app = new App();
    const stack = newStack('eu-central-1', app);
    const bucket = s3.Bucket.fromBucketName(stack, 'Logs', 'lz-logs-123456789012-eu-west-1');

    // when
    new ConfigRecorder(stack, 'Config', {
      deliveryBucket: bucket,
      deliveryBucketRegion: 'eu-west-1',
      deliveryBucketDefaultKmsKey: true,
      recordGlobalResources: false,
    });

    // then
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::Config::DeliveryChannel', {
      S3BucketName: 'lz-logs-123456789012-eu-west-1',
      S3KmsKeyArn: Match.absent(),
    });
    template.hasResourceProperties('AWS::IAM::ManagedPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Sid: 'EncryptWithBucketDefaultKey',
            Action: ['kms:GenerateDataKey', 'kms:Decrypt'],
            Resource: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':kms:eu-west-1:123456789012:key/*']] },
            Condition: {
              StringEquals: { 'kms:ViaService': 's3.eu-west-1.amazonaws.com' },
              StringLike: { 'kms:EncryptionContext:aws:s3:arn': Match.anyValue() },
            },
          }),
        ]),
      },
    });
    expect(nagFindings(app)).toEqual([]);
  });

  test('rejects both a delivery key and the bucket-default-key mode', () => {
    const stack = newStack();
    const key = new kms.Key(stack, 'LogKey');
    const bucket = new s3.Bucket(stack, 'Logs');
    expect(
      () =>
        new ConfigRecorder(stack, 'Config', {
          deliveryBucket: bucket,
          deliveryKey: key,
          deliveryBucketDefaultKmsKey: true,
          recordGlobalResources: true,
        }),
    ).toThrow(/give either deliveryKey or deliveryBucketDefaultKmsKey, not both/);
  });

  test('exposes whether it records global resources', () => {
    expect(setup({ recordGlobalResources: false }).recorder.recordsGlobalResources).toBe(false);
    expect(setup().recorder.recordsGlobalResources).toBe(true);
  });

  test('rejects an unknown recording frequency', () => {
    expect(() => setup({ recordingFrequency: 'HOURLY' as RecordingFrequency })).toThrow(
      /recordingFrequency must be CONTINUOUS or DAILY \(received "HOURLY"\)/,
    );
  });

  test('rejects an unknown snapshot frequency', () => {
    expect(() => setup({ deliveryFrequency: 'Weekly' as config.MaximumExecutionFrequency })).toThrow(
      /deliveryFrequency must be one of One_Hour, .*TwentyFour_Hours \(received "Weekly"\)/,
    );
  });

  test('rejects a malformed bucket region', () => {
    expect(() => setup({ deliveryBucketRegion: 'Ireland' })).toThrow(
      /deliveryBucketRegion must be a region code such as eu-central-1 \(received "Ireland"\)/,
    );
  });

  test('rejects a key in another region than the bucket', () => {
    const stack = newStack('eu-central-1');
    const bucket = s3.Bucket.fromBucketName(stack, 'Logs', 'lz-logs-123456789012-eu-west-1');
    const key = kms.Key.fromKeyArn(stack, 'LogKey', 'arn:aws:kms:eu-central-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab');
    expect(
      () =>
        new ConfigRecorder(stack, 'Config', {
          deliveryBucket: bucket,
          deliveryBucketRegion: 'eu-west-1',
          deliveryKey: key,
          recordGlobalResources: false,
        }),
    ).toThrow(/deliveryKey must be in the bucket's region eu-west-1, as AWS Config requires \(received a key in eu-central-1\)/);
  });

  test.each(['eu-central-2', 'eu-south-2', 'il-central-1'])('refuses to record global resources in %s, where Config cannot', (region) => {
    expect(() => setup({}, region)).toThrow(
      new RegExp(`recordGlobalResources cannot be true in ${region}: AWS Config cannot record global IAM resource types`),
    );
    expect(() => setup({ recordGlobalResources: false }, region)).not.toThrow();
  });
});
