import { Match, Template } from 'aws-cdk-lib/assertions';
import { globalResourcesRegion } from '../../../../lib/app/stacks/security-settings';
import { buildTestApp, minimalClientInput, parseInput, stackOf } from '../../../helpers';
import { TRIAGE_CALLS } from '../../../fixtures/events/cloudtrail-api-calls';
import { alarmStateChangeEvent } from '../../../fixtures/events/cloudwatch-alarm-state-change';
import { matchesEventPattern } from '../../../support/event-pattern';
import { ALERT_TOPIC } from '../../../../lib/core/alerts/render';
import { parseEvent, type EventBridgeEnvelope } from '../../../../lambda/alert-notifier/parse';

/** A two-region client with every security part on (the defaults). */
function twoRegionInput(): Record<string, any> {
  const input = minimalClientInput();
  input.allowedRegions = ['eu-west-1', 'eu-west-3'];
  return input;
}

function templates(input: Record<string, any>) {
  const app = buildTestApp(parseInput(input));
  const stacks = app.node.children.map((child) => child.node.id);
  const template = (name: string) => Template.fromStack(stackOf(app, name));
  return { app, stacks, template };
}

/** The SDK calls of the stack's Custom::AWS resources, as {action, region} pairs. */
function customResourceCalls(template: Template): Array<{ action: string; region?: string }> {
  return Object.values(template.findResources('Custom::AWS')).map((resource) => {
    const create = resource.Properties.Create;
    const json = typeof create === 'string' ? create : joinWithPlaceholders(create['Fn::Join'][1] as unknown[]);
    const call = JSON.parse(json) as { action: string; region?: string };
    return { action: call.action, region: call.region };
  });
}

describe('SecurityStack and SecurityRegionalStack', () => {
  const all = templates(twoRegionInput());
  const home = all.template('Acme-Production-Security');
  const paris = all.template('Acme-Production-Security-EuWest3');

  test('one home stack and one stack per other allowed region', () => {
    expect(all.stacks.filter((name) => name.includes('-Security'))).toEqual([
      'Acme-Production-Security',
      'Acme-Production-Security-EuWest3',
    ]);
  });

  test('home region: the log archive under its deterministic name, with object lock from config', () => {
    home.hasResourceProperties('AWS::S3::Bucket', {
      BucketName: 'lz-logs-123456789012-eu-west-1',
      ObjectLockEnabled: true,
      ObjectLockConfiguration: { ObjectLockEnabled: 'Enabled', Rule: { DefaultRetention: { Mode: 'GOVERNANCE', Days: 365 } } },
    });
    home.hasResourceProperties('AWS::S3::Bucket', { BucketName: 'lz-access-logs-123456789012-eu-west-1' });
  });

  test('home region: the multi-region trail into a log group with the configured retention', () => {
    home.hasResourceProperties('AWS::CloudTrail::Trail', {
      TrailName: 'acme-audit',
      IsMultiRegionTrail: true,
      IncludeGlobalServiceEvents: true,
      EnableLogFileValidation: true,
    });
    home.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 365, KmsKeyId: Match.anyValue() });
  });

  test('home region: the 15 CIS section 4 alarms, sent to the security topic', () => {
    const cisFilters = Object.values(home.findResources('AWS::Logs::MetricFilter')).filter(
      (f) => f.Properties.MetricTransformations[0].MetricNamespace === 'CISBenchmark',
    );
    expect(cisFilters).toHaveLength(15);
    const alarms = Object.values(home.findResources('AWS::CloudWatch::Alarm')).filter(
      (alarm) => alarm.Properties.Namespace === 'CISBenchmark',
    );
    expect(alarms).toHaveLength(15);
    for (const alarm of alarms) expect(JSON.stringify(alarm.Properties.AlarmActions)).toContain('SecurityAlerts');
  });

  test('home region records global resources; other regions do not and deliver to the home bucket', () => {
    home.hasResourceProperties('AWS::Config::ConfigurationRecorder', {
      RecordingGroup: { AllSupported: true, IncludeGlobalResourceTypes: true },
    });
    paris.hasResourceProperties('AWS::Config::ConfigurationRecorder', {
      RecordingGroup: { AllSupported: true, IncludeGlobalResourceTypes: false },
    });
    paris.hasResourceProperties('AWS::Config::DeliveryChannel', { S3BucketName: 'lz-logs-123456789012-eu-west-1' });
  });

  test('GuardDuty, Security Hub with the default standards and Access Analyzer in every allowed region', () => {
    for (const [template, region] of [
      [home, 'eu-west-1'],
      [paris, 'eu-west-3'],
    ] as const) {
      template.resourceCountIs('AWS::GuardDuty::Detector', 1);
      template.resourceCountIs('AWS::AccessAnalyzer::Analyzer', 1);
      for (const standard of ['cis-aws-foundations-benchmark/v/3.0.0', 'aws-foundational-security-best-practices/v/1.0.0']) {
        template.hasResourceProperties('AWS::SecurityHub::Standard', {
          StandardsArn: `arn:aws:securityhub:${region}::standards/${standard}`,
        });
      }
    }
  });

  test('findings are counted by severity in the home region for the operations dashboard', () => {
    const findingFilters = Object.values(home.findResources('AWS::Logs::MetricFilter')).filter(
      (f) => f.Properties.MetricTransformations[0].MetricNamespace === 'LandingZone/Security',
    );
    expect(findingFilters).toHaveLength(6);
  });

  test('findings alert from the home region; other regions forward theirs there', () => {
    home.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: Match.objectLike({ source: ['aws.guardduty'], detail: { severity: [{ numeric: ['>=', 7] }] } }),
    });
    paris.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: {
        source: ['aws.guardduty', 'aws.securityhub'],
        'detail-type': ['GuardDuty Finding', 'Security Hub Findings - Imported'],
      },
    });
  });

  test("the Paris forwarder's alarm reaches the operations topic of the home region", () => {
    const [alarmName] = Object.values(paris.findResources('AWS::CloudWatch::Alarm')).map((alarm) => alarm.Properties.AlarmName);
    expect(alarmName).toBe('Acme-Production-Security-EuWest3-FindingForwarder-Undelivered');
    const event = alarmStateChangeEvent({ account: '123456789012', region: 'eu-west-3', alarmName, description: 'x' });
    const relay = Object.values(home.findResources('AWS::Events::Rule')).filter(
      (rule) => rule.Properties.EventPattern.source[0] === 'aws.cloudwatch',
    );
    expect(relay).toHaveLength(1);
    expect(matchesEventPattern(relay[0].Properties.EventPattern, event)).toBe(true);
    expectNotifierOfFoundation(relay[0].Properties.Targets[0].Arn);
    expect(ALERT_TOPIC[parseEvent(event as unknown as EventBridgeEnvelope).kind]).toBe('operations');
  });

  describe('findings triaged by hand', () => {
    const triageRules = (template: Template) =>
      Object.values(template.findResources('AWS::Events::Rule')).filter((rule) =>
        rule.Properties.EventPattern['detail-type']?.includes('AWS API Call via CloudTrail'),
      );

    test('a Paris call is forwarded home and reported there, to the security topic', () => {
      const parisCall = { ...TRIAGE_CALLS.guardDutyArchive, region: 'eu-west-3' };
      const [forward] = triageRules(paris);
      expect(forward.Properties.Targets[0].Arn).toBe('arn:aws:events:eu-west-1:123456789012:event-bus/default');
      expect(matchesEventPattern(forward.Properties.EventPattern, parisCall)).toBe(true);
      const [report] = triageRules(home);
      expect(matchesEventPattern(report.Properties.EventPattern, { ...parisCall, account: '123456789012' })).toBe(true);
      expectNotifierOfFoundation(report.Properties.Targets[0].Arn);
      expect(ALERT_TOPIC[parseEvent(parisCall as unknown as EventBridgeEnvelope).kind]).toBe('security');
    });

    test('all three services are watched by default', () => {
      const [report] = triageRules(home);
      expect(report.Properties.EventPattern.source).toEqual(['aws.guardduty', 'aws.securityhub', 'aws.access-analyzer']);
    });

    test('none when triageNotices is false', () => {
      const input = twoRegionInput();
      input.security = { findingAlerts: { triageNotices: false } };
      const { template } = templates(input);
      expect(triageRules(template('Acme-Production-Security'))).toHaveLength(0);
      expect(triageRules(template('Acme-Production-Security-EuWest3'))).toHaveLength(0);
      // The findings themselves still alert and are forwarded.
      const forwarded = Object.values(template('Acme-Production-Security-EuWest3').findResources('AWS::Events::Rule')).map(
        (rule) => rule.Properties.EventPattern.source,
      );
      expect(forwarded).toEqual([['aws.guardduty', 'aws.securityhub'], ['aws.cloudwatch']]);
    });

    test('a service switched off is not watched', () => {
      const input = twoRegionInput();
      input.security = { securityHub: { enabled: false } };
      const [report] = triageRules(templates(input).template('Acme-Production-Security'));
      expect(report.Properties.EventPattern.source).toEqual(['aws.guardduty', 'aws.access-analyzer']);
    });
  });

  test('hardens the account once and every allowed region from the home stack', () => {
    const calls = customResourceCalls(home);
    expect(calls).toEqual(
      expect.arrayContaining([
        { action: 'UpdateAccountPasswordPolicy', region: undefined },
        { action: 'PutPublicAccessBlock', region: undefined },
        { action: 'PutAlternateContact', region: undefined },
        { action: 'EnableEbsEncryptionByDefault', region: 'eu-west-1' },
        { action: 'EnableEbsEncryptionByDefault', region: 'eu-west-3' },
        { action: 'ModifyInstanceMetadataDefaults', region: 'eu-west-1' },
        { action: 'ModifyInstanceMetadataDefaults', region: 'eu-west-3' },
      ]),
    );
    paris.resourceCountIs('Custom::AWS', 0);
  });

  test('people roles trust the account itself with MFA by default, bounded by the baseline protection', () => {
    home.hasResourceProperties('AWS::IAM::ManagedPolicy', { ManagedPolicyName: 'acme-baseline-protection' });
    home.hasResourceProperties('AWS::IAM::Role', {
      RoleName: 'LandingZone-Administrator',
      PermissionsBoundary: Match.anyValue(),
      AssumeRolePolicyDocument: {
        Statement: [
          Match.objectLike({
            Principal: { AWS: 'arn:aws:iam::123456789012:root' },
            Condition: Match.objectLike({ Bool: { 'aws:MultiFactorAuthPresent': 'true' } }),
          }),
        ],
      },
    });
  });

  test('people roles trust the configured identity account', () => {
    const input = twoRegionInput();
    input.security = { iam: { identitySource: { type: 'account', accountId: '555566667777' } } };
    templates(input)
      .template('Acme-Production-Security')
      .hasResourceProperties('AWS::IAM::Role', {
        RoleName: 'LandingZone-Auditor',
        AssumeRolePolicyDocument: {
          Statement: [Match.objectLike({ Principal: { AWS: 'arn:aws:iam::555566667777:root' } })],
        },
      });
  });

  test('with every part switched off, no security stack is built', () => {
    const input = twoRegionInput();
    input.security = {
      cloudTrail: { enabled: false },
      cisAlarms: { enabled: false },
      config: { enabled: false },
      guardDuty: { enabled: false },
      securityHub: { enabled: false },
      accessAnalyzer: { enabled: false },
      hardening: {
        passwordPolicy: false,
        s3BlockPublicAccess: false,
        ebsEncryptionByDefault: false,
        imdsV2ByDefault: false,
        alternateContacts: false,
      },
      iam: { enabled: false },
    };
    input.backup = { enabled: false };
    input.finops = { enabled: false };
    expect(templates(input).stacks).toEqual(['Acme-Production-Foundation', 'Acme-Production-Dashboards']);
  });

  test('each part can be switched off on its own', () => {
    const input = twoRegionInput();
    input.security = { guardDuty: { enabled: false }, hardening: { imdsV2ByDefault: false }, iam: { auditor: false } };
    const { template } = templates(input);
    const homeOff = template('Acme-Production-Security');
    homeOff.resourceCountIs('AWS::GuardDuty::Detector', 0);
    template('Acme-Production-Security-EuWest3').resourceCountIs('AWS::GuardDuty::Detector', 0);
    expect(customResourceCalls(homeOff).map((c) => c.action)).not.toContain('ModifyInstanceMetadataDefaults');
    homeOff.resourcePropertiesCountIs('AWS::IAM::Role', { RoleName: 'LandingZone-Auditor' }, 0);
    homeOff.resourceCountIs('AWS::SecurityHub::Hub', 1);
  });

  test('records global resources in another allowed region when the home region cannot', () => {
    const input = minimalClientInput();
    input.accounts[0].homeRegion = 'eu-central-2';
    input.allowedRegions = ['eu-central-2', 'eu-central-1'];
    const config = parseInput(input);
    expect(globalResourcesRegion(config, config.accounts[0])).toBe('eu-central-1');

    const { template } = templates(input);
    template('Acme-Production-Security').hasResourceProperties('AWS::Config::ConfigurationRecorder', {
      RecordingGroup: { IncludeGlobalResourceTypes: false },
    });
    template('Acme-Production-Security-EuCentral1').hasResourceProperties('AWS::Config::ConfigurationRecorder', {
      RecordingGroup: { IncludeGlobalResourceTypes: true },
    });
  });
});

/** A Custom::AWS payload with its CloudFormation references replaced, inside or outside strings. */
/** The rule target is the alert notifier of the account's foundation stack. */
function expectNotifierOfFoundation(arn: unknown): void {
  expect(arn).toEqual({
    'Fn::GetStackOutput': expect.objectContaining({
      StackName: 'Acme-Production-Foundation',
      OutputName: expect.stringContaining('AlertNotifierFunction'),
    }),
  });
}

function joinWithPlaceholders(parts: unknown[]): string {
  const joined = (placeholder: string) => parts.map((part) => (typeof part === 'string' ? part : placeholder)).join('');
  try {
    return JSON.stringify(JSON.parse(joined('TOKEN')));
  } catch {
    return joined('"TOKEN"');
  }
}
