import { Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { renderDestinationOptionsInPascalCase } from '../../../constructs/network/flow-log-destination-options';

function flowLog(stack: Stack, options?: ec2.S3DestinationOptions): ec2.FlowLog {
  return new ec2.FlowLog(stack, 'FlowLog', {
    resourceType: ec2.FlowLogResourceType.fromNetworkInterfaceId('eni-0123456789abcdef0'),
    destination: ec2.FlowLogDestination.toS3(s3.Bucket.fromBucketName(stack, 'Logs', 'acme-logs'), undefined, options),
  });
}

describe('renderDestinationOptionsInPascalCase', () => {
  test('renders the keys as CloudFormation spells them, with the values aws-cdk-lib resolved', () => {
    const stack = new Stack();
    renderDestinationOptionsInPascalCase(flowLog(stack, { fileFormat: ec2.FlowLogFileFormat.PARQUET, hiveCompatiblePartitions: true }));
    Template.fromStack(stack).hasResourceProperties('AWS::EC2::FlowLog', {
      DestinationOptions: Match.objectEquals({ FileFormat: 'parquet', PerHourPartition: false, HiveCompatiblePartitions: true }),
    });
  });

  test('leaves a flow log without destination options alone', () => {
    const stack = new Stack();
    renderDestinationOptionsInPascalCase(flowLog(stack));
    Template.fromStack(stack).hasResourceProperties('AWS::EC2::FlowLog', { DestinationOptions: Match.absent() });
  });
});
