import { RegionInfo } from 'aws-cdk-lib/region-info';
import { AWS_COMMERCIAL_REGIONS, OPT_IN_REGIONS, REGIONS_WITHOUT_GLOBAL_IAM_RECORDING } from '../../../../lib/core/rules/regions';

describe('region lists (written out so that the config needs no CDK)', () => {
  test('the commercial regions are exactly those of the pinned aws-cdk-lib: add a new one here when the CDK knows it', () => {
    const cdk = RegionInfo.regions
      .filter((region) => region.partition === 'aws')
      .map((region) => region.name)
      .sort();
    expect(AWS_COMMERCIAL_REGIONS).toEqual(cdk);
  });

  test('opt-in regions and regions without global IAM recording are commercial regions', () => {
    for (const region of [...OPT_IN_REGIONS, ...REGIONS_WITHOUT_GLOBAL_IAM_RECORDING]) expect(AWS_COMMERCIAL_REGIONS).toContain(region);
  });
});
