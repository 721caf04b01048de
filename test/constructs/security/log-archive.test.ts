import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { LogArchive, LogArchiveProps } from '../../../constructs/security/log-archive';
import { nagFindings } from '../../nag';

const ACCOUNT = '123456789012';
const TRAIL_ARN = `arn:aws:cloudtrail:eu-west-1:${ACCOUNT}:trail/audit`;

function setup(props: LogArchiveProps = {}, app?: App) {
  const stack = new Stack(app, 'Test', { env: { account: ACCOUNT, region: 'eu-west-1' } });
  const archive = new LogArchive(stack, 'LogArchive', props);
  const template = () => Template.fromStack(stack);
  const bucketArn = stack.resolve(archive.bucket.bucketArn);
  const accessLogsBucketId = stack.resolve(archive.accessLogsBucket.bucketName).Ref as string;
  const bucketId = stack.resolve(archive.bucket.bucketName).Ref as string;
  return { stack, archive, template, bucketArn, bucketId, accessLogsBucketId };
}

/** The properties of one bucket, by logical id. */
function bucketProps(template: Template, logicalId: string): Record<string, any> {
  return template.toJSON().Resources[logicalId].Properties;
}

/** The statements of the policy of one bucket, by the bucket's logical id. */
function bucketPolicyStatements(template: Template, bucketLogicalId: string): Array<Record<string, any>> {
  const policies = Object.values(template.findResources('AWS::S3::BucketPolicy', { Properties: { Bucket: { Ref: bucketLogicalId } } }));
  expect(policies).toHaveLength(1);
  return policies[0].Properties.PolicyDocument.Statement;
}

function keyPolicyStatements(template: Template): Array<Record<string, any>> {
  const keys = Object.values(template.findResources('AWS::KMS::Key'));
  expect(keys).toHaveLength(1);
  return keys[0].Properties.KeyPolicy.Statement;
}

function statementsFor(statements: Array<Record<string, any>>, service: string): Array<Record<string, any>> {
  return statements.filter((s) => s.Principal?.Service === service);
}

const tlsOnly = [
  Match.objectLike({ Effect: 'Deny', Action: 's3:*', Principal: { AWS: '*' }, Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
  Match.objectLike({ Effect: 'Deny', Action: 's3:*', Principal: { AWS: '*' }, Condition: { NumericLessThan: { 's3:TlsVersion': 1.2 } } }),
];

describe('LogArchive', () => {
  test('has its own rotated customer-managed key, retained, with a 30-day deletion window and the given alias', () => {
    const { template } = setup({ alias: 'acme/log-archive' });
    template().hasResource('AWS::KMS::Key', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: Match.objectLike({ EnableKeyRotation: true, PendingWindowInDays: 30 }),
    });
    template().hasResourceProperties('AWS::KMS::Alias', { AliasName: 'alias/acme/log-archive' });
  });

  test('encrypts the log bucket with its key and an S3 Bucket Key, versions it, blocks public access and disables ACLs', () => {
    const { stack, archive, template, bucketId } = setup();
    const bucket = template().toJSON().Resources[bucketId];
    expect(bucket).toMatchObject({ DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
    expect(bucket.Properties).toEqual(
      expect.objectContaining({
        BucketEncryption: {
          ServerSideEncryptionConfiguration: [
            {
              BucketKeyEnabled: true,
              ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: stack.resolve(archive.key.keyArn) },
            },
          ],
        },
        VersioningConfiguration: { Status: 'Enabled' },
        PublicAccessBlockConfiguration: {
          BlockPublicAcls: true,
          BlockPublicPolicy: true,
          IgnorePublicAcls: true,
          RestrictPublicBuckets: true,
        },
        OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
      }),
    );
  });

  test('denies every request to the log bucket without TLS 1.2 or later', () => {
    const { template, bucketId } = setup();
    template().hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: { Ref: bucketId },
      PolicyDocument: { Statement: Match.arrayWith(tlsOnly) },
    });
  });

  test('sends server access logs to a separate, SSE-S3, versioned, TLS-only, retained bucket', () => {
    const { template, bucketId, accessLogsBucketId } = setup();
    expect(accessLogsBucketId).not.toEqual(bucketId);
    expect(bucketProps(template(), bucketId).LoggingConfiguration).toEqual({
      DestinationBucketName: { Ref: accessLogsBucketId },
      LogFilePrefix: 'log-archive/',
      TargetObjectKeyFormat: { PartitionedPrefix: { PartitionDateSource: 'EventTime' } },
    });
    const accessLogsBucket = template().toJSON().Resources[accessLogsBucketId];
    expect(accessLogsBucket).toMatchObject({ DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
    expect(accessLogsBucket.Properties).toEqual(
      expect.objectContaining({
        BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
        VersioningConfiguration: { Status: 'Enabled' },
        PublicAccessBlockConfiguration: {
          BlockPublicAcls: true,
          BlockPublicPolicy: true,
          IgnorePublicAcls: true,
          RestrictPublicBuckets: true,
        },
        OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
      }),
    );
    const accessLogs = accessLogsBucket.Properties;
    expect(accessLogs.LoggingConfiguration).toBeUndefined();
    expect(accessLogs.ObjectLockEnabled).toBeUndefined();
    template().hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: { Ref: accessLogsBucketId },
      PolicyDocument: { Statement: Match.arrayWith(tlsOnly) },
    });
  });

  test('lets S3 log delivery write only the access logs of the log bucket, with a bucket policy', () => {
    const { template, bucketArn, accessLogsBucketId } = setup();
    const logging = statementsFor(bucketPolicyStatements(template(), accessLogsBucketId), 'logging.s3.amazonaws.com');
    expect(logging).toEqual([
      expect.objectContaining({
        Effect: 'Allow',
        Action: 's3:PutObject',
        Resource: { 'Fn::Join': ['', [{ 'Fn::GetAtt': [accessLogsBucketId, 'Arn'] }, '/log-archive/*']] },
        Condition: { ArnLike: { 'aws:SourceArn': bucketArn }, StringEquals: { 'aws:SourceAccount': ACCOUNT } },
      }),
    ]);
    // ACLs are disabled on the target, so the legacy LogDeliveryWrite grant must not be used.
    expect(bucketProps(template(), accessLogsBucketId).AccessControl).toBeUndefined();
  });

  test('uses a bucket policy for log delivery even when the app turns the CDK feature flag off', () => {
    const app = new App({ context: { '@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy': false } });
    const { template, accessLogsBucketId } = setup({}, app);
    expect(bucketProps(template(), accessLogsBucketId).AccessControl).toBeUndefined();
    expect(statementsFor(bucketPolicyStatements(template(), accessLogsBucketId), 'logging.s3.amazonaws.com')).toHaveLength(1);
  });

  test('archives logs to Glacier Instant Retrieval after 90 days and expires them after 730 by default', () => {
    const { template, bucketId, accessLogsBucketId } = setup();
    expect(bucketProps(template(), bucketId).LifecycleConfiguration).toEqual({
      TransitionDefaultMinimumObjectSize: 'all_storage_classes_128K',
      Rules: [
        {
          Id: 'ArchiveThenExpire',
          Status: 'Enabled',
          Transitions: [{ StorageClass: 'GLACIER_IR', TransitionInDays: 90 }],
          ExpirationInDays: 730,
          NoncurrentVersionExpiration: { NoncurrentDays: 30 },
          AbortIncompleteMultipartUpload: { DaysAfterInitiation: 7 },
        },
        { Id: 'RemoveExpiredDeleteMarkers', Status: 'Enabled', ExpiredObjectDeleteMarker: true },
      ],
    });
    expect(bucketProps(template(), accessLogsBucketId).LifecycleConfiguration).toEqual({
      Rules: [
        {
          Id: 'ExpireAccessLogs',
          Status: 'Enabled',
          ExpirationInDays: 730,
          NoncurrentVersionExpiration: { NoncurrentDays: 30 },
          AbortIncompleteMultipartUpload: { DaysAfterInitiation: 7 },
        },
      ],
    });
  });

  test('takes the lifecycle periods from its props', () => {
    const { template, bucketId, accessLogsBucketId } = setup({
      transitionToColdStorageDays: 30,
      expirationDays: 400,
      noncurrentVersionExpirationDays: 7,
      accessLogsExpirationDays: 90,
    });
    expect(bucketProps(template(), bucketId).LifecycleConfiguration.Rules[0]).toEqual(
      expect.objectContaining({
        Transitions: [{ StorageClass: 'GLACIER_IR', TransitionInDays: 30 }],
        ExpirationInDays: 400,
        NoncurrentVersionExpiration: { NoncurrentDays: 7 },
      }),
    );
    expect(bucketProps(template(), accessLogsBucketId).LifecycleConfiguration.Rules[0]).toEqual(
      expect.objectContaining({ ExpirationInDays: 90, NoncurrentVersionExpiration: { NoncurrentDays: 7 } }),
    );
  });

  test('expires access logs with the logs when only expirationDays is given', () => {
    const { template, accessLogsBucketId } = setup({ expirationDays: 1000 });
    expect(bucketProps(template(), accessLogsBucketId).LifecycleConfiguration.Rules[0].ExpirationInDays).toBe(1000);
  });

  test('has no Object Lock unless asked', () => {
    const { template, bucketId } = setup();
    const props = bucketProps(template(), bucketId);
    expect(props.ObjectLockEnabled).toBeUndefined();
    expect(props.ObjectLockConfiguration).toBeUndefined();
  });

  test.each([
    ['GOVERNANCE', 365],
    ['COMPLIANCE', 730],
  ] as const)('locks every new log version in %s mode for %i days', (mode, retentionDays) => {
    const { template, bucketId } = setup({ objectLock: { mode, retentionDays } });
    const props = bucketProps(template(), bucketId);
    expect(props.ObjectLockEnabled).toBe(true);
    expect(props.ObjectLockConfiguration).toEqual({
      ObjectLockEnabled: 'Enabled',
      Rule: { DefaultRetention: { Mode: mode, Days: retentionDays } },
    });
    expect(props.VersioningConfiguration).toEqual({ Status: 'Enabled' });
  });

  test('uses the physical bucket names it is given', () => {
    const { template, bucketId, accessLogsBucketId } = setup({
      bucketName: 'acme-logs-123456789012',
      accessLogsBucketName: 'acme-access-logs-123456789012',
    });
    expect(bucketProps(template(), bucketId).BucketName).toBe('acme-logs-123456789012');
    expect(bucketProps(template(), accessLogsBucketId).BucketName).toBe('acme-access-logs-123456789012');
  });

  test('admits no AWS service until asked', () => {
    const { template, bucketId } = setup();
    expect(keyPolicyStatements(template())).toEqual([expect.objectContaining({ Principal: { AWS: expect.anything() }, Action: 'kms:*' })]);
    expect(bucketPolicyStatements(template(), bucketId).filter((s) => s.Effect === 'Allow')).toEqual([]);
  });

  describe('allowCloudTrailDelivery', () => {
    test('lets CloudTrail encrypt with the key only for trails of this account, and only as the given trail', () => {
      // given
      const { archive, template } = setup();

      // when
      archive.allowCloudTrailDelivery(TRAIL_ARN);

      // then
      const fromTrail = { StringEquals: { 'aws:SourceArn': TRAIL_ARN } };
      expect(statementsFor(keyPolicyStatements(template()), 'cloudtrail.amazonaws.com')).toEqual([
        {
          Sid: 'AllowCloudTrailEncrypt',
          Effect: 'Allow',
          Principal: { Service: 'cloudtrail.amazonaws.com' },
          Action: 'kms:GenerateDataKey*',
          Resource: '*',
          Condition: {
            StringLike: {
              'kms:EncryptionContext:aws:cloudtrail:arn': {
                'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:cloudtrail:*:${ACCOUNT}:trail/*`]],
              },
            },
            ...fromTrail,
          },
        },
        expect.objectContaining({ Sid: 'AllowCloudTrailDecrypt', Action: 'kms:Decrypt', Condition: fromTrail }),
        expect.objectContaining({ Sid: 'AllowCloudTrailDescribeKey', Action: 'kms:DescribeKey', Condition: fromTrail }),
      ]);
    });

    test('lets the trail check the bucket ACL and write under AWSLogs/<account>/ with bucket-owner-full-control', () => {
      const { archive, template, bucketArn, bucketId } = setup();
      archive.allowCloudTrailDelivery(TRAIL_ARN);

      expect(statementsFor(bucketPolicyStatements(template(), bucketId), 'cloudtrail.amazonaws.com')).toEqual([
        expect.objectContaining({
          Sid: 'AWSCloudTrailAclCheck',
          Effect: 'Allow',
          Action: 's3:GetBucketAcl',
          Resource: bucketArn,
          Condition: { StringEquals: { 'aws:SourceArn': TRAIL_ARN } },
        }),
        expect.objectContaining({
          Sid: 'AWSCloudTrailWrite',
          Effect: 'Allow',
          Action: 's3:PutObject',
          Resource: { 'Fn::Join': ['', [bucketArn, `/AWSLogs/${ACCOUNT}/*`]] },
          Condition: { StringEquals: { 's3:x-amz-acl': 'bucket-owner-full-control', 'aws:SourceArn': TRAIL_ARN } },
        }),
      ]);
    });

    test('adds the statements once per trail', () => {
      const { archive, template, bucketId } = setup();
      archive.allowCloudTrailDelivery(TRAIL_ARN);
      archive.allowCloudTrailDelivery(TRAIL_ARN);
      expect(statementsFor(keyPolicyStatements(template()), 'cloudtrail.amazonaws.com')).toHaveLength(3);
      expect(statementsFor(bucketPolicyStatements(template(), bucketId), 'cloudtrail.amazonaws.com')).toHaveLength(2);
    });
  });

  describe('allowConfigDelivery', () => {
    const fromAccount = { StringEquals: { 'aws:SourceAccount': ACCOUNT } };

    test('lets AWS Config use the key on behalf of this account, from any region', () => {
      const { archive, template } = setup();
      archive.allowConfigDelivery();
      expect(statementsFor(keyPolicyStatements(template()), 'config.amazonaws.com')).toEqual([
        {
          Sid: 'AWSConfigKMSPolicy',
          Effect: 'Allow',
          Principal: { Service: 'config.amazonaws.com' },
          Action: ['kms:Decrypt', 'kms:GenerateDataKey'],
          Resource: '*',
          Condition: fromAccount,
        },
      ]);
    });

    test('lets AWS Config check the bucket and write under AWSLogs/<account>/Config/ on behalf of this account only', () => {
      const { archive, template, bucketArn, bucketId } = setup();
      archive.allowConfigDelivery();
      archive.allowConfigDelivery();
      expect(statementsFor(bucketPolicyStatements(template(), bucketId), 'config.amazonaws.com')).toEqual([
        expect.objectContaining({
          Sid: 'AWSConfigBucketPermissionsCheck',
          Action: 's3:GetBucketAcl',
          Resource: bucketArn,
          Condition: fromAccount,
        }),
        expect.objectContaining({
          Sid: 'AWSConfigBucketExistenceCheck',
          Action: 's3:ListBucket',
          Resource: bucketArn,
          Condition: fromAccount,
        }),
        expect.objectContaining({
          Sid: 'AWSConfigBucketDelivery',
          Action: 's3:PutObject',
          Resource: { 'Fn::Join': ['', [bucketArn, `/AWSLogs/${ACCOUNT}/Config/*`]] },
          Condition: { StringEquals: { 's3:x-amz-acl': 'bucket-owner-full-control', 'aws:SourceAccount': ACCOUNT } },
        }),
      ]);
    });
  });

  describe('allowBackupReports', () => {
    const reportsRoleArn = {
      'Fn::Join': [
        '',
        [
          'arn:',
          { Ref: 'AWS::Partition' },
          `:iam::${ACCOUNT}:role/aws-service-role/reports.backup.amazonaws.com/AWSServiceRoleForBackupReports`,
        ],
      ],
    };
    const backupReportStatements = (statements: Array<Record<string, any>>) =>
      statements.filter((s) => s.Sid?.startsWith('AWSBackupReports'));

    test('lets only the Backup Audit Manager service-linked role write under backup-reports/ with bucket-owner-full-control, naming it by condition', () => {
      // given
      const { archive, template, bucketArn, bucketId } = setup();

      // when
      archive.allowBackupReports();

      // then
      expect(backupReportStatements(bucketPolicyStatements(template(), bucketId))).toEqual([
        {
          Sid: 'AWSBackupReportsWrite',
          Effect: 'Allow',
          // Not the role ARN: it does not exist before the first report plan, and S3 rejects a
          // policy naming a principal that does not exist.
          Principal: { AWS: '*' },
          Action: 's3:PutObject',
          Resource: { 'Fn::Join': ['', [bucketArn, '/backup-reports/*']] },
          Condition: {
            ArnEquals: { 'aws:PrincipalArn': reportsRoleArn },
            StringEquals: { 'aws:PrincipalAccount': ACCOUNT, 's3:x-amz-acl': 'bucket-owner-full-control' },
          },
        },
      ]);
    });

    test("lets only that role use the key, and only through S3 in the bucket's region", () => {
      const { archive, template } = setup();
      archive.allowBackupReports();
      expect(backupReportStatements(keyPolicyStatements(template()))).toEqual([
        {
          Sid: 'AWSBackupReportsEncrypt',
          Effect: 'Allow',
          Principal: { AWS: '*' },
          Action: ['kms:GenerateDataKey', 'kms:Decrypt'],
          Resource: '*',
          Condition: {
            ArnEquals: { 'aws:PrincipalArn': reportsRoleArn },
            StringEquals: { 'aws:PrincipalAccount': ACCOUNT, 'kms:ViaService': 's3.eu-west-1.amazonaws.com' },
          },
        },
      ]);
    });

    test('adds a write statement per prefix, the key statement once, and nothing for a repeated prefix', () => {
      const { archive, template, bucketArn, bucketId } = setup();
      archive.allowBackupReports('audit/backup');
      archive.allowBackupReports('audit/backup');
      archive.allowBackupReports();
      const writes = backupReportStatements(bucketPolicyStatements(template(), bucketId));
      expect(writes.map((s) => [s.Sid, s.Resource])).toEqual([
        ['AWSBackupReportsWrite', { 'Fn::Join': ['', [bucketArn, '/audit/backup/*']] }],
        ['AWSBackupReportsWrite2', { 'Fn::Join': ['', [bucketArn, '/backup-reports/*']] }],
      ]);
      expect(backupReportStatements(keyPolicyStatements(template()))).toHaveLength(1);
    });

    test.each(['/backup-reports', 'backup-reports/', 'a//b', 'reports*?', ''])('rejects the prefix %j', (prefix) => {
      const { archive } = setup();
      expect(() => archive.allowBackupReports(prefix)).toThrow(
        /the backup report prefix must be an S3 key prefix of letters, digits and .*without a leading or trailing '\/' \(received "/,
      );
    });
  });

  describe('validation', () => {
    const build = (props: LogArchiveProps) => () => setup(props);

    test.each([
      [
        'transitionToColdStorageDays',
        { transitionToColdStorageDays: -1 },
        /transitionToColdStorageDays must be a whole number of days from 0 to 36500 \(received -1\)/,
      ],
      [
        'transitionToColdStorageDays',
        { transitionToColdStorageDays: 2.5 },
        /transitionToColdStorageDays must be a whole number of days from 0 to 36500 \(received 2.5\)/,
      ],
      ['expirationDays', { expirationDays: 0 }, /expirationDays must be a whole number of days from 1 to 36500 \(received 0\)/],
      ['expirationDays', { expirationDays: 36501 }, /expirationDays must be a whole number of days from 1 to 36500 \(received 36501\)/],
      [
        'noncurrentVersionExpirationDays',
        { noncurrentVersionExpirationDays: 0 },
        /noncurrentVersionExpirationDays must be a whole number of days from 1 to 36500 \(received 0\)/,
      ],
      [
        'accessLogsExpirationDays',
        { accessLogsExpirationDays: 1.5 },
        /accessLogsExpirationDays must be a whole number of days from 1 to 36500 \(received 1.5\)/,
      ],
      [
        'objectLock.retentionDays',
        { objectLock: { mode: 'GOVERNANCE', retentionDays: 0 } },
        /objectLock.retentionDays must be a whole number of days from 1 to 36500 \(received 0\)/,
      ],
      [
        'objectLock.retentionDays',
        { objectLock: { mode: 'COMPLIANCE', retentionDays: 36501 } },
        /objectLock.retentionDays must be a whole number of days from 1 to 36500 \(received 36501\)/,
      ],
    ] as Array<[string, LogArchiveProps, RegExp]>)('rejects an out-of-range %s', (_prop, props, message) => {
      expect(build(props)).toThrow(message);
    });

    test('rejects an expiry that is not later than the transition', () => {
      expect(build({ transitionToColdStorageDays: 90, expirationDays: 90 })).toThrow(
        /expirationDays must be greater than transitionToColdStorageDays \(90\).*\(received 90\)/,
      );
      expect(build({ expirationDays: 60 })).toThrow(
        /expirationDays must be greater than transitionToColdStorageDays \(90\).*\(received 60\)/,
      );
    });

    test('rejects a lock that outlasts the expiry', () => {
      expect(build({ expirationDays: 365, objectLock: { mode: 'COMPLIANCE', retentionDays: 366 } })).toThrow(
        /objectLock.retentionDays must be at most expirationDays \(365\), because a locked log cannot expire before its lock ends \(received 366\)/,
      );
    });

    test('accepts a lock exactly as long as the expiry', () => {
      expect(build({ expirationDays: 365, objectLock: { mode: 'COMPLIANCE', retentionDays: 365 } })).not.toThrow();
    });

    test('rejects an unknown Object Lock mode', () => {
      expect(build({ objectLock: { mode: 'LEGAL_HOLD' as any, retentionDays: 30 } })).toThrow(
        /objectLock.mode must be GOVERNANCE or COMPLIANCE \(received LEGAL_HOLD\)/,
      );
    });
  });

  test('has no unacknowledged finding in any compliance pack, with CloudTrail, Config and backup reports admitted and Object Lock on', () => {
    // given
    const app = new App();
    const { archive } = setup({ objectLock: { mode: 'GOVERNANCE', retentionDays: 365 } }, app);

    // when
    archive.allowCloudTrailDelivery(TRAIL_ARN);
    archive.allowConfigDelivery();
    archive.allowBackupReports();

    // then
    expect(nagFindings(app)).toEqual([]);
  });
});
