import { SECURITY_NAMESPACE } from './metrics';

/**
 * The open-findings metric: how many high and critical Security Hub findings are open (active,
 * workflow NEW or NOTIFIED) at the time of a count. Published by the open-findings counter
 * (`lambda/open-findings/`) of clients that share their metrics with the consultant's portfolio,
 * read by the portfolio dashboard. Security Hub imports GuardDuty's findings, so they count too.
 */
export const OPEN_FINDINGS_NAMESPACE = SECURITY_NAMESPACE;
export const OPEN_FINDINGS_METRIC = 'OpenFindings';
/** Dimension: the Security Hub severity label. */
export const OPEN_FINDINGS_DIMENSION = 'Severity';
/** The severities counted, in the order they are published. */
export const COUNTED_SEVERITIES = ['CRITICAL', 'HIGH'] as const;
export type CountedSeverity = (typeof COUNTED_SEVERITIES)[number];
