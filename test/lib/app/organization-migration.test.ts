import * as path from 'node:path';
import { Stack } from 'aws-cdk-lib';
import { loadClientConfig } from '../../../lib/core/config/load';
import { buildTestApp, parseInput, ROOT } from '../../helpers';

/**
 * The README's promise for a single-account client that moves to an organization: its existing
 * account becomes a member, and whatever its stacks no longer declare (its own trail, log
 * archive, detectors, hubs) is retained by CloudFormation, not deleted: no log, finding or
 * recovery point is lost. Checked on the example client, with and without an organization.
 */

/** Resource types that hold data, or whose deletion would lose data. */
const STATEFUL = [
  'AWS::S3::Bucket',
  'AWS::KMS::Key',
  'AWS::Logs::LogGroup',
  'AWS::GuardDuty::Detector',
  'AWS::SecurityHub::Hub',
  'AWS::Backup::BackupVault',
  'AWS::DynamoDB::Table',
  'AWS::SQS::Queue',
  'AWS::SSM::Parameter',
];

type Resources = Record<string, { Type: string; DeletionPolicy?: string }>;

/** Every resource of one account's stacks, by stack name and logical id. */
function resourcesOf(app: ReturnType<typeof buildTestApp>, accountId: string): Map<string, { Type: string; DeletionPolicy?: string }> {
  const assembly = app.synth();
  const result = new Map<string, { Type: string; DeletionPolicy?: string }>();
  for (const stack of app.node.children.filter((child): child is Stack => child instanceof Stack)) {
    if (stack.account !== accountId) continue;
    const resources = (assembly.getStackArtifact(stack.artifactId).template.Resources ?? {}) as Resources;
    for (const [id, resource] of Object.entries(resources)) result.set(`${stack.stackName}/${id}`, resource);
  }
  return result;
}

describe('moving the example client to an organization', () => {
  const single = loadClientConfig('example', path.join(ROOT, 'clients'));
  const input = JSON.parse(JSON.stringify(single)) as Record<string, any>;
  // The existing account becomes an invited member; three new accounts join it.
  input.accounts = [
    { name: 'management', id: '222222222201', homeRegion: 'eu-central-1' },
    ...single.accounts,
    { name: 'security', id: '222222222202', homeRegion: 'eu-central-1' },
    { name: 'log-archive', id: '222222222203', homeRegion: 'eu-central-1' },
  ];
  input.organization = {
    managementAccount: 'management',
    securityAccount: 'security',
    logArchiveAccount: 'log-archive',
    accounts: {
      production: { unit: 'Workloads/Production', origin: 'invited' },
      security: { unit: 'Security', origin: 'created', email: 'aws-security@example.org' },
      'log-archive': { unit: 'Security', origin: 'created', email: 'aws-logs@example.org' },
    },
  };
  const organized = parseInput(input, 'example');
  const production = single.accounts[0].id;
  const before = resourcesOf(buildTestApp(single), production);
  const after = resourcesOf(buildTestApp(organized), production);
  const removed = [...before].filter(([key]) => !after.has(key));

  test('the account loses its own trail, log archive and detectors (they are central now)', () => {
    const removedTypes = new Set(removed.map(([, resource]) => resource.Type));
    for (const type of ['AWS::CloudTrail::Trail', 'AWS::S3::Bucket', 'AWS::GuardDuty::Detector', 'AWS::SecurityHub::Hub']) {
      expect(removedTypes).toContain(type);
    }
  });

  test("every stateful resource that leaves the account's stacks is retained by CloudFormation, not deleted", () => {
    const stateful = removed.filter(([, resource]) => STATEFUL.includes(resource.Type));
    expect(stateful.length).toBeGreaterThan(0);
    expect(stateful.filter(([, resource]) => resource.DeletionPolicy !== 'Retain').map(([key, r]) => `${key} (${r.Type})`)).toEqual([]);
  });

  test('the backup vault and its key stay in the member account, unchanged', () => {
    const vaults = [...before].filter(([, resource]) => resource.Type === 'AWS::Backup::BackupVault').map(([key]) => key);
    expect(vaults.length).toBeGreaterThan(0);
    for (const vault of vaults) expect(after.get(vault)).toEqual(before.get(vault));
  });
});
