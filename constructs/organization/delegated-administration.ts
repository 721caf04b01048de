import { RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as securityhub from 'aws-cdk-lib/aws-securityhub';
import * as cr from 'aws-cdk-lib/custom-resources';
import { Construct } from 'constructs';
import { acknowledge } from '../shared/compliance';
import {
  AwsCustomResourceLoggingProps,
  createAccountSettingResource,
  grantToAwsCustomResourceProvider,
} from '../shared/custom-resource-provider';
import { regionSuffix as regionSuffixOf } from '../../lib/core/naming';

/** The services the organization trusts, by service principal, and why. */
const TRUSTED_SERVICES: Readonly<Record<string, string>> = {
  'cloudtrail.amazonaws.com': 'the organization trail',
  'config.amazonaws.com': 'the Config aggregator of the security account',
  'config-multiaccountsetup.amazonaws.com': 'organization Config rules from the security account',
  'guardduty.amazonaws.com': 'GuardDuty for every account from the security account',
  'malware-protection.guardduty.amazonaws.com': 'GuardDuty Malware Protection for member accounts',
  'securityhub.amazonaws.com': 'Security Hub central configuration from the security account',
  'access-analyzer.amazonaws.com': 'the organization analyzer of the security account',
  'sso.amazonaws.com': 'IAM Identity Center permission sets in every account',
  'tagpolicies.tag.amazonaws.com': 'tag policies for the cost-allocation tags',
};

/** Delegated administrators registered through Organizations (GuardDuty and Security Hub use their own APIs). */
const DELEGATED_THROUGH_ORGANIZATIONS = ['access-analyzer.amazonaws.com', 'config.amazonaws.com'];

/** Properties of {@link DelegatedAdministration}. */
export interface DelegatedAdministrationProps extends AwsCustomResourceLoggingProps {
  /** The security (audit) account that administers the security services for the organization. */
  readonly securityAccountId: string;
  /** The regions where GuardDuty and Security Hub are administered (every allowed region). */
  readonly regions: readonly string[];
  /** GuardDuty administered by the security account. @default true */
  readonly guardDuty?: boolean;
  /** Security Hub administered by the security account. @default true */
  readonly securityHub?: boolean;
}

/**
 * Hands the organization's security services to the security account, from the management
 * account: trusted access for every service the landing zone uses, then the security account as
 * delegated administrator of GuardDuty (each region), Security Hub (each region; Security Hub is
 * switched on here first, as designating requires), IAM Access Analyzer and AWS Config.
 *
 * None of this has a CloudFormation resource except Security Hub's designation in the stack's
 * region, so `AwsCustomResource`s make the calls on create and on update. A repeated call is
 * answered with an "already" error, which is ignored. **Delete** changes nothing: removing a
 * delegated administrator would switch off the organization's detection.
 */
export class DelegatedAdministration extends Construct {
  /** What the security account's stacks must wait for. */
  readonly designations: Construct[] = [];

  constructor(scope: Construct, id: string, props: DelegatedAdministrationProps) {
    super(scope, id);
    if (!/^\d{12}$/.test(props.securityAccountId)) {
      throw new Error(
        `DelegatedAdministration ${this.node.path}: securityAccountId must be 12 digits (received ${props.securityAccountId})`,
      );
    }
    const stack = Stack.of(this);
    const guardDuty = props.guardDuty ?? true;
    const securityHub = props.securityHub ?? true;
    // Organizations is a global service whose endpoint is in us-east-1.
    const organizationsCall = (action: string, parameters: Record<string, string>, physicalId: string, ignore?: string) => ({
      service: '@aws-sdk/client-organizations',
      action,
      region: 'us-east-1',
      parameters,
      physicalResourceId: cr.PhysicalResourceId.of(physicalId),
      ...(ignore ? { ignoreErrorCodesMatching: ignore } : {}),
    });

    const trusted = Object.keys(TRUSTED_SERVICES).map((principal) =>
      createAccountSettingResource(
        this,
        `Trust${trustId(principal)}`,
        // Idempotent: enabling trusted access that is already on succeeds.
        organizationsCall('EnableAWSServiceAccess', { ServicePrincipal: principal }, `trusted-access-${principal}`),
        props,
      ),
    );
    const registered = DELEGATED_THROUGH_ORGANIZATIONS.map((principal) => {
      const registration = createAccountSettingResource(
        this,
        `Register${trustId(principal)}`,
        organizationsCall(
          'RegisterDelegatedAdministrator',
          { AccountId: props.securityAccountId, ServicePrincipal: principal },
          `delegated-administrator-${principal}`,
          'AccountAlreadyRegisteredException',
        ),
        props,
      );
      trusted.forEach((access) => registration.node.addDependency(access));
      return registration;
    });

    const guardDutyDesignations = guardDuty
      ? props.regions.map((region) => {
          const designation = createAccountSettingResource(
            this,
            `GuardDutyAdministrator${regionSuffixOf(region)}`,
            {
              service: '@aws-sdk/client-guardduty',
              action: 'EnableOrganizationAdminAccount',
              region,
              parameters: { AdminAccountId: props.securityAccountId },
              physicalResourceId: cr.PhysicalResourceId.of(`guardduty-administrator-${region}`),
              // Designating the account that already is the administrator is a BadRequest.
              ignoreErrorCodesMatching: 'BadRequestException',
            },
            props,
          );
          trusted.forEach((access) => designation.node.addDependency(access));
          return designation;
        })
      : [];

    const securityHubDesignations: Construct[] = [];
    const securityHubCalls: cr.AwsCustomResource[] = [];
    if (securityHub) {
      // Designating needs Security Hub on in the management account. Its standards come from the
      // central configuration; the hub holds the account's findings, so it is retained.
      const hub = new securityhub.CfnHub(this, 'ManagementHub', { enableDefaultStandards: false, autoEnableControls: true });
      hub.applyRemovalPolicy(RemovalPolicy.RETAIN);
      for (const region of props.regions) {
        if (region === stack.region) {
          const designation = new securityhub.CfnDelegatedAdmin(this, `SecurityHubAdministrator${regionSuffixOf(region)}`, {
            adminAccountId: props.securityAccountId,
          });
          designation.node.addDependency(hub);
          trusted.forEach((access) => designation.node.addDependency(access));
          securityHubDesignations.push(designation);
        } else {
          const designation = createAccountSettingResource(
            this,
            `SecurityHubAdministrator${regionSuffixOf(region)}`,
            {
              service: '@aws-sdk/client-securityhub',
              action: 'EnableOrganizationAdminAccount',
              region,
              parameters: { AdminAccountId: props.securityAccountId },
              physicalResourceId: cr.PhysicalResourceId.of(`securityhub-administrator-${region}`),
              ignoreErrorCodesMatching: 'ResourceConflictException',
            },
            props,
          );
          trusted.forEach((access) => designation.node.addDependency(access));
          securityHubDesignations.push(designation);
          securityHubCalls.push(designation);
        }
      }
    }

    const calls = [...trusted, ...registered, ...guardDutyDesignations, ...securityHubCalls];
    const policy = grantToAwsCustomResourceProvider(
      this,
      [
        new iam.PolicyStatement({
          sid: 'TrustAndDelegate',
          actions: [
            'organizations:DescribeOrganization',
            'organizations:EnableAWSServiceAccess',
            'organizations:ListAWSServiceAccessForOrganization',
            'organizations:ListDelegatedAdministrators',
            'organizations:RegisterDelegatedAdministrator',
          ],
          resources: ['*'],
        }),
        new iam.PolicyStatement({
          sid: 'DesignateSecurityAdministrator',
          actions: [
            'guardduty:EnableOrganizationAdminAccount',
            'guardduty:ListOrganizationAdminAccounts',
            'securityhub:EnableOrganizationAdminAccount',
            'securityhub:ListOrganizationAdminAccounts',
            // Both services create their service-linked role in the administrator account.
            'iam:CreateServiceLinkedRole',
            'organizations:DescribeAccount',
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
      'Trusted access, delegated administrator registration and the GuardDuty and Security Hub administrator designations have no resource types in IAM (they act on the organization as a whole); the designation calls are limited to the allowed regions, and the service-linked roles are created by the services themselves.',
    );
    this.designations.push(...registered, ...guardDutyDesignations, ...securityHubDesignations);
  }
}

/** `malware-protection.guardduty.amazonaws.com` -> `MalwareProtectionGuardduty`: a stable construct id. */
function trustId(principal: string): string {
  return principal
    .replace(/\.amazonaws\.com$/, '')
    .split(/[.-]/)
    .map((part) => part[0].toUpperCase() + part.slice(1))
    .join('');
}
