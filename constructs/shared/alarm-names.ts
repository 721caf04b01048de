import { Stack, Token } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';

/** CloudWatch's limit on alarm names. */
const MAX_ALARM_NAME_LENGTH = 255;

/**
 * The one naming strategy for alarms: `<stack name>-<what>`, e.g.
 * `Acme-Production-Security-CIS-4.3-RootAccountUsage` or `Acme-Production-FinOps-Budget-total-Actual-80pct`.
 * Stack names are `<Client>-<Account>-<Layer>[-<Region>]`, so every alarm says whose it is: a chat
 * channel or inbox that several clients or accounts share shows which one fired.
 *
 * @param scope any construct of the alarm's stack
 * @param parts what the alarm watches, most general first; joined with hyphens
 */
export function alarmName(scope: IConstruct, ...parts: ReadonlyArray<string | number>): string {
  const stack = Stack.of(scope);
  const name = [stack.stackName, ...parts.map(String)].join('-');
  if (!Token.isUnresolved(name) && name.length > MAX_ALARM_NAME_LENGTH) {
    throw new Error(
      `${scope.node.path}: the alarm name ${JSON.stringify(name)} has ${name.length} characters, over CloudWatch's ${MAX_ALARM_NAME_LENGTH}; shorten the name it is built from (${parts.join(', ')})`,
    );
  }
  return name;
}
