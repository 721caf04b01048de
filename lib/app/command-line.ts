import { parseArgs, type ParseArgsConfig } from 'node:util';

/**
 * Strict argument parsing for the repository's scripts (`npm run cost-estimate -- --client acme`),
 * on `node:util` `parseArgs`: `--client acme` and `--client=acme` both work, an unknown flag, a
 * flag without its value or a stray word is an error, and `--help` prints the usage.
 */

/** What a script accepts: its usage text and its options (every script also takes `--help`). */
export interface CommandSpec {
  /** The usage text printed by `--help` and after a usage error, e.g. `npm run x -- --client <name>`. */
  readonly usage: string;
  /** The options, as `parseArgs` takes them (without `help`). */
  readonly options: NonNullable<ParseArgsConfig['options']>;
}

/** The outcome of parsing: the values, or the text to print and the exit code. */
export type ParsedCommandLine =
  | { readonly kind: 'run'; readonly values: Record<string, string | boolean | undefined> }
  | { readonly kind: 'exit'; readonly output: CommandOutput };

/** Exit code of a usage error (as `cdk` and most Unix tools use it). */
export const USAGE_ERROR_EXIT_CODE = 2;

/**
 * Parses a script's arguments. `--help` asks for the usage (exit 0); anything `parseArgs` rejects
 * in strict mode is a usage error (exit 2) whose message names the argument.
 */
export function parseCommandLine(argv: readonly string[], spec: CommandSpec): ParsedCommandLine {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: { ...spec.options, help: { type: 'boolean', short: 'h' } },
      strict: true,
      allowPositionals: false,
    }) as { values: Record<string, string | boolean | undefined> });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return {
      kind: 'exit',
      output: { exitCode: USAGE_ERROR_EXIT_CODE, stdout: '', stderr: `${explain(message, argv)}\n\n${spec.usage}\n` },
    };
  }
  if (values.help === true) return { kind: 'exit', output: { exitCode: 0, stdout: `${spec.usage}\n`, stderr: '' } };
  return { kind: 'run', values };
}

/** parseArgs' message, plus the likely slip: the `cdk` context flag given to a script. */
function explain(message: string, argv: readonly string[]): string {
  const cdkFlag = argv.findIndex((arg) => arg === '-c' || arg === '--context');
  if (cdkFlag >= 0) {
    const client = /^client=(.+)$/.exec(argv[cdkFlag + 1] ?? '')?.[1];
    return `${message}\n-c is the cdk flag (npx cdk synth -c client=<name>); this script takes --client ${client ?? '<name>'}.`;
  }
  return message;
}

/** What a script prints and how it exits. */
export interface CommandOutput {
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs a script's `main` on the process's arguments and writes its output: the one place that
 * touches `process` for the scripts, so that their `main` runs in-process in the tests.
 */
export function runAsScript(main: (argv: readonly string[]) => CommandOutput | Promise<CommandOutput>): void {
  void Promise.resolve(main(process.argv.slice(2))).then((output) => {
    process.stdout.write(output.stdout);
    process.stderr.write(output.stderr);
    process.exitCode = output.exitCode;
  });
}
