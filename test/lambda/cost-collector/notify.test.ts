import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import { DigestNotifier } from '../../../lambda/cost-collector/notify';

const snsMock = mockClient(SNSClient);

beforeEach(() => {
  snsMock.reset();
});

test('publishes the digest to the topic with its subject', async () => {
  snsMock.on(PublishCommand).resolves({ MessageId: 'm-1' });
  const id = await new DigestNotifier(new SNSClient({}), 'arn:aws:sns:eu-west-1:111111111111:finops').send({ subject: 'S', message: 'M' });
  expect(id).toBe('m-1');
  expect(snsMock.commandCalls(PublishCommand)[0].args[0].input).toEqual({
    TopicArn: 'arn:aws:sns:eu-west-1:111111111111:finops',
    Subject: 'S',
    Message: 'M',
  });
});
