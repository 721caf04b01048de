import { loadClientConfig } from '../../../../lib/core/config/load';
import { repoPath } from '../../../../lib/core/paths';
import type { ReportInputs } from '../../../../lib/core/report/inputs';
import { buildMonthlyReport } from '../../../../lib/core/report/model';
import { loadRecordedInputs } from '../../../../lib/core/report/recordings';
import { buildReportSummary } from '../../../../lib/core/report/summary';
import { reportTexts } from '../../../../lib/core/report/texts';
import { expectValidChatNotification } from '../../../support/chat-notification-schema';

const config = loadClientConfig('example');
const context = { month: '2026-11', budgets: config.finops.budgets, stackPrefix: 'Example-' };
const report = buildMonthlyReport(loadRecordedInputs(repoPath('recordings', 'example', '2026-11')), context);
const LINK =
  'https://eu-central-1.console.aws.amazon.com/s3/object/bucket?region=eu-central-1&bucketType=general&prefix=reports%2F2026%2Fexample-2026-11.html';
const summaryIn = (language: 'en' | 'de', r = report) =>
  buildReportSummary(r, { client: 'Example GmbH', language, consoleUrl: LINK, location: 's3://bucket/reports/2026/example-2026-11.html' });

describe('the notice that a report is ready', () => {
  test.each(['en', 'de'] as const)('in %s: the key figures of the report, its decisions and where to read it', (language) => {
    const summary = summaryIn(language);
    const money = (usd: number) =>
      `USD ${new Intl.NumberFormat(language === 'de' ? 'de-DE' : 'en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(usd)}`;
    expect(summary.message).toContain(money(report.spend.totalUsd));
    expect(summary.message).toContain(money(report.savings.wasteUsd));
    expect(summary.message).toContain(
      `${report.security.openCritical} ${reportTexts(language).critical}, ${report.security.openHigh} ${reportTexts(language).high}`,
    );
    expect(report.decisions.length).toBeGreaterThan(0);
    for (const decision of report.decisions) expect(summary.message).toContain(reportTexts(language).decision(decision, money).finding);
    expect(summary.message).toContain(LINK);
    expect(summary.chat.content.description).toContain(LINK);
    expect(summary.chat.content.nextSteps).toEqual(report.decisions.map((d) => reportTexts(language).decision(d, money).action));
    expectValidChatNotification(JSON.stringify(summary.chat));
    // SNS subjects: printable ASCII, one line, under 100 characters.
    expect(summary.subject).toMatch(/^[\x20-\x7e]{1,99}$/);
  });

  test('a month with nothing to decide says so, without next steps', () => {
    const empty: ReportInputs = {
      costByService: { ResultsByTime: [] },
      forecastNextMonth: {},
      budgetActuals: {},
      wasteThisMonth: {},
      wastePreviousMonth: {},
      findings: [],
      openFindingsByMonth: [],
      alarmHistory: [],
      backupJobs: [],
      copyJobs: [],
      restoreJobs: [],
      recoveryPoints: [],
      trailEvents: [],
    };
    const summary = summaryIn('en', buildMonthlyReport(empty, context));
    expect(summary.subject).toBe('Example GmbH: IT report 2026-11 is ready');
    expect(summary.message).toContain('Decisions: none needed');
    expect(summary.message).toContain('Last restore test: none yet');
    expect(summary.chat.content.nextSteps).toBeUndefined();
    expectValidChatNotification(JSON.stringify(summary.chat));
  });
});
