import * as z from 'zod/mini';
import { localTime, positiveUsd, section, slug, strictObject, tagKey, tagValue, text, uniqueItems, wholeNumber } from './primitives';

/**
 * The `finops` section of a client file: budgets, the cost collector and anomaly detection.
 *
 * This module imports nothing from aws-cdk-lib and, like the whole schema, uses zod/mini: the cost
 * collector Lambda parses its settings at cold start with this same schema, and classic zod
 * cannot be tree-shaken (it would add about 440 KB to the bundle, zod/mini about 30 KB). The
 * classic root schema (`./schema`) embeds it as it is.
 */

/** Secure and sensible default budget thresholds: warn early, then at the limit, then on forecast. */
export const DEFAULT_BUDGET_THRESHOLDS = [
  { percent: 80, basis: 'actual' },
  { percent: 100, basis: 'actual' },
  { percent: 100, basis: 'forecast' },
] as const;

const budgetScope = z.discriminatedUnion(
  'type',
  [
    strictObject({ type: z.literal('total').check(z.describe('The whole bill of the account.')) }),
    strictObject({
      type: z.literal('service'),
      service: text('a Cost Explorer service name').check(
        z.minLength(1),
        z.describe('Cost Explorer service name, e.g. "Amazon Elastic Compute Cloud - Compute".'),
      ),
    }),
    strictObject({
      type: z.literal('account'),
      account: slug('an account name').check(z.describe('Name of one of the `accounts` (for payer accounts with linked accounts).')),
    }),
    strictObject({
      type: z.literal('tag'),
      key: tagKey.check(z.describe('Cost-allocation tag key; must be listed in `tagging.costAllocationTagKeys`.')),
      value: tagValue.check(z.describe('Tag value, e.g. "data".')),
    }),
    strictObject({
      type: z.literal('costCategory'),
      name: text('a cost category name').check(z.minLength(1), z.maxLength(50), z.describe('Cost category name.')),
      value: text('a cost category value').check(z.minLength(1), z.maxLength(50), z.describe('Cost category value.')),
    }),
  ],
  { error: 'must have a "type" of total, service, account, tag or costCategory' },
);

const budgetThreshold = strictObject({
  percent: z
    .number({ error: 'must be a percentage number, e.g. 80' })
    .check(
      z.positive({ error: 'must be greater than zero' }),
      z.maximum(1000, { error: 'must be at most 1000 (percent of the limit)' }),
      z.describe('Percentage of the monthly limit, e.g. 80.'),
    ),
  basis: z
    .enum(['actual', 'forecast'], { error: 'must be "actual" (spent so far) or "forecast" (expected by month end)' })
    .check(z.describe('`actual`: spent so far this month; `forecast`: expected by the end of the month.')),
});

/** One monthly budget. */
export const budgetSchema = strictObject({
  name: text('a budget name').check(
    z.regex(/^[A-Za-z0-9][A-Za-z0-9 _.-]{0,99}$/, {
      error: 'must be 1-100 characters: letters, digits, spaces and _ . - (AWS Budgets forbids : and \\)',
    }),
    z.describe('Unique budget name, shown in alerts and on the cost dashboard.'),
  ),
  monthlyLimitUsd: positiveUsd.check(z.describe('Monthly limit in US dollars (greater than zero).')),
  scope: z
    .prefault(budgetScope, { type: 'total' })
    .check(
      z.describe(
        'What the budget covers: `{type: total}` (default), `{type: service, service}`, `{type: account, account}`, `{type: tag, key, value}` or `{type: costCategory, name, value}`.',
      ),
    ),
  thresholds: z
    ._default(
      z.array(budgetThreshold, { error: 'must be a list of {percent, basis} entries' }).check(
        z.minLength(1, { error: 'must list at least one threshold' }),
        z.maxLength(5, { error: 'must list at most 5 thresholds (AWS Budgets allows 5 notifications per budget)' }),
        uniqueItems('threshold', (t: { percent: number; basis: string }) =>
          typeof t.percent === 'number' && typeof t.basis === 'string' ? `${t.percent}% ${t.basis}` : undefined,
        ),
      ),
      DEFAULT_BUDGET_THRESHOLDS.map((t) => ({ ...t })),
    )
    .check(z.describe('When to alert. Default: 80 % actual, 100 % actual, 100 % forecast.')),
  costMetric: z
    ._default(z.enum(['UnblendedCost', 'AmortizedCost'], { error: 'must be UnblendedCost or AmortizedCost' }), 'UnblendedCost')
    .check(
      z.describe(
        '`UnblendedCost` (default, what the bill shows) or `AmortizedCost` (spreads Savings Plans and Reserved Instances over their term).',
      ),
    ),
});

/** The schema of the `finops` section. */
export const finopsSchema = section(true, 'FinOps (budgets, cost collector, dashboards)', {
  currency: z
    ._default(z.literal('USD', { error: 'must be USD: AWS Budgets and Cost Explorer report costs in US dollars' }), 'USD')
    .check(z.describe('Currency of budgets and cost metrics. AWS Budgets and Cost Explorer work in USD. Default: USD.')),
  budgets: z
    ._default(
      z.array(budgetSchema, { error: 'must be a list of budgets' }).check(
        z.maxLength(50, { error: 'must list at most 50 budgets' }),
        uniqueItems('budget name', (b: { name: string }) => b.name),
      ),
      [],
    )
    .check(
      z.describe(
        'Monthly budgets. Each has a name, monthlyLimitUsd, scope, thresholds and costMetric. Each becomes an AWS Budget (free without actions) and CloudWatch alarms (USD 0.10 per threshold).',
      ),
    ),
  collector: z
    .prefault(
      strictObject({
        enabled: z
          ._default(z.boolean({ error: 'must be true or false' }), true)
          .check(
            z.describe(
              'Run the cost collector Lambda that turns Cost Explorer data into CloudWatch metrics and sends the budget digest. Default: true.',
            ),
          ),
        runAt: z
          ._default(
            z.array(localTime('07:00'), { error: 'must be a list of local times like ["07:00", "15:00"]' }).check(
              z.minLength(1, { error: 'must list at least one time' }),
              z.maxLength(3, {
                error: 'must list at most 3 times: Cost Explorer refreshes its data at most three times a day, more runs buy nothing',
              }),
              uniqueItems('time'),
            ),
            ['07:00', '15:00'],
          )
          .check(
            z.describe(
              'Local times (client.timeZone) of the daily runs; at most 3. Each run costs USD 0.01 per Cost Explorer query (forecasts only on the first run of the day), and each hour with a run adds to the metric hours billed; `npm run cost-estimate` prints the total. Default: 07:00 and 15:00.',
            ),
          ),
        topServices: z
          ._default(wholeNumber(1, 50), 8)
          .check(
            z.describe(
              'Services with their own daily cost metric; the rest is summed into `Other`. Each is a custom metric, billed for the hours it receives data (about USD 0.025 a month with two runs a day; 0.30 at most). Default: 8.',
            ),
          ),
        maxRequestsPerRun: z
          ._default(wholeNumber(1, 500), 40)
          .check(
            z.describe(
              'Cost Explorer requests one run may make (USD 0.01 each); the run stops with an error at the cap, so a bug cannot run up a bill. Default: 40.',
            ),
          ),
      }),
      {},
    )
    .check(z.describe('The cost collector.')),
  anomalyDetection: z
    .prefault(
      strictObject({
        enabled: z
          ._default(z.boolean({ error: 'must be true or false' }), true)
          .check(
            z.describe("AWS Cost Anomaly Detection (free) for the account's services, with alerts to the FinOps topic. Default: true."),
          ),
        minImpactUsd: z
          ._default(positiveUsd, 20)
          .check(z.describe("Alert when an anomaly's total impact is at least this many USD. Default: 20.")),
        minImpactPercent: z
          ._default(
            z
              .number({ error: 'must be a percentage' })
              .check(z.positive({ error: 'must be greater than zero' }), z.maximum(1000, { error: 'must be at most 1000' })),
            20,
          )
          .check(z.describe('... and at least this percentage above the expected spend. Default: 20.')),
        existingMonitorArn: z
          .optional(
            text('the ARN of a cost anomaly monitor').check(
              z.regex(/^arn:aws:ce::\d{12}:anomalymonitor\/[\w-]+$/, {
                error:
                  'must be the ARN of a cost anomaly monitor, e.g. arn:aws:ce::123456789012:anomalymonitor/a1b2c3d4-5678-90ab-cdef-EXAMPLE11111',
              }),
            ),
          )
          .check(
            z.describe(
              'ARN of an existing AWS services cost anomaly monitor to alert on: an account that already has an AWS services monitor (AWS creates one when Cost Explorer is first opened; only one is allowed) passes its ARN here instead of creating one. Default: none (the platform creates the monitor).',
            ),
          ),
      }),
      {},
    )
    .check(z.describe('Cost Anomaly Detection.')),
  wasteFinder: z
    .prefault(
      strictObject({
        enabled: z
          ._default(z.boolean({ error: 'must be true or false' }), true)
          .check(
            z.describe(
              'Run the waste finder once a day in every account: it reads CloudWatch metrics (ListMetrics, GetMetricData) in every allowed region and reports idle EC2 instances, EBS volumes, NAT gateways, load balancers and RDS instances over 14 days, with the monthly money they waste, on the operations dashboard and in the FinOps digest. About USD 0.20-4 per account per month (12 custom metrics, GetMetricData at USD 0.01 per 1,000 metrics). Default: true.',
            ),
          ),
        runAt: z._default(localTime('07:00'), '06:00').check(z.describe('Local time (client.timeZone) of the daily scan. Default: 06:00.')),
      }),
      {},
    )
    .check(z.describe('The waste finder.')),
});

/** The validated `finops` section. */
export type FinopsConfig = z.output<typeof finopsSchema>;
/** One budget of a validated configuration. */
export type BudgetConfig = FinopsConfig['budgets'][number];
