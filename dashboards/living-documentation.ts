import { ClientConfig } from '../lib/core/config/schema';

/**
 * The "what is this landing zone" text, generated at synth time from the client configuration, so
 * the dashboard always says what is actually deployed: accounts and regions, which layers are on,
 * who to call, where the runbooks are.
 */
export function livingDocumentation(config: ClientConfig): string {
  const on = (enabled: boolean) => (enabled ? 'on' : 'off');
  const security = config.security;
  const backup = config.backup;
  const contacts = [
    ['Owner', config.contacts.owner],
    ['Technical (platform)', config.contacts.technical],
    ['Security', config.contacts.security],
    ['Billing', config.contacts.billing],
    ['Operations', config.contacts.operations],
  ].filter((entry): entry is [string, NonNullable<ClientConfig['contacts']['owner']>] => entry[1] !== undefined);
  return [
    `# ${config.client.displayName}: landing zone`,
    `**Accounts:** ${config.accounts.map((a) => `${a.name} (${a.id}, home ${a.homeRegion})`).join(', ')} · **Data stays in:** ${config.allowedRegions.join(', ')} · **Time zone:** ${config.client.timeZone}`,
    '',
    '| Part | State |',
    '| --- | --- |',
    `| Audit logging (CloudTrail, Config, log archive) | trail ${on(security.enabled && security.cloudTrail.enabled)}, Config ${on(security.enabled && security.config.enabled)} (${security.config.recordingFrequency.toLowerCase()}) |`,
    `| Threat detection | GuardDuty ${on(security.enabled && security.guardDuty.enabled)}, Security Hub ${on(security.enabled && security.securityHub.enabled)}, Access Analyzer ${on(security.enabled && security.accessAnalyzer.enabled)} |`,
    `| Backups | ${backup.enabled ? `tag \`${backup.tagKey}\` = daily (${backup.tiers.daily.retentionDays} d) / weekly (${backup.tiers.weekly.retentionDays} d) / monthly (${backup.tiers.monthly.retentionDays} d); vault lock ${backup.vaultLock.mode.toLowerCase()}; copies ${backup.copy.enabled ? `to ${backup.copy.region}` : 'off'}; restore test ${on(backup.restoreTesting.enabled)}` : 'off'} |`,
    `| Network baseline | ${on(config.network.enabled)} |`,
    `| FinOps | ${config.finops.budgets.length} budget(s), collector ${on(config.finops.enabled && config.finops.collector.enabled)}, anomaly detection ${on(config.finops.enabled && config.finops.anomalyDetection.enabled)} |`,
    '',
    `**Who to call:** ${contacts.map(([role, c]) => `${role}: ${c.name} <${c.email}>${c.phone ? `, ${c.phone}` : ''}`).join(' · ')}`,
    '',
    '**Runbooks** (in the landing zone repository): restore a backup: README "How to restore"; alerts and what to do: each alarm\'s description; CIS findings: `docs/cis-mapping.md`; break-glass and baseline protection: `docs/decisions/004-baseline-protection.md`, `005-backup-design.md`.',
  ].join('\n');
}
