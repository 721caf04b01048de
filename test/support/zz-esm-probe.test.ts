import type { Browser } from 'puppeteer-core';

test('require esm', async () => {
  const { createRequire } = process.getBuiltinModule('node:module');
  const nodeRequire = createRequire(__filename);
  const p = nodeRequire('puppeteer-core') as typeof import('puppeteer-core');
  expect(typeof p.default.launch).toBe('function');
  const c = nodeRequire('@sparticuz/chromium') as typeof import('@sparticuz/chromium');
  expect(c.default.args.length).toBeGreaterThan(3);
  const b: Browser | undefined = undefined;
  expect(b).toBeUndefined();
});
