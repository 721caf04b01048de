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
