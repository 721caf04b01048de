import * as oam from 'aws-cdk-lib/aws-oam';
import { Token } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { SHARED_METRIC_NAMESPACES } from '../../lib/core/portfolio/shared-metrics';

/** Properties of {@link MetricsLink}. */
export interface MetricsLinkProps {
  /** The consultant's sink in this region (`arn:aws:oam:<region>:<account>:sink/<id>`). */
  readonly sinkArn: string;
  /** How the account is labelled in the consultant's account, e.g. `example/production`. */
  readonly label: string;
}

/**
 * Shares this account's landing zone metrics, and nothing else, with the consultant's portfolio
 * dashboard: a CloudWatch cross-account observability link to the consultant's sink in this
 * region, for CloudWatch metrics only (no logs, no traces), filtered to the namespaces the
 * portfolio reads ({@link SHARED_METRIC_NAMESPACES}): the platform's FinOps and security metrics
 * and AWS Backup's job counts. The client's own workload metrics are not shared.
 *
 * Removing the construct (the client file's `portfolio` section) deletes the link: sharing ends
 * at the next deployment.
 */
export class MetricsLink extends Construct {
  readonly link: oam.CfnLink;

  constructor(scope: Construct, id: string, props: MetricsLinkProps) {
    super(scope, id);
    if (!Token.isUnresolved(props.sinkArn) && !/^arn:aws[\w-]*:oam:[a-z0-9-]+:\d{12}:sink\/[0-9a-f-]+$/.test(props.sinkArn)) {
      throw new Error(
        `MetricsLink ${this.node.path}: sinkArn must be an OAM sink ARN like arn:aws:oam:eu-central-1:999999999999:sink/<id> (received "${props.sinkArn}")`,
      );
    }
    if (!/^[\w./ -]{1,64}$/.test(props.label)) {
      throw new Error(`MetricsLink ${this.node.path}: label must be 1-64 letters, digits, spaces and . / _ - (received "${props.label}")`);
    }
    this.link = new oam.CfnLink(this, 'Resource', {
      sinkIdentifier: props.sinkArn,
      resourceTypes: ['AWS::CloudWatch::Metric'],
      labelTemplate: props.label,
      linkConfiguration: { metricConfiguration: { filter: metricNamespaceFilter() } },
    });
  }
}

/** `Namespace IN ('LandingZone/FinOps', ...)`: the link's metric filter. */
export function metricNamespaceFilter(): string {
  return `Namespace IN (${SHARED_METRIC_NAMESPACES.map((namespace) => `'${namespace}'`).join(', ')})`;
}
