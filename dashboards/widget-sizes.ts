/**
 * Named widget sizes: CloudWatch dashboards are 24 units wide. Segments use these names so that
 * every dashboard has the same rhythm (a row of three, a row of four, a full-width chart).
 */
export const Width = {
  FULL: 24,
  HALF: 12,
  THIRD: 8,
  QUARTER: 6,
} as const;

/** Widget heights. */
export const Height = {
  /** A line of text or a single number. */
  SHORT: 4,
  /** A chart or a gauge. */
  MEDIUM: 6,
  /** A chart that needs room (stacked costs, tables). */
  TALL: 8,
  /** The alert runbooks: several pages of text (the widget scrolls). */
  RUNBOOKS: 48,
} as const;
