/**
 * The FinOps metrics: namespace, metric names, dimension names and values, defined once here and
 * imported by the collector Lambdas that publish them and by the alarms, dashboards and budget
 * digest that read them. Nothing in this folder imports aws-cdk-lib.
 *
 * The collectors re-publish revised values for the same timestamp (Cost Explorer revises recent
 * days until the month closes), and a CloudWatch datapoint cannot be overwritten: a second value
 * for the same timestamp is a second sample. Everything that reads these series must use the
 * `Maximum` statistic (costs only grow as they are revised, and month-to-date values only grow
 * within a month), never `Sum` or `Average`.
 */
export const FINOPS_NAMESPACE = 'LandingZone/FinOps';

/** The statistic every reader of the FinOps series uses (see the module comment). */
export const FINOPS_STATISTIC = 'Maximum';

/** Dimension names. */
export const FinopsDimension = {
  /** Cost Explorer service name, or {@link OTHER_SERVICES} for the rest. */
  Service: 'Service',
  /** Budget name from the client config. */
  Budget: 'Budget',
} as const;

/** Dimension value under which the services beyond the top N are summed. */
export const OTHER_SERVICES = 'Other';

/** Metric names published by the cost collector. */
export const CostMetric = {
  /** Total cost of one day (timestamp: that day, 00:00 UTC). USD. */
  TotalDailyCost: 'TotalDailyCost',
  /** Cost of one day for one service of the top N, or `Other` (dimension Service). USD. */
  ServiceDailyCost: 'ServiceDailyCost',
  /** Month-to-date cost of a budget's scope (dimension Budget). USD. */
  MonthToDateCost: 'MonthToDateCost',
  /** Forecast month-end cost of a budget's scope (dimension Budget). USD. */
  ForecastMonthEndCost: 'ForecastMonthEndCost',
  /** Month-to-date cost as a percentage of the budget's limit (dimension Budget). */
  BudgetUsedPercent: 'BudgetUsedPercent',
  /** Forecast month-end cost as a percentage of the budget's limit (dimension Budget). */
  BudgetForecastUsedPercent: 'BudgetForecastUsedPercent',
  /** Cost Explorer requests one run made (USD 0.01 each). Count. */
  CostExplorerRequests: 'CostExplorerRequests',
  /** 1 for every run that published all its metrics: when data was last collected. Count. */
  CollectionSucceeded: 'CollectionSucceeded',
} as const;

/** Every metric name the cost collector publishes. */
export const COST_COLLECTOR_METRICS: readonly string[] = Object.values(CostMetric);

/** Dimension names of the waste finder's metrics. */
export const WasteDimension = {
  /** One of {@link WASTE_RESOURCE_TYPES}. */
  ResourceType: 'ResourceType',
} as const;

/**
 * Values of the `ResourceType` dimension. Defined here rather than with the waste rules, because
 * the cost collector reads these series for its digest and must not bundle the rule table.
 */
export const WasteResourceType = {
  EC2Instance: 'EC2Instance',
  EBSVolume: 'EBSVolume',
  NATGateway: 'NATGateway',
  LoadBalancer: 'LoadBalancer',
  RDSInstance: 'RDSInstance',
} as const;

/** One value of the `ResourceType` dimension. */
export type WasteResourceType = (typeof WasteResourceType)[keyof typeof WasteResourceType];

/** Every `ResourceType` value, in the order the metrics are published and summarised. */
export const WASTE_RESOURCE_TYPES: readonly WasteResourceType[] = Object.values(WasteResourceType);

/** Metric names published by the waste finder (the monitoring collector). */
export const WasteMetric = {
  /** Idle or oversized resources found in the last scan (dimension ResourceType). Count. */
  IdleResources: 'IdleResources',
  /** Estimated monthly waste of those resources (dimension ResourceType). USD. */
  EstimatedMonthlyWasteUsd: 'EstimatedMonthlyWasteUsd',
  /** GetMetricData requests one scan made (USD 0.01 per 1,000 metrics requested). Count. */
  GetMetricDataRequests: 'GetMetricDataRequests',
  /** Metrics one scan requested through GetMetricData (what it is billed by). Count. */
  MetricsRequested: 'MetricsRequested',
} as const;

/** Every metric name the waste finder publishes. */
export const WASTE_FINDER_METRICS: readonly string[] = Object.values(WasteMetric);

/**
 * The part of a CloudWatch GetMetricData `MetricDataResult` the platform's readers use
 * (structurally the SDK's type): the cost collector's waste figures and the monthly report.
 */
export interface MetricDataResultShape {
  readonly Id?: string;
  readonly Timestamps?: readonly Date[];
  readonly Values?: readonly number[];
  readonly StatusCode?: string;
}
