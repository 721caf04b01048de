import { loadClientConfig } from '../../lib/core/config/load';
import { COST_COLLECTOR_METRICS, FINOPS_NAMESPACE, WASTE_FINDER_METRICS } from '../../lib/core/finops/metrics';
import { buildTestApp, stackOf } from '../helpers';
import { dashboardBody, metricsRead } from './dashboard-body';

describe('OperationsDashboard (example client)', () => {
  const config = loadClientConfig('example');
  const app = buildTestApp(config);
  const stack = stackOf(app, 'Example-Production-Dashboards');
  const body = dashboardBody(stack, 'Operations');
  const titles: string[] = body.widgets.map((w: any) => w.properties.title).filter(Boolean);

  test('opens with the living documentation of this landing zone', () => {
    const text = body.widgets[0].properties.markdown as string;
    expect(text).toContain(`# ${config.client.displayName}: landing zone`);
    expect(text).toContain(`${config.accounts[0].name} (${config.accounts[0].id}, home ${config.accounts[0].homeRegion})`);
    expect(text).toContain(config.contacts.technical.email);
    expect(text).toContain('How to restore');
  });

  test('shows backups, CloudTrail delivery, findings by severity, the CIS alarms and the collector health', () => {
    expect(titles).toEqual(
      expect.arrayContaining([
        'Backup jobs per day (vault example-backup)',
        'Backup alarm',
        'CloudTrail events delivered (per hour)',
        'GuardDuty and Security Hub findings by severity, per day',
        'CIS AWS Foundations monitoring alarms',
        'Collector errors and throttles (per hour)',
        'Collector duration (maximum per hour, ms)',
        'Platform alarms',
        'Idle resources by type (waste finder)',
        'Estimated monthly waste by type (USD)',
      ]),
    );
    const cis = body.widgets.find((w: any) => w.properties.title === 'CIS AWS Foundations monitoring alarms');
    expect(cis.properties.alarms).toHaveLength(15);
  });

  test('reads only FinOps metrics that a collector publishes', () => {
    for (const [namespace, metricName] of metricsRead(body)) {
      if (namespace === FINOPS_NAMESPACE) expect([...COST_COLLECTOR_METRICS, ...WASTE_FINDER_METRICS]).toContain(metricName);
    }
  });

  test('the waste finder runs in the account, daily, and its health is on the dashboard', () => {
    const errors = body.widgets.find((w: any) => w.properties.title === 'Collector errors and throttles (per hour)');
    expect(JSON.stringify(errors.properties.metrics)).toContain('Waste finder errors');
  });

  test('the cost review dashboard exists in the billing account only', () => {
    expect(() => dashboardBody(stack, 'CostReview')).not.toThrow();
  });

  test('shows the alert runbooks, which every alert links to, and the unconfirmed subscriptions the notifier counts', () => {
    const runbooks = body.widgets.find((w: any) => (w.properties.markdown as string | undefined)?.startsWith('## Runbook'));
    expect(runbooks.properties.markdown).toContain('### GuardDuty finding');
    expect(runbooks.properties.markdown).toContain('### Restore test failed');
    const pending = body.widgets.find((w: any) => w.properties.title === 'Alert subscriptions not confirmed (must be 0)');
    // The notifier publishes exactly this (test/lambda/alert-notifier/handler.test.ts).
    expect(pending.properties.metrics).toEqual(
      ['security', 'operations', 'finops'].map((topic) => [
        'LandingZone/Alerts',
        'PendingSubscriptions',
        'Topic',
        topic,
        expect.objectContaining({ label: `${topic} alerts`, stat: 'Maximum', period: 86400 }),
      ]),
    );
  });

  test('in German for a German client: runbooks, titles, the living documentation and the cost review', () => {
    const german = loadClientConfig('example');
    const app = buildTestApp({ ...german, client: { ...german.client, language: 'de' } });
    const germanBody = dashboardBody(stackOf(app, 'Example-Production-Dashboards'), 'Operations');
    const runbooks = germanBody.widgets.find((w: any) => (w.properties.markdown as string | undefined)?.startsWith('## Runbook'));
    expect(runbooks.properties.markdown).toContain('### GuardDuty-Befund');
    expect(runbooks.properties.markdown).toContain('1. Den Befund öffnen (Link im Alarm)');
    const germanTitles: string[] = germanBody.widgets.map((w: any) => w.properties.title).filter(Boolean);
    expect(germanTitles).toEqual(
      expect.arrayContaining([
        'Sicherungsaufträge pro Tag (Tresor example-backup)',
        'GuardDuty- und Security-Hub-Befunde nach Schweregrad, pro Tag',
        'CIS-AWS-Foundations-Überwachungsalarme',
        'Nicht bestätigte Alarm-Abonnements (muss 0 sein)',
      ]),
    );
    expect(germanTitles.filter((title) => titles.includes(title))).toEqual([]);
    const living = germanBody.widgets[0].properties.markdown as string;
    expect(living).toContain('# Example Corp: Landing Zone'.replace('Example Corp', german.client.displayName));
    expect(living).toContain('**Ansprechpartner:**');
    const costReview = dashboardBody(stackOf(app, 'Example-Production-Dashboards'), 'CostReview');
    const header = costReview.widgets[0].properties.markdown as string;
    expect(header).toContain(`# ${german.client.displayName}: AWS-Kosten`);
    expect(header).toContain('| Budget | Umfasst | Monatslimit |');
    expect(header).toContain('die gesamte AWS-Rechnung');
    const costTitles: string[] = costReview.widgets.map((w: any) => w.properties.title).filter(Boolean);
    expect(costTitles).toEqual(expect.arrayContaining(['Tageskosten nach Dienst, letzte 30 Tage (USD)', 'Budget- und Anomalie-Alarme']));
    expect(costTitles.some((title) => /last \d+ days|spent, % of limit/.test(title))).toBe(false);
    const markdown = costReview.widgets.map((w: any) => (w.properties.markdown as string | undefined) ?? '').join('\n');
    expect(markdown).toContain('**Erwartet: etwa');
    expect(markdown).toContain('| Teil | Menge | USD |');
    expect(markdown).toContain('| Cost-Explorer-Anfragen |');
    expect(markdown).not.toMatch(/Cost Explorer requests|a day \(|runs a month/);
  });

  test('body snapshot', () => {
    expect(body).toMatchSnapshot();
  });
});
