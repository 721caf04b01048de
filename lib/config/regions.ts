import { RegionInfo } from 'aws-cdk-lib/region-info';

/**
 * Region codes of the commercial AWS partition (`aws`), taken from aws-cdk-lib's own region
 * table so the list moves with the pinned CDK version instead of being typed here by hand.
 *
 * GovCloud, China, ISO and European Sovereign Cloud regions are other partitions: they need
 * separate accounts, endpoints and ARNs, which this landing zone does not model.
 */
export const AWS_COMMERCIAL_REGIONS: readonly string[] = RegionInfo.regions
  .filter((region) => region.partition === 'aws')
  .map((region) => region.name)
  .sort();

/**
 * Regions that are disabled in a new account and must be enabled ("opted in") by the account
 * owner before anything can be deployed there. The README tells users to do that first.
 */
export const OPT_IN_REGIONS: readonly string[] = [
  'af-south-1',
  'ap-east-1',
  'ap-east-2',
  'ap-south-2',
  'ap-southeast-3',
  'ap-southeast-4',
  'ap-southeast-5',
  'ap-southeast-6',
  'ap-southeast-7',
  'ca-west-1',
  'eu-central-2',
  'eu-south-1',
  'eu-south-2',
  'il-central-1',
  'me-central-1',
  'me-south-1',
  'me-west-1',
  'mx-central-1',
];
