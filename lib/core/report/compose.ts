import type { Language } from '../alerts/language';
import type { BudgetConfig } from '../config/finops-schema';
import type { ReportInputs } from './inputs';
import { buildMonthlyReport, type IsoMonth, type MonthlyReport } from './model';
import { renderReportHtml, type RenderOptions } from './render-html';

/** What a report page is made for. */
export interface ComposeContext {
  readonly month: IsoMonth;
  /** The company name. */
  readonly client: string;
  readonly language: Language;
  readonly budgets: readonly BudgetConfig[];
  /** The landing zone's stack names start with it (`<Client>-`). */
  readonly stackPrefix: string;
  /** When the page was made (`YYYY-MM-DD`). */
  readonly generatedOn: string;
  readonly displayCurrency?: RenderOptions['displayCurrency'];
  readonly coverage?: RenderOptions['coverage'];
}

/**
 * The figures and the page of one monthly report: the one path from the API answers to the HTML,
 * shared by the report Lambda and `npm run report`, so both write the same page.
 */
export function composeReport(inputs: ReportInputs, context: ComposeContext): { readonly report: MonthlyReport; readonly html: string } {
  const report = buildMonthlyReport(inputs, { month: context.month, budgets: context.budgets, stackPrefix: context.stackPrefix });
  const total = context.budgets.find((budget) => budget.scope.type === 'total');
  const html = renderReportHtml(report, {
    client: context.client,
    language: context.language,
    generatedOn: context.generatedOn,
    totalBudget: total && { name: total.name, limitUsd: total.monthlyLimitUsd },
    displayCurrency: context.displayCurrency,
    coverage: context.coverage,
  });
  return { report, html };
}
