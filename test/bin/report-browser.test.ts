import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { main } from '../../bin/report';
import { loadClientConfig } from '../../lib/core/config/load';
import { buildMonthlyReport } from '../../lib/core/report/model';
import { loadRecordedInputs } from '../../lib/core/report/recordings';
import { renderReportHtml } from '../../lib/core/report/render-html';
import { reportTexts } from '../../lib/core/report/texts';
import { ROOT } from '../helpers';
import {
  A4_VIEWPORT,
  artifactsDir,
  type Browser,
  launchBrowser,
  overflowReport,
  pdfPageCount,
  screenshot,
  withPage,
} from '../support/browser';

/**
 * The monthly report as the managing director gets it, in a real headless Chromium
 * (@sparticuz/chromium from npm ci): `npm run report` writes it from the shipped recordings; it
 * renders without console errors, its charts are drawn, nothing overflows at A4 width, it prints
 * on at most four A4 pages, in English and in German, and the page's figures are the model's.
 * Screenshots of each printed page's height go to the test artifacts.
 */
const RECORDED = path.join(ROOT, 'recordings', 'example', '2026-11');
const config = loadClientConfig('example');
const report = buildMonthlyReport(loadRecordedInputs(RECORDED), {
  month: '2026-11',
  budgets: config.finops.budgets,
  stackPrefix: 'Example-',
});
const usd = (n: number, language: 'en' | 'de') =>
  `USD ${new Intl.NumberFormat(language === 'de' ? 'de-DE' : 'en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(n)}`;

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

test('npm run report writes the example report from the shipped recordings', async () => {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'report-'));
  const result = await main(
    ['--client', 'example', '--month', '2026-11', '--recorded', RECORDED, '--out', out],
    new Date('2026-12-02T06:00:00Z'),
  );
  expect(result).toEqual({ exitCode: 0, stdout: expect.stringContaining('4 decision(s), total USD 456.17'), stderr: '' });
  const html = fs.readFileSync(path.join(out, 'example-2026-11.html'), 'utf8');
  expect(html).toContain('<svg');
  expect(html).not.toMatch(/<script|<link|src=/i);
});

test.each([
  ['--month 2026-13', ['--month', '2026-13', '--recorded', RECORDED], /--month must be YYYY-MM/],
  ['--save-recording with --recorded', ['--month', '2026-11', '--recorded', RECORDED, '--save-recording', 'x'], /are for live reads/],
  ['live on an unfinished month', ['--month', '2099-01'], /has not ended yet/],
])('%s is a usage error', async (_what, argv, message) => {
  const result = await main(argv);
  expect(result.exitCode).toBe(2);
  expect(result.stderr).toMatch(message);
});

describe.each(['en', 'de'] as const)('the report in %s', (language) => {
  const t = reportTexts(language);
  const html = renderReportHtml(report, {
    client: config.client.displayName,
    language,
    generatedOn: '2026-12-02',
    totalBudget: { name: 'total', limitUsd: 500 },
  });

  test('renders without errors, with its charts drawn, nothing overflowing at A4 width, on at most four A4 pages', async () => {
    await withPage(browser, html, A4_VIEWPORT, async (page, consoleErrors) => {
      const charts = await page.$$eval('svg.chart', (svgs) =>
        svgs.map((svg) => ({
          chart: svg.getAttribute('data-chart'),
          width: svg.getBoundingClientRect().width,
          height: svg.getBoundingClientRect().height,
        })),
      );
      expect(charts.map((c) => c.chart)).toEqual(['spend', 'budgets', 'findings']);
      for (const chart of charts) {
        expect(chart.width).toBeGreaterThan(300);
        expect(chart.height).toBeGreaterThan(80);
      }
      // Every bar is drawn at its month's value: the tallest is the most expensive month.
      const bars = await page.$$eval('svg[data-chart="spend"] rect', (rects) =>
        rects.map((r) => ({
          month: r.getAttribute('data-month'),
          usd: Number(r.getAttribute('data-usd')),
          height: r.getBoundingClientRect().height,
        })),
      );
      expect(bars.map((b) => [b.month, b.usd])).toEqual(report.spend.trend.map((p) => [p.month, p.usd]));
      const tallest = [...bars].sort((a, b) => b.height - a.height)[0];
      expect(tallest.usd).toBe(Math.max(...report.spend.trend.map((p) => p.usd)));
      expect(await overflowReport(page)).toEqual({ document: 0, elements: [] });
      expect(consoleErrors).toEqual([]);
      const pages = await pdfPageCount(page, 'A4', { preferCSSPageSize: true });
      expect(pages).toBeGreaterThanOrEqual(1);
      expect(pages).toBeLessThanOrEqual(4);
      const height = (await page.evaluate('document.documentElement.scrollHeight')) as number;
      // One picture per A4 page height of the screen layout, and the whole page.
      for (let top = 0, index = 1; top < height; top += A4_VIEWPORT.height, index++) {
        const clip = { x: 0, y: top, width: A4_VIEWPORT.width, height: Math.min(A4_VIEWPORT.height, height - top) };
        await page.screenshot({
          path: path.join(artifactsDir(), `report-${language}-page-${index}.png`),
          clip,
          captureBeyondViewport: true,
        });
      }
      await screenshot(page, `report-${language}.png`);
    });
  });

  test('shows the model figures: totals, budgets, drivers, findings, backups and the decisions', async () => {
    await withPage(browser, html, A4_VIEWPORT, async (page) => {
      const figure = (id: string) => page.$eval(`[data-figure="${id}"] .value`, (el) => el.textContent);
      expect(await figure('total')).toBe(usd(report.spend.totalUsd, language));
      expect(await figure('previous')).toBe(usd(report.spend.previousMonthUsd, language));
      expect(await figure('forecast')).toBe(usd(report.spend.forecastNextMonthUsd!, language));
      expect(await figure('open-critical')).toBe(String(report.security.openCritical));
      expect(await figure('open-high')).toBe(String(report.security.openHigh));
      expect(await figure('backups')).toBe(
        `${report.resilience.backupJobsCompleted} ${t.completed}, ${report.resilience.backupJobsFailed} ${t.failed}`,
      );
      expect(await figure('waste')).toBe(usd(report.savings.wasteUsd, language));
      const drivers = await page.$$eval('[data-table="drivers"] tbody tr', (rows) =>
        rows.map((r) => [...r.querySelectorAll('td')].map((td) => td.textContent)),
      );
      expect(drivers).toEqual(report.spend.topDrivers.map((d) => [d.service, usd(d.usd, language), usd(d.previousUsd, language)]));
      const budgets = await page.$$eval('svg[data-chart="budgets"] rect', (rects) =>
        rects.map((r) => [r.getAttribute('data-budget'), Number(r.getAttribute('data-percent'))]),
      );
      expect(budgets).toEqual(report.spend.budgets.map((b) => [b.name, b.usedPercent]));
      const decisions = await page.$$eval('[data-decision]', (items) => items.map((li) => li.textContent));
      expect(decisions).toEqual(
        report.decisions.map((d) => {
          const words = t.decision(d, (n) => usd(n, language));
          return `${words.finding} ${words.action}`;
        }),
      );
    });
  });
});

test('a display currency at a fixed rate is shown beside USD and stated as fixed', async () => {
  const html = renderReportHtml(report, {
    client: config.client.displayName,
    language: 'de',
    generatedOn: '2026-12-02',
    displayCurrency: { code: 'EUR', ratePerUsd: 0.9 },
  });
  await withPage(browser, html, A4_VIEWPORT, async (page) => {
    const total = report.spend.totalUsd;
    expect(await page.$eval('[data-figure="total"] .value', (el) => el.textContent)).toBe(
      `${usd(total, 'de')} (EUR ${new Intl.NumberFormat('de-DE', { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(total * 0.9)})`,
    );
    expect(await page.$eval('p.meta:nth-of-type(2)', (el) => el.textContent)).toBe(reportTexts('de').currencyNote('EUR', 0.9));
    expect(await overflowReport(page)).toEqual({ document: 0, elements: [] });
  });
});

test('a brand-new account gives a sensible page, not a crash', async () => {
  const empty = buildMonthlyReport(loadRecordedInputs(fs.mkdtempSync(path.join(os.tmpdir(), 'report-empty-'))), {
    month: '2026-11',
    budgets: config.finops.budgets,
    stackPrefix: 'Example-',
  });
  const html = renderReportHtml(empty, { client: 'New GmbH', language: 'de', generatedOn: '2026-12-02' });
  await withPage(browser, html, A4_VIEWPORT, async (page, consoleErrors) => {
    expect(await page.$eval('[data-section="decisions"] p', (p) => p.textContent)).toBe(reportTexts('de').noDecisions);
    expect(await page.$eval('[data-figure="restore-test"] .value', (el) => el.textContent)).toBe(reportTexts('de').noRestoreTest);
    expect(await overflowReport(page)).toEqual({ document: 0, elements: [] });
    expect(consoleErrors).toEqual([]);
    expect(await pdfPageCount(page, 'A4', { preferCSSPageSize: true })).toBeLessThanOrEqual(4);
  });
});
