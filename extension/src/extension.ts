/**
 * The VS Code extension. For now: policy diagnostics, hover, completion and quick fixes through
 * the aarm policy language server, and a command that says whether the daemon is running.
 * Approvals, the receipt timeline and audit export come with the extension issue.
 * INVARIANT: no native modules here; the extension host is Electron's Node. The language server
 * runs as its own process from `dist/aarm-lsp.js`, which has none either.
 */
import * as vscode from 'vscode';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import {
  LanguageClient,
  TransportKind,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';

let client: LanguageClient | undefined;

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

export async function activate(context: vscode.ExtensionContext): Promise<void> {
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

  const nodePath = vscode.workspace.getConfiguration('aarm').get<string>('nodePath') || undefined;
  const module = context.asAbsolutePath(join('dist', 'aarm-lsp.js'));
  const run = { module, transport: TransportKind.stdio, ...(nodePath ? { runtime: nodePath } : {}) };
  const serverOptions: ServerOptions = { run, debug: run };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [{ language: 'aarm-policy' }],
    outputChannel: log,
  };
  client = new LanguageClient('aarm-policy', 'AARM policy', serverOptions, clientOptions);
  try {
    await client.start();
  } catch (error) {
    log.error(`the policy language server did not start: ${(error as Error).message}`);
    log.show(true);
  }
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
