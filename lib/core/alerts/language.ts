/** The languages alerts, the digest, runbooks and dashboard texts are written in (`client.language`). */
export const LANGUAGES = ['en', 'de'] as const;

/** One of {@link LANGUAGES}. */
export type Language = (typeof LANGUAGES)[number];
