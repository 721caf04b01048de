import { App, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { renderDestinationOptionsInPascalCase } from '../../../constructs/network/flow-log-destination-options';
import { cfnLintVersion, lintTemplates, stackTemplates } from '../../../lib/app/template-lint';
import { newTestApp } from '../../helpers';

const ENV = { account: '123456789012', region: 'eu-west-1' };

/** A flow log into S3 with destination options, as aws-cdk-lib renders it or with the keys rewritten. */
function flowLogStack(app: App, id: string, rewrite: boolean): void {
  const stack = new Stack(app, id, { env: ENV });
  const flowLog = new ec2.FlowLog(stack, 'FlowLog', {
    resourceType: ec2.FlowLogResourceType.fromNetworkInterfaceId('eni-0123456789abcdef0'),
    destination: ec2.FlowLogDestination.toS3(s3.Bucket.fromBucketName(stack, 'Logs', 'acme-logs'), undefined, {
      fileFormat: ec2.FlowLogFileFormat.PLAIN_TEXT,
      perHourPartition: true,
    }),
  });
  if (rewrite) renderDestinationOptionsInPascalCase(flowLog);
}

describe('stackTemplates', () => {
  test("lists each stack's template with the region it deploys to, from the manifest", () => {
    const app = newTestApp();
    new Stack(app, 'Home', { env: ENV });
    new Stack(app, 'Billing', { env: { ...ENV, region: 'us-east-1' } });
    const directory = app.synth().directory;

    expect(stackTemplates(directory)).toEqual(
      expect.arrayContaining([
        { stack: 'Home', region: 'eu-west-1', templatePath: `${directory}/Home.template.json` },
        { stack: 'Billing', region: 'us-east-1', templatePath: `${directory}/Billing.template.json` },
      ]),
    );
  });

  test('refuses a stack without a region: cfn-lint would check it against the wrong resource schemas', () => {
    const app = newTestApp();
    new Stack(app, 'Anywhere');
    expect(() => stackTemplates(app.synth().directory)).toThrow(
      /stack Anywhere .* has no concrete region \(aws:\/\/unknown-account\/unknown-region\): cfn-lint needs one/,
    );
  });
});

describe('lintTemplates, with the real cfn-lint', () => {
  test("finds the casing defect of aws-cdk-lib's flow log destination options, and nothing once the keys are rewritten", async () => {
    // given
    expect(cfnLintVersion()).toMatch(/^cfn-lint \d+\./);
    const app = newTestApp();
    flowLogStack(app, 'AsRendered', false);
    flowLogStack(app, 'Rewritten', true);

    // when
    const findings = await lintTemplates(stackTemplates(app.synth().directory));

    // then: errors on the flow log's options in the template as aws-cdk-lib renders it, only there
    expect(findings.length).toBeGreaterThan(0);
    for (const finding of findings) {
      expect(finding).toMatch(
        /^AsRendered\.template\.json:\d+ \(eu-west-1\) E\d{4} \[Error\] .*(FileFormat|PerHourPartition|HiveCompatiblePartitions)/i,
      );
    }
  });
});
