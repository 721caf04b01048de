import { Aws, RemovalPolicy } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as organizations from 'aws-cdk-lib/aws-organizations';
import * as cr from 'aws-cdk-lib/custom-resources';
import { Construct } from 'constructs';
import { acknowledge } from '../shared/compliance';
import {
  AwsCustomResourceLoggingProps,
  createAccountSettingResource,
  grantToAwsCustomResourceProvider,
} from '../shared/custom-resource-provider';
import {
  MAX_UNIT_DEPTH,
  SCP_MAX_CHARACTERS,
  SCPS_PER_TARGET,
  scpSize,
  type ServiceControlPolicy,
} from '../../lib/core/rules/organizations';

/** An account of the organization and where it goes. */
export interface OrganizationMember {
  /** The account's short name (becomes the created account's name and the construct id). */
  readonly name: string;
  /** The 12-digit account id (for invited accounts; created accounts get theirs from AWS). */
  readonly id: string;
  /** The OU path, e.g. `Workloads/Production`. */
  readonly unit: string;
  /** `created`: created here (needs `email`); `invited`: joined by invitation, moved into its OU here. */
  readonly origin: 'created' | 'invited';
  /** Root email address of a created account. */
  readonly email?: string;
}

/** Properties of {@link OrganizationStructure}. */
export interface OrganizationStructureProps extends AwsCustomResourceLoggingProps {
  /**
   * The root id of an existing organization (`r-...`).
   * @default - the organization is created here (all features), and its root id comes from it
   */
  readonly existingRootId?: string;
  /** Every OU as a path below the root (`Workloads/Production`); parents are created first. */
  readonly units: readonly string[];
  /** The accounts and their OUs (not the management account, which stays at the root). */
  readonly members: readonly OrganizationMember[];
  /** The SCPs attached to the root: they bind every member account, never the management account. */
  readonly rootPolicies: readonly ServiceControlPolicy[];
  /** SCPs attached to single OUs by path (e.g. the deny-all of `Suspended`). @default - none */
  readonly unitPolicies?: Readonly<Record<string, readonly ServiceControlPolicy[]>>;
  /**
   * A tag policy attached to the root (`Content` as AWS Organizations expects it).
   * @default - none
   */
  readonly tagPolicy?: { readonly name: string; readonly description: string; readonly content: object };
}

/**
 * The shape of a client's AWS organization: the organization itself (or an existing one's root),
 * its OUs, the accounts the platform creates, the invited accounts moved into their OUs, and the
 * service control and tag policies with their attachments.
 *
 * Deploy in the management account. The Organizations limits are checked before anything is
 * synthesized: nesting depth (5), SCP size (5,120 characters) and SCPs per target (5, counting
 * the FullAWSAccess policy AWS attaches to every root and OU).
 *
 * **Delete**: the organization, OUs and created accounts are retained (closing an account or
 * deleting an organization is never a side effect of a stack operation); policies are removed.
 */
export class OrganizationStructure extends Construct {
  /** The root id (a token when the organization is created here). */
  readonly rootId: string;
  /** The OU ids by path. */
  readonly unitIds: ReadonlyMap<string, string>;

  constructor(scope: Construct, id: string, props: OrganizationStructureProps) {
    super(scope, id);
    validate(this, props);

    if (props.existingRootId) {
      this.rootId = props.existingRootId;
    } else {
      const organization = new organizations.CfnOrganization(this, 'Organization', { featureSet: 'ALL' });
      organization.applyRemovalPolicy(RemovalPolicy.RETAIN);
      this.rootId = organization.attrRootId;
    }

    const unitIds = new Map<string, string>();
    const ouResources = new Map<string, organizations.CfnOrganizationalUnit>();
    for (const path of [...props.units].sort((a, b) => a.split('/').length - b.split('/').length)) {
      const names = path.split('/');
      const parent = names.slice(0, -1).join('/');
      const ou = new organizations.CfnOrganizationalUnit(this, `Unit${constructIdOf(path)}`, {
        name: names[names.length - 1],
        parentId: parent ? unitIds.get(parent)! : this.rootId,
      });
      ou.applyRemovalPolicy(RemovalPolicy.RETAIN);
      unitIds.set(path, ou.attrId);
      ouResources.set(path, ou);
    }
    this.unitIds = unitIds;

    const invited: OrganizationMember[] = [];
    for (const member of props.members) {
      if (member.origin === 'created') {
        const account = new organizations.CfnAccount(this, `Account${constructIdOf(member.name)}`, {
          accountName: member.name,
          email: member.email!,
          parentIds: [unitIds.get(member.unit)!],
        });
        account.applyRemovalPolicy(RemovalPolicy.RETAIN);
      } else {
        invited.push(member);
      }
    }
    this.moveInvitedAccounts(invited, props);

    const attach = (policy: ServiceControlPolicy, targets: string[], policyId: string) =>
      new organizations.CfnPolicy(this, policyId, {
        name: policy.name,
        description: policy.description,
        type: 'SERVICE_CONTROL_POLICY',
        content: policy.document,
        targetIds: targets,
      });
    props.rootPolicies.forEach((policy) => attach(policy, [this.rootId], `Policy${constructIdOf(policy.name)}`));
    for (const [unit, policies] of Object.entries(props.unitPolicies ?? {})) {
      for (const policy of policies) {
        const attached = attach(policy, [unitIds.get(unit)!], `Policy${constructIdOf(policy.name)}`);
        attached.node.addDependency(ouResources.get(unit)!);
      }
    }
    if (props.tagPolicy) {
      new organizations.CfnPolicy(this, 'TagPolicy', {
        name: props.tagPolicy.name,
        description: props.tagPolicy.description,
        type: 'TAG_POLICY',
        content: props.tagPolicy.content,
        targetIds: [this.rootId],
      });
    }
  }

  /**
   * An invited account lands at the root when it accepts; `organizations:MoveAccount` puts it
   * into its OU. Moving an account that is already there fails with
   * `DuplicateAccountException`, and one that has been moved elsewhere by hand with
   * `SourceParentNotFoundException`: both are left alone (the call is made on create and update).
   */
  private moveInvitedAccounts(invited: OrganizationMember[], props: OrganizationStructureProps): void {
    if (invited.length === 0) return;
    const moves = invited.map((member) =>
      createAccountSettingResource(
        this,
        `Move${constructIdOf(member.name)}`,
        {
          service: '@aws-sdk/client-organizations',
          action: 'MoveAccount',
          // Organizations is a global service with its endpoint in us-east-1.
          region: 'us-east-1',
          parameters: { AccountId: member.id, SourceParentId: this.rootId, DestinationParentId: this.unitIds.get(member.unit) },
          physicalResourceId: cr.PhysicalResourceId.of(`organizations-move-${member.id}`),
          ignoreErrorCodesMatching: 'DuplicateAccountException|SourceParentNotFoundException',
        },
        props,
      ),
    );
    // MoveAccount is authorized on the account, its source (the root) and its destination (an
    // OU), all in this management account; the organization id is part of each ARN and not known
    // before the organization exists.
    const organizationArn = (resource: string) => `arn:${Aws.PARTITION}:organizations::${Aws.ACCOUNT_ID}:${resource}`;
    const resourceNames = [...invited.map((member) => `account/o-*/${member.id}`), 'root/o-*/r-*', 'ou/o-*/ou-*'];
    const policy = grantToAwsCustomResourceProvider(
      this,
      [new iam.PolicyStatement({ actions: ['organizations:MoveAccount'], resources: resourceNames.map(organizationArn) })],
      moves,
    );
    const reason =
      'MoveAccount only, on the invited accounts by id, the root and the OUs of this organization in this management account; the organization, root and OU ids are generated by AWS Organizations and not known before it exists.';
    for (const name of resourceNames) {
      acknowledge(policy, `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:organizations::<AWS::AccountId>:${name}]`, reason);
    }
  }
}

/** `Workloads/Non Production` -> `WorkloadsNonProduction`: a construct id from a path or name. */
function constructIdOf(text: string): string {
  return text
    .split(/[^A-Za-z0-9]+/)
    .filter((part) => part.length > 0)
    .map((part) => part[0].toUpperCase() + part.slice(1))
    .join('');
}

function validate(scope: Construct, props: OrganizationStructureProps): void {
  const where = `OrganizationStructure ${scope.node.path}`;
  for (const unit of props.units) {
    const depth = unit.split('/').length;
    if (depth > MAX_UNIT_DEPTH)
      throw new Error(`${where}: OU ${unit} nests ${depth} levels deep; AWS Organizations allows at most ${MAX_UNIT_DEPTH}`);
    const parent = unit.split('/').slice(0, -1).join('/');
    if (parent && !props.units.includes(parent)) throw new Error(`${where}: OU ${unit} needs its parent ${parent} in units`);
  }
  for (const member of props.members) {
    if (!props.units.includes(member.unit))
      throw new Error(`${where}: account ${member.name} goes to OU ${member.unit}, which is not in units (${props.units.join(', ')})`);
    if (member.origin === 'created' && !member.email)
      throw new Error(`${where}: account ${member.name} is created here and needs its root email address`);
  }
  const all = [...props.rootPolicies, ...Object.values(props.unitPolicies ?? {}).flat()];
  for (const policy of all) {
    const size = scpSize(policy);
    if (size > SCP_MAX_CHARACTERS) {
      throw new Error(`${where}: SCP ${policy.name} has ${size} characters; AWS Organizations accepts at most ${SCP_MAX_CHARACTERS}`);
    }
  }
  // AWS attaches FullAWSAccess to the root and to every OU: it takes one of the five places.
  const rootCount = props.rootPolicies.length + 1;
  if (rootCount > SCPS_PER_TARGET) {
    throw new Error(
      `${where}: the root would have ${rootCount} SCPs (with FullAWSAccess); AWS Organizations allows at most ${SCPS_PER_TARGET} per target`,
    );
  }
  for (const [unit, policies] of Object.entries(props.unitPolicies ?? {})) {
    if (!props.units.includes(unit)) throw new Error(`${where}: unitPolicies names OU ${unit}, which is not in units`);
    const count = policies.length + 1;
    if (count > SCPS_PER_TARGET) {
      throw new Error(
        `${where}: OU ${unit} would have ${count} SCPs (with FullAWSAccess); AWS Organizations allows at most ${SCPS_PER_TARGET} per target`,
      );
    }
  }
}
