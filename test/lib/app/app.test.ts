import { CfnResource, Stack, TagManager } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { MANAGED_BY } from '../../../lib/app/tagging';
import { buildTestApp, minimalClientInput, parseInput, stackOf } from '../../helpers';

describe('buildApp', () => {
  const input = minimalClientInput();
  input.client.name = 'acme-corp';
  input.accounts.push({ name: 'staging', id: '210987654321', homeRegion: 'eu-central-1' });
  input.allowedRegions.push('eu-central-1');
  input.tagging = { additionalTags: { department: 'it' } };
  input.finops = { budgets: [{ name: 'total', monthlyLimitUsd: 300 }] };
  const config = parseInput(input, 'acme-corp');
  const app = buildTestApp(config);

  test('names stacks <Client>-<Account>-<Layer>, one set per account', () => {
    const names = app.node.children.filter((c): c is Stack => c instanceof Stack).map((s) => s.stackName);
    expect(names).toEqual([
      'AcmeCorp-Production-Foundation',
      'AcmeCorp-Production-Security',
      'AcmeCorp-Production-Security-EuCentral1',
      'AcmeCorp-Production-Backup',
      'AcmeCorp-Production-FinOps',
      'AcmeCorp-Production-FinOps-UsEast1',
      'AcmeCorp-Production-Dashboards',
      'AcmeCorp-Staging-Foundation',
      'AcmeCorp-Staging-Security',
      'AcmeCorp-Staging-Security-EuWest1',
      'AcmeCorp-Staging-Backup',
      'AcmeCorp-Staging-FinOps',
      'AcmeCorp-Staging-Dashboards',
    ]);
  });

  test("deploys each account's stacks to that account and its home region, regional ones to their region", () => {
    expect(stackOf(app, 'AcmeCorp-Production-Foundation').environment).toBe('aws://123456789012/eu-west-1');
    expect(stackOf(app, 'AcmeCorp-Production-Security').environment).toBe('aws://123456789012/eu-west-1');
    expect(stackOf(app, 'AcmeCorp-Production-Security-EuCentral1').environment).toBe('aws://123456789012/eu-central-1');
    expect(stackOf(app, 'AcmeCorp-Staging-Foundation').environment).toBe('aws://210987654321/eu-central-1');
  });

  test("deploys regional security stacks after the home region's (the log archive must exist)", () => {
    const regional = stackOf(app, 'AcmeCorp-Production-Security-EuCentral1');
    expect(regional.dependencies.map((s) => s.stackName)).toContain('AcmeCorp-Production-Security');
  });

  test('builds only the foundation and the operations dashboard when every layer is off', () => {
    const off = minimalClientInput();
    off.security = { enabled: false };
    off.backup = { enabled: false };
    off.finops = { enabled: false };
    const offApp = buildTestApp(parseInput(off));
    expect(offApp.node.children.filter((c): c is Stack => c instanceof Stack).map((s) => s.stackName)).toEqual([
      'Acme-Production-Foundation',
      'Acme-Production-Dashboards',
    ]);
  });

  test('runs the collector and the monthly report in the first (billing) account only, the waste finder in every account, and anomaly detection in us-east-1', () => {
    expect(stackOf(app, 'AcmeCorp-Production-FinOps').environment).toBe('aws://123456789012/eu-west-1');
    expect(stackOf(app, 'AcmeCorp-Production-FinOps-UsEast1').environment).toBe('aws://123456789012/us-east-1');
    const functionsOf = (name: string) => Object.keys(Template.fromStack(stackOf(app, name)).findResources('AWS::Lambda::Function'));
    expect(functionsOf('AcmeCorp-Production-FinOps')).toEqual([
      expect.stringMatching(/^CostCollector/),
      expect.stringMatching(/^WasteFinder/),
      expect.stringMatching(/^MonthlyReport/),
    ]);
    expect(functionsOf('AcmeCorp-Staging-FinOps')).toEqual([expect.stringMatching(/^WasteFinder/)]);
    expect(app.node.tryFindChild('AcmeCorp-Staging-FinOps-UsEast1')).toBeUndefined();
  });

  test("the monthly report reads the staging account through its reader role, which trusts only the report's role", () => {
    const staging = Template.fromStack(stackOf(app, 'AcmeCorp-Staging-FinOps'));
    staging.hasResourceProperties('AWS::IAM::Role', { RoleName: 'AcmeCorp-ReportReader' });
    const billing = Template.fromStack(stackOf(app, 'AcmeCorp-Production-FinOps'));
    billing.hasResourceProperties('AWS::IAM::Role', { RoleName: 'AcmeCorp-MonthlyReport' });
    const fn = Object.values(billing.findResources('AWS::Lambda::Function')).find(
      (f: any) => f.Properties.Environment.Variables.REPORT_SETTINGS,
    )!;
    const settings = JSON.parse(fn.Properties.Environment.Variables.REPORT_SETTINGS);
    expect(settings.account).toEqual({ name: 'production', id: '123456789012' });
    expect(settings.otherAccounts).toEqual([
      {
        name: 'staging',
        id: '210987654321',
        region: 'eu-central-1',
        roleArn: 'arn:aws:iam::210987654321:role/AcmeCorp-ReportReader',
        vaultName: 'acme-corp-backup',
      },
    ]);
  });

  test('report.enabled: false builds neither the report nor the reader roles', () => {
    const off = minimalClientInput();
    off.accounts.push({ name: 'staging', id: '210987654321', homeRegion: 'eu-west-1' });
    off.report = { enabled: false };
    off.finops = { wasteFinder: { enabled: false }, collector: { enabled: false } };
    const offApp = buildTestApp(parseInput(off, 'acme'));
    const stacks = offApp.node.children.filter((c): c is Stack => c instanceof Stack);
    for (const stack of stacks) {
      const roles = Object.values(Template.fromStack(stack).findResources('AWS::IAM::Role')).map((r: any) => r.Properties.RoleName);
      expect(roles.filter((name) => /MonthlyReport|ReportReader/.test(String(name)))).toEqual([]);
    }
    // Nothing else needs a FinOps stack in the staging account.
    expect(stacks.map((s) => s.stackName).filter((name) => name.endsWith('Staging-FinOps'))).toEqual([]);
  });

  test("budgets and anomaly alerts in us-east-1 go to the billing account's one FinOps topic in its home region, admitted there first", () => {
    // given: the us-east-1 stack and the billing account's foundation
    const billing = Template.fromStack(stackOf(app, 'AcmeCorp-Production-FinOps-UsEast1'));
    const foundation = stackOf(app, 'AcmeCorp-Production-Foundation');
    const homeTopicArn = 'arn:aws:sns:eu-west-1:123456789012:acme-corp-finops-alerts';

    // then: the subscriptions name the home-region topic, which has exactly that name
    billing.hasResourceProperties('AWS::CE::AnomalySubscription', { Subscribers: [{ Type: 'SNS', Address: homeTopicArn }] });
    billing.resourceCountIs('AWS::Budgets::Budget', 1);
    for (const budget of Object.values(billing.findResources('AWS::Budgets::Budget')) as any[]) {
      for (const n of budget.Properties.NotificationsWithSubscribers)
        expect(n.Subscribers).toEqual([{ SubscriptionType: 'SNS', Address: homeTopicArn }]);
    }
    const home = Template.fromStack(foundation);
    home.hasResourceProperties('AWS::SNS::Topic', { TopicName: 'acme-corp-finops-alerts' });
    // and: that topic admits both services for this account only (the us-east-1 stack cannot)
    const statements = Object.values(home.findResources('AWS::SNS::TopicPolicy')).flatMap(
      (p: any) => p.Properties.PolicyDocument.Statement,
    );
    expect(statements).toContainEqual(
      expect.objectContaining({
        Principal: { Service: 'costalerts.amazonaws.com' },
        Action: 'sns:Publish',
        Condition: { StringEquals: { 'aws:SourceAccount': '123456789012' } },
      }),
    );
    // AWS Budgets documents its source ARN: only this account's budgets may publish.
    expect(statements).toContainEqual(
      expect.objectContaining({
        Principal: { Service: 'budgets.amazonaws.com' },
        Action: 'sns:Publish',
        Condition: {
          StringEquals: { 'aws:SourceAccount': '123456789012' },
          ArnLike: { 'aws:SourceArn': 'arn:aws:budgets::123456789012:*' },
        },
      }),
    );
    // and: the us-east-1 stack deploys after the foundation, and has nothing that costs money
    expect(stackOf(app, 'AcmeCorp-Production-FinOps-UsEast1').dependencies.map((s) => s.stackName)).toContain(
      'AcmeCorp-Production-Foundation',
    );
    for (const type of ['AWS::KMS::Key', 'AWS::SNS::Topic', 'AWS::CloudWatch::Alarm', 'AWS::SQS::Queue']) billing.resourceCountIs(type, 0);
  });

  test('opens no FinOps topic to billing services in accounts that run no FinOps', () => {
    const statements = Object.values(
      Template.fromStack(stackOf(app, 'AcmeCorp-Staging-Foundation')).findResources('AWS::SNS::TopicPolicy'),
    ).flatMap((p: any) => p.Properties.PolicyDocument.Statement);
    const principals = statements.map((s: any) => s.Principal?.Service).filter(Boolean);
    expect(principals).not.toContain('budgets.amazonaws.com');
    expect(principals).not.toContain('costalerts.amazonaws.com');
  });

  test('names every alarm of every stack after its client and account, so a shared chat channel shows whose alarm fired', () => {
    const names = app.node.children
      .filter((c): c is Stack => c instanceof Stack)
      .flatMap((stack) =>
        Object.values(Template.fromStack(stack).findResources('AWS::CloudWatch::Alarm')).map((alarm: any) => ({
          stack: stack.stackName,
          name: alarm.Properties.AlarmName,
        })),
      );
    expect(names.length).toBeGreaterThan(30);
    for (const { stack, name } of names)
      expect({ stack, name }).toEqual({ stack, name: expect.stringMatching(new RegExp(`^${stack}-[A-Za-z]`)) });
    expect(names.map((n) => n.name)).toEqual(
      expect.arrayContaining([
        'AcmeCorp-Staging-Security-CIS-4.3-RootAccountUsage',
        'AcmeCorp-Production-FinOps-Budget-total-Actual-80pct',
      ]),
    );
  });

  test('protects stacks that hold state from deletion', () => {
    for (const name of [
      'AcmeCorp-Production-Foundation',
      'AcmeCorp-Production-Security',
      'AcmeCorp-Production-Security-EuCentral1',
      'AcmeCorp-Production-Backup',
    ]) {
      expect({ name, protected: stackOf(app, name).terminationProtection }).toEqual({ name, protected: true });
    }
  });

  test('puts the mandatory and additional tags on every taggable resource', () => {
    // given: every CloudFormation resource of the app that supports tags
    const taggable = app.node.findAll().filter((c): c is CfnResource => CfnResource.isCfnResource(c) && TagManager.isTaggable(c));
    expect(taggable.length).toBeGreaterThan(5);

    for (const resource of taggable) {
      // when: the resource as synthesized (tags are applied by an aspect during synthesis)
      const stack = Stack.of(resource);
      const template = Template.fromStack(stack).toJSON();
      // Most types render tags as a Key/Value list, a few (e.g. SSM parameters) as a map.
      const rendered = template.Resources[stack.getLogicalId(resource)].Properties?.Tags as
        Array<{ Key: string; Value: string }> | Record<string, string> | undefined;
      const tags = Array.isArray(rendered) ? Object.fromEntries(rendered.map((tag) => [tag.Key, tag.Value])) : (rendered ?? {});

      // then
      expect({ path: resource.node.path, tags }).toEqual({
        path: resource.node.path,
        tags: expect.objectContaining({
          client: 'acme-corp',
          'cost-center': 'CC-1',
          'managed-by': MANAGED_BY,
          owner: 'owner@acme.example',
          department: 'it',
        }),
      });
    }
  });

  test('retains every stateful resource of every stack when the stack is deleted', () => {
    const stateful = ['AWS::KMS::Key', 'AWS::S3::Bucket', 'AWS::Logs::LogGroup', 'AWS::SQS::Queue'];
    let checked = 0;
    for (const stack of app.node.children.filter((c): c is Stack => c instanceof Stack)) {
      const resources = Template.fromStack(stack).toJSON().Resources as Record<
        string,
        { Type: string; DeletionPolicy?: string; UpdateReplacePolicy?: string }
      >;
      for (const [id, resource] of Object.entries(resources)) {
        if (!stateful.includes(resource.Type)) continue;
        checked++;
        expect({ id, type: resource.Type, deletion: resource.DeletionPolicy, replace: resource.UpdateReplacePolicy }).toEqual({
          id,
          type: resource.Type,
          deletion: 'Retain',
          replace: 'Retain',
        });
      }
    }
    expect(checked).toBeGreaterThan(10);
  });

  test('the synthesized template carries the tags too', () => {
    Template.fromStack(stackOf(app, 'AcmeCorp-Production-Foundation')).hasResourceProperties('AWS::SNS::Topic', {
      Tags: [
        { Key: 'client', Value: 'acme-corp' },
        { Key: 'cost-center', Value: 'CC-1' },
        { Key: 'department', Value: 'it' },
        { Key: 'managed-by', Value: MANAGED_BY },
        { Key: 'owner', Value: 'owner@acme.example' },
      ],
    });
  });
});
