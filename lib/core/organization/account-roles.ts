import type { AccountConfig, ClientConfig } from '../config/schema';

/**
 * What each account does in a client's landing zone (docs/decisions/010-organization-mode.md).
 *
 * Single-account mode (no `organization` section): every account is `standalone`, a complete
 * landing zone of its own, as it always was. Organization mode splits the work:
 * - `management`: the organization (OUs, SCPs, accounts, Identity Center, delegated
 *   administration), the organization trail with the CIS alarms, and FinOps on the consolidated
 *   bill. No workloads: no network and no backup stacks.
 * - `security`: delegated administrator of GuardDuty, Security Hub, IAM Access Analyzer and AWS
 *   Config; the findings of every account arrive and alert here, once.
 * - `logArchive`: the archive bucket of the organization trail and of every account's Config.
 * - `member`: workloads; Config records here and delivers to the archive, GuardDuty and Security
 *   Hub are switched on by the security account (no detector of its own in CloudFormation, which
 *   would collide with the one the administrator enables).
 */
export type AccountRole = 'standalone' | 'management' | 'security' | 'logArchive' | 'member';

/** The role of an account. */
export function accountRole(config: ClientConfig, account: AccountConfig): AccountRole {
  const organization = config.organization;
  if (!organization) return 'standalone';
  if (account.name === organization.managementAccount) return 'management';
  if (account.name === organization.securityAccount) return 'security';
  if (account.name === organization.logArchiveAccount) return 'logArchive';
  return 'member';
}

/** An account of the configuration by name (the schema has checked that it exists). */
export function accountNamed(config: ClientConfig, name: string): AccountConfig {
  const found = config.accounts.find((account) => account.name === name);
  if (!found) throw new Error(`no account named ${name} (known: ${config.accounts.map((a) => a.name).join(', ')})`);
  return found;
}

/**
 * Where FinOps runs: the management account in organization mode (it pays the consolidated bill
 * and sees every linked account's costs), else the first account (put the payer first).
 */
export function billingAccount(config: ClientConfig): AccountConfig {
  return config.organization ? accountNamed(config, config.organization.managementAccount) : config.accounts[0];
}

/** The account whose log archive receives an account's trail and Config deliveries. */
export function archiveAccount(config: ClientConfig, account: AccountConfig): AccountConfig {
  return config.organization ? accountNamed(config, config.organization.logArchiveAccount) : account;
}

/** Which parts of the security baseline an account builds itself, from the config and its role. */
export interface AccountSecurityParts {
  /** A log archive bucket in this account (its own, or the organization's). */
  readonly logArchive: boolean;
  /** `account`: a trail of this account; `organization`: the organization trail; none otherwise. */
  readonly trail?: 'account' | 'organization';
  /** AWS Config recording in every allowed region. */
  readonly config: boolean;
  /** A GuardDuty detector in CloudFormation. */
  readonly guardDutyDetector: boolean;
  /** Security Hub with its standards in CloudFormation (`hubOnly`: the hub, standards set centrally). */
  readonly securityHub?: 'standards' | 'hubOnly';
  /** An IAM Access Analyzer: for this account, or for the whole organization (delegated administrator). */
  readonly accessAnalyzer?: 'ACCOUNT' | 'ORGANIZATION';
  /** Finding alerts, metrics and triage notices (where the findings arrive). */
  readonly findingAlerts: boolean;
  /** Organization-wide administration of GuardDuty, Security Hub and Config. */
  readonly delegatedAdministrator: boolean;
}

/** What the security stacks of `account` build. */
export function accountSecurityParts(config: ClientConfig, account: AccountConfig): AccountSecurityParts {
  const security = config.security;
  if (!security.enabled) {
    return { logArchive: false, config: false, guardDutyDetector: false, findingAlerts: false, delegatedAdministrator: false };
  }
  const role = accountRole(config, account);
  const logging = security.cloudTrail.enabled || security.config.enabled;
  const detection = security.guardDuty.enabled || security.securityHub.enabled;
  if (role === 'standalone') {
    return {
      logArchive: logging,
      trail: security.cloudTrail.enabled ? 'account' : undefined,
      config: security.config.enabled,
      guardDutyDetector: security.guardDuty.enabled,
      securityHub: security.securityHub.enabled ? 'standards' : undefined,
      accessAnalyzer: security.accessAnalyzer.enabled ? 'ACCOUNT' : undefined,
      findingAlerts: detection,
      delegatedAdministrator: false,
    };
  }
  return {
    logArchive: logging && role === 'logArchive',
    trail: security.cloudTrail.enabled && role === 'management' ? 'organization' : undefined,
    config: security.config.enabled,
    // GuardDuty enables the delegated administrator's detector when it is designated, and the
    // members' through auto-enable: a detector in CloudFormation would collide with either.
    guardDutyDetector: false,
    // Security Hub must be on in the management account before it can designate the
    // administrator (the organization stack enables it there); central configuration does the rest.
    securityHub: undefined,
    accessAnalyzer: security.accessAnalyzer.enabled && role === 'security' ? 'ORGANIZATION' : undefined,
    findingAlerts: detection && role === 'security',
    delegatedAdministrator: role === 'security',
  };
}

/**
 * Whether the account runs workloads and so gets the network and backup stacks: every account in
 * single-account mode; in organization mode the member accounts only (AWS's guidance keeps the
 * management, security and log-archive accounts free of workloads).
 */
export function runsWorkloads(config: ClientConfig, account: AccountConfig): boolean {
  const role = accountRole(config, account);
  return role === 'standalone' || role === 'member';
}

/** A detection service whose hand triage can be reported. */
export type TriagedServiceName = 'guardduty' | 'securityhub' | 'access-analyzer';

/**
 * The detection services whose hand triage is reported in the account
 * (`security.findingAlerts.triageNotices`, which the schema admits only with the trail that
 * brings the calls to EventBridge): those on; in organization mode only in the security account,
 * which triages for every account.
 */
export function triagedServices(config: ClientConfig, account: AccountConfig): TriagedServiceName[] {
  const security = config.security;
  if (config.organization && !accountSecurityParts(config, account).findingAlerts) return [];
  if (!security.enabled || !security.findingAlerts.triageNotices) return [];
  const services: TriagedServiceName[] = [];
  if (security.guardDuty.enabled) services.push('guardduty');
  if (security.securityHub.enabled) services.push('securityhub');
  if (security.accessAnalyzer.enabled) services.push('access-analyzer');
  return services;
}

/**
 * Whether the account's other regions forward findings, triage calls or the forwarder's alarm to
 * the home region: a security stack there with finding alerts or triage notices.
 */
export function forwardsToHomeRegion(config: ClientConfig, account: AccountConfig): boolean {
  const findings = accountSecurityParts(config, account).findingAlerts;
  const forwarding = findings || triagedServices(config, account).length > 0;
  const otherRegions = config.allowedRegions.some((region) => region !== account.homeRegion);
  return config.security.enabled && forwarding && otherRegions;
}
