import { loadClientConfig } from '../../../../lib/core/config/load';
import {
  accountRole,
  accountSecurityParts,
  archiveAccount,
  billingAccount,
  runsWorkloads,
} from '../../../../lib/core/organization/account-roles';
import * as path from 'node:path';
import { ROOT } from '../../../helpers';

const FIXTURES = path.join(ROOT, 'test', 'fixtures', 'clients');

const example = loadClientConfig('example', path.join(ROOT, 'clients'));
const organization = loadClientConfig('org-new', FIXTURES);
const named = (name: string) => organization.accounts.find((account) => account.name === name)!;

describe('account roles', () => {
  test('single-account mode: every account is standalone, bills and archives for itself', () => {
    const account = example.accounts[0];
    expect(accountRole(example, account)).toBe('standalone');
    expect(billingAccount(example)).toBe(account);
    expect(archiveAccount(example, account)).toBe(account);
    expect(runsWorkloads(example, account)).toBe(true);
  });

  test('single-account mode: the parts follow the security switches exactly', () => {
    expect(accountSecurityParts(example, example.accounts[0])).toEqual({
      logArchive: true,
      trail: 'account',
      config: true,
      guardDutyDetector: true,
      securityHub: 'standards',
      accessAnalyzer: 'ACCOUNT',
      findingAlerts: true,
      delegatedAdministrator: false,
    });
  });

  test.each([
    ['management', 'management', false],
    ['security', 'security', false],
    ['log-archive', 'logArchive', false],
    ['production', 'member', true],
    ['sandbox', 'member', true],
  ] as const)('organization mode: %s is the %s account (workloads: %s)', (name, role, workloads) => {
    expect(accountRole(organization, named(name))).toBe(role);
    expect(runsWorkloads(organization, named(name))).toBe(workloads);
    expect(archiveAccount(organization, named(name)).name).toBe('log-archive');
  });

  test('organization mode: FinOps runs in the management account, whatever the order of accounts', () => {
    const reordered = { ...organization, accounts: [...organization.accounts].reverse() };
    expect(billingAccount(reordered).name).toBe('management');
  });

  test('organization mode: one archive, one organization trail, detection administered by the security account', () => {
    const parts = Object.fromEntries(organization.accounts.map((account) => [account.name, accountSecurityParts(organization, account)]));
    expect(
      Object.entries(parts)
        .filter(([, p]) => p.logArchive)
        .map(([name]) => name),
    ).toEqual(['log-archive']);
    expect(
      Object.entries(parts)
        .filter(([, p]) => p.trail)
        .map(([name, p]) => [name, p.trail]),
    ).toEqual([['management', 'organization']]);
    // No detector or hub in CloudFormation anywhere: designation and auto-enable create them.
    expect(Object.values(parts).some((p) => p.guardDutyDetector || p.securityHub)).toBe(false);
    expect(
      Object.entries(parts)
        .filter(([, p]) => p.findingAlerts)
        .map(([name]) => name),
    ).toEqual(['security']);
    expect(parts.security.accessAnalyzer).toBe('ORGANIZATION');
    expect(parts.security.delegatedAdministrator).toBe(true);
    // Config records in every account.
    expect(Object.values(parts).every((p) => p.config)).toBe(true);
  });
});
