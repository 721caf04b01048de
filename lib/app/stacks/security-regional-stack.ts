import { Stack, StackProps } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { FindingForwarder } from '../../../constructs/security/finding-forwarder';
import { RegionalSecurityBaseline } from '../../../constructs/security/regional-baseline';
import { AccountConfig, ClientConfig } from '../../core/config/schema';
import { regionalBaselineProps } from './security-settings';
import { accountSecurityParts, forwardsToHomeRegion, triagedServices } from '../../core/organization/account-roles';

/** Properties of {@link SecurityRegionalStack}. */
export interface SecurityRegionalStackProps extends StackProps {
  /** The validated client configuration. */
  readonly config: ClientConfig;
  /** The account this stack is deployed to. */
  readonly account: AccountConfig;
}

/**
 * The security baseline of an account in one allowed region other than its home region: AWS
 * Config (delivering to the home region's log archive), GuardDuty, Security Hub and Access
 * Analyzer, and rules that forward their findings and the calls that triage them by hand to the
 * home region, where the alerts are.
 * Deploy it after the home region's {@link SecurityStack} (the log bucket must exist).
 */
export class SecurityRegionalStack extends Stack {
  constructor(scope: Construct, id: string, props: SecurityRegionalStackProps) {
    super(scope, id, props);
    const { config, account } = props;
    new RegionalSecurityBaseline(this, 'RegionalBaseline', regionalBaselineProps(this, config, account));

    if (forwardsToHomeRegion(config, account)) {
      new FindingForwarder(this, 'FindingForwarder', {
        homeRegion: account.homeRegion,
        forwardFindings: accountSecurityParts(config, account).findingAlerts,
        triagedServices: triagedServices(config, account),
      });
    }
  }
}
