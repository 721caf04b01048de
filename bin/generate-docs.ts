/**
 * Regenerates every file derived from code, so that documentation cannot drift from it:
 * - schema/client-config.schema.json, the JSON Schema editors use for clients/*.yaml,
 * - the configuration reference table in README.md,
 * - docs/cis-mapping.md, the CIS v3.0.0 mapping of the security baseline.
 *
 * Run `npm run docs` after changing the config schema or the CIS mapping; tests fail until you do.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { JSON_SCHEMA_PATH, renderClientConfigJsonSchema } from '../lib/config/json-schema';
import { updateReadmeReference } from '../lib/config/reference';
import { renderCisMappingMarkdown } from '../policies/cis-mapping';

const root = path.join(__dirname, '..');
const write = (relative: string, content: string) => {
  fs.mkdirSync(path.dirname(path.join(root, relative)), { recursive: true });
  fs.writeFileSync(path.join(root, relative), content);
};

write(JSON_SCHEMA_PATH, renderClientConfigJsonSchema());
write('README.md', updateReadmeReference(fs.readFileSync(path.join(root, 'README.md'), 'utf8')));
write('docs/cis-mapping.md', renderCisMappingMarkdown());
process.stdout.write(`Wrote ${JSON_SCHEMA_PATH}, the configuration reference in README.md and docs/cis-mapping.md\n`);
