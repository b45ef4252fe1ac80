/**
 * STEP_UP approvals in the editor (R4): a notification the user cannot miss (a modal dialog for
 * risks at or above `aarm.approvals.modalRisk`), a details page with everything the approver
 * should see, and a list of pending ones for keyboard use. The answer goes back to the daemon,
 * which records it in the receipt; an unanswered request times out to deny there, not here.
 */
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import {
  RISK_LEVELS,
  type ApprovalRequest,
  type RuleProposal,
  type ServerMessage,
} from '../../daemon/src/protocol/index.js';
import {
  approvalTextFor,
  ruleConfirmationTextFor,
  type ApproverSigner,
} from '../../daemon/src/client/approver-key.js';
import { describeError, type ApproverConnection } from './connection.js';
import {
  APPROVAL_SCRIPT,
  agentText,
  approvalDetailsHtml,
  approvalPickItem,
  approvalPrompt,
  page,
  plainText,
  ruleLimitChoice,
  ruleLimits,
  summarizeAction,
  type RuleLimitChoice,
} from './present.js';
import { setting } from './settings.js';

type Answer = { answer: 'allow' | 'deny'; scope: 'once' | 'session' | 'always'; note?: string | undefined };

const ALLOW = 'Allow';
const ALLOW_SESSION = 'Allow for Session';
const DENY = 'Deny';
const DETAILS = 'Show Details';

export class Approvals implements vscode.Disposable {
  private readonly pending = new Map<string, ApprovalRequest>();
  private readonly resolved = new Map<string, string>();
  /** requests whose notification was shown (a reconnect must not show it again) */
  private readonly prompted = new Set<string>();
  private readonly panels = new Map<string, vscode.WebviewPanel>();
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(
    private readonly connection: ApproverConnection,
    private readonly log: vscode.LogOutputChannel,
    /** the key that signs this approver's answers (an allow without it is refused by the daemon) */
    private readonly signer: () => ApproverSigner | undefined = () => undefined,
  ) {
    this.subscriptions.push(
      connection.onMessage((message) => this.handle(message)),
      connection.onState((state) => {
        // The daemon re-sends what is still pending when we reconnect; forget the old list.
        if (state.kind !== 'connected') {
          this.pending.clear();
          this.changed.fire();
        }
      }),
      this.changed,
    );
  }

  list(): ApprovalRequest[] {
    return [...this.pending.values()];
  }

  private handle(message: ServerMessage): void {
    if (message.type === 'approval_request') {
      if (this.pending.has(message.approvalId)) return;
      this.pending.set(message.approvalId, message);
      this.changed.fire();
      // After a reconnect the daemon sends what is still pending: its prompt is already on screen.
      if (this.prompted.has(message.approvalId)) return;
      this.prompted.add(message.approvalId);
      if (this.prompted.size > 500) this.prompted.delete(this.prompted.values().next().value!);
      void this.prompt(message);
    } else if (message.type === 'approval_resolved') {
      this.pending.delete(message.approvalId);
      const how = `${message.status === 'timeout' ? 'Timed out: denied' : message.status === 'approved' ? 'Allowed' : 'Denied'}${message.approver ? ` by ${agentText(message.approver, { max: 200 })}` : ''}.`;
      this.resolved.set(message.approvalId, how);
      // Remember only recent answers (for late clicks on a stale notification).
      if (this.resolved.size > 200) this.resolved.delete(this.resolved.keys().next().value!);
      this.changed.fire();
      const panel = this.panels.get(message.approvalId);
      if (panel) this.render(panel, message.approvalId);
    }
  }

  /** The notification (or modal) for a new request; its answer is sent unless the request is gone. */
  private async prompt(request: ApprovalRequest): Promise<void> {
    const modalFrom = RISK_LEVELS.indexOf(
      setting<(typeof RISK_LEVELS)[number]>('approvals.modalRisk', 'critical'),
    );
    const modal = RISK_LEVELS.indexOf(request.decision.risk) >= modalFrom;
    // Allow only when the whole action is in view (approvalPrompt): else Deny and Show Details.
    const shown = approvalPrompt(request, { modal, now: Date.now() });
    this.log.info(
      `approval requested ${request.approvalId}: ${plainText(summarizeAction(request.action))} (${request.decision.rule})`,
    );
    const choice = modal
      ? await vscode.window.showWarningMessage(
          shown.message,
          { modal: true, detail: shown.detail },
          // The first button is the dialog's default (Enter): for these risks it must be Deny, and
          // a blanket "for the session" is left to the details page.
          DENY,
          ...(shown.allow ? [ALLOW] : []),
          DETAILS,
        )
      : await vscode.window.showWarningMessage(
          shown.message,
          ...(shown.allow ? [ALLOW] : []),
          ...(shown.allow && request.scopes.includes('session') ? [ALLOW_SESSION] : []),
          DENY,
          DETAILS,
        );
    if (choice === DETAILS) return this.showDetails(request.approvalId);
    if (choice === undefined) return; // dismissed: it stays pending in the list and the status bar
    await this.answer(request.approvalId, {
      answer: choice === DENY ? 'deny' : 'allow',
      scope: choice === ALLOW_SESSION ? 'session' : 'once',
    });
  }

  /**
   * "Always allow" on the page: the daemon proposes a rule for the user's policy (docs/approvals.md),
   * and the page shows it in full with "Allow Always and Add This Rule" and "Allow Always Without a
   * Rule" (a grant). Nothing is answered until one of those is chosen.
   */
  private async proposeRule(
    approvalId: string,
    panel: vscode.WebviewPanel,
    choice: RuleLimitChoice = { ends: '', uses: '' },
  ): Promise<void> {
    if (this.connection.state.kind !== 'connected' || !this.pending.has(approvalId))
      return void this.answer(approvalId, { answer: 'allow', scope: 'always' }); // which says why not
    let proposal: RuleProposal | string;
    this.limits.set(approvalId, choice);
    try {
      const reply = await this.connection.request({
        type: 'propose_rule',
        approvalId,
        ...ruleLimits(choice, Date.now()),
      });
      proposal = reply.type === 'rule_proposal' ? reply : describeError(reply);
    } catch (error) {
      proposal = (error as Error).message;
    }
    this.proposals.set(approvalId, proposal);
    this.render(panel, approvalId);
  }

  async answer(approvalId: string, answer: Answer, rule?: RuleProposal): Promise<boolean> {
    if (this.connection.state.kind !== 'connected') {
      void vscode.window.showErrorMessage(
        'AARM: not connected to the daemon — the answer was not sent. The request stays pending there and is denied when it times out.',
      );
      return false;
    }
    if (!this.pending.has(approvalId)) {
      void vscode.window.showInformationMessage(
        `AARM: that approval was already answered (${this.resolved.get(approvalId) ?? 'or timed out'}).`,
      );
      return false;
    }
    try {
      const request = this.pending.get(approvalId)!;
      const signer = this.signer();
      // The daemon writes a rule only on this approver key's signature over the text shown.
      if (rule && !signer) throw new Error('a rule is added only with this approver key, and it has none');
      const signature = signer?.sign(
        approvalTextFor({
          approvalId,
          session: request.session,
          key: request.key,
          answer: answer.answer,
          scope: answer.scope,
        }),
      );
      const reply = await this.connection.request({
        type: 'approve',
        approvalId,
        answer: answer.answer,
        scope: answer.scope,
        ...(answer.note ? { note: answer.note } : {}),
        ...(signer && signature ? { keyId: signer.keyId, signature } : {}),
        ...(rule && signer
          ? { rule: { proposalId: rule.proposalId, signature: signer.sign(ruleConfirmationTextFor(rule)) } }
          : {}),
      });
      if (reply.type === 'error') throw new Error(describeError(reply));
      this.log.info(
        `answered ${approvalId}: ${answer.answer} (${answer.scope})${rule ? `, rule ${rule.proposalId} into ${rule.file}` : ''}`,
      );
      return true;
    } catch (error) {
      void vscode.window.showErrorMessage(`AARM: the answer was not recorded: ${(error as Error).message}`);
      return false;
    }
  }

  /** Pending approvals in a quick pick: the keyboard route to every prompt, even a dismissed one. */
  async pick(): Promise<void> {
    const items = this.list().map((request) => ({
      ...approvalPickItem(request),
      approvalId: request.approvalId,
    }));
    if (items.length === 0) {
      void vscode.window.showInformationMessage('AARM: no approvals are pending.');
      return;
    }
    const chosen = await vscode.window.showQuickPick(items, {
      placeHolder: 'A pending approval to look at and answer',
    });
    if (chosen) this.showDetails(chosen.approvalId);
  }

  showDetails(approvalId: string): void {
    const existing = this.panels.get(approvalId);
    if (existing) return existing.reveal();
    const request = this.pending.get(approvalId);
    if (!request) {
      void vscode.window.showInformationMessage('AARM: that approval is no longer pending.');
      return;
    }
    const panel = vscode.window.createWebviewPanel(
      'aarm.approval',
      `Approve: ${agentText(summarizeAction(request.action), { max: 40 })}`,
      vscode.ViewColumn.Active,
      { enableScripts: true, enableFindWidget: true },
    );
    this.panels.set(approvalId, panel);
    panel.onDidDispose(() => {
      this.panels.delete(approvalId);
      this.proposals.delete(approvalId);
      this.limits.delete(approvalId);
      this.lastShown.delete(approvalId);
    });
    panel.webview.onDidReceiveMessage(
      async (message: Answer & { rule?: unknown; ends?: unknown; uses?: unknown }) => {
        if (
          !(message.answer === 'allow' || message.answer === 'deny') ||
          !['once', 'session', 'always'].includes(message.scope)
        )
          return;
        if (message.answer !== 'allow' || message.scope !== 'always')
          return void this.answer(approvalId, message);
        const always: Answer = { answer: 'allow', scope: 'always', note: message.note };
        const proposal = this.proposals.get(approvalId);
        if (message.rule === 'add' && proposal !== undefined && typeof proposal !== 'string')
          return void this.answer(approvalId, always, proposal);
        if (message.rule === 'none') return void this.answer(approvalId, always);
        const choice = message.rule === 'limit' ? ruleLimitChoice(message.ends, message.uses) : undefined;
        await this.proposeRule(approvalId, panel, choice);
      },
    );
    this.render(panel, approvalId, request);
  }

  private render(
    panel: vscode.WebviewPanel,
    approvalId: string,
    request = this.pending.get(approvalId),
  ): void {
    const shown = request ?? this.lastShown.get(approvalId);
    if (!shown) return;
    this.lastShown.set(approvalId, shown);
    const nonce = randomBytes(16).toString('base64');
    panel.webview.html = page(
      'AARM approval',
      approvalDetailsHtml(
        shown,
        this.resolved.get(approvalId),
        this.proposals.get(approvalId),
        this.limits.get(approvalId),
      ),
      panel.webview.cspSource,
      nonce,
      APPROVAL_SCRIPT,
    );
  }

  private readonly lastShown = new Map<string, ApprovalRequest>();
  /** the rule proposal (or why there is none) an open page shows after "Always allow" */
  private readonly proposals = new Map<string, RuleProposal | string>();
  /** the limits the page's rule proposal was asked with (its two selects) */
  private readonly limits = new Map<string, RuleLimitChoice>();

  dispose(): void {
    for (const panel of this.panels.values()) panel.dispose();
    for (const subscription of this.subscriptions) subscription.dispose();
  }
}
