import * as z from 'zod/mini';
import { localTime, section, strictObject, text, wholeNumber } from './primitives';

/**
 * The `report` section: the monthly report for the client's management, written by a scheduled
 * Lambda in the billing account (the management account in organization mode) and by
 * `npm run report`. Like the whole schema, zod/mini, so the report Lambda validates its settings
 * with it at cold start.
 */

/** The first day of the month a run may fall on: Cost Explorer closes a month on the 1st (UTC). */
export const EARLIEST_REPORT_DAY = 2;

/** The display currency: a code and a fixed rate. */
export const displayCurrencySchema = strictObject({
  code: text('an ISO 4217 currency code').check(
    z.regex(/^(?!USD$)[A-Z]{3}$/, { error: 'must be a three-letter ISO 4217 currency code other than USD, e.g. EUR' }),
    z.describe('The currency shown beside USD, e.g. EUR.'),
  ),
  ratePerUsd: z
    .number({ error: 'must be a number, e.g. 0.92' })
    .check(
      z.positive({ error: 'must be greater than zero' }),
      z.maximum(100_000, { error: 'must be at most 100000' }),
      z.describe('A fixed rate: units of `code` per USD (stated on the report as fixed, not a market rate).'),
    ),
});

/** The schema of the `report` section. */
export const reportSchema = section(true, 'the monthly report Lambda (with finops.enabled; in the billing account)', {
  dayOfMonth: z
    ._default(wholeNumber(EARLIEST_REPORT_DAY, 28), EARLIEST_REPORT_DAY)
    .check(
      z.describe(
        'Day of the month of the run, 2 to 28: Cost Explorer has closed the previous month by the 2nd, and every month has a 28th. Default: 2.',
      ),
    ),
  runAt: z
    ._default(localTime('08:00'), '08:00')
    .check(
      z.describe(
        'Local time (client.timeZone) of the run, so the summary is in the inbox at the start of the working day. Default: 08:00.',
      ),
    ),
  maxCostExplorerRequests: z
    ._default(wholeNumber(1, 200), 25)
    .check(
      z.describe(
        'Cost Explorer requests one report may make (USD 0.01 each): one for the costs by service, one per budget, one forecast, plus extra pages. The report fails with an error at the cap. Default: 25.',
      ),
    ),
  displayCurrency: z
    .optional(displayCurrencySchema)
    .check(
      z.describe('Amounts also in this currency, at a fixed rate. AWS bills in USD; the report says the rate is fixed. Default: USD only.'),
    ),
});

/** The validated `report` section. */
export type ReportConfig = z.output<typeof reportSchema>;
