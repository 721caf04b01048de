import { Match, Template } from 'aws-cdk-lib/assertions';

/**
 * What every function built on ScheduledFunction must show in its template, asserted once here
 * and called by the tests of ScheduledFunction and of each construct built on it (the cost
 * collector, the waste finder), so that each proves it kept the shared baseline.
 */

/** Logical ids of the function, its dead-letter queue and the key of its log group. */
export interface ScheduledFunctionRefs {
  readonly function: string;
  readonly queue: string;
  readonly key: string;
}

/** Its own log group: encrypted with the key, kept `retentionDays`, retained, and the one the function logs to. */
export function expectEncryptedRetainedLogGroup(template: Template, refs: ScheduledFunctionRefs, retentionDays = 90): void {
  const logGroups = template.findResources('AWS::Logs::LogGroup');
  expect(Object.keys(logGroups)).toHaveLength(1);
  template.hasResource('AWS::Logs::LogGroup', {
    DeletionPolicy: 'Retain',
    UpdateReplacePolicy: 'Retain',
    Properties: { KmsKeyId: { 'Fn::GetAtt': [refs.key, 'Arn'] }, RetentionInDays: retentionDays },
  });
  template.hasResourceProperties('AWS::Lambda::Function', { LoggingConfig: { LogGroup: { Ref: Object.keys(logGroups)[0] } } });
}

/** Failed runs go to an encrypted, TLS-only, retained dead-letter queue (kept 14 days) and are not retried. */
export function expectDeadLetterQueueWithoutRetries(template: Template, refs: ScheduledFunctionRefs): void {
  const queueArn = { 'Fn::GetAtt': [refs.queue, 'Arn'] };
  template.hasResourceProperties('AWS::Lambda::Function', { DeadLetterConfig: { TargetArn: queueArn } });
  template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
    FunctionName: { Ref: refs.function },
    MaximumRetryAttempts: 0,
    MaximumEventAgeInSeconds: 3600,
    DestinationConfig: { OnFailure: { Destination: queueArn } },
  });
  template.hasResource('AWS::SQS::Queue', {
    DeletionPolicy: 'Retain',
    Properties: { SqsManagedSseEnabled: true, MessageRetentionPeriod: 14 * 24 * 3600 },
  });
  template.hasResourceProperties('AWS::SQS::QueuePolicy', {
    Queues: [{ Ref: refs.queue }],
    PolicyDocument: {
      Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]),
    },
  });
}
