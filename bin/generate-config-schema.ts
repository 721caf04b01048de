/**
 * Regenerates what is derived from the config schema (lib/config/schema.ts):
 * - schema/client-config.schema.json, the JSON Schema editors use for clients/*.yaml,
 * - the configuration reference table in README.md.
 *
 * Run `npm run config-schema` after changing the schema; a test fails until you do.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { JSON_SCHEMA_PATH, renderClientConfigJsonSchema } from '../lib/config/json-schema';
import { updateReadmeReference } from '../lib/config/reference';

const root = path.join(__dirname, '..');
fs.mkdirSync(path.dirname(path.join(root, JSON_SCHEMA_PATH)), { recursive: true });
fs.writeFileSync(path.join(root, JSON_SCHEMA_PATH), renderClientConfigJsonSchema());

const readmePath = path.join(root, 'README.md');
fs.writeFileSync(readmePath, updateReadmeReference(fs.readFileSync(readmePath, 'utf8')));
process.stdout.write(`Wrote ${JSON_SCHEMA_PATH} and the configuration reference in README.md\n`);
