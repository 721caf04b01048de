import { catalogue } from '../lib/core/alerts/catalogue';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { Construct } from 'constructs';
import { FinopsMetricFactory } from '../constructs/shared/finops-metric-factory';
import {
  alarmSegment,
  anomalySegment,
  budgetSegment,
  costDriversSegment,
  CostReviewHeaderProps,
  ExpectedPipelineCost,
  headerSegment,
  pipelineCostSegment,
} from './segments/cost-review-segments';

/** Properties of {@link CostReviewDashboard}. */
export interface CostReviewDashboardProps extends CostReviewHeaderProps {
  /** Dashboard name (unique per account and region). */
  readonly dashboardName: string;
  /** The budget alarms (actual and forecast thresholds). */
  readonly budgetAlarms: readonly cloudwatch.IAlarm[];
  /**
   * The anomaly alarm on total daily cost.
   * @default - not shown
   */
  readonly anomalyAlarm?: cloudwatch.IAlarm;
  /**
   * The monthly cost estimate of this monitoring (`estimateFinopsCost`), shown beside the
   * measured Cost Explorer cost.
   * @default - only the measured cost is shown
   */
  readonly expectedCost?: ExpectedPipelineCost;
}

/**
 * The cost review dashboard, for the monthly review with the client's manager: a header that says
 * what the page answers and how to read it, one row per budget (gauges with colour thresholds and
 * the month so far against the limit), what is driving cost (daily cost stacked by service over 30
 * and 90 days, top services), the anomaly band on total daily cost, the state of every budget
 * alarm, and what this monitoring costs.
 */
export class CostReviewDashboard extends Construct {
  /** The dashboard. */
  readonly dashboard: cloudwatch.Dashboard;

  constructor(scope: Construct, id: string, props: CostReviewDashboardProps) {
    super(scope, id);
    const metrics = new FinopsMetricFactory();
    const texts = catalogue(props.language ?? 'en').dashboards;
    const alarms = [...props.budgetAlarms, ...(props.anomalyAlarm ? [props.anomalyAlarm] : [])];
    this.dashboard = new cloudwatch.Dashboard(this, 'Resource', {
      dashboardName: props.dashboardName,
      defaultInterval: undefined,
      widgets: [
        headerSegment(props, metrics),
        ...props.budgets.map((budget) => budgetSegment(budget, metrics, texts)),
        costDriversSegment(metrics, texts),
        [anomalySegment(metrics, texts), ...pipelineCostSegment(metrics, props.expectedCost, texts)],
        ...(alarms.length > 0 ? [[alarmSegment(texts.budgetAlarms, alarms)]] : []),
      ],
    });
  }
}
