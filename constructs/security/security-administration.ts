import { Stack } from 'aws-cdk-lib';
import * as config from 'aws-cdk-lib/aws-config';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as securityhub from 'aws-cdk-lib/aws-securityhub';
import * as cr from 'aws-cdk-lib/custom-resources';
import { Construct } from 'constructs';
import { regionSuffix } from '../../lib/core/naming';
import { FEATURE_NAMES, type GuardDutyFeatures } from './guard-duty';
import { SECURITY_HUB_STANDARDS, type SecurityHubStandard } from './security-hub';
import { acknowledge } from '../shared/compliance';
import {
  AwsCustomResourceLoggingProps,
  createAccountSettingResource,
  grantToAwsCustomResourceProvider,
} from '../shared/custom-resource-provider';

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
 * with the client's protection plans; the other regions get a
 * {@link GuardDutyOrganizationSettings} each), Security Hub by central configuration (a finding
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

/** Properties of {@link GuardDutyOrganizationSettings}. */
export interface GuardDutyOrganizationSettingsProps extends AwsCustomResourceLoggingProps {
  /** The protection plans every account gets. */
  readonly features: GuardDutyFeatures;
  /** The regions to configure (each region's endpoint is called from the stack's region). */
  readonly regions: readonly string[];
}

/**
 * GuardDuty for every account of the organization in each region, set by the delegated
 * administrator: its detector (which designation created, so it is looked up, never declared)
 * auto-enables GuardDuty and the client's protection plans for all accounts, existing and new.
 * No CloudFormation resource exists for this; two `AwsCustomResource`s make the calls on create
 * and update. **Delete** leaves the settings: the accounts keep their detectors.
 */
export class GuardDutyOrganizationSettings extends Construct {
  constructor(scope: Construct, id: string, props: GuardDutyOrganizationSettingsProps) {
    super(scope, id);
    const calls: cr.AwsCustomResource[] = [];
    for (const region of props.regions) {
      const suffix = regionSuffix(region);
      const detectors = createAccountSettingResource(
        this,
        `Detector${suffix}`,
        {
          service: '@aws-sdk/client-guardduty',
          action: 'ListDetectors',
          region,
          parameters: {},
          physicalResourceId: cr.PhysicalResourceId.of(`guardduty-administrator-detector-${region}`),
          outputPaths: ['DetectorIds.0'],
        },
        props,
      );
      const features = FEATURE_NAMES.map(([prop, name, enabledByDefault]) => ({
        Name: name,
        AutoEnable: (props.features[prop] ?? enabledByDefault) ? 'ALL' : 'NONE',
      }));
      const settings = createAccountSettingResource(
        this,
        `Settings${suffix}`,
        {
          service: '@aws-sdk/client-guardduty',
          action: 'UpdateOrganizationConfiguration',
          region,
          parameters: { DetectorId: detectors.getResponseField('DetectorIds.0'), AutoEnableOrganizationMembers: 'ALL', Features: features },
          physicalResourceId: cr.PhysicalResourceId.of(`guardduty-organization-configuration-${region}`),
        },
        props,
      );
      calls.push(detectors, settings);
    }
    const policy = grantToAwsCustomResourceProvider(
      this,
      [
        new iam.PolicyStatement({
          actions: [
            'guardduty:ListDetectors',
            'guardduty:UpdateOrganizationConfiguration',
            'organizations:DescribeOrganization',
            'organizations:ListAccounts',
          ],
          resources: ['*'],
          conditions: { StringEquals: { 'aws:RequestedRegion': [...props.regions, 'us-east-1'] } },
        }),
      ],
      calls,
    );
    acknowledge(
      policy,
      'AwsSolutions-IAM5[Resource::*]',
      "ListDetectors and the Organizations reads have no resource types; UpdateOrganizationConfiguration acts on the administrator's detector, which GuardDuty creates when the account is designated, so its id is not known before deployment. Limited to the allowed regions.",
    );
  }
}
