import { Stack, Token } from 'aws-cdk-lib';
import * as config from 'aws-cdk-lib/aws-config';
import { Construct } from 'constructs';
import { ConfigRecorder } from './config-recorder';

/** One AWS Config managed rule that detects a CIS AWS Foundations Benchmark v3.0.0 item. */
export interface CisConfigRule {
  /** The CIS v3.0.0 recommendations the rule detects, e.g. `['1.8', '1.9']`. */
  readonly cisIds: string[];
  /** The managed rule identifier, e.g. `IAM_PASSWORD_POLICY`. */
  readonly identifier: string;
  /** Rule parameters, as strings, with the names the managed rule documents. */
  readonly inputParameters?: Record<string, string>;
  /**
   * Whether the rule checks something account-wide (root user, IAM, account settings, trails): it
   * runs only in the home region, because every region would evaluate, and bill, the same thing.
   */
  readonly global: boolean;
  /**
   * Whether the rule runs on a schedule (trigger type "Periodic"). Only those take a maximum
   * execution frequency; Config rejects one on a rule triggered by configuration changes.
   */
  readonly periodic: boolean;
  /**
   * The only regions where AWS offers the rule, when it is not offered everywhere.
   * @default - every region
   */
  readonly onlyInRegions?: string[];
  /** What a NON_COMPLIANT result means, shown in the Config console. */
  readonly description: string;
}

/**
 * The CIS AWS Foundations Benchmark v3.0.0 items that an account baseline cannot enforce, or can
 * only enforce for what it creates itself, and the AWS Config managed rule that detects each.
 *
 * Identifiers, trigger types and parameter names were checked one by one against the AWS Config
 * managed rules documentation (2026). Rules are evaluated at most daily when periodic.
 */
export const CIS_CONFIG_RULES: readonly CisConfigRule[] = [
  {
    cisIds: ['1.4'],
    identifier: 'IAM_ROOT_ACCESS_KEY_CHECK',
    global: true,
    periodic: true,
    description: 'CIS 1.4: the root user has an access key. Delete it; use roles instead.',
  },
  {
    cisIds: ['1.5'],
    identifier: 'ROOT_ACCOUNT_MFA_ENABLED',
    global: true,
    periodic: true,
    description: 'CIS 1.5: the root user can sign in without MFA. Enable MFA for root.',
  },
  {
    cisIds: ['1.6'],
    identifier: 'ROOT_ACCOUNT_HARDWARE_MFA_ENABLED',
    global: true,
    periodic: true,
    description: 'CIS 1.6: the root user uses a virtual MFA device. Use a hardware MFA device or security key.',
  },
  {
    cisIds: ['1.8', '1.9'],
    identifier: 'IAM_PASSWORD_POLICY',
    // Only the CIS parameters are set; the rule's other parameters keep their documented
    // defaults (upper/lower case, symbols, numbers required; MaxPasswordAge 90).
    inputParameters: { MinimumPasswordLength: '14', PasswordReusePrevention: '24' },
    global: true,
    periodic: true,
    description: 'CIS 1.8-1.9: the IAM password policy is missing or weaker than 14 characters with the last 24 passwords remembered.',
  },
  {
    cisIds: ['1.10'],
    identifier: 'MFA_ENABLED_FOR_IAM_CONSOLE_ACCESS',
    global: true,
    periodic: true,
    description: 'CIS 1.10: an IAM user with a console password has no MFA device.',
  },
  {
    cisIds: ['1.12'],
    identifier: 'IAM_USER_UNUSED_CREDENTIALS_CHECK',
    inputParameters: { maxCredentialUsageAge: '45' },
    global: true,
    periodic: true,
    description: 'CIS 1.12: an IAM user has a password or active access key unused for 45 days or more. Disable or remove it.',
  },
  {
    cisIds: ['1.14'],
    identifier: 'ACCESS_KEYS_ROTATED',
    inputParameters: { maxAccessKeyAge: '90' },
    global: true,
    periodic: true,
    description: 'CIS 1.14: an active access key is older than 90 days. Rotate it.',
  },
  {
    cisIds: ['1.15'],
    identifier: 'IAM_USER_NO_POLICIES_CHECK',
    global: true,
    periodic: false,
    description: 'CIS 1.15: an IAM user has policies attached directly. Grant permissions through groups or roles.',
  },
  {
    cisIds: ['1.16'],
    identifier: 'IAM_POLICY_NO_STATEMENTS_WITH_ADMIN_ACCESS',
    global: true,
    periodic: false,
    description: 'CIS 1.16: a customer managed policy allows "*" on "*". Grant only the actions needed.',
  },
  {
    cisIds: ['1.19'],
    identifier: 'IAM_SERVER_CERTIFICATE_EXPIRATION_CHECK',
    global: true,
    periodic: true,
    // AWS offers this rule in US East (N. Virginia) only (and China (Beijing)).
    onlyInRegions: ['us-east-1'],
    description: 'CIS 1.19: an SSL/TLS server certificate stored in IAM has expired. Delete it.',
  },
  {
    cisIds: ['2.1.4'],
    identifier: 'S3_ACCOUNT_LEVEL_PUBLIC_ACCESS_BLOCKS_PERIODIC',
    global: true,
    periodic: true,
    description: 'CIS 2.1.4: account-level S3 Block Public Access is not fully on.',
  },
  {
    cisIds: ['2.2.1'],
    identifier: 'EC2_EBS_ENCRYPTION_BY_DEFAULT',
    global: false,
    periodic: true,
    description: 'CIS 2.2.1: EBS encryption by default is off in this region.',
  },
  {
    cisIds: ['3.1'],
    identifier: 'MULTI_REGION_CLOUD_TRAIL_ENABLED',
    global: true,
    periodic: true,
    description: 'CIS 3.1: the account has no multi-region CloudTrail trail.',
  },
  {
    cisIds: ['3.2'],
    // Regional: a single-region trail created by hand in another region is checked there too.
    identifier: 'CLOUD_TRAIL_LOG_FILE_VALIDATION_ENABLED',
    global: false,
    periodic: true,
    description: 'CIS 3.2: a CloudTrail trail has log file validation off.',
  },
  {
    cisIds: ['4.16'],
    identifier: 'SECURITYHUB_ENABLED',
    global: false,
    periodic: true,
    description: 'CIS 4.16: Security Hub is not enabled in this region.',
  },
  {
    cisIds: ['5.4'],
    identifier: 'VPC_DEFAULT_SECURITY_GROUP_CLOSED',
    global: false,
    periodic: false,
    description: 'CIS 5.4: the default security group of a VPC allows traffic. Remove all its rules.',
  },
  {
    cisIds: ['5.6'],
    identifier: 'EC2_IMDSV2_CHECK',
    global: false,
    periodic: false,
    description: 'CIS 5.6: an EC2 instance allows IMDSv1 (HttpTokens optional). Require IMDSv2.',
  },
];

/** Properties of {@link CisConfigRules}. */
export interface CisConfigRulesProps {
  /**
   * The recorder of this region. The rules depend on it: Config refuses a rule while no recorder
   * exists, and a rule evaluates nothing until the recorder runs.
   */
  readonly recorder: ConfigRecorder;

  /**
   * Whether to create the account-wide rules (`global: true`: root user, IAM, password policy,
   * account-level S3 Block Public Access, multi-region trail). Set it in the home region only,
   * the one whose recorder records global resources (required: the IAM rules evaluate recorded IAM
   * resources); every other region would evaluate and bill the same checks again.
   */
  readonly includeGlobalRules: boolean;
}

/**
 * AWS Config managed rules that detect the CIS AWS Foundations Benchmark v3.0.0 items a baseline
 * cannot enforce (root user hygiene, IAM user credentials, settings someone may change by hand):
 * see {@link CIS_CONFIG_RULES}. Findings appear in the Config console and, as Security Hub
 * control findings, in Security Hub.
 *
 * Cost: USD 0.001 per rule evaluation for the first 100,000 evaluations per account and region
 * and month (USD 0.0008 up to 500,000). Periodic rules run at most every 24 hours: about 30
 * evaluations per rule and month, plus one per IAM user or policy for the IAM rules, plus one per
 * change for change-triggered rules. A small account: under USD 1 per month in the home region,
 * about USD 0.10 in each other region.
 */
export class CisConfigRules extends Construct {
  /** The rules, in the order of {@link CIS_CONFIG_RULES}. */
  readonly rules: config.ManagedRule[] = [];

  constructor(scope: Construct, id: string, props: CisConfigRulesProps) {
    super(scope, id);
    const region = Stack.of(this).region;
    const recorderRegion = Stack.of(props.recorder).region;

    if (!Token.isUnresolved(region) && !Token.isUnresolved(recorderRegion) && region !== recorderRegion) {
      throw new Error(
        `CisConfigRules ${this.node.path}: recorder must be in this region ${region}, as Config rules only evaluate what their region's recorder records (received a recorder in ${recorderRegion})`,
      );
    }
    // A recorder cannot record global resources where AWS offers no IAM rules
    // (REGIONS_WITHOUT_GLOBAL_IAM_RECORDING), so this also keeps the IAM rules out of those regions.
    if (props.includeGlobalRules && !props.recorder.recordsGlobalResources) {
      throw new Error(
        `CisConfigRules ${this.node.path}: includeGlobalRules is true but recorder ${props.recorder.node.path} does not record global resources; the IAM rules would evaluate nothing. Put the global rules in the region whose recorder has recordGlobalResources true`,
      );
    }

    for (const rule of CIS_CONFIG_RULES) {
      if (rule.global && !props.includeGlobalRules) continue;
      // Without a resolved region the rule is created only where it exists everywhere.
      if (rule.onlyInRegions && (Token.isUnresolved(region) || !rule.onlyInRegions.includes(region))) continue;

      const managedRule = new config.ManagedRule(this, constructId(rule.identifier), {
        identifier: rule.identifier,
        description: rule.description,
        inputParameters: rule.inputParameters,
        maximumExecutionFrequency: rule.periodic ? config.MaximumExecutionFrequency.TWENTY_FOUR_HOURS : undefined,
      });
      managedRule.node.addDependency(props.recorder.recorder);
      this.rules.push(managedRule);
    }
  }
}

/** `IAM_PASSWORD_POLICY` -> `IamPasswordPolicy`: stable construct ids, one per rule. */
function constructId(identifier: string): string {
  return identifier
    .toLowerCase()
    .split('_')
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join('');
}
