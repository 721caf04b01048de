import { Aws, Fn, Stack, Token } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';

/**
 * The S3 gateway endpoint policy: everything on this account's buckets, read access to the
 * AWS-owned buckets that managed agents and package managers fetch from, and write access to
 * the buckets CloudFormation custom resources and wait conditions answer into.
 *
 * Trade-off: buckets of other accounts in this region (vendors, public data sets, another
 * account's artifacts) are refused through this endpoint until listed in `additionalS3Buckets`,
 * and the refusal is an AccessDenied, not a fallback to NAT. Buckets of other regions are not
 * affected (they are not reached through the endpoint). In exchange, a compromised workload
 * cannot copy data to an attacker's bucket in this region over the endpoint.
 */
export function s3EndpointStatements(stack: Stack, additionalBuckets: string[]): iam.PolicyStatement[] {
  const region = stack.region;
  const partition = stack.partition;
  // Custom resource responses use the region without dashes (cloudformation-custom-resource-response-euwest1).
  const compactRegion = Token.isUnresolved(region) ? Fn.join('', Fn.split('-', Aws.REGION)) : region.replace(/-/g, '');
  const bucketArn = (name: string) => `arn:${partition}:s3:::${name}`;
  const statements = [
    new iam.PolicyStatement({
      sid: 'OwnAccountBuckets',
      principals: [new iam.AnyPrincipal()],
      actions: ['s3:*'],
      resources: ['*'],
      conditions: { StringEquals: { 'aws:ResourceAccount': stack.account } },
    }),
    new iam.PolicyStatement({
      sid: 'AwsOwnedReadOnlyBuckets',
      principals: [new iam.AnyPrincipal()],
      actions: ['s3:GetObject'],
      resources: [
        // ECR image layers.
        `prod-${region}-starport-layer-bucket`,
        // Amazon Linux 2023 and Amazon Linux 2 package repositories.
        `al2023-repos-${region}-de612dc2`,
        `amazonlinux.${region}.amazonaws.com`,
        `amazonlinux-2-repos-${region}`,
        // Systems Manager Agent updates, documents, Distributor packages and Patch Manager
        // (SSM Agent communications with AWS managed S3 buckets, Systems Manager User Guide).
        `aws-ssm-${region}`,
        `amazon-ssm-${region}`,
        `amazon-ssm-packages-${region}`,
        `${region}-birdwatcher-prod`,
        `aws-ssm-distributor-file-${region}`,
        `aws-ssm-document-attachments-${region}`,
        `patch-baseline-snapshot-${region}`,
        `aws-windows-downloads-${region}`,
      ].map((name) => `${bucketArn(name)}/*`),
    }),
    new iam.PolicyStatement({
      sid: 'CloudFormationResponses',
      principals: [new iam.AnyPrincipal()],
      actions: ['s3:PutObject'],
      resources: [
        `${bucketArn(`cloudformation-custom-resource-response-${compactRegion}`)}/*`,
        `${bucketArn(`cloudformation-waitcondition-${region}`)}/*`,
      ],
    }),
  ];
  if (additionalBuckets.length > 0) {
    statements.push(
      new iam.PolicyStatement({
        sid: 'AdditionalBuckets',
        principals: [new iam.AnyPrincipal()],
        actions: ['s3:*'],
        resources: additionalBuckets.flatMap((name) => [bucketArn(name), `${bucketArn(name)}/*`]),
      }),
    );
  }
  return statements;
}
