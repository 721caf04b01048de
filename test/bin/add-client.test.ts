import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseDocument } from 'yaml';
import { synthesizeClient } from '../../lib/app/app';
import { accountVpcRanges } from '../../lib/core/config/network-ranges';
import { loadClientConfig } from '../../lib/core/config/load';
import { newTestApp, ROOT } from '../helpers';

/**
 * "Add a client" as the README tells a consultant to do it: copy the example, edit the fields the
 * README lists, synthesize. A copy that keeps a placeholder is stopped with the field and what to
 * put there; the edited copy, with a second account, synthesizes through the compliance gate.
 */

const README = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
const addClientSection = README.slice(README.indexOf('## Add a client'), README.indexOf('\n## ', README.indexOf('## Add a client') + 1));

/** The edits of README step 2, as a consultant makes them (comments and layout kept). */
const EDITS: Array<[string[], unknown]> = [
  [['client', 'name'], 'acme'],
  [['client', 'displayName'], 'Acme Logistik GmbH'],
  [['client', 'costCenter'], 'IT-100'],
  [['contacts', 'owner', 'name'], 'Anna Albrecht'],
  [['contacts', 'owner', 'email'], 'anna.albrecht@acme-logistik.de'],
  [['contacts', 'technical', 'name'], 'Chris Consultant'],
  [['contacts', 'technical', 'email'], 'chris@consultant.de'],
  [['contacts', 'technical', 'phone'], '+49 40 5550100'],
  [['contacts', 'billing', 'name'], 'Berta Buchhaltung'],
  [['contacts', 'billing', 'email'], 'rechnungen@acme-logistik.de'],
  [['contacts', 'billing', 'phone'], '+49 40 5550101'],
  [['notifications', 'emails', 'security'], ['security@acme-logistik.de']],
  [['notifications', 'emails', 'operations'], ['it@acme-logistik.de']],
  [['accounts', '0', 'id'], '123456789012'],
  [['security', 'iam', 'identitySource', 'accountId'], '210987654321'],
  [['security', 'iam', 'deployer', 'github', 'repository'], 'chris-consulting/landing-zones'],
  [['security', 'iam', 'deployer', 'principals'], ['arn:aws:iam::210987654321:role/chris']],
];

function copyExample(edit: (doc: ReturnType<typeof parseDocument>) => void): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lz-add-client-'));
  const doc = parseDocument(fs.readFileSync(path.join(ROOT, 'clients', 'example.yaml'), 'utf8'));
  edit(doc);
  fs.writeFileSync(path.join(dir, 'acme.yaml'), doc.toString());
  return dir;
}

const setIn = (doc: ReturnType<typeof parseDocument>, keys: string[], value: unknown) =>
  doc.setIn(
    keys.map((key) => (/^\d+$/.test(key) ? Number(key) : key)),
    doc.createNode(value),
  );

describe('adding a client by copying the example', () => {
  test('the README lists every field a copy must change', () => {
    for (const [keys] of EDITS) {
      // the field itself or the section it belongs to, e.g. `contacts.owner` for contacts.owner.email
      const names = keys.filter((key) => !/^\d+$/.test(key));
      const field = names.join('.');
      const listed = names.some(
        (_name, depth) =>
          addClientSection.includes(`| \`${names.slice(0, depth + 1).join('.')}\``) ||
          addClientSection.includes(`, \`${names.slice(0, depth + 1).join('.')}\``),
      );
      expect({ field, listed }).toEqual({ field, listed: true });
    }
  });

  test('a copy that only got its new name is stopped, naming every placeholder and what to put there', () => {
    // given
    const dir = copyExample((doc) => setIn(doc, ['client', 'name'], 'acme'));
    const app = newTestApp();

    // when
    const outcome = synthesizeClient(app, 'acme', dir);

    // then
    expect(outcome.exitCode).toBe(1);
    const problems = outcome.stderr.split('\n').filter((line) => line.startsWith('  - '));
    expect(problems.map((line) => /^ {2}- (\S+) \(line \d+\)/.exec(line)?.[1])).toEqual([
      'client.displayName',
      'contacts.owner.name',
      'contacts.owner.email',
      'contacts.technical.name',
      'contacts.technical.email',
      'contacts.technical.phone',
      'contacts.billing.name',
      'contacts.billing.email',
      'contacts.billing.phone',
      'accounts[0].id',
      'notifications.emails.security[0]',
      'notifications.emails.operations[0]',
      'security.iam.identitySource.accountId',
      'security.iam.deployer.github.repository',
      'security.iam.deployer.principals[0]',
    ]);
    for (const line of problems) expect(line).toMatch(/is the example's placeholder.*: put /);
    expect(fs.readdirSync(app.outdir).filter((f) => f.endsWith('.template.json'))).toEqual([]);
  });

  test('the edited copy with a second account synthesizes through the gate, each account with its own VPC range', () => {
    // given: the README's edits, and a staging account added at the end (no network range of its own)
    const dir = copyExample((doc) => {
      for (const [keys, value] of EDITS) setIn(doc, keys, value);
      (doc.get('accounts') as { add: (node: unknown) => void }).add(
        doc.createNode({ name: 'staging', id: '345678901234', homeRegion: 'eu-central-1' }),
      );
    });
    const app = newTestApp();

    // when
    const outcome = synthesizeClient(app, 'acme', dir);

    // then
    expect(outcome).toEqual({ exitCode: 0, stderr: '' });
    const templates = fs.readdirSync(app.outdir).filter((f) => f.endsWith('.template.json'));
    expect(templates).toEqual(expect.arrayContaining(['Acme-Production-Foundation.template.json', 'Acme-Staging-Network.template.json']));
    const config = loadClientConfig('acme', dir);
    expect(
      accountVpcRanges(
        config.network,
        config.accounts.map((a) => a.name),
      ).map((r) => r.cidr),
    ).toEqual(['10.20.0.0/16', '10.21.0.0/16']);
  });
});
