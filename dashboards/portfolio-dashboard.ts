import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { Construct } from 'constructs';
import { metricsInsightsQuery, PORTFOLIO_QUERIES } from '../lib/core/portfolio/portfolio-queries';
import type { WatchedClient } from '../lib/core/portfolio/watched-metrics';
import { Height, Width } from './widget-sizes';

/** Properties of {@link PortfolioDashboard}. */
export interface PortfolioDashboardProps {
  /** Dashboard name. */
  readonly dashboardName: string;
  /** The consultant's name, for the title. */
  readonly consultantName: string;
  /** The opted-in clients (the legend maps their account ids to them). */
  readonly clients: readonly WatchedClient[];
  /** The regions with linked accounts: one set of widgets per region. */
  readonly regions: readonly string[];
}

/**
 * The consultant's portfolio dashboard: every opted-in client at a glance. Each widget is a
 * Metrics Insights query over all linked accounts of a region, grouped by account and ordered so
 * that the clients needing attention come first (highest budget use, most findings, failed
 * backups, highest waste; fewest collector runs). A legend maps account ids to clients. It reads
 * only metrics the client stacks publish (`lib/core/portfolio/portfolio-queries.ts`).
 */
export class PortfolioDashboard extends Construct {
  readonly dashboard: cloudwatch.Dashboard;

  constructor(scope: Construct, id: string, props: PortfolioDashboardProps) {
    super(scope, id);
    this.dashboard = new cloudwatch.Dashboard(this, 'Resource', {
      dashboardName: props.dashboardName,
      // A week: the failed backup jobs and findings of the last 7 days; the latest budget figures.
      defaultInterval: Duration.days(7),
    });
    this.dashboard.addWidgets(new cloudwatch.TextWidget({ markdown: legend(props), width: Width.FULL, height: Height.MEDIUM }));
    for (const region of props.regions) {
      const widgets = PORTFOLIO_QUERIES.map(
        (query) =>
          new cloudwatch.TableWidget({
            title: `${query.title}${props.regions.length > 1 ? ` (${region})` : ''}`,
            region,
            width: Width.THIRD,
            height: Height.MEDIUM,
            layout: cloudwatch.TableLayout.HORIZONTAL,
            summary: {
              columns: [query.fn === 'MAX' ? cloudwatch.TableSummaryColumn.MAXIMUM : cloudwatch.TableSummaryColumn.SUM],
              hideNonSummaryColumns: true,
              sticky: true,
            },
            metrics: [
              new cloudwatch.MathExpression({
                expression: metricsInsightsQuery(query),
                label: query.title,
                period: Duration.seconds(query.periodSeconds),
              }),
            ],
          }),
      );
      for (let row = 0; row < widgets.length; row += 3) this.dashboard.addWidgets(...widgets.slice(row, row + 3));
    }
  }
}

/** Who is who: the account ids of every opted-in client, and how to read the tables. */
function legend(props: PortfolioDashboardProps): string {
  const rows = props.clients.flatMap((client) =>
    client.accounts.map(
      (account) => `| ${client.displayName} (${client.client}) | ${account.name} | ${account.accountId} | ${account.region} |`,
    ),
  );
  return [
    `# Portfolio of ${props.consultantName}`,
    'Each table lists the linked accounts, the ones that need attention first. The account ids are the clients below.',
    '',
    '| Client | Account | Account id | Region |',
    '| --- | --- | --- | --- |',
    ...rows,
  ].join('\n');
}
