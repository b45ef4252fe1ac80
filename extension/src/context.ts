/**
 * The extension's one context object: it owns the connection to the daemon, the views, the
 * status bar and the language client, and two cleanup scopes: the extension's lifetime
 * (deactivation) and one connection's lifetime (disposed each time the connection is lost, so
 * nothing tied to a connection outlives it).
 */
import * as vscode from 'vscode';
import {
  approverSigner,
  newApproverSeed,
  type ApproverSigner,
} from '../../daemon/src/client/approver-key.js';
import { Approvals } from './approvals.js';
import { cliPath } from './audit.js';
import { ApproverConnection, type ConnectionState } from './connection.js';
import { daemonStarter } from './daemon-process.js';
import { homeDir, nodePath, setting } from './settings.js';
import { Grants, Timeline } from './timeline.js';

export class AarmContext implements vscode.Disposable {
  readonly log = vscode.window.createOutputChannel('AARM', { log: true });
  readonly where: { node: () => string; cli: string; homeDir: () => string };
  readonly starter: ReturnType<typeof daemonStarter>;
  readonly connection: ApproverConnection;
  readonly approvals: Approvals;
  readonly timeline: Timeline;
  readonly grants: Grants;
  readonly timelineView: vscode.TreeView<unknown>;
  readonly grantsView: vscode.TreeView<unknown>;
  /** disposed when the extension deactivates */
  private readonly extensionScope: vscode.Disposable[] = [];
  /** disposed when the current connection is lost */
  private connectionScope: vscode.Disposable[] = [];
  private readonly connectedHooks: Array<(scope: vscode.Disposable[]) => void> = [];
  approverKey: ApproverSigner | undefined;

  constructor(readonly extension: vscode.ExtensionContext) {
    const cli = cliPath(extension.extensionPath);
    this.where = { node: nodePath, cli, homeDir };
    this.starter = daemonStarter({
      homeDir,
      node: nodePath,
      cli,
      autoStart: () => setting('daemon.autoStart', true),
      log: (line) => this.log.info(line),
    });
    this.connection = new ApproverConnection(
      homeDir,
      `vscode ${vscode.version}`,
      () => this.starter.ensure(),
      (line) => this.log.info(line),
      () => this.approverKey,
    );
    this.approvals = new Approvals(this.connection, this.log, () => this.approverKey);
    this.timeline = new Timeline(this.connection, () =>
      Math.min(1000, Math.max(10, Math.round(Number(setting('timeline.pageSize', 200)) || 200))),
    );
    this.grants = new Grants(this.connection);
    this.timelineView = vscode.window.createTreeView('aarm.timeline', {
      treeDataProvider: this.timeline,
      showCollapseAll: true,
    });
    this.grantsView = vscode.window.createTreeView('aarm.grants', { treeDataProvider: this.grants });
    this.own(this.log, this.approvals, this.timeline, this.grants, this.timelineView, this.grantsView);
    this.own(this.connection.onState((state) => this.connectionChanged(state)));
    this.own({ dispose: () => this.connection.dispose() });
    extension.subscriptions.push(this);
  }

  /**
   * This VS Code's approver key (T1): made once and kept in SecretStorage, never in a file an
   * agent's command could read. The daemon lets it allow step-ups once a human confirmed it.
   */
  async loadApproverKey(): Promise<void> {
    const name = 'aarm.approverKey.v1';
    let seed = await this.extension.secrets.get(name);
    if (seed === undefined) {
      seed = newApproverSeed();
      await this.extension.secrets.store(name, seed);
    }
    this.approverKey = approverSigner(seed);
    this.log.info(`approver key ${this.approverKey.keyId}`);
  }

  /** Keep until the extension deactivates. */
  own(...disposables: vscode.Disposable[]): void {
    this.extensionScope.push(...disposables);
  }

  /** Each time a connection comes up, `setup` registers what lives only as long as it does. */
  whileConnected(setup: (scope: vscode.Disposable[]) => void): void {
    this.connectedHooks.push(setup);
    if (this.connection.state.kind === 'connected') setup(this.connectionScope);
  }

  /** A command; it lives as long as the extension. */
  command(name: string, run: (...args: never[]) => unknown): void {
    this.own(vscode.commands.registerCommand(name, run));
  }

  /** A command that needs the daemon: without a connection it says why, and what to do, instead of failing silently. */
  daemonCommand(name: string, what: string, run: (...args: never[]) => unknown): void {
    this.command(name, (...args: never[]) => {
      const state = this.connection.state;
      if (state.kind === 'connected') return run(...args);
      void vscode.window
        .showWarningMessage(
          `AARM: cannot ${what}: not connected to the daemon${state.kind === 'connecting' && state.lastError ? ` (${state.lastError})` : ''}.`,
          'Start Daemon',
        )
        .then((choice) => {
          if (choice === 'Start Daemon') void vscode.commands.executeCommand('aarm.startDaemon');
        });
      return undefined;
    });
  }

  dispose(): void {
    this.endConnectionScope();
    for (const disposable of this.extensionScope.splice(0).reverse()) disposable.dispose();
  }

  private connectionChanged(state: ConnectionState): void {
    this.endConnectionScope();
    if (state.kind === 'connected') for (const setup of this.connectedHooks) setup(this.connectionScope);
  }

  private endConnectionScope(): void {
    for (const disposable of this.connectionScope.splice(0).reverse()) disposable.dispose();
  }
}
