import * as ec2 from 'aws-cdk-lib/aws-ec2';

/**
 * Interface endpoint services by short name (`ssm`, `ecr.api`, `logs`, ...): every static member
 * of `ec2.InterfaceVpcEndpointAwsService` of the installed aws-cdk-lib, so the list grows with CDK.
 * Where two members share a short name (deprecated aliases such as `APP_MESH`), the first wins;
 * they name the same service.
 */
export const INTERFACE_ENDPOINT_SERVICES: ReadonlyMap<string, ec2.InterfaceVpcEndpointAwsService> = (() => {
  const services = new Map<string, ec2.InterfaceVpcEndpointAwsService>();
  for (const value of Object.values(ec2.InterfaceVpcEndpointAwsService)) {
    if (value instanceof ec2.InterfaceVpcEndpointAwsService && !services.has(value.shortName)) services.set(value.shortName, value);
  }
  return new Map([...services.entries()].sort(([a], [b]) => a.localeCompare(b)));
})();
