import { IConstruct } from 'constructs';
import { LANGUAGE_CONTEXT, LANGUAGES, type Language } from '../../lib/core/alerts/language';

/**
 * The language of the platform's texts in `scope`'s app: the `landing-zone:language` context that
 * `buildApp` sets from `client.language`, English when unset (a construct outside a client's app).
 */
export function languageOf(scope: IConstruct): Language {
  const value: unknown = scope.node.tryGetContext(LANGUAGE_CONTEXT);
  if (value === undefined) return 'en';
  if (typeof value !== 'string' || !(LANGUAGES as readonly string[]).includes(value)) {
    throw new Error(
      `${scope.node.path}: the context ${LANGUAGE_CONTEXT} must be one of ${LANGUAGES.join(', ')} (received ${JSON.stringify(value)})`,
    );
  }
  return value as Language;
}
