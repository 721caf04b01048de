/**
 * Region codes of the commercial AWS partition (`aws`), as aws-cdk-lib's region table lists them
 * (`RegionInfo.regions`, aws-cdk-lib 2.276.0). Written out here so that the config and the Lambdas
 * need no CDK; a test compares it with the pinned aws-cdk-lib, so a CDK upgrade that knows a new
 * region fails until the region is added here.
 *
 * GovCloud, China, ISO and European Sovereign Cloud regions are other partitions: they need
 * separate accounts, endpoints and ARNs, which this landing zone does not model.
 */
export const AWS_COMMERCIAL_REGIONS: readonly string[] = [
  'af-south-1',
  'ap-east-1',
  'ap-east-2',
  'ap-northeast-1',
  'ap-northeast-2',
  'ap-northeast-3',
  'ap-south-1',
  'ap-south-2',
  'ap-southeast-1',
  'ap-southeast-2',
  'ap-southeast-3',
  'ap-southeast-4',
  'ap-southeast-5',
  'ap-southeast-6',
  'ap-southeast-7',
  'ca-central-1',
  'ca-west-1',
  'eu-central-1',
  'eu-central-2',
  'eu-north-1',
  'eu-south-1',
  'eu-south-2',
  'eu-west-1',
  'eu-west-2',
  'eu-west-3',
  'il-central-1',
  'me-central-1',
  'me-south-1',
  'me-west-1',
  'mx-central-1',
  'sa-east-1',
  'us-east-1',
  'us-east-2',
  'us-west-1',
  'us-west-2',
];

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
/**
 * Regions where AWS Config cannot record the global IAM resource types (users, groups, roles,
 * customer managed policies): Config arrived there after February 2022, and the IAM managed rules
 * are not offered there either. Source: the `IncludeGlobalResourceTypes` documentation of
 * AWS::Config::ConfigurationRecorder and the region lists of the IAM managed rules (checked
 * 2026). Record global resources, and run the IAM rules, in another of the client's regions.
 */
export const REGIONS_WITHOUT_GLOBAL_IAM_RECORDING: readonly string[] = [
  'ap-east-2', // Taipei
  'ap-south-2', // Hyderabad
  'ap-southeast-4', // Melbourne
  'ap-southeast-5', // Malaysia
  'ap-southeast-6', // New Zealand
  'ap-southeast-7', // Thailand
  'ca-west-1', // Calgary
  'eu-central-2', // Zurich
  'eu-south-2', // Spain
  'il-central-1', // Tel Aviv
  'me-central-1', // UAE
  'mx-central-1', // Mexico
];
