import * as fs from 'node:fs';
import * as path from 'node:path';
import { LineCounter, parseDocument, isNode } from 'yaml';
import * as z from 'zod/mini';
import { ClientConfig, clientConfigSchema } from './schema';
import { repoPath } from '../paths';

/** Where client files live, relative to the repository root. */
export const DEFAULT_CLIENTS_DIR = repoPath('clients');

/** One problem in a client file. */
export interface ConfigProblem {
  /** YAML path in dotted form, e.g. `accounts[0].id` (empty for the whole file). */
  readonly path: string;
  /** 1-based line in the file, when the YAML node (or its nearest parent) could be found. */
  readonly line?: number;
  /** The value found at that path, as JSON; `undefined` when the key is missing. */
  readonly received?: string;
  /** What is wrong and what is allowed. */
  readonly message: string;
}

/**
 * A client file that cannot be used. The message lists every problem at once, each with its
 * YAML path, line, received value and what is allowed, so a user fixes them in one pass.
 */
export class ConfigError extends Error {
  constructor(
    readonly source: string,
    readonly problems: readonly ConfigProblem[],
  ) {
    super(formatProblems(source, problems));
    this.name = 'ConfigError';
  }
}

function formatProblems(source: string, problems: readonly ConfigProblem[]): string {
  const count = problems.length === 1 ? '1 problem' : `${problems.length} problems`;
  const lines = problems.map((problem) => {
    const where = `${problem.path || '(file)'}${problem.line ? ` (line ${problem.line})` : ''}`;
    const received = problem.received === undefined ? '' : ` (received ${problem.received})`;
    return `  - ${where}: ${problem.message}${received}`;
  });
  return `${source}: ${count}:\n${lines.join('\n')}`;
}

/** Renders a zod path the way a YAML user reads it: `accounts[0].homeRegion`. */
export function formatPath(segments: readonly PropertyKey[]): string {
  return segments
    .map((segment, index) => {
      if (typeof segment === 'number') return `[${segment}]`;
      const name = String(segment);
      return index === 0 ? name : `.${name}`;
    })
    .join('');
}

function describeValue(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  const json = JSON.stringify(value);
  if (json === undefined) return String(value);
  return json.length > 80 ? `${json.slice(0, 77)}...` : json;
}

/**
 * Parses and validates the text of a client file.
 *
 * @param yamlText the file's content
 * @param source the name used in error messages (the file path)
 * @param expectedName when given, `client.name` must equal it (the file's base name)
 * @throws ConfigError listing every problem found
 */
export function parseClientConfig(yamlText: string, source: string, expectedName?: string): ClientConfig {
  const { data, problems, lineOf } = parseWithSchema(yamlText, source, clientConfigSchema);
  if (data !== undefined && expectedName !== undefined && data.client.name !== expectedName) {
    problems.push({
      path: 'client.name',
      line: lineOf(['client', 'name']),
      received: describeValue(data.client.name),
      message: `must equal the file name "${expectedName}" (stack names start with it, so a copied file that keeps another client's name would deploy over that client's stacks)`,
    });
  }
  if (problems.length > 0 || data === undefined) {
    // In file order, so the list reads top to bottom like the YAML (sort is stable).
    problems.sort((a, b) => (a.line ?? Number.MAX_SAFE_INTEGER) - (b.line ?? Number.MAX_SAFE_INTEGER));
    throw new ConfigError(source, problems);
  }
  return data;
}

/**
 * Parses YAML and validates it with a schema: the data, or every problem with its path, line and
 * received value. Client files and the consultant's file go through it.
 *
 * @throws ConfigError when the text is not valid YAML
 */
export function parseWithSchema<T>(
  yamlText: string,
  source: string,
  schema: z.ZodMiniType<T>,
): { data?: T; problems: ConfigProblem[]; lineOf: (segments: readonly PropertyKey[]) => number | undefined } {
  const lineCounter = new LineCounter();
  const document = parseDocument(yamlText, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (document.errors.length > 0) {
    throw new ConfigError(
      source,
      document.errors.map((error) => ({
        path: '',
        line: lineCounter.linePos(error.pos[0]).line,
        message: `is not valid YAML: ${error.message.split('\n')[0]}`,
      })),
    );
  }
  const input: unknown = document.toJS() ?? {};
  const lineOf = (segments: readonly PropertyKey[]): number | undefined => {
    // The nearest node that exists: a missing key is reported at its parent mapping.
    for (let depth = segments.length; depth >= 0; depth--) {
      const node = document.getIn(segments.slice(0, depth) as unknown[], true);
      if (isNode(node) && node.range) return lineCounter.linePos(node.range[0]).line;
    }
    return undefined;
  };
  const result = schema.safeParse(input, { reportInput: true, error: fallbackMessage });
  if (result.success) return { data: result.data, problems: [], lineOf };
  return { problems: result.error.issues.map((issue) => toProblem(issue, lineOf)), lineOf };
}

function toProblem(issue: z.core.$ZodIssue, lineOf: (segments: readonly PropertyKey[]) => number | undefined): ConfigProblem {
  const received =
    issue.code === 'unrecognized_keys' ? issue.keys.map((key) => JSON.stringify(key)).join(', ') : describeValue(issue.input);
  return { path: formatPath(issue.path), line: lineOf(issue.path), received, message: issue.message };
}

/** Messages for issues that no field customised: still say what is expected. */
function fallbackMessage(issue: z.core.$ZodRawIssue): string | undefined {
  if (issue.code === 'invalid_type') {
    return issue.input === undefined ? 'is required' : `must be of type ${issue.expected}`;
  }
  return undefined;
}

/** Names of the clients that have a file in the clients directory. */
export function listClients(clientsDir: string = DEFAULT_CLIENTS_DIR): string[] {
  if (!fs.existsSync(clientsDir)) return [];
  return (
    fs
      .readdirSync(clientsDir)
      .filter((file) => file.endsWith('.yaml'))
      .map((file) => file.slice(0, -'.yaml'.length))
      // `_consultant.yaml` (the consultant's own portfolio account) is not a client.
      .filter((name) => !name.startsWith('_'))
      .sort()
  );
}

/** How the user names a client on the command line that reads it, for error messages. */
export type ClientFlag = '-c client=<name>' | '--client <name>';

/**
 * Loads `clients/<name>.yaml`, validated, with defaults filled in.
 *
 * @param name the client's name (the file's base name)
 * @param clientsDir where client files live
 * @param flag how the calling command takes the client's name: `cdk synth -c client=<name>` (default)
 *   or a script's `--client <name>`; the "no such client" message says which to use
 * @throws ConfigError when the client has no file (listing the clients that exist) or the file
 *   is invalid (listing every problem)
 */
export function loadClientConfig(
  name: string,
  clientsDir: string = DEFAULT_CLIENTS_DIR,
  flag: ClientFlag = '-c client=<name>',
): ClientConfig {
  const file = path.join(clientsDir, `${name}.yaml`);
  const relative = path.relative(process.cwd(), file) || file;
  if (!/^[a-z0-9-]+$/.test(name) || !fs.existsSync(file)) {
    const existing = listClients(clientsDir);
    throw new ConfigError(relative, [
      {
        path: '',
        received: JSON.stringify(name),
        message: `no such client. Clients that exist: ${existing.join(', ') || '(none)'}. Pick one with ${flag}, or add clients/${name}.yaml by copying clients/example.yaml`,
      },
    ]);
  }
  return parseClientConfig(fs.readFileSync(file, 'utf8'), relative, name);
}
