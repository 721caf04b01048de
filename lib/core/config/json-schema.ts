import * as z from 'zod/mini';
import { consultantSchema } from './consultant-schema';
import { clientConfigSchema } from './schema';

/** Where the generated JSON Schema is committed, relative to the repository root. */
export const JSON_SCHEMA_PATH = 'schema/client-config.schema.json';

/** Where the consultant file's JSON Schema is committed (`clients/_consultant.yaml`). */
export const CONSULTANT_JSON_SCHEMA_PATH = 'schema/consultant-config.schema.json';

/**
 * The JSON Schema of a client file, generated from the zod schema so the two never disagree.
 *
 * Draft-07, because that is what the YAML language server (VS Code, JetBrains, Neovim) checks
 * best. It describes the input: optional fields stay optional, defaults are shown as defaults.
 */
export function clientConfigJsonSchema(): Record<string, unknown> {
  return {
    ...editorSchema(clientConfigSchema),
    $id: 'https://landing-zone-finops.local/client-config.schema.json',
    title: 'Client configuration',
    description:
      'One client of the landing zone and FinOps platform: clients/<name>.yaml. Generated from lib/core/config/schema.ts by `npm run docs`; do not edit by hand.',
  };
}

/** The JSON Schema of the consultant file, `clients/_consultant.yaml`, likewise generated. */
export function consultantConfigJsonSchema(): Record<string, unknown> {
  return {
    ...editorSchema(consultantSchema),
    $id: 'https://landing-zone-finops.local/consultant-config.schema.json',
    title: 'Consultant configuration',
    description:
      "The consultant's own account and portfolio: clients/_consultant.yaml. Generated from lib/core/config/consultant-schema.ts by `npm run docs`; do not edit by hand.",
  };
}

/** The consultant schema file's exact content. */
export function renderConsultantConfigJsonSchema(): string {
  return `${JSON.stringify(consultantConfigJsonSchema(), null, 2)}\n`;
}

/** A zod schema's input as draft-07 JSON Schema, for editors. */
function editorSchema(schema: z.ZodMiniType): Record<string, unknown> {
  return z.toJSONSchema(schema, {
    io: 'input',
    target: 'draft-07',
    unrepresentable: 'any',
    override: ({ jsonSchema }) => {
      // Tag patterns use Unicode classes (\p{L}), which JSON Schema regexes (no `u` flag) read
      // differently; leave those to the loader rather than let editors flag valid tags.
      if (typeof jsonSchema.pattern === 'string' && jsonSchema.pattern.includes('\\p{')) delete jsonSchema.pattern;
    },
  }) as Record<string, unknown>;
}

/** The schema file's exact content (stable key order, trailing newline). */
export function renderClientConfigJsonSchema(): string {
  return `${JSON.stringify(clientConfigJsonSchema(), null, 2)}\n`;
}
