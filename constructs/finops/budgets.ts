import { Stack, Token } from 'aws-cdk-lib';
import * as budgets from 'aws-cdk-lib/aws-budgets';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import type { BudgetConfig } from '../../lib/core/config/finops-schema';
import { AlertTopic, topicForService } from '../foundation/alert-topic';

/** The service principal AWS Budgets publishes notifications with. */
export const BUDGETS_SERVICE_PRINCIPAL = 'budgets.amazonaws.com';

/**
 * The `aws:SourceArn` pattern AWS Budgets publishes with: any budget of the stack's account
 * (the condition of the AWS guide "Creating an Amazon SNS topic for budget notifications").
 */
export function budgetsSourceArnLike(scope: Construct): string {
  const stack = Stack.of(scope);
  return `arn:${stack.partition}:budgets::${stack.account}:*`;
}

/**
 * Notifications one budget may have. The Budgets API reference contradicts itself (the
 * `Notification` data type says ten, `CreateBudget` and `AWS::Budgets::Budget` say five; the
 * CloudFormation schema allows ten): five is the limit every document agrees is accepted.
 */
export const MAX_NOTIFICATIONS_PER_BUDGET = 5;

const BUDGET_NAME = /^[^:\\]{1,100}$/;
const ACCOUNT_ID = /^\d{12}$/;

/** Properties of {@link BudgetGuardrails}. */
export interface BudgetGuardrailsProps {
  /** The budgets, as validated by the `finops.budgets` section of the client file. */
  readonly budgets: readonly BudgetConfig[];

  /**
   * The FinOps alert topic every threshold notifies, in any region of this account (AWS Budgets
   * is a global service; its topics must be in the same account, not the same region). An
   * {@link AlertTopic} of this stack is opened to AWS Budgets here (topic policy with
   * `aws:SourceAccount`, use of its key) and created first; any other topic must already admit
   * `budgets.amazonaws.com` (see {@link AlertTopic.allowServiceToPublish}).
   */
  readonly alertTopic: AlertTopic | sns.ITopic;

  /**
   * Account ids by account name, for budgets scoped to one account (`scope.type: account`).
   * @default - no names: an account-scoped budget is rejected
   */
  readonly accountIdsByName?: Readonly<Record<string, string>>;
}

/**
 * One AWS Budget per configured budget: a monthly COST budget in USD, limited to its scope
 * (whole bill, one service, one linked account, one cost-allocation tag value or one cost category),
 * measured with the configured cost metric, with one notification per threshold (actual or
 * forecast, in percent of the limit) to the FinOps alert topic.
 *
 * These are the native guardrails: they work without the cost collector, so a broken collector
 * cannot hide an overrun. Budgets without actions cost nothing.
 *
 * Where: budgets belong to the account, not to a region (`arn:aws:budgets::<account>:budget/<name>`),
 * and names are unique per account, so create this construct in one stack per account only (the
 * home-region stack). `AWS::Budgets::Budget` exists in CloudFormation in the commercial regions
 * except some recent opt-in ones (for example eu-central-2, aws-cloudformation/
 * cloudformation-coverage-roadmap#2177); eu-central-1, eu-west-1 and us-east-1 have it.
 *
 * Filters use `FilterExpression` and `Metrics` (the pair AWS recommends; `CostFilters` and
 * `CostTypes` are the older pair, and the two may not be mixed). Tag filters name the plain tag
 * key, as Cost Explorer expressions do; the tag must be activated as a cost-allocation tag in the
 * payer account, or the budget stays at zero.
 */
export class BudgetGuardrails extends Construct {
  /** The budgets, by configured name. */
  readonly budgets: Readonly<Record<string, budgets.CfnBudget>>;

  constructor(scope: Construct, id: string, props: BudgetGuardrailsProps) {
    super(scope, id);
    const accountIdsByName = props.accountIdsByName ?? {};
    const where = `BudgetGuardrails ${this.node.path}`;
    validate(where, props.budgets, accountIdsByName);

    const { topicArn, createAfter } = topicForService(props.alertTopic, BUDGETS_SERVICE_PRINCIPAL, {
      sourceArnLike: budgetsSourceArnLike(this),
    });

    const created: Record<string, budgets.CfnBudget> = {};
    for (const budget of props.budgets) {
      // Keyed by name, not position: reordering the list must not replace a budget (a replacement
      // would first create a second budget of the same name, which AWS Budgets refuses).
      const resource = new budgets.CfnBudget(this, budgetConstructId(this, budget.name), {
        budget: {
          // A human reads the name in the Budgets console and in every notification; it is also
          // the Budget dimension of the collector's metrics.
          budgetName: budget.name,
          budgetType: 'COST',
          timeUnit: 'MONTHLY',
          budgetLimit: { amount: budget.monthlyLimitUsd, unit: 'USD' },
          metrics: [budget.costMetric],
          filterExpression: filterExpression(budget, accountIdsByName),
        },
        notificationsWithSubscribers: budget.thresholds.map((threshold) => ({
          notification: {
            notificationType: threshold.basis === 'forecast' ? 'FORECASTED' : 'ACTUAL',
            comparisonOperator: 'GREATER_THAN',
            threshold: threshold.percent,
            thresholdType: 'PERCENTAGE',
          },
          subscribers: [{ subscriptionType: 'SNS', address: topicArn }],
        })),
      });
      // The topic policy and key grant must exist before AWS Budgets first publishes.
      if (createAfter) resource.node.addDependency(createAfter);
      created[budget.name] = resource;
    }
    this.budgets = created;
  }
}

/**
 * A construct id for something that belongs to one budget, stable as long as the budget's name
 * is: `Budget` and the name in PascalCase (`project-webshop` becomes `BudgetProjectWebshop`).
 * Fails when two names of the same scope differ only in separators or case.
 */
export function budgetConstructId(scope: Construct, budgetName: string, suffix = ''): string {
  const pascal = budgetName
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((word) => word[0].toUpperCase() + word.slice(1))
    .join('');
  const id = `Budget${pascal}${suffix}`;
  if (scope.node.tryFindChild(id)) {
    throw new Error(
      `${scope.node.path}: budget names ${JSON.stringify(budgetName)} and another one differ only in separators or case; name budgets so that they differ in letters or digits`,
    );
  }
  return id;
}

/** The budget's scope as a Budgets filter expression; none for the whole bill. */
function filterExpression(
  budget: BudgetConfig,
  accountIdsByName: Readonly<Record<string, string>>,
): budgets.CfnBudget.ExpressionProperty | undefined {
  const scope = budget.scope;
  switch (scope.type) {
    case 'total':
      return undefined;
    case 'service':
      return { dimensions: { key: 'SERVICE', values: [scope.service], matchOptions: ['EQUALS'] } };
    case 'account':
      return { dimensions: { key: 'LINKED_ACCOUNT', values: [accountIdsByName[scope.account]], matchOptions: ['EQUALS'] } };
    case 'tag':
      return { tags: { key: scope.key, values: [scope.value], matchOptions: ['EQUALS'] } };
    case 'costCategory':
      return { costCategories: { key: scope.name, values: [scope.value], matchOptions: ['EQUALS'] } };
  }
}

function validate(where: string, list: readonly BudgetConfig[], accountIdsByName: Readonly<Record<string, string>>): void {
  const seen = new Set<string>();
  for (const budget of list) {
    const name = budget.name;
    if (!Token.isUnresolved(name)) {
      if (!BUDGET_NAME.test(name)) {
        throw new Error(`${where}: budget name must be 1-100 characters without ":" or "\\" (received ${JSON.stringify(name)})`);
      }
      if (seen.has(name)) {
        throw new Error(`${where}: budget names must be unique in the account (received ${JSON.stringify(name)} twice)`);
      }
      seen.add(name);
    }
    if (!Token.isUnresolved(budget.monthlyLimitUsd) && !(Number.isFinite(budget.monthlyLimitUsd) && budget.monthlyLimitUsd > 0)) {
      throw new Error(
        `${where}: budget ${JSON.stringify(name)} monthlyLimitUsd must be a number greater than zero (received ${budget.monthlyLimitUsd})`,
      );
    }
    const thresholds = budget.thresholds;
    if (thresholds.length === 0 || thresholds.length > MAX_NOTIFICATIONS_PER_BUDGET) {
      throw new Error(
        `${where}: budget ${JSON.stringify(name)} must have 1-${MAX_NOTIFICATIONS_PER_BUDGET} thresholds, one notification each (received ${thresholds.length})`,
      );
    }
    const keys = new Set<string>();
    for (const threshold of thresholds) {
      if (!(Number.isFinite(threshold.percent) && threshold.percent > 0)) {
        throw new Error(
          `${where}: budget ${JSON.stringify(name)} threshold percent must be greater than zero (received ${threshold.percent})`,
        );
      }
      const key = `${threshold.percent}% ${threshold.basis}`;
      if (keys.has(key)) {
        throw new Error(
          `${where}: budget ${JSON.stringify(name)} lists the threshold ${key} twice; AWS Budgets rejects duplicate notifications`,
        );
      }
      keys.add(key);
    }
    if (budget.scope.type === 'account') {
      const accountId = accountIdsByName[budget.scope.account];
      if (accountId === undefined) {
        const known = Object.keys(accountIdsByName);
        throw new Error(
          `${where}: budget ${JSON.stringify(name)} is scoped to account ${JSON.stringify(budget.scope.account)}, which accountIdsByName does not name ` +
            `(known: ${known.length > 0 ? known.join(', ') : 'none'}); pass the client's accounts`,
        );
      }
      if (!Token.isUnresolved(accountId) && !ACCOUNT_ID.test(accountId)) {
        throw new Error(
          `${where}: accountIdsByName[${JSON.stringify(budget.scope.account)}] must be a 12-digit account id (received ${JSON.stringify(accountId)})`,
        );
      }
    }
  }
}
