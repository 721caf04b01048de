import * as z from 'zod/mini';
import { clientConfigSchema } from './schema';

/** Where the generated JSON Schema is committed, relative to the repository root. */
export const JSON_SCHEMA_PATH = 'schema/client-config.schema.json';

/**
 * The JSON Schema of a client file, generated from the zod schema so the two never disagree.
 *
 * Draft-07, because that is what the YAML language server (VS Code, JetBrains, Neovim) checks
 * best. It describes the input: optional fields stay optional, defaults are shown as defaults.
 */
export function clientConfigJsonSchema(): Record<string, unknown> {
  const generated = z.toJSONSchema(clientConfigSchema, {
    io: 'input',
    target: 'draft-07',
    unrepresentable: 'any',
    override: ({ jsonSchema }) => {
      // Tag patterns use Unicode classes (\p{L}), which JSON Schema regexes (no `u` flag) read
      // differently; leave those to the loader rather than let editors flag valid tags.
      if (typeof jsonSchema.pattern === 'string' && jsonSchema.pattern.includes('\\p{')) delete jsonSchema.pattern;
    },
  });
  return {
    ...generated,
    $id: 'https://landing-zone-finops.local/client-config.schema.json',
    title: 'Client configuration',
    description:
      'One client of the landing zone and FinOps platform: clients/<name>.yaml. Generated from lib/core/config/schema.ts by `npm run docs`; do not edit by hand.',
  };
}

/** The schema file's exact content (stable key order, trailing newline). */
export function renderClientConfigJsonSchema(): string {
  return `${JSON.stringify(clientConfigJsonSchema(), null, 2)}\n`;
}
