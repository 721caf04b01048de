/**
 * The metric the alert notifier's daily check publishes: alert subscriptions still pending
 * confirmation, per topic (dimension `Topic`: security, finops, operations). The notifier writes
 * it, its IAM condition names the namespace, the operations dashboard reads it.
 */
export const PENDING_SUBSCRIPTIONS_METRIC = {
  namespace: 'LandingZone/Alerts',
  metricName: 'PendingSubscriptions',
  dimension: 'Topic',
} as const;
