/**
 * A real headless Chromium for tests that open the self-contained HTML pages the project generates.
 *
 * The browser comes with `npm ci` alone: @sparticuz/chromium ships a chrome-headless-shell build
 * (x64 only) inside the package, brotli-compressed, and puppeteer-core drives it. Both are pinned to
 * Chromium 148 (puppeteer-core 24.43.1 is the release for Chrome 148, and the last whose CommonJS
 * build Jest can load on Node.js 22: 25.x is ESM only).
 *
 *   const browser = await launchBrowser(); // beforeAll
 *   await withPage(browser, html, A4_VIEWPORT, async (page, consoleErrors) => { ... });
 *   await browser.close(); // afterAll
 *
 * The binary is unpacked once per machine (and package version) into the temporary directory; see
 * `ensureChromium` for how, and `launchBrowser` for the flags, shared libraries and fonts.
 */
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import chromium from '@sparticuz/chromium';
import puppeteer from 'puppeteer-core';
import type { Browser, Page, PaperFormat, PDFOptions } from 'puppeteer-core';

export type { Browser, Page } from 'puppeteer-core';

export interface Viewport {
  width: number;
  height: number;
}

/** A4 at 96 CSS pixels per inch (210 mm × 297 mm): what a report must fit on screen and in print. */
export const A4_VIEWPORT: Viewport = { width: 794, height: 1123 };

export interface LaunchOptions {
  /**
   * Fonts the pages render with. 'bundled' (the default): only Open Sans, shipped in the package,
   * for every family (sans-serif, serif and monospace alike), so widths, line breaks and page counts
   * are the same on every machine that ran `npm ci`; it covers Latin, Greek and Cyrillic, not emoji
   * or most symbols (✓, →), which render as empty boxes. 'system': the machine's fontconfig setup
   * (on Debian, the DejaVu fonts of fonts-dejavu-core), closer to what a person sees there.
   */
  fonts?: 'bundled' | 'system';
  /**
   * Where the browser's shared libraries outside glibc (NSS, NSPR, expat) come from. 'auto' (the
   * default): the system's, unless `ldd` reports one missing, then the copies the package ships
   * for Amazon Linux 2023. 'bundled' and 'system' force one or the other.
   */
  libraries?: 'auto' | 'bundled' | 'system';
}

export interface ChromiumFiles {
  /** The package's version, which names the cache directory. */
  version: string;
  /** The directory the package's files were unpacked into. */
  dir: string;
  executablePath: string;
  /** NSS, NSPR and expat built for Amazon Linux 2023 (al2023.tar.br), for machines without them. */
  libraryDir: string;
  /** A fontconfig file that lists Open Sans (fonts.tar.br) and nothing else. */
  bundledFontsConfig: string;
}

/** The files `ensureChromium` unpacks; a cache directory without one of them is unpacked again. */
const REQUIRED_FILES = ['chromium', 'al2023/lib/libnss3.so', 'fonts/fonts/Open_Sans/OpenSans-Regular.ttf', 'libGLESv2.so', 'fonts.conf'];

let unpacked: Promise<ChromiumFiles> | undefined;

/**
 * Unpacks the package's Chromium, its fonts, SwiftShader and its Amazon Linux 2023 libraries into
 * `<tmpdir>/sparticuz-chromium-<version>-<uid>`, once: later calls, other Jest workers and later
 * runs reuse it (about 210 MB; a few seconds to unpack).
 *
 * The package's own `executablePath()` unpacks into the temporary directory itself and trusts
 * whatever `/tmp/chromium` is there, of any version, even one half written by a parallel worker.
 * So here it runs in a child process (the package's ES module build, which also exports `inflate`
 * for the libraries) whose TMPDIR is a private staging directory, renamed into place when complete:
 * a worker that loses the race drops its copy and uses the winner's.
 */
export function ensureChromium(): Promise<ChromiumFiles> {
  unpacked ??= unpack().catch((error: unknown) => {
    unpacked = undefined;
    throw error;
  });
  return unpacked;
}

async function unpack(): Promise<ChromiumFiles> {
  // build/cjs/index.cjs, the package's `require` entry point.
  const packageDir = resolve(dirname(require.resolve('@sparticuz/chromium')), '..', '..');
  const version = (JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as { version: string }).version;
  const uid = process.getuid?.() ?? 'user';
  const dir = join(tmpdir(), `sparticuz-chromium-${version}-${uid}`);
  const files: ChromiumFiles = {
    version,
    dir,
    executablePath: join(dir, 'chromium'),
    libraryDir: join(dir, 'al2023', 'lib'),
    bundledFontsConfig: join(dir, 'fonts.conf'),
  };
  if (isComplete(dir)) return files;

  removeAbandonedStaging(dir);
  const staging = `${dir}.partial-${process.pid}-${Math.random().toString(36).slice(2)}`;
  mkdirSync(staging, { recursive: true });
  try {
    const script = [
      `const { default: chromium, inflate } = await import(${JSON.stringify(pathToFileURL(join(packageDir, 'build', 'esm', 'index.mjs')).href)});`,
      `const bin = ${JSON.stringify(join(packageDir, 'bin'))};`,
      `await Promise.all([chromium.executablePath(bin), inflate(bin + '/al2023.tar.br')]);`,
    ].join('\n');
    await new Promise<void>((done, fail) => {
      execFile(
        process.execPath,
        ['--input-type=module', '--eval', script],
        { env: { ...process.env, TMPDIR: staging }, maxBuffer: 16 * 1024 * 1024 },
        (error, _stdout, stderr) => (error ? fail(new Error(`Unpacking @sparticuz/chromium failed: ${error.message}\n${stderr}`)) : done()),
      );
    });
    writeFileSync(
      join(staging, 'fonts.conf'),
      [
        '<?xml version="1.0"?>',
        '<!DOCTYPE fontconfig SYSTEM "fonts.dtd">',
        '<fontconfig>',
        `  <dir>${join(dir, 'fonts', 'fonts')}</dir>`,
        `  <cachedir>${join(dir, 'fontconfig-cache')}</cachedir>`,
        '</fontconfig>',
        '',
      ].join('\n'),
    );
    if (!isComplete(staging)) throw new Error(`Unpacking @sparticuz/chromium into ${staging} left out one of ${REQUIRED_FILES.join(', ')}`);
    if (existsSync(dir) && !isComplete(dir)) rmSync(dir, { recursive: true, force: true });
    try {
      renameSync(staging, dir);
    } catch (error) {
      // Another worker renamed its copy into place first.
      if (!isComplete(dir)) throw error;
    }
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
  return files;
}

function isComplete(dir: string): boolean {
  return REQUIRED_FILES.every((file) => existsSync(join(dir, file)));
}

/** Staging directories whose process is gone (killed while unpacking): 210 MB each otherwise. */
function removeAbandonedStaging(dir: string): void {
  const prefix = `${basename(dir)}.partial-`;
  for (const name of readdirSync(dirname(dir))) {
    if (!name.startsWith(prefix)) continue;
    const pid = Number(name.slice(prefix.length).split('-')[0]);
    if (Number.isInteger(pid) && pid !== process.pid && !isAlive(pid)) rmSync(join(dirname(dir), name), { recursive: true, force: true });
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The shared libraries the dynamic loader cannot find for `executable`, as `ldd` reports them. */
export function missingLibraries(executable: string, env: NodeJS.ProcessEnv = process.env): string[] {
  const output = execFileSync('ldd', [executable], { encoding: 'utf8', env });
  return output
    .split('\n')
    .filter((line) => line.includes('=> not found'))
    .map((line) => line.trim().split(/\s+/)[0]!);
}

/**
 * The flags: @sparticuz/chromium's own (headless shell, no sandbox: the tests run as root; no zygote;
 * SwiftShader for WebGL), less `--single-process`, with which the browser dies as soon as a page
 * opens in a second browser context (every `withPage` makes one); plus no component updates and no
 * QUIC, since the machines reach no host but the package registries.
 */
export function chromiumArgs(): string[] {
  return [...chromium.args.filter((arg) => arg !== '--single-process'), '--disable-component-update', '--disable-quic'];
}

/**
 * Starts headless Chromium, one per test file: launch it in `beforeAll` and close it in `afterAll`.
 * The first launch on a machine also unpacks the binary (a few seconds); jest.config.js sets no time
 * limit that this could break. Puppeteer's own time limits are off too (launch, protocol calls, and
 * each page's waits), so a busy machine slows the tests down instead of failing them.
 */
export async function launchBrowser(options: LaunchOptions = {}): Promise<Browser> {
  // @sparticuz/chromium is a Linux x64 binary (as CI has); elsewhere (macOS, arm64) a local
  // Chrome or Chromium given by CHROMIUM_PATH runs the same checks, with the machine's fonts.
  const local = process.env.CHROMIUM_PATH;
  if (local) {
    return puppeteer.launch({
      executablePath: local,
      args: chromiumArgs(),
      headless: 'shell',
      pipe: true,
      defaultViewport: null,
      timeout: 0,
      protocolTimeout: 0,
    });
  }
  const files = await ensureChromium();
  const env: Record<string, string | undefined> = { ...process.env };
  const libraries = options.libraries ?? 'auto';
  if (libraries === 'bundled' || (libraries === 'auto' && lddReportsMissing(files.executablePath))) {
    env.LD_LIBRARY_PATH = [files.libraryDir, env.LD_LIBRARY_PATH].filter(Boolean).join(':');
  }
  if ((options.fonts ?? 'bundled') === 'bundled') {
    env.FONTCONFIG_FILE = files.bundledFontsConfig;
    delete env.FONTCONFIG_PATH;
  }
  return puppeteer.launch({
    executablePath: files.executablePath,
    args: chromiumArgs(),
    headless: 'shell',
    pipe: true,
    env,
    defaultViewport: null,
    timeout: 0,
    protocolTimeout: 0,
  });
}

function lddReportsMissing(executable: string): boolean {
  try {
    return missingLibraries(executable).length > 0;
  } catch {
    // No ldd on the machine: the bundled copies are the ones known to be there.
    return true;
  }
}

/**
 * Opens `html` in a new page of its own browser context (no state shared with other tests) at
 * `viewport`, waits for it to load and for its fonts, then runs `fn` and closes the page.
 *
 * `consoleErrors` collects, as they happen: console.error messages, uncaught errors and unhandled
 * rejections in the page, and every request the page makes for anything not inline (`data:`,
 * `blob:` or `about:`): those are blocked, since a report must be self-contained.
 */
export async function withPage<T>(
  browser: Browser,
  html: string,
  viewport: Viewport,
  fn: (page: Page, consoleErrors: string[]) => Promise<T>,
): Promise<T> {
  const context = await browser.createBrowserContext();
  try {
    const page = await context.newPage();
    page.setDefaultTimeout(0);
    page.setDefaultNavigationTimeout(0);
    const consoleErrors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(`console.error: ${message.text()}`);
    });
    page.on('pageerror', (error) => {
      consoleErrors.push(`uncaught: ${error instanceof Error ? error.message : String(error)}`);
    });
    await page.setRequestInterception(true);
    page.on('request', (request) => {
      if (/^(data|blob|about):/.test(request.url())) {
        void request.continue();
      } else {
        consoleErrors.push(`blocked request (the page must be self-contained): ${request.url()}`);
        void request.abort('blockedbyclient');
      }
    });
    await page.setViewport({ ...viewport, deviceScaleFactor: 1 });
    await page.setContent(html, { waitUntil: 'load' });
    await page.evaluate('document.fonts.ready.then(() => undefined)');
    return await fn(page, consoleErrors);
  } finally {
    await context.close();
  }
}

export interface Overflow {
  /** How far the page scrolls sideways: `scrollWidth - clientWidth` of the root element. */
  document: number;
  /**
   * The elements whose box reaches past their parent's right edge, or whose content reaches past
   * their own (a long word in a cell, a table in a scrolling wrapper), widest first, at most 10:
   * `{ element: 'table.costs', overflow: 2206 }`.
   */
  elements: { element: string; overflow: number }[];
}

const OVERFLOW_SCRIPT = `(() => {
  const describe = (el) => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + [...el.classList].map((c) => '.' + c).join('');
  const root = document.documentElement;
  const elements = [];
  for (const el of document.body ? document.body.querySelectorAll('*') : []) {
    const box = el.getBoundingClientRect();
    if (box.width === 0 && box.height === 0) continue;
    const parent = el.parentElement.getBoundingClientRect();
    const overflow = Math.max(box.right - parent.right, el.scrollWidth - el.clientWidth);
    if (overflow >= 1) elements.push({ element: describe(el), overflow: Math.floor(overflow) });
  }
  elements.sort((a, b) => b.overflow - a.overflow);
  return { document: Math.max(0, root.scrollWidth - root.clientWidth), elements: elements.slice(0, 10) };
})()`;

/** What overflows sideways, for an assertion message: see `horizontalOverflow`. */
export async function overflowReport(page: Page): Promise<Overflow> {
  return (await page.evaluate(OVERFLOW_SCRIPT)) as Overflow;
}

/**
 * How many CSS pixels the page is too wide for its viewport: the largest of the root element's
 * `scrollWidth - clientWidth` and the overflow of the widest element that overflows its parent
 * (see `Overflow`); 0 when nothing overflows by a whole pixel.
 */
export async function horizontalOverflow(page: Page): Promise<number> {
  const report = await overflowReport(page);
  return Math.max(report.document, ...report.elements.map((e) => e.overflow));
}

/** Prints the page (print media, backgrounds on) and returns the PDF. */
export async function printPdf(
  page: Page,
  format: PaperFormat = 'A4',
  options: Omit<PDFOptions, 'format' | 'path'> = {},
): Promise<Uint8Array> {
  return page.pdf({ printBackground: true, ...options, format });
}

/** How many pages the page prints to on `format` paper. */
export async function pdfPageCount(
  page: Page,
  format: PaperFormat = 'A4',
  options: Omit<PDFOptions, 'format' | 'path'> = {},
): Promise<number> {
  return countPdfPages(await printPdf(page, format, options));
}

/**
 * The page objects (`/Type /Page`) of a PDF as Chromium writes it: plain dictionaries, with only the
 * content streams compressed. Throws on a PDF with none (one that keeps them in object streams).
 */
export function countPdfPages(pdf: Uint8Array): number {
  const text = Buffer.from(pdf).toString('latin1');
  if (!text.startsWith('%PDF-')) throw new Error('not a PDF');
  const pages = text.match(/\/Type\s*\/Page(?![A-Za-z])/g)?.length ?? 0;
  if (pages === 0) throw new Error('no /Type /Page objects in this PDF (object streams?): cannot count its pages');
  return pages;
}

/**
 * The directory screenshots go to: TEST_ARTIFACTS_DIR when set (CI can keep it), otherwise
 * `<tmpdir>/landing-zone-test-artifacts`.
 */
export function artifactsDir(): string {
  return process.env.TEST_ARTIFACTS_DIR ?? join(tmpdir(), 'landing-zone-test-artifacts');
}

/** Saves a full-page PNG of the page as `file` (a name, `.png` added if missing) in `artifactsDir()`; returns its path. */
export async function screenshot(page: Page, file: string): Promise<string> {
  const dir = artifactsDir();
  mkdirSync(dir, { recursive: true });
  const name = basename(file).replace(/[^\w.-]/g, '_');
  const path = join(dir, name.endsWith('.png') ? name : `${name}.png`);
  await page.screenshot({ path: path as `${string}.png`, fullPage: true, type: 'png' });
  return path;
}
