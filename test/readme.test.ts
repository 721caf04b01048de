import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadClientConfig } from '../lib/core/config/load';
import { ROOT } from './helpers';
import { catalogue } from '../lib/core/alerts/catalogue';
import { ALERT_TOPIC } from '../lib/core/alerts/render';
import { ALERT_KINDS } from '../lib/core/alerts/runbooks';

/** Claims of the README that are numbers derived from other numbers in it. */
const README = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');

function section(heading: string): string {
  const start = README.indexOf(heading);
  if (start < 0) throw new Error(`README has no "${heading}"`);
  const next = README.slice(start + heading.length).search(/\n#{2,3} /);
  return README.slice(start, next < 0 ? undefined : start + heading.length + next);
}

describe('README, "What it costs the client"', () => {
  const costs = section('### What it costs the client');
  const example = loadClientConfig('example');

  test("the example's total is the sum of the table's ranges for its regions, and the only total given", () => {
    // given: each table row's per-account range, per region where it says so
    const rows = [...costs.matchAll(/^\| ([^|]+) \| ([^|]+) \|/gm)]
      .slice(2)
      .map(([, part, cell]) => ({ part: part.trim(), cell: cell.trim() }));
    expect(rows.length).toBeGreaterThan(10);
    const regions = example.allowedRegions.length;
    let [low, high] = [0, 0];
    for (const { cell } of rows) {
      // "by data", "per job", "0 + flow logs": usage-driven, named after the total as "plus ..."
      const range = /^(?:about )?(\d+(?:\.\d+)?)(?:-(\d+(?:\.\d+)?))?/.exec(cell);
      if (!range) continue;
      const times = /per region/.test(cell) ? regions : 1;
      low += Number(range[1]) * times;
      high += Number(range[2] ?? range[1]) * times;
    }

    // then
    const stated = /\*\*The example client in total\*\*[^*]*\*\*USD (\d+)-(\d+) per\s+month\*\*/.exec(costs);
    expect(stated).not.toBeNull();
    expect([Number(stated![1]), Number(stated![2])]).toEqual([Math.round(low), Math.round(high)]);
    expect(costs.match(/USD \d+-\d+ per\s+month/g)).toHaveLength(1);
  });
});

describe('README, "Alerts"', () => {
  const alerts = section('### Alerts');

  test('lists every alert kind the notifier sends, with its topic', () => {
    for (const kind of ALERT_KINDS) {
      const name = catalogue('en').kinds[kind].name;
      const row = alerts.split('\n').find((line) => line.startsWith(`| ${name} |`));
      expect(row).toBeDefined();
      expect(row).toContain(`| ${ALERT_TOPIC[kind]} |`);
    }
  });
});
