import { estimateMonthlyWasteUsd, PRICE_TABLE, scanCostUsd } from '../../../lambda/waste-finder/prices';
import { WASTE_RULES } from '../../../lambda/waste-finder/rules';

describe('price table', () => {
  test('pins the monthly prices (a change must be deliberate and its source re-checked)', () => {
    expect(Object.fromEntries(Object.entries(PRICE_TABLE).map(([kind, entry]) => [kind, entry.monthlyUsd]))).toEqual({
      ec2Instance: 15.18, // t3.small 0.0208 x 730
      ebsVolume: 0.64, // gp3 8 GiB x 0.08
      natGateway: 32.85, // 0.045 x 730
      applicationLoadBalancer: 16.43, // 0.0225 x 730
      networkLoadBalancer: 16.43,
      rdsInstance: 11.68, // db.t4g.micro 0.016 x 730
    });
  });

  test('every kind has a price with its assumption, source URL and check date', () => {
    for (const rule of WASTE_RULES) {
      const entry = PRICE_TABLE[rule.kind];
      expect(entry.assumption).toMatch(/us-east-1/);
      expect(entry.source).toMatch(/^https:\/\/aws\.amazon\.com\/.+2026-11-\d\d/);
    }
  });

  test.each([
    ['natGateway', 'idle', 32.85],
    ['ec2Instance', 'oversized', 7.59],
    ['ec2Instance', 'busy', 0],
    ['rdsInstance', 'insufficient-data', 0],
  ] as const)('%s %s wastes USD %d a month', (kind, finding, usd) => {
    expect(estimateMonthlyWasteUsd(kind, finding)).toBe(usd);
  });

  test('a scan costs USD 0.01 per 1,000 metrics requested', () => {
    expect(scanCostUsd(0)).toBe(0);
    expect(scanCostUsd(1000)).toBe(0.01);
    expect(scanCostUsd(3100)).toBe(0.031);
  });
});
