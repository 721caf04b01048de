import { App, Stack } from 'aws-cdk-lib';

/** One account and region that must be bootstrapped before the client's stacks can be deployed. */
export interface BootstrapTarget {
  readonly account: string;
  readonly region: string;
  /** The stacks that deploy there. */
  readonly stacks: string[];
}

/**
 * Every environment (account/region) that the app's stacks deploy to, derived from the built app
 * itself so the answer stays true as layers are added.
 */
export function bootstrapTargets(app: App): BootstrapTarget[] {
  const targets = new Map<string, BootstrapTarget>();
  for (const stack of app.node.findAll().filter((c): c is Stack => c instanceof Stack)) {
    const key = `${stack.account}/${stack.region}`;
    const target = targets.get(key) ?? { account: stack.account, region: stack.region, stacks: [] };
    target.stacks.push(stack.stackName);
    targets.set(key, target);
  }
  return [...targets.values()].sort((a, b) => `${a.account}/${a.region}`.localeCompare(`${b.account}/${b.region}`));
}
