import { Template } from 'aws-cdk-lib/assertions';
import type { AlertNotifierRef } from '../../../constructs/foundation/alert-notifier';

/** A notifier of the account's foundation stack, as rules in other stacks see it. */
export const NOTIFIER: AlertNotifierRef = {
  functionArn: 'arn:aws:lambda:eu-west-1:123456789012:function:Acme-Production-Foundation-AlertNotifier',
};

/**
 * Every rule of `template` hands the whole event (no input transformer: the notifier needs all of
 * it) to the notifier, with the dead-letter queue `deadLetterQueueId` and EventBridge's longest
 * retry window; each rule, and nothing else, may invoke it (a permission per rule, in this stack).
 */
export function expectRulesTargetTheNotifier(template: Template, deadLetterQueueId: string): void {
  const rules = Object.values(template.findResources('AWS::Events::Rule'));
  expect(rules.length).toBeGreaterThan(0);
  for (const rule of rules) {
    expect(rule.Properties.Targets).toEqual([
      {
        Id: 'Target0',
        Arn: NOTIFIER.functionArn,
        DeadLetterConfig: { Arn: { 'Fn::GetAtt': [deadLetterQueueId, 'Arn'] } },
        RetryPolicy: { MaximumEventAgeInSeconds: 86400, MaximumRetryAttempts: 185 },
      },
    ]);
  }
  const permissions = Object.values(template.findResources('AWS::Lambda::Permission')).map((p) => p.Properties);
  expect(permissions).toHaveLength(rules.length);
  const ruleIds = Object.keys(template.findResources('AWS::Events::Rule'));
  for (const permission of permissions) {
    expect(permission).toEqual({
      Action: 'lambda:InvokeFunction',
      FunctionName: NOTIFIER.functionArn,
      Principal: 'events.amazonaws.com',
      SourceArn: { 'Fn::GetAtt': [expect.any(String), 'Arn'] },
    });
    expect(ruleIds).toContain(permission.SourceArn['Fn::GetAtt'][0]);
  }
}
