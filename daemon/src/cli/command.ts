/**
 * What every `aarm` subcommand shares: the command shape, argument parsing, usage errors, output.
 */
import { homedir } from 'node:os';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { resolveHomeDir } from '../state/home.js';

/** Exit codes of `aarm exec` when the command did not run. */
export const EXIT_DENIED = 126;
export const EXIT_UNAVAILABLE = 125;

export interface Command {
  summary: string;
  usage: string;
  run(args: string[]): Promise<number> | number;
}

export const out = (line: string) => process.stdout.write(`${line}\n`);
export const err = (line: string) => process.stderr.write(`${line}\n`);

/** A mistake in how the command was called: printed with the command's usage line, exit 2. */
export class UsageError extends Error {}

type Options = NonNullable<ParseArgsConfig['options']>;
export const HELP = { help: { type: 'boolean', short: 'h' } } as const;

type Parsed<T extends Options> = ReturnType<
  typeof parseArgs<{ args: string[]; options: T & typeof HELP; allowPositionals: true; strict: true }>
>;

export function parse<const T extends Options>(args: string[], options: T): Parsed<T> {
  try {
    return parseArgs({
      args,
      options: { ...options, ...HELP },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    throw new UsageError((error as Error).message.replace(/\.$/, '').replace(/^./, (c) => c.toLowerCase()));
  }
}

export const homeDir = () => resolveHomeDir();

export const installOptions = (project: boolean) => ({
  project,
  cwd: process.cwd(),
  home: homedir(),
  env: process.env,
  out,
  err,
});

export function hookSeconds(flag: string, text: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 5 || value > 86_400)
    throw new UsageError(`${flag}: \`${text}\` is not a whole number of seconds from 5 to 86400`);
  return value;
}

/** `aarm COMMAND --help`. */
export function showUsage(command: Command): number {
  out(command.usage);
  return 0;
}
