import { accessLogsBucketName, logArchiveBucketName, pascalCase, regionSuffix, stackName } from '../../../lib/core/naming';
import { minimalClientInput, parseInput } from '../../helpers';

describe('naming', () => {
  const config = parseInput(minimalClientInput());
  const [account] = config.accounts;

  test.each([
    ['acme', 'Acme'],
    ['acme-corp', 'AcmeCorp'],
    ['a1-b2-c3', 'A1B2C3'],
  ])('pascalCase(%s) = %s', (slug, expected) => {
    expect(pascalCase(slug)).toBe(expected);
  });

  test('home-region stacks are <Client>-<Account>-<Layer>', () => {
    expect(stackName(config, account, 'Security')).toBe('Acme-Production-Security');
  });

  test('stacks in other regions carry the region', () => {
    expect(regionSuffix('eu-central-1')).toBe('EuCentral1');
    expect(stackName(config, account, 'Security', 'eu-central-1')).toBe('Acme-Production-Security-EuCentral1');
  });

  test('log bucket names are unique per account and region and valid S3 names for the longest region code', () => {
    const longest = { ...account, homeRegion: 'ap-southeast-7', id: '999999999999' };
    for (const name of [logArchiveBucketName(longest), accessLogsBucketName(longest)]) {
      expect(name).toMatch(/^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/);
    }
    expect(logArchiveBucketName(account)).toBe('lz-logs-123456789012-eu-west-1');
    expect(accessLogsBucketName(account)).toBe('lz-access-logs-123456789012-eu-west-1');
  });
});
