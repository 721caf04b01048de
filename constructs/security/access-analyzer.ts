import * as accessanalyzer from 'aws-cdk-lib/aws-accessanalyzer';
import { Construct } from 'constructs';

/** Properties of {@link AccessAnalyzer}. */
export interface AccessAnalyzerProps {
  /**
   * The zone of trust: this account, or the whole organization (only in the organization's
   * management account or the IAM Access Analyzer delegated administrator).
   * @default 'ACCOUNT'
   */
  readonly zoneOfTrust?: 'ACCOUNT' | 'ORGANIZATION';

  /**
   * Also create an unused access analyzer (`ACCOUNT_UNUSED_ACCESS`): findings for IAM roles,
   * users, access keys, passwords and permissions unused for {@link unusedAccessAgeDays} days.
   *
   * It costs USD 0.20 per IAM role and IAM user analysed per month (checked 2026), and CDK
   * accounts have many roles (every Lambda function and custom resource brings one): 50 roles are
   * USD 10 per month. Its findings do not depend on the region, and an account that is not an
   * Organizations administrator may have only one: enable it in the home region only.
   * @default false
   */
  readonly unusedAccess?: boolean;

  /**
   * With {@link unusedAccess}: the number of days without use after which access is reported
   * (1-365).
   * @default 90
   */
  readonly unusedAccessAgeDays?: number;
}

/**
 * IAM Access Analyzer for the account in one region (CIS 1.20): an external access analyzer
 * (`ACCOUNT`) that reports resources in this region (S3 buckets, KMS keys, IAM roles, queues,
 * secrets, ...) shared with principals outside the account. Free.
 *
 * External access analysis is regional: create one in every region the account uses. Findings
 * also appear in Security Hub.
 */
export class AccessAnalyzer extends Construct {
  /** The external access analyzer. */
  readonly analyzer: accessanalyzer.CfnAnalyzer;
  /** The unused access analyzer, when {@link AccessAnalyzerProps.unusedAccess} is set. */
  readonly unusedAccessAnalyzer?: accessanalyzer.CfnAnalyzer;

  constructor(scope: Construct, id: string, props: AccessAnalyzerProps = {}) {
    super(scope, id);
    const unusedAccess = props.unusedAccess ?? false;
    const unusedAccessAgeDays = props.unusedAccessAgeDays ?? 90;

    if (props.unusedAccessAgeDays !== undefined && !unusedAccess) {
      throw new Error(
        `AccessAnalyzer ${this.node.path}: unusedAccessAgeDays (received ${props.unusedAccessAgeDays}) only applies with unusedAccess true`,
      );
    }
    if (!Number.isInteger(unusedAccessAgeDays) || unusedAccessAgeDays < 1 || unusedAccessAgeDays > 365) {
      throw new Error(
        `AccessAnalyzer ${this.node.path}: unusedAccessAgeDays must be a whole number from 1 to 365 (received ${unusedAccessAgeDays})`,
      );
    }

    this.analyzer = new accessanalyzer.CfnAnalyzer(this, 'Resource', { type: props.zoneOfTrust ?? 'ACCOUNT' });

    if (unusedAccess) {
      this.unusedAccessAnalyzer = new accessanalyzer.CfnAnalyzer(this, 'UnusedAccess', {
        type: props.zoneOfTrust === 'ORGANIZATION' ? 'ORGANIZATION_UNUSED_ACCESS' : 'ACCOUNT_UNUSED_ACCESS',
        analyzerConfiguration: { unusedAccessConfiguration: { unusedAccessAge: unusedAccessAgeDays } },
      });
    }
  }
}
