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
import { Approvals } from './approvals.js';
import { cliPath, exportAudit, verifyBundle, type ExportArgs } from './audit.js';
import { ApproverConnection, runningDaemon } from './connection.js';
import { daemonStarter } from './daemon-process.js';
import { summarizeReceipt } from './present.js';
import { homeDir, nodePath, setting } from './settings.js';
import { Grants, Timeline, type TimelineNode } from './timeline.js';
import type { Grant } from '../../daemon/src/protocol/index.js';

let client: LanguageClient | undefined;

/** What the extension offers other extensions and its own in-host tests. */
export interface AarmExtensionApi {
  connection: ApproverConnection;
  approvals: Approvals;
  timeline: Timeline;
  homeDir(): string;
  languageClient(): LanguageClient | undefined;
}

export async function activate(context: vscode.ExtensionContext): Promise<AarmExtensionApi> {
  const log = vscode.window.createOutputChannel('AARM', { log: true });
  const cli = cliPath(context.extensionPath);
  const where = { node: nodePath, cli, homeDir };
  const starter = daemonStarter({
    homeDir,
    node: nodePath,
    cli,
    autoStart: () => setting('daemon.autoStart', true),
    log: (line) => log.info(line),
  });
  const connection = new ApproverConnection(
    homeDir,
    `vscode ${vscode.version}`,
    () => starter.ensure(),
    (line) => log.info(line),
  );
  const approvals = new Approvals(connection, log);
  const timeline = new Timeline(connection, () =>
    Math.min(1000, Math.max(10, Math.round(Number(setting('timeline.pageSize', 200)) || 200))),
  );
  const grants = new Grants(connection);
  const timelineView = vscode.window.createTreeView('aarm.timeline', {
    treeDataProvider: timeline,
    showCollapseAll: true,
  });
  const grantsView = vscode.window.createTreeView('aarm.grants', { treeDataProvider: grants });

  // Status bar: connection, pending approvals, last decision. Clicking it goes where attention is due.
  const status = vscode.window.createStatusBarItem('aarm.status', vscode.StatusBarAlignment.Left, 100);
  status.name = 'AARM';
  const updateStatus = () => {
    const state = connection.state;
    const pending = approvals.list().length;
    const last = timeline.lastReceipt;
    const lastText =
      last && last.body.kind !== 'outcome'
        ? `${last.body.verdict} ${summarizeReceipt(last.body)}`
        : undefined;
    if (state.kind === 'connected') {
      status.text = `$(shield) AARM${pending > 0 ? ` $(bell-dot) ${pending} pending` : ''}${lastText ? ` · ${lastText.slice(0, 40)}` : ''}`;
      status.tooltip = `AARM: connected to the daemon as approver (${homeDir()})${lastText ? `\nLast decision: ${lastText}` : ''}`;
      status.backgroundColor =
        pending > 0 ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
      status.command = pending > 0 ? 'aarm.showPendingApprovals' : 'aarm.showTimeline';
    } else if (state.kind === 'connecting') {
      status.text = `$(${state.attempt === 0 ? 'sync~spin' : 'debug-disconnect'}) AARM${state.attempt === 0 ? ' connecting…' : ' disconnected'}`;
      status.tooltip = `AARM: not connected${state.lastError ? ` — ${state.lastError}` : ''}. Retrying.`;
      status.backgroundColor =
        state.attempt === 0 ? undefined : new vscode.ThemeColor('statusBarItem.errorBackground');
      status.command = 'aarm.showDaemonStatus';
    } else {
      status.text = '$(debug-disconnect) AARM stopped';
    }
    // A badge on the AARM view too: Do Not Disturb hides notifications, not badges.
    timelineView.badge =
      pending > 0 ? { value: pending, tooltip: `${pending} AARM approval(s) pending` } : undefined;
    status.accessibilityInformation = { label: status.text.replace(/\$\([^)]*\)\s*/g, '') };
    const filtered = timeline.filterDescription;
    // Not connected: the view's welcome text says so, with a button to start the daemon.
    timelineView.message = state.kind === 'connected' && filtered ? `Showing only: ${filtered}` : '';
    void vscode.commands.executeCommand('setContext', 'aarm.connected', state.kind === 'connected');
  };
  status.show();

  context.subscriptions.push(
    log,
    status,
    connection.onState(updateStatus),
    approvals.onDidChange(updateStatus),
    timeline.onDidReceive(updateStatus),
    approvals,
    timeline,
    grants,
    timelineView,
    grantsView,
    { dispose: () => connection.dispose() },
    vscode.commands.registerCommand('aarm.showDaemonStatus', async () => {
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
        if (s)
          detail = ` ${s.receipts} receipts, ${s.pendingApprovals} pending approvals, policy ${s.policy.hash.slice(0, 12)}${s.policy.errors.length > 0 ? ` with ${s.policy.errors.length} errors` : ''}.${s.chain.ok ? '' : ` RECEIPT CHAIN BROKEN: ${s.chain.error} — every action is denied.`}`;
      }
      await vscode.window.showInformationMessage(`AARM daemon is running (pid ${running.pid}).${detail}`);
    }),
    vscode.commands.registerCommand('aarm.showPendingApprovals', () => approvals.pick()),
    vscode.commands.registerCommand('aarm.startDaemon', async () => {
      try {
        await starter.start();
        connection.retryNow();
        void vscode.window.showInformationMessage(`AARM daemon is running for ${homeDir()}.`);
      } catch (error) {
        void vscode.window.showErrorMessage(`AARM: ${(error as Error).message}`);
      }
    }),
    vscode.commands.registerCommand('aarm.timeline.loadOlderSessions', () => timeline.loadOlderSessions()),
    vscode.commands.registerCommand('aarm.showTimeline', async () => {
      await vscode.commands.executeCommand('aarm.timeline.focus');
      await timeline.refresh();
    }),
    vscode.commands.registerCommand('aarm.timeline.refresh', () => timeline.refresh()),
    vscode.commands.registerCommand('aarm.timeline.filter', async (decisions?: string[]) => {
      await timeline.chooseFilter(Array.isArray(decisions) ? decisions : undefined);
      updateStatus();
    }),
    vscode.commands.registerCommand('aarm.timeline.openReceipt', (node?: TimelineNode) =>
      timeline.openReceipt(node),
    ),
    vscode.commands.registerCommand('aarm.timeline.loadOlder', (session: string) =>
      timeline.loadOlder(session),
    ),
    vscode.commands.registerCommand('aarm.grants.refresh', () => grants.refresh()),
    vscode.commands.registerCommand('aarm.grants.revoke', (grant?: Grant) => grants.revoke(grant)),
    vscode.commands.registerCommand('aarm.exportAudit', (args?: ExportArgs | TimelineNode) =>
      exportAudit(
        where,
        connection,
        args && 'kind' in args ? (args.kind === 'session' ? { session: args.summary.session } : {}) : args,
      ),
    ),
    vscode.commands.registerCommand('aarm.verifyBundle', (args?: { file?: string } | vscode.Uri) =>
      verifyBundle(where, args instanceof vscode.Uri ? { file: args.fsPath } : args),
    ),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration('aarm.home'))
        void vscode.window.showInformationMessage(
          'AARM: reload the window for the new `aarm.home` to take effect.',
        );
    }),
  );
  updateStatus();
  connection.start();

  // The policy language server: diagnostics in the Problems panel, hover, completion, quick fixes.
  const lspNode = setting<string>('nodePath', '') || undefined;
  const module = context.asAbsolutePath(join('dist', 'aarm-lsp.js'));
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

export async function deactivate(): Promise<void> {
  await client?.stop();
}
