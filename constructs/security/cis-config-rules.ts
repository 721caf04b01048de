import { Stack, Token } from 'aws-cdk-lib';
import * as config from 'aws-cdk-lib/aws-config';
import { Construct } from 'constructs';
import { ConfigRecorder } from './config-recorder';
import { CIS_CONFIG_RULES } from '../../lib/core/security/cis-controls';

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
