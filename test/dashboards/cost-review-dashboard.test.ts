import { App, Stack } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { CostReviewDashboard } from '../../dashboards/cost-review-dashboard';
import { describeBudgetScope } from '../../dashboards/segments/cost-review-segments';
import { loadClientConfig } from '../../lib/core/config/load';
import { estimateFinopsCost } from '../../lib/core/finops/cost-estimate';
import { COST_COLLECTOR_METRICS, FINOPS_NAMESPACE, WASTE_FINDER_METRICS } from '../../lib/core/finops/metrics';
import { dashboardBody, metricsRead } from './dashboard-body';

function build() {
  const config = loadClientConfig('example');
  const stack = new Stack(new App(), 'Dashboards', { env: { account: '111111111111', region: 'eu-central-1' } });
  const alarm = new cloudwatch.Alarm(stack, 'BudgetAlarm', {
    metric: new cloudwatch.Metric({ namespace: FINOPS_NAMESPACE, metricName: 'BudgetUsedPercent', dimensionsMap: { Budget: 'total' } }),
    threshold: 80,
    evaluationPeriods: 1,
  });
  new CostReviewDashboard(stack, 'CostReview', {
    dashboardName: 'example-cost-review',
    displayName: config.client.displayName,
    budgets: config.finops.budgets,
    contacts: [
      { role: 'Owner', name: config.contacts.owner.name, email: config.contacts.owner.email },
      { role: 'Technical', name: config.contacts.technical.name, email: config.contacts.technical.email },
    ],
    timeZone: config.client.timeZone,
    collectorRunAt: config.finops.collector.runAt,
    budgetAlarms: [alarm],
    expectedCost: estimateFinopsCost(config),
  });
  return { config, stack, body: dashboardBody(stack) };
}

describe('CostReviewDashboard', () => {
  const { config, body } = build();

  test('reads only metrics that a collector publishes', () => {
    const read = metricsRead(body).filter(([namespace]) => namespace === FINOPS_NAMESPACE);
    expect(read.length).toBeGreaterThan(5);
    for (const [, metricName] of read) expect([...COST_COLLECTOR_METRICS, ...WASTE_FINDER_METRICS]).toContain(metricName);
  });

  test('reads the revised cost series with Maximum', () => {
    for (const widget of body.widgets) {
      for (const entry of widget.properties?.metrics ?? []) {
        const options = entry.find?.((e: any) => e && typeof e === 'object' && !('expression' in e));
        if (entry[0] === FINOPS_NAMESPACE && !['CostExplorerRequests', 'CollectionSucceeded'].includes(entry[1])) {
          expect({ metric: entry[1], stat: options?.stat }).toEqual({ metric: entry[1], stat: 'Maximum' });
        }
      }
    }
  });

  test('the header names every budget with what it covers and its limit, and how to read the page', () => {
    const header = body.widgets[0].properties.markdown as string;
    for (const budget of config.finops.budgets) {
      expect(header).toContain(`| ${budget.name} | ${describeBudgetScope(budget)} | USD ${budget.monthlyLimitUsd}`);
    }
    expect(header).toContain('are we within budget?');
    expect(header).toContain('07:00 and 15:00 (Europe/Berlin)');
  });

  test('one gauge pair per budget, with green/orange/red bands at 0/80/100 %', () => {
    const gauges = body.widgets.filter((w: any) => w.properties.view === 'gauge');
    expect(gauges).toHaveLength(config.finops.budgets.length * 2);
    for (const gauge of gauges) {
      expect(gauge.properties.annotations.horizontal.map((a: any) => a.value)).toEqual([0, 80, 100]);
    }
  });

  test('daily cost stacked by service over 30 and 90 days, the anomaly band and the alarms', () => {
    const titles = body.widgets.map((w: any) => w.properties.title);
    expect(titles).toEqual(
      expect.arrayContaining([
        'Daily cost by service, last 30 days (USD)',
        'Daily cost by service, last 90 days (USD)',
        'Top services, last 30 days (USD)',
        'Total daily cost against its expected range (grey band), last 60 days',
        'Budget and anomaly alarms',
        'Cost of this cost monitoring, last 30 days',
      ]),
    );
    expect(JSON.stringify(body)).toContain('ANOMALY_DETECTION_BAND');
  });

  test('says what this monitoring is expected to cost, beside what Cost Explorer cost in the last 30 days', () => {
    // given
    const estimate = estimateFinopsCost(config);
    const measured = body.widgets.find((w: any) => w.properties?.title === 'Cost of this cost monitoring, last 30 days');
    const expected = body.widgets.find((w: any) => w.type === 'text' && String(w.properties.markdown).startsWith('**Expected: about USD'));

    // then: the estimate's total and every part that costs something, in the right half under the measured cost
    expect(expected.properties.markdown).toContain(`**Expected: about USD ${estimate.totalUsd.toFixed(2)} a month**`);
    for (const line of estimate.lines.filter((l) => l.monthlyUsd >= 0.005)) {
      expect(expected.properties.markdown).toContain(`| ${line.part} | ${line.quantity} | ${line.monthlyUsd.toFixed(2)} |`);
    }
    expect(expected.properties.markdown).not.toContain('| Lambda, Scheduler'); // under a cent: not worth a row
    expect({ x: measured.x, width: measured.width }).toEqual({ x: 12, width: 12 });
    expect({ x: expected.x, y: expected.y }).toEqual({ x: 12, y: measured.y + measured.height });
  });

  test('body snapshot', () => {
    expect(body).toMatchSnapshot();
  });
});
