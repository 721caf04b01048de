import type { Language } from '../alerts/language';
import { budgetUseChart, findingsTrendChart, spendTrendChart } from './charts';
import type { MonthlyReport } from './model';
import { reportTexts } from './texts';

/**
 * The monthly report as one self-contained HTML page (inline CSS and SVG, no script, no external
 * resource) that reads in five minutes and prints on at most four A4 pages. Decisions come first:
 * they are what the managing director is asked for.
 */
export interface RenderOptions {
  /** The company name. */
  readonly client: string;
  readonly language: Language;
  /** When the page was made (`YYYY-MM-DD`). */
  readonly generatedOn: string;
  /** The name of the budget over the whole bill, drawn as a line on the spend chart. */
  readonly totalBudget?: { readonly name: string; readonly limitUsd: number };
  /** A display currency at a fixed rate, shown beside USD and stated as such on the page. */
  readonly displayCurrency?: { readonly code: string; readonly ratePerUsd: number };
  /**
   * Whose security, backup and change figures the page shows: one account in one region, or
   * every account of the client (each in its home region).
   */
  readonly coverage?: { readonly account: string; readonly region: string } | { readonly accounts: readonly string[] };
}

const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function renderReportHtml(report: MonthlyReport, options: RenderOptions): string {
  const t = reportTexts(options.language);
  const number = new Intl.NumberFormat(options.language === 'de' ? 'de-DE' : 'en-GB', {
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
  });
  const money = (usd: number) => {
    const base = `USD ${number.format(usd)}`;
    const display = options.displayCurrency;
    return display ? `${base} (${display.code} ${number.format(usd * display.ratePerUsd)})` : base;
  };
  const percentFormat = new Intl.NumberFormat(options.language === 'de' ? 'de-DE' : 'en-GB', { maximumFractionDigits: 1 });
  const percent = (value: number) => `${percentFormat.format(value)} %`;
  const signed = (usd: number) => `${usd > 0 ? '+' : usd < 0 ? '−' : '±'}${money(Math.abs(usd))}`;
  const figure = (label: string, value: string, id: string) =>
    `<div class="figure" data-figure="${id}"><span class="label">${escape(label)}</span><span class="value">${escape(value)}</span></div>`;
  const table = (headers: string[], rows: string[][], id: string) =>
    `<table data-table="${id}"><thead><tr>${headers.map((h) => `<th>${escape(h)}</th>`).join('')}</tr></thead><tbody>${rows
      .map((row) => `<tr>${row.map((cell) => `<td>${escape(cell)}</td>`).join('')}</tr>`)
      .join('')}</tbody></table>`;

  const spend = report.spend;
  const decisions =
    report.decisions.length === 0
      ? `<p>${escape(t.noDecisions)}</p>`
      : `<ol class="decisions">${report.decisions
          .map((decision) => {
            const words = t.decision(decision, money);
            return `<li data-decision="${decision.kind}"><strong>${escape(words.finding)}</strong> ${escape(words.action)}</li>`;
          })
          .join('')}</ol>`;

  const changePercent = spend.changePercent === undefined ? '' : ` (${spend.changePercent > 0 ? '+' : ''}${percent(spend.changePercent)})`;
  const sections = [
    `<section data-section="decisions"><h2>${escape(t.sections.decisions)}</h2>${decisions}</section>`,
    `<section data-section="spend"><h2>${escape(t.sections.spend)}</h2><div class="figures">${figure(t.total, money(spend.totalUsd), 'total')}${figure(
      t.previousMonth,
      money(spend.previousMonthUsd),
      'previous',
    )}${figure(t.change, `${signed(spend.changeUsd)}${changePercent}`, 'change')}${
      spend.forecastNextMonthUsd === undefined ? '' : figure(t.forecastNextMonth, money(spend.forecastNextMonthUsd), 'forecast')
    }</div>${spendTrendChart(spend.trend, options.totalBudget?.limitUsd, { title: t.chartSpend, budget: t.chartBudgetLine(options.totalBudget?.name ?? '') })}${
      spend.budgets.length === 0
        ? ''
        : budgetUseChart(spend.budgets, { title: t.chartBudgets }) +
          table(
            [t.budget, t.limit, t.spent, t.used],
            spend.budgets.map((b) => [
              b.name,
              money(b.limitUsd),
              b.actualUsd === undefined ? '-' : money(b.actualUsd),
              b.usedPercent === undefined ? '-' : percent(b.usedPercent),
            ]),
            'budgets',
          )
    }<div class="columns"><div><h3>${escape(t.topDrivers)}</h3>${table(
      [t.service, t.thisMonth, t.lastMonth],
      spend.topDrivers.map((d) => [d.service, money(d.usd), money(d.previousUsd)]),
      'drivers',
    )}</div><div><h3>${escape(t.biggestChanges)}</h3>${table(
      [t.service, t.change],
      spend.biggestChanges.map((d) => [d.service, signed(d.changeUsd)]),
      'changes',
    )}</div></div></section>`,
    `<section data-section="savings"><h2>${escape(t.sections.savings)}</h2><div class="figures">${figure(t.wasteTotal, money(report.savings.wasteUsd), 'waste')}${figure(
      t.wastePrevious,
      money(report.savings.previousWasteUsd),
      'waste-previous',
    )}</div>${
      report.savings.byType.length === 0
        ? ''
        : table(
            [t.resourceType, t.idleCount, t.perMonth],
            report.savings.byType.map((w) => [w.type, String(w.count), money(w.usd)]),
            'waste',
          )
    }</section>`,
    `<section data-section="security"><h2>${escape(t.sections.security)}</h2><div class="figures">${figure(t.openCritical, String(report.security.openCritical), 'open-critical')}${figure(
      t.openHigh,
      String(report.security.openHigh),
      'open-high',
    )}${figure(
      t.newFindings,
      Object.entries(report.security.newBySource)
        .map(([source, count]) => `${source} ${count}`)
        .join(', ') || t.none,
      'new-findings',
    )}${report.security.passedControlsPercent === undefined ? '' : figure(t.passedControls, percent(report.security.passedControlsPercent), 'passed-controls')}</div>${
      report.security.openTrend.length > 0
        ? findingsTrendChart(report.security.openTrend, { title: t.chartFindings, critical: t.critical, high: t.high })
        : ''
    }<h3>${escape(t.cisAlarms)}</h3>${
      report.security.cisAlarmsFired.length === 0
        ? `<p>${escape(t.none)}</p>`
        : `<ul>${report.security.cisAlarmsFired.map((a) => `<li data-alarm="${escape(a.alarm)}">${escape(a.alarm)}: ${a.times}×</li>`).join('')}</ul>`
    }</section>`,
    `<section data-section="resilience"><h2>${escape(t.sections.resilience)}</h2><div class="figures">${figure(
      t.backupJobs,
      `${report.resilience.backupJobsCompleted} ${t.completed}, ${report.resilience.backupJobsFailed} ${t.failed}`,
      'backups',
    )}${figure(t.copyJobs, `${report.resilience.copyJobsCompleted} ${t.completed}, ${report.resilience.copyJobsFailed} ${t.failed}`, 'copies')}${figure(
      t.lastRestoreTest,
      report.resilience.lastRestoreTest
        ? `${report.resilience.lastRestoreTest.date}: ${report.resilience.lastRestoreTest.status}${report.resilience.lastRestoreTest.resourceType ? ` (${report.resilience.lastRestoreTest.resourceType})` : ''}`
        : t.noRestoreTest,
      'restore-test',
    )}${figure(t.pastRetention, String(report.resilience.recoveryPointsPastRetention), 'past-retention')}</div></section>`,
    `<section data-section="changes"><h2>${escape(t.sections.changes)}</h2><h3>${escape(t.deployments)}</h3>${
      report.changes.deployments.length === 0
        ? `<p>${escape(t.noDeployments)}</p>`
        : table(
            ['', '', ''],
            report.changes.deployments.map((d) => [
              d.time.slice(0, 16).replace('T', ' '),
              d.stack,
              `${d.action}${d.by ? `, ${d.by}` : ''}`,
            ]),
            'deployments',
          )
    }${figure(t.configurationChanges, String(report.changes.configurationChanges), 'configuration-changes')}</section>`,
  ];
  const currency = options.displayCurrency
    ? `<p class="meta">${escape(t.currencyNote(options.displayCurrency.code, options.displayCurrency.ratePerUsd))}</p>`
    : '';
  const coverage = options.coverage
    ? `<p class="meta" data-meta="coverage">${escape(
        'accounts' in options.coverage
          ? t.coverageAll(options.coverage.accounts.join(', '))
          : t.coverage(options.coverage.account, options.coverage.region),
      )}</p>`
    : '';
  return `<!doctype html>
<html lang="${options.language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(t.title(options.client, report.month))}</title>
<style>
  :root { font-family: system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; color: #16191f; font-size: 11pt; line-height: 1.35; }
  body { margin: 24px auto; max-width: 820px; padding: 0 16px; }
  h1 { font-size: 1.5rem; margin: 0 0 4px; }
  h2 { font-size: 1.15rem; margin: 18px 0 8px; border-bottom: 2px solid #0972d3; padding-bottom: 2px; }
  h3 { font-size: 0.95rem; margin: 10px 0 4px; }
  p.meta { color: #5f6b7a; margin: 0 0 8px; font-size: 0.85rem; }
  .figures { display: flex; flex-wrap: wrap; gap: 8px 16px; margin: 6px 0 8px; }
  .figure { min-width: 150px; flex: 1 1 150px; }
  .figure .label { display: block; color: #5f6b7a; font-size: 0.8rem; }
  .figure .value { display: block; font-size: 1.05rem; font-weight: 600; overflow-wrap: anywhere; }
  .columns { display: flex; flex-wrap: wrap; gap: 16px; }
  .columns > div { flex: 1 1 300px; min-width: 0; }
  table { border-collapse: collapse; width: 100%; table-layout: fixed; font-size: 0.85rem; margin: 4px 0 8px; }
  th, td { border-bottom: 1px solid #d5dbdb; padding: 3px 6px; text-align: left; overflow-wrap: anywhere; }
  th { background: #f2f3f3; }
  svg.chart { display: block; width: 100%; height: auto; margin: 6px 0; }
  ol.decisions li { margin: 4px 0 8px; }
  @page { size: A4; margin: 14mm 14mm 16mm; }
  @media print {
    :root { font-size: 9.5pt; }
    body { margin: 0; max-width: none; padding: 0; }
    section { break-inside: auto; }
    h2, h3 { break-after: avoid; }
    svg.chart, table, .figures { break-inside: avoid; }
  }
</style>
</head>
<body>
<h1>${escape(t.title(options.client, report.month))}</h1>
<p class="meta">${escape(t.generated(options.generatedOn))}</p>
${currency}${coverage}
${sections.join('\n')}
</body>
</html>
`;
}
