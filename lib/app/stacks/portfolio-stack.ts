import { Stack, StackProps } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { AlertTopic } from '../../../constructs/foundation/alert-topic';
import { ChatChannels } from '../../../constructs/foundation/chat-channels';
import { PlatformKey } from '../../../constructs/foundation/platform-key';
import { MetricsSink } from '../../../constructs/portfolio/metrics-sink';
import { PortfolioAlarms } from '../../../constructs/portfolio/portfolio-alarms';
import { PortfolioDashboard } from '../../../dashboards/portfolio-dashboard';
import type { ConsultantConfig } from '../../core/config/consultant-schema';
import type { WatchedClient } from '../../core/portfolio/watched-metrics';

/** Properties of {@link PortfolioStack}. */
export interface PortfolioStackProps extends StackProps {
  /** The consultant's file. */
  readonly consultant: ConsultantConfig;
  /** Every opted-in client. */
  readonly clients: readonly WatchedClient[];
}

/**
 * The consultant's portfolio in one region of the consultant's own account: the sink that the
 * opted-in clients' accounts of this region link to; the alarms on their metrics of this region,
 * with an encrypted topic to the consultant's email; in the home region the portfolio dashboard.
 */
export class PortfolioStack extends Stack {
  readonly alarms?: PortfolioAlarms;

  constructor(scope: Construct, id: string, props: PortfolioStackProps) {
    super(scope, id, props);
    const { consultant, clients } = props;
    const region = this.region;
    const linked = clients.flatMap((client) => client.accounts.filter((account) => account.region === region));
    new MetricsSink(this, 'Sink', { sourceAccountIds: linked.map((account) => account.accountId) });

    const watchesHere = clients.some(
      (client) =>
        client.finops?.region === region ||
        client.findings.some((source) => source.region === region) ||
        client.backups.some((source) => source.region === region),
    );
    if (watchesHere) {
      const key = new PlatformKey(this, 'Key', { alias: 'landing-zone/portfolio', description: 'Encrypts the portfolio alert topic' });
      const topic = new AlertTopic(this, 'Alerts', {
        key,
        displayName: `Portfolio alerts of ${consultant.consultant.name}`,
        emails: consultant.notifications.emails,
        publishingServices: ['cloudwatch.amazonaws.com'],
      });
      this.alarms = new PortfolioAlarms(this, 'Alarms', { clients, topic: topic.topic, region });
      const { slack, teams } = consultant.notifications;
      // The chat you already watch: AWS Chatbot formats CloudWatch alarm notifications itself.
      if (slack || teams) new ChatChannels(this, 'Chat', { topics: [topic.topic], slack, teams });
    }

    if (region === consultant.consultant.homeRegion) {
      const regions = consultant.consultant.regions.filter((r) => clients.some((client) => client.accounts.some((a) => a.region === r)));
      new PortfolioDashboard(this, 'Dashboard', {
        dashboardName: 'LandingZone-Portfolio',
        consultantName: consultant.consultant.name,
        clients,
        regions: regions.length > 0 ? regions : [region],
      });
    }
  }
}
