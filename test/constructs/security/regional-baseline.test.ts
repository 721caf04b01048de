import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { RegionalSecurityBaseline, RegionalSecurityBaselineProps } from '../../../constructs/security/regional-baseline';
import { nagFindings } from '../../nag';

function build(props: (stack: Stack) => RegionalSecurityBaselineProps, region = 'eu-west-3') {
  const app = new App();
  const stack = new Stack(app, 'Regional', { env: { account: '123456789012', region } });
  const baseline = new RegionalSecurityBaseline(stack, 'Baseline', props(stack));
  return { app, stack, baseline, template: Template.fromStack(stack) };
}

const everything = (stack: Stack): RegionalSecurityBaselineProps => ({
  globalResources: false,
  config: {
    deliveryBucket: s3.Bucket.fromBucketName(stack, 'Logs', 'lz-logs-123456789012-eu-central-1'),
    deliveryBucketRegion: 'eu-central-1',
    recordingFrequency: 'DAILY',
    cisRules: true,
  },
  guardDuty: { s3DataEvents: true },
  securityHubStandards: ['aws-foundational-security-best-practices'],
  accessAnalyzer: true,
});

describe('RegionalSecurityBaseline', () => {
  test("in another region: records no global resources, delivers with the bucket's default key, runs no global rules", () => {
    const { template } = build(everything);
    template.hasResourceProperties('AWS::Config::ConfigurationRecorder', {
      RecordingGroup: { AllSupported: true, IncludeGlobalResourceTypes: false },
      RecordingMode: { RecordingFrequency: 'DAILY' },
    });
    template.hasResourceProperties('AWS::Config::DeliveryChannel', {
      S3BucketName: 'lz-logs-123456789012-eu-central-1',
      S3KmsKeyArn: Match.absent(),
    });
    template.resourcePropertiesCountIs(
      'AWS::Config::ConfigRule',
      { Source: { Owner: 'AWS', SourceIdentifier: 'ROOT_ACCOUNT_MFA_ENABLED' } },
      0,
    );
    template.hasResourceProperties('AWS::Config::ConfigRule', { Source: { Owner: 'AWS', SourceIdentifier: 'EC2_IMDSV2_CHECK' } });
  });

  test('in the home region: records global resources and runs the global rules', () => {
    const { template } = build((stack) => ({ ...everything(stack), globalResources: true }), 'eu-central-1');
    template.hasResourceProperties('AWS::Config::ConfigurationRecorder', { RecordingGroup: { IncludeGlobalResourceTypes: true } });
    template.hasResourceProperties('AWS::Config::ConfigRule', { Source: { Owner: 'AWS', SourceIdentifier: 'ROOT_ACCOUNT_MFA_ENABLED' } });
  });

  test('creates the detector, the hub after the Config delivery channel, and the analyzer', () => {
    const { template } = build(everything);
    template.resourceCountIs('AWS::GuardDuty::Detector', 1);
    template.hasResourceProperties('AWS::AccessAnalyzer::Analyzer', { Type: 'ACCOUNT' });
    const hub = Object.values(template.findResources('AWS::SecurityHub::Hub'))[0];
    const channelId = Object.keys(template.findResources('AWS::Config::DeliveryChannel'))[0];
    expect(hub.DependsOn).toEqual(expect.arrayContaining([channelId]));
  });

  test('creates nothing that is switched off', () => {
    const { template } = build(() => ({ globalResources: false }));
    for (const type of [
      'AWS::Config::ConfigurationRecorder',
      'AWS::Config::ConfigRule',
      'AWS::GuardDuty::Detector',
      'AWS::SecurityHub::Hub',
      'AWS::AccessAnalyzer::Analyzer',
    ]) {
      template.resourceCountIs(type, 0);
    }
  });

  test('has no unacknowledged finding in the five packs', () => {
    expect(nagFindings(build(everything).app)).toEqual([]);
  });
});
