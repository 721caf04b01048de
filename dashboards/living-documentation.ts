import { catalogue } from '../lib/core/alerts/catalogue';
import { ClientConfig } from '../lib/core/config/schema';

/**
 * The "what is this landing zone" text, generated at synth time from the client configuration, so
 * the dashboard always says what is actually deployed: accounts and regions, which layers are on,
 * who to call, where the runbooks are. In the client's language.
 */
export function livingDocumentation(config: ClientConfig): string {
  const texts = catalogue(config.client.language).dashboards;
  const t = texts.living;
  const on = (enabled: boolean) => (enabled ? t.on : t.off);
  const security = config.security;
  const backup = config.backup;
  const contacts = [
    [texts.roles.owner, config.contacts.owner],
    [texts.roles.platform, config.contacts.technical],
    [texts.roles.security, config.contacts.security],
    [texts.roles.billing, config.contacts.billing],
    [texts.roles.operations, config.contacts.operations],
  ].filter((entry): entry is [string, NonNullable<ClientConfig['contacts']['owner']>] => entry[1] !== undefined);
  const backupState = backup.enabled
    ? t.backupState(
        backup.tagKey,
        backup.tiers.daily.retentionDays,
        backup.tiers.weekly.retentionDays,
        backup.tiers.monthly.retentionDays,
        backup.vaultLock.mode.toLowerCase(),
        backup.copy.enabled ? t.copiesTo(String(backup.copy.region)) : t.off,
        on(backup.restoreTesting.enabled),
      )
    : t.off;
  return [
    t.title(config.client.displayName),
    `${t.accounts} ${config.accounts.map((a) => `${a.name} (${a.id}, ${t.home(a.homeRegion)})`).join(', ')} · ${t.dataStaysIn} ${config.allowedRegions.join(', ')} · ${t.timeZone} ${config.client.timeZone}`,
    '',
    `| ${t.columns[0]} | ${t.columns[1]} |`,
    '| --- | --- |',
    `| ${t.audit} | ${t.trail(on(security.enabled && security.cloudTrail.enabled), on(security.enabled && security.config.enabled), security.config.recordingFrequency.toLowerCase())} |`,
    `| ${t.threats} | GuardDuty ${on(security.enabled && security.guardDuty.enabled)}, Security Hub ${on(security.enabled && security.securityHub.enabled)}, Access Analyzer ${on(security.enabled && security.accessAnalyzer.enabled)} |`,
    `| ${t.backups} | ${backupState} |`,
    `| ${t.network} | ${on(config.network.enabled)} |`,
    `| ${t.finops} | ${t.finopsState(config.finops.budgets.length, on(config.finops.enabled && config.finops.collector.enabled), on(config.finops.enabled && config.finops.anomalyDetection.enabled))} |`,
    '',
    `${t.whoToCall} ${contacts.map(([role, c]) => `${role}: ${c.name} <${c.email}>${c.phone ? `, ${c.phone}` : ''}`).join(' · ')}`,
    '',
    t.runbooks,
  ].join('\n');
}
