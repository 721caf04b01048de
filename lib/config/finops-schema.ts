import { z } from 'zod';
import { positiveUsd, section, slug, strictObject, tagKey, tagValue, text, uniqueItems } from './primitives';

/**
 * The `finops` section of a client file: budgets, the cost collector and anomaly detection.
 *
 * This module imports nothing from aws-cdk-lib: the cost collector Lambda parses its settings at
 * cold start with this same schema, so the bundle must stay small.
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
    strictObject({ type: z.literal('total').describe('The whole bill of the account.') }),
    strictObject({
      type: z.literal('service'),
      service: text('a Cost Explorer service name').min(1).describe('Cost Explorer service name, e.g. "Amazon Elastic Compute Cloud - Compute".'),
    }),
    strictObject({
      type: z.literal('account'),
      account: slug('an account name').describe('Name of one of the `accounts` (for payer accounts with linked accounts).'),
    }),
    strictObject({
      type: z.literal('tag'),
      key: tagKey.describe('Cost-allocation tag key; must be listed in `tagging.costAllocationTagKeys`.'),
      value: tagValue.describe('Tag value, e.g. "data".'),
    }),
    strictObject({
      type: z.literal('costCategory'),
      name: text('a cost category name').min(1).max(50).describe('Cost category name.'),
      value: text('a cost category value').min(1).max(50).describe('Cost category value.'),
    }),
  ],
  { error: 'must have a "type" of total, service, account, tag or costCategory' },
);

const budgetThreshold = strictObject({
  percent: z
    .number({ error: 'must be a percentage number, e.g. 80' })
    .positive({ error: 'must be greater than zero' })
    .max(1000, { error: 'must be at most 1000 (percent of the limit)' })
    .describe('Percentage of the monthly limit, e.g. 80.'),
  basis: z.enum(['actual', 'forecast'], { error: 'must be "actual" (spent so far) or "forecast" (expected by month end)' })
    .describe('`actual`: spent so far this month; `forecast`: expected by the end of the month.'),
});

/** One monthly budget. */
export const budgetSchema = strictObject({
  name: text('a budget name')
    .regex(/^[A-Za-z0-9][A-Za-z0-9 _.-]{0,99}$/, { error: 'must be 1-100 characters: letters, digits, spaces and _ . - (AWS Budgets forbids : and \\)' })
    .describe('Unique budget name, shown in alerts and on the cost dashboard.'),
  monthlyLimitUsd: positiveUsd.describe('Monthly limit in US dollars (greater than zero).'),
  scope: budgetScope.prefault({ type: 'total' }).describe('What the budget covers: `{type: total}` (default), `{type: service, service}`, `{type: account, account}`, `{type: tag, key, value}` or `{type: costCategory, name, value}`.'),
  thresholds: z
    .array(budgetThreshold, { error: 'must be a list of {percent, basis} entries' })
    .min(1, { error: 'must list at least one threshold' })
    .max(5, { error: 'must list at most 5 thresholds (AWS Budgets allows 5 notifications per budget)' })
    .superRefine(...uniqueItems('threshold', (t: { percent: number; basis: string }) =>
      typeof t.percent === 'number' && typeof t.basis === 'string' ? `${t.percent}% ${t.basis}` : undefined))
    .default(DEFAULT_BUDGET_THRESHOLDS.map((t) => ({ ...t })))
    .describe('When to alert. Default: 80 % actual, 100 % actual, 100 % forecast.'),
  costMetric: z.enum(['UnblendedCost', 'AmortizedCost'], { error: 'must be UnblendedCost or AmortizedCost' })
    .default('UnblendedCost')
    .describe('`UnblendedCost` (default, what the bill shows) or `AmortizedCost` (spreads Savings Plans and Reserved Instances over their term).'),
});

/** `HH:MM` in 24-hour local time. */
const localTime = text('a local time like 07:00').regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: 'must be a local time HH:MM (24-hour), e.g. 07:00' });

/** The schema of the `finops` section. */
export const finopsSchema = section(true, 'FinOps (budgets, cost collector, dashboards)', {
  currency: z.literal('USD', { error: 'must be USD: AWS Budgets and Cost Explorer report costs in US dollars' }).default('USD')
    .describe('Currency of budgets and cost metrics. AWS Budgets and Cost Explorer work in USD. Default: USD.'),
  budgets: z
    .array(budgetSchema, { error: 'must be a list of budgets' })
    .max(50, { error: 'must list at most 50 budgets' })
    .superRefine(...uniqueItems('budget name', (b: { name: string }) => b.name))
    .default([])
    .describe('Monthly budgets. Each has a name, monthlyLimitUsd, scope, thresholds and costMetric. Each becomes an AWS Budget (free without actions) and CloudWatch alarms (USD 0.10 per threshold).'),
  collector: strictObject({
    enabled: z.boolean({ error: 'must be true or false' }).default(true)
      .describe('Run the cost collector Lambda that turns Cost Explorer data into CloudWatch metrics and sends the budget digest. Default: true.'),
    runAt: z
      .array(localTime, { error: 'must be a list of local times like ["07:00", "15:00"]' })
      .min(1, { error: 'must list at least one time' })
      .max(3, { error: 'must list at most 3 times: Cost Explorer refreshes its data at most three times a day, more runs buy nothing' })
      .superRefine(...uniqueItems('time'))
      .default(['07:00', '15:00'])
      .describe('Local times (client.timeZone) of the daily runs; at most 3. Each run costs about USD 0.01 per Cost Explorer request. Default: 07:00 and 15:00.'),
    topServices: z.number({ error: 'must be a whole number from 1 to 50' }).int({ error: 'must be a whole number from 1 to 50' }).min(1, { error: 'must be at least 1' }).max(50, { error: 'must be at most 50' })
      .default(8).describe('Services with their own daily cost metric; the rest is summed into `Other`. Each is a custom metric (USD 0.30 per month at most). Default: 8.'),
    maxRequestsPerRun: z.number({ error: 'must be a whole number from 1 to 500' }).int({ error: 'must be a whole number from 1 to 500' }).min(1, { error: 'must be at least 1' }).max(500, { error: 'must be at most 500' })
      .default(40).describe('Cost Explorer requests one run may make (USD 0.01 each); the run stops with an error at the cap, so a bug cannot run up a bill. Default: 40.'),
  }).prefault({}).describe('The cost collector.'),
  anomalyDetection: strictObject({
    enabled: z.boolean({ error: 'must be true or false' }).default(true)
      .describe('AWS Cost Anomaly Detection (free) for the account\'s services, with alerts to the FinOps topic. Default: true.'),
    minImpactUsd: positiveUsd.default(20).describe('Alert when an anomaly\'s total impact is at least this many USD. Default: 20.'),
    minImpactPercent: z.number({ error: 'must be a percentage' }).positive({ error: 'must be greater than zero' }).max(1000, { error: 'must be at most 1000' }).default(20)
      .describe('... and at least this percentage above the expected spend. Default: 20.'),
  }).prefault({}).describe('Cost Anomaly Detection.'),
});

/** The validated `finops` section. */
export type FinopsConfig = z.output<typeof finopsSchema>;
/** One budget of a validated configuration. */
export type BudgetConfig = FinopsConfig['budgets'][number];
