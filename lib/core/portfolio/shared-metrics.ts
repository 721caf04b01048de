import { FINOPS_NAMESPACE } from '../finops/metrics';
import { SECURITY_NAMESPACE } from '../security/metrics';
import { BACKUP_NAMESPACE } from '../backup/metrics';

/**
 * What a client shares with the consultant's portfolio (README, "Portfolio: what is shared"):
 * CloudWatch metrics of these namespaces only. The platform's FinOps metrics (costs, budgets,
 * waste, the collectors' health), its security metrics (counts of new findings by severity) and
 * AWS Backup's job counts: numbers about the landing zone, no personal data, no resource names
 * beyond budget names and backup vault names.
 */
export const SECURITY_METRIC_NAMESPACE = SECURITY_NAMESPACE;
export const BACKUP_METRIC_NAMESPACE = BACKUP_NAMESPACE;
export const SHARED_METRIC_NAMESPACES: readonly string[] = [FINOPS_NAMESPACE, SECURITY_METRIC_NAMESPACE, BACKUP_METRIC_NAMESPACE];
