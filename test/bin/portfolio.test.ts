import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { stringify } from 'yaml';
import { main, loadClients } from '../../bin/portfolio';
import { DEFAULT_CLIENTS_DIR, listClients } from '../../lib/core/config/load';
import { estimateLandingZoneCost } from '../../lib/core/finops/landing-zone-estimate';
import { formatRange, portfolioRows } from '../../lib/core/portfolio/portfolio';
import { CLIENT_DIRS, minimalClientInput, ROOT } from '../helpers';

const NOW = new Date('2026-12-07T10:00:00Z');
const tempDir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'portfolio-'));

describe.each(CLIENT_DIRS)('npm run portfolio over %s', (clientsDir) => {
  const out = tempDir();
  const result = main(['--clients-dir', clientsDir, '--out', out], NOW);
  const clients = loadClients(clientsDir);

  test('prints one row per client with its landing zone cost, and writes Markdown and HTML', () => {
    expect(result).toMatchObject({ exitCode: 0, stderr: '' });
    expect(clients.map((c) => c.client)).toEqual(listClients(clientsDir));
    for (const loaded of clients) {
      if (!('config' in loaded)) throw new Error(`${loaded.client} has problems`);
      const cost = formatRange(estimateLandingZoneCost(loaded.config).total);
      const line = result.stdout.split('\n').find((l) => l.includes(`(${loaded.client})`) || l.startsWith(`${loaded.client} `));
      expect(line).toBeDefined();
      expect(line).toContain(cost);
      expect(line).toMatch(/none$/);
    }
    const markdown = fs.readFileSync(path.join(out, 'portfolio.md'), 'utf8');
    const html = fs.readFileSync(path.join(out, 'portfolio.html'), 'utf8');
    for (const row of portfolioRows(clients)) {
      expect(markdown).toContain(formatRange(row.monthlyCost!));
      expect(html).toContain(`data-client="${row.client}"`);
    }
  });

  test("the consultant's own cost, where there is a consultant file", () => {
    if (clientsDir.endsWith('portfolio'))
      expect(result.stdout).toMatch(/Portfolio dashboard in account 900000000001: 2 client\(s\) share their metrics; USD 3\.10-6\.10/);
    else expect(result.stdout).not.toContain('Portfolio dashboard in account');
  });

  test('the HTML is self-contained: no script, no external resource', () => {
    const html = fs.readFileSync(path.join(out, 'portfolio.html'), 'utf8');
    expect(html).not.toMatch(/<script|<link|src=|url\(/i);
  });
});

describe('npm run portfolio with a client file that has problems', () => {
  const dir = tempDir();
  const broken = minimalClientInput();
  broken.client.name = 'broken';
  broken.accounts[0].id = '123';
  fs.writeFileSync(path.join(dir, 'broken.yaml'), stringify(broken));
  const good = minimalClientInput();
  fs.writeFileSync(path.join(dir, 'acme.yaml'), stringify(good));
  fs.copyFileSync(path.join(ROOT, 'test', 'fixtures', 'portfolio', '_consultant.yaml'), path.join(dir, '_consultant.yaml'));
  const result = main(['--clients-dir', dir, '--out', path.join(dir, 'out')], NOW);

  test('lists it first, with each problem and no cost, and skips the consultant file', () => {
    expect(result.exitCode).toBe(0);
    const rows = result.stdout.split('\n').filter((line) => /^(broken|Acme)/.test(line));
    expect(rows[0]).toMatch(/^broken .* - +1$/);
    expect(result.stdout).toContain('- broken: accounts[0].id: must be exactly 12 digits');
    expect(result.stdout).not.toMatch(/^_consultant/m);
    expect(result.stdout).toContain('0 client(s) share their metrics');
  });

  test('an empty directory is an error', () => {
    expect(main(['--clients-dir', tempDir()], NOW)).toMatchObject({ exitCode: 1, stderr: expect.stringContaining('No client files') });
  });

  test('the default clients directory is clients/', () => {
    expect(DEFAULT_CLIENTS_DIR).toMatch(/clients$/);
  });
});
