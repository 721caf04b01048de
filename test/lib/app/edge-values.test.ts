import { buildTestApp, minimalClientInput, parseInput } from '../../helpers';

/**
 * What the client config accepts, the constructs accept: values at the edges of what the schema
 * allows go through the config and a synth of the whole landing zone. (Every client file and
 * fixture goes through both in test/lib/app/compliance.test.ts.)
 */
const TAG_CHARS = 'Ünïcödé _.:/=+-@ 7';

/** A client at the edges: each case changes the time zone; all carry the longest names and tags. */
function edgeInput(timeZone: string): Record<string, any> {
  const input = minimalClientInput();
  input.client.name = `a${'b'.repeat(30)}c`;
  input.client.timeZone = timeZone;
  input.client.costCenter = TAG_CHARS.repeat(20).slice(0, 256);
  input.accounts[0].name = `p${'r'.repeat(30)}d`;
  input.tagging = {
    costAllocationTagKeys: ['k'.repeat(128)],
    additionalTags: { ['t'.repeat(128)]: 'v'.repeat(256), [TAG_CHARS]: '' },
  };
  // The longest backup tag key: restore testing conditions take 112 characters, without @.
  input.backup = { tagKey: `Bäckup +-=._:/ ${'x'.repeat(112 - 15)}` };
  input.finops = {
    budgets: [{ name: 'tagged', monthlyLimitUsd: 0.01, scope: { type: 'tag', key: 'k'.repeat(128), value: 'v'.repeat(256) } }],
  };
  return input;
}

describe('values at the edges of the client config', () => {
  test.each([
    'UTC',
    'Europe/Berlin',
    'Etc/GMT+1',
    'Asia/Calcutta', // an alias that Intl resolves to another name
    'Asia/Kolkata',
    'America/Argentina/Buenos_Aires',
    'America/Port-au-Prince',
  ])('time zone %s with the longest names and tags: the config accepts it, and so does every construct', (timeZone) => {
    // given
    const config = parseInput(edgeInput(timeZone), edgeInput(timeZone).client.name);

    // when
    const assembly = buildTestApp(config).synth();

    // then
    expect(assembly.stacks.length).toBeGreaterThan(3);
  });
});

describe('the largest baseline protection boundary', () => {
  test('the longest client and account names in every EU region, with backups: the boundary stays under IAM limit of 6,144 characters', () => {
    // given: the boundary names the client, the account and every allowed region
    const input = edgeInput('UTC');
    input.allowedRegions = [
      'eu-west-1',
      'eu-west-2',
      'eu-west-3',
      'eu-central-1',
      'eu-central-2',
      'eu-north-1',
      'eu-south-1',
      'eu-south-2',
    ];
    input.backup = { ...input.backup, copy: { enabled: true, region: 'eu-central-2' } };
    const config = parseInput(input, input.client.name);

    // when: synthesis also runs the boundary's own size check
    const assembly = buildTestApp(config).synth();

    // then: as IAM counts it once deployed (no white space), a key ARN taking 80 characters
    const security = assembly.stacks.find((stack) => stack.stackName.endsWith('-Security'))!;
    const boundary = Object.values<any>(security.template.Resources).find(
      (r) => r.Type === 'AWS::IAM::ManagedPolicy' && r.Properties.ManagedPolicyName === `${input.client.name}-baseline-protection`,
    );
    const document = boundary.Properties.PolicyDocument;
    expect(document.Statement.find((s: any) => s.Sid === 'DenyOutsideAllowedRegions').Condition).toEqual({
      StringNotEquals: { 'aws:RequestedRegion': input.allowedRegions },
    });
    expect(deployedLength(document)).toBeLessThan(6144);
  });
});

/** Length of a policy document once CloudFormation has resolved it, in the `aws` partition. */
function deployedLength(document: unknown): number {
  const resolve = (value: any): any => {
    if (Array.isArray(value)) return value.map(resolve);
    if (value === null || typeof value !== 'object') return value;
    if (value.Ref === 'AWS::Partition') return 'aws';
    if (value.Ref === 'AWS::AccountId') return '123456789012';
    if (value['Fn::Join']) return value['Fn::Join'][1].map(resolve).join(value['Fn::Join'][0]);
    // A key's ARN from this or another stack (Fn::GetAtt, Fn::GetStackOutput).
    if (Object.keys(value).some((key) => key.startsWith('Fn::'))) return 'x'.repeat(80);
    return Object.fromEntries(Object.entries(value).map(([key, v]) => [key, resolve(v)]));
  };
  return JSON.stringify(resolve(document)).length;
}
