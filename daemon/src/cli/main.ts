/**
 * The `aarm` command: dispatch only. Each subcommand lives in `commands/NAME.ts` as a thin adapter
 * over the daemon, the client or the engine; `--help` on each says what it does.
 */
import type { Command } from './command.js';
import { dispatch } from './dispatch.js';
import { checkCli } from './commands/check.js';
import { confineCli } from './commands/confine.js';
import { daemonCli } from './commands/daemon.js';
import { doctorCli } from './commands/doctor.js';
import { execCli } from './commands/exec.js';
import { exportCli } from './commands/export.js';
import { approversCli } from './commands/approvers.js';
import { approveCli, pendingCli } from './commands/approve.js';
import { repairCli } from './commands/repair.js';
import { replayCli } from './commands/replay.js';
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
  replay: replayCli,
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
  approve: approveCli,
  pending: pendingCli,
  approvers: approversCli,
  repair: repairCli,
  keys: keysCli,
};

/** The full command table: every command, with the engine, the daemon and the language server. */
export function main(argv: string[]): Promise<number> {
  return dispatch(commands, argv);
}
