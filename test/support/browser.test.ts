import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  A4_VIEWPORT,
  type Browser,
  countPdfPages,
  ensureChromium,
  horizontalOverflow,
  launchBrowser,
  overflowReport,
  type Page,
  pdfPageCount,
  screenshot,
  withPage,
} from './browser';

const page = (body: string, style = '') =>
  `<!DOCTYPE html><html><head><meta charset="utf-8"><style>${style}</style></head><body>${body}</body></html>`;

/** The families Chromium actually drew the text of `selector` with (not what the CSS asked for). */
async function renderedFonts(p: Page, selector: string): Promise<{ familyName: string; glyphCount: number }[]> {
  const cdp = await p.createCDPSession();
  await cdp.send('DOM.enable');
  await cdp.send('CSS.enable');
  const { root } = await cdp.send('DOM.getDocument');
  const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector });
  const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
  await cdp.detach();
  return fonts;
}

describe('headless Chromium from @sparticuz/chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  test('is the package’s headless shell', async () => {
    expect(await browser.version()).toMatch(/^HeadlessChrome\/148\./);
  });

  test('a 3,000px-wide table overflows an A4-wide viewport, and the report names it', async () => {
    const html = page(
      `<table class="costs" style="width:3000px"><tr><td>service</td><td>cost</td></tr></table>`,
      'body { margin: 8px } table { border-collapse: collapse }',
    );
    await withPage(browser, html, A4_VIEWPORT, async (p, consoleErrors) => {
      // 8px of body margin, then 3,000px of table: the root scrolls by 3008 - 794, and the table
      // reaches 3008 - (794 - 8) past the right edge of the body's content box.
      const report = await overflowReport(p);
      expect(report.document).toBe(3008 - 794);
      expect(report.elements[0]).toEqual({ element: 'table.costs', overflow: 3008 - (794 - 8) });
      expect(await horizontalOverflow(p)).toBe(3008 - (794 - 8));
      expect(consoleErrors).toEqual([]);
    });
  });

  test('a page that fits reports no overflow', async () => {
    const rows = Array.from({ length: 20 }, (_, i) => `<tr><td>account-${i}</td><td>${(i * 12.5).toFixed(2)} USD</td></tr>`).join('');
    const html = page(`<h1>Costs</h1><table style="width:100%">${rows}</table><p>${'A sentence that wraps. '.repeat(40)}</p>`);
    await withPage(browser, html, A4_VIEWPORT, async (p) => {
      expect(await horizontalOverflow(p)).toBe(0);
      expect(await overflowReport(p)).toEqual({ document: 0, elements: [] });
    });
  });

  test('a long unbreakable word overflows its cell even when the table itself fits', async () => {
    const html = page(`<div style="width:300px"><p id="arn">arn:aws:iam::123456789012:role/${'x'.repeat(120)}</p></div>`);
    await withPage(browser, html, A4_VIEWPORT, async (p) => {
      const report = await overflowReport(p);
      expect(report.document).toBeGreaterThan(0);
      expect(report.elements.map((e) => e.element)).toContain('p#arn');
      expect(await horizontalOverflow(p)).toBeGreaterThan(0);
    });
  });

  test('script errors, console.error and unhandled rejections reach consoleErrors', async () => {
    const html = page(
      `<p>report</p><script>console.error('chart data missing'); Promise.reject(new Error('async boom')); undefinedFunction();</script>`,
    );
    await withPage(browser, html, A4_VIEWPORT, async (_p, consoleErrors) => {
      expect(consoleErrors).toEqual(
        expect.arrayContaining([
          'console.error: chart data missing',
          expect.stringMatching(/^uncaught: .*undefinedFunction is not defined/),
          expect.stringMatching(/^uncaught: .*async boom/),
        ]),
      );
    });
  });

  test('a page without errors leaves consoleErrors empty', async () => {
    await withPage(
      browser,
      page('<p>ok</p><script>console.log("fine"); console.warn("just a warning")</script>'),
      A4_VIEWPORT,
      async (_p, errors) => {
        expect(errors).toEqual([]);
      },
    );
  });

  test('requests for anything not inline are blocked and reported', async () => {
    const html = page('<img src="https://cdn.example.com/logo.png"><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">');
    await withPage(browser, html, A4_VIEWPORT, async (_p, consoleErrors) => {
      expect(consoleErrors).toContain('blocked request (the page must be self-contained): https://cdn.example.com/logo.png');
      expect(consoleErrors.filter((e) => e.startsWith('blocked request'))).toHaveLength(1);
    });
  });

  test('an inline SVG chart is laid out and painted', async () => {
    const bars = [40, 120, 80]
      .map((h, i) => `<rect class="bar" x="${20 + i * 60}" y="${150 - h}" width="40" height="${h}" fill="#1f77b4"/>`)
      .join('');
    const html = page(`<h2>Monthly cost</h2><svg id="chart" viewBox="0 0 200 150" width="400" height="300">${bars}</svg>`);
    await withPage(browser, html, A4_VIEWPORT, async (p) => {
      const chart = await p.$('svg#chart');
      const box = await chart!.boundingBox();
      expect(box).toEqual(expect.objectContaining({ width: 400, height: 300 }));
      const bar = await p.$$('rect.bar');
      expect(bar).toHaveLength(3);
      const tallest = await bar[1]!.boundingBox();
      expect(tallest!.width).toBeGreaterThan(0);
      expect(tallest!.height).toBe(240);
      // The element drawn at the bar's centre is the bar: nothing hides it.
      const hit = await p.evaluate(
        `document.elementFromPoint(${tallest!.x + tallest!.width / 2}, ${tallest!.y + tallest!.height / 2}) === document.querySelectorAll('rect.bar')[1]`,
      );
      expect(hit).toBe(true);
    });
  });

  test.each([
    { name: 'one short section', body: '<section>total: 42 USD</section>', pages: 1 },
    { name: 'a block 1.4 A4 pages tall', body: '<div style="height:1572px">tall</div>', pages: 2 },
    {
      name: 'three sections that each end with a page break',
      body: '<section class="break">a</section>'.repeat(2) + '<section>c</section>',
      pages: 3,
    },
  ])('$name prints to $pages A4 PDF page(s)', async ({ body, pages }) => {
    const html = page(body, '@page { size: A4; margin: 0 } body { margin: 0 } .break { break-after: page }');
    await withPage(browser, html, A4_VIEWPORT, async (p) => {
      expect(await pdfPageCount(p, 'A4')).toBe(pages);
    });
  });

  test('countPdfPages refuses what is not a PDF', () => {
    expect(() => countPdfPages(new TextEncoder().encode('<html>'))).toThrow('not a PDF');
  });

  test('screenshot writes a full-page PNG into TEST_ARTIFACTS_DIR', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'browser-test-artifacts-'));
    const before = process.env.TEST_ARTIFACTS_DIR;
    process.env.TEST_ARTIFACTS_DIR = dir;
    try {
      const html = page('<div style="height:2000px;background:linear-gradient(#fff,#1f77b4)">tall</div>', 'body { margin: 0 }');
      const file = await withPage(browser, html, A4_VIEWPORT, (p) => screenshot(p, 'tall page'));
      expect(file).toBe(join(dir, 'tall_page.png'));
      const png = readFileSync(file);
      expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
      // IHDR: width and height, big-endian, at bytes 16 and 20; full page, not just the viewport.
      expect(png.readUInt32BE(16)).toBe(794);
      expect(png.readUInt32BE(20)).toBe(2000);
    } finally {
      if (before === undefined) delete process.env.TEST_ARTIFACTS_DIR;
      else process.env.TEST_ARTIFACTS_DIR = before;
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('text renders with the bundled Open Sans, whatever family the page asks for', async () => {
    const html = page('<p id="sans" style="font-family:sans-serif">Kosten</p><p id="mono" style="font-family:monospace">i-0abc</p>');
    await withPage(browser, html, A4_VIEWPORT, async (p) => {
      expect((await renderedFonts(p, '#sans')).map((f) => f.familyName)).toEqual(['Open Sans']);
      expect((await renderedFonts(p, '#mono')).map((f) => f.familyName)).toEqual(['Open Sans']);
    });
  });
});

describe('on a machine without NSS, NSPR or expat', () => {
  test('the package’s Amazon Linux 2023 copies stand in for them', async () => {
    const files = await ensureChromium();
    const ldd = execFileSync('ldd', [files.executablePath], {
      encoding: 'utf8',
      env: { ...process.env, LD_LIBRARY_PATH: files.libraryDir },
    });
    for (const lib of ['libnss3.so', 'libnssutil3.so', 'libnspr4.so', 'libplc4.so', 'libplds4.so', 'libexpat.so.1']) {
      expect(ldd).toContain(`${lib} => ${join(files.libraryDir, lib)}`);
    }
    const browser = await launchBrowser({ libraries: 'bundled', fonts: 'system' });
    try {
      await withPage(browser, page('<p id="t">system fonts</p>'), A4_VIEWPORT, async (p, errors) => {
        expect((await renderedFonts(p, '#t'))[0]!.glyphCount).toBeGreaterThan(0);
        expect(await pdfPageCount(p)).toBe(1);
        expect(errors).toEqual([]);
      });
    } finally {
      await browser.close();
    }
  });
});

describe('a local Chrome or Chromium given by CHROMIUM_PATH (macOS, arm64)', () => {
  test('is launched instead of the package binary, and renders', async () => {
    const { executablePath } = await ensureChromium();
    const saved = process.env.CHROMIUM_PATH;
    // The unpacked package binary stands in for a local browser here.
    process.env.CHROMIUM_PATH = executablePath;
    try {
      const local = await launchBrowser();
      try {
        expect(local.process()?.spawnfile).toBe(executablePath);
        await withPage(local, page('<p>ok</p>'), A4_VIEWPORT, async (p, errors) => {
          expect(await p.$eval('p', (el) => el.textContent)).toBe('ok');
          expect(errors).toEqual([]);
        });
      } finally {
        await local.close();
      }
    } finally {
      if (saved === undefined) delete process.env.CHROMIUM_PATH;
      else process.env.CHROMIUM_PATH = saved;
    }
  });
});
