import * as path from 'node:path';
import { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { buildPortfolioApp, synthesizePortfolio } from '../../../lib/app/portfolio-app';
import { registerCompliancePacks } from '../../../lib/app/compliance';
import { listClients, loadClientConfig } from '../../../lib/core/config/load';
import { loadConsultantConfig, portfolioSinks } from '../../../lib/core/config/consultant-schema';
import { COST_COLLECTOR_METRICS, FINOPS_NAMESPACE, WASTE_FINDER_METRICS } from '../../../lib/core/finops/metrics';
import { PORTFOLIO_QUERIES, metricsInsightsQuery } from '../../../lib/core/portfolio/portfolio-queries';
import { SECURITY_METRIC_NAMESPACE, BACKUP_METRIC_NAMESPACE, SHARED_METRIC_NAMESPACES } from '../../../lib/core/portfolio/shared-metrics';
import { OPEN_FINDINGS_METRIC, OPEN_FINDINGS_NAMESPACE } from '../../../lib/core/security/open-findings';
import { estimatePortfolioCost } from '../../../lib/core/portfolio/portfolio-estimate';
import { watchedClient, type WatchedClient } from '../../../lib/core/portfolio/watched-metrics';
import { buildTestApp, CLIENT_DIRS, newTestApp, ROOT, stackOf } from '../../helpers';
import { nagFindings } from '../../nag';

/**
 * The consultant's portfolio (test/fixtures/portfolio: alpha and beta opt in, gamma does not):
 * the sink policies admit exactly the opted-in accounts of their region, links exist only in
 * opted-in clients and share metrics of the portfolio's namespaces only, the dashboard reads only
 * metrics the client stacks publish, the alarms watch each client, and the stacks pass the
 * compliance gate.
 */
const DIR = path.join(ROOT, 'test', 'fixtures', 'portfolio');
const consultant = loadConsultantConfig(DIR)!;
const clients = listClients(DIR).map((name) => loadClientConfig(name, DIR));
const app = buildPortfolioApp(consultant, clients, newTestApp());
const home = Template.fromStack(stackOf(app, 'LandingZone-Portfolio'));
const ireland = Template.fromStack(stackOf(app, 'LandingZone-Portfolio-EuWest1'));

describe('the portfolio stacks', () => {
  test('one stack per consultant region, in the consultant account', () => {
    const stacks = app.node.children.filter((c): c is Stack => c instanceof Stack);
    expect(stacks.map((s) => [s.stackName, s.account, s.region])).toEqual([
      ['LandingZone-Portfolio', '900000000001', 'eu-central-1'],
      ['LandingZone-Portfolio-EuWest1', '900000000001', 'eu-west-1'],
    ]);
  });

  test.each([
    ['eu-central-1', () => home, ['910000000001']],
    ['eu-west-1', () => ireland, ['920000000001', '920000000002']],
  ] as const)('the sink in %s admits exactly the opted-in accounts there, for metrics only', (_region, template, accounts) => {
    const sinks = Object.values(template().findResources('AWS::Oam::Sink'));
    expect(sinks).toHaveLength(1);
    expect(sinks[0].Properties.Policy).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: { AWS: accounts },
          Action: ['oam:CreateLink', 'oam:UpdateLink'],
          Resource: '*',
          Condition: { 'ForAllValues:StringEquals': { 'oam:ResourceTypes': ['AWS::CloudWatch::Metric'] } },
        },
      ],
    });
    expect(JSON.stringify(template().toJSON())).not.toContain('930000000001');
  });

  test('the dashboard reads only metrics the client stacks publish', () => {
    // What the clients' Lambdas publish (the constants they import) and what their templates count or alarm on.
    const published = new Set<string>([
      ...COST_COLLECTOR_METRICS.map((m) => `${FINOPS_NAMESPACE}/${m}`),
      ...WASTE_FINDER_METRICS.map((m) => `${FINOPS_NAMESPACE}/${m}`),
    ]);
    for (const client of clients) {
      const clientApp = buildTestApp(client);
      for (const stack of clientApp.node.children.filter((c): c is Stack => c instanceof Stack)) {
        const template = Template.fromStack(stack);
        for (const filter of Object.values(template.findResources('AWS::Logs::MetricFilter'))) {
          for (const t of filter.Properties.MetricTransformations) published.add(`${t.MetricNamespace}/${t.MetricName}`);
        }
      }
    }
    // The open-findings counter of the opted-in clients (its handler test checks what it publishes).
    published.add(`${OPEN_FINDINGS_NAMESPACE}/${OPEN_FINDINGS_METRIC}`);
    // AWS Backup publishes its job counts itself (AWS Backup developer guide, "Monitoring with CloudWatch").
    for (const metric of ['NumberOfBackupJobsFailed', 'NumberOfRestoreJobsFailed', 'NumberOfRestoreJobsCompleted'])
      published.add(`${BACKUP_METRIC_NAMESPACE}/${metric}`);
    const body = JSON.stringify(home.findResources('AWS::CloudWatch::Dashboard'));
    for (const query of PORTFOLIO_QUERIES) {
      expect(published).toContain(`${query.namespace}/${query.metric}`);
      expect(SHARED_METRIC_NAMESPACES).toContain(query.namespace);
      expect(body).toContain(metricsInsightsQuery(query).replace(/"/g, '\\\\\\"'));
    }
    expect(published).toContain(`${SECURITY_METRIC_NAMESPACE}/SecurityHubCriticalFindings`);
  });

  test('the legend names every opted-in account, and only those', () => {
    const body = JSON.stringify(home.findResources('AWS::CloudWatch::Dashboard'));
    for (const id of ['910000000001', '920000000001', '920000000002']) expect(body).toContain(id);
    expect(body).not.toContain('930000000001');
    expect(body).not.toContain('Gamma');
  });

  test('alarms per client in the region of its metrics, on the client accounts, to the consultant topic', () => {
    const names = (template: Template) =>
      Object.values(template.findResources('AWS::CloudWatch::Alarm'))
        .map((a) => a.Properties.AlarmName)
        .sort();
    expect(names(home)).toEqual([
      'LandingZone-Portfolio-alpha-BackupJobsFailed',
      'LandingZone-Portfolio-alpha-BudgetForecastOver100',
      'LandingZone-Portfolio-alpha-CostCollectorStopped',
      'LandingZone-Portfolio-alpha-HighOrCriticalFindings',
    ]);
    expect(names(ireland)).toEqual([
      'LandingZone-Portfolio-EuWest1-beta-BackupJobsFailed',
      'LandingZone-Portfolio-EuWest1-beta-BudgetForecastOver100',
      'LandingZone-Portfolio-EuWest1-beta-CostCollectorStopped',
    ]);
    const forecast = Object.values(home.findResources('AWS::CloudWatch::Alarm')).find((a) =>
      a.Properties.AlarmName.endsWith('BudgetForecastOver100'),
    )!;
    const accounts = forecast.Properties.Metrics.filter((m: any) => m.MetricStat).map((m: any) => m.AccountId);
    expect(accounts).toEqual(['910000000001', '910000000001']);
    home.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: 'cto@beispiel-consulting.example' });
    // And to the chat the consultant watches, in every region with alarms.
    for (const template of [home, ireland]) {
      template.hasResourceProperties('AWS::Chatbot::SlackChannelConfiguration', {
        SlackWorkspaceId: 'T0PORTF01',
        SlackChannelId: 'C0PORTF01',
      });
    }
  });

  test('pass the five cdk-nag packs', () => {
    const gated = buildPortfolioApp(consultant, clients, newTestApp());
    registerCompliancePacks(gated);
    expect(nagFindings(gated)).toEqual([]);
  });

  test('cdk synth -c portfolio=true without a consultant file says what is missing', () => {
    const outcome = synthesizePortfolio(newTestApp(), path.join(ROOT, 'test', 'fixtures', 'clients'));
    expect(outcome).toEqual({ exitCode: 1, stderr: expect.stringContaining('No _consultant.yaml in') });
  });
});

describe('the clients of the portfolio', () => {
  test.each(clients.map((c) => [c.client.name, c] as const))(
    '%s links every account iff it opted in, sharing metrics only',
    (_name, client) => {
      const built = buildTestApp(client);
      const links = client.accounts.map((account) => {
        const stack = built.node.children.find(
          (c): c is Stack => c instanceof Stack && c.account === account.id && c.stackName.endsWith('-Dashboards'),
        )!;
        return Object.values(Template.fromStack(stack).findResources('AWS::Oam::Link'));
      });
      for (const found of links) {
        if (!client.portfolio) {
          expect(found).toEqual([]);
          continue;
        }
        expect(found).toHaveLength(1);
        expect(found[0].Properties.ResourceTypes).toEqual(['AWS::CloudWatch::Metric']);
        expect(found[0].Properties.LinkConfiguration).toEqual({
          MetricConfiguration: { Filter: "Namespace IN ('LandingZone/FinOps', 'LandingZone/Security', 'AWS/Backup')" },
        });
      }
    },
  );

  test('no shipped client or other fixture links anywhere (a client that does not opt in is unchanged)', () => {
    for (const dir of CLIENT_DIRS.filter((d) => d !== DIR)) {
      for (const name of listClients(dir)) expect(loadClientConfig(name, dir).portfolio).toBeUndefined();
    }
  });

  test('an opted-in client whose region has no sink yet is refused with what to do', () => {
    const beta = clients.find((c) => c.client.name === 'beta')!;
    const { problems } = portfolioSinks(beta, { ...consultant, sinks: {} });
    expect(problems.map((p) => p.message)).toEqual([
      expect.stringContaining('account production publishes its metrics in eu-west-1, where the consultant has no sink yet'),
      expect.stringContaining('account staging publishes its metrics in eu-west-1'),
    ]);
    const other = portfolioSinks({ ...beta, portfolio: { monitoringAccountId: '111111111111' } }, consultant);
    expect(other.problems).toEqual([
      { path: 'portfolio.monitoringAccountId', message: expect.stringContaining("must be the consultant's account 900000000001") },
    ]);
  });
});

describe('what the portfolio costs', () => {
  test('the estimate counts exactly the alarm metrics and keys of the synthesized stacks', () => {
    const watched = clients.map(watchedClient).filter((c): c is WatchedClient => c !== undefined);
    const estimate = estimatePortfolioCost(consultant, watched);
    for (const [region, template] of [
      ['eu-central-1', home],
      ['eu-west-1', ireland],
    ] as const) {
      const metrics = Object.values(template.findResources('AWS::CloudWatch::Alarm')).reduce(
        (sum, alarm) => sum + (alarm.Properties.Metrics ? alarm.Properties.Metrics.filter((m: any) => m.MetricStat).length : 1),
        0,
      );
      expect(estimate.alarmMetrics.get(region)).toBe(metrics);
    }
    const keys = [home, ireland].reduce((sum, t) => sum + Object.keys(t.findResources('AWS::KMS::Key')).length, 0);
    expect(estimate.keys).toBe(keys);
  });
});
