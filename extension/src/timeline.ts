/**
 * The receipt timeline (R5): sessions, newest first, and each session's receipts in chain order,
 * live as the daemon stores them, filterable by decision; a details page per receipt with its
 * signature and chain check. Also the standing grants and approved rules, which can be revoked from here.
 */
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import {
  DECISIONS,
  type ApprovedRule,
  type Grant,
  type ReceiptView,
  type ServerMessage,
  type SessionSummary,
} from '../../daemon/src/protocol/index.js';
import { describeError, type ApproverConnection } from './connection.js';
import { agentText, approverOf, page, plainText, receiptDecision, summarizeReceipt } from './present.js';
import { copyRequest, RECEIPT_PAGE_SCRIPT, receiptPageHtml } from './receipt-page.js';
import { grantsRow, grantsTree, ruleLine, type GrantsNode } from './grants-tree.js';

export type TimelineNode =
  | { kind: 'session'; summary: SessionSummary }
  | { kind: 'receipt'; view: ReceiptView }
  | { kind: 'more'; session: string }
  | { kind: 'moreSessions' };

/** The icon says what was decided; its colour what was enforced in the end. */
const ICONS: Record<string, string> = {
  allow: 'pass',
  deny: 'circle-slash',
  step_up: 'person',
  defer: 'clock',
  modify: 'edit',
};
const VERDICT_COLORS: Record<string, string> = {
  allow: 'testing.iconPassed',
  deny: 'errorForeground',
  ask: 'notificationsWarningIcon.foreground',
};

export class Timeline implements vscode.TreeDataProvider<TimelineNode>, vscode.Disposable {
  private sessions: SessionSummary[] = [];
  private readonly receipts = new Map<string, { views: ReceiptView[]; more: boolean }>();
  private readonly changed = new vscode.EventEmitter<TimelineNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  /** decisions shown; all when empty */
  private filter = new Set<string>();
  private readonly subscriptions: vscode.Disposable[] = [];
  lastReceipt: ReceiptView | undefined;
  private moreSessions = false;
  private refreshTimer: NodeJS.Timeout | undefined;
  /** receipts pushed while a session's first page is being fetched */
  private readonly arriving = new Map<string, ReceiptView[]>();
  private readonly lastChanged = new vscode.EventEmitter<ReceiptView>();
  readonly onDidReceive = this.lastChanged.event;

  constructor(
    private readonly connection: ApproverConnection,
    private readonly pageSize: () => number,
  ) {
    this.subscriptions.push(
      connection.onMessage((message) => this.handle(message)),
      connection.onState((state) => {
        if (state.kind === 'connected') void this.refresh();
      }),
      this.changed,
      this.lastChanged,
    );
  }

  private handle(message: ServerMessage): void {
    if (message.type !== 'receipt') return;
    const view = message.receipt;
    const session = view.body.session;
    this.receipts.get(session)?.views.push(view);
    // A page of this session is on its way: it may or may not hold this receipt; merged when it lands.
    this.arriving.get(session)?.push(view);
    const summary = this.sessions.find((s) => s.session === session);
    const updated = {
      session,
      receipts: (summary?.receipts ?? 0) + 1,
      first: summary?.first ?? view.body.time,
      last: view.body.time,
      lastSeq: view.body.seq,
    };
    this.sessions = [updated, ...this.sessions.filter((s) => s !== summary)];
    if (view.body.kind !== 'outcome') {
      this.lastReceipt = view;
      this.lastChanged.fire(view);
    }
    this.fireSoon();
  }

  /** One tree refresh for a burst of receipts, not one per receipt. */
  private fireSoon(): void {
    if (this.refreshTimer !== undefined) return;
    this.refreshTimer = setTimeout(() => {
      this.refreshTimer = undefined;
      this.changed.fire(undefined);
    }, 100);
  }

  async refresh(): Promise<void> {
    try {
      const answer = await this.connection.request({ type: 'sessions', limit: this.pageSize() });
      if (answer.type !== 'sessions') throw new Error(describeError(answer));
      this.sessions = answer.sessions;
      this.moreSessions = answer.sessions.length === this.pageSize();
      this.receipts.clear();
    } catch {
      // not connected: the tree shows the welcome text until the connection comes back
    }
    this.changed.fire(undefined);
  }

  async loadOlderSessions(): Promise<void> {
    const before = this.sessions.at(-1)?.lastSeq;
    const answer = await this.connection.request({
      type: 'sessions',
      limit: this.pageSize(),
      ...(before !== undefined ? { before } : {}),
    });
    if (answer.type !== 'sessions') throw new Error(describeError(answer));
    const known = new Set(this.sessions.map((s) => s.session));
    this.sessions.push(...answer.sessions.filter((s) => !known.has(s.session)));
    this.moreSessions = answer.sessions.length === this.pageSize();
    this.changed.fire(undefined);
  }

  /** Receipts of a session, loaded when it is first expanded. */
  private async load(session: string, older = false): Promise<{ views: ReceiptView[]; more: boolean }> {
    const loaded = this.receipts.get(session);
    if (loaded && !older) return loaded;
    const before = older ? loaded?.views[0]?.body.sessionSeq : undefined;
    const arriving: ReceiptView[] = [];
    if (!older) this.arriving.set(session, arriving);
    try {
      const answer = await this.connection.request({
        type: 'receipts',
        session,
        limit: this.pageSize(),
        ...(before !== undefined ? { before } : {}),
      });
      if (answer.type !== 'receipts') throw new Error(describeError(answer));
      const views = older ? [...answer.receipts, ...(loaded?.views ?? [])] : answer.receipts;
      const newest = views.at(-1)?.body.seq ?? 0;
      const merged = { views: [...views, ...arriving.filter((v) => v.body.seq > newest)], more: answer.more };
      this.receipts.set(session, merged);
      return merged;
    } finally {
      if (!older) this.arriving.delete(session);
    }
  }

  async loadOlder(session: string): Promise<void> {
    await this.load(session, true);
    this.changed.fire(undefined);
  }

  /** Show only receipts with these decisions (all when empty); asks with a quick pick when not given. */
  async chooseFilter(decisions?: string[]): Promise<void> {
    if (decisions !== undefined)
      return this.setFilter(decisions.filter((d) => (DECISIONS as readonly string[]).includes(d)));
    const items = DECISIONS.map((decision) => ({
      label: decision,
      picked: this.filter.size === 0 || this.filter.has(decision),
    }));
    const chosen = await vscode.window.showQuickPick(items, {
      canPickMany: true,
      placeHolder: 'Show receipts with these decisions',
    });
    if (chosen === undefined) return;
    this.setFilter(chosen.length === DECISIONS.length ? [] : chosen.map((c) => c.label));
  }

  private setFilter(decisions: string[]): void {
    this.filter = new Set(decisions);
    this.changed.fire(undefined);
  }

  get filterDescription(): string | undefined {
    return this.filter.size === 0 ? undefined : [...this.filter].join(', ');
  }

  private shown(view: ReceiptView): boolean {
    if (this.filter.size === 0) return true;
    const decision = receiptDecision(view.body);
    return decision !== undefined && this.filter.has(decision);
  }

  getChildren(node?: TimelineNode): vscode.ProviderResult<TimelineNode[]> {
    if (node === undefined) {
      if (this.connection.state.kind !== 'connected') return [];
      return [
        ...this.sessions.map((summary) => ({ kind: 'session' as const, summary })),
        ...(this.moreSessions ? [{ kind: 'moreSessions' as const }] : []),
      ];
    }
    if (node.kind !== 'session') return [];
    return this.load(node.summary.session).then(
      ({ views, more }) => [
        ...(more ? [{ kind: 'more' as const, session: node.summary.session }] : []),
        ...views.filter((v) => this.shown(v)).map((view) => ({ kind: 'receipt' as const, view })),
      ],
      (error: Error) => {
        void vscode.window.showErrorMessage(`AARM: cannot load receipts: ${error.message}`);
        return [];
      },
    );
  }

  getTreeItem(node: TimelineNode): vscode.TreeItem {
    if (node.kind === 'session') {
      // The session id is the agent's to choose: shown as its text, never trusted as a label.
      const item = new vscode.TreeItem(
        agentText(node.summary.session, { max: 60 }),
        vscode.TreeItemCollapsibleState.Collapsed,
      );
      item.id = `session:${node.summary.session}`;
      item.description = `${node.summary.receipts} receipts · ${new Date(node.summary.last).toLocaleString()}`;
      item.iconPath = new vscode.ThemeIcon('history');
      item.contextValue = 'aarm.session';
      return item;
    }
    if (node.kind === 'moreSessions') {
      const item = new vscode.TreeItem('Load older sessions…');
      item.command = { command: 'aarm.timeline.loadOlderSessions', title: 'Load older sessions' };
      item.iconPath = new vscode.ThemeIcon('ellipsis');
      return item;
    }
    if (node.kind === 'more') {
      const item = new vscode.TreeItem('Load older receipts…');
      item.command = {
        command: 'aarm.timeline.loadOlder',
        title: 'Load older receipts',
        arguments: [node.session],
      };
      item.iconPath = new vscode.ThemeIcon('ellipsis');
      return item;
    }
    const body = node.view.body;
    /** what was decided, for the records that decide (not outcomes and accepted losses) */
    const decided = body.kind === 'action' || body.kind === 'resolution' ? body : undefined;
    const decision = receiptDecision(body);
    const item = new vscode.TreeItem(plainText(summarizeReceipt(body), 120));
    item.id = `receipt:${body.id}:${body.seq}`;
    const icon = decision ? (ICONS[decision] ?? 'circle-outline') : 'output';
    const color = decided
      ? VERDICT_COLORS[decided.verdict]
      : body.kind === 'gap'
        ? 'errorForeground'
        : undefined;
    const broken = node.view.check.signature !== 'valid' || node.view.check.chain !== 'linked';
    item.iconPath = broken
      ? new vscode.ThemeIcon('warning', new vscode.ThemeColor('errorForeground'))
      : new vscode.ThemeIcon(icon, color ? new vscode.ThemeColor(color) : undefined);
    const time = new Date(body.time).toLocaleTimeString();
    const approver = approverOf(body);
    const verdict = decided
      ? `${decided.decision.decision}${decided.decision.decision === decided.verdict ? '' : ` → ${decided.verdict}`}`
      : '';
    item.description = [
      verdict,
      decided?.decision.rule ?? '',
      time,
      approver ? `by ${approver}${decided?.approval.status === 'granted' ? ' (earlier grant)' : ''}` : '',
    ]
      .filter(Boolean)
      .join(' · ');
    // Plain text only: rule reasons can quote agent-written paths and commands.
    item.tooltip = `${verdict || body.kind}${decided ? ` — rule ${decided.decision.rule}: ${plainText(decided.decision.reason)}` : ''}\n${body.time}${broken ? '\nthe signature or chain check FAILED' : ''}`;
    item.accessibilityInformation = {
      label: `${verdict || body.kind}: ${agentText(summarizeReceipt(body), { max: 120 })}, ${time}`,
    };
    item.contextValue = 'aarm.receipt';
    item.command = { command: 'aarm.timeline.openReceipt', title: 'Open receipt', arguments: [node] };
    return item;
  }

  openReceipt(node: TimelineNode | undefined): void {
    if (node?.kind !== 'receipt') return;
    const view = node.view;
    const panel = vscode.window.createWebviewPanel(
      'aarm.receipt',
      `Receipt: ${plainText(summarizeReceipt(view.body), 40)}`,
      vscode.ViewColumn.Active,
      { enableFindWidget: true, enableScripts: true },
    );
    panel.webview.html = page(
      'AARM receipt',
      receiptPageHtml(view),
      panel.webview.cspSource,
      randomBytes(16).toString('base64'),
      RECEIPT_PAGE_SCRIPT,
    );
    // Long values (hashes, signatures, key ids) copy on a click; the page says what it copied.
    panel.webview.onDidReceiveMessage(async (message: unknown) => {
      const value = copyRequest(message);
      if (value === undefined) return;
      const copied = await vscode.env.clipboard.writeText(value).then(
        () => `Copied ${value}`,
        (error: Error) => `Could not copy (${error.message}); the whole value is shown above.`,
      );
      await panel.webview.postMessage({ copied });
    });
  }

  dispose(): void {
    clearTimeout(this.refreshTimer);
    for (const subscription of this.subscriptions) subscription.dispose();
  }
}

/**
 * The standing grants and the rules "always" answers wrote into the user's policy (grants-tree.ts):
 * what a human allowed beyond one action, and a way to take it back. Revoking goes through the
 * daemon, which writes the policy file; this view only reads it (to open a rule where it stands).
 */
export class Grants implements vscode.TreeDataProvider<GrantsNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<GrantsNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly subscriptions: vscode.Disposable[] = [];
  private approverNames = new Map<string, string>();

  constructor(private readonly connection: ApproverConnection) {
    this.subscriptions.push(
      connection.onState(() => this.changed.fire(undefined)),
      connection.onMessage((message) => {
        // The daemon says so when a grant is made or revoked and when a rule is written, removed or expires.
        if (message.type === 'grants_changed') this.changed.fire(undefined);
      }),
      this.changed,
    );
  }

  refresh(): void {
    this.changed.fire(undefined);
  }

  /** The live grants and the rules, as the daemon lists them (none when not connected). */
  private async load(): Promise<{ grants: Grant[]; rules: ApprovedRule[] }> {
    if (this.connection.state.kind !== 'connected') return { grants: [], rules: [] };
    const [answer, keys] = await Promise.all([
      this.connection.request({ type: 'grants' }).catch(() => undefined),
      this.connection.request({ type: 'approvers' }).catch(() => undefined),
    ]);
    if (keys?.type === 'approvers')
      this.approverNames = new Map(keys.approvers.map((k) => [k.keyId, k.name]));
    if (answer?.type !== 'grants') return { grants: [], rules: [] };
    return { grants: answer.grants.filter((g) => g.revoked === undefined), rules: answer.rules ?? [] };
  }

  async getChildren(node?: GrantsNode): Promise<GrantsNode[]> {
    if (node !== undefined) return node.kind === 'group' ? node.items : [];
    const { grants, rules } = await this.load();
    return grantsTree(grants, rules);
  }

  getTreeItem(node: GrantsNode): vscode.TreeItem {
    const row = grantsRow(node, { now: new Date(), approverNames: this.approverNames });
    const item = new vscode.TreeItem(
      row.label,
      row.expanded ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.None,
    );
    item.id = row.id;
    item.description = row.description;
    item.tooltip = row.tooltip;
    item.iconPath = new vscode.ThemeIcon(row.icon, row.color ? new vscode.ThemeColor(row.color) : undefined);
    if (row.contextValue) item.contextValue = row.contextValue;
    if (node.kind === 'rule')
      item.command = { command: 'aarm.grants.open', title: 'Open Rule', arguments: [node] };
    return item;
  }

  async revoke(node: GrantsNode | undefined): Promise<void> {
    if (node === undefined || node.kind === 'group') {
      const { grants, rules } = await this.load();
      const chosen = await vscode.window.showQuickPick(
        [
          ...grants.map((g) => ({
            label: agentText(g.key, { max: 80, icons: true }),
            description: `${g.scope} · rule ${g.rule}`,
            node: { kind: 'grant' as const, grant: g },
          })),
          ...rules.map((r) => ({
            label: agentText(r.action, { max: 80, icons: true }),
            description: `rule in your policy · instead of ${r.rule}`,
            node: { kind: 'rule' as const, rule: r },
          })),
        ],
        { placeHolder: 'The grant or rule to revoke' },
      );
      node = chosen?.node;
      if (node === undefined) return;
    }
    // The daemon revokes a grant, or takes a rule out of approved.yaml; never this extension.
    const id = node.kind === 'grant' ? node.grant.id : node.rule.id;
    const answer = await this.connection.request({ type: 'revoke', grantId: id });
    if (answer.type === 'error') void vscode.window.showErrorMessage(`AARM: ${describeError(answer)}`);
    else if (node.kind === 'grant')
      void vscode.window.showInformationMessage(
        `AARM: revoked the grant for ${plainText(node.grant.key, 80)}.`,
      );
    else
      void vscode.window.showInformationMessage(
        `AARM: removed rule ${node.rule.id} from ${node.rule.file}: ${plainText(node.rule.action, 80)} is asked about again (unless a grant still covers it).`,
      );
    this.changed.fire(undefined);
  }

  /** Show a rule where it stands in approved.yaml (the user's own policy file). */
  async open(node: GrantsNode | undefined): Promise<void> {
    if (node?.kind !== 'rule') return;
    const document = await vscode.workspace.openTextDocument(vscode.Uri.file(node.rule.file));
    const line = ruleLine(document.getText(), node.rule.id);
    const at = new vscode.Range(line, 0, line, 0);
    await vscode.window.showTextDocument(document, { selection: at, preview: true });
  }

  dispose(): void {
    for (const subscription of this.subscriptions) subscription.dispose();
  }
}
