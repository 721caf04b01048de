import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv from 'ajv';
import { parse } from 'yaml';
import {
  CONSULTANT_JSON_SCHEMA_PATH,
  JSON_SCHEMA_PATH,
  clientConfigJsonSchema,
  consultantConfigJsonSchema,
  renderClientConfigJsonSchema,
  renderConsultantConfigJsonSchema,
} from '../../../../lib/core/config/json-schema';
import { renderConfigReference, updateReadmeReference } from '../../../../lib/core/config/reference';
import { MALFORMED_CONFIGS, malformedInput } from '../../../fixtures/malformed-configs';
import { CLIENT_DIRS, ROOT } from '../../../helpers';

const clientFiles = CLIENT_DIRS.flatMap((dir) =>
  fs
    .readdirSync(dir)
    // Client files only: `_consultant.yaml` has its own schema (lib/core/config/consultant-schema.ts).
    .filter((f) => f.endsWith('.yaml') && !f.startsWith('_'))
    .map((f) => path.join(dir, f)),
);

describe('generated JSON Schema', () => {
  test('the committed schema matches the zod schema (run `npm run docs` if not)', () => {
    expect(fs.readFileSync(path.join(ROOT, JSON_SCHEMA_PATH), 'utf8')).toBe(renderClientConfigJsonSchema());
  });

  test.each(clientFiles.map((f) => [path.relative(ROOT, f), f]))('%s points editors at the schema', (_name, file) => {
    const firstLine = fs.readFileSync(file, 'utf8').split('\n')[0];
    const match = /^# yaml-language-server: \$schema=(.+)$/.exec(firstLine);
    expect(match).not.toBeNull();
    expect(path.resolve(path.dirname(file), match![1])).toBe(path.join(ROOT, JSON_SCHEMA_PATH));
  });

  // An editor must accept what the loader accepts and flag the structural mistakes it rejects.
  const validate = new Ajv({ allErrors: true, strict: false, validateFormats: false }).compile(clientConfigJsonSchema());

  test.each(clientFiles.map((f) => [path.relative(ROOT, f), f]))('%s is valid against the JSON Schema', (_name, file) => {
    const valid = validate(parse(fs.readFileSync(file, 'utf8')));
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  test.each(
    MALFORMED_CONFIGS.filter((c) =>
      /unknown key|11 digits|as a number|unknown region|no accounts|not a slug|not a boolean|missing required/.test(c.name),
    ).map((c) => [c.name, c] as const),
  )('the JSON Schema also rejects: %s', (_name, malformed) => {
    expect(validate(malformedInput(malformed))).toBe(false);
  });
});

describe("the consultant file's JSON Schema", () => {
  const consultantFiles = CLIENT_DIRS.map((dir) => path.join(dir, '_consultant.yaml')).filter((file) => fs.existsSync(file));
  const validate = new Ajv({ allErrors: true, strict: false, validateFormats: false }).compile(consultantConfigJsonSchema());

  test('is committed as generated (run `npm run docs` if not), and there is a consultant file to check', () => {
    expect(fs.readFileSync(path.join(ROOT, CONSULTANT_JSON_SCHEMA_PATH), 'utf8')).toBe(renderConsultantConfigJsonSchema());
    expect(consultantFiles.length).toBeGreaterThan(0);
  });

  test.each(consultantFiles.map((f) => [path.relative(ROOT, f), f]))('%s points editors at it and is valid against it', (_name, file) => {
    const text = fs.readFileSync(file, 'utf8');
    const match = /^# yaml-language-server: \$schema=(.+)$/.exec(text.split('\n')[0]);
    expect(match).not.toBeNull();
    expect(path.resolve(path.dirname(file), match![1])).toBe(path.join(ROOT, CONSULTANT_JSON_SCHEMA_PATH));
    const valid = validate(parse(text));
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  test('flags what the loader refuses: an unknown key, an account id with 11 digits', () => {
    const file = consultantFiles[0];
    const input = parse(fs.readFileSync(file, 'utf8'));
    expect(validate({ ...input, consultant: { ...input.consultant, acountId: '900000000001' } })).toBe(false);
    expect(validate({ ...input, consultant: { ...input.consultant, accountId: '90000000000' } })).toBe(false);
  });
});

describe('configuration reference in the README', () => {
  test('is in sync with the schema (run `npm run docs` if not)', () => {
    const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    expect(updateReadmeReference(readme)).toBe(readme);
  });

  test('documents every key, with its default', () => {
    const reference = renderConfigReference();
    expect(reference).toContain('| `accounts[].id` | string | yes |');
    expect(reference).toContain('| `network.enabled` | boolean |  | `false` |');
    expect(reference).toContain('| `finops.budgets[].thresholds[].basis` |');
  });
});
