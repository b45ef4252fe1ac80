/**
 * The `aarm` command: dispatch only. Each subcommand lives in `commands/NAME.ts` as a thin adapter
 * over the daemon, the client or the engine; `--help` on each says what it does.
 */
import { DaemonUnavailableError } from '../client/client.js';
import { DAEMON_VERSION } from '../protocol/index.js';
import { err, homeDir, out, UsageError, type Command } from './command.js';
import { checkCli } from './commands/check.js';
import { confineCli } from './commands/confine.js';
import { daemonCli } from './commands/daemon.js';
import { doctorCli } from './commands/doctor.js';
import { execCli } from './commands/exec.js';
import { exportCli } from './commands/export.js';
import { approversCli } from './commands/approvers.js';
import { repairCli } from './commands/repair.js';
import { grantsCli } from './commands/grants.js';
import { hookCli } from './commands/hook.js';
import { installCli } from './commands/install.js';
import { keysCli } from './commands/keys.js';
import { lspCli } from './commands/lsp.js';
import { mcpProxyCli } from './commands/mcp-proxy.js';
import { policyCli } from './commands/policy.js';
import { shellCli } from './commands/shell.js';
import { statusCli } from './commands/status.js';
import { uninstallCli } from './commands/uninstall.js';
import { verifyCli } from './commands/verify.js';

const commands: Record<string, Command> = {
  daemon: daemonCli,
  status: statusCli,
  exec: execCli,
  confine: confineCli,
  check: checkCli,
  export: exportCli,
  verify: verifyCli,
  policy: policyCli,
  lsp: lspCli,
  hook: hookCli,
  install: installCli,
  uninstall: uninstallCli,
  doctor: doctorCli,
  shell: shellCli,
  'mcp-proxy': mcpProxyCli,
  grants: grantsCli,
  approvers: approversCli,
  repair: repairCli,
  keys: keysCli,
};

function help(name?: string): number {
  const command = name !== undefined && Object.hasOwn(commands, name) ? commands[name] : undefined;
  if (command !== undefined) {
    out(command.usage);
    return 0;
  }
  out(`aarm ${DAEMON_VERSION}: stands between AI agents and the machine

usage: aarm <command> [options]   (aarm <command> --help for more)

${Object.entries(commands)
  .map(([n, c]) => `  ${n.padEnd(Math.max(...Object.keys(commands).map((k) => k.length)) + 1)} ${c.summary}`)
  .join('\n')}

State directory: $AARM_HOME (now ${homeDir()})`);
  return 0;
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') return help(rest[0]);
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
