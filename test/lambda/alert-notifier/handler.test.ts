import { Logger } from '@aws-lambda-powertools/logger';
import { ConditionalCheckFailedException, DeleteItemCommand, DynamoDBClient, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { CloudWatchClient, PutMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { ListSubscriptionsByTopicCommand, PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import {
  ALERT_NOTIFIER_SETTINGS_ENV,
  ALERT_NOTIFIER_TABLE_ENV,
  type AlertNotifierSettings,
} from '../../../lib/core/alerts/notifier-settings';
import type { Language } from '../../../lib/core/alerts/language';
import { createHandler } from '../../../lambda/alert-notifier/handler';
import type { EventBridgeEnvelope } from '../../../lambda/alert-notifier/parse';
import { TRIAGE_CALLS } from '../../fixtures/events/cloudtrail-api-calls';
import { alarmStateChangeEvent } from '../../fixtures/events/cloudwatch-alarm-state-change';
import { guardDutyFindingEvent, securityHubFindingEvent } from '../../fixtures/events/findings';
import { backupJobEvent, copyJobEvent, restoreJobEvent } from '../../fixtures/events/backup-jobs';
import { expectValidChatNotification } from '../../support/chat-notification-schema';

const snsMock = mockClient(SNSClient);
const dynamoMock = mockClient(DynamoDBClient);
const cloudWatchMock = mockClient(CloudWatchClient);

const TOPIC = (name: string) => `arn:aws:sns:eu-west-1:123456789012:Acme-Production-${name}`;

function settings(language: Language): AlertNotifierSettings {
  return {
    language,
    client: 'Acme Bäckerei GmbH',
    accountName: 'production',
    accountId: '123456789012',
    region: 'eu-west-1',
    contacts: {
      security: [{ name: 'Sam Security', email: 'sam@acme.example', phone: '+49 30 1234567' }],
      operations: [{ name: 'Olga Ops', email: 'olga@acme.example' }],
      finops: [{ name: 'Bill Billing', email: 'bill@acme.example' }],
    },
    topics: { security: TOPIC('SecurityAlerts'), operations: TOPIC('OperationsAlerts'), finops: TOPIC('FinopsAlerts') },
    runbookUrl: 'https://console.aws.amazon.com/cloudwatch/home?region=eu-west-1#dashboards/dashboard/Acme-Production-Operations',
  };
}

function handlerFor(language: Language) {
  return createHandler({
    sns: new SNSClient({ region: 'eu-west-1' }),
    dynamoDb: new DynamoDBClient({ region: 'eu-west-1' }),
    cloudWatch: new CloudWatchClient({ region: 'eu-west-1' }),
    env: { [ALERT_NOTIFIER_SETTINGS_ENV]: JSON.stringify(settings(language)), [ALERT_NOTIFIER_TABLE_ENV]: 'alerted-findings' },
    logger: new Logger({ logLevel: 'SILENT' }),
    now: () => new Date('2026-11-30T12:00:00Z'),
  });
}

/** Every event kind the notifier's rules deliver, as recorded. */
const EVENTS: Array<[string, EventBridgeEnvelope, string]> = [
  ['a GuardDuty finding', guardDutyFindingEvent({ severity: 8 }) as unknown as EventBridgeEnvelope, 'SecurityAlerts'],
  ['a critical GuardDuty finding', guardDutyFindingEvent({ severity: 9.5 }) as unknown as EventBridgeEnvelope, 'SecurityAlerts'],
  ['a Security Hub finding', securityHubFindingEvent({ label: 'HIGH' }) as unknown as EventBridgeEnvelope, 'SecurityAlerts'],
  ['a triage call', TRIAGE_CALLS.securityHubSuppress as unknown as EventBridgeEnvelope, 'SecurityAlerts'],
  [
    'an alarm of another region',
    alarmStateChangeEvent({
      account: '123456789012',
      region: 'eu-west-3',
      alarmName: 'Acme-Production-Security-EuWest3-FindingForwarder-Undelivered',
      description: 'Events of eu-west-3 could not be forwarded to the home region eu-west-1.',
    }) as unknown as EventBridgeEnvelope,
    'OperationsAlerts',
  ],
  ['a failed backup job', backupJobEvent('FAILED') as unknown as EventBridgeEnvelope, 'OperationsAlerts'],
  ['a partial copy job', copyJobEvent('PARTIAL') as unknown as EventBridgeEnvelope, 'OperationsAlerts'],
  ['an aborted restore', restoreJobEvent({ status: 'ABORTED' }) as unknown as EventBridgeEnvelope, 'OperationsAlerts'],
  [
    'a failed restore test',
    restoreJobEvent({
      restoreTestingPlanArn: 'arn:aws:backup:eu-west-1:123456789012:restore-testing-plan:weekly-abc',
    }) as unknown as EventBridgeEnvelope,
    'OperationsAlerts',
  ],
];

beforeEach(() => {
  snsMock.reset();
  dynamoMock.reset();
  cloudWatchMock.reset();
  cloudWatchMock.on(PutMetricDataCommand).resolves({});
  snsMock.on(ListSubscriptionsByTopicCommand).resolves({ Subscriptions: [] });
  snsMock.on(PublishCommand).resolves({ MessageId: 'm-1' });
  dynamoMock.on(UpdateItemCommand).resolves({});
});

describe.each(['en', 'de'] as const)('the alert notifier in %s', (language) => {
  test.each(EVENTS)('%s: one message per protocol, email text and a valid chat notification', async (_, event, topic) => {
    const result = await handlerFor(language)(event);
    expect(result).toMatchObject({ sent: true });
    const publish = snsMock.commandCalls(PublishCommand)[0].args[0].input;
    expect(publish.TopicArn).toBe(TOPIC(topic));
    expect(publish.MessageStructure).toBe('json');

    // SNS: the subject is printable ASCII, one line, under 100 characters.
    expect(publish.Subject).toMatch(/^[\x21-\x7e][\x20-\x7e]{0,98}$/);
    const message = JSON.parse(publish.Message!);
    expect(Object.keys(message).sort()).toEqual(['default', 'email', 'https']);
    expectValidChatNotification(message.https);

    const email: string = message.email;
    expect(email).toContain('Acme Bäckerei GmbH');
    expect(email).toMatch(/production \(\d{12}\)/);
    expect(email).toContain('https://console.aws.amazon.com/');
    expect(email).toContain(settings(language).runbookUrl);
    expect(email).toMatch(language === 'de' ? /Was jetzt zu tun ist:\n1\. / : /What to do now:\n1\. /);
    expect(email).toMatch(language === 'de' ? /Ansprechpartner:\n- / : /Who to call:\n- /);
    expect(email).not.toMatch(/undefined|\[object Object\]|NaN/);
    expect(message.default).toBe(email);
  });
});

describe('the alert notifier', () => {
  test('a security alert names the security contact with phone; an operations alert the operations contact', async () => {
    await handlerFor('en')(EVENTS[0][1]);
    await handlerFor('en')(EVENTS[4][1]);
    const [security, operations] = snsMock.commandCalls(PublishCommand).map((call) => JSON.parse(call.args[0].input.Message!).email);
    expect(security).toContain('- Sam Security, +49 30 1234567, sam@acme.example');
    expect(operations).toContain('- Olga Ops, olga@acme.example');
    expect(operations).not.toContain('Sam Security');
  });

  test('German text, and a German subject in ASCII', async () => {
    await handlerFor('de')(guardDutyFindingEvent({ severity: 8 }) as unknown as EventBridgeEnvelope);
    const publish = snsMock.commandCalls(PublishCommand)[0].args[0].input;
    expect(publish.Subject).toHaveLength(99);
    expect(publish.Subject).toBe('[HOCH] Acme Baeckerei GmbH production: GuardDuty: 198.51.100.0 is performing SSH brute force att...');
    const chat = JSON.parse(JSON.parse(publish.Message!).https);
    expect(chat.content.title).toMatch(/^\u{1F7E0} HOCH: GuardDuty: /u);
    expect(chat.content.description).toContain(
      'Amazon GuardDuty, der Dienst zur Bedrohungserkennung, hat Aktivität vom Typ UnauthorizedAccess:EC2/SSHBruteForce',
    );
    expect(chat.content.nextSteps[0]).toBe(
      'Den Befund öffnen (Link im Alarm) und lesen, welche Ressource, welche IP-Adresse oder welche Zugangsdaten betroffen sind.',
    );
  });

  test('GuardDuty scores map onto the severity labels', async () => {
    for (const [score, label] of [
      [9, 'CRITICAL'],
      [7.5, 'HIGH'],
      [5, 'MEDIUM'],
      [2, 'LOW'],
    ] as const) {
      snsMock.resetHistory();
      await handlerFor('en')(guardDutyFindingEvent({ severity: score }) as unknown as EventBridgeEnvelope);
      expect(snsMock.commandCalls(PublishCommand)[0].args[0].input.Subject).toMatch(new RegExp(`^\\[${label}\\]`));
    }
  });

  test('a finding already alerted at this severity is not sent again', async () => {
    dynamoMock
      .on(UpdateItemCommand)
      .rejects(new ConditionalCheckFailedException({ message: 'The conditional request failed', $metadata: {} }));
    const result = await handlerFor('en')(securityHubFindingEvent({ label: 'HIGH' }) as unknown as EventBridgeEnvelope);
    expect(result).toMatchObject({ sent: false });
    expect(snsMock.commandCalls(PublishCommand)).toHaveLength(0);
  });

  test('the memory write is conditional on a new finding or a higher severity, and expires after 90 days', async () => {
    await handlerFor('en')(securityHubFindingEvent({ label: 'CRITICAL' }) as unknown as EventBridgeEnvelope);
    const update = dynamoMock.commandCalls(UpdateItemCommand)[0].args[0].input;
    expect(update.TableName).toBe('alerted-findings');
    expect(update.Key!.pk.S).toMatch(/^securityhub\/arn:aws:securityhub:/);
    expect(update.ConditionExpression).toBe('attribute_not_exists(pk) OR severityRank < :rank');
    expect(update.ExpressionAttributeValues![':rank'].N).toBe('4');
    expect(update.ExpressionAttributeValues![':expiresAt'].N).toBe(String(Date.parse('2026-11-30T12:00:00Z') / 1000 + 90 * 86400));
  });

  test('a finding whose severity rose alerts again and says so', async () => {
    dynamoMock.on(UpdateItemCommand).resolves({ Attributes: { severityRank: { N: '3' } } });
    await handlerFor('en')(securityHubFindingEvent({ label: 'CRITICAL' }) as unknown as EventBridgeEnvelope);
    const email = JSON.parse(snsMock.commandCalls(PublishCommand)[0].args[0].input.Message!).email;
    expect(email).toContain('This finding was reported before; its severity has risen.');
  });

  test('a first alert that SNS refused is released, so that the retry sends it instead of skipping it', async () => {
    snsMock.on(PublishCommand).rejects(new Error('KMS key unavailable'));
    dynamoMock.on(DeleteItemCommand).resolves({});
    await expect(handlerFor('en')(securityHubFindingEvent({ label: 'HIGH' }) as unknown as EventBridgeEnvelope)).rejects.toThrow(
      'KMS key unavailable',
    );
    const release = dynamoMock.commandCalls(DeleteItemCommand)[0].args[0].input;
    expect(release.Key!.pk.S).toMatch(/^securityhub\//);
    // Only if nobody raised it meanwhile.
    expect(release.ConditionExpression).toBe('severityRank = :rank');
    expect(release.ExpressionAttributeValues![':rank'].N).toBe('3');
  });

  test('a raised severity that SNS refused goes back to the rank it had', async () => {
    dynamoMock
      .on(UpdateItemCommand)
      .resolvesOnce({ Attributes: { severityRank: { N: '3' } } })
      .resolves({});
    snsMock.on(PublishCommand).rejects(new Error('throttled'));
    await expect(handlerFor('en')(securityHubFindingEvent({ label: 'CRITICAL' }) as unknown as EventBridgeEnvelope)).rejects.toThrow(
      'throttled',
    );
    const [, restore] = dynamoMock.commandCalls(UpdateItemCommand).map((call) => call.args[0].input);
    expect(restore.UpdateExpression).toBe('SET severityRank = :previous');
    expect(restore.ExpressionAttributeValues).toEqual({ ':rank': { N: '4' }, ':previous': { N: '3' } });
  });

  test('triage calls and alarms are not deduplicated: each one is news', async () => {
    await handlerFor('en')(TRIAGE_CALLS.guardDutyArchive as unknown as EventBridgeEnvelope);
    await handlerFor('en')(TRIAGE_CALLS.guardDutyArchive as unknown as EventBridgeEnvelope);
    expect(dynamoMock.commandCalls(UpdateItemCommand)).toHaveLength(0);
    expect(snsMock.commandCalls(PublishCommand)).toHaveLength(2);
  });

  test('an event it does not know fails the invocation (dead-letter queue and alarm), naming it', async () => {
    const unknown = {
      ...securityHubFindingEvent({ label: 'HIGH' }),
      'detail-type': 'Security Hub Insight Results',
    } as unknown as EventBridgeEnvelope;
    await expect(handlerFor('en')(unknown)).rejects.toThrow(
      'cannot alert on aws.securityhub "Security Hub Insight Results": no alert kind for this event',
    );
    const broken = { ...guardDutyFindingEvent({ severity: 8 }), detail: { severity: 8 } } as unknown as EventBridgeEnvelope;
    await expect(handlerFor('en')(broken)).rejects.toThrow('cannot alert on aws.guardduty "GuardDuty Finding": no id');
  });
});

describe('backup alerts', () => {
  test('a failed restore test is a restore test, an ordinary failed restore a job alert; both say what failed and why', async () => {
    await handlerFor('en')(
      restoreJobEvent({
        restoreTestingPlanArn: 'arn:aws:backup:eu-west-1:123456789012:restore-testing-plan:weekly-abc',
      }) as unknown as EventBridgeEnvelope,
    );
    await handlerFor('de')(restoreJobEvent({ status: 'FAILED' }) as unknown as EventBridgeEnvelope);
    const [test, restore] = snsMock.commandCalls(PublishCommand).map((call) => JSON.parse(call.args[0].input.Message!).email as string);
    expect(test).toMatch(/^HIGH: Restore test FAILED for EBS\n/);
    expect(test).toContain('The restore failed: the snapshot is not accessible with the restore role.');
    expect(restore).toMatch(/^HOCH: AWS Backup: Wiederherstellung FAILED für EBS\n/);
    expect(restore).toContain(
      'https://console.aws.amazon.com/backup/home?region=eu-west-1#/jobs/restore/details/3b6a7f4c-2d1e-4a5b-9c8d-7e6f5a4b3c2d',
    );
  });

  test('a copy job names the missing second-region copy; a partial job is medium', async () => {
    await handlerFor('en')(copyJobEvent('PARTIAL') as unknown as EventBridgeEnvelope);
    const publish = snsMock.commandCalls(PublishCommand)[0].args[0].input;
    expect(publish.Subject).toMatch(/^\[MEDIUM\] /);
    expect(JSON.parse(publish.Message!).email).toContain('this resource has no recent copy in the second region');
  });
});

describe('the daily subscription check', () => {
  const subscription = (topic: string, arn: string, endpoint: string) => ({
    TopicArn: TOPIC(topic),
    SubscriptionArn: arn,
    Protocol: 'email',
    Endpoint: endpoint,
    Owner: '123456789012',
  });

  beforeEach(() => {
    // The recorded shape of ListSubscriptionsByTopic: a pending subscription has no ARN yet.
    snsMock
      .on(ListSubscriptionsByTopicCommand, { TopicArn: TOPIC('SecurityAlerts') })
      .resolvesOnce({
        Subscriptions: [
          subscription('SecurityAlerts', `${TOPIC('SecurityAlerts')}:0b5d5c1e-1111-2222-3333-444455556666`, 'sam@acme.example'),
        ],
        NextToken: 'page-2',
      })
      .resolvesOnce({ Subscriptions: [subscription('SecurityAlerts', 'PendingConfirmation', 'new-cto@acme.example')] });
    snsMock.on(ListSubscriptionsByTopicCommand, { TopicArn: TOPIC('OperationsAlerts') }).resolves({
      Subscriptions: [subscription('OperationsAlerts', 'PendingConfirmation', 'olga@acme.example')],
    });
    snsMock.on(ListSubscriptionsByTopicCommand, { TopicArn: TOPIC('FinopsAlerts') }).resolves({ Subscriptions: [] });
  });

  test('publishes the pending count per topic, every page read', async () => {
    const result = await handlerFor('en')({});
    expect(result).toEqual({ pending: 2, reported: 2 });
    const data = cloudWatchMock.commandCalls(PutMetricDataCommand)[0].args[0].input;
    expect(data.Namespace).toBe('LandingZone/Alerts');
    expect(data.MetricData!.map((d) => [d.Dimensions![0].Value, d.Value])).toEqual([
      ['security', 1],
      ['operations', 1],
      ['finops', 0],
    ]);
  });

  test('reports each unconfirmed address once, to the operations topic, with a valid chat notification', async () => {
    await handlerFor('de')({});
    const publishes = snsMock.commandCalls(PublishCommand).map((call) => call.args[0].input);
    expect(publishes).toHaveLength(2);
    for (const publish of publishes) {
      expect(publish.TopicArn).toBe(TOPIC('OperationsAlerts'));
      expectValidChatNotification(JSON.parse(publish.Message!).https);
    }
    expect(JSON.parse(publishes[0].Message!).email).toContain('new-cto@acme.example (email)');
    expect(JSON.parse(publishes[0].Message!).email).toContain('Alarm-Abonnement nicht bestätigt (security)');
    const keys = dynamoMock.commandCalls(UpdateItemCommand).map((call) => call.args[0].input.Key!.pk.S);
    expect(keys).toEqual(['pending/security/email/new-cto@acme.example', 'pending/operations/email/olga@acme.example']);
  });

  test('an address already reported is not reported again; the count still is', async () => {
    dynamoMock
      .on(UpdateItemCommand)
      .rejects(new ConditionalCheckFailedException({ message: 'The conditional request failed', $metadata: {} }));
    expect(await handlerFor('en')({})).toEqual({ pending: 2, reported: 0 });
    expect(snsMock.commandCalls(PublishCommand)).toHaveLength(0);
    expect(cloudWatchMock.commandCalls(PutMetricDataCommand)).toHaveLength(1);
  });
});
