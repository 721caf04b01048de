import { Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { FindingPublishingFrequency, GuardDuty, GuardDutyFeatures } from '../../../constructs/security/guard-duty';

function newStack(): Stack {
  return new Stack(undefined, 'Test', { env: { account: '123456789012', region: 'eu-west-1' } });
}

/** The detector's features as `{ NAME: STATUS }`. */
function featuresOf(features?: GuardDutyFeatures): Record<string, string> {
  const stack = newStack();
  new GuardDuty(stack, 'GuardDuty', { features });
  const detector = Object.values(Template.fromStack(stack).findResources('AWS::GuardDuty::Detector'))[0];
  return Object.fromEntries(detector.Properties.Features.map((feature: any) => [feature.Name, feature.Status]));
}

const ALL_OFF: GuardDutyFeatures = {
  s3DataEvents: false,
  eksAuditLogs: false,
  ebsMalwareProtection: false,
  rdsLoginEvents: false,
  lambdaNetworkLogs: false,
  runtimeMonitoring: false,
};

describe('GuardDuty', () => {
  test('enables a detector that publishes finding updates every 15 minutes, with Features and never DataSources', () => {
    const stack = newStack();
    new GuardDuty(stack, 'GuardDuty');
    Template.fromStack(stack).hasResourceProperties('AWS::GuardDuty::Detector', {
      Enable: true,
      FindingPublishingFrequency: 'FIFTEEN_MINUTES',
      Features: Match.anyValue(),
      DataSources: Match.absent(),
    });
  });

  test('keeps the detector, with its findings, when it leaves the template or the stack is deleted', () => {
    const stack = newStack();
    new GuardDuty(stack, 'GuardDuty');
    Template.fromStack(stack).hasResource('AWS::GuardDuty::Detector', { DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
  });

  test('by default turns S3 and RDS Protection on and names every other plan as disabled', () => {
    expect(featuresOf()).toEqual({
      S3_DATA_EVENTS: 'ENABLED',
      EKS_AUDIT_LOGS: 'DISABLED',
      EBS_MALWARE_PROTECTION: 'DISABLED',
      RDS_LOGIN_EVENTS: 'ENABLED',
      LAMBDA_NETWORK_LOGS: 'DISABLED',
      RUNTIME_MONITORING: 'DISABLED',
    });
  });

  test('turns every plan off when asked', () => {
    expect(Object.values(featuresOf(ALL_OFF))).toEqual(Array(6).fill('DISABLED'));
  });

  test.each([
    ['s3DataEvents', 'S3_DATA_EVENTS'],
    ['eksAuditLogs', 'EKS_AUDIT_LOGS'],
    ['ebsMalwareProtection', 'EBS_MALWARE_PROTECTION'],
    ['rdsLoginEvents', 'RDS_LOGIN_EVENTS'],
    ['lambdaNetworkLogs', 'LAMBDA_NETWORK_LOGS'],
    ['runtimeMonitoring', 'RUNTIME_MONITORING'],
  ] as const)('turns %s on alone as %s', (prop, name) => {
    const features = featuresOf({ ...ALL_OFF, [prop]: true });
    expect(Object.entries(features).filter(([, status]) => status === 'ENABLED')).toEqual([[name, 'ENABLED']]);
  });

  test('never names EKS Runtime Monitoring beside Runtime Monitoring', () => {
    expect(featuresOf({ runtimeMonitoring: true })).not.toHaveProperty('EKS_RUNTIME_MONITORING');
  });

  test('lets GuardDuty manage the runtime agents when Runtime Monitoring is on', () => {
    const stack = newStack();
    new GuardDuty(stack, 'GuardDuty', { features: { runtimeMonitoring: true } });
    Template.fromStack(stack).hasResourceProperties('AWS::GuardDuty::Detector', {
      Features: Match.arrayWith([
        {
          Name: 'RUNTIME_MONITORING',
          Status: 'ENABLED',
          AdditionalConfiguration: [
            { Name: 'EKS_ADDON_MANAGEMENT', Status: 'ENABLED' },
            { Name: 'ECS_FARGATE_AGENT_MANAGEMENT', Status: 'ENABLED' },
            { Name: 'EC2_AGENT_MANAGEMENT', Status: 'ENABLED' },
          ],
        },
      ]),
    });
  });

  test('takes another publishing frequency', () => {
    const stack = newStack();
    new GuardDuty(stack, 'GuardDuty', { findingPublishingFrequency: 'SIX_HOURS' });
    Template.fromStack(stack).hasResourceProperties('AWS::GuardDuty::Detector', { FindingPublishingFrequency: 'SIX_HOURS' });
  });

  test('rejects an unknown publishing frequency', () => {
    expect(() => new GuardDuty(newStack(), 'GuardDuty', { findingPublishingFrequency: 'DAILY' as FindingPublishingFrequency })).toThrow(
      /findingPublishingFrequency must be one of FIFTEEN_MINUTES, ONE_HOUR, SIX_HOURS \(received "DAILY"\)/,
    );
  });

  test('rejects an unknown protection plan', () => {
    expect(() => new GuardDuty(newStack(), 'GuardDuty', { features: { s3Logs: true } as GuardDutyFeatures })).toThrow(
      /features.s3Logs is not a known protection plan; allowed: s3DataEvents, eksAuditLogs/,
    );
  });

  test('rejects a plan switch that is not a boolean', () => {
    expect(() => new GuardDuty(newStack(), 'GuardDuty', { features: { s3DataEvents: 'yes' as unknown as boolean } })).toThrow(
      /features.s3DataEvents must be true or false \(received "yes"\)/,
    );
  });
});
