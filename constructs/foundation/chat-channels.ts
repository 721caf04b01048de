import { Names, Token } from 'aws-cdk-lib';
import * as chatbot from 'aws-cdk-lib/aws-chatbot';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { acknowledge } from '../shared/compliance';

/** A Slack channel that AWS Chatbot (Amazon Q Developer in chat applications) posts to. */
export interface SlackChannel {
  /**
   * The Slack workspace id (e.g. `T0123ABCD`), shown in the Chatbot console after the one-time
   * authorization of the workspace, which only a person can do.
   */
  readonly workspaceId: string;
  /** The Slack channel id (e.g. `C0123ABCD`; in Slack: channel details, at the bottom). */
  readonly channelId: string;
}

/** A Microsoft Teams channel that AWS Chatbot posts to. */
export interface TeamsChannel {
  /** The Microsoft Entra tenant id (a UUID), shown in the Chatbot console after authorization. */
  readonly tenantId: string;
  /** The team id (a UUID), shown in the Chatbot console after authorization. */
  readonly teamId: string;
  /**
   * The channel id, URL-encoded as Teams copies it (`19%3a...%40thread.tacv2`).
   */
  readonly channelId: string;
  /**
   * The channel name, shown in the Chatbot console.
   * @default - none
   */
  readonly channelName?: string;
}

/** Properties of {@link ChatChannels}. */
export interface ChatChannelsProps {
  /** The topics whose messages are posted (for example the FinOps alert topic). At least one. */
  readonly topics: readonly sns.ITopic[];

  /**
   * The Slack channel.
   * @default - no Slack channel
   */
  readonly slack?: SlackChannel;

  /**
   * The Microsoft Teams channel.
   * @default - no Teams channel
   */
  readonly teams?: TeamsChannel;

  /**
   * What Chatbot logs. Chatbot writes its logs itself, to `/aws/chatbot/<configuration name>` in
   * us-east-1, a log group this stack cannot give retention or encryption; delivery failures also
   * show in the topics' `NumberOfNotificationsFailed` metric.
   * @default 'NONE'
   */
  readonly loggingLevel?: 'NONE' | 'ERROR' | 'INFO';
}

/** CloudWatch read actions of the "Notification permissions" template of AWS Chatbot. */
const NOTIFICATION_ACTIONS = ['cloudwatch:Describe*', 'cloudwatch:Get*', 'cloudwatch:List*'];

const CONFIGURATION_NAME_MAX = 128;
const SLACK_WORKSPACE_ID = /^[0-9A-Z]{1,255}$/;
const SLACK_CHANNEL_ID = /^[A-Za-z0-9]{1,256}$/;
const UUID = /^[0-9A-Fa-f]{8}(-[0-9A-Fa-f]{4}){3}-[0-9A-Fa-f]{12}$/;
const TEAMS_CHANNEL_ID = /^[a-zA-Z0-9-_=+/.,]*%3[aA][a-zA-Z0-9-_=+/.,]*%40[a-zA-Z0-9-_=+/.,]*$/;

/**
 * Posts the messages of SNS topics (alarms, budget and anomaly alerts, the collector's digest) to
 * a Slack and/or a Microsoft Teams channel through AWS Chatbot, for notifications only.
 *
 * Least privilege: the channel role has only AWS Chatbot's "Notification permissions" template
 * (read CloudWatch alarms and metrics, which Chatbot uses to draw the alarm chart), as a customer
 * managed policy; the same policy is the channel's guardrail, so nothing else can ever be done from
 * the channel, whatever role someone attaches later (without a guardrail, CloudFormation applies
 * AdministratorAccess). A role without these reads is not safer: Chatbot's calls would be denied
 * and every denial would set off the CIS 4.1 "unauthorized API calls" alarm.
 *
 * Encrypted topics need no key grant for Chatbot: Chatbot subscribes an HTTPS endpoint, and SNS
 * decrypts messages before it delivers them to a subscriber.
 *
 * Where: Chatbot configurations belong to the account (names are unique per account; the Chatbot
 * API runs in us-east-2) and may subscribe topics of any region: create this construct once per
 * account, in the home-region stack. A region-restricting SCP or boundary must let `chatbot:*`
 * through. Before the first deployment a person must authorize the Slack workspace or the Teams
 * tenant in the Chatbot console (an OAuth step with no API).
 *
 * The CDK `aws-chatbot` L2 covers Slack only and sets log retention through a Lambda-backed custom
 * resource; the L1s used here cover both and create no function.
 */
export class ChatChannels extends Construct {
  /** The role Chatbot uses for the channels. */
  readonly role: iam.IRole;
  /** The notification permissions, also the guardrail of every channel. */
  readonly notificationPolicy: iam.ManagedPolicy;
  /** The Slack channel configuration, if any. */
  readonly slackChannel?: chatbot.CfnSlackChannelConfiguration;
  /** The Teams channel configuration, if any. */
  readonly teamsChannel?: chatbot.CfnMicrosoftTeamsChannelConfiguration;

  constructor(scope: Construct, id: string, props: ChatChannelsProps) {
    super(scope, id);
    const loggingLevel = props.loggingLevel ?? 'NONE';
    const where = `ChatChannels ${this.node.path}`;
    validate(where, props);
    this.node.addValidation({
      validate: () => [
        ...(props.slack || props.teams ? [] : [`${where}: give at least one channel (slack or teams); with neither, remove the construct`]),
        ...(props.topics.length > 0 ? [] : [`${where}: topics must list at least one topic to post (received none)`]),
      ],
    });

    const role = new iam.Role(this, 'Role', {
      description: 'AWS Chatbot: posts the alert notifications to chat, nothing else',
      assumedBy: new iam.ServicePrincipal('chatbot.amazonaws.com'),
    });
    this.role = role;
    const notificationPolicy = new iam.ManagedPolicy(this, 'NotificationPermissions', {
      description: 'AWS Chatbot notification permissions (read CloudWatch alarms and metrics); also the channel guardrail',
      statements: [new iam.PolicyStatement({ sid: 'ReadAlarmsAndMetrics', actions: NOTIFICATION_ACTIONS, resources: ['*'] })],
      roles: [role],
    });
    this.notificationPolicy = notificationPolicy;
    const reason =
      'AWS Chatbot\'s documented "Notification permissions" template: read-only CloudWatch alarm and metric calls Chatbot makes to render alarm notifications (most have no resource-level permissions); the same policy is the channel guardrail, so no other action is possible from chat.';
    acknowledge(notificationPolicy, 'AwsSolutions-IAM5[Resource::*]', reason);
    for (const action of NOTIFICATION_ACTIONS) {
      acknowledge(notificationPolicy, `AwsSolutions-IAM5[Action::${action}]`, reason);
    }

    const common = {
      iamRoleArn: role.roleArn,
      guardrailPolicies: [notificationPolicy.managedPolicyArn],
      snsTopicArns: props.topics.map((topic) => topic.topicArn),
      loggingLevel,
      userRoleRequired: false,
    };
    if (props.slack) {
      this.slackChannel = new chatbot.CfnSlackChannelConfiguration(this, 'Slack', {
        ...common,
        configurationName: configurationName(this, 'Slack'),
        slackWorkspaceId: props.slack.workspaceId,
        slackChannelId: props.slack.channelId,
      });
      this.slackChannel.node.addDependency(notificationPolicy);
    }
    if (props.teams) {
      this.teamsChannel = new chatbot.CfnMicrosoftTeamsChannelConfiguration(this, 'Teams', {
        ...common,
        configurationName: configurationName(this, 'Teams'),
        teamsTenantId: props.teams.tenantId,
        teamId: props.teams.teamId,
        teamsChannelId: props.teams.channelId,
        teamsChannelName: props.teams.channelName,
      });
      this.teamsChannel.node.addDependency(notificationPolicy);
    }
  }
}

/** A configuration name unique in the account and stable across deployments (1-128 of [A-Za-z0-9-_]). */
function configurationName(scope: Construct, kind: string): string {
  return Names.uniqueResourceName(scope, { maxLength: CONFIGURATION_NAME_MAX - kind.length - 1, separator: '-' }) + `-${kind}`;
}

function validate(where: string, props: ChatChannelsProps): void {
  const check = (prop: string, value: string | undefined, pattern: RegExp, allowed: string) => {
    if (value !== undefined && !Token.isUnresolved(value) && !pattern.test(value)) {
      throw new Error(`${where}: ${prop} must be ${allowed} (received ${JSON.stringify(value)})`);
    }
  };
  check(
    'slack.workspaceId',
    props.slack?.workspaceId,
    SLACK_WORKSPACE_ID,
    'a Slack workspace id of capital letters and digits, e.g. T0123ABCD',
  );
  check(
    'slack.channelId',
    props.slack?.channelId,
    SLACK_CHANNEL_ID,
    'a Slack channel id of letters and digits, e.g. C0123ABCD (the id, not the #name)',
  );
  check('teams.tenantId', props.teams?.tenantId, UUID, 'a UUID such as 3f2504e0-4f89-11d3-9a0c-0305e82c3301');
  check('teams.teamId', props.teams?.teamId, UUID, 'a UUID such as 3f2504e0-4f89-11d3-9a0c-0305e82c3301');
  check(
    'teams.channelId',
    props.teams?.channelId,
    TEAMS_CHANNEL_ID,
    'the URL-encoded Teams channel id, e.g. 19%3ab6ef35dc342d56ba5654e6fc6d25a071%40thread.tacv2',
  );
}
