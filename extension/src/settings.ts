/**
 * Settings under `aarm.`. Every one that could weaken protection is machine-scoped in the
 * manifest, and read here from the user's own settings only: a workspace (which an agent can
 * write to) can never loosen policy, turn approvals off or point the extension at another daemon.
 */
import { homedir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';

export function setting<T>(name: string, fallback: T): T {
  const inspected = vscode.workspace.getConfiguration('aarm').inspect<T>(name);
  return inspected?.globalValue ?? inspected?.defaultValue ?? fallback;
}

/** The daemon's state directory: `aarm.home`, else $AARM_HOME, else ~/.local/state/aarm (as the CLI). */
export function homeDir(): string {
  const configured = setting<string>('home', '');
  if (configured) return configured.replace(/^~(?=$|\/)/, homedir());
  if (process.env.AARM_HOME) return process.env.AARM_HOME;
  return join(process.env.XDG_STATE_HOME || join(homedir(), '.local', 'state'), 'aarm');
}

/** The Node.js that runs the daemon, the CLI and the language server (never Electron's). */
export function nodePath(): string {
  return setting<string>('nodePath', '') || 'node';
}
