import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  BackupClient,
  ListBackupVaultsCommand,
  ListRecoveryPointsByBackupVaultCommand,
  ListRestoreJobsCommand,
} from '@aws-sdk/client-backup';
import { CloudTrailClient, LookupEventsCommand } from '@aws-sdk/client-cloudtrail';
import { CloudWatchClient, DescribeAlarmHistoryCommand, GetMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { CostExplorerClient, GetCostAndUsageCommand, GetCostForecastCommand } from '@aws-sdk/client-cost-explorer';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { GuardDutyClient } from '@aws-sdk/client-guardduty';
import { GetFindingsCommand, SecurityHubClient } from '@aws-sdk/client-securityhub';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { mockClient } from 'aws-sdk-client-mock';
import { monthOfRun, writeMonthlyReport, type ReportDependencies } from '../../../lambda/monthly-report/handler';
import { loadClientConfig } from '../../../lib/core/config/load';
import { repoPath } from '../../../lib/core/paths';
import {
  readReportEnvironment,
  REPORT_BUCKET_ENV,
  REPORT_SETTINGS_ENV,
  REPORT_TOPIC_ARN_ENV,
  reportSettingsSchema,
} from '../../../lib/core/report/report-settings';
import { expectValidChatNotification } from '../../support/chat-notification-schema';

/*
 * One run of the report Lambda against mocked AWS clients answering with the example client's
 * recorded November: what it stores, what it announces, and which month it picks.
 */

const RECORDED = repoPath('recordings', 'example', '2026-11');
const recorded = <T>(file: string): T => JSON.parse(fs.readFileSync(path.join(RECORDED, file), 'utf8')) as T;
const config = loadClientConfig('example');
const BUCKET = 'example-production-finops-monthlyreportbucket-abc123';
const TOPIC = 'arn:aws:sns:eu-central-1:111111111111:example-finops-alerts';

function environment(language: 'en' | 'de' = 'en', extra: Record<string, unknown> = {}) {
  const settings = {
    ...extra,
    client: { name: 'example', displayName: 'Example GmbH', timeZone: 'Europe/Berlin', language },
    accounts: config.accounts.map((a) => ({ name: a.name, id: a.id })),
    account: { name: 'production', id: '111111111111' },
    budgets: config.finops.budgets,
    report: { displayCurrency: { code: 'EUR', ratePerUsd: 0.92 } },
    stackPrefix: 'Example-',
    vaultName: 'example-backup',
    ...extra,
  };
  return readReportEnvironment({
    [REPORT_SETTINGS_ENV]: JSON.stringify(reportSettingsSchema.parse(settings)),
    [REPORT_BUCKET_ENV]: BUCKET,
    [REPORT_TOPIC_ARN_ENV]: TOPIC,
  });
}

const clients = {
  costExplorer: new CostExplorerClient({ region: 'us-east-1' }),
  cloudWatch: new CloudWatchClient({ region: 'eu-central-1' }),
  securityHub: new SecurityHubClient({ region: 'eu-central-1' }),
  guardDuty: new GuardDutyClient({ region: 'eu-central-1' }),
  backup: new BackupClient({ region: 'eu-central-1' }),
  cloudTrail: new CloudTrailClient({ region: 'eu-central-1' }),
  s3: new S3Client({ region: 'eu-central-1' }),
  sns: new SNSClient({ region: 'eu-central-1' }),
  sts: new STSClient({ region: 'eu-central-1' }),
};
const mocks = {
  costExplorer: mockClient(clients.costExplorer),
  cloudWatch: mockClient(clients.cloudWatch),
  securityHub: mockClient(clients.securityHub),
  backup: mockClient(clients.backup),
  cloudTrail: mockClient(clients.cloudTrail),
  s3: mockClient(clients.s3),
  sns: mockClient(clients.sns),
  sts: mockClient(clients.sts),
};

const logger = { info: jest.fn(), warn: jest.fn(), error: jest.fn() };
// 2 December, 08:00 in Berlin: the scheduled run on November.
const NOW = new Date('2026-12-02T07:00:00Z');

function deps(language: 'en' | 'de' = 'en', extra: Record<string, unknown> = {}): ReportDependencies {
  return {
    environment: environment(language, extra),
    clients,
    logger,
    now: () => NOW,
    region: 'eu-central-1',
    retry: { sleep: async () => undefined },
  };
}

beforeEach(() => {
  for (const mock of Object.values(mocks)) mock.reset();
  const actuals = recorded<Record<string, number>>('budget-actuals.json');
  let budget = 0;
  mocks.costExplorer.on(GetCostAndUsageCommand).callsFake((input: { GroupBy?: unknown; Metrics: string[] }) => {
    if (input.GroupBy) return recorded('cost-by-service.json');
    const name = config.finops.budgets[budget++ % config.finops.budgets.length].name;
    return { ResultsByTime: [{ Total: { [input.Metrics[0]]: { Amount: String(actuals[name]), Unit: 'USD' } } }] };
  });
  mocks.costExplorer.on(GetCostForecastCommand).resolves(recorded('forecast-next-month.json'));
  mocks.cloudWatch.on(GetMetricDataCommand).resolves({ MetricDataResults: [] });
  mocks.cloudWatch.on(DescribeAlarmHistoryCommand).resolves(recorded('alarm-history.json'));
  mocks.securityHub.on(GetFindingsCommand).resolves(recorded('findings.json'));
  mocks.backup.on(ListRestoreJobsCommand).resolves(recorded('restore-jobs.json'));
  mocks.backup.on(ListBackupVaultsCommand).resolves({ BackupVaultList: [{ BackupVaultName: 'example-backup' }] });
  mocks.backup.on(ListRecoveryPointsByBackupVaultCommand).resolves(recorded('recovery-points.json'));
  mocks.cloudTrail.on(LookupEventsCommand).resolves(recorded('trail-events.json'));
  mocks.s3.on(PutObjectCommand).resolves({ ETag: '"abc"' });
  mocks.sns.on(PublishCommand).resolves({ MessageId: 'message-1' });
});

describe('a run of the report Lambda', () => {
  test('stores the page of the month before, encrypted, as HTML, and says where', async () => {
    const result = await writeMonthlyReport({}, deps());
    expect(result).toMatchObject({
      month: '2026-11',
      key: 'reports/2026/example-2026-11.html',
      costExplorerRequests: 5,
      messageId: 'message-1',
    });
    const put = mocks.s3.commandCalls(PutObjectCommand)[0].args[0].input as PutObjectCommand['input'];
    expect(put).toMatchObject({
      Bucket: BUCKET,
      Key: 'reports/2026/example-2026-11.html',
      ContentType: 'text/html; charset=utf-8',
      ServerSideEncryption: 'aws:kms',
    });
    const html = String(put.Body);
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain('Example GmbH: IT report for 2026-11');
    expect(html).toContain('<svg');
    expect(html).toContain('account production (111111111111) in eu-central-1');
    expect(html).toContain('EUR at a fixed rate of 0.92 per USD');
  });

  test('announces it on the FinOps topic: email text with the console link, a valid chat notification', async () => {
    await writeMonthlyReport({}, deps());
    const publish = mocks.sns.commandCalls(PublishCommand)[0].args[0].input as PublishCommand['input'];
    expect(publish.TopicArn).toBe(TOPIC);
    expect(publish.MessageStructure).toBe('json');
    expect(publish.Subject).toMatch(/^Example GmbH: IT report 2026-11 is ready \(\d decisions?\)$/);
    const message = JSON.parse(publish.Message!) as { default: string; email: string; https: string };
    expect(message.email).toBe(message.default);
    expect(message.email).toContain(
      `https://eu-central-1.console.aws.amazon.com/s3/object/${BUCKET}?region=eu-central-1&bucketType=general&prefix=reports%2F2026%2Fexample-2026-11.html`,
    );
    expect(message.email).toContain(`s3://${BUCKET}/reports/2026/example-2026-11.html`);
    expectValidChatNotification(message.https);
  });

  test('in German for a German client', async () => {
    await writeMonthlyReport({}, deps('de'));
    const put = mocks.s3.commandCalls(PutObjectCommand)[0].args[0].input as PutObjectCommand['input'];
    expect(String(put.Body)).toContain('<html lang="de">');
    const publish = mocks.sns.commandCalls(PublishCommand)[0].args[0].input as PublishCommand['input'];
    expect(publish.Subject).toMatch(/^Example GmbH: IT-Bericht 2026-11 liegt vor/);
  });

  test('a failed store fails the run before anything is announced', async () => {
    mocks.s3.on(PutObjectCommand).rejects(Object.assign(new Error('Access Denied'), { name: 'AccessDenied' }));
    await expect(writeMonthlyReport({}, deps())).rejects.toThrow('Access Denied');
    expect(mocks.sns.commandCalls(PublishCommand)).toHaveLength(0);
  });

  test('a manual run can name an earlier month', async () => {
    const result = await writeMonthlyReport({ month: '2026-10' }, deps());
    expect(result.month).toBe('2026-10');
    // No forecast for a month whose next month is over.
    expect(mocks.costExplorer.commandCalls(GetCostForecastCommand)).toHaveLength(0);
  });
});

describe('a client with more accounts', () => {
  // The staging account's clients, as the reader role's credentials would make them.
  const staging = {
    cloudWatch: new CloudWatchClient({ region: 'eu-west-1' }),
    securityHub: new SecurityHubClient({ region: 'eu-west-1' }),
    guardDuty: new GuardDutyClient({ region: 'eu-west-1' }),
    backup: new BackupClient({ region: 'eu-west-1' }),
    cloudTrail: new CloudTrailClient({ region: 'eu-west-1' }),
  };
  const stagingMocks = {
    cloudWatch: mockClient(staging.cloudWatch),
    securityHub: mockClient(staging.securityHub),
    guardDuty: mockClient(staging.guardDuty),
    backup: mockClient(staging.backup),
    cloudTrail: mockClient(staging.cloudTrail),
  };
  const ROLE = 'arn:aws:iam::222222222222:role/Example-ReportReader';
  const otherAccounts = [{ name: 'staging', id: '222222222222', region: 'eu-west-1', roleArn: ROLE, vaultName: 'example-backup' }];

  beforeEach(() => {
    for (const mock of Object.values(stagingMocks)) mock.reset();
    stagingMocks.cloudWatch.on(GetMetricDataCommand).resolves({
      MetricDataResults: [
        { Id: 'backup_backupfailed', Timestamps: [new Date('2026-11-20T00:00:00Z')], Values: [2], StatusCode: 'Complete' },
        { Id: 'usd_natgateway', Timestamps: [new Date('2026-11-30T06:00:00Z')], Values: [33.3], StatusCode: 'Complete' },
        { Id: 'idle_natgateway', Timestamps: [new Date('2026-11-30T06:00:00Z')], Values: [1], StatusCode: 'Complete' },
      ],
    });
    stagingMocks.cloudWatch.on(DescribeAlarmHistoryCommand).resolves({});
    stagingMocks.securityHub.on(GetFindingsCommand).resolves({
      Findings: [
        {
          SchemaVersion: '2018-10-08',
          Id: 'arn:aws:securityhub:eu-west-1:222222222222:finding/staging-1',
          ProductArn: 'arn:aws:securityhub:eu-west-1::product/aws/guardduty',
          ProductName: 'GuardDuty',
          GeneratorId: 'arn:aws:guardduty:eu-west-1:222222222222:detector/abc',
          AwsAccountId: '222222222222',
          CreatedAt: '2026-11-18T10:00:00.000Z',
          UpdatedAt: '2026-11-18T10:00:00.000Z',
          Severity: { Label: 'CRITICAL' },
          Title: 'Credentials used from a known malicious IP address',
          Description: 'An API was invoked from a known malicious IP address.',
          Resources: [{ Type: 'AwsIamAccessKey', Id: 'AKIAEXAMPLE' }],
          Types: ['TTPs/Initial Access'],
          Workflow: { Status: 'NEW' },
          RecordState: 'ACTIVE',
        },
      ],
    });
    stagingMocks.backup.on(ListRestoreJobsCommand).resolves({});
    stagingMocks.backup.on(ListBackupVaultsCommand).resolves({});
    stagingMocks.cloudTrail.on(LookupEventsCommand).resolves({});
    mocks.sts.on(AssumeRoleCommand).resolves({
      Credentials: {
        AccessKeyId: 'ASIAEXAMPLE',
        SecretAccessKey: 'secret',
        SessionToken: 'token',
        Expiration: new Date('2026-12-02T07:15:00Z'),
      },
    });
  });

  test("reads each other account through its reader role and adds its activity to the report's", async () => {
    const forAccount = jest.fn(() => staging);
    const single = await writeMonthlyReport({}, deps());
    const singleHtml = String((mocks.s3.commandCalls(PutObjectCommand)[0].args[0].input as PutObjectCommand['input']).Body);
    mocks.s3.resetHistory();
    const dependencies = deps('en', { otherAccounts });
    await writeMonthlyReport({}, { ...dependencies, clients: { ...dependencies.clients, forAccount } });
    expect(mocks.sts.commandCalls(AssumeRoleCommand).map((call) => call.args[0].input)).toEqual([
      { RoleArn: ROLE, RoleSessionName: 'monthly-report-2026-11', DurationSeconds: 900 },
    ]);
    expect(forAccount).toHaveBeenCalledWith('eu-west-1', expect.objectContaining({ accessKeyId: 'ASIAEXAMPLE', sessionToken: 'token' }));
    const html = String((mocks.s3.commandCalls(PutObjectCommand)[0].args[0].input as PutObjectCommand['input']).Body);
    const figure = (page: string, id: string) =>
      new RegExp(`data-figure="${id}"><span class="label">[^<]*</span><span class="value">([^<]*)<`).exec(page)?.[1];
    expect(Number(figure(html, 'open-critical'))).toBe(Number(figure(singleHtml, 'open-critical')) + 1);
    expect(html).toContain('the accounts production (111111111111), staging (222222222222), each in its home region');
    expect(single.month).toBe('2026-11');
  });

  test('a reader role that cannot be assumed fails the run, naming nothing it did not read', async () => {
    mocks.sts.on(AssumeRoleCommand).rejects(Object.assign(new Error('not authorized to perform sts:AssumeRole'), { name: 'AccessDenied' }));
    await expect(writeMonthlyReport({}, deps('en', { otherAccounts }))).rejects.toThrow('sts:AssumeRole');
    expect(mocks.s3.commandCalls(PutObjectCommand)).toHaveLength(0);
  });
});

describe('the month of a run', () => {
  test("is the month before today in the client's time zone", () => {
    // 31 December 23:30 UTC is already 1 January in Berlin: December is over there.
    expect(monthOfRun({}, new Date('2026-12-31T23:30:00Z'), 'Europe/Berlin')).toBe('2026-12');
    expect(monthOfRun({}, new Date('2026-12-31T23:30:00Z'), 'America/New_York')).toBe('2026-11');
    expect(monthOfRun(undefined, NOW, 'Europe/Berlin')).toBe('2026-11');
  });

  test('refuses a malformed or unfinished month, naming it', () => {
    expect(() => monthOfRun({ month: '2026-13' }, NOW, 'Europe/Berlin')).toThrow(/must be YYYY-MM.*"2026-13"/);
    expect(() => monthOfRun({ month: '2026-12' }, NOW, 'Europe/Berlin')).toThrow(/2026-12 has not ended yet in Europe\/Berlin/);
  });
});
