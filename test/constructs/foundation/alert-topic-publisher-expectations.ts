import { Match, Template } from 'aws-cdk-lib/assertions';

/**
 * What every construct that publishes EventBridge events through an AlertTopicPublisher must show
 * in its template, asserted once here and called by the tests of each such construct (backup
 * alerts, finding alerts, restore testing), so that each proves it kept the least privilege.
 */

/** Logical ids of the publishing role, the alert topic and its key. */
export interface AlertTopicPublisherRefs {
  readonly role: string;
  readonly topic: string;
  readonly key: string;
  /** The stack's account and region, which the role's trust is limited to. */
  readonly account: string;
  readonly region: string;
}

/**
 * Only this account's rules of this region may assume the role, whose one managed policy may only
 * publish to the topic with its key; SnsTopic adds nothing of its own (no inline grant, no
 * unconditioned topic policy statement).
 */
export function expectLeastPrivilegePublisher(template: Template, refs: AlertTopicPublisherRefs): void {
  expect(template.toJSON().Resources[refs.role].Properties.AssumeRolePolicyDocument.Statement).toEqual([
    {
      Action: 'sts:AssumeRole',
      Effect: 'Allow',
      Principal: { Service: 'events.amazonaws.com' },
      Condition: {
        StringEquals: { 'aws:SourceAccount': refs.account },
        ArnLike: {
          'aws:SourceArn': { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:events:${refs.region}:${refs.account}:rule/*`]] },
        },
      },
    },
  ]);
  template.hasResourceProperties('AWS::IAM::ManagedPolicy', {
    Roles: [{ Ref: refs.role }],
    PolicyDocument: {
      Statement: [
        { Sid: 'PublishAlerts', Effect: 'Allow', Action: 'sns:Publish', Resource: { Ref: refs.topic } },
        {
          Sid: 'EncryptAlerts',
          Effect: 'Allow',
          Action: ['kms:GenerateDataKey', 'kms:Decrypt'],
          Resource: { 'Fn::GetAtt': [refs.key, 'Arn'] },
        },
      ],
    },
  });
  template.resourceCountIs('AWS::IAM::Policy', 0);
  template.hasResourceProperties('AWS::SNS::TopicPolicy', {
    PolicyDocument: { Statement: Match.not(Match.arrayWith([Match.objectLike({ Principal: { Service: 'events.amazonaws.com' } })])) },
  });
}
