import { scaleBand, scaleLinear, scalePoint } from 'd3-scale';
import { line } from 'd3-shape';

/**
 * The report's charts as SVG, drawn on the server with D3's scales and shapes (no browser, no
 * DOM): a string of SVG markup per chart, embedded in the page. Each has a `viewBox` (it scales to
 * the column width), a title and a description for screen readers, and text in the page's font.
 */

const WIDTH = 640;
const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const svg = (height: number, title: string, description: string, body: string, kind: string) =>
  `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${height}" role="img" aria-labelledby="${kind}-title ${kind}-desc" class="chart" data-chart="${kind}"><title id="${kind}-title">${escape(title)}</title><desc id="${kind}-desc">${escape(description)}</desc>${body}</svg>`;

/** Ticks of a value axis, as gridlines with labels. */
function gridlines(ticks: number[], y: (v: number) => number, left: number, right: number, format: (v: number) => string): string {
  return ticks
    .map(
      (tick) =>
        `<line x1="${left}" x2="${right}" y1="${y(tick).toFixed(1)}" y2="${y(tick).toFixed(1)}" stroke="#d5dbdb" stroke-width="1"/><text x="${left - 6}" y="${(y(tick) + 4).toFixed(1)}" text-anchor="end" font-size="11" fill="#5f6b7a">${escape(format(tick))}</text>`,
    )
    .join('');
}

/** Monthly spend as columns, the report month highlighted, with an optional dashed budget line. */
export function spendTrendChart(
  points: ReadonlyArray<{ month: string; usd: number }>,
  budgetUsd: number | undefined,
  labels: { title: string; budget: string },
): string {
  const height = 240;
  const margin = { top: 16, right: 16, bottom: 32, left: 56 };
  const max = Math.max(1, budgetUsd ?? 0, ...points.map((p) => p.usd)) * 1.1;
  const x = scaleBand<string>()
    .domain(points.map((p) => p.month))
    .range([margin.left, WIDTH - margin.right])
    .padding(0.2);
  const y = scaleLinear()
    .domain([0, max])
    .nice(5)
    .range([height - margin.bottom, margin.top]);
  const bars = points
    .map((p, i) => {
      const top = y(p.usd);
      const last = i === points.length - 1;
      return `<rect x="${x(p.month)!.toFixed(1)}" y="${top.toFixed(1)}" width="${x.bandwidth().toFixed(1)}" height="${(height - margin.bottom - top).toFixed(1)}" fill="${last ? '#0972d3' : '#8cb8e8'}" data-month="${p.month}" data-usd="${p.usd}"/><text x="${(x(p.month)! + x.bandwidth() / 2).toFixed(1)}" y="${height - margin.bottom + 16}" text-anchor="middle" font-size="10" fill="#5f6b7a">${p.month.slice(5)}/${p.month.slice(2, 4)}</text>`;
    })
    .join('');
  const budget =
    budgetUsd === undefined
      ? ''
      : `<line x1="${margin.left}" x2="${WIDTH - margin.right}" y1="${y(budgetUsd).toFixed(1)}" y2="${y(budgetUsd).toFixed(1)}" stroke="#d91515" stroke-width="2" stroke-dasharray="6 4"/><text x="${WIDTH - margin.right}" y="${(y(budgetUsd) - 6).toFixed(1)}" text-anchor="end" font-size="11" fill="#d91515">${escape(labels.budget)}</text>`;
  const description = points.map((p) => `${p.month}: USD ${p.usd.toFixed(2)}`).join('; ');
  return svg(
    height,
    labels.title,
    description,
    gridlines(y.ticks(5), y, margin.left, WIDTH - margin.right, (v) => `${v}`) + bars + budget,
    'spend',
  );
}

/** Each budget's use in % of its limit as a horizontal bar, with the 100 % mark. */
export function budgetUseChart(budgets: ReadonlyArray<{ name: string; usedPercent?: number }>, labels: { title: string }): string {
  const rows = budgets.filter((b) => b.usedPercent !== undefined);
  const rowHeight = 28;
  const margin = { top: 8, right: 56, bottom: 24, left: 160 };
  const height = margin.top + margin.bottom + Math.max(1, rows.length) * rowHeight;
  const max = Math.max(120, ...rows.map((b) => b.usedPercent!));
  const x = scaleLinear()
    .domain([0, max])
    .range([margin.left, WIDTH - margin.right]);
  const body = rows
    .map((b, i) => {
      const top = margin.top + i * rowHeight + 4;
      const over = b.usedPercent! > 100;
      return `<text x="${margin.left - 8}" y="${top + 14}" text-anchor="end" font-size="12" fill="#16191f">${escape(b.name)}</text><rect x="${margin.left}" y="${top}" width="${(x(b.usedPercent!) - margin.left).toFixed(1)}" height="18" fill="${over ? '#d91515' : b.usedPercent! >= 80 ? '#f89256' : '#29ad32'}" data-budget="${escape(b.name)}" data-percent="${b.usedPercent}"/><text x="${(x(b.usedPercent!) + 4).toFixed(1)}" y="${top + 14}" font-size="12" fill="#16191f">${b.usedPercent} %</text>`;
    })
    .join('');
  const limit = `<line x1="${x(100).toFixed(1)}" x2="${x(100).toFixed(1)}" y1="${margin.top}" y2="${height - margin.bottom}" stroke="#16191f" stroke-width="1.5" stroke-dasharray="4 3"/><text x="${x(100).toFixed(1)}" y="${height - 8}" text-anchor="middle" font-size="11" fill="#5f6b7a">100 %</text>`;
  const description = rows.map((b) => `${b.name}: ${b.usedPercent} %`).join('; ') || '-';
  return svg(height, labels.title, description, body + limit, 'budgets');
}

/** Open critical and high findings at each month's end, as two lines. */
export function findingsTrendChart(
  points: ReadonlyArray<{ month: string; critical: number; high: number }>,
  labels: { title: string; critical: string; high: string },
): string {
  const height = 200;
  const margin = { top: 16, right: 96, bottom: 32, left: 40 };
  const x = scalePoint<string>()
    .domain(points.map((p) => p.month))
    .range([margin.left, WIDTH - margin.right])
    .padding(0.3);
  const max = Math.max(4, ...points.flatMap((p) => [p.critical, p.high]));
  const y = scaleLinear()
    .domain([0, max])
    .nice(4)
    .range([height - margin.bottom, margin.top]);
  const series = (key: 'critical' | 'high', color: string, label: string) => {
    const path = line<{ month: string; critical: number; high: number }>()
      .x((p) => x(p.month)!)
      .y((p) => y(p[key]))(points as Array<{ month: string; critical: number; high: number }>);
    const last = points[points.length - 1];
    const dots = points
      .map(
        (p) =>
          `<circle cx="${x(p.month)!.toFixed(1)}" cy="${y(p[key]).toFixed(1)}" r="3.5" fill="${color}" data-series="${key}" data-month="${p.month}" data-count="${p[key]}"/>`,
      )
      .join('');
    const tag = last
      ? `<text x="${(x(last.month)! + 8).toFixed(1)}" y="${(y(last[key]) + 4).toFixed(1)}" font-size="11" fill="${color}">${escape(label)}</text>`
      : '';
    return `<path d="${path ?? ''}" fill="none" stroke="${color}" stroke-width="2.5"/>${dots}${tag}`;
  };
  const axis = points
    .map(
      (p) =>
        `<text x="${x(p.month)!.toFixed(1)}" y="${height - margin.bottom + 16}" text-anchor="middle" font-size="10" fill="#5f6b7a">${p.month.slice(5)}/${p.month.slice(2, 4)}</text>`,
    )
    .join('');
  const description = points.map((p) => `${p.month}: ${p.critical} critical, ${p.high} high`).join('; ') || '-';
  return svg(
    height,
    labels.title,
    description,
    gridlines(y.ticks(4), y, margin.left, WIDTH - margin.right, (v) => `${v}`) +
      axis +
      series('high', '#f89256', labels.high) +
      series('critical', '#d91515', labels.critical),
    'findings',
  );
}
