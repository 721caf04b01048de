import { Logger } from '@aws-lambda-powertools/logger';
import type { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import type { CostExplorerClient } from '@aws-sdk/client-cost-explorer';
import type { SNSClient } from '@aws-sdk/client-sns';
import type { SSMClient } from '@aws-sdk/client-ssm';
import type { Context } from 'aws-lambda';
import { budgetTopServices, collectCells, summarizeCosts, type CeResultByTime, type CostCell, type CostSummary } from './aggregate';
import { evaluateBudget, forecastCacheOf, monthEndForecastUsd, newThresholds, reuseForecasts, type BudgetStatus } from './budgets';
import { createCloudWatchClient, getWasteMetricData, MetricPublisher, MetricsLostError } from './cloudwatch';
import { CostExplorerReader, createCostExplorerClient, RequestCapError } from './cost-explorer';
import { buildDigest, type DigestEntry } from './digest';
import { batchMetrics, budgetMetrics, collectionSucceededMetric, dailyCostMetrics, requestCountMetric } from './metrics';
import { createSnsClient, DigestNotifier } from './notify';
import { breakdownQueryId, minimumRequests, planBreakdownQueries, planQueries } from '../../lib/core/finops/query-plan';
import { describeError, type RetryOptions } from '../shared/retry';
import { readCollectorEnvironment, type CollectorEnvironment } from '../../lib/core/finops/collector-settings';
import { createSsmClient, StateStore } from './state';
import { buildWasteRequest, summarizeWaste, type WasteSummary } from './waste';
import { collectionWindow, type CollectionWindow } from '../../lib/core/finops/windows';

/**
 * The cost collector Lambda: the adapter between the pure modules (window, plan, aggregation,
 * budgets, metrics, digest) and the SDK adapters (Cost Explorer, CloudWatch, SSM, SNS).
 *
 * Order of a run: load the saved state, read costs and the forecasts the state does not hold from
 * earlier in the client's day (counted and capped), evaluate budgets against the saved state,
 * publish metrics (forecast metrics too, from reused forecasts), send the digest for newly
 * crossed thresholds (with the waste finder's latest figures, read only then), save the state
 * when its thresholds or forecasts changed. The digest goes out even when some metrics were lost or the waste figures could not be read, and the state is saved only after the
 * digest was accepted (a failed digest is retried by the next run). Any failure ends in a log
 * line that says what happened and a failed invocation, so the function's Errors alarm fires.
 */

/** The logger methods the collector uses (a Powertools Logger). */
export type CollectorLogger = Pick<Logger, 'debug' | 'info' | 'warn' | 'error'>;

/** The SDK clients the collector talks to. */
export interface CollectorClients {
  readonly costExplorer: CostExplorerClient;
  readonly cloudWatch: CloudWatchClient;
  readonly sns: SNSClient;
  readonly ssm: SSMClient;
}

/** Everything a run depends on; tests inject their own clock and retry timing. */
export interface CollectorDependencies {
  readonly environment: CollectorEnvironment;
  readonly clients: CollectorClients;
  readonly logger: CollectorLogger;
  readonly now: () => Date;
  /** Retry timing of Cost Explorer and CloudWatch calls (tests inject an instant `sleep`). */
  readonly retry?: Partial<RetryOptions>;
}

/** What a successful run did. */
export interface CollectionResult {
  /** The client's month the run reported on (`YYYY-MM`). */
  readonly month: string;
  readonly costExplorerRequests: number;
  readonly metricsPublished: number;
  readonly putMetricDataCalls: number;
  /** Budgets in the digest (empty: no digest sent). */
  readonly digestBudgets: readonly string[];
}

/** Number of services listed per budget in the digest. */
const DIGEST_TOP_SERVICES = 3;

/** One collector run. Throws on failure; the handler logs the error and fails the invocation. */
export async function collectCosts(deps: CollectorDependencies): Promise<CollectionResult> {
  const { settings, topicArn, stateParameterName } = deps.environment;
  const { logger } = deps;
  const now = deps.now();
  const collector = settings.finops.collector;
  const window = collectionWindow(now, settings.client.timeZone);
  const plan = planQueries(settings.finops.budgets, settings.accounts, window);
  const onRetry = (what: string, error: unknown, attempt: number, delayMs: number) =>
    logger.warn('Transient AWS error, retrying', { what, attempt, delayMs, error: describeError(error) });
  const reader = new CostExplorerReader(deps.clients.costExplorer, {
    maxRequests: collector.maxRequestsPerRun,
    retry: deps.retry,
    onRetry,
  });
  const publisher = new MetricPublisher(deps.clients.cloudWatch, { retry: deps.retry, onRetry });
  const store = new StateStore(deps.clients.ssm, stateParameterName);

  logger.info('Collection started', {
    localToday: window.localToday,
    timeZone: settings.client.timeZone,
    costWindow: window.costs,
    forecastPeriod: window.forecast ?? 'none: the month is over in UTC',
    queries: [plan.services.id, ...plan.scoped.map((q) => q.id)],
    forecasts: plan.forecasts.length,
    budgets: plan.budgets.length,
  });

  let summary: CostSummary;
  let statuses: BudgetStatus[];
  let decision: ReturnType<typeof newThresholds>;
  let entries: DigestEntry[];
  try {
    const loaded = await store.load();
    if (loaded.problem) logger.warn('Ignoring the saved run state', { parameter: stateParameterName, problem: loaded.problem });
    const { reused, toRequest } = reuseForecasts(plan.forecasts, loaded.state?.forecasts, window);
    if (reused.size > 0) logger.info('Forecasts reused from earlier today', { reused: reused.size, requested: toRequest.length });
    const minimum = minimumRequests(plan, toRequest.length);
    if (minimum > collector.maxRequestsPerRun) {
      throw new RequestCapError(
        collector.maxRequestsPerRun,
        `the budgets need at least ${minimum} requests per run (1 services query, ${plan.scoped.length} scoped queries, ${toRequest.length} forecasts), so none was made`,
      );
    }
    const results = new Map<string, CeResultByTime[]>();
    for (const query of [plan.services, ...plan.scoped]) {
      const answer = await reader.getCostAndUsage(query.id, query.request);
      if (answer.dataUnavailable) logger.warn('Cost Explorer has no data yet (new account?): counting zero costs', { query: query.id });
      results.set(query.id, answer.results);
    }
    const forecasts = new Map(reused);
    for (const forecast of toRequest) {
      const answer = await reader.getCostForecast(forecast.id, forecast.request);
      if ('unavailable' in answer) logger.info('No forecast from Cost Explorer', { forecast: forecast.id, reason: answer.unavailable });
      forecasts.set(forecast.id, 'amountUsd' in answer ? answer.amountUsd : undefined);
    }
    const summarized = summarizeCosts(plan, results, window, collector.topServices);
    summary = summarized.summary;
    statuses = summary.budgets.map((actuals, index) => {
      const forecastId = plan.budgets[index].forecastId;
      const forecastUsd = forecastId === undefined ? undefined : forecasts.get(forecastId);
      return evaluateBudget(actuals.budget, actuals.monthToDateUsd, monthEndForecastUsd(actuals, window.forecast, forecastUsd));
    });
    decision = newThresholds(statuses, loaded.state, window.month, forecastCacheOf(plan.forecasts, forecasts, window));
    entries = decision.alerts.length === 0 ? [] : await digestEntries(decision.alerts, plan, summarized.cells, reader, deps, window);
  } catch (error) {
    // The requests were made (and billed) even if the run fails: make them visible.
    await publisher.publish([[requestCountMetric(reader.requests, now)]]).catch(() => undefined);
    throw error;
  }

  const points = [...dailyCostMetrics(summary, now), ...budgetMetrics(statuses, now), requestCountMetric(reader.requests, now)];
  const report = await publisher.publish(batchMetrics(points));

  if (entries.length > 0) {
    const waste = await readWaste(deps, now, onRetry);
    const digest = buildDigest(entries, {
      clientName: settings.client.displayName,
      timeZone: settings.client.timeZone,
      language: settings.client.language,
      now,
      waste,
    });
    const messageId = await new DigestNotifier(deps.clients.sns, topicArn).send(digest);
    logger.info('Budget digest sent', {
      messageId,
      budgets: entries.map((e) => e.alert.status.budget.name),
      subject: digest.subject,
      idleResources: waste?.totalIdleResources ?? null,
      estimatedMonthlyWasteUsd: waste?.totalEstimatedMonthlyWasteUsd ?? null,
    });
  }
  if (decision.changed) await store.save(decision.state);

  if (report.lost > 0) throw new MetricsLostError(report.lost, points.length, report.failures);
  const final = await publisher.publish([[collectionSucceededMetric(now)]]);
  if (final.lost > 0) throw new MetricsLostError(final.lost, points.length + 1, final.failures);

  const result: CollectionResult = {
    month: window.month,
    costExplorerRequests: reader.requests,
    metricsPublished: report.published + final.published,
    putMetricDataCalls: report.calls + final.calls,
    digestBudgets: entries.map((e) => e.alert.status.budget.name),
  };
  logger.info('Collection finished', {
    ...result,
    budgets: statuses.map((s) => ({
      name: s.budget.name,
      usedPercent: round(s.usedPercent),
      forecastUsedPercent: s.forecastUsedPercent === undefined ? null : round(s.forecastUsedPercent),
    })),
  });
  return result;
}

const round = (value: number) => Math.round(value * 10) / 10;

/**
 * The waste finder's latest figures for the digest, or undefined when they cannot be read: they
 * are a bonus to the budget alert, which must not be held back or fail for them.
 */
async function readWaste(
  deps: CollectorDependencies,
  now: Date,
  onRetry: (what: string, error: unknown, attempt: number, delayMs: number) => void,
): Promise<WasteSummary | undefined> {
  try {
    const results = await getWasteMetricData(deps.clients.cloudWatch, buildWasteRequest(now), { retry: deps.retry, onRetry });
    const waste = summarizeWaste(results);
    if (waste.typesWithoutData.length > 0) {
      deps.logger.info('No recent waste figures for some resource types (waste finder off or not run in two days?): counted as zero', {
        resourceTypes: waste.typesWithoutData,
      });
    }
    return waste;
  } catch (error) {
    deps.logger.warn('Waste figures unavailable: the digest goes out without the possible savings', { error: describeError(error) });
    return undefined;
  }
}

/**
 * The digest entries with each budget's top services: from the services query for total and
 * service budgets, from one breakdown query per scope family for the others. A failed breakdown
 * (other than the request cap) only removes the services from the message.
 */
async function digestEntries(
  alerts: ReturnType<typeof newThresholds>['alerts'],
  plan: ReturnType<typeof planQueries>,
  cells: ReadonlyMap<string, readonly CostCell[]>,
  reader: CostExplorerReader,
  deps: CollectorDependencies,
  window: CollectionWindow,
): Promise<DigestEntry[]> {
  const sources = alerts.map((alert) => plan.budgets.find((source) => source.budget.name === alert.status.budget.name)!);
  const breakdowns = new Map<string, CostCell[]>();
  for (const query of planBreakdownQueries(sources, deps.environment.settings.accounts, window)) {
    try {
      const answer = await reader.getCostAndUsage(query.id, query.request);
      breakdowns.set(query.id, collectCells(query, answer.results));
    } catch (error) {
      if (error instanceof RequestCapError) throw error;
      deps.logger.warn('Service breakdown unavailable: the digest goes out without it', { query: query.id, error: describeError(error) });
    }
  }
  const noDaysYet = window.monthStart >= window.costs.end;
  return alerts.map((alert, index) => {
    const source = sources[index];
    const breakdownId = breakdownQueryId(source);
    if (breakdownId === undefined) {
      return { alert, topServices: budgetTopServices(cells.get(source.queryId) ?? [], source, window, DIGEST_TOP_SERVICES, false) };
    }
    const breakdown = breakdowns.get(breakdownId);
    return {
      alert,
      topServices: breakdown ? budgetTopServices(breakdown, source, window, DIGEST_TOP_SERVICES, true) : noDaysYet ? [] : undefined,
    };
  });
}

// Cold start: the logger, the SDK clients and the validated settings are created once per
// execution environment. An invalid environment does not fail the import: the handler logs it
// clearly and fails each invocation.
const logger = new Logger();
const clients: CollectorClients = {
  costExplorer: createCostExplorerClient(),
  cloudWatch: createCloudWatchClient(),
  sns: createSnsClient(),
  ssm: createSsmClient(),
};
let environment: CollectorEnvironment | undefined;
let environmentError: unknown;
try {
  environment = readCollectorEnvironment(process.env);
} catch (error) {
  environmentError = error;
}

/** Lambda entry point (EventBridge Scheduler; the event payload is ignored). */
export async function handler(_event: unknown, context?: Context): Promise<CollectionResult> {
  if (context) logger.addContext(context);
  if (!environment) {
    logger.error('The cost collector is misconfigured and cannot run', { reason: describeError(environmentError) });
    throw environmentError;
  }
  try {
    return await collectCosts({ environment, clients, logger, now: () => new Date() });
  } catch (error) {
    logger.error('Cost collection failed', { reason: describeError(error), error: error as Error });
    throw error;
  }
}
