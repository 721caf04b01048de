import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import {
  CostMetric,
  FINOPS_NAMESPACE,
  FINOPS_STATISTIC,
  FinopsDimension,
  WasteDimension,
  WasteMetric,
} from '../../lib/core/finops/metrics';

/**
 * Metric factories for the FinOps series (metrics only, no widgets or alarms): names come from the
 * module the collectors publish with, so a widget or an alarm can only read what a collector
 * writes. The one place both the dashboards and the cost collector's alarms take their metrics from.
 *
 * Revised series are read with `Maximum` (FINOPS_STATISTIC): Cost Explorer revises recent days and
 * the collector re-publishes them, a datapoint cannot be overwritten, so a day may hold several
 * samples, and the highest is the latest revision. Counters (requests per run) are read with Sum.
 */
export class FinopsMetricFactory {
  /** Total daily cost, USD. */
  totalDailyCost(period = Duration.days(1)): cloudwatch.Metric {
    return this.metric(CostMetric.TotalDailyCost, {}, period, 'Daily cost (USD)');
  }

  /** Daily cost of every published service (top N and Other), as a search expression. */
  dailyCostByService(period = Duration.days(1)): cloudwatch.MathExpression {
    return new cloudwatch.MathExpression({
      expression: `SEARCH('{${FINOPS_NAMESPACE},${FinopsDimension.Service}} MetricName="${CostMetric.ServiceDailyCost}"', '${FINOPS_STATISTIC}', ${period.toSeconds()})`,
      label: '',
      period,
    });
  }

  /** Month-to-date cost of a budget's scope, USD. */
  monthToDate(budget: string): cloudwatch.Metric {
    return this.metric(CostMetric.MonthToDateCost, { [FinopsDimension.Budget]: budget }, Duration.hours(6), 'Spent this month (USD)');
  }

  /** Forecast month-end cost of a budget's scope, USD. */
  forecast(budget: string): cloudwatch.Metric {
    return this.metric(
      CostMetric.ForecastMonthEndCost,
      { [FinopsDimension.Budget]: budget },
      Duration.hours(6),
      'Expected by month end (USD)',
    );
  }

  /**
   * Month-to-date cost as % of the budget's limit. The dashboards read it every 6 hours; the
   * budget alarms per day (the collector stamps percent values with the run time, at most three
   * runs a day, so a day always holds the latest run).
   */
  usedPercent(budget: string, period = Duration.hours(6)): cloudwatch.Metric {
    return this.metric(CostMetric.BudgetUsedPercent, { [FinopsDimension.Budget]: budget }, period, 'Spent (% of limit)');
  }

  /** Forecast month-end cost as % of the budget's limit (periods as {@link usedPercent}). */
  forecastUsedPercent(budget: string, period = Duration.hours(6)): cloudwatch.Metric {
    return this.metric(CostMetric.BudgetForecastUsedPercent, { [FinopsDimension.Budget]: budget }, period, 'Expected (% of limit)');
  }

  /** Cost Explorer requests the collector made (a counter: Sum). */
  costExplorerRequests(period: Duration): cloudwatch.Metric {
    return new cloudwatch.Metric({
      namespace: FINOPS_NAMESPACE,
      metricName: CostMetric.CostExplorerRequests,
      statistic: 'Sum',
      period,
      label: 'Cost Explorer requests',
    });
  }

  /** Successful collector runs (a counter: Sum). */
  collectionsSucceeded(period: Duration): cloudwatch.Metric {
    return new cloudwatch.Metric({
      namespace: FINOPS_NAMESPACE,
      metricName: CostMetric.CollectionSucceeded,
      statistic: 'Sum',
      period,
      label: 'Successful collections',
    });
  }

  /** Idle resources per type found by the last waste scan, as a search expression. */
  idleResourcesByType(period = Duration.days(1)): cloudwatch.MathExpression {
    return this.wasteSearch(WasteMetric.IdleResources, period);
  }

  /** Estimated monthly waste per resource type, USD, as a search expression. */
  estimatedWasteByType(period = Duration.days(1)): cloudwatch.MathExpression {
    return this.wasteSearch(WasteMetric.EstimatedMonthlyWasteUsd, period);
  }

  private wasteSearch(metricName: string, period: Duration): cloudwatch.MathExpression {
    return new cloudwatch.MathExpression({
      expression: `SEARCH('{${FINOPS_NAMESPACE},${WasteDimension.ResourceType}} MetricName="${metricName}"', '${FINOPS_STATISTIC}', ${period.toSeconds()})`,
      label: '',
      period,
    });
  }

  private metric(metricName: string, dimensionsMap: Record<string, string>, period: Duration, label: string): cloudwatch.Metric {
    return new cloudwatch.Metric({ namespace: FINOPS_NAMESPACE, metricName, dimensionsMap, statistic: FINOPS_STATISTIC, period, label });
  }
}
