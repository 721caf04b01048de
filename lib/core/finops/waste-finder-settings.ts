import { parseSettingsJson } from '../settings-json';
import * as z from 'zod/mini';
import { strictObject } from '../config/primitives';

/** Environment variable that carries the waste finder's settings (JSON). */
export const WASTE_FINDER_SETTINGS_ENV = 'WASTE_FINDER_SETTINGS';

// Region names only: the CDK side passes the client's allowed regions, already validated against
// the region list at synth time (that list lives behind aws-cdk-lib, which Lambda code never imports).
const REGION = /^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d{1,2}$/;

const wholeNumber = (rule: string) => z.number({ error: `must be ${rule}` }).check(z.int({ error: `must be ${rule}` }));

const countAtMost = (what: string, fallback: number) =>
  z
    ._default(wholeNumber('a whole number, 0 or more').check(z.minimum(0, { error: 'must be 0 or more' })), fallback)
    .check(z.describe(`Idle when the total ${what} over the look-back window is at most this. Default: ${fallback}.`));

const cpuPercent = z
  .number({ error: 'must be a percentage from 0 to 100' })
  .check(z.minimum(0, { error: 'must be at least 0' }), z.maximum(100, { error: 'must be at most 100' }));

/**
 * The waste rules' thresholds. Zero-traffic rules compare a total over the whole window ("at
 * most"), the CPU rules compare the highest daily maximum ("below"), so one busy minute in two
 * weeks is enough to keep a resource off the list: the finder prefers missing waste to accusing a
 * resource that is in use.
 */
export const wasteThresholdsSchema = strictObject({
  ec2Instance: z
    .prefault(
      strictObject({
        idleMaxCpuPercentBelow: z
          ._default(cpuPercent, 5)
          .check(z.describe('Idle when the highest daily maximum CPUUtilization over the window is below this percentage. Default: 5.')),
        oversizedMaxCpuPercentBelow: z
          ._default(z.nullable(cpuPercent), 20)
          .check(
            z.describe(
              'Oversized (one size down would do) when the highest daily maximum CPU is below this percentage but not idle; null turns the rule off. Default: 20.',
            ),
          ),
      }),
      {},
    )
    .check(
      z.superRefine((t, ctx) => {
        if (t.oversizedMaxCpuPercentBelow !== null && t.oversizedMaxCpuPercentBelow <= t.idleMaxCpuPercentBelow) {
          ctx.addIssue({
            code: 'custom',
            path: ['oversizedMaxCpuPercentBelow'],
            message: `must be greater than idleMaxCpuPercentBelow (${t.idleMaxCpuPercentBelow}), got ${t.oversizedMaxCpuPercentBelow}; use null to turn the oversized rule off`,
          });
        }
      }),
    ),
  ebsVolume: z.prefault(
    strictObject({
      readWriteOpsAtMost: countAtMost('VolumeReadOps + VolumeWriteOps', 0),
    }),
    {},
  ),
  natGateway: z.prefault(
    strictObject({
      bytesOutAtMost: countAtMost('BytesOutToDestination + BytesOutToSource (bytes)', 0),
    }),
    {},
  ),
  applicationLoadBalancer: z.prefault(
    strictObject({
      requestsAtMost: countAtMost('RequestCount', 0),
    }),
    {},
  ),
  networkLoadBalancer: z.prefault(
    strictObject({
      newFlowsAtMost: countAtMost('NewFlowCount', 0),
    }),
    {},
  ),
  rdsInstance: z.prefault(
    strictObject({
      maxConnectionsAtMost: countAtMost('highest DatabaseConnections', 0).check(
        z.describe('Idle when the highest DatabaseConnections over the window is at most this. Default: 0.'),
      ),
    }),
    {},
  ),
});

/**
 * The waste finder's settings (env `WASTE_FINDER_SETTINGS`, JSON), written by the CDK side from the
 * client configuration and validated at cold start.
 */
export const wasteFinderSettingsSchema = z.pipe(
  strictObject({
    regions: z
      .array(
        z
          .string({ error: 'must be a region name like eu-west-1' })
          .check(z.regex(REGION, { error: (issue) => `must be a region name like eu-west-1, got ${JSON.stringify(issue.input)}` })),
        { error: 'must be a list of region names' },
      )
      .check(
        z.minLength(1, { error: 'must list at least one region' }),
        z.maxLength(40, { error: 'must list at most 40 regions' }),
        z.refine((regions: string[]) => new Set(regions).size === regions.length, { error: 'must not list a region twice' }),
        z.describe('Regions whose CloudWatch metrics are scanned (the allowed regions).'),
      ),
    lookbackDays: z
      ._default(
        wholeNumber('a whole number of days from 1 to 63').check(
          z.minimum(1, { error: 'must be at least 1' }),
          // 1-day periods are kept 455 days, but beyond 63 days CloudWatch rounds the start to the hour
          // and two months is already long enough to call a resource idle.
          z.maximum(63, { error: 'must be at most 63' }),
        ),
        14,
      )
      .check(z.describe('Days of metrics (whole UTC days, today excluded) a rule looks at. Default: 14.')),
    minDaysWithData: z
      .optional(wholeNumber('a whole number of days').check(z.minimum(1, { error: 'must be at least 1' })))
      .check(
        z.describe(
          'Days with data a resource needs before a rule may call it idle (younger resources are "insufficient data"). Default: lookbackDays.',
        ),
      ),
    thresholds: z.prefault(wasteThresholdsSchema, {}).check(z.describe('Waste rule thresholds.')),
    maxGetMetricDataRequests: z
      ._default(
        wholeNumber('a whole number from 1 to 1000').check(
          z.minimum(1, { error: 'must be at least 1' }),
          z.maximum(1000, { error: 'must be at most 1000' }),
        ),
        20,
      )
      .check(
        z.describe(
          'GetMetricData requests one run may make (each requests at most 500 metrics, USD 0.005); the run stops with an error at the cap. Default: 20 (at most USD 0.10 a run).',
        ),
      ),
  }).check(
    z.superRefine((settings, ctx) => {
      if (settings.minDaysWithData !== undefined && settings.minDaysWithData > settings.lookbackDays) {
        ctx.addIssue({
          code: 'custom',
          path: ['minDaysWithData'],
          message: `must be at most lookbackDays (${settings.lookbackDays}), got ${settings.minDaysWithData}`,
        });
      }
    }),
  ),
  z.transform((settings) => ({ ...settings, minDaysWithData: settings.minDaysWithData ?? settings.lookbackDays })),
);

/** The waste finder's validated settings, defaults applied. */
export type WasteFinderSettings = z.output<typeof wasteFinderSettingsSchema>;
/** The validated thresholds. */
export type WasteThresholds = WasteFinderSettings['thresholds'];
/** What the CDK side writes into `WASTE_FINDER_SETTINGS` (defaults may be left out). */
export type WasteFinderSettingsInput = z.input<typeof wasteFinderSettingsSchema>;

/**
 * Parses the settings JSON. Errors name the environment variable, each wrong field, the value's
 * problem and what is allowed, so a bad deployment fails its first run with a readable log line.
 */
export function parseWasteFinderSettings(raw: string | undefined): WasteFinderSettings {
  return parseSettingsJson(WASTE_FINDER_SETTINGS_ENV, "the waste finder's settings", wasteFinderSettingsSchema, raw);
}
