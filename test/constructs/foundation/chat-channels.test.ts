import { Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { ChatChannels, type ChatChannelsProps } from '../../../constructs/foundation/chat-channels';
import { AlertTopic } from '../../../constructs/foundation/alert-topic';
import { PlatformKey } from '../../../constructs/foundation/platform-key';

const SLACK = { workspaceId: 'T0123ABCD', channelId: 'C0123ABCD' };
const TEAMS = {
  tenantId: '3f2504e0-4f89-11d3-9a0c-0305e82c3301',
  teamId: '6ba7b810-9dad-11d1-80b4-00c04fd430c8',
  channelId: '19%3ab6ef35dc342d56ba5654e6fc6d25a071%40thread.tacv2',
  channelName: 'finops',
};

function setup(props: Partial<ChatChannelsProps> = { slack: SLACK, teams: TEAMS }) {
  const stack = new Stack(undefined, 'Test', { env: { account: '123456789012', region: 'eu-west-1' } });
  const key = new PlatformKey(stack, 'Key');
  const finops = new AlertTopic(stack, 'FinopsAlerts', { key, displayName: 'FinOps' });
  const operations = new AlertTopic(stack, 'OperationsAlerts', { key, displayName: 'Operations' });
  const chat = new ChatChannels(stack, 'Chat', { topics: [finops.topic, operations.topic], ...props });
  const refs = {
    topics: [finops, operations].map((t) => ({ Ref: stack.getLogicalId(t.topic.node.defaultChild as any) })),
    role: { 'Fn::GetAtt': [stack.getLogicalId(chat.role.node.defaultChild as any), 'Arn'] },
    policy: { Ref: stack.getLogicalId(chat.notificationPolicy.node.defaultChild as any) },
  };
  return { stack, chat, refs };
}

describe('ChatChannels', () => {
  test('posts the topics to the Slack channel with the notification-only role and guardrail', () => {
    const { stack, refs } = setup({ slack: SLACK });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::Chatbot::SlackChannelConfiguration', {
      SlackWorkspaceId: 'T0123ABCD',
      SlackChannelId: 'C0123ABCD',
      SnsTopicArns: refs.topics,
      IamRoleArn: refs.role,
      GuardrailPolicies: [refs.policy],
      LoggingLevel: 'NONE',
      UserRoleRequired: false,
      ConfigurationName: Match.stringLikeRegexp('^[A-Za-z0-9-_]{1,128}$'),
    });
    template.resourceCountIs('AWS::Chatbot::MicrosoftTeamsChannelConfiguration', 0);
  });

  test('posts the topics to the Teams channel with the same role and guardrail', () => {
    const { stack, refs } = setup({ teams: TEAMS, loggingLevel: 'ERROR' });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::Chatbot::MicrosoftTeamsChannelConfiguration', {
      TeamsTenantId: TEAMS.tenantId,
      TeamId: TEAMS.teamId,
      TeamsChannelId: TEAMS.channelId,
      TeamsChannelName: 'finops',
      SnsTopicArns: refs.topics,
      IamRoleArn: refs.role,
      GuardrailPolicies: [refs.policy],
      LoggingLevel: 'ERROR',
      UserRoleRequired: false,
    });
    template.resourceCountIs('AWS::Chatbot::SlackChannelConfiguration', 0);
  });

  test('the role may only be assumed by AWS Chatbot and may only read CloudWatch alarms and metrics', () => {
    const { stack, refs } = setup();
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: {
        Statement: [Match.objectLike({ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { Service: 'chatbot.amazonaws.com' } })],
      },
      ManagedPolicyArns: Match.absent(),
      Policies: Match.absent(),
    });
    template.hasResourceProperties('AWS::IAM::ManagedPolicy', {
      PolicyDocument: {
        Statement: [
          {
            Sid: 'ReadAlarmsAndMetrics',
            Effect: 'Allow',
            Action: ['cloudwatch:Describe*', 'cloudwatch:Get*', 'cloudwatch:List*'],
            Resource: '*',
          },
        ],
      },
      Roles: [{ Ref: refs.role['Fn::GetAtt'][0] }],
    });
    template.resourceCountIs('AWS::IAM::Policy', 0);
  });

  test('never falls back to the AdministratorAccess guardrail', () => {
    const { stack } = setup();
    const json = JSON.stringify(Template.fromStack(stack).toJSON());
    expect(json).not.toMatch(/AdministratorAccess/);
    for (const type of ['AWS::Chatbot::SlackChannelConfiguration', 'AWS::Chatbot::MicrosoftTeamsChannelConfiguration']) {
      Template.fromStack(stack).hasResourceProperties(type, { GuardrailPolicies: Match.anyValue() });
    }
  });

  test('gives each configuration a distinct name, unique in the account', () => {
    const { stack } = setup();
    const template = Template.fromStack(stack);
    const names = [
      ...Object.values(template.findResources('AWS::Chatbot::SlackChannelConfiguration')),
      ...Object.values(template.findResources('AWS::Chatbot::MicrosoftTeamsChannelConfiguration')),
    ].map((r: any) => r.Properties.ConfigurationName);
    expect(new Set(names).size).toBe(2);
    for (const name of names) expect(name).toMatch(/^Test-Chat-[A-Za-z0-9]+-(Slack|Teams)$/);
  });

  describe('rejects', () => {
    test('a Slack workspace id that is not one', () => {
      expect(() => setup({ slack: { ...SLACK, workspaceId: 'acme.slack.com' } })).toThrow(
        /slack.workspaceId must be a Slack workspace id of capital letters and digits, e.g. T0123ABCD \(received "acme.slack.com"\)/,
      );
    });

    test('a Slack channel name instead of its id', () => {
      expect(() => setup({ slack: { ...SLACK, channelId: '#finops' } })).toThrow(
        /slack.channelId must be a Slack channel id .* \(received "#finops"\)/,
      );
    });

    test('a Teams tenant id that is not a UUID', () => {
      expect(() => setup({ teams: { ...TEAMS, tenantId: 'acme' } })).toThrow(/teams.tenantId must be a UUID .* \(received "acme"\)/);
    });

    test('a Teams team id that is not a UUID', () => {
      expect(() => setup({ teams: { ...TEAMS, teamId: '42' } })).toThrow(/teams.teamId must be a UUID .* \(received "42"\)/);
    });

    test('a Teams channel id that is not URL-encoded', () => {
      expect(() => setup({ teams: { ...TEAMS, channelId: '19:abc@thread.tacv2' } })).toThrow(
        /teams.channelId must be the URL-encoded Teams channel id, .* \(received "19:abc@thread.tacv2"\)/,
      );
    });

    test('neither a Slack nor a Teams channel', () => {
      const { stack } = setup({});
      expect(() => Template.fromStack(stack)).toThrow(/give at least one channel \(slack or teams\)/);
    });

    test('no topic to post', () => {
      const stack = new Stack();
      new ChatChannels(stack, 'Chat', { topics: [], slack: SLACK });
      expect(() => Template.fromStack(stack)).toThrow(/topics must list at least one topic to post \(received none\)/);
    });
  });
});
