import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import { DigestNotifier } from '../../../lambda/cost-collector/notify';
import type { ChatNotification } from '../../../lib/core/alerts/render';

const snsMock = mockClient(SNSClient);

beforeEach(() => {
  snsMock.reset();
});

const CHAT: ChatNotification = { version: '1.0', source: 'custom', content: { textType: 'client-markdown', title: 'T', description: 'D' } };

test('publishes the digest to the topic with its subject, one message per protocol', async () => {
  snsMock.on(PublishCommand).resolves({ MessageId: 'm-1' });
  const id = await new DigestNotifier(new SNSClient({}), 'arn:aws:sns:eu-west-1:111111111111:finops').send({
    subject: 'S',
    message: 'M',
    chat: CHAT,
  });
  expect(id).toBe('m-1');
  const input = snsMock.commandCalls(PublishCommand)[0].args[0].input;
  expect(input).toEqual({
    TopicArn: 'arn:aws:sns:eu-west-1:111111111111:finops',
    Subject: 'S',
    MessageStructure: 'json',
    Message: expect.any(String),
  });
  expect(JSON.parse(input.Message!)).toEqual({ default: 'M', email: 'M', https: JSON.stringify(CHAT) });
});
