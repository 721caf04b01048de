import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { BudgetConfig } from '../../lib/core/config/finops-schema';
import type { FinopsCostEstimate } from '../../lib/core/finops/cost-estimate';
import { FinopsMetricFactory } from '../../constructs/shared/finops-metric-factory';
import { Height, Width } from '../widget-sizes';
import { catalogue, type DashboardTexts } from '../../lib/core/alerts/catalogue';
import type { Language } from '../../lib/core/alerts/language';

const ENGLISH: DashboardTexts = catalogue('en').dashboards;

/** Colours with a meaning a manager reads without a legend. */
export const Colour = {
  GOOD: '#2ca02c',
  WARN: '#ff7f0e',
  BAD: '#d62728',
} as const;

/** What the header shows. */
export interface CostReviewHeaderProps {
  readonly displayName: string;
  readonly budgets: readonly BudgetConfig[];
  readonly contacts: ReadonlyArray<{ readonly role: string; readonly name: string; readonly email: string }>;
  readonly timeZone: string;
  readonly collectorRunAt: readonly string[];
  /**
   * The language of the header and titles.
   * @default 'en'
   */
  readonly language?: Language;
}

/** Plain-language description of what a budget covers (other languages: the digest's words). */
export function describeBudgetScope(budget: BudgetConfig, language: Language = 'en'): string {
  if (language !== 'en') return catalogue(language).digest.scope(budget.scope);
  const scope = budget.scope;
  switch (scope.type) {
    case 'total':
      return 'the whole AWS bill';
    case 'service':
      return `the service "${scope.service}"`;
    case 'account':
      return `the account "${scope.account}"`;
    case 'tag':
      return `resources tagged ${scope.key}=${scope.value}`;
    case 'costCategory':
      return `the cost category ${scope.name} = ${scope.value}`;
  }
}

/** The header: who, which budgets, who to call, how to read the dashboard, when data arrives. */
export function headerSegment(props: CostReviewHeaderProps, metrics: FinopsMetricFactory): cloudwatch.IWidget[] {
  const language = props.language ?? 'en';
  const texts = catalogue(language).dashboards;
  const number = (value: number) => value.toLocaleString(catalogue(language).digest.locale);
  const budgetRows = props.budgets.map((b) =>
    language === 'en'
      ? `| ${b.name} | ${describeBudgetScope(b)} | USD ${number(b.monthlyLimitUsd)} |`
      : `| ${b.name} | ${describeBudgetScope(b, language)} | ${number(b.monthlyLimitUsd)} USD |`,
  );
  const [budget, covers, limit] = texts.budgetColumns;
  const text = [
    texts.costsOf(props.displayName),
    texts.intro,
    '',
    props.budgets.length > 0 ? `| ${budget} | ${covers} | ${limit} |\n| --- | --- | --- |\n` + budgetRows.join('\n') : texts.noBudgets,
    '',
    texts.howToRead,
    '',
    texts.dataCollected(props.collectorRunAt.join(language === 'en' ? ' and ' : ' und '), props.timeZone),
    '',
    `${texts.contacts} ${props.contacts.map((c) => `${c.role}: ${c.name} (${c.email})`).join(' · ')}`,
  ].join('\n');
  return [
    new cloudwatch.TextWidget({ markdown: text, width: Width.FULL - Width.QUARTER, height: Height.TALL }),
    new cloudwatch.GraphWidget({
      title: texts.dataCollections,
      left: [metrics.collectionsSucceeded(Duration.hours(1))],
      view: cloudwatch.GraphWidgetView.BAR,
      start: '-P7D',
      width: Width.QUARTER,
      height: Height.TALL,
      legendPosition: cloudwatch.LegendPosition.HIDDEN,
    }),
  ];
}

/** One row per budget: how much of the limit is used, spent so far, expected by month end. */
export function budgetSegment(budget: BudgetConfig, metrics: FinopsMetricFactory, texts: DashboardTexts = ENGLISH): cloudwatch.IWidget[] {
  const limitAnnotations: cloudwatch.HorizontalAnnotation[] = [
    { value: budget.monthlyLimitUsd * 0.8, color: Colour.WARN, label: texts.eightyPercent },
    { value: budget.monthlyLimitUsd, color: Colour.BAD, label: texts.limitOf(String(budget.monthlyLimitUsd)) },
  ];
  return [
    new cloudwatch.GaugeWidget({
      title: texts.spentGauge(budget.name),
      metrics: [metrics.usedPercent(budget.name)],
      leftYAxis: { min: 0, max: 150 },
      annotations: [
        { value: 0, fill: cloudwatch.Shading.ABOVE, color: Colour.GOOD },
        { value: 80, fill: cloudwatch.Shading.ABOVE, color: Colour.WARN },
        { value: 100, fill: cloudwatch.Shading.ABOVE, color: Colour.BAD },
      ],
      width: Width.QUARTER,
      height: Height.MEDIUM,
    }),
    new cloudwatch.GaugeWidget({
      title: texts.expectedGauge(budget.name),
      metrics: [metrics.forecastUsedPercent(budget.name)],
      leftYAxis: { min: 0, max: 150 },
      annotations: [
        { value: 0, fill: cloudwatch.Shading.ABOVE, color: Colour.GOOD },
        { value: 80, fill: cloudwatch.Shading.ABOVE, color: Colour.WARN },
        { value: 100, fill: cloudwatch.Shading.ABOVE, color: Colour.BAD },
      ],
      width: Width.QUARTER,
      height: Height.MEDIUM,
    }),
    new cloudwatch.GraphWidget({
      title: texts.spentAndExpected(budget.name, String(budget.monthlyLimitUsd)),
      left: [metrics.monthToDate(budget.name), metrics.forecast(budget.name)],
      leftAnnotations: limitAnnotations,
      leftYAxis: { min: 0 },
      start: '-P31D',
      width: Width.HALF,
      height: Height.MEDIUM,
    }),
  ];
}

/** What is driving cost: daily cost stacked by service (30 and 90 days) and the top services. */
export function costDriversSegment(metrics: FinopsMetricFactory, texts: DashboardTexts = ENGLISH): cloudwatch.IWidget[] {
  return [
    new cloudwatch.GraphWidget({
      title: texts.dailyByService30,
      left: [metrics.dailyCostByService()],
      stacked: true,
      view: cloudwatch.GraphWidgetView.BAR,
      start: '-P30D',
      leftYAxis: { min: 0 },
      width: Width.HALF,
      height: Height.TALL,
    }),
    new cloudwatch.GraphWidget({
      title: texts.dailyByService90,
      left: [metrics.dailyCostByService()],
      stacked: true,
      start: '-P90D',
      leftYAxis: { min: 0 },
      width: Width.HALF,
      height: Height.TALL,
    }),
    new cloudwatch.TableWidget({
      title: texts.topServices,
      metrics: [metrics.dailyCostByService()],
      start: '-P30D',
      layout: cloudwatch.TableLayout.VERTICAL,
      summary: { columns: [cloudwatch.TableSummaryColumn.SUM], hideNonSummaryColumns: true, sticky: true },
      width: Width.HALF,
      height: Height.TALL,
    }),
  ];
}

/** Is anything unusual: the total daily cost against CloudWatch's expected band. */
export function anomalySegment(metrics: FinopsMetricFactory, texts: DashboardTexts = ENGLISH): cloudwatch.IWidget {
  const total = metrics.totalDailyCost();
  return new cloudwatch.GraphWidget({
    title: texts.totalAgainstBand,
    left: [
      total,
      new cloudwatch.MathExpression({
        expression: 'ANOMALY_DETECTION_BAND(total, 2)',
        usingMetrics: { total },
        label: texts.expectedRange,
        period: Duration.days(1),
      }),
    ],
    start: '-P60D',
    leftYAxis: { min: 0 },
    width: Width.HALF,
    height: Height.TALL,
  });
}

/** The state of every budget alarm (green OK, red in alarm). */
export function alarmSegment(title: string, alarms: readonly cloudwatch.IAlarm[]): cloudwatch.IWidget {
  return new cloudwatch.AlarmStatusWidget({
    title,
    alarms: [...alarms],
    sortBy: cloudwatch.AlarmStatusWidgetSortBy.STATE_UPDATED_TIMESTAMP,
    width: Width.FULL,
    height: Height.SHORT,
  });
}

/** The estimate of what this monitoring costs a month (`estimateFinopsCost`), as {@link pipelineCostSegment} shows it. */
export type ExpectedPipelineCost = Pick<FinopsCostEstimate, 'totalUsd' | 'lines'>;

/**
 * What this monitoring costs: the Cost Explorer requests of the last 30 days (USD 0.01 each, the
 * part that grows with the bill) measured, and beside it the monthly estimate of every part,
 * computed from the client file, so that a manager sees both the promise and the fact.
 */
export function pipelineCostSegment(
  metrics: FinopsMetricFactory,
  expected?: ExpectedPipelineCost,
  texts: DashboardTexts = ENGLISH,
): cloudwatch.IWidget[] {
  const requests = metrics.costExplorerRequests(Duration.days(30));
  const measured = new cloudwatch.SingleValueWidget({
    title: texts.monitoringCost,
    metrics: [
      requests,
      new cloudwatch.MathExpression({
        expression: 'requests * 0.01',
        usingMetrics: { requests },
        label: texts.costExplorerUsd,
        period: Duration.days(30),
      }),
    ],
    setPeriodToTimeRange: true,
    start: '-P30D',
    width: Width.HALF,
    height: Height.SHORT,
  });
  if (!expected) return [measured];
  const rows = expected.lines
    .filter((line) => line.monthlyUsd >= 0.005)
    .map((line) => `| ${line.part} | ${line.quantity} | ${line.monthlyUsd.toFixed(2)} |`);
  const text = new cloudwatch.TextWidget({
    markdown: [
      texts.expectedMonitoringCost(expected.totalUsd.toFixed(2)),
      '',
      `| ${texts.costColumns.join(' | ')} |`,
      '| --- | --- | --- |',
      ...rows,
    ].join('\n'),
    // A sentence and a table of up to five rows.
    width: Width.HALF,
    height: Height.MEDIUM,
  });
  // Stacked in the right half, beside the anomaly band.
  return [new cloudwatch.Column(measured, text)];
}
