import {
  parseWasteFinderSettings,
  wasteFinderSettingsSchema,
  WASTE_FINDER_SETTINGS_ENV,
} from '../../../../lib/core/finops/waste-finder-settings';

const parse = (settings: unknown) => parseWasteFinderSettings(JSON.stringify(settings));

describe('waste finder settings', () => {
  test('defaults: 14 days, every day with data, the documented thresholds, 20 requests', () => {
    expect(parse({ regions: ['eu-west-1', 'us-east-1'] })).toEqual({
      regions: ['eu-west-1', 'us-east-1'],
      lookbackDays: 14,
      minDaysWithData: 14,
      thresholds: {
        ec2Instance: { idleMaxCpuPercentBelow: 5, oversizedMaxCpuPercentBelow: 20 },
        ebsVolume: { readWriteOpsAtMost: 0 },
        natGateway: { bytesOutAtMost: 0 },
        applicationLoadBalancer: { requestsAtMost: 0 },
        networkLoadBalancer: { newFlowsAtMost: 0 },
        rdsInstance: { maxConnectionsAtMost: 0 },
      },
      maxGetMetricDataRequests: 20,
    });
  });

  test('minDaysWithData follows lookbackDays unless given', () => {
    expect(parse({ regions: ['eu-west-1'], lookbackDays: 7 }).minDaysWithData).toBe(7);
    expect(parse({ regions: ['eu-west-1'], lookbackDays: 14, minDaysWithData: 12 }).minDaysWithData).toBe(12);
  });

  test('every threshold is configurable, one at a time', () => {
    const settings = parse({
      regions: ['eu-west-1'],
      thresholds: { natGateway: { bytesOutAtMost: 1024 }, ec2Instance: { oversizedMaxCpuPercentBelow: null } },
    });
    expect(settings.thresholds.natGateway.bytesOutAtMost).toBe(1024);
    expect(settings.thresholds.ec2Instance).toEqual({ idleMaxCpuPercentBelow: 5, oversizedMaxCpuPercentBelow: null });
    expect(settings.thresholds.rdsInstance.maxConnectionsAtMost).toBe(0);
  });

  test.each([
    [undefined, /WASTE_FINDER_SETTINGS is not set/],
    ['', /WASTE_FINDER_SETTINGS is not set/],
    ['{regions', /WASTE_FINDER_SETTINGS is not valid JSON/],
  ])('rejects raw value %j', (raw, error) => {
    expect(() => parseWasteFinderSettings(raw)).toThrow(error);
  });

  test.each<[string, unknown, RegExp]>([
    ['no regions', { regions: [] }, /regions: must list at least one region/],
    ['a bad region', { regions: ['Ireland'] }, /regions\.0: must be a region name like eu-west-1, got "Ireland"/],
    ['a region twice', { regions: ['eu-west-1', 'eu-west-1'] }, /regions: must not list a region twice/],
    ['zero days', { regions: ['eu-west-1'], lookbackDays: 0 }, /lookbackDays: must be at least 1/],
    ['too many days', { regions: ['eu-west-1'], lookbackDays: 90 }, /lookbackDays: must be at most 63/],
    ['fractional days', { regions: ['eu-west-1'], lookbackDays: 1.5 }, /lookbackDays: must be a whole number/],
    [
      'more days with data than days',
      { regions: ['eu-west-1'], lookbackDays: 7, minDaysWithData: 8 },
      /minDaysWithData: must be at most lookbackDays \(7\), got 8/,
    ],
    [
      'CPU over 100 %',
      { regions: ['eu-west-1'], thresholds: { ec2Instance: { idleMaxCpuPercentBelow: 101 } } },
      /thresholds\.ec2Instance\.idleMaxCpuPercentBelow: must be at most 100/,
    ],
    [
      'oversized at or under idle',
      { regions: ['eu-west-1'], thresholds: { ec2Instance: { idleMaxCpuPercentBelow: 10, oversizedMaxCpuPercentBelow: 10 } } },
      /oversizedMaxCpuPercentBelow: must be greater than idleMaxCpuPercentBelow \(10\), got 10; use null/,
    ],
    [
      'a negative count',
      { regions: ['eu-west-1'], thresholds: { rdsInstance: { maxConnectionsAtMost: -1 } } },
      /thresholds\.rdsInstance\.maxConnectionsAtMost: must be 0 or more/,
    ],
    [
      'a typo',
      { regions: ['eu-west-1'], thresholds: { natGateway: { bytesOutAtMots: 1 } } },
      /unknown key "bytesOutAtMots" \(did you mean "bytesOutAtMost"\?\)/,
    ],
    ['a request cap of 0', { regions: ['eu-west-1'], maxGetMetricDataRequests: 0 }, /maxGetMetricDataRequests: must be at least 1/],
    [
      'a request cap over 1000',
      { regions: ['eu-west-1'], maxGetMetricDataRequests: 5000 },
      /maxGetMetricDataRequests: must be at most 1000/,
    ],
  ])('rejects %s, naming the field', (_, settings, error) => {
    expect(() => parse(settings)).toThrow(new RegExp(`${WASTE_FINDER_SETTINGS_ENV} is invalid: .*${error.source}`));
  });

  test('the exported schema is what the CDK side validates against', () => {
    expect(wasteFinderSettingsSchema.safeParse({ regions: ['eu-west-1'] }).success).toBe(true);
    expect(wasteFinderSettingsSchema.safeParse({ regions: ['eu-west-1'], extra: true }).success).toBe(false);
  });
});
