import { formatRange, portfolioTotal, type PortfolioRow } from './portfolio';

/**
 * The portfolio as text for the terminal, Markdown for a repository or a wiki, and one
 * self-contained HTML page (inline CSS, no script, no external resource) for a browser or a
 * printout. The three show the same figures, formatted the same way.
 */

const HEADERS = ['Client', 'Accounts', 'Regions', 'Parts on', 'Budgets (total USD)', 'Landing zone USD/month', 'Problems'] as const;

/** The cells of one row, as every format prints them. */
export function rowCells(row: PortfolioRow): string[] {
  return [
    row.client === row.displayName ? row.client : `${row.displayName} (${row.client})`,
    String(row.accounts.length),
    row.regions.join(', ') || '-',
    row.parts.join(', ') || '-',
    row.problems.length > 0 ? '-' : `${row.budgets} (${row.totalBudgetUsd.toFixed(2)})`,
    row.monthlyCost ? formatRange(row.monthlyCost) : '-',
    row.problems.length === 0 ? 'none' : `${row.problems.length}`,
  ];
}

/** The total line: every client's landing zone together. */
export function totalCells(rows: readonly PortfolioRow[]): string[] {
  return ['All clients', String(rows.reduce((n, row) => n + row.accounts.length, 0)), '', '', '', formatRange(portfolioTotal(rows)), ''];
}

/** A plain-text table with aligned columns, then the problems of each client. */
export function renderText(rows: readonly PortfolioRow[], generatedAt: string): string {
  const table = [[...HEADERS], ...rows.map(rowCells), totalCells(rows)];
  const widths = HEADERS.map((_h, column) => Math.max(...table.map((cells) => cells[column].length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, column) => cell.padEnd(widths[column]))
      .join('  ')
      .trimEnd();
  const out = [`Portfolio, ${rows.length} client(s), ${generatedAt} (list prices, USD per month)`, '', line(table[0])];
  out.push(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const cells of table.slice(1)) out.push(line(cells));
  out.push(...problemLines(rows), '', PRICE_NOTE);
  return `${out.join('\n')}\n`;
}

/** A Markdown table, then the problems. */
export function renderMarkdown(rows: readonly PortfolioRow[], generatedAt: string): string {
  const escape = (cell: string) => cell.replace(/\|/g, '\\|');
  const out = [
    `# Portfolio`,
    '',
    `${rows.length} client(s), ${generatedAt}. Landing zone costs per month at list prices (USD), low-high (typical); usage-driven items (backup storage, flow logs) not included.`,
    '',
    `| ${HEADERS.join(' | ')} |`,
    `| ${HEADERS.map(() => '---').join(' | ')} |`,
    ...rows.map((row) => `| ${rowCells(row).map(escape).join(' | ')} |`),
    `| ${totalCells(rows)
      .map((cell, i) => (i === 0 ? `**${cell}**` : escape(cell)))
      .join(' | ')} |`,
    ...problemLines(rows),
    '',
    PRICE_NOTE,
  ];
  return `${out.join('\n')}\n`;
}

const PRICE_NOTE =
  'Prices: AWS list prices (2026). Per part and account: npm run cost-estimate -- --client <name> (price basis and assumptions on every line).';

function problemLines(rows: readonly PortfolioRow[]): string[] {
  const withProblems = rows.filter((row) => row.problems.length > 0);
  if (withProblems.length === 0) return [];
  return [
    '',
    'Problems (the landing zone cannot be synthesized until they are fixed):',
    ...withProblems.flatMap((row) => row.problems.map((p) => `- ${row.client}: ${p}`)),
  ];
}

const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** One self-contained page: the table (cells carry `data-column` for tests and print), then the problems. */
export function renderHtml(rows: readonly PortfolioRow[], generatedAt: string): string {
  const cellsHtml = (cells: string[], tag: 'td' | 'th') =>
    cells.map((cell, i) => `<${tag} data-column="${i}">${escapeHtml(cell)}</${tag}>`).join('');
  const body = rows
    .map((row) => {
      const attention = row.problems.length > 0 ? ' class="attention"' : '';
      return `<tr data-client="${escapeHtml(row.client)}"${attention}>${cellsHtml(rowCells(row), 'td')}</tr>`;
    })
    .join('\n');
  const problems = rows
    .filter((row) => row.problems.length > 0)
    .map(
      (row) =>
        `<li><strong>${escapeHtml(row.client)}</strong><ul>${row.problems.map((p) => `<li>${escapeHtml(p)}</li>`).join('')}</ul></li>`,
    )
    .join('');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Portfolio</title>
<style>
  :root { font-family: system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; color: #16191f; }
  body { margin: 24px; max-width: 100%; }
  h1 { font-size: 1.5rem; margin: 0 0 4px; }
  p.meta { color: #5f6b7a; margin: 0 0 16px; }
  table { border-collapse: collapse; width: 100%; table-layout: fixed; }
  th, td { border-bottom: 1px solid #d5dbdb; padding: 6px 8px; text-align: left; vertical-align: top; overflow-wrap: anywhere; }
  th { background: #f2f3f3; font-weight: 600; }
  td[data-column="1"], td[data-column="4"], td[data-column="5"], td[data-column="6"] { font-variant-numeric: tabular-nums; }
  tr.attention td { background: #fff4e5; }
  tr.total td { font-weight: 600; border-top: 2px solid #16191f; }
  .problems li { margin: 4px 0; }
  @page { size: A4 landscape; margin: 12mm; }
  @media print { body { margin: 0; font-size: 10pt; } tr { break-inside: avoid; } thead { display: table-header-group; } }
</style>
</head>
<body>
<h1>Portfolio</h1>
<p class="meta">${rows.length} client(s), ${escapeHtml(generatedAt)}. Landing zone costs per month at AWS list prices (USD), low-high (typical); usage-driven items not included.</p>
<table>
<thead><tr>${cellsHtml([...HEADERS], 'th')}</tr></thead>
<tbody>
${body}
<tr class="total">${cellsHtml(totalCells(rows), 'td')}</tr>
</tbody>
</table>
${problems ? `<h2>Problems</h2><ul class="problems">${problems}</ul>` : ''}
<p class="meta">${escapeHtml(PRICE_NOTE)}</p>
</body>
</html>
`;
}
