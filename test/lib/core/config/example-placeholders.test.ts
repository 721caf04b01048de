import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import {
  EXAMPLE_ACCOUNT_IDS,
  EXAMPLE_CONTACT_NAMES,
  EXAMPLE_DEPLOYER_REPOSITORY,
  EXAMPLE_DISPLAY_NAME,
  EXAMPLE_EMAIL_DOMAIN,
  EXAMPLE_IDENTITY_ACCOUNT_ID,
  EXAMPLE_PHONES,
  findExamplePlaceholders,
} from '../../../../lib/core/config/example-placeholders';
import { ROOT } from '../../../helpers';

const exampleText = fs.readFileSync(path.join(ROOT, 'clients', 'example.yaml'), 'utf8');
const example = parse(exampleText) as Record<string, any>;

describe('the example placeholders and clients/example.yaml stay in step', () => {
  test('every placeholder value is in the example file', () => {
    for (const value of [
      ...EXAMPLE_ACCOUNT_IDS,
      EXAMPLE_IDENTITY_ACCOUNT_ID,
      EXAMPLE_DEPLOYER_REPOSITORY,
      ...EXAMPLE_CONTACT_NAMES,
      ...EXAMPLE_PHONES,
      EXAMPLE_DISPLAY_NAME,
      `@${EXAMPLE_EMAIL_DOMAIN}`,
    ]) {
      expect({ value, inExample: exampleText.includes(value) }).toEqual({ value, inExample: true });
    }
  });

  test('every account id, contact and alert address of the example is a placeholder, so a copy cannot keep one unnoticed', () => {
    // given: the example under another name, as a consultant's first copy is
    const copy = { ...example, client: { ...example.client, name: 'acme' } };
    const contacts = Object.entries(example.contacts as Record<string, Record<string, string>>);
    const alertAddresses = Object.entries(example.notifications.emails as Record<string, string[]>);

    // when
    const flagged = findExamplePlaceholders(copy).map((finding) => finding.path.join('.'));

    // then
    const expected = [
      'client.displayName',
      ...contacts.flatMap(([role, person]) =>
        (['name', 'email', 'phone'] as const).filter((field) => person[field] !== undefined).map((field) => `contacts.${role}.${field}`),
      ),
      ...alertAddresses.flatMap(([topic, list]) => list.map((_address, index) => `notifications.emails.${topic}.${index}`)),
      ...(example.accounts as unknown[]).map((_account, index) => `accounts.${index}.id`),
      'security.iam.identitySource.accountId',
      'security.iam.deployer.github.repository',
      ...(example.security.iam.deployer.principals as unknown[]).map((_arn, index) => `security.iam.deployer.principals.${index}`),
    ];
    expect(flagged.sort()).toEqual(expected.sort());
  });
});

describe('findExamplePlaceholders', () => {
  test('the example itself may hold them', () => {
    expect(findExamplePlaceholders(example)).toEqual([]);
  });

  test('says what to put in place of each, naming the account', () => {
    const findings = findExamplePlaceholders({
      client: { name: 'acme' },
      accounts: [
        { name: 'production', id: '111111111111' },
        { name: 'staging', id: '210987654321' },
      ],
      security: { iam: { identitySource: { type: 'account', accountId: '999999999999' } } },
    });
    expect(findings).toEqual([
      {
        path: ['accounts', 0, 'id'],
        value: '111111111111',
        message: expect.stringMatching(/example's placeholder: put the 12-digit id of the client's AWS account "production", quoted/),
      },
      {
        path: ['security', 'iam', 'identitySource', 'accountId'],
        value: '999999999999',
        message: expect.stringMatching(/put your own \(the consultant's\) 12-digit AWS account id, use \{type: saml, providerArn\}/),
      },
    ]);
  });

  test('leaves real values and other identity sources alone, and reads a half-written file without failing', () => {
    expect(
      findExamplePlaceholders({
        client: { name: 'acme', displayName: 'Acme Ltd' },
        contacts: { owner: { name: 'Olivia Owner', email: 'owner@acme.example', phone: '+44 20 7946 0000' }, technical: 'not a mapping' },
        notifications: { emails: { security: ['sec@acme.example'], finops: 'not a list' } },
        accounts: [{ name: 'production', id: '123456789012' }, null],
        security: { iam: { identitySource: { type: 'saml', providerArn: 'arn:aws:iam::123456789012:saml-provider/Entra' } } },
      }),
    ).toEqual([]);
    expect(findExamplePlaceholders({})).toEqual([]);
  });
});
