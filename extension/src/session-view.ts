/**
 * The "Session at a Glance" view, beside the receipt timeline: one session's decisions over time
 * by risk, counts by rule, and what waits for a human or a deferral (session-glance.ts shapes it).
 * It shows the session selected in the timeline, or else the one most recently active, and
 * follows the daemon's receipts and the pending approvals live.
 */
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import type { ReceiptView, ServerMessage } from '../../daemon/src/protocol/index.js';
import type { Approvals } from './approvals.js';
import { describeError, type ApproverConnection } from './connection.js';
import { page } from './present.js';
import { GLANCE_STYLE, sessionGlance, sessionGlanceHtml } from './session-glance.js';

export const SESSION_VIEW_ID = 'aarm.session';
/** Receipts asked for at a time, and at most this many kept for one session (the newest). */
const PAGE = 1000;
const MOST = 10_000;

/** The view's script: swaps in new content without reloading, and posts "Answer…" clicks. */
const SCRIPT = `
const vscode = acquireVsCodeApi();
const root = document.getElementById('glance');
window.addEventListener('message', (event) => {
  if (event.data && typeof event.data.html === 'string') root.innerHTML = event.data.html;
});
root.addEventListener('click', (event) => {
  const button = event.target.closest('button[data-approval]');
  if (button) vscode.postMessage({ approval: button.dataset.approval });
});
vscode.postMessage({ ready: true });`;

export class SessionView implements vscode.WebviewViewProvider, vscode.Disposable {
  private view: vscode.WebviewView | undefined;
  private session: string | undefined;
  /** the user picked a session in the timeline; until then the view follows the latest activity */
  private chosen = false;
  private receipts: ReceiptView[] = [];
  private partial = false;
  /** receipts pushed while the session's pages are being fetched */
  private arriving: ReceiptView[] | undefined;
  /** bumped on every new load: an answer to an older one is dropped */
  private generation = 0;
  private renderTimer: NodeJS.Timeout | undefined;
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(
    private readonly connection: ApproverConnection,
    private readonly approvals: Approvals,
  ) {
    this.subscriptions.push(
      connection.onMessage((message) => this.handle(message)),
      connection.onState((state) => {
        if (state.kind === 'connected') void this.load();
        else this.renderSoon();
      }),
      approvals.onDidChange(() => this.renderSoon()),
    );
  }

  resolveWebviewView(view: vscode.WebviewView): void {
    this.view = view;
    view.webview.options = { enableScripts: true };
    view.webview.onDidReceiveMessage((message: { approval?: unknown; ready?: unknown }) => {
      if (typeof message?.approval === 'string') this.approvals.showDetails(message.approval);
      // What changed between setting the page and its script listening.
      if (message?.ready === true) this.render();
    });
    // Hidden, the view forgets what the script swapped in: show the current state when it is back.
    view.onDidChangeVisibility(() => {
      if (view.visible) this.render(true);
    });
    view.onDidDispose(() => (this.view = undefined));
    if (this.receipts.length === 0) void this.load();
    this.render(true);
  }

  /** Shows `session` (picked by the user), or goes back to following the latest activity. */
  async show(session: string | undefined): Promise<void> {
    this.chosen = session !== undefined;
    if (session === this.session && this.arriving === undefined && session !== undefined) return;
    this.session = session;
    await this.load();
  }

  get shownSession(): string | undefined {
    return this.session;
  }

  private handle(message: ServerMessage): void {
    if (message.type !== 'receipt') return;
    const view = message.receipt;
    const session = view.body.session;
    if (session !== this.session) {
      if (this.chosen) return;
      // Following the latest activity: switch to the session that just acted.
      this.session = session;
      void this.load();
      return;
    }
    if (this.arriving) this.arriving.push(view);
    else this.receipts.push(view);
    if (this.receipts.length > MOST) {
      this.receipts.splice(0, this.receipts.length - MOST);
      this.partial = true;
    }
    this.renderSoon();
  }

  /** Loads the shown session's receipts, newest pages first, up to MOST. */
  private async load(): Promise<void> {
    const generation = ++this.generation;
    if (this.connection.state.kind !== 'connected') return this.render();
    const arriving: ReceiptView[] = [];
    this.arriving = arriving;
    try {
      if (this.session === undefined) {
        const answer = await this.connection.request({ type: 'sessions', limit: 1 });
        if (generation !== this.generation) return;
        if (answer.type !== 'sessions') throw new Error(describeError(answer));
        this.session = answer.sessions[0]?.session;
      }
      const session = this.session;
      let views: ReceiptView[] = [];
      let more = session !== undefined;
      while (session !== undefined && more && views.length < MOST) {
        const before = views[0]?.body.sessionSeq;
        const answer = await this.connection.request({
          type: 'receipts',
          session,
          limit: PAGE,
          ...(before !== undefined ? { before } : {}),
        });
        if (generation !== this.generation) return;
        if (answer.type !== 'receipts') throw new Error(describeError(answer));
        views = [...answer.receipts, ...views];
        more = answer.more;
      }
      const newest = views.at(-1)?.body.seq ?? 0;
      this.receipts = [...views, ...arriving.filter((v) => v.body.seq > newest)];
      this.partial = more;
    } catch (error) {
      if (generation !== this.generation) return;
      this.receipts = [];
      void vscode.window.showErrorMessage(
        `AARM: cannot load the session's receipts: ${(error as Error).message}`,
      );
    } finally {
      if (generation === this.generation) this.arriving = undefined;
    }
    this.render();
  }

  /** One render for a burst of receipts, not one per receipt. */
  private renderSoon(): void {
    if (this.renderTimer !== undefined) return;
    this.renderTimer = setTimeout(() => {
      this.renderTimer = undefined;
      this.render();
    }, 150);
  }

  private content(): string {
    if (this.connection.state.kind !== 'connected')
      return '<p class="hint">Not connected to the aarm daemon.</p>';
    if (this.session === undefined) return '<p class="hint">No session has acted yet.</p>';
    const glance = sessionGlance(this.session, this.receipts, this.approvals.list(), {
      partial: this.partial,
    });
    return sessionGlanceHtml(glance, (iso) => new Date(iso).toLocaleTimeString());
  }

  /** `whole`: set the page anew (first show, back from hidden); else only swap its content. */
  private render(whole = false): void {
    const view = this.view;
    if (view === undefined) return;
    view.description = this.session ?? '';
    if (whole) {
      view.webview.html = page(
        'AARM session at a glance',
        `${GLANCE_STYLE}<div id="glance">${this.content()}</div>`,
        view.webview.cspSource,
        randomBytes(16).toString('base64'),
        SCRIPT,
      );
      return;
    }
    void view.webview.postMessage({ html: this.content() });
  }

  dispose(): void {
    clearTimeout(this.renderTimer);
    for (const subscription of this.subscriptions) subscription.dispose();
  }
}
