import { RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as securityhub from 'aws-cdk-lib/aws-securityhub';
import { Construct } from 'constructs';

/** A Security Hub standard the baseline can enable. */
export type SecurityHubStandard =
  | 'aws-foundational-security-best-practices'
  | 'cis-aws-foundations-benchmark-v3.0.0'
  | 'nist-800-53-rev5'
  | 'pci-dss-v4.0.1'
  | 'aws-resource-tagging-standard';

/** How to enable one {@link SecurityHubStandard}. */
export interface SecurityHubStandardInfo {
  /** The standard's ARN in a region (`partition` is usually `aws`, or a token). */
  readonly arn: (partition: string, region: string) => string;
  /** What the standard checks, in one sentence. */
  readonly description: string;
}

/**
 * The supported standards and their ARNs, as DescribeStandards returns them (formats checked
 * against the Security Hub documentation, 2026). Every one of these ARNs is regional.
 */
export const SECURITY_HUB_STANDARDS: Readonly<Record<SecurityHubStandard, SecurityHubStandardInfo>> = {
  'aws-foundational-security-best-practices': {
    arn: (partition, region) => `arn:${partition}:securityhub:${region}::standards/aws-foundational-security-best-practices/v/1.0.0`,
    description: 'AWS Foundational Security Best Practices v1.0.0: the broad AWS best-practice controls (about 300), for any account.',
  },
  'cis-aws-foundations-benchmark-v3.0.0': {
    arn: (partition, region) => `arn:${partition}:securityhub:${region}::standards/cis-aws-foundations-benchmark/v/3.0.0`,
    description: 'CIS AWS Foundations Benchmark v3.0.0: the automated checks of the benchmark this baseline implements.',
  },
  'nist-800-53-rev5': {
    arn: (partition, region) => `arn:${partition}:securityhub:${region}::standards/nist-800-53/v/5.0.0`,
    description: 'NIST SP 800-53 Revision 5: for clients that must show NIST or FedRAMP-style controls.',
  },
  'pci-dss-v4.0.1': {
    arn: (partition, region) => `arn:${partition}:securityhub:${region}::standards/pci-dss/v/4.0.1`,
    description: 'PCI DSS v4.0.1: for accounts that store, process or transmit card data.',
  },
  'aws-resource-tagging-standard': {
    arn: (partition, region) => `arn:${partition}:securityhub:${region}::standards/aws-resource-tagging-standard/v/1.0.0`,
    description: 'AWS Resource Tagging Standard v1.0.0: resources must carry tags (checks that a tag exists, not which).',
  },
};

/** Properties of {@link SecurityHub}. */
export interface SecurityHubProps {
  /**
   * Standards to enable. Each control check costs the same whichever standard asks for it; with
   * consolidated control findings a control shared by two standards is checked and billed once.
   * An empty list enables Security Hub without standards: it then only collects the findings of
   * GuardDuty, Access Analyzer and the other integrated services.
   * @default ['aws-foundational-security-best-practices', 'cis-aws-foundations-benchmark-v3.0.0']
   */
  readonly standards?: SecurityHubStandard[];
}

/**
 * AWS Security Hub (CSPM) in one region (CIS 4.16): the hub, with consolidated control findings
 * (one finding per control, whatever the number of standards that include it), new controls
 * enabled automatically, AWS's default standards off, and exactly the standards chosen here, each
 * an `AWS::SecurityHub::Standard` that depends on the hub.
 *
 * Security Hub evaluates almost all its controls through AWS Config service-linked rules: it
 * needs a {@link ConfigRecorder} recording in the same region (with global resources in one
 * region for the IAM controls), or its controls stay without data.
 *
 * Cost: USD 0.0010 per security check for the first 100,000 checks per account, region and month
 * (USD 0.0008 up to 500,000), plus USD 0.00003 per ingested finding event beyond 10,000 per
 * month (findings of its own checks are free). Controls re-run every 12 or 24 hours or on change:
 * a small account with the two default standards typically makes 3,000-15,000 checks a month,
 * USD 3-15 per region, which makes Security Hub one of the larger baseline costs. The
 * configuration items it needs are billed by AWS Config.
 *
 * One hub per region and account: in an account where Security Hub was enabled by hand, disable
 * it first (`aws securityhub disable-security-hub`) or the deployment fails.
 */
export class SecurityHub extends Construct {
  /** The hub. */
  readonly hub: securityhub.CfnHub;
  /** The enabled standards, by id. */
  readonly standards: Partial<Record<SecurityHubStandard, securityhub.CfnStandard>> = {};

  constructor(scope: Construct, id: string, props: SecurityHubProps = {}) {
    super(scope, id);
    const standards = props.standards ?? ['aws-foundational-security-best-practices', 'cis-aws-foundations-benchmark-v3.0.0'];
    const known = Object.keys(SECURITY_HUB_STANDARDS);
    for (const standard of standards) {
      if (!known.includes(standard)) {
        throw new Error(
          `SecurityHub ${this.node.path}: standards contains ${JSON.stringify(standard)}, which is not supported; allowed: ${known.join(', ')}`,
        );
      }
    }
    const duplicates = standards.filter((standard, index) => standards.indexOf(standard) !== index);
    if (duplicates.length > 0) {
      throw new Error(
        `SecurityHub ${this.node.path}: standards lists ${[...new Set(duplicates)].join(', ')} more than once (received ${standards.join(', ')})`,
      );
    }

    this.hub = new securityhub.CfnHub(this, 'Resource', {
      // AWS's defaults are FSBP and the old CIS v1.2.0: the standards are chosen explicitly below.
      enableDefaultStandards: false,
      controlFindingGenerator: 'SECURITY_CONTROL',
      autoEnableControls: true,
    });
    // The hub holds the account's findings and their workflow (suppressed, resolved): switching
    // Security Hub off in the client file, or deleting the stack, leaves it (its standards are
    // disabled). Disable it by hand to stop paying.
    this.hub.applyRemovalPolicy(RemovalPolicy.RETAIN);

    const stack = Stack.of(this);
    for (const standard of standards) {
      const resource = new securityhub.CfnStandard(this, pascalCase(standard), {
        standardsArn: SECURITY_HUB_STANDARDS[standard].arn(stack.partition, stack.region),
      });
      // Enabling a standard before the hub exists fails: nothing in its properties refers to the hub.
      resource.addResourceDependency(this.hub);
      this.standards[standard] = resource;
    }
  }
}

/** `cis-aws-foundations-benchmark-v3.0.0` -> `CisAwsFoundationsBenchmarkV300`. */
function pascalCase(id: string): string {
  return id
    .split(/[^A-Za-z0-9]+/)
    .filter((word) => word.length > 0)
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join('');
}
