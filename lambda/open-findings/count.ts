import { COUNTED_SEVERITIES, type CountedSeverity } from '../../lib/core/security/open-findings';

/**
 * Pure parts of the open-findings counter: the GetFindings filter and the counting.
 */

/** The Security Hub filter of an open high or critical finding (AWS Security Finding Format fields). */
export const OPEN_FINDINGS_FILTERS = {
  RecordState: [{ Value: 'ACTIVE', Comparison: 'EQUALS' as const }],
  WorkflowStatus: [
    { Value: 'NEW', Comparison: 'EQUALS' as const },
    { Value: 'NOTIFIED', Comparison: 'EQUALS' as const },
  ],
  SeverityLabel: COUNTED_SEVERITIES.map((label) => ({ Value: label, Comparison: 'EQUALS' as const })),
};

/** Pages of 100 findings read at most per run: 2,000 open findings is far past "needs attention". */
export const MAX_PAGES = 20;

/** A finding as far as the count reads it. */
export interface CountedFinding {
  readonly Severity?: { readonly Label?: string };
}

/** The counts by severity, every counted severity present (0 when none). */
export function countBySeverity(findings: readonly CountedFinding[]): Record<CountedSeverity, number> {
  const counts = Object.fromEntries(COUNTED_SEVERITIES.map((label) => [label, 0])) as Record<CountedSeverity, number>;
  for (const finding of findings) {
    const label = finding.Severity?.Label;
    if (label && (COUNTED_SEVERITIES as readonly string[]).includes(label)) counts[label as CountedSeverity] += 1;
  }
  return counts;
}
