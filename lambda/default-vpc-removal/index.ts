/**
 * `onEvent` handler of the `DefaultVpcRemoval` custom resource provider. An adapter: it reads
 * the region from the event, calls {@link removeDefaultVpc} on Create and Update, and does
 * nothing on Delete (the default VPC is not recreated; `ec2:CreateDefaultVpc` brings it back).
 * No `aws-cdk-lib` import here.
 */
import { EC2Client } from '@aws-sdk/client-ec2';
import { Logger } from '@aws-lambda-powertools/logger';
import type { CdkCustomResourceEvent, CdkCustomResourceResponse } from 'aws-lambda';
import { removeDefaultVpc } from './remove-default-vpc';
import { sdkClientOptions } from '../shared/sdk-client-options';

const logger = new Logger({ serviceName: 'default-vpc-removal' });

/** One client per region, created on first use and kept for warm invocations. */
const clients = new Map<string, EC2Client>();

const REGION_PATTERN = /^[a-z]{2}(-[a-z]+)+-\d+$/;

/** The physical id of the removal in `region`: stable, so an update never replaces the resource. */
export function physicalResourceId(region: string): string {
  return `default-vpc-removal-${region}`;
}

/** Handles one CloudFormation custom resource event (through the CDK provider framework). */
export async function handler(event: CdkCustomResourceEvent): Promise<CdkCustomResourceResponse> {
  const region = event.ResourceProperties.Region as unknown;
  if (typeof region !== 'string' || !REGION_PATTERN.test(region)) {
    throw new Error(`ResourceProperties.Region must be a region name such as eu-west-1 (received ${JSON.stringify(region)})`);
  }
  if (event.RequestType === 'Delete') {
    logger.info('delete: the default VPC is not recreated', { region });
    return { PhysicalResourceId: event.PhysicalResourceId };
  }
  try {
    const result = await removeDefaultVpc(clientFor(region), region, (message, details) => logger.info(message, details));
    return {
      PhysicalResourceId: physicalResourceId(region),
      Data: { RemovedVpcId: result.vpcId ?? '', RemovedSubnetCount: String(result.subnetIds.length) },
    };
  } catch (error) {
    logger.error('default VPC removal failed', { region, error: error as Error });
    throw error;
  }
}

function clientFor(region: string): EC2Client {
  let client = clients.get(region);
  if (!client) {
    client = new EC2Client(sdkClientOptions({ region }));
    clients.set(region, client);
  }
  return client;
}
