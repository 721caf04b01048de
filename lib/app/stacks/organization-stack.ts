import { Stack, StackProps } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as cr from 'aws-cdk-lib/custom-resources';
import { Construct } from 'constructs';
import { DelegatedAdministration } from '../../../constructs/organization/delegated-administration';
import { IdentityCenterAccess } from '../../../constructs/organization/identity-center';
import { OrganizationStructure } from '../../../constructs/organization/organization-structure';
import { createAccountSettingResource, grantToAwsCustomResourceProvider } from '../../../constructs/shared/custom-resource-provider';
import { guardrailPolicies, suspendedPolicy } from '../../../policies/organization-guardrails';
import { acknowledge } from '../../../constructs/shared/compliance';
import { ClientConfig } from '../../core/config/schema';
import { SUSPENDED_UNIT, unitsWithParents } from '../../core/config/organization-schema';
import { accessLogsBucketName, logArchiveBucketName, pascalCase } from '../../core/naming';
import { accountNamed } from '../../core/organization/account-roles';

/** Properties of {@link OrganizationStack}. */
export interface OrganizationStackProps extends StackProps {
  /** The validated client configuration, with its `organization` section. */
  readonly config: ClientConfig;
  /** The management account's platform key (foundation stack): it encrypts the custom resources' logs. */
  readonly platformKey: kms.IKey;
}

/**
 * The organization of a client in organization mode, deployed in the management account's home
 * region: OUs, created and invited accounts, the guardrail SCPs (root) and the deny-all SCP
 * (Suspended), the tag policy and the activation of the cost-allocation tags, trusted access and
 * the security account as delegated administrator, and IAM Identity Center permission sets with
 * their assignments. See docs/decisions/010-organization-mode.md for the deployment order.
 */
export class OrganizationStack extends Stack {
  /** What the security account's stacks must wait for. */
  readonly delegatedAdministration?: DelegatedAdministration;

  constructor(scope: Construct, id: string, props: OrganizationStackProps) {
    super(scope, id, props);
    const { config } = props;
    const organization = config.organization;
    if (!organization) throw new Error(`OrganizationStack ${this.node.path}: the client ${config.client.name} has no organization section`);
    const logging = { logGroupKey: props.platformKey };
    const archive = accountNamed(config, organization.logArchiveAccount);
    const units = unitsWithParents(organization.units);
    const common = { clientName: config.client.name, platformNamePrefix: `${pascalCase(config.client.name)}-` };

    new OrganizationStructure(this, 'Structure', {
      ...logging,
      existingRootId: organization.existingRootId,
      units,
      members: Object.entries(organization.accounts).map(([name, place]) => ({
        name,
        id: accountNamed(config, name).id,
        unit: place.unit,
        origin: place.origin,
        email: place.email,
      })),
      rootPolicies: guardrailPolicies({
        ...common,
        allowedRegions: config.allowedRegions,
        logBucketNames: [logArchiveBucketName(archive), accessLogsBucketName(archive)],
        partition: this.partition,
      }),
      unitPolicies: units.includes(SUSPENDED_UNIT) ? { [SUSPENDED_UNIT]: [suspendedPolicy(common)] } : undefined,
      tagPolicy: {
        name: `${common.platformNamePrefix}cost-allocation-tags`,
        description: 'Reports resources whose cost-allocation tag keys are spelt differently (tag policy compliance)',
        content: {
          tags: Object.fromEntries(config.tagging.costAllocationTagKeys.map((key) => [key, { tag_key: { '@@assign': key } }])),
        },
      },
    });
    this.activateCostAllocationTags(config, logging);

    const security = config.security;
    if (
      security.enabled &&
      (security.guardDuty.enabled || security.securityHub.enabled || security.accessAnalyzer.enabled || security.config.enabled)
    ) {
      this.delegatedAdministration = new DelegatedAdministration(this, 'DelegatedAdministration', {
        ...logging,
        securityAccountId: accountNamed(config, organization.securityAccount).id,
        regions: config.allowedRegions,
        guardDuty: security.guardDuty.enabled,
        securityHub: security.securityHub.enabled,
      });
    }

    const identityCenter = organization.identityCenter;
    if (identityCenter) {
      new IdentityCenterAccess(this, 'IdentityCenter', {
        instanceArn: identityCenter.instanceArn,
        namePrefix: common.platformNamePrefix,
        // The members' people-role boundary, where the security baseline creates it.
        boundaryPolicyName: security.enabled && security.iam.enabled ? `${config.client.name}-baseline-protection` : undefined,
        assignments: identityCenter.assignments.map((assignment) => ({
          groupId: assignment.group,
          permissionSet: assignment.permissionSet,
          accountIds: assignment.accounts.map((name) => accountNamed(config, name).id),
        })),
      });
    }
  }

  /**
   * Cost allocation tags are activated in the payer (management) account only, through Cost
   * Explorer in us-east-1. A key that has not appeared on a bill yet is reported in the answer's
   * `Errors`, not as a failure: the call is repeated on every deployment, so it activates the
   * key once it exists.
   */
  private activateCostAllocationTags(config: ClientConfig, logging: { logGroupKey: kms.IKey }): void {
    const keys = config.tagging.costAllocationTagKeys;
    if (keys.length === 0) return;
    const scope = new Construct(this, 'CostAllocationTags');
    const activation = createAccountSettingResource(
      scope,
      'Resource',
      {
        service: '@aws-sdk/client-cost-explorer',
        action: 'UpdateCostAllocationTagsStatus',
        region: 'us-east-1',
        parameters: { CostAllocationTagsStatus: keys.map((key) => ({ TagKey: key, Status: 'Active' })) },
        physicalResourceId: cr.PhysicalResourceId.of(`cost-allocation-tags-${keys.join('-')}`),
      },
      logging,
    );
    const policy = grantToAwsCustomResourceProvider(
      scope,
      [new iam.PolicyStatement({ actions: ['ce:UpdateCostAllocationTagsStatus'], resources: ['*'] })],
      [activation],
    );
    acknowledge(
      policy,
      'AwsSolutions-IAM5[Resource::*]',
      'UpdateCostAllocationTagsStatus has no resource types in IAM; it only switches tag keys on for cost allocation reports.',
    );
  }
}
