import { App, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { BaselineVpc } from '../../constructs/network/baseline-vpc';
import { cfnLintVersion, lintTemplates, stackTemplates } from '../../lib/template-lint';
import { newTestApp } from '../helpers';

const ENV = { account: '123456789012', region: 'eu-west-1' };

/** A stack that states its zones (BaselineVpc refuses to look them up). */
class ZonedStack extends Stack {
  override get availabilityZones(): string[] {
    return ['eu-west-1a', 'eu-west-1b'];
  }
}

/** Two flow logs into S3 with destination options: aws-cdk-lib's as it renders it, and BaselineVpc's. */
function flowLogApp(): App {
  // The CDK CLI's metadata resource, by which cfn-lint knows a CDK template (as `cdk synth` writes it).
  const app = newTestApp();
  app.node.setContext('aws:cdk:version-reporting', true);
  const plain = new Stack(app, 'PlainFlowLog', { env: ENV });
  const vpc = new ec2.Vpc(plain, 'Vpc', { availabilityZones: ['eu-west-1a', 'eu-west-1b'], natGateways: 0, subnetConfiguration: [{ name: 'isolated', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }] });
  new ec2.FlowLog(plain, 'FlowLog', {
    resourceType: ec2.FlowLogResourceType.fromVpc(vpc),
    destination: ec2.FlowLogDestination.toS3(s3.Bucket.fromBucketName(plain, 'Logs', 'acme-logs'), undefined, { fileFormat: ec2.FlowLogFileFormat.PLAIN_TEXT, perHourPartition: true }),
  });
  const baseline: Construct = new ZonedStack(app, 'Baseline', { env: ENV });
  new BaselineVpc(baseline, 'Vpc', {
    cidr: '10.0.0.0/16',
    availabilityZones: ['eu-west-1a', 'eu-west-1b'],
    egress: 'none',
    isolatedMask: 22,
    flowLogsBucket: s3.Bucket.fromBucketName(baseline, 'Logs', 'acme-logs'),
  });
  return app;
}

describe('stackTemplates', () => {
  test('lists each stack\'s template with the region it deploys to, from the manifest', () => {
    const app = newTestApp();
    new Stack(app, 'Home', { env: ENV });
    new Stack(app, 'Billing', { env: { ...ENV, region: 'us-east-1' } });
    const directory = app.synth().directory;

    expect(stackTemplates(directory)).toEqual(expect.arrayContaining([
      { stack: 'Home', region: 'eu-west-1', templatePath: `${directory}/Home.template.json` },
      { stack: 'Billing', region: 'us-east-1', templatePath: `${directory}/Billing.template.json` },
    ]));
  });

  test('refuses a stack without a region: cfn-lint would check it against the wrong resource schemas', () => {
    const app = newTestApp();
    new Stack(app, 'Anywhere');
    expect(() => stackTemplates(app.synth().directory)).toThrow(/stack Anywhere .* has no concrete region \(aws:\/\/unknown-account\/unknown-region\): cfn-lint needs one/);
  });
});

describe('lintTemplates, with the real cfn-lint', () => {
  test('finds the casing defect of aws-cdk-lib\'s flow log destination options, and none in BaselineVpc\'s', async () => {
    // given
    expect(cfnLintVersion()).toMatch(/^cfn-lint \d+\./);
    const templates = stackTemplates(flowLogApp().synth().directory);

    // when
    const findings = await lintTemplates(templates);

    // then: errors on the camelCase keys of the plain flow log only
    expect(findings.length).toBeGreaterThan(0);
    for (const finding of findings) expect(finding).toMatch(/^PlainFlowLog\.template\.json:\d+ \(eu-west-1\) E\d{4} \[Error\] .*(FileFormat|PerHourPartition|HiveCompatiblePartitions)/i);
  });
});
