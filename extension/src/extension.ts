/**
 * The VS Code extension: the human's window onto the daemon. It connects as an **approver** (its
 * own credential, never the agents' token), prompts for STEP_UP approvals (R4), shows the receipt
 * timeline and grants (R5), exports and verifies audits, and runs the policy language server for
 * diagnostics in the Problems panel.
 * INVARIANT: no native modules here; the extension host is Electron's Node. The daemon, the CLI
 * and the language server run as their own processes.
 */
import * as vscode from 'vscode';
import { join } from 'node:path';
import {
  LanguageClient,
  TransportKind,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';
import type { Approvals } from './approvals.js';
import { exportAudit, verifyBundle, type ExportArgs } from './audit.js';
import { runningDaemon, type ApproverConnection } from './connection.js';
import { AarmContext } from './context.js';
import { daemonStatusDetail } from './present.js';
import { replayPolicy } from './replay.js';
import { SESSION_VIEW_ID, SessionView } from './session-view.js';
import { showStatusBar } from './status-bar.js';
import { homeDir, setting } from './settings.js';
import type { Timeline, TimelineNode } from './timeline.js';
import type { GrantsNode } from './grants-tree.js';

let client: LanguageClient | undefined;

/** What the extension offers other extensions and its own in-host tests. */
export interface AarmExtensionApi {
  connection: ApproverConnection;
  approvals: Approvals;
  timeline: Timeline;
  homeDir(): string;
  languageClient(): LanguageClient | undefined;
}

export async function activate(extension: vscode.ExtensionContext): Promise<AarmExtensionApi> {
  const ctx = new AarmContext(extension);
  const { connection, approvals, timeline, grants, log, where, starter } = ctx;
  const status = showStatusBar(ctx);

  ctx.command('aarm.showDaemonStatus', async () => {
    const dir = homeDir();
    const running = runningDaemon(dir);
    log.info(`AARM_HOME=${dir} daemon pid=${running?.pid ?? 'none'}`);
    if (running === undefined) {
      const choice = await vscode.window.showWarningMessage(
        `AARM daemon is not running for ${dir}.`,
        'Start Daemon',
      );
      if (choice === 'Start Daemon') await vscode.commands.executeCommand('aarm.startDaemon');
      return;
    }
    let detail = '';
    if (connection.state.kind === 'connected') {
      const s = await connection.status().catch(() => undefined);
      if (s) detail = daemonStatusDetail(s);
    }
    await vscode.window.showInformationMessage(`AARM daemon is running (pid ${running.pid}).${detail}`);
  });
  ctx.command('aarm.showPendingApprovals', () => approvals.pick());
  ctx.command('aarm.startDaemon', async () => {
    try {
      await starter.start();
      connection.retryNow();
      void vscode.window.showInformationMessage(`AARM daemon is running for ${homeDir()}.`);
    } catch (error) {
      void vscode.window.showErrorMessage(`AARM: ${(error as Error).message}`);
    }
  });
  ctx.daemonCommand('aarm.timeline.loadOlderSessions', 'load older sessions', () =>
    timeline.loadOlderSessions(),
  );
  ctx.command('aarm.showTimeline', async () => {
    await vscode.commands.executeCommand('aarm.timeline.focus');
    await timeline.refresh();
  });
  ctx.command('aarm.timeline.refresh', () => timeline.refresh());
  // Session at a glance: the session picked in the timeline (a session or one of its receipts).
  const sessionView = new SessionView(connection, approvals);
  const sessionOf = (node: TimelineNode | undefined) =>
    node?.kind === 'session'
      ? node.summary.session
      : node?.kind === 'receipt'
        ? node.view.body.session
        : undefined;
  ctx.own(
    sessionView,
    vscode.window.registerWebviewViewProvider(SESSION_VIEW_ID, sessionView),
    ctx.timelineView.onDidChangeSelection((event) => {
      const session = sessionOf(event.selection[0] as TimelineNode | undefined);
      if (session !== undefined) void sessionView.show(session);
    }),
  );
  ctx.command('aarm.showSessionView', async (target?: string | TimelineNode) => {
    await vscode.commands.executeCommand(`${SESSION_VIEW_ID}.focus`);
    const session = typeof target === 'string' ? target : sessionOf(target);
    if (session !== undefined) await sessionView.show(session);
  });
  ctx.command('aarm.timeline.filter', async (decisions?: string[]) => {
    await timeline.chooseFilter(Array.isArray(decisions) ? decisions : undefined);
    status.update();
  });
  ctx.command('aarm.timeline.openReceipt', (node?: TimelineNode) => timeline.openReceipt(node));
  ctx.daemonCommand('aarm.timeline.loadOlder', 'load older receipts', (session: string) =>
    timeline.loadOlder(session),
  );
  ctx.command('aarm.grants.refresh', () => grants.refresh());
  ctx.daemonCommand('aarm.grants.revoke', 'revoke a grant', (node?: GrantsNode) => grants.revoke(node));
  ctx.command('aarm.grants.open', (node?: GrantsNode) => grants.open(node));
  ctx.command('aarm.exportAudit', (args?: ExportArgs | TimelineNode) =>
    exportAudit(
      where,
      connection,
      args && 'kind' in args ? (args.kind === 'session' ? { session: args.summary.session } : {}) : args,
    ),
  );
  ctx.command('aarm.verifyBundle', (args?: { file?: string } | vscode.Uri) =>
    verifyBundle(where, args instanceof vscode.Uri ? { file: args.fsPath } : args),
  );
  ctx.daemonCommand('aarm.replayPolicy', 'replay a policy', (uri?: vscode.Uri) =>
    replayPolicy(connection, uri),
  );
  ctx.own(
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration('aarm.home'))
        void vscode.window.showInformationMessage(
          'AARM: reload the window for the new `aarm.home` to take effect.',
        );
    }),
  );
  ctx.whileConnected(() => {
    const state = connection.state;
    if (state.kind === 'connected' && state.approverKey?.status === 'pending')
      void askToConfirmKey(state.approverKey.keyId, where);
  });
  await ctx.loadApproverKey().catch((error: Error) => log.error(`no approver key: ${error.message}`));
  connection.start();

  // The policy language server: diagnostics in the Problems panel, hover, completion, quick fixes.
  const lspNode = setting<string>('nodePath', '') || undefined;
  const module = extension.asAbsolutePath(join('dist', 'aarm-lsp.js'));
  const run = { module, transport: TransportKind.stdio, ...(lspNode ? { runtime: lspNode } : {}) };
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

  return { connection, approvals, timeline, homeDir, languageClient: () => client };
}

/**
 * A new approver key allows nothing until the human confirms it from a terminal: say so once per
 * connection, with the command, and offer to type it into a terminal (the human presses Enter).
 */
async function askToConfirmKey(keyId: string, where: { node: () => string; cli: string }): Promise<void> {
  const command = `aarm approvers confirm ${keyId}`;
  const choice = await vscode.window.showWarningMessage(
    `AARM: this VS Code's approver key ${keyId} waits for confirmation. Until then it can refuse step-ups but not allow them. Run \`${command}\` in a terminal (check that the key id matches).`,
    'Type It in a Terminal',
    'Copy Command',
  );
  if (choice === 'Copy Command') await vscode.env.clipboard.writeText(command);
  if (choice === 'Type It in a Terminal') {
    const terminal = vscode.window.createTerminal('AARM: confirm approver key');
    terminal.show();
    terminal.sendText(`"${where.node()}" "${where.cli}" approvers confirm ${keyId}`, false);
  }
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
