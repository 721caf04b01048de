import { bootstrapTargets } from '../../../lib/app/bootstrap-plan';
import { buildTestApp, minimalClientInput, parseInput } from '../../helpers';

describe('bootstrapTargets', () => {
  test('lists each account and region that a stack deploys to, once', () => {
    const input = minimalClientInput();
    input.accounts.push({ name: 'staging', id: '210987654321', homeRegion: 'eu-central-1' });
    input.allowedRegions.push('eu-central-1');

    const targets = bootstrapTargets(buildTestApp(parseInput(input)));

    expect(targets).toEqual([
      { account: '123456789012', region: 'eu-central-1', stacks: ['Acme-Production-Security-EuCentral1'] },
      {
        account: '123456789012',
        region: 'eu-west-1',
        stacks: [
          'Acme-Production-Foundation',
          'Acme-Production-Security',
          'Acme-Production-Backup',
          'Acme-Production-FinOps',
          'Acme-Production-Dashboards',
        ],
      },
      { account: '123456789012', region: 'us-east-1', stacks: ['Acme-Production-FinOps-UsEast1'] },
      {
        account: '210987654321',
        region: 'eu-central-1',
        stacks: [
          'Acme-Staging-Foundation',
          'Acme-Staging-Security',
          'Acme-Staging-Backup',
          'Acme-Staging-FinOps',
          'Acme-Staging-Dashboards',
        ],
      },
      { account: '210987654321', region: 'eu-west-1', stacks: ['Acme-Staging-Security-EuWest1'] },
    ]);
  });
});
