import { WASTE_FINDER_SETTINGS_ENV } from '../../lib/core/finops/waste-finder-settings';
import { MAX_QUERIES_PER_REQUEST } from './queries';

/**
 * Thrown when a scan would make more GetMetricData requests than `maxGetMetricDataRequests`
 * allows: the cap keeps a bug or an unexpectedly large account from running up a CloudWatch bill.
 */
export class GetMetricDataCapError extends Error {
  constructor(
    readonly needed: number,
    readonly cap: number,
    readonly detail: string,
  ) {
    super(
      `GetMetricData request cap reached: ${detail} needs ${needed} requests but ${WASTE_FINDER_SETTINGS_ENV}.maxGetMetricDataRequests is ${cap}. ` +
        `Raise maxGetMetricDataRequests (each request asks for at most ${MAX_QUERIES_PER_REQUEST} metrics, USD 0.005) or scan fewer regions.`,
    );
    this.name = 'GetMetricDataCapError';
  }
}
