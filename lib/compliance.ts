import { App, Stack, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks, HIPAASecurityChecks, NagPack, NIST80053R5Checks, PCIDSS321Checks, ServerlessChecks } from 'cdk-nag';
import { IConstruct } from 'constructs';

/**
 * The five cdk-nag packs that gate every synth and every test run. One list, used by the app
 * and by the tests, so both check exactly the same rules.
 */
export function createCompliancePacks(app: App): NagPack[] {
  return [
    new AwsSolutionsChecks(app, { verbose: true }),
    new NIST80053R5Checks(app, { verbose: true }),
    new HIPAASecurityChecks(app, { verbose: true }),
    new PCIDSS321Checks(app, { verbose: true }),
    new ServerlessChecks(app, { verbose: true }),
  ];
}

/**
 * Registers the compliance packs as CDK validation plugins (cdk-nag v3): any finding that is not
 * acknowledged fails `cdk synth` and makes `app.synth()` throw.
 */
export function registerCompliancePacks(app: App): NagPack[] {
  const packs = createCompliancePacks(app);
  Validations.of(app).addPlugins(...packs);
  return packs;
}

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
