import { bootstrapTargets, deploymentPlan } from '../../../lib/app/bootstrap-plan';
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

describe('deploymentPlan', () => {
  const targets = [{ account: '123456789012', region: 'eu-west-1', stacks: ['Acme-Production-Foundation'] }];

  test('with a deploy role: bootstrap, first deployment, bootstrap with the boundary, then the deploy role only', () => {
    // given
    const input = minimalClientInput();
    input.security = {
      iam: {
        deployer: {
          github: { repository: 'chris-consulting/landing-zones', environment: 'production' },
          principals: ['arn:aws:iam::210987654321:role/chris'],
        },
      },
    };

    // when
    const plan = deploymentPlan(parseInput(input), targets);

    // then
    expect(plan.split('\n').filter((line) => !line.startsWith('#    ') && line !== '')).toEqual([
      '# Deployment plan for client "acme" (docs/decisions/008-deployer-model.md).',
      "# 1. Bootstrap each account and region once, with the account's first administrator credentials",
      'npx cdk bootstrap aws://123456789012/eu-west-1   # Acme-Production-Foundation',
      '# 2. Deploy once per account with the same credentials. This creates the baseline, the people roles',
      "npx cdk deploy -c client=acme 'Acme-Production-*'",
      '# 3. Bootstrap again, now that the boundary exists: the CDK execution role gets it, so workloads that',
      'npx cdk bootstrap aws://123456789012/eu-west-1 --custom-permissions-boundary acme-baseline-protection   # Acme-Production-Foundation',
      '# 4. From now on, deploy only as the deploy role; then remove the first credentials.',
    ]);
    expect(plan).toContain('#    GitHub Actions: chris-consulting/landing-zones, jobs of the environment "production"');
    expect(plan).toContain('#      role-to-assume: arn:aws:iam::123456789012:role/LandingZone-Deployer');
    expect(plan).toContain(
      '#    From a terminal as arn:aws:iam::210987654321:role/chris, with MFA: assume arn:aws:iam::123456789012:role/LandingZone-Deployer',
    );
  });

  test('without a deploy role: says that the people roles cannot deploy, and to configure one', () => {
    const plan = deploymentPlan(parseInput(minimalClientInput()), targets);
    expect(plan).toContain('No deploy role is configured (security.iam.deployer)');
    expect(plan).not.toContain('role-to-assume');
  });

  test('without the people roles there is no boundary to bootstrap with', () => {
    const input = minimalClientInput();
    input.security = { iam: { enabled: false } };
    const plan = deploymentPlan(parseInput(input), targets);
    expect(plan).not.toContain('--custom-permissions-boundary');
    expect(plan).toContain('# 3. Deploy with the same credentials from now on: security.iam is off');
  });
});

describe('deploymentPlan in organization mode', () => {
  const input = minimalClientInput();
  input.accounts = [
    { name: 'management', id: '123456789012', homeRegion: 'eu-west-1' },
    { name: 'workload', id: '123456789015', homeRegion: 'eu-west-1' },
    { name: 'security', id: '123456789013', homeRegion: 'eu-west-1' },
    { name: 'logs', id: '123456789014', homeRegion: 'eu-west-1' },
  ];
  input.organization = {
    managementAccount: 'management',
    securityAccount: 'security',
    logArchiveAccount: 'logs',
    accounts: { security: { unit: 'Security' }, logs: { unit: 'Security' }, workload: { unit: 'Workloads/Production' } },
  };
  const config = parseInput(input);
  const plan = deploymentPlan(config, bootstrapTargets(buildTestApp(config)));
  const lines = plan.split('\n');
  const at = (text: string) => lines.findIndex((line) => line.includes(text));

  test('builds the organization first, in the management account alone', () => {
    const organization = at("--exclusively 'Acme-Management-Foundation' 'Acme-Organization'");
    expect(organization).toBeGreaterThan(at('npx cdk bootstrap aws://123456789012/eu-west-1'));
    expect(organization).toBeLessThan(at('npx cdk bootstrap aws://123456789013/eu-west-1'));
  });

  test('then the log archive, the security account, the members and the management account, each alone', () => {
    const order = ['Logs', 'Security', 'Workload', 'Management'].map((name) => at(`--exclusively 'Acme-${name}-*'`));
    expect(order.every((index) => index > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });
});
