import { Stack } from 'aws-cdk-lib';
import * as config from 'aws-cdk-lib/aws-config';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as securityhub from 'aws-cdk-lib/aws-securityhub';
import { Construct } from 'constructs';
import { GuardDutyOrganizationSettings } from './guard-duty-organization-settings';
import type { GuardDutyFeatures } from './guard-duty';
import { SECURITY_HUB_STANDARDS, type SecurityHubStandard } from './security-hub';
import { acknowledge } from '../shared/compliance';
import type { AwsCustomResourceLoggingProps } from '../shared/custom-resource-provider';

/** Properties of {@link SecurityAdministration}. */
export interface SecurityAdministrationProps extends AwsCustomResourceLoggingProps {
  /** Every account of the organization (Security Hub's configuration policy is associated with each). */
  readonly accountIds: readonly string[];
  /** The allowed regions: the home region aggregates Security Hub and Config for the others. */
  readonly regions: readonly string[];
  /** GuardDuty for every account, with these protection plans. @default - no GuardDuty administration */
  readonly guardDuty?: GuardDutyFeatures;
  /** Security Hub for every account and region, with these standards. @default - no Security Hub administration */
  readonly securityHubStandards?: readonly SecurityHubStandard[];
  /** A Config aggregator of every account and region. @default false */
  readonly configAggregator?: boolean;
}

/**
 * What the security account does as delegated administrator, in its home region: GuardDuty on
 * for every account of the organization, existing and new (`AutoEnableOrganizationMembers: ALL`,
 * with the client's protection plans, in every allowed region: {@link GuardDutyOrganizationSettings}
 * calls each region's endpoint from here), Security Hub by central configuration (a finding
 * aggregator for the other regions, one configuration policy with the client's standards,
 * associated with every account), and an AWS Config aggregator over every account and region.
 *
 * Deploy after the management account has designated this account (`DelegatedAdministration`).
 */
export class SecurityAdministration extends Construct {
  constructor(scope: Construct, id: string, props: SecurityAdministrationProps) {
    super(scope, id);
    const stack = Stack.of(this);
    const otherRegions = props.regions.filter((region) => region !== stack.region);

    if (props.guardDuty) {
      // Every region's settings from here (the calls go to each region's endpoint), so the other
      // regions need no provider function, log group or key of their own.
      new GuardDutyOrganizationSettings(this, 'GuardDuty', { ...props, features: props.guardDuty, regions: props.regions });
    }

    if (props.securityHubStandards) {
      const aggregator =
        otherRegions.length > 0
          ? new securityhub.CfnFindingAggregator(this, 'FindingAggregator', {
              regionLinkingMode: 'SPECIFIED_REGIONS',
              regions: otherRegions,
            })
          : undefined;
      const organizationConfiguration = new securityhub.CfnOrganizationConfiguration(this, 'OrganizationConfiguration', {
        autoEnable: false,
        autoEnableStandards: 'NONE',
        configurationType: 'CENTRAL',
      });
      if (aggregator) organizationConfiguration.node.addDependency(aggregator);
      const policy = new securityhub.CfnConfigurationPolicy(this, 'ConfigurationPolicy', {
        name: 'landing-zone-baseline',
        description: 'Security Hub on with the landing zone standards in every account and linked region',
        configurationPolicy: {
          securityHub: {
            serviceEnabled: true,
            enabledStandardIdentifiers: props.securityHubStandards.map((standard) =>
              SECURITY_HUB_STANDARDS[standard].arn(stack.partition, stack.region),
            ),
            securityControlsConfiguration: { disabledSecurityControlIdentifiers: [] },
          },
        },
      });
      policy.node.addDependency(organizationConfiguration);
      for (const accountId of props.accountIds) {
        new securityhub.CfnPolicyAssociation(this, `PolicyAssociation${accountId}`, {
          configurationPolicyId: policy.attrId,
          targetId: accountId,
          targetType: 'ACCOUNT',
        });
      }
    }

    if (props.configAggregator) {
      const role = new iam.Role(this, 'ConfigAggregatorRole', {
        assumedBy: new iam.ServicePrincipal('config.amazonaws.com'),
        description: 'Lets AWS Config read the organization to aggregate every account',
        managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('service-role/AWSConfigRoleForOrganizations')],
      });
      acknowledge(
        role,
        'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSConfigRoleForOrganizations]',
        'The AWS managed service role policy for Config organization aggregators: read-only Organizations calls (DescribeOrganization, ListAccounts, ListAWSServiceAccessForOrganization), maintained by AWS.',
      );
      new config.CfnConfigurationAggregator(this, 'ConfigAggregator', {
        configurationAggregatorName: 'landing-zone-organization',
        organizationAggregationSource: { roleArn: role.roleArn, awsRegions: [...props.regions], allAwsRegions: false },
      });
    }
  }
}
