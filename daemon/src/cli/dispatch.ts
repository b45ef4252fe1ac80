/**
 * Running one command of a table: help, version, usage errors and the daemon being down, said the
 * same way by the full CLI (`main.ts`) and the lean one (`lean.ts`).
 */
import { DaemonUnavailableError } from '../client/client.js';
import { DAEMON_VERSION } from '../protocol/wire.js';
import { err, homeDir, out, UsageError, type Command } from './command.js';

export async function dispatch(commands: Record<string, Command>, argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help')
    return help(commands, rest[0]);
  if (name === '--version') {
    out(DAEMON_VERSION);
    return 0;
  }
  const command = Object.hasOwn(commands, name) ? commands[name] : undefined;
  if (command === undefined) {
    err(`aarm: unknown command \`${name}\`; see \`aarm --help\``);
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
    err(`aarm: ${(error as Error).stack ?? String(error)}`);
    return 1;
  }
}

function help(commands: Record<string, Command>, name?: string): number {
  const command = name !== undefined && Object.hasOwn(commands, name) ? commands[name] : undefined;
  if (command !== undefined) {
    out(command.usage);
    return 0;
  }
  const width = Math.max(...Object.keys(commands).map((k) => k.length)) + 1;
  out(`aarm ${DAEMON_VERSION}: stands between AI agents and the machine

usage: aarm <command> [options]   (aarm <command> --help for more)

${Object.entries(commands)
  .map(([n, c]) => `  ${n.padEnd(width)} ${c.summary}`)
  .join('\n')}

State directory: $AARM_HOME (now ${homeDir()})`);
  return 0;
}
