import * as fs from 'node:fs';
import * as path from 'node:path';
import { Template } from 'aws-cdk-lib/assertions';
import { chatChannelGroups } from '../../../../lib/app/stacks/foundation-stack';
import { parseClientConfig } from '../../../../lib/core/config/load';
import { buildTestApp, minimalClientInput, parseInput, ROOT, stackOf } from '../../../helpers';

function fixture(name: string) {
  const file = path.join(ROOT, 'test', 'fixtures', 'clients', `${name}.yaml`);
  return parseClientConfig(fs.readFileSync(file, 'utf8'), file, name);
}

describe('FoundationStack', () => {
  describe('chat in every account, not only the billing account', () => {
    const config = fixture('multi-account');
    const app = buildTestApp(config);

    test.each(['MultiAccount-Production-Foundation', 'MultiAccount-Staging-Foundation'])(
      '%s: a Slack and a Teams channel, each posting the three alert topics of that account',
      (name) => {
        const template = Template.fromStack(stackOf(app, name));
        const topics = Object.keys(template.findResources('AWS::SNS::Topic')).sort();
        expect(topics).toHaveLength(3);
        for (const type of ['AWS::Chatbot::SlackChannelConfiguration', 'AWS::Chatbot::MicrosoftTeamsChannelConfiguration']) {
          const [channel] = Object.values(template.findResources(type));
          expect(channel.Properties.SnsTopicArns.map((ref: { Ref: string }) => ref.Ref).sort()).toEqual(topics);
        }
      },
    );

    test('the FinOps stacks have no chat channel any more', () => {
      for (const stack of app.node.children.map((child) => child.node.id).filter((id) => id.includes('FinOps'))) {
        Template.fromStack(stackOf(app, stack)).resourceCountIs('AWS::Chatbot::SlackChannelConfiguration', 0);
      }
    });
  });

  describe('chatChannelGroups', () => {
    const withChat = (notifications: Record<string, unknown>) => {
      const input = minimalClientInput();
      input.notifications = notifications;
      return parseInput(input);
    };

    test('one Slack channel for every topic by default', () => {
      expect(chatChannelGroups(withChat({ slack: { workspaceId: 'T0123ABCD', channelId: 'C0123ABCD' } }))).toEqual([
        { id: 'SlackC0123ABCD', topics: ['security', 'finops', 'operations'], slack: { workspaceId: 'T0123ABCD', channelId: 'C0123ABCD' } },
      ]);
    });

    test('a topic with a channel of its own, and a topic left out', () => {
      const groups = chatChannelGroups(
        withChat({
          slack: {
            workspaceId: 'T0123ABCD',
            channelId: 'C0123ABCD',
            topics: ['security', 'finops'],
            topicChannels: { finops: 'C0456EFGH' },
          },
        }),
      );
      expect(groups.map((g) => [g.id, g.topics])).toEqual([
        ['SlackC0123ABCD', ['security']],
        ['SlackC0456EFGH', ['finops']],
      ]);
    });

    test('Teams with its own topics and the channel id URL-encoded as AWS Chatbot wants it', () => {
      const [teams] = chatChannelGroups(
        withChat({
          teams: {
            tenantId: '0b8c6f5e-1a2b-4c3d-9e8f-001122334455',
            teamId: '5a6b7c8d-9e0f-4a1b-8c2d-334455667788',
            channelId: '19:abcdef0123456789@thread.tacv2',
            topics: ['security'],
          },
        }),
      );
      expect(teams.topics).toEqual(['security']);
      expect(teams.teams!.channelId).toBe('19%3aabcdef0123456789%40thread.tacv2');
    });
  });
});
