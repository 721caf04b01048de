/**
 * Regenerates every file derived from code, so that documentation cannot drift from it:
 * - schema/client-config.schema.json, the JSON Schema editors use for clients/*.yaml, and
 *   schema/consultant-config.schema.json for clients/_consultant.yaml,
 * - the configuration reference table in README.md,
 * - docs/cis-mapping.md, the CIS v3.0.0 mapping of the security baseline,
 * - docs/runbooks/, one runbook per alert kind and language, from the alert catalogue.
 *
 * Run `npm run docs` after changing the config schema, the CIS mapping or the alert catalogue;
 * tests fail until you do.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { type CommandOutput, parseCommandLine, runAsScript } from '../lib/app/command-line';
import {
  CONSULTANT_JSON_SCHEMA_PATH,
  JSON_SCHEMA_PATH,
  renderClientConfigJsonSchema,
  renderConsultantConfigJsonSchema,
} from '../lib/core/config/json-schema';
import { updateReadmeReference } from '../lib/core/config/reference';
import { renderCisMappingMarkdown } from '../policies/cis-mapping';
import { REPO_ROOT } from '../lib/core/paths';
import { runbookFiles } from '../lib/core/alerts/runbooks';

const USAGE = `Usage: npm run docs

Regenerates ${JSON_SCHEMA_PATH}, ${CONSULTANT_JSON_SCHEMA_PATH}, the configuration reference in README.md, docs/cis-mapping.md
and the alert runbooks in docs/runbooks/ from the code (run it after changing the config schema,
the CIS mapping or the alert catalogue).

Options:
  -h, --help  print this text`;

/** The script: writes the generated files under `root`. */
export function main(argv: readonly string[], root: string = REPO_ROOT): CommandOutput {
  const parsed = parseCommandLine(argv, { usage: USAGE, options: {} });
  if (parsed.kind === 'exit') return parsed.output;
  const write = (relative: string, content: string) => {
    fs.mkdirSync(path.dirname(path.join(root, relative)), { recursive: true });
    fs.writeFileSync(path.join(root, relative), content);
  };
  write(JSON_SCHEMA_PATH, renderClientConfigJsonSchema());
  write(CONSULTANT_JSON_SCHEMA_PATH, renderConsultantConfigJsonSchema());
  write('README.md', updateReadmeReference(fs.readFileSync(path.join(root, 'README.md'), 'utf8')));
  write('docs/cis-mapping.md', renderCisMappingMarkdown());
  for (const file of runbookFiles()) write(file.path, file.content);
  return {
    exitCode: 0,
    stdout: `Wrote ${JSON_SCHEMA_PATH}, ${CONSULTANT_JSON_SCHEMA_PATH}, the configuration reference in README.md, docs/cis-mapping.md and docs/runbooks/\n`,
    stderr: '',
  };
}

if (require.main === module) runAsScript(main);
