/**
 * The namespace of the security metrics the baseline publishes: the counts of new findings by
 * severity (metric filters of `FindingMetrics`) and of open findings (the open-findings counter).
 * Defined once: the constructs that publish, the portfolio that reads and the link that shares it.
 */
export const SECURITY_NAMESPACE = 'LandingZone/Security';
