import { CfnOutput, Stack } from 'aws-cdk-lib';
import * as oam from 'aws-cdk-lib/aws-oam';
import { Construct } from 'constructs';

/** Properties of {@link MetricsSink}. */
export interface MetricsSinkProps {
  /** The accounts that may link to the sink: every account of every opted-in client. */
  readonly sourceAccountIds: readonly string[];
}

/**
 * The consultant's end of CloudWatch cross-account observability in one region: a sink whose
 * policy admits exactly the opted-in clients' accounts, for CloudWatch metrics only
 * (`oam:ResourceTypes` = `AWS::CloudWatch::Metric`; a link asking for logs or traces is refused).
 * Without opted-in accounts the sink has no policy and nobody can link. Its ARN is an output
 * (`SinkArn`): the clients' links name it (clients/_consultant.yaml, `sinks`).
 */
export class MetricsSink extends Construct {
  readonly sink: oam.CfnSink;

  constructor(scope: Construct, id: string, props: MetricsSinkProps) {
    super(scope, id);
    for (const account of props.sourceAccountIds) {
      if (!/^\d{12}$/.test(account))
        throw new Error(`MetricsSink ${this.node.path}: sourceAccountIds must be 12-digit account ids (received "${account}")`);
    }
    const accounts = [...new Set(props.sourceAccountIds)].sort();
    this.sink = new oam.CfnSink(this, 'Resource', {
      name: `landing-zone-portfolio-${Stack.of(this).region}`,
      policy:
        accounts.length === 0
          ? undefined
          : {
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
            },
    });
    new CfnOutput(this, 'SinkArn', {
      value: this.sink.attrArn,
      description: `Put this into clients/_consultant.yaml, sinks.${Stack.of(this).region}`,
    });
  }
}
