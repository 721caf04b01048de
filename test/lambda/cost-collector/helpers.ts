import { collectorSettingsSchema, type CollectorSettings } from '../../../lib/core/finops/collector-settings';
import type { CollectorLogger } from '../../../lambda/cost-collector/handler';

/** Account ids of the test client. */
export const PRODUCTION = '111111111111';
export const STAGING = '222222222222';

/** Collector settings as the CDK side passes them, with the given `finops` section (defaults applied). */
export function settingsWith(finops: Record<string, unknown> = {}, timeZone = 'Europe/Berlin'): CollectorSettings {
  return collectorSettingsSchema.parse({
    client: { name: 'acme', displayName: 'Acme Ltd', timeZone },
    accounts: [
      { name: 'production', id: PRODUCTION },
      { name: 'staging', id: STAGING },
    ],
    finops,
  });
}

/** A logger that records every line instead of printing it. */
export function recordingLogger(): CollectorLogger & { lines: { level: string; message: string; data: unknown }[] } {
  const lines: { level: string; message: string; data: unknown }[] = [];
  const record = (level: string) => (message: unknown, data?: unknown) => {
    lines.push({ level, message: String(message), data });
  };
  return { lines, debug: record('debug'), info: record('info'), warn: record('warn'), error: record('error') } as never;
}
