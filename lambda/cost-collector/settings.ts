import { z } from 'zod';
import { finopsSchema } from '../../lib/config/finops-schema';

/** Environment variable that carries the collector's settings (JSON). */
export const SETTINGS_ENV = 'COLLECTOR_SETTINGS';

/**
 * What the cost collector needs from the client configuration, validated at cold start with the
 * same `finops` schema the client file was validated with at synth time.
 */
export const collectorSettingsSchema = z.object({
  client: z.object({
    name: z.string().min(1),
    displayName: z.string().min(1),
    timeZone: z.string().min(1),
  }),
  /** The client's accounts, so budgets scoped to an account name can filter by its id. */
  accounts: z.array(z.object({ name: z.string().min(1), id: z.string().regex(/^\d{12}$/) })).min(1),
  finops: finopsSchema,
});

/** The collector's validated settings. */
export type CollectorSettings = z.output<typeof collectorSettingsSchema>;
