import type { Severity } from '../alerts/catalogue-types';

/**
 * GuardDuty's severity scores as labels: low 1.0-3.9, medium 4.0-6.9, high 7.0-8.9, critical
 * 9.0-10.0 (GuardDuty User Guide, "Severity levels of GuardDuty findings"). Shared by the alert
 * notifier and the monthly report.
 */
export function guardDutySeverity(score: number): Severity {
  if (score >= 9) return 'CRITICAL';
  if (score >= 7) return 'HIGH';
  if (score >= 4) return 'MEDIUM';
  return 'LOW';
}

/** The lowest score of a high finding. */
export const GUARD_DUTY_HIGH_SCORE = 7;
