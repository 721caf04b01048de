import { cloudWatchClientFor } from '../../../lambda/waste-finder/clients';

describe('CloudWatch clients', () => {
  test('one client per region, created once and reused', async () => {
    const ireland = cloudWatchClientFor('eu-west-1');
    expect(cloudWatchClientFor('eu-west-1')).toBe(ireland);
    const virginia = cloudWatchClientFor('us-east-1');
    expect(virginia).not.toBe(ireland);
    expect(await ireland.config.region()).toBe('eu-west-1');
    expect(await virginia.config.region()).toBe('us-east-1');
  });

  test('SDK retries are off: retry.ts is the only retry layer', async () => {
    expect(await cloudWatchClientFor('eu-central-1').config.maxAttempts()).toBe(1);
  });
});
