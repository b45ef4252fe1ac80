/**
 * Running one command of a table: help, version, usage errors and the daemon being down, said the
 * same way by the full CLI (`main.ts`) and the lean one (`lean.ts`).
 */
import { DaemonUnavailableError } from '../client/client.js';
import { DAEMON_VERSION } from '../protocol/wire.js';
import { closest, err, homeDir, out, UsageError, type Command } from './command.js';

export async function dispatch(commands: Record<string, Command>, argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  // Bare `aarm` is a usage mistake (exit 2): the list goes to stderr, where a script will see it.
  if (name === undefined) return (help(commands, undefined, err), 2);
  if (name === '--help' || name === '-h' || name === 'help') return help(commands, rest[0]);
  if (name === '--version') {
    out(DAEMON_VERSION);
    return 0;
  }
  const command = Object.hasOwn(commands, name) ? commands[name] : undefined;
  if (command === undefined) {
    const near = closest(name, Object.keys(commands));
    err(
      `aarm: unknown command \`${name}\`${near ? ` (did you mean \`aarm ${near}\`?)` : ''}; see \`aarm --help\``,
    );
    return 2;
  }
  try {
    return await command.run(rest);
  } catch (error) {
    if (error instanceof UsageError) {
      err(`aarm ${name}: ${error.message}`);
      err(`usage: ${command.usage.split('\n')[0]}`);
      return 2;
    }
    if (error instanceof DaemonUnavailableError) {
      err(`aarm: ${error.message}`);
      return 1;
    }
    // A file that is not there or cannot be read is the user's to fix, not a bug: no stack trace.
    const code = (error as { code?: unknown }).code;
    if (typeof code === 'string' && /^E[A-Z]+$/.test(code)) {
      err(`aarm ${name}: ${(error as Error).message}`);
      return 1;
    }
    err(`aarm: ${(error as Error).stack ?? String(error)}`);
    return 1;
  }
}

function help(commands: Record<string, Command>, name?: string, print = out): number {
  const command = name !== undefined && Object.hasOwn(commands, name) ? commands[name] : undefined;
  if (command !== undefined) {
    print(command.usage);
    return 0;
  }
  const width = Math.max(...Object.keys(commands).map((k) => k.length)) + 1;
  print(`aarm ${DAEMON_VERSION}: stands between AI agents and the machine

usage: aarm <command> [options]   (aarm <command> --help for more)

${Object.entries(commands)
  .map(([n, c]) => `  ${n.padEnd(width)} ${c.summary}`)
  .join('\n')}

State directory: $AARM_HOME (now ${homeDir()})`);
  return 0;
}
