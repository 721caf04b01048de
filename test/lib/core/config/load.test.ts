import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ConfigError, formatPath, listClients, loadClientConfig, parseClientConfig } from '../../../../lib/core/config/load';

function tempClientsDir(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'clients-'));
  for (const [name, content] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), content);
  return dir;
}

const VALID = `
client: { name: acme, displayName: Acme, costCenter: CC-1 }
contacts:
  owner: { name: O, email: o@acme.example }
  technical: { name: T, email: t@acme.example, title: CTO, phone: "+44 20 7946 0000" }
accounts:
  - { name: prod, id: "123456789012", homeRegion: eu-west-1 }
allowedRegions: [eu-west-1]
`;

describe('loadClientConfig', () => {
  test('loads the shipped example client', () => {
    const config = loadClientConfig('example');
    expect(config.client.name).toBe('example');
    expect(config.accounts.length).toBeGreaterThan(0);
  });

  test('a client without a file is an error that lists the clients that exist', () => {
    const dir = tempClientsDir({ 'acme.yaml': VALID, 'globex.yaml': VALID, 'notes.txt': 'not a client' });
    expect(() => loadClientConfig('initech', dir)).toThrow(/no such client\. Clients that exist: acme, globex\./);
  });

  test('a client name that could escape the clients directory is rejected', () => {
    const dir = tempClientsDir({ 'acme.yaml': VALID });
    expect(() => loadClientConfig('../acme', dir)).toThrow(ConfigError);
  });

  test('lists clients by file name', () => {
    expect(listClients(tempClientsDir({ 'b.yaml': '', 'a.yaml': '', 'c.yml.bak': '' }))).toEqual(['a', 'b']);
  });
});

describe('parseClientConfig', () => {
  test('YAML syntax errors are reported with their line', () => {
    const error = catchConfigError(() => parseClientConfig('client:\n  name: [unclosed\n', 'acme.yaml'));
    expect(error.problems[0]).toMatchObject({ line: expect.any(Number), message: expect.stringMatching(/not valid YAML/) });
  });

  test('duplicate keys in the YAML are an error rather than a silent override', () => {
    expect(() => parseClientConfig(`${VALID}\nallowedRegions: [eu-west-2]\n`, 'acme.yaml')).toThrow(/not valid YAML/);
  });

  test('an empty file reports the required sections', () => {
    const error = catchConfigError(() => parseClientConfig('', 'acme.yaml'));
    expect(error.problems.map((p) => p.path)).toEqual(expect.arrayContaining(['client', 'contacts', 'accounts', 'allowedRegions']));
  });

  test('problems point at the line of the offending value and come in file order', () => {
    const yaml = VALID.replace('"123456789012"', '"1234"').replace('o@acme.example', 'nope');
    const error = catchConfigError(() => parseClientConfig(yaml, 'acme.yaml'));
    expect(error.problems.map((p) => [p.path, p.line])).toEqual([
      ['contacts.owner.email', 4],
      ['accounts[0].id', 7],
    ]);
    expect(error.message).toContain('acme.yaml: 2 problems:');
    expect(error.message).toContain('accounts[0].id (line 7): must be exactly 12 digits');
    expect(error.message).toContain('(received "1234")');
  });

  test('client.name must equal the file name', () => {
    expect(() => parseClientConfig(VALID, 'globex.yaml', 'globex')).toThrow(/client\.name .*must equal the file name "globex"/);
  });
});

describe('formatPath', () => {
  test.each([
    [[], ''],
    [['client', 'name'], 'client.name'],
    [['accounts', 0, 'id'], 'accounts[0].id'],
    [['finops', 'budgets', 2, 'thresholds', 1], 'finops.budgets[2].thresholds[1]'],
  ])('%j -> %s', (segments, expected) => {
    expect(formatPath(segments)).toBe(expected);
  });
});

function catchConfigError(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}
