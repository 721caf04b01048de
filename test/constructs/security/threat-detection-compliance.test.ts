import { App, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { AlertTopic } from '../../../constructs/foundation/alert-topic';
import { PlatformKey } from '../../../constructs/foundation/platform-key';
import { AccessAnalyzer } from '../../../constructs/security/access-analyzer';
import { CisConfigRules } from '../../../constructs/security/cis-config-rules';
import { ConfigRecorder } from '../../../constructs/security/config-recorder';
import { FindingAlerts } from '../../../constructs/security/finding-alerts';
import { GuardDuty } from '../../../constructs/security/guard-duty';
import { SecurityHub } from '../../../constructs/security/security-hub';
import { acknowledge } from '../../../constructs/shared/compliance';
import { NOTIFIER } from '../foundation/alert-notifier-expectations';
import { nagFindings } from '../../nag';

/**
 * The detection constructs together, every option that adds resources switched on, checked
 * against the five compliance packs.
 */
describe('AWS Config and threat detection constructs', () => {
  test('raise no unacknowledged finding in any of the five compliance packs', () => {
    // given: a KMS-encrypted bucket standing in for the log archive
    const app = new App();
    const stack = new Stack(app, 'Test', { env: { account: '123456789012', region: 'eu-west-1' } });
    const logKey = new kms.Key(stack, 'LogKey', { enableKeyRotation: true, removalPolicy: RemovalPolicy.RETAIN });
    const logs = new s3.Bucket(stack, 'Logs', {
      encryption: s3.BucketEncryption.KMS,
      encryptionKey: logKey,
      enforceSSL: true,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      versioned: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    const standIn =
      'Test stand-in for the log archive bucket, whose access logging and replication are built and checked by the LogArchive construct and its own tests.';
    for (const rule of [
      'AwsSolutions-S1',
      'NIST.800.53.R5-S3BucketLoggingEnabled',
      'HIPAA.Security-S3BucketLoggingEnabled',
      'PCI.DSS.321-S3BucketLoggingEnabled',
      'NIST.800.53.R5-S3BucketReplicationEnabled',
      'HIPAA.Security-S3BucketReplicationEnabled',
      'PCI.DSS.321-S3BucketReplicationEnabled',
    ]) {
      acknowledge(logs, rule, standIn);
    }
    const platformKey = new PlatformKey(stack, 'PlatformKey');
    const operationsAlerts = new AlertTopic(stack, 'OperationsAlerts', { key: platformKey, displayName: 'Acme operations alerts' });

    // when
    const recorder = new ConfigRecorder(stack, 'Config', { deliveryBucket: logs, deliveryKey: logKey, recordGlobalResources: true });
    new CisConfigRules(stack, 'CisRules', { recorder, includeGlobalRules: true });
    new GuardDuty(stack, 'GuardDuty', {
      features: {
        s3DataEvents: true,
        eksAuditLogs: true,
        ebsMalwareProtection: true,
        rdsLoginEvents: true,
        lambdaNetworkLogs: true,
        runtimeMonitoring: true,
      },
    });
    new SecurityHub(stack, 'SecurityHub', {
      standards: ['aws-foundational-security-best-practices', 'cis-aws-foundations-benchmark-v3.0.0', 'nist-800-53-rev5'],
    });
    new AccessAnalyzer(stack, 'AccessAnalyzer', { unusedAccess: true });
    new FindingAlerts(stack, 'FindingAlerts', { notifier: NOTIFIER, undeliveredAlarmTopic: operationsAlerts.topic });

    // then
    expect(nagFindings(app)).toEqual([]);
  });
});
