import { Template } from 'aws-cdk-lib/assertions';
import { loadClientConfig } from '../../../lib/core/config/load';
import { buildTestApp } from '../../helpers';

/**
 * Every alert of every account reaches email and chat, for a client with Slack and Teams: each
 * CloudWatch alarm with an action publishes to an alert topic that both chat channels of its
 * account post (chat renders alarms natively, email gets CloudWatch's text), and each rule of an
 * alert path ends at the account's alert notifier (which publishes one message per protocol; its
 * messages are validated against the chat schema in test/lambda/alert-notifier) or at the
 * forwarder to the home region's bus, where the home rules hand the event to the notifier.
 */
describe('alert routes of every account, with Slack and Teams', () => {
  const example = loadClientConfig('example');
  const config = {
    ...example,
    accounts: [...example.accounts, { name: 'staging', id: '222222222222', homeRegion: example.accounts[0].homeRegion }],
    notifications: {
      ...example.notifications,
      slack: { workspaceId: 'T0123ABCD', channelId: 'C0123ABCD', topics: ['security', 'finops', 'operations'] as const },
      teams: {
        tenantId: '0b8c6f5e-1a2b-4c3d-9e8f-001122334455',
        teamId: '5a6b7c8d-9e0f-4a1b-8c2d-334455667788',
        channelId: '19:abcdef0123456789@thread.tacv2',
        topics: ['security', 'finops', 'operations'] as const,
      },
    },
    network: { ...example.network, cidrByAccount: { ...example.network.cidrByAccount, staging: '10.21.0.0/16' } },
  } as typeof example;
  const app = buildTestApp(config);
  const stacks = app.node.children.map((child) => child.node.id).filter((id) => id.startsWith('Example-'));
  const templates = Object.fromEntries(stacks.map((id) => [id, Template.fromStack(app.node.findChild(id) as never).toJSON()]));
  const accountOf = (stack: string) => stack.split('-')[1];

  test.each(['Production', 'Staging'])('account %s: both chat channels post all three alert topics', (account) => {
    const foundation = templates[`Example-${account}-Foundation`];
    const topics = Object.entries(foundation.Resources)
      .filter(([, r]: [string, any]) => r.Type === 'AWS::SNS::Topic')
      .map(([id]) => id)
      .sort();
    expect(topics).toHaveLength(3);
    for (const type of ['AWS::Chatbot::SlackChannelConfiguration', 'AWS::Chatbot::MicrosoftTeamsChannelConfiguration']) {
      const channels = Object.values(foundation.Resources).filter((r: any) => r.Type === type) as any[];
      expect(channels).toHaveLength(1);
      expect(channels[0].Properties.SnsTopicArns.map((ref: any) => ref.Ref).sort()).toEqual(topics);
    }
  });

  test('every alarm action is an alert topic of its own account (posted to chat), never a dead end', () => {
    let alarms = 0;
    for (const [stack, template] of Object.entries(templates)) {
      for (const [id, resource] of Object.entries(template.Resources) as Array<[string, any]>) {
        if (resource.Type !== 'AWS::CloudWatch::Alarm' || resource.Properties.AlarmActions === undefined) continue;
        alarms += 1;
        for (const action of resource.Properties.AlarmActions) {
          const text = JSON.stringify(action);
          // A topic of this stack (the foundation's own alarms) or of the account's foundation stack.
          const ownFoundation = stack === `Example-${accountOf(stack)}-Foundation`;
          expect({
            alarm: `${stack}/${id}`,
            ok: ownFoundation
              ? /"Ref":"(Security|FinOps|Operations)Alerts/.test(text)
              : text.includes(`Example-${accountOf(stack)}-Foundation`) || /(Security|FinOps|Operations)Alerts/.test(text),
          }).toEqual({ alarm: `${stack}/${id}`, ok: true });
        }
      }
    }
    expect(alarms).toBeGreaterThan(40);
  });

  test('every alert rule ends at the notifier or forwards to the home bus; none publishes plain text to a topic', () => {
    let rules = 0;
    for (const [stack, template] of Object.entries(templates)) {
      for (const [id, resource] of Object.entries(template.Resources) as Array<[string, any]>) {
        if (resource.Type !== 'AWS::Events::Rule') continue;
        rules += 1;
        for (const target of resource.Properties.Targets) {
          const arn = JSON.stringify(target.Arn);
          const account = accountOf(stack);
          const accountId = config.accounts.find((a) => a.name === account.toLowerCase())!.id;
          // The notifier of this account's foundation stack; the default bus of this account's home region.
          const toNotifier = arn.includes('AlertNotifierFunction') && arn.includes(`Example-${account}-Foundation`);
          const toHomeBus = arn.includes(`:${accountId}:event-bus/default`);
          // The findings metrics rule writes to a log group for the dashboard; it is no alert.
          const internal = id.startsWith('FindingMetrics') && arn.includes('log-group');
          expect({ rule: `${stack}/${id}`, routed: toNotifier || toHomeBus || internal, input: target.InputTransformer }).toEqual({
            rule: `${stack}/${id}`,
            routed: true,
            input: undefined,
          });
          expect(arn).not.toMatch(/Alerts[0-9A-F]{8}/);
        }
      }
    }
    expect(rules).toBeGreaterThan(10);
  });
});
