import { parseCollectorSettings, readCollectorEnvironment } from '../../../../lib/core/finops/collector-settings';

const valid = {
  client: { name: 'acme', displayName: 'Acme', timeZone: 'Europe/Berlin' },
  accounts: [{ name: 'production', id: '111111111111' }],
  finops: {},
};

test('parses the settings and applies the schema defaults', () => {
  const settings = parseCollectorSettings(JSON.stringify(valid));
  expect(settings.finops.collector).toEqual({ enabled: true, runAt: ['07:00', '15:00'], topServices: 8, maxRequestsPerRun: 40 });
});

test.each([
  [undefined, /COLLECTOR_SETTINGS is not set/],
  ['{', /COLLECTOR_SETTINGS is not valid JSON/],
  [
    JSON.stringify({ ...valid, client: { ...valid.client, timeZone: 'Mars/Base' } }),
    /COLLECTOR_SETTINGS is invalid: client.timeZone: must be an IANA time zone name/,
  ],
  [
    JSON.stringify({ ...valid, finops: { budgets: [{ name: 'x', monthlyLimitUsd: 0 }] } }),
    /finops.budgets.0.monthlyLimitUsd: must be greater than zero/,
  ],
  [
    JSON.stringify({ ...valid, finops: { collector: { maxRequestPerRun: 5 } } }),
    /finops.collector: unknown key "maxRequestPerRun" \(did you mean "maxRequestsPerRun"\?\)/,
  ],
])('rejects %j', (json, message) => {
  expect(() => parseCollectorSettings(json)).toThrow(message);
});

test('the environment needs the topic and the state parameter', () => {
  expect(() => readCollectorEnvironment({ COLLECTOR_SETTINGS: JSON.stringify(valid) })).toThrow(
    'missing environment variable(s): TOPIC_ARN, STATE_PARAMETER_NAME',
  );
  expect(
    readCollectorEnvironment({ COLLECTOR_SETTINGS: JSON.stringify(valid), TOPIC_ARN: 'arn:t', STATE_PARAMETER_NAME: '/p' }),
  ).toMatchObject({ topicArn: 'arn:t', stateParameterName: '/p' });
});
