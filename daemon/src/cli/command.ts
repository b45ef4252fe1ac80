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
    // Node's text for an unknown option quotes unevenly and suggests `--`: say it plainly, with the nearest option.
    const unknown = /^Unknown option '([^']+)'/.exec((error as Error).message)?.[1];
    if (unknown !== undefined) {
      const known = Object.keys({ ...options, ...HELP }).map((o) => `--${o}`);
      const near = closest(unknown, known);
      throw new UsageError(`unknown option \`${unknown}\`${near ? ` (did you mean \`${near}\`?)` : ''}`);
    }
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

/** The candidate nearest to `word` by edit distance, if it is near enough to be a slip. */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: { candidate: string; distance: number } | undefined;
  for (const candidate of candidates) {
    const distance = editDistance(word, candidate);
    if (best === undefined || distance < best.distance) best = { candidate, distance };
  }
  return best && best.distance <= Math.max(1, Math.floor(best.candidate.length / 3))
    ? best.candidate
    : undefined;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++)
      row[j] = Math.min(
        previous[j]! + 1,
        row[j - 1]! + 1,
        previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    previous = row;
  }
  return previous[b.length]!;
}
