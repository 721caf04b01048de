import { Stack, Validations } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';

/**
 * Acknowledging cdk-nag findings on the narrowest construct, and reading them back: the helpers
 * every construct uses. The packs themselves are registered by the app (`lib/app/compliance.ts`).
 */

/** One cdk-nag acknowledgement as recorded in the construct tree. */
export interface Acknowledgement {
  /** Construct path of the construct that carries the acknowledgement. */
  readonly path: string;
  /** The finding, e.g. `AwsSolutions-IAM5[Resource::*]`. */
  readonly ruleId: string;
  /** Why the finding does not apply, or what compensates for it. */
  readonly reason: string;
}

/**
 * Acknowledges one cdk-nag finding on one construct, with a reason. Use the granular id when the
 * rule reports one (`AwsSolutions-IAM5[Resource::*]`) and put it on the narrowest construct.
 */
export function acknowledge(scope: IConstruct, ruleId: string, reason: string): void {
  Validations.of(scope).acknowledge({ id: ruleId, reason });
}

/** Every acknowledgement under `scope`, in construct-tree order. */
export function listAcknowledgements(scope: IConstruct): Acknowledgement[] {
  const found: Acknowledgement[] = [];
  for (const construct of scope.node.findAll()) {
    for (const entry of construct.node.metadata) {
      if (entry.type !== Validations.ACKNOWLEDGED_RULES_METADATA_KEY || !entry.data) continue;
      for (const [id, reason] of Object.entries(entry.data as Record<string, string>)) {
        // CDK stores the id namespaced (`Annotation::AwsSolutions-S1`); show it as written.
        found.push({ path: construct.node.path, ruleId: id.replace(/^annotation::/i, ''), reason });
      }
    }
  }
  return found;
}

/**
 * How cdk-nag writes a policy resource in a granular finding id (`AwsSolutions-IAM5[Resource::<this>]`):
 * the value as the template has it, with `Fn::Join` joined and references written `<Logical.Attr>`
 * or `<AWS::Partition>`. Acknowledgements built with it follow the template as feature flags
 * change it (a literal partition with a known region, a pseudo parameter without).
 */
export function nagResourceId(scope: IConstruct, value: string): string {
  return flattenForNag(Stack.of(scope).resolve(value));
}

function flattenForNag(value: unknown): string {
  if (typeof value === 'string') return value.replace(/\$\{/g, '<').replace(/}/g, '>');
  if (value && typeof value === 'object') {
    // The three intrinsics that CDK renders into policy resources.
    const node = value as { 'Fn::Join'?: [string, unknown[]]; 'Fn::GetAtt'?: [string, string]; Ref?: string };
    if (node['Fn::Join']) return node['Fn::Join'][1].map(flattenForNag).join(node['Fn::Join'][0]);
    if (node['Fn::GetAtt']) return `<${node['Fn::GetAtt'][0]}.${node['Fn::GetAtt'][1]}>`;
    if (node.Ref !== undefined) return `<${node.Ref}>`;
  }
  return JSON.stringify(value);
}
