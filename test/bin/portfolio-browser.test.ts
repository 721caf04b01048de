import { loadClients } from '../../bin/portfolio';
import { portfolioRows } from '../../lib/core/portfolio/portfolio';
import { renderHtml, rowCells, totalCells } from '../../lib/core/portfolio/render';
import { CLIENT_DIRS } from '../helpers';
import {
  A4_VIEWPORT,
  type Browser,
  horizontalOverflow,
  launchBrowser,
  overflowReport,
  pdfPageCount,
  screenshot,
  withPage,
} from '../support/browser';

/**
 * The portfolio page in a real headless Chromium (from @sparticuz/chromium, installed by npm ci):
 * it renders without errors, nothing overflows on a laptop screen or an A4 page, and every figure
 * in the page is the table's figure for that client.
 */
const rows = portfolioRows(CLIENT_DIRS.flatMap(loadClients));
const html = renderHtml(rows, '2026-12-07');

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe.each([
  ['a laptop screen', { width: 1280, height: 800 }],
  ['an A4 page', A4_VIEWPORT],
])('the portfolio page of every client and fixture on %s', (what, viewport) => {
  test('renders without console errors, nothing overflows, and each row shows the table figures', async () => {
    await withPage(browser, html, viewport, async (page, consoleErrors) => {
      const shown = await page.$$eval('tbody tr', (trs) =>
        trs.map((tr) => ({
          client: tr.getAttribute('data-client'),
          cells: [...tr.querySelectorAll('td')].map((td) => td.textContent ?? ''),
        })),
      );
      expect(shown).toEqual([
        ...rows.map((row) => ({ client: row.client, cells: rowCells(row) })),
        { client: null, cells: totalCells(rows) },
      ]);
      const table = await page.$eval('table', (element) => element.getBoundingClientRect().height);
      expect(table).toBeGreaterThan(rows.length * 20);
      expect(await overflowReport(page)).toEqual({ document: 0, elements: [] });
      expect(await horizontalOverflow(page)).toBe(0);
      expect(consoleErrors).toEqual([]);
      await screenshot(page, `portfolio-${what.replace(/\W+/g, '-')}.png`);
    });
  });
});

test('prints on landscape A4, a page for every 12 clients at most', async () => {
  await withPage(browser, html, A4_VIEWPORT, async (page) => {
    const pages = await pdfPageCount(page, 'A4', { preferCSSPageSize: true });
    expect(pages).toBeGreaterThanOrEqual(1);
    expect(pages).toBeLessThanOrEqual(Math.ceil(rows.length / 12));
  });
});
