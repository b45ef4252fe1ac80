/**
 * The lean CLI (dist/aarm-lean.js): the commands an agent runs on every tool call or command —
 * the hooks, `aarm shell`, `aarm exec`, `aarm confine`, `aarm status` and the MCP proxy — with the
 * client alone: no policy engine, shell parser, telemetry or language server to load (issue 20).
 * `dist/aarm.js` sends these here and everything else to the full CLI.
 */
import type { Command } from './command.js';
import { confineCli } from './commands/confine.js';
import { execCli } from './commands/exec.js';
import { hookCli } from './commands/hook.js';
import { mcpProxyCli } from './commands/mcp-proxy.js';
import { shellCli } from './commands/shell.js';
import { statusCli } from './commands/status.js';
import { dispatch } from './dispatch.js';

export const LEAN_COMMANDS: Record<string, Command> = {
  hook: hookCli,
  shell: shellCli,
  exec: execCli,
  confine: confineCli,
  status: statusCli,
  'mcp-proxy': mcpProxyCli,
};

export function lean(argv: string[]): Promise<number> {
  return dispatch(LEAN_COMMANDS, argv);
}
