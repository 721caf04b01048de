import * as fs from 'node:fs';
import * as path from 'node:path';
import { catalogue } from '../../../../lib/core/alerts/catalogue';
import { LANGUAGES } from '../../../../lib/core/alerts/language';
import { ALERT_KINDS, dashboardRunbooks, RUNBOOK_KINDS, RUNBOOKS_DIR, runbookFiles } from '../../../../lib/core/alerts/runbooks';
import { ROOT } from '../../../helpers';

describe('alert runbooks', () => {
  test('docs/runbooks holds exactly the generated files (run `npm run docs` if not)', () => {
    const files = runbookFiles();
    for (const file of files) expect(fs.readFileSync(path.join(ROOT, file.path), 'utf8')).toBe(file.content);
    const onDisk = fs
      .readdirSync(path.join(ROOT, RUNBOOKS_DIR), { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => path.relative(ROOT, path.join(entry.parentPath, entry.name)))
      .sort();
    expect(onDisk).toEqual(files.map((file) => file.path).sort());
  });

  test.each(LANGUAGES)('every alert kind has a whole runbook in %s: meaning, first steps, check, contain, close', (language) => {
    for (const kind of ALERT_KINDS) {
      const texts = catalogue(language).kinds[kind];
      expect(texts.runbook.meaning.length).toBeGreaterThan(80);
      for (const list of [texts.firstSteps, texts.runbook.check, texts.runbook.contain, texts.runbook.close]) {
        expect(list.length).toBeGreaterThan(0);
      }
    }
    // The native kinds (CIS alarms, platform alarms, budget alerts) have runbooks as well.
    for (const texts of Object.values(catalogue(language).nativeKinds)) {
      expect(texts.runbook.meaning.length).toBeGreaterThan(80);
      for (const list of [texts.firstSteps, texts.runbook.check, texts.runbook.contain, texts.runbook.close]) {
        expect(list.length).toBeGreaterThan(0);
      }
    }
    expect(RUNBOOK_KINDS).toHaveLength(ALERT_KINDS.length + 3);
  });

  test('the German catalogue is German: no text is the English one', () => {
    const english = catalogue('en');
    const german = catalogue('de');
    for (const kind of ALERT_KINDS) {
      expect(german.kinds[kind].name).not.toBe(english.kinds[kind].name);
      expect(german.kinds[kind].runbook.meaning).not.toBe(english.kinds[kind].runbook.meaning);
      german.kinds[kind].firstSteps.forEach((step, index) => expect(step).not.toBe(english.kinds[kind].firstSteps[index]));
    }
    for (const key of Object.keys(english.words) as Array<keyof typeof english.words>) {
      if (key === 'region' || key === 'runbook') continue; // the same word in both languages
      expect(german.words[key]).not.toBe(english.words[key]);
    }
  });

  test.each(LANGUAGES)('the dashboard text in %s holds every runbook whole', (language) => {
    const text = dashboardRunbooks(language);
    for (const kind of ALERT_KINDS) {
      const texts = catalogue(language).kinds[kind];
      expect(text).toContain(`### ${texts.name}`);
      for (const step of [...texts.firstSteps, ...texts.runbook.check, ...texts.runbook.contain, ...texts.runbook.close]) {
        expect(text).toContain(step);
      }
    }
    for (const texts of Object.values(catalogue(language).nativeKinds)) expect(text).toContain(texts.runbook.close[0]);
    // A small part of the dashboard body, which CloudWatch limits in size.
    expect(Buffer.byteLength(text)).toBeLessThan(64 * 1024);
  });
});
