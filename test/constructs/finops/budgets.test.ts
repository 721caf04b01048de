import { Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as sns from 'aws-cdk-lib/aws-sns';
import { BudgetGuardrails } from '../../../constructs/finops/budgets';
import { AlertTopic } from '../../../constructs/foundation/alert-topic';
import { PlatformKey } from '../../../constructs/foundation/platform-key';
import { budgetSchema, type BudgetConfig } from '../../../lib/core/config/finops-schema';

const budget = (input: Record<string, unknown>): BudgetConfig => budgetSchema.parse(input);

function setup(budgets: BudgetConfig[], accountIdsByName?: Record<string, string>) {
  const stack = new Stack(undefined, 'Test', { env: { account: '123456789012', region: 'eu-west-1' } });
  const key = new PlatformKey(stack, 'Key');
  const alerts = new AlertTopic(stack, 'FinopsAlerts', {
    key,
    displayName: 'Acme FinOps alerts',
    publishingServices: ['cloudwatch.amazonaws.com'],
  });
  const guardrails = new BudgetGuardrails(stack, 'Budgets', { budgets, alertTopic: alerts, accountIdsByName });
  const topicRef = { Ref: stack.getLogicalId(alerts.topic.node.defaultChild as any) };
  return { stack, alerts, guardrails, topicRef, template: Template.fromStack(stack) };
}

/** The budget named `name`, from the template. */
function budgetNamed(template: Template, name: string): any {
  const found = Object.values(template.findResources('AWS::Budgets::Budget')).filter((r: any) => r.Properties.Budget.BudgetName === name);
  expect(found).toHaveLength(1);
  return found[0];
}

describe('BudgetGuardrails', () => {
  test('creates one monthly USD cost budget per configured budget, named as configured', () => {
    const { template } = setup([
      budget({ name: 'total', monthlyLimitUsd: 500 }),
      budget({ name: 'compute', monthlyLimitUsd: 200.5, scope: { type: 'service', service: 'Amazon Elastic Compute Cloud - Compute' } }),
    ]);
    template.resourceCountIs('AWS::Budgets::Budget', 2);
    for (const [name, amount] of [
      ['total', 500],
      ['compute', 200.5],
    ] as const) {
      template.hasResourceProperties('AWS::Budgets::Budget', {
        Budget: Match.objectLike({
          BudgetName: name,
          BudgetType: 'COST',
          TimeUnit: 'MONTHLY',
          BudgetLimit: { Amount: amount, Unit: 'USD' },
        }),
      });
    }
  });

  test('a whole-bill budget has no filter and measures the configured cost metric', () => {
    const { template } = setup([budget({ name: 'total', monthlyLimitUsd: 500 })]);
    expect(budgetNamed(template, 'total').Properties.Budget).toEqual(expect.objectContaining({ Metrics: ['UnblendedCost'] }));
    expect(budgetNamed(template, 'total').Properties.Budget.FilterExpression).toBeUndefined();
  });

  test('uses FilterExpression and Metrics, never the older CostFilters and CostTypes (the two pairs may not be mixed)', () => {
    const { template } = setup([
      budget({ name: 'compute', monthlyLimitUsd: 200, scope: { type: 'service', service: 'AWS Lambda' }, costMetric: 'AmortizedCost' }),
    ]);
    template.hasResourceProperties('AWS::Budgets::Budget', {
      Budget: Match.objectLike({ Metrics: ['AmortizedCost'], CostFilters: Match.absent(), CostTypes: Match.absent() }),
    });
  });

  test('filters a service budget by the Cost Explorer service name', () => {
    const { template } = setup([
      budget({ name: 'compute', monthlyLimitUsd: 200, scope: { type: 'service', service: 'Amazon Elastic Compute Cloud - Compute' } }),
    ]);
    expect(budgetNamed(template, 'compute').Properties.Budget.FilterExpression).toEqual({
      Dimensions: { Key: 'SERVICE', Values: ['Amazon Elastic Compute Cloud - Compute'], MatchOptions: ['EQUALS'] },
    });
  });

  test('filters an account budget by the linked account id looked up by name', () => {
    const { template } = setup([budget({ name: 'staging', monthlyLimitUsd: 100, scope: { type: 'account', account: 'staging' } })], {
      production: '111111111111',
      staging: '222222222222',
    });
    expect(budgetNamed(template, 'staging').Properties.Budget.FilterExpression).toEqual({
      Dimensions: { Key: 'LINKED_ACCOUNT', Values: ['222222222222'], MatchOptions: ['EQUALS'] },
    });
  });

  test('filters a tag budget by the cost-allocation tag key and value', () => {
    const { template } = setup([
      budget({ name: 'project-webshop', monthlyLimitUsd: 150, scope: { type: 'tag', key: 'project', value: 'webshop' } }),
    ]);
    expect(budgetNamed(template, 'project-webshop').Properties.Budget.FilterExpression).toEqual({
      Tags: { Key: 'project', Values: ['webshop'], MatchOptions: ['EQUALS'] },
    });
  });

  test('filters a cost category budget by category name and value', () => {
    const { template } = setup([
      budget({ name: 'team-data', monthlyLimitUsd: 300, scope: { type: 'costCategory', name: 'Team', value: 'data' } }),
    ]);
    expect(budgetNamed(template, 'team-data').Properties.Budget.FilterExpression).toEqual({
      CostCategories: { Key: 'Team', Values: ['data'], MatchOptions: ['EQUALS'] },
    });
  });

  test('sends one notification per threshold, actual or forecast, in percent, to the FinOps topic', () => {
    const { template, topicRef } = setup([
      budget({
        name: 'webshop',
        monthlyLimitUsd: 150,
        thresholds: [
          { percent: 90, basis: 'actual' },
          { percent: 100, basis: 'forecast' },
          { percent: 120, basis: 'actual' },
        ],
      }),
    ]);
    expect(budgetNamed(template, 'webshop').Properties.NotificationsWithSubscribers).toEqual([
      {
        Notification: { NotificationType: 'ACTUAL', ComparisonOperator: 'GREATER_THAN', Threshold: 90, ThresholdType: 'PERCENTAGE' },
        Subscribers: [{ SubscriptionType: 'SNS', Address: topicRef }],
      },
      {
        Notification: { NotificationType: 'FORECASTED', ComparisonOperator: 'GREATER_THAN', Threshold: 100, ThresholdType: 'PERCENTAGE' },
        Subscribers: [{ SubscriptionType: 'SNS', Address: topicRef }],
      },
      {
        Notification: { NotificationType: 'ACTUAL', ComparisonOperator: 'GREATER_THAN', Threshold: 120, ThresholdType: 'PERCENTAGE' },
        Subscribers: [{ SubscriptionType: 'SNS', Address: topicRef }],
      },
    ]);
  });

  test('the default thresholds are 80 % actual, 100 % actual and 100 % forecast', () => {
    const { template } = setup([budget({ name: 'total', monthlyLimitUsd: 500 })]);
    const notifications = budgetNamed(template, 'total').Properties.NotificationsWithSubscribers.map(
      (n: any) => `${n.Notification.Threshold} ${n.Notification.NotificationType}`,
    );
    expect(notifications).toEqual(['80 ACTUAL', '100 ACTUAL', '100 FORECASTED']);
  });

  test("lets AWS Budgets publish to the topic for this account's budgets only, and use its key", () => {
    const { template } = setup([budget({ name: 'total', monthlyLimitUsd: 500 })]);
    const statements = Object.values(template.findResources('AWS::SNS::TopicPolicy')).flatMap(
      (p: any) => p.Properties.PolicyDocument.Statement,
    );
    expect(statements.filter((st: any) => st.Principal?.Service === 'budgets.amazonaws.com')).toEqual([
      expect.objectContaining({
        Effect: 'Allow',
        Action: 'sns:Publish',
        Condition: {
          StringEquals: { 'aws:SourceAccount': '123456789012' },
          ArnLike: { 'aws:SourceArn': { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':budgets::123456789012:*']] } },
        },
      }),
    ]);
    template.hasResourceProperties('AWS::KMS::Key', {
      KeyPolicy: {
        Statement: Match.arrayWith([
          Match.objectLike({ Principal: { Service: 'budgets.amazonaws.com' }, Action: ['kms:GenerateDataKey*', 'kms:Decrypt'] }),
        ]),
      },
    });
  });

  test('creates the budgets after the topic policy that admits AWS Budgets', () => {
    const { template, stack, alerts } = setup([budget({ name: 'total', monthlyLimitUsd: 500 })]);
    const policyId = Object.keys(template.findResources('AWS::SNS::TopicPolicy'))[0];
    expect(budgetNamed(template, 'total').DependsOn).toEqual(
      expect.arrayContaining([policyId, stack.getLogicalId(alerts.topic.node.defaultChild as any)]),
    );
  });

  test('notifies a topic of another region by its ARN, leaving its policy to the stack that owns it (Budgets is global)', () => {
    const stack = new Stack(undefined, 'Global', { env: { account: '123456789012', region: 'us-east-1' } });
    const homeTopicArn = 'arn:aws:sns:eu-central-1:123456789012:acme-finops-alerts';
    new BudgetGuardrails(stack, 'Budgets', {
      budgets: [budget({ name: 'total', monthlyLimitUsd: 500 })],
      alertTopic: sns.Topic.fromTopicArn(stack, 'Home', homeTopicArn),
    });
    const template = Template.fromStack(stack);
    const notifications = budgetNamed(template, 'total').Properties.NotificationsWithSubscribers;
    expect(notifications).toHaveLength(3);
    for (const n of notifications) expect(n.Subscribers).toEqual([{ SubscriptionType: 'SNS', Address: homeTopicArn }]);
    template.resourceCountIs('AWS::SNS::TopicPolicy', 0);
  });

  test("keeps each budget's resource when the list is reordered (a replacement would collide on the name)", () => {
    const a = budget({ name: 'total', monthlyLimitUsd: 500 });
    const b = budget({ name: 'project-webshop', monthlyLimitUsd: 150, scope: { type: 'tag', key: 'project', value: 'webshop' } });
    const idsByName = (template: Template) =>
      Object.fromEntries(
        Object.entries(template.findResources('AWS::Budgets::Budget')).map(([id, r]: any) => [r.Properties.Budget.BudgetName, id]),
      );
    expect(idsByName(setup([a, b]).template)).toEqual(idsByName(setup([b, a]).template));
  });

  describe('rejects', () => {
    const build = (budgets: BudgetConfig[], accountIdsByName?: Record<string, string>) => () => {
      const stack = new Stack();
      const alerts = new AlertTopic(stack, 'Alerts', { key: new PlatformKey(stack, 'Key'), displayName: 'x' });
      new BudgetGuardrails(stack, 'Budgets', { budgets, alertTopic: alerts, accountIdsByName });
    };
    const total = (overrides: Partial<BudgetConfig> = {}): BudgetConfig => ({
      ...budget({ name: 'total', monthlyLimitUsd: 500 }),
      ...overrides,
    });

    test('an account budget whose account is not in accountIdsByName', () => {
      expect(
        build([budget({ name: 'dev', monthlyLimitUsd: 10, scope: { type: 'account', account: 'dev' } })], { production: '111111111111' }),
      ).toThrow(/budget "dev" is scoped to account "dev", which accountIdsByName does not name \(known: production\)/);
    });

    test('an account id that is not 12 digits', () => {
      expect(build([budget({ name: 'dev', monthlyLimitUsd: 10, scope: { type: 'account', account: 'dev' } })], { dev: '1234' })).toThrow(
        /accountIdsByName\["dev"\] must be a 12-digit account id \(received "1234"\)/,
      );
    });

    test('two budgets with the same name', () => {
      expect(build([total(), total()])).toThrow(/budget names must be unique in the account \(received "total" twice\)/);
    });

    test('a name AWS Budgets forbids', () => {
      expect(build([total({ name: 'a:b' })])).toThrow(/budget name must be 1-100 characters without ":" or "\\" \(received "a:b"\)/);
    });

    test('a limit that is not above zero', () => {
      expect(build([total({ monthlyLimitUsd: 0 })])).toThrow(
        /budget "total" monthlyLimitUsd must be a number greater than zero \(received 0\)/,
      );
    });

    test('more thresholds than notifications a budget may have', () => {
      const thresholds = [10, 20, 30, 40, 50, 60].map((percent) => ({ percent, basis: 'actual' as const }));
      expect(build([total({ thresholds })])).toThrow(/budget "total" must have 1-5 thresholds, one notification each \(received 6\)/);
    });

    test('no threshold at all', () => {
      expect(build([total({ thresholds: [] })])).toThrow(/must have 1-5 thresholds, one notification each \(received 0\)/);
    });

    test('names that differ only in separators or case', () => {
      expect(build([total({ name: 'team-data' }), total({ name: 'team data' })])).toThrow(
        /budget names "team data" and another one differ only in separators or case/,
      );
    });

    test('the same threshold twice', () => {
      expect(
        build([
          total({
            thresholds: [
              { percent: 80, basis: 'actual' },
              { percent: 80, basis: 'actual' },
            ],
          }),
        ]),
      ).toThrow(/lists the threshold 80% actual twice/);
    });
  });
});
