import * as ec2 from 'aws-cdk-lib/aws-ec2';

/**
 * aws-cdk-lib renders a flow log's `DestinationOptions` with camelCase keys (`fileFormat`, ...;
 * aws-cdk issue 25432), where the CloudFormation resource specification and cfn-lint require
 * `FileFormat`, `PerHourPartition` and `HiveCompatiblePartitions`. Rewrites the rendered keys,
 * keeping the values CDK resolved, so the template follows the specification.
 */
export function renderDestinationOptionsInPascalCase(flowLog: ec2.FlowLog): void {
  const cfn = flowLog.node.defaultChild as ec2.CfnFlowLog;
  const options = cfn.destinationOptions as Record<string, unknown> | undefined;
  if (!options) return;
  const pascalCase: Record<string, string> = {
    fileFormat: 'FileFormat',
    perHourPartition: 'PerHourPartition',
    hiveCompatiblePartitions: 'HiveCompatiblePartitions',
  };
  for (const [camel, pascal] of Object.entries(pascalCase)) {
    if (!(camel in options)) continue;
    cfn.addPropertyDeletionOverride(`DestinationOptions.${camel}`);
    cfn.addPropertyOverride(`DestinationOptions.${pascal}`, options[camel]);
  }
}
