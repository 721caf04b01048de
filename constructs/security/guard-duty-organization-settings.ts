import * as iam from 'aws-cdk-lib/aws-iam';
import * as cr from 'aws-cdk-lib/custom-resources';
import { Construct } from 'constructs';
import { regionSuffix } from '../../lib/core/naming';
import { FEATURE_NAMES, type GuardDutyFeatures } from './guard-duty';
import { acknowledge } from '../shared/compliance';
import {
  AwsCustomResourceLoggingProps,
  createAccountSettingResource,
  grantToAwsCustomResourceProvider,
} from '../shared/custom-resource-provider';

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
