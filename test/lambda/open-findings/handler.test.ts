import { CloudWatchClient, PutMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { GetFindingsCommand, SecurityHubClient, type AwsSecurityFinding, type SeverityLabel } from '@aws-sdk/client-securityhub';
import { Logger } from '@aws-lambda-powertools/logger';
import { mockClient } from 'aws-sdk-client-mock';
import { createHandler } from '../../../lambda/open-findings/handler';
import { countBySeverity, MAX_PAGES, OPEN_FINDINGS_FILTERS } from '../../../lambda/open-findings/count';

/** A finding as GetFindings returns it (AWS Security Finding Format; the fields the count reads and a few around them). */
function finding(id: string, label: SeverityLabel): AwsSecurityFinding {
  return {
    SchemaVersion: '2018-10-08',
    Id: `arn:aws:securityhub:eu-central-1:111111111111:subscription/aws-foundational-security-best-practices/v/1.0.0/S3.8/finding/${id}`,
    ProductArn: 'arn:aws:securityhub:eu-central-1::product/aws/securityhub',
    GeneratorId: 'aws-foundational-security-best-practices/v/1.0.0/S3.8',
    AwsAccountId: '111111111111',
    Types: ['Software and Configuration Checks/Industry and Regulatory Standards/AWS-Foundational-Security-Best-Practices'],
    CreatedAt: '2026-11-30T10:00:00.000Z',
    UpdatedAt: '2026-12-06T10:00:00.000Z',
    Severity: { Label: label, Normalized: label === 'CRITICAL' ? 90 : 70, Original: label },
    Title: 'S3 general purpose buckets should block public access',
    Description: 'This control checks whether an Amazon S3 general purpose bucket blocks public access.',
    Resources: [{ Type: 'AwsS3Bucket', Id: 'arn:aws:s3:::example-bucket' }],
    Workflow: { Status: 'NEW' },
    RecordState: 'ACTIVE',
  };
}

const securityHub = mockClient(SecurityHubClient);
const cloudWatch = mockClient(CloudWatchClient);
const NOW = new Date('2026-12-07T05:30:00Z');
const handler = createHandler({
  securityHub: new SecurityHubClient({ region: 'eu-central-1' }),
  cloudWatch: new CloudWatchClient({ region: 'eu-central-1' }),
  now: () => NOW,
  logger: new Logger({ logLevel: 'SILENT' }),
});

beforeEach(() => {
  securityHub.reset();
  cloudWatch.reset();
  cloudWatch.on(PutMetricDataCommand).resolves({});
});

describe('the open-findings counter', () => {
  test('asks Security Hub for active, NEW or NOTIFIED, high or critical findings only', async () => {
    securityHub.on(GetFindingsCommand).resolves({ Findings: [] });
    await handler();
    const input = securityHub.commandCalls(GetFindingsCommand)[0].args[0].input;
    expect(input.Filters).toEqual(OPEN_FINDINGS_FILTERS);
    expect(input.Filters?.WorkflowStatus?.map((f) => f.Value)).toEqual(['NEW', 'NOTIFIED']);
    expect(input.Filters?.SeverityLabel?.map((f) => f.Value)).toEqual(['CRITICAL', 'HIGH']);
    expect(input.MaxResults).toBe(100);
  });

  test('counts across pages and publishes both severities, zeros included', async () => {
    securityHub
      .on(GetFindingsCommand)
      .resolvesOnce({ Findings: [finding('a', 'CRITICAL'), finding('b', 'HIGH')], NextToken: 'page-2' })
      .resolvesOnce({ Findings: [finding('c', 'HIGH')] });
    const summary = await handler();
    expect(summary).toEqual({ counts: { CRITICAL: 1, HIGH: 2 }, pages: 2, truncated: false });
    const put = cloudWatch.commandCalls(PutMetricDataCommand)[0].args[0].input;
    expect(put.Namespace).toBe('LandingZone/Security');
    expect(put.MetricData).toEqual([
      { MetricName: 'OpenFindings', Dimensions: [{ Name: 'Severity', Value: 'CRITICAL' }], Timestamp: NOW, Value: 1, Unit: 'Count' },
      { MetricName: 'OpenFindings', Dimensions: [{ Name: 'Severity', Value: 'HIGH' }], Timestamp: NOW, Value: 2, Unit: 'Count' },
    ]);
  });

  test(`stops after ${MAX_PAGES} pages and says the counts are lower bounds`, async () => {
    securityHub.on(GetFindingsCommand).resolves({ Findings: [finding('x', 'HIGH')], NextToken: 'more' });
    const summary = await handler();
    expect(summary).toEqual({ counts: { CRITICAL: 0, HIGH: MAX_PAGES }, pages: MAX_PAGES, truncated: true });
  });

  test('a failed read fails the run (the function alarms) and publishes nothing', async () => {
    securityHub.on(GetFindingsCommand).rejects(new Error('AccessDeniedException'));
    await expect(handler()).rejects.toThrow('AccessDeniedException');
    expect(cloudWatch.commandCalls(PutMetricDataCommand)).toHaveLength(0);
  });

  test('countBySeverity ignores other labels and findings without one', () => {
    expect(countBySeverity([{ Severity: { Label: 'MEDIUM' } }, {}, { Severity: { Label: 'CRITICAL' } }])).toEqual({ CRITICAL: 1, HIGH: 0 });
  });
});
