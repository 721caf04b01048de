/** The languages alerts, the digest, runbooks and dashboard texts are written in (`client.language`). */
export const LANGUAGES = ['en', 'de'] as const;

/** One of {@link LANGUAGES}. */
export type Language = (typeof LANGUAGES)[number];

/**
 * The CDK context key that carries `client.language` to every construct of a client's app
 * (`buildApp` sets it on the App): the platform's own alarm texts read it through
 * `languageOf` (constructs/shared/language.ts) instead of a prop on every construct.
 */
export const LANGUAGE_CONTEXT = 'landing-zone:language';
