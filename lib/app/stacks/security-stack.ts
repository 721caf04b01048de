import { Stack, StackProps } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { addBreakGlassUseAlarm } from '../../../constructs/backup/break-glass-role';
import { BREAK_GLASS_ROLE_NAME } from './backup-stack';
import { AuditTrail, type RemoteLogArchive } from '../../../constructs/security/audit-trail';
import { CisAlarms } from '../../../constructs/security/cis-alarms';
import { flowLogDeliveryStatements } from '../../../constructs/network/flow-log-delivery';
import { FindingAlerts } from '../../../constructs/security/finding-alerts';
import { FindingTriageAlerts } from '../../../constructs/security/finding-triage-alerts';
import { ForwardedAlarmAlerts } from '../../../constructs/security/forwarded-alarm-alerts';
import type { AlertNotifierRef } from '../../../constructs/foundation/alert-notifier';
import { FindingMetrics } from '../../../constructs/security/finding-metrics';
import { AccountPasswordPolicy } from '../../../constructs/security/hardening/account-password-policy';
import { AccountPublicAccessBlock } from '../../../constructs/security/hardening/account-public-access-block';
import { AlternateContacts } from '../../../constructs/security/hardening/alternate-contacts';
import { EbsEncryptionByDefault } from '../../../constructs/security/hardening/ebs-encryption-by-default';
import { InstanceMetadataDefaults } from '../../../constructs/security/hardening/instance-metadata-defaults';
import { LogArchive } from '../../../constructs/security/log-archive';
import { IdentitySource, PeopleRoles } from '../../../constructs/security/people-roles';
import { RegionalSecurityBaseline } from '../../../constructs/security/regional-baseline';
import { BaselineProtectionBoundary } from '../../../policies/baseline-protection';
import { DeployerRole } from '../../../constructs/security/deployer-role';
import { AccountConfig, ClientConfig } from '../../core/config/schema';
import {
  accessLogsBucketName,
  accountStackPrefix,
  finopsAlertTopicName,
  logArchiveBucketName,
  pascalCase,
  regionSuffix,
  stackName,
  operationsDashboardUrl,
} from '../../core/naming';
import { AlertTopics } from './foundation-stack';
import { SecuritySignals } from './signals';
import { guardDutyFeatures, regionalBaselineProps } from './security-settings';
import {
  accountNamed,
  accountSecurityParts,
  archiveAccount,
  forwardsToHomeRegion,
  runsWorkloads,
  triagedServices,
} from '../../core/organization/account-roles';
import { OpenFindingsCounter } from '../../../constructs/security/open-findings-counter';
import { SecurityAdministration } from '../../../constructs/security/security-administration';

/** Properties of {@link SecurityStack}. */
export interface SecurityStackProps extends StackProps {
  /** The validated client configuration. */
  readonly config: ClientConfig;
  /** The account this stack is deployed to (in its home region). */
  readonly account: AccountConfig;
  /** The account's platform key, from the foundation stack. */
  readonly platformKey: kms.IKey;
  /** The account's alert topics, from the foundation stack. */
  readonly alertTopics: AlertTopics;
  /** The account's alert notifier (foundation stack), which the finding rules target. */
  readonly alertNotifier: AlertNotifierRef;
}

/**
 * The security baseline of an account in its home region: the log archive, the trail and its
 * CIS alarms, the home region's Config, GuardDuty, Security Hub and Access Analyzer, finding
 * alerts for every region, the account-wide hardening (for every allowed region), and the IAM
 * roles and permission boundary. The other allowed regions get a {@link SecurityRegionalStack}.
 */
export class SecurityStack extends Stack {
  /** The log archive, when CloudTrail or Config is on. */
  readonly logArchive?: LogArchive;
  /** The CIS alarms, when on (the operations dashboard shows them). */
  readonly cisAlarms?: CisAlarms;
  /** The trail's CloudWatch log group, when the trail is on. */
  readonly trailLogGroup?: logs.ILogGroup;
  /** Threat findings counted by severity, when GuardDuty or Security Hub is on. */
  readonly findingMetrics?: FindingMetrics;
  /** What the dashboards show of this stack. */
  readonly signals: SecuritySignals;

  constructor(scope: Construct, id: string, props: SecurityStackProps) {
    super(scope, id, props);
    const { config, account, platformKey, alertTopics, alertNotifier } = props;
    const security = config.security;
    const clientPrefix = config.client.name;
    const parts = accountSecurityParts(config, account);
    // Organization mode: every account delivers into the log-archive account's archive.
    const organizationAccountIds = config.organization ? config.accounts.map((a) => a.id) : undefined;

    if (parts.logArchive) {
      const lock = security.logArchive.objectLock;
      this.logArchive = new LogArchive(this, 'LogArchive', {
        alias: `${clientPrefix}/log-archive`,
        bucketName: logArchiveBucketName(account),
        accessLogsBucketName: accessLogsBucketName(account),
        objectLock: lock.mode === 'OFF' ? undefined : { mode: lock.mode, retentionDays: lock.retentionDays },
        transitionToColdStorageDays: security.logArchive.coldStorageAfterDays,
        expirationDays: security.logArchive.expireAfterDays,
      });
      // Every writer the client file switches on is admitted by this stack: the other stacks
      // reach the archive by its name and deploy after this one.
      if (security.config.enabled) this.logArchive.allowConfigDelivery(organizationAccountIds);
      if (config.organization && security.cloudTrail.enabled) {
        const management = accountNamed(config, config.organization.managementAccount);
        this.logArchive.allowCloudTrailDelivery(organizationTrailArn(this, config, management), { managementAccountId: management.id });
      }
      if (config.network.enabled) {
        // VPC flow logs of the network stack deliver here (vended logs through delivery.logs).
        const delivery = flowLogDeliveryStatements({
          bucket: this.logArchive.bucket,
          regions: config.allowedRegions,
          accounts: organizationAccountIds,
        });
        for (const statement of delivery.bucketStatements) this.logArchive.bucket.addToResourcePolicy(statement);
        for (const statement of delivery.keyStatements) this.logArchive.key.addToResourcePolicy(statement);
      }
    }

    const trailArchive = parts.trail === 'organization' ? this.remoteLogArchive(config, account) : this.logArchive;
    if (parts.trail && trailArchive) {
      const trail = new AuditTrail(this, 'AuditTrail', {
        logArchive: trailArchive,
        organizationTrail: parts.trail === 'organization',
        logGroupKey: platformKey,
        trailName: `${clientPrefix}-audit`,
        cloudWatchLogsRetention: security.cloudTrail.logRetentionDays as logs.RetentionDays,
        s3DataEvents: security.cloudTrail.s3DataEvents,
        lambdaDataEvents: security.cloudTrail.lambdaDataEvents,
      });
      this.trailLogGroup = trail.logGroup;
      if (parts.trail === 'organization' && config.backup.enabled) this.addMemberBreakGlassAlarms(config, trail.logGroup, alertTopics);
      if (security.cisAlarms.enabled) {
        this.cisAlarms = new CisAlarms(this, 'CisAlarms', {
          logGroup: trail.logGroup,
          alarmTopic: alertTopics.security,
          language: config.client.language,
          runbookUrl: operationsDashboardUrl(config, account),
        });
      }
    }

    new RegionalSecurityBaseline(
      this,
      'RegionalBaseline',
      regionalBaselineProps(this, config, account, this.logArchive && { bucket: this.logArchive.bucket, key: this.logArchive.key }),
    );

    if (parts.findingAlerts) {
      // Findings of the other regions are forwarded here (SecurityRegionalStack), so one set of
      // rules alerts for the whole account.
      new FindingAlerts(this, 'FindingAlerts', {
        notifier: alertNotifier,
        guardDutyMinSeverity: security.findingAlerts.guardDutyMinSeverity,
        securityHubSeverities: security.findingAlerts.securityHubSeverities,
        undeliveredAlarmTopic: alertTopics.operations,
      });
      this.findingMetrics = new FindingMetrics(this, 'FindingMetrics', {
        logGroupKey: platformKey,
        undeliveredAlarmTopic: alertTopics.operations,
      });
    }
    if (parts.delegatedAdministrator) {
      new SecurityAdministration(this, 'SecurityAdministration', {
        logGroupKey: platformKey,
        accountIds: config.accounts.map((a) => a.id),
        regions: config.allowedRegions,
        guardDuty: security.guardDuty.enabled ? guardDutyFeatures(config) : undefined,
        securityHubStandards: security.securityHub.enabled ? security.securityHub.standards : undefined,
        configAggregator: security.config.enabled,
      });
    }
    if (config.portfolio && parts.findingAlerts && security.securityHub.enabled) {
      // Only for the consultant's portfolio (clients that share their metrics): Security Hub
      // publishes no count of open findings itself.
      new OpenFindingsCounter(this, 'OpenFindings', {
        timeZone: config.client.timeZone,
        logGroupKey: platformKey,
        operationsTopic: alertTopics.operations,
      });
    }
    const triaged = triagedServices(config, account);
    if (triaged.length > 0) {
      // Triage calls of the other regions are forwarded here too (SecurityRegionalStack).
      new FindingTriageAlerts(this, 'FindingTriageAlerts', {
        notifier: alertNotifier,
        services: triaged,
        undeliveredAlarmTopic: alertTopics.operations,
      });
    }
    if (forwardsToHomeRegion(config, account)) {
      // The other regions' forwarders have an alarm but no topic; its state changes come here.
      new ForwardedAlarmAlerts(this, 'ForwardedAlarmAlerts', {
        notifier: alertNotifier,
        alarmNamePrefix: accountStackPrefix(config, account),
        undeliveredAlarmTopic: alertTopics.security,
      });
    }

    this.addHardening(config, platformKey);
    this.addPeopleRoles(config, account, platformKey);
    // AWS Backup Audit Manager of the backup stack delivers its reports here; the backup stack
    // reaches the archive by its name and deploys after this stack.
    if (this.logArchive && config.backup.enabled && config.backup.auditFramework.enabled) {
      this.logArchive.allowBackupReports(undefined, organizationAccountIds && backupAccountIds(config));
    }
    this.signals = {
      cisAlarms: this.cisAlarms ? [...this.cisAlarms.alarms.values()] : undefined,
      findingMetrics: this.findingMetrics?.metrics,
      trailLogGroup: this.trailLogGroup,
    };
  }

  /**
   * Organization mode: the member accounts have no trail of their own, so the use of each one's
   * backup break-glass role is found in the organization trail here and alarms on this account's
   * security topic, one alarm per account (the same filter as the role's own alarm in
   * single-account mode).
   */
  private addMemberBreakGlassAlarms(config: ClientConfig, trailLogGroup: logs.ILogGroup, alertTopics: AlertTopics): void {
    for (const member of config.accounts.filter((account) => runsWorkloads(config, account))) {
      const name = pascalCase(member.name);
      addBreakGlassUseAlarm(new Construct(this, `BreakGlassUse${name}`), {
        roleArn: `arn:${this.partition}:iam::${member.id}:role/${BREAK_GLASS_ROLE_NAME}`,
        roleName: `${BREAK_GLASS_ROLE_NAME} (${member.name}, ${member.id})`,
        trailLogGroup,
        alarmTopic: alertTopics.security,
        alarmNameParts: ['BackupBreakGlass', name, 'Used'],
        language: config.client.language,
      });
    }
  }

  /** The log-archive account's archive, as the organization trail of the management account reaches it. */
  private remoteLogArchive(config: ClientConfig, account: AccountConfig): RemoteLogArchive {
    const holder = archiveAccount(config, account);
    return {
      bucket: s3.Bucket.fromBucketName(this, 'OrganizationLogArchiveBucket', logArchiveBucketName(holder)),
      // CloudTrail takes the key by its alias ARN: the key's id is not known in this account.
      key: kms.Key.fromKeyArn(
        this,
        'OrganizationLogArchiveKey',
        `arn:${this.partition}:kms:${holder.homeRegion}:${holder.id}:alias/${config.client.name}/log-archive`,
      ),
    };
  }

  private addHardening(config: ClientConfig, platformKey: kms.IKey): void {
    const hardening = config.security.hardening;
    // Every hardening custom resource of the stack shares one provider function and its log group.
    const logging = { logGroupKey: platformKey };
    if (hardening.passwordPolicy) new AccountPasswordPolicy(this, 'PasswordPolicy', logging);
    if (hardening.s3BlockPublicAccess) new AccountPublicAccessBlock(this, 'S3BlockPublicAccess', logging);
    if (hardening.alternateContacts) {
      const { contacts } = config;
      new AlternateContacts(this, 'AlternateContacts', {
        ...logging,
        security: contacts.security ?? contacts.technical,
        billing: contacts.billing,
        operations: contacts.operations ?? contacts.technical,
      });
    }
    // Regional settings: the custom resources call each region's endpoint from here, so the
    // other regions need no log group and no key of their own.
    for (const region of config.allowedRegions) {
      if (hardening.ebsEncryptionByDefault)
        new EbsEncryptionByDefault(this, `EbsEncryption${regionSuffix(region)}`, { ...logging, region });
      if (hardening.imdsV2ByDefault)
        new InstanceMetadataDefaults(this, `InstanceMetadataDefaults${regionSuffix(region)}`, { ...logging, region });
    }
  }

  private addPeopleRoles(config: ClientConfig, account: AccountConfig, platformKey: kms.IKey): void {
    const iamSettings = config.security.iam;
    if (!iamSettings.enabled) return;
    const boundary = new BaselineProtectionBoundary(this, 'BaselineProtection', {
      managedPolicyName: `${config.client.name}-baseline-protection`,
      logBucketArns: [logArchiveBucketName(archiveAccount(config, account)), accessLogsBucketName(archiveAccount(config, account))].map(
        (name) => `arn:${this.partition}:s3:::${name}`,
      ),
      protectedKeyArns: [platformKey.keyArn, ...(this.logArchive ? [this.logArchive.key.keyArn] : [])],
      // The backup vault keys live in the backup stacks (home and copy region), created later.
      protectedKeyAliases: config.backup.enabled ? ['alias/backup/*'] : undefined,
      // The vaults of the backup stacks (home and copy region): `<client>-backup` and `<client>-backup-copy`.
      protectedBackupVaultArns: config.backup.enabled
        ? [`arn:${this.partition}:backup:*:${this.account}:backup-vault:${config.client.name}-backup*`]
        : undefined,
      allowedRegions: config.allowedRegions,
      denyOutsideAllowedRegions: iamSettings.denyOutsideAllowedRegions,
      // By name, with their subscriptions (`<topic ARN>:<id>`): the foundation stack's topics have
      // names generated from its stack name; the FinOps topic has a fixed one.
      alertTopicArns: [stackName(config, account, 'Foundation'), finopsAlertTopicName(config)].map(
        (name) => `arn:${this.partition}:sns:${this.region}:${this.account}:${name}*`,
      ),
      // The platform's generated names start with the stack names; the people roles are LandingZone-*.
      platformNamePrefixes: [`${pascalCase(config.client.name)}-`, 'LandingZone-'],
    });
    if (iamSettings.deployer) {
      const { github, principals } = iamSettings.deployer;
      new DeployerRole(this, 'Deployer', { github, principalArns: principals });
    }
    const identitySource: IdentitySource = iamSettings.identitySource ?? { type: 'account', accountId: account.id };
    new PeopleRoles(this, 'PeopleRoles', {
      identitySource,
      boundary: boundary.policy,
      roles: {
        administrator: iamSettings.administrator,
        auditor: iamSettings.auditor,
        finopsViewer: iamSettings.finopsViewer,
        support: iamSettings.supportRole,
      },
    });
  }
}

/**
 * The ARN of the organization trail (management account, home region), built from its name: the
 * log-archive account admits it before the trail exists.
 */
export function organizationTrailArn(stack: Stack, config: ClientConfig, management: AccountConfig): string {
  return `arn:${stack.partition}:cloudtrail:${management.homeRegion}:${management.id}:trail/${config.client.name}-audit`;
}

/** The accounts with a backup stack (organization mode: all but the management account). */
function backupAccountIds(config: ClientConfig): string[] {
  return config.accounts.filter((account) => runsWorkloads(config, account)).map((account) => account.id);
}

/** Whether any part of the security baseline is switched on (else no security stack is built). */
export function needsSecurityStack(config: ClientConfig): boolean {
  const security = config.security;
  const hardening = Object.values(security.hardening).some((on) => on);
  return security.enabled && (security.cloudTrail.enabled || needsRegionalSecurityStack(config) || hardening || security.iam.enabled);
}

/** Whether a region other than the home region needs a regional security stack at all. */
export function needsRegionalSecurityStack(config: ClientConfig): boolean {
  const security = config.security;
  return (
    security.enabled &&
    (security.config.enabled || security.guardDuty.enabled || security.securityHub.enabled || security.accessAnalyzer.enabled)
  );
}
