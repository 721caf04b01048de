import { Stack } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { REGIONS_WITHOUT_GLOBAL_IAM_RECORDING } from '../../core/rules/regions';
import { RegionalSecurityBaselineProps } from '../../../constructs/security/regional-baseline';
import type { GuardDutyFeatures } from '../../../constructs/security/guard-duty';
import { AccountConfig, ClientConfig } from '../../core/config/schema';
import { logArchiveBucketName } from '../../core/naming';
import { accountSecurityParts, archiveAccount } from '../../core/organization/account-roles';

/**
 * The one region of an account where AWS Config records global (IAM) resources and the global
 * CIS rules run: the home region, unless Config cannot record IAM there (regions AWS opened after
 * February 2022), then the first allowed region that can. `undefined` when none can (the config
 * schema rejects that combination when Config is on).
 */
export function globalResourcesRegion(config: ClientConfig, account: AccountConfig): string | undefined {
  const candidates = [account.homeRegion, ...config.allowedRegions.filter((region) => region !== account.homeRegion)];
  return candidates.find((region) => !REGIONS_WITHOUT_GLOBAL_IAM_RECORDING.includes(region));
}

/** The log archive as the home-region stack has it. */
export interface LogArchiveRef {
  readonly bucket: s3.IBucket;
  readonly key: kms.IKey;
}

/**
 * What {@link RegionalSecurityBaseline} gets in `stack`'s region, from the client configuration.
 *
 * @param archive the log archive, in the home region's stack; elsewhere the bucket is imported by
 *   its deterministic name and encrypted with its default key through S3
 */
export function regionalBaselineProps(
  stack: Stack,
  config: ClientConfig,
  account: AccountConfig,
  archive?: LogArchiveRef,
): RegionalSecurityBaselineProps {
  const security = config.security;
  const parts = accountSecurityParts(config, account);
  // The archive of this account, or in organization mode the log-archive account's.
  const archiveHolder = archiveAccount(config, account);
  const deliveryBucket = archive?.bucket ?? s3.Bucket.fromBucketName(stack, 'LogArchiveBucket', logArchiveBucketName(archiveHolder));
  return {
    globalResources: stack.region === globalResourcesRegion(config, account),
    config: parts.config
      ? {
          deliveryBucket,
          deliveryBucketRegion: archiveHolder.homeRegion,
          deliveryKey: archive?.key,
          recordingFrequency: security.config.recordingFrequency,
          cisRules: security.config.cisRules,
        }
      : undefined,
    guardDuty: parts.guardDutyDetector ? guardDutyFeatures(config) : undefined,
    securityHubStandards: parts.securityHub === 'standards' ? [...security.securityHub.standards] : undefined,
    accessAnalyzer: parts.accessAnalyzer === 'ORGANIZATION' ? 'ORGANIZATION' : parts.accessAnalyzer === 'ACCOUNT',
  };
}

/** The GuardDuty protection plans of the client file. */
export function guardDutyFeatures(config: ClientConfig): GuardDutyFeatures {
  const guardDuty = config.security.guardDuty;
  return {
    s3DataEvents: guardDuty.s3DataEvents,
    rdsLoginEvents: guardDuty.rdsLoginEvents,
    eksAuditLogs: guardDuty.eksAuditLogs,
    ebsMalwareProtection: guardDuty.ebsMalwareProtection,
    lambdaNetworkLogs: guardDuty.lambdaNetworkLogs,
    runtimeMonitoring: guardDuty.runtimeMonitoring,
  };
}
