import { CATALOGUE_DE } from './catalogue-de';
import { CATALOGUE_EN } from './catalogue-en';
import type { Catalogue } from './catalogue-types';
import type { Language } from './language';

export * from './catalogue-types';

/** The texts of alerts and runbooks, one catalogue per language. */
const CATALOGUES: Readonly<Record<Language, Catalogue>> = { en: CATALOGUE_EN, de: CATALOGUE_DE };

/** The catalogue of `language`. */
export function catalogue(language: Language): Catalogue {
  return CATALOGUES[language];
}
