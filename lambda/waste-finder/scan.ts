import { planDiscovery, resourcesFromListedMetrics, type DiscoveredResource, type DiscoveryRequest, type ListedMetric } from './discovery';
import { GetMetricDataCapError } from './errors';
import { batchMetricData, buildCostMetricData, buildWasteMetricData, type MetricDatumShape } from './metric-data';
import {
  batch,
  buildQueries,
  metricWindow,
  seriesByResource,
  toMetricDataQueries,
  type MetricDataQueryShape,
  type MetricResultShape,
  type MetricWindow,
  type PlannedQuery,
} from './queries';
import { summarize, toFinding, type ResourceFinding, type ScanCost, type WasteScanSummary } from './report';
import { evaluateResource } from './rules';
import type { WasteFinderSettings } from '../../lib/core/finops/waste-finder-settings';

/**
 * One waste scan, from discovery to publishing, written against two small ports so it runs the
 * same with the CloudWatch adapters (handler) and with fakes. No SDK import.
 */

/** Structured log lines (Powertools Logger fits). */
export interface LogPort {
  debug(message: string, attributes: Record<string, unknown>): void;
  info(message: string, attributes: Record<string, unknown>): void;
  warn(message: string, attributes: Record<string, unknown>): void;
}

/** Reads CloudWatch in any region (the adapter paginates, retries and enforces the request cap). */
export interface MetricsReader {
  /** All pages of one discovery request. */
  listMetrics(request: DiscoveryRequest): Promise<readonly ListedMetric[]>;
  /** All pages of one GetMetricData request of at most 500 queries. */
  getMetricData(region: string, queries: MetricDataQueryShape[], window: MetricWindow): Promise<readonly MetricResultShape[]>;
  /** Requests made and metrics requested so far. */
  readonly cost: ScanCost;
}

/** Publishes data points in the home region, one PutMetricData request per batch. */
export interface MetricsPublisher {
  publish(batches: MetricDatumShape[][]): Promise<void>;
}

/** What a scan needs. */
export interface WasteScanInput {
  readonly settings: WasteFinderSettings;
  readonly reader: MetricsReader;
  readonly publisher: MetricsPublisher;
  readonly now: Date;
  readonly logger: LogPort;
}

interface RegionPlan {
  readonly region: string;
  readonly resources: DiscoveredResource[];
  readonly queries: PlannedQuery[];
  readonly batches: PlannedQuery[][];
}

/**
 * Runs a scan: discovers resources in every region, checks the GetMetricData requests it needs
 * against the cap before making any, reads `lookbackDays` of daily series, judges every resource,
 * publishes counts, waste and its own cost, and returns the summary.
 *
 * If it fails after GetMetricData requests were made, it still tries to publish their cost (the
 * cost of a failed scan is real), then rethrows: the invocation fails and the Lambda error alarm
 * and the gap in IdleResources show it.
 */
export async function runWasteScan(input: WasteScanInput): Promise<WasteScanSummary> {
  const { settings, reader, publisher, now, logger } = input;
  try {
    const plans = await discover(settings, reader, logger);
    const needed = plans.reduce((total, plan) => total + plan.batches.length, 0);
    if (needed > settings.maxGetMetricDataRequests) {
      const resources = plans.reduce((total, plan) => total + plan.resources.length, 0);
      throw new GetMetricDataCapError(
        needed,
        settings.maxGetMetricDataRequests,
        `this scan of ${resources} resources in ${plans.length} regions`,
      );
    }
    const window = metricWindow(now, settings.lookbackDays);
    const findings: ResourceFinding[] = [];
    for (const plan of plans) {
      const results: MetricResultShape[] = [];
      for (const queries of plan.batches) {
        results.push(...(await reader.getMetricData(plan.region, toMetricDataQueries(queries), window)));
      }
      const series = seriesByResource(plan.resources.length, plan.queries, results);
      plan.resources.forEach((resource, index) => {
        findings.push(toFinding(resource, evaluateResource(resource.kind, series[index], settings.thresholds, settings)));
      });
    }
    const summary = summarize({ findings, regions: settings.regions, scannedAt: now, window, cost: reader.cost });
    await publisher.publish(batchMetricData(buildWasteMetricData(summary, now)));
    return summary;
  } catch (error) {
    await publishCostOfFailedScan(reader.cost, publisher, now, logger);
    throw error;
  }
}

async function discover(settings: WasteFinderSettings, reader: MetricsReader, logger: LogPort): Promise<RegionPlan[]> {
  const byRegion = new Map<string, DiscoveredResource[]>(settings.regions.map((region) => [region, []]));
  for (const request of planDiscovery(settings.regions)) {
    const found = resourcesFromListedMetrics(request, await reader.listMetrics(request));
    byRegion.get(request.region)!.push(...found);
    logger.debug('Discovered resources', { region: request.region, kind: request.kind, count: found.length });
  }
  return [...byRegion].map(([region, resources]) => {
    const queries = buildQueries(resources);
    return { region, resources, queries, batches: batch(queries) };
  });
}

async function publishCostOfFailedScan(cost: ScanCost, publisher: MetricsPublisher, now: Date, logger: LogPort): Promise<void> {
  if (cost.getMetricDataRequests === 0) return;
  try {
    await publisher.publish(batchMetricData(buildCostMetricData(cost, now)));
  } catch (error) {
    logger.warn('Could not publish the cost of the failed scan', { error: String(error), ...cost });
  }
}
