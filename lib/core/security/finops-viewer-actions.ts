/**
 * What the FinOps viewer reads, as the `LandingZone-FinOpsViewer` people role
 * (`constructs/security/people-roles.ts`) and the Identity Center permission set of the same name
 * (`constructs/organization/identity-center.ts`) grant it: Cost Explorer, budgets, anomaly
 * detection and CloudWatch metrics and dashboards, read only. One list, so both grant the same.
 */

/** Read actions without resource-level permissions (or over every anomaly monitor and cost category): on `*`. */
export const FINOPS_VIEWER_READ_ACTIONS: readonly string[] = [
  'budgets:DescribeBudgetAction',
  'budgets:DescribeBudgetActionHistories',
  'budgets:DescribeBudgetActionsForAccount',
  'budgets:DescribeBudgetActionsForBudget',
  'ce:DescribeCostCategoryDefinition',
  'ce:GetAnomalies',
  'ce:GetAnomalyMonitors',
  'ce:GetAnomalySubscriptions',
  'ce:GetCostAndUsage',
  'ce:GetCostCategories',
  'ce:GetCostForecast',
  'ce:GetDimensionValues',
  'ce:GetReservationCoverage',
  'ce:GetReservationUtilization',
  'ce:GetSavingsPlansCoverage',
  'ce:GetSavingsPlansUtilization',
  'ce:GetTags',
  'ce:ListCostAllocationTags',
  'ce:ListCostCategoryDefinitions',
  'cloudwatch:DescribeAlarms',
  'cloudwatch:GetMetricData',
  'cloudwatch:GetMetricStatistics',
  'cloudwatch:ListDashboards',
  'cloudwatch:ListMetrics',
];

/** Read actions on named resources: every budget and every dashboard of the account. */
export const FINOPS_VIEWER_NAMED_READ_ACTIONS: readonly string[] = ['budgets:ViewBudget', 'cloudwatch:GetDashboard'];
