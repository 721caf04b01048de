import { GetParameterCommand, ParameterNotFound, PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { mockClient } from 'aws-sdk-client-mock';
import { StateStore } from '../../../lambda/cost-collector/state';

const ssmMock = mockClient(SSMClient);
const store = () => new StateStore(new SSMClient({}), '/acme/finops/collector-state');

beforeEach(() => {
  ssmMock.reset();
});

test('loads the saved state', async () => {
  ssmMock
    .on(GetParameterCommand, { Name: '/acme/finops/collector-state' })
    .resolves({ Parameter: { Value: '{"month":"2026-03","reported":{"all":["a80"]}}' } });
  expect(await store().load()).toEqual({ state: { month: '2026-03', reported: { all: ['a80'] } } });
});

test.each([
  ['the placeholder the stack creates', '{}', undefined],
  ['a hand-edited value', 'hello', 'the state parameter does not hold JSON'],
])('%s is no state', async (_name, value, problem) => {
  ssmMock.on(GetParameterCommand).resolves({ Parameter: { Value: value } });
  expect(await store().load()).toEqual({ state: undefined, ...(problem ? { problem } : {}) });
});

test('a missing parameter is no state; other errors fail', async () => {
  ssmMock
    .on(GetParameterCommand)
    .rejectsOnce(new ParameterNotFound({ message: 'nope', $metadata: {} }))
    .rejects(new Error('AccessDenied'));
  expect(await store().load()).toEqual({ state: undefined });
  await expect(store().load()).rejects.toThrow('AccessDenied');
});

test('saves the state as a String, overwriting', async () => {
  ssmMock.on(PutParameterCommand).resolves({});
  await store().save({ month: '2026-03', reported: { all: ['f100', 'a80'] } });
  expect(ssmMock.commandCalls(PutParameterCommand)[0].args[0].input).toEqual({
    Name: '/acme/finops/collector-state',
    Value: '{"month":"2026-03","reported":{"all":["a80","f100"]}}',
    Type: 'String',
    Overwrite: true,
  });
});

test('refuses a state larger than a standard parameter, naming the parameter', async () => {
  const reported = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`budget-${i}-${'x'.repeat(80)}`, ['a80', 'a100', 'f100']]));
  await expect(store().save({ month: '2026-03', reported })).rejects.toThrow(
    /more than the 4096 bytes of a standard SSM parameter \(\/acme\/finops\/collector-state\)/,
  );
  expect(ssmMock.commandCalls(PutParameterCommand)).toHaveLength(0);
});

test('a state too large only with its forecast cache is saved without it', async () => {
  ssmMock.on(PutParameterCommand).resolves({});
  const reported = Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`budget-${i}-${'x'.repeat(60)}`, ['a80', 'a100', 'f100']]));
  const amounts = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`key${i}xxxxxx`, 123456.789012]));
  await store().save({ month: '2026-03', reported, forecasts: { date: '2026-03-15', from: '2026-03-15', amounts } });
  const saved = JSON.parse(ssmMock.commandCalls(PutParameterCommand)[0].args[0].input.Value!);
  expect(saved.forecasts).toBeUndefined();
  expect(Object.keys(saved.reported)).toHaveLength(40);
});
