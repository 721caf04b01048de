import type { AccountConfig, ClientConfig } from '../config/schema';
import { CIS_MONITORING_CONTROLS } from '../security/cis-controls';
import {
  accountRole,
  accountSecurityParts,
  billingAccount,
  forwardsToHomeRegion,
  runsWorkloads,
  triagedServices,
} from '../organization/account-roles';
import { estimateFinopsCost, FINOPS_PRICES, FREE_DASHBOARDS_PER_ACCOUNT, HOURS_PER_MONTH } from './cost-estimate';

/**
 * What a client's whole landing zone costs per month, part by part and account by account, from
 * its configuration alone: the FinOps pipeline line comes from {@link estimateFinopsCost}; the
 * others from list prices and the quantities the stacks build (alarms, keys, dashboards,
 * regions), which tests check against the synthesized templates of every client and fixture.
 *
 * Where usage drives a price (Config items, GuardDuty events, Security Hub checks, log volume),
 * a line gives low, typical and high: low is a quiet small account, typical a small company's
 * production account, high a busy one. Lines that grow only with the client's data (backup
 * storage, restore tests, flow logs) are listed with `usageDriven` and left out of the totals.
 *
 * Pure: no AWS call, no aws-cdk-lib.
 */

/** List prices in USD per month (AWS price pages, 2026; eu-central-1 where regions differ). */
export const LANDING_ZONE_PRICES = {
  /** A customer managed KMS key. */
  kmsKeyMonthUsd: 1,
  /** A standard-resolution alarm. */
  alarmMonthUsd: FINOPS_PRICES.standardAlarmMonthUsd,
  /** A custom metric for a whole month (prorated by the hours it receives data). */
  customMetricMonthUsd: FINOPS_PRICES.customMetricMonthUsd,
  /** A dashboard beyond the first three of an account. */
  dashboardMonthUsd: FINOPS_PRICES.dashboardMonthUsd,
  /** A NAT gateway (hourly charge only, eu-central-1: 0.052 x 730 h). */
  natGatewayMonthUsd: 38,
  /** A t4g.nano NAT instance with its 8 GB gp3 volume. */
  natInstanceMonthUsd: 4.5,
  /** An interface endpoint in one zone (0.012 x 730 h). */
  interfaceEndpointZoneMonthUsd: 8.76,
} as const;

/** One alarm per CIS monitoring control (CIS 4.1-4.15). */
const CIS_ALARM_COUNT = CIS_MONITORING_CONTROLS.length;

/** Low, typical and high USD per month. */
export interface UsdRange {
  readonly low: number;
  readonly typical: number;
  readonly high: number;
}

/** One line of the estimate. */
export interface EstimateLine {
  /** The part of the landing zone, e.g. "Security Hub". */
  readonly part: string;
  /** The account it is paid in. */
  readonly account: string;
  /** The region, when the line is per region. */
  readonly region?: string;
  /** The quantity in words, e.g. "19 alarms, 1 KMS key". */
  readonly quantity: string;
  /** The price basis, e.g. "USD 0.001 per control check". */
  readonly basis: string;
  /** USD per month. */
  readonly usd: UsdRange;
  /** Grows only with the client's data: listed, left out of the totals. */
  readonly usageDriven?: boolean;
}

/** What the estimate counts per account, for the tests to compare with the synthesized stacks. */
export interface AccountQuantities {
  readonly alarms: number;
  readonly kmsKeys: number;
  readonly dashboards: number;
  /** Regions where the account has stacks. */
  readonly regions: readonly string[];
}

/** The whole estimate. */
export interface LandingZoneEstimate {
  readonly lines: readonly EstimateLine[];
  readonly total: UsdRange;
  readonly quantities: ReadonlyMap<string, AccountQuantities>;
}

const fixed = (usd: number): UsdRange => ({ low: usd, typical: usd, high: usd });
const range = (low: number, typical: number, high: number): UsdRange => ({ low, typical, high });
const times = (r: UsdRange, n: number): UsdRange => range(r.low * n, r.typical * n, r.high * n);
const plus = (a: UsdRange, b: UsdRange): UsdRange => range(a.low + b.low, a.typical + b.typical, a.high + b.high);

/** Per region and account, by usage (README "What it costs the client"). */
const USAGE = {
  config: range(1, 2.5, 7),
  guardDuty: range(1, 2.5, 5),
  securityHub: range(3, 7, 15),
  /** CloudWatch Logs ingestion of one account's management events (0.50 per GB). */
  trailIngestion: range(0.3, 0.6, 1.5),
  /** Log archive storage and requests. */
  archiveStorage: range(0.1, 0.25, 0.5),
  /** Backup Audit Manager control evaluations. */
  backupAudit: range(1, 2, 5),
  /** GetMetricData of the waste finder's daily scan. */
  wasteFinderReads: range(0, 0.05, 3.5),
} as const;

/** Alarms each part builds (the tests compare the sums with the templates). */
export const ALARMS = {
  /** Three "undelivered alerts" alarms and the notifier's errors and dead letters. */
  foundation: 5,
  /** Undelivered findings, findings not logged for the dashboard. */
  findingAlerts: 2,
  triageNotices: 1,
  /** The home rule that relays the other regions' forwarder alarms; one alarm per other region. */
  forwardedAlarmRelay: 1,
  forwarderPerOtherRegion: 1,
  breakGlassUse: 1,
  /** Undelivered backup alerts, failed jobs. */
  backupAlerts: 2,
  restoreTesting: 1,
  /** Errors and dead letters of a scheduled function. */
  scheduledFunction: 2,
  /** The cost collector's anomaly-detection alarm on total daily cost. */
  costAnomaly: 1,
} as const;

/**
 * The monthly report's own cost: one Cost Explorer request for the costs by service, one per
 * budget and one forecast (USD 0.01 each; at most `report.maxCostExplorerRequests` when answers
 * run to extra pages), its two alarms, and a run of a few seconds to minutes at 512 MB, one
 * GetMetricData request of about 14 metrics, two S3 objects and a few KMS requests, which together
 * stay under a cent. Security Hub GetFindings, CloudTrail LookupEvents and the AWS Backup lists
 * cost nothing.
 */
export function estimateReportCost(config: ClientConfig): { readonly costExplorerRequests: number; readonly usd: UsdRange } {
  const costExplorerRequests = 2 + config.finops.budgets.length;
  const alarms = ALARMS.scheduledFunction * LANDING_ZONE_PRICES.alarmMonthUsd;
  const rest = range(0.001, 0.003, 0.01);
  return {
    costExplorerRequests,
    usd: plus(
      range(
        alarms + costExplorerRequests * 0.01,
        alarms + costExplorerRequests * 0.01,
        alarms + config.report.maxCostExplorerRequests * 0.01,
      ),
      rest,
    ),
  };
}

/**
 * The monthly cost of the client's landing zone, every account and part.
 */
export function estimateLandingZoneCost(config: ClientConfig): LandingZoneEstimate {
  const lines: EstimateLine[] = [];
  const quantities = new Map<string, AccountQuantities>();
  const billing = billingAccount(config);
  const prices = LANDING_ZONE_PRICES;

  for (const account of config.accounts) {
    const add = (line: Omit<EstimateLine, 'account'>) => lines.push({ account: account.name, ...line });
    const security = config.security;
    const parts = accountSecurityParts(config, account);
    const otherRegions = config.allowedRegions.filter((region) => region !== account.homeRegion);
    const regions = new Set([account.homeRegion]);
    let alarms = 0;
    let kmsKeys = 0;

    // Foundation: the platform key and the alert path's alarms.
    alarms += ALARMS.foundation;
    kmsKeys += 1;
    add({
      part: 'Foundation',
      quantity: `1 KMS key, ${ALARMS.foundation} alarms (undelivered alerts, alert notifier)`,
      basis: 'KMS key 1.00; alarm 0.10; SNS, SQS, Lambda and DynamoDB of the notifier within the free tier',
      usd: fixed(prices.kmsKeyMonthUsd + ALARMS.foundation * prices.alarmMonthUsd),
    });

    if (security.enabled) {
      if (parts.logArchive) {
        kmsKeys += 1;
        add({
          part: 'Log archive',
          quantity: config.organization ? 'the organization archive: 1 KMS key, 2 buckets' : '1 KMS key, 2 buckets',
          basis: 'KMS key 1.00; S3 storage and requests',
          usd: plus(fixed(prices.kmsKeyMonthUsd), USAGE.archiveStorage),
        });
      }
      if (parts.trail) {
        const accountsRecorded = parts.trail === 'organization' ? config.accounts.length : 1;
        add({
          part: parts.trail === 'organization' ? 'Organization trail' : 'CloudTrail',
          quantity: `management events of ${accountsRecorded} account(s) into CloudWatch Logs`,
          basis: 'first copy of management events free; CloudWatch Logs ingestion 0.50 per GB',
          usd: times(USAGE.trailIngestion, accountsRecorded),
        });
        if (security.cisAlarms.enabled) {
          alarms += CIS_ALARM_COUNT;
          add({
            part: 'CIS alarms',
            quantity: `${CIS_ALARM_COUNT} metric filters and alarms`,
            basis: 'alarm 0.10; a filter metric 0.30 for the hours it has data',
            usd: range(
              CIS_ALARM_COUNT * prices.alarmMonthUsd,
              CIS_ALARM_COUNT * prices.alarmMonthUsd + 0.5,
              CIS_ALARM_COUNT * prices.alarmMonthUsd + 1,
            ),
          });
        }
        if (parts.trail === 'organization' && config.backup.enabled) {
          const members = config.accounts.filter((member) => runsWorkloads(config, member)).length;
          alarms += members * ALARMS.breakGlassUse;
          add({
            part: 'Break-glass alarms of the members',
            quantity: `${members} alarm(s) on the organization trail`,
            basis: 'alarm 0.10',
            usd: fixed(members * ALARMS.breakGlassUse * prices.alarmMonthUsd),
          });
        }
      }
      const allRegions = config.allowedRegions.length;
      if (parts.config) {
        add({
          part: 'AWS Config',
          quantity: `${allRegions} region(s)`,
          basis: '0.003 per configuration item (continuous), 0.001 per rule evaluation',
          usd: times(USAGE.config, allRegions),
        });
      }
      // In organization mode every account pays for the detectors the administrator enables.
      const guardDutyOn = security.guardDuty.enabled;
      const securityHubOn = security.securityHub.enabled;
      if (guardDutyOn) {
        add({
          part: 'GuardDuty',
          quantity: `${allRegions} region(s)`,
          basis: 'by CloudTrail events and VPC flow and DNS log volume; 30-day free trial',
          usd: times(USAGE.guardDuty, allRegions),
        });
      }
      if (securityHubOn) {
        add({
          part: 'Security Hub',
          quantity: `${allRegions} region(s)`,
          basis: '0.001 per control check; 30-day free trial',
          usd: times(USAGE.securityHub, allRegions),
        });
      }
      let findingAlarms = 0;
      if (parts.findingAlerts) findingAlarms += ALARMS.findingAlerts;
      if (triagedServices(config, account).length > 0) findingAlarms += ALARMS.triageNotices;
      if (forwardsToHomeRegion(config, account))
        findingAlarms += ALARMS.forwardedAlarmRelay + otherRegions.length * ALARMS.forwarderPerOtherRegion;
      if (config.portfolio && parts.findingAlerts && security.securityHub.enabled) {
        alarms += ALARMS.scheduledFunction;
        add({
          part: 'Open-findings counter (portfolio)',
          quantity: `1 count a day, 2 metrics, ${ALARMS.scheduledFunction} alarms`,
          basis: 'metric 0.30 prorated to the hours with data; alarm 0.10; Security Hub GetFindings free',
          usd: fixed(ALARMS.scheduledFunction * prices.alarmMonthUsd + 2 * prices.customMetricMonthUsd * (30 / HOURS_PER_MONTH)),
        });
      }
      if (findingAlarms > 0) {
        alarms += findingAlarms;
        add({
          part: 'Finding alerts, triage notices, forwarding',
          quantity: `${findingAlarms} alarms; EventBridge rules on AWS events`,
          basis: 'alarm 0.10; rules on AWS service events free',
          usd: fixed(findingAlarms * prices.alarmMonthUsd),
        });
      }
      if (parts.config || parts.guardDutyDetector || parts.securityHub || parts.accessAnalyzer || forwardsToHomeRegion(config, account)) {
        for (const region of otherRegions) regions.add(region);
      }
    }

    if (config.backup.enabled && runsWorkloads(config, account)) {
      const backup = config.backup;
      const copy = backup.copy.enabled && backup.copy.region ? backup.copy.region : undefined;
      const vaults = copy ? 2 : 1;
      let backupAlarms = ALARMS.backupAlerts;
      if (parts.trail === 'account') backupAlarms += ALARMS.breakGlassUse;
      if (backup.restoreTesting.enabled) backupAlarms += ALARMS.restoreTesting;
      alarms += backupAlarms;
      kmsKeys += vaults;
      if (copy) regions.add(copy);
      add({
        part: 'Backup vaults',
        quantity: `${vaults} vault(s) with their KMS keys, ${backupAlarms} alarms`,
        basis: 'KMS key 1.00 per vault; alarm 0.10',
        usd: fixed(vaults * prices.kmsKeyMonthUsd + backupAlarms * prices.alarmMonthUsd),
      });
      if (backup.auditFramework.enabled) {
        add({
          part: 'Backup Audit Manager',
          quantity: '1 framework, daily reports',
          basis: 'per control evaluation, plus the Config items of recovery points',
          usd: USAGE.backupAudit,
        });
      }
      add({
        part: 'Backup storage and restore tests',
        quantity: 'by the data tagged for backup',
        basis: 'per GB-month (EBS 0.05, DynamoDB 0.10, RDS 0.095); restore tests per job',
        usd: range(0, 8.5, 50),
        usageDriven: true,
      });
    }

    if (config.network.enabled && runsWorkloads(config, account)) {
      const network = config.network;
      const zones = network.zones.length;
      const egress =
        network.egress === 'nat-gateway'
          ? prices.natGatewayMonthUsd
          : network.egress === 'nat-gateway-per-az'
            ? prices.natGatewayMonthUsd * zones
            : network.egress === 'nat-instance'
              ? prices.natInstanceMonthUsd
              : 0;
      const endpoints = network.interfaceEndpoints.length * zones * prices.interfaceEndpointZoneMonthUsd;
      add({
        part: 'Network',
        quantity: `egress ${network.egress}, ${network.interfaceEndpoints.length} interface endpoint(s) in ${zones} zones`,
        basis:
          'NAT gateway 0.052 per hour; t4g.nano 0.0048 per hour; interface endpoint 0.012 per hour and zone; data processing by traffic',
        usd: fixed(egress + endpoints),
      });
      add({
        part: 'VPC flow logs',
        quantity: 'by traffic',
        basis: '0.25 per GB delivered to S3',
        usd: range(0, 0.5, 5),
        usageDriven: true,
      });
    }

    const isBilling = account === billing;
    if (config.finops.enabled) {
      if (isBilling) {
        const finops = estimateFinopsCost(config);
        alarms += finops.standardAlarms + (finops.anomalyDetectionAlarms > 0 ? ALARMS.costAnomaly : 0);
        add({
          part: 'FinOps pipeline',
          quantity: `${finops.costExplorerRequestsPerDay} Cost Explorer requests a day, ${finops.customMetrics} metrics, ${finops.standardAlarms + finops.anomalyDetectionAlarms} alarms`,
          basis: 'Cost Explorer 0.01 per request; metric 0.30 prorated; alarm 0.10 (anomaly alarm 0.30)',
          usd: fixed(finops.totalUsd),
        });
      }
      if (config.finops.wasteFinder.enabled) {
        alarms += ALARMS.scheduledFunction;
        const metrics = 12 * prices.customMetricMonthUsd * (30 / HOURS_PER_MONTH);
        add({
          part: 'Waste finder',
          quantity: `1 scan a day in ${config.allowedRegions.length} region(s), 12 metrics, ${ALARMS.scheduledFunction} alarms`,
          basis: 'metric 0.30 prorated to the hours with data; GetMetricData 0.01 per 1,000 metrics; alarm 0.10',
          usd: plus(fixed(ALARMS.scheduledFunction * prices.alarmMonthUsd + metrics), USAGE.wasteFinderReads),
        });
      }
      if (isBilling && config.report.enabled) {
        alarms += ALARMS.scheduledFunction;
        const report = estimateReportCost(config);
        add({
          part: 'Monthly report',
          quantity: `1 run a month, ${report.costExplorerRequests} Cost Explorer requests (at most ${config.report.maxCostExplorerRequests}), ${ALARMS.scheduledFunction} alarms, 2 buckets`,
          basis: 'Cost Explorer 0.01 per request; alarm 0.10; Lambda, S3, GetMetricData and KMS together under 0.01',
          usd: report.usd,
        });
      }
      if (isBilling && (config.finops.budgets.length > 0 || config.finops.anomalyDetection.enabled)) regions.add('us-east-1');
    }

    // Dashboards: operations in every account, the cost review in the billing account.
    const dashboards = 1 + (isBilling && config.finops.enabled ? 1 : 0);
    add({
      part: 'Dashboards',
      quantity: `${dashboards} dashboard(s); ${FREE_DASHBOARDS_PER_ACCOUNT} are free per account`,
      basis: 'USD 3 per dashboard beyond the first three of an account',
      usd: fixed(Math.max(0, dashboards - FREE_DASHBOARDS_PER_ACCOUNT) * prices.dashboardMonthUsd),
    });
    if (accountRole(config, account) === 'management') {
      add({
        part: 'Organization',
        quantity: 'OUs, SCPs, tag policy, Identity Center, delegated administration',
        basis: 'AWS Organizations and IAM Identity Center are free',
        usd: fixed(0),
      });
    }

    quantities.set(account.name, { alarms, kmsKeys, dashboards, regions: [...regions].sort() });
  }

  const counted = lines.filter((line) => !line.usageDriven);
  const total = counted.reduce((sum, line) => plus(sum, line.usd), fixed(0));
  return { lines, total, quantities };
}

/** The lines of one account. */
export function linesOf(estimate: LandingZoneEstimate, account: AccountConfig): EstimateLine[] {
  return estimate.lines.filter((line) => line.account === account.name);
}
