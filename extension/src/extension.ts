/**
 * The VS Code extension (skeleton): tells the user whether the daemon of their AARM_HOME is
 * running. Approvals, the receipt timeline, export and policy diagnostics come in later issues.
 * INVARIANT: no native modules here; the extension host is Electron's Node.
 */
import * as vscode from 'vscode';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';

function homeDir(): string {
  const configured = vscode.workspace.getConfiguration('aarm').get<string>('home');
  if (configured) return configured;
  if (process.env.AARM_HOME) return process.env.AARM_HOME;
  return join(process.env.XDG_STATE_HOME || join(homedir(), '.local', 'state'), 'aarm');
}

function daemonPid(dir: string): number | undefined {
  try {
    const info = JSON.parse(readFileSync(join(dir, 'daemon.json'), 'utf8')) as { pid?: unknown };
    if (typeof info.pid !== 'number') return undefined;
    process.kill(info.pid, 0);
    return info.pid;
  } catch {
    return undefined;
  }
}

export function activate(context: vscode.ExtensionContext): void {
  const log = vscode.window.createOutputChannel('AARM', { log: true });
  context.subscriptions.push(
    log,
    vscode.commands.registerCommand('aarm.showDaemonStatus', async () => {
      const dir = homeDir();
      const pid = daemonPid(dir);
      log.info(`AARM_HOME=${dir} daemon pid=${pid ?? 'none'}`);
      if (pid !== undefined)
        await vscode.window.showInformationMessage(`AARM daemon is running (pid ${pid}).`);
      else
        await vscode.window.showWarningMessage(
          'AARM daemon is not running — start it with `npx aarm daemon`.',
        );
    }),
  );
}

export function deactivate(): void {}
