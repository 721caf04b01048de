import { matchesEventPattern } from './event-pattern';

// The cases are the examples of the EventBridge user guide ("Creating event patterns", "Content
// filtering in Amazon EventBridge event patterns", "Arrays in event patterns"), with the event
// and the outcome the pages give.

const EC2_STATE_CHANGE = {
  version: '0',
  id: '6a7e8feb-b491-4cf7-a9f1-bf3703467718',
  'detail-type': 'EC2 Instance State-change Notification',
  source: 'aws.ec2',
  account: '111122223333',
  time: '2017-12-22T18:43:48Z',
  region: 'us-west-1',
  resources: ['arn:aws:ec2:us-west-1:123456789012:instance/i-1234567890abcdef0'],
  detail: { 'instance-id': 'i-1234567890abcdef0', state: 'terminated' },
};

describe('matchesEventPattern', () => {
  test.each([
    ['exact values, one of a list', { source: ['aws.ec2'], detail: { state: ['pending', 'terminated'] } }, true],
    ['a value that is not in the list', { detail: { state: ['running'] } }, false],
    ['a field the event lacks', { detail: { 'no-such-field': ['x'] } }, false],
    ['prefix', { time: [{ prefix: '2017-12-22' }] }, true],
    ['suffix', { 'detail-type': [{ suffix: 'Notification' }] }, true],
    ['equals-ignore-case', { source: [{ 'equals-ignore-case': 'AWS.EC2' }] }, true],
    ['anything-but a value', { detail: { state: [{ 'anything-but': 'initializing' }] } }, true],
    ['anything-but a list that holds the value', { detail: { state: [{ 'anything-but': ['stopped', 'terminated'] }] } }, false],
    ['anything-but a prefix', { detail: { state: [{ 'anything-but': { prefix: 'term' } }] } }, false],
    ['anything-but on a field the event lacks', { detail: { missing: [{ 'anything-but': 'x' }] } }, false],
    ['exists: true on a present leaf', { detail: { state: [{ exists: true }] } }, true],
    ['exists: false on a missing field', { detail: { 'c-count': [{ exists: false }] } }, true],
    ['exists: false on a present leaf', { detail: { state: [{ exists: false }] } }, false],
    [
      'an event array: any element matches',
      { resources: ['arn:aws:ec2:us-west-1:123456789012:instance/i-1234567890abcdef0', 'other'] },
      true,
    ],
    ['an event array: no element matches', { resources: ['arn:aws:ec2:us-west-1:123456789012:instance/i-0'] }, false],
  ])('%s', (_, pattern, expected) => {
    expect(matchesEventPattern(pattern, EC2_STATE_CHANGE)).toBe(expected);
  });

  test('numeric ranges, from the content filtering page', () => {
    const event = { detail: { 'c-count': 5, 'd-count': 3, 'x-limit': 301.8 } };
    const pattern = {
      detail: {
        'c-count': [{ numeric: ['>', 0, '<=', 5] }],
        'd-count': [{ numeric: ['<', 10] }],
        'x-limit': [{ numeric: ['=', 3.018e2] }],
      },
    };
    expect(matchesEventPattern(pattern, event)).toBe(true);
    expect(matchesEventPattern({ detail: { 'c-count': [{ numeric: ['>', 5] }] } }, event)).toBe(false);
    // A number in quotes is a string: numeric does not match it, and exact values compare as JSON.
    expect(matchesEventPattern({ detail: { n: [{ numeric: ['>', 0] }] } }, { detail: { n: '5' } })).toBe(false);
    expect(matchesEventPattern({ detail: { n: [5] } }, { detail: { n: '5' } })).toBe(false);
  });

  test('null and the empty string are values of their own', () => {
    const event = { detail: { responseElements: null, eventVersion: '' } };
    expect(matchesEventPattern({ detail: { responseElements: [null], eventVersion: [''] } }, event)).toBe(true);
    expect(matchesEventPattern({ detail: { eventVersion: [null] } }, event)).toBe(false);
  });

  test('a nested pattern matches one element of an array of objects (Security Hub findings)', () => {
    const event = { detail: { findings: [{ Severity: { Label: 'LOW' } }, { Severity: { Label: 'HIGH' } }] } };
    expect(matchesEventPattern({ detail: { findings: { Severity: { Label: ['HIGH'] } } } }, event)).toBe(true);
    expect(matchesEventPattern({ detail: { findings: { Severity: { Label: ['CRITICAL'] } } } }, event)).toBe(false);
  });

  test.each([
    ['$or', { $or: [{ source: ['a'] }] }],
    ['wildcard', { source: [{ wildcard: 'aws.*' }] }],
    ['cidr', { detail: { ip: [{ cidr: '10.0.0.0/24' }] } }],
    ['prefix with equals-ignore-case', { source: [{ prefix: { 'equals-ignore-case': 'AWS' } }] }],
  ])('refuses to answer for an operator it does not implement: %s', (_, pattern) => {
    expect(() => matchesEventPattern(pattern, { source: 'aws.ec2', detail: { ip: '10.0.0.1' } })).toThrow(/not implemented/);
  });
});
