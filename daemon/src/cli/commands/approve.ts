/**
 * `aarm approve` and `aarm pending`: answering step-ups from a terminal, without VS Code (R4).
 *
 * The terminal is an approver like the extension (T1): it connects with the approver credential,
 * which the daemon refuses to a process under a coding agent, and signs every answer with its own
 * Ed25519 key. That key is made for this run and lives only in this process's memory (a seed in a
 * file would be the agent's to read); it is registered as ephemeral, confirmed by the human in
 * this terminal (the daemon checks, as for `aarm approvers confirm`, that the request comes from
 * a terminal and not from under an agent), and the daemon forgets it when the connection closes.
 */
import { readlinkSync } from 'node:fs';
import { connect, type AarmClient } from '../../client/client.js';
import { approverSigner, newApproverSeed, type ApproverSigner } from '../../client/approver-key.js';
import {
  DAEMON_VERSION,
  MAX_RULE_USES,
  type ApprovalRequest,
  type RuleProposal,
  type ServerMessage,
} from '../../protocol/index.js';
import { ancestry, underAgent } from '../../state/peer.js';
import {
  describeRuleLimits,
  details,
  listRow,
  oneLine,
  paint,
  parseRuleLimits,
  pendingLine,
  wrap,
  plain,
  summarizeAction,
  type Line,
} from '../approve-view.js';
import { err, homeDir, out, parse, showUsage, type Command } from '../command.js';

/** Why this process may not act as an approver, if it runs under a coding agent (the daemon checks again). */
function agentAbove(): string | undefined {
  const agent = underAgent(ancestry(process.pid), new Map());
  return agent === undefined
    ? undefined
    : `this terminal runs under a coding agent (${agent}); only a human approves: run it in a terminal of your own`;
}

async function approverConnection(
  name: string,
  onMessage: (message: ServerMessage) => void,
  approverKey?: ApproverSigner,
): Promise<AarmClient> {
  const client = await connect({
    homeDir: homeDir(),
    role: 'approver',
    // without a key it answers nothing (aarm pending): no step-up waits for it
    looksOnly: approverKey === undefined,
    client: { name, version: DAEMON_VERSION },
    timeoutMs: 10_000,
    ...(approverKey ? { approverKey } : {}),
  });
  // The first listener also gets the requests already pending, which come right behind the welcome.
  client.onMessage(onMessage);
  return client;
}

export const pendingCli: Command = {
  summary: 'list the step-ups waiting for an approver (for scripts)',
  usage: `aarm pending [--json]

The actions waiting for a human's answer, one line each: approval id, risk, rule, agent, session,
seconds left and the whole action (invisible characters shown as \\u{…}), separated by tabs.
--json: the requests as the daemon sends them to approvers (action, decision, effects, context,
identity, scopes, expiresAt). Answer them with \`aarm approve\` or in VS Code.
Refused from under a coding agent: what waits for a human is the human's to see.`,
  async run(args) {
    const { values } = parse(args, { json: { type: 'boolean' } });
    if (values.help) return showUsage(pendingCli);
    const refusal = agentAbove();
    if (refusal !== undefined) return (err(`aarm pending: ${refusal}`), 1);
    const requests = new Map<string, ApprovalRequest>();
    let client: AarmClient;
    try {
      client = await approverConnection('aarm-pending', (message) => {
        if (message.type === 'approval_request') requests.set(message.approvalId, message);
        if (message.type === 'approval_resolved') requests.delete(message.approvalId);
      });
    } catch (error) {
      return (err(`aarm pending: ${(error as Error).message}`), 1);
    }
    try {
      // The daemon sends what is pending right after its welcome: an answer to a later request comes after it.
      await client.status();
    } finally {
      await client.close();
    }
    const now = Date.now();
    if (values.json)
      out(
        JSON.stringify(
          [...requests.values()].map(({ type: _type, ...request }) => request),
          null,
          2,
        ),
      );
    else if (requests.size === 0 && process.stdout.isTTY) out('no approvals are pending');
    else for (const request of requests.values()) out(pendingLine(request, now));
    return 0;
  },
};

export const approveCli: Command = {
  summary: 'answer step-ups in this terminal (full screen; no VS Code needed)',
  usage: `aarm approve

A full-screen list of the actions waiting for a human, with what the VS Code approval page shows:
the whole action (long commands wrap; invisible characters are shown as \\u{…}), what it reads,
writes, deletes and reaches, the rule and its reason, the risk, the agent, the session and the
time left. New requests appear as they come; answered and timed-out ones go.

At the start it asks to register this terminal as an approver for this run: it makes a key in
memory (never written to disk), shows its id and, when you answer y, confirms it with the daemon.
The daemon forgets the key when \`aarm approve\` ends. Answer n to only deny.

Keys: ↑/↓ (or k/j) choose; a allow once; s allow for this session; w always allow in this
workspace (s and w only when the request offers them); each allow asks y to confirm. After w the
daemon also proposes a rule for exactly this action for your policy, shown in full with the earlier
actions it would have allowed: r confirms it (written to $AARM_HOME/policies/approved.yaml);
l first limits it (e.g. 7d, 10 uses, 12h 3 uses) and shows the rule again with that limit.
d deny; n write a note for the receipt (Enter keeps it, Esc drops it); q quit.
An action that does not fit in the window cannot be allowed until you enlarge it.
Needs an interactive terminal; refused from under a coding agent.`,
  async run(args) {
    const { values } = parse(args, {});
    if (values.help) return showUsage(approveCli);
    const refusal = agentAbove();
    if (refusal !== undefined) return (err(`aarm approve: ${refusal}`), 1);
    if (!process.stdin.isTTY || !process.stdout.isTTY)
      return (
        err(
          'aarm approve: needs an interactive terminal (stdin and stdout); for scripts, `aarm pending --json` lists what waits',
        ),
        1
      );
    return new TerminalApprover().run();
  },
};

type Scope = 'once' | 'session' | 'always';
type Mode =
  | { kind: 'register' }
  | { kind: 'list' }
  | { kind: 'note'; text: string }
  | {
      kind: 'confirm';
      approvalId: string;
      scope: Scope;
      /** for `always`: the rule it can also write into your policy, or why there is none */
      proposal?: RuleProposal | string;
      /** when that rule ends, as typed after `l` */
      limits?: RuleLimits;
    }
  | { kind: 'limit'; text: string; error?: string; confirm: Extract<Mode, { kind: 'confirm' }> };

type RuleLimits = { expires?: string; maxUses?: number };

const SCOPE_WORDS: Record<Scope, string> = {
  once: 'Allow once',
  session: 'Allow for this session',
  always: 'Always allow in this workspace',
};

class TerminalApprover {
  private readonly requests = new Map<string, ApprovalRequest>();
  private readonly notes = new Map<string, string>();
  private selected: string | undefined;
  private mode: Mode = { kind: 'register' };
  private status = '';
  /** whether this terminal's key may allow: confirmed by the human at the start */
  private approver: 'asking' | 'yes' | 'no' = 'asking';
  /** the request whose whole action was on screen at the last drawing (the only one that can be allowed) */
  private shownInFull: string | undefined;
  /** the rule proposal whose whole text was on screen at the last drawing (the only one `r` confirms) */
  private proposalShown: string | undefined;
  private readonly signer = approverSigner(newApproverSeed());
  private client: AarmClient | undefined;
  /** the screen is ours (alternate screen, raw keys) */
  private drawing = false;
  private finish: (code: number) => void = () => {};

  async run(): Promise<number> {
    try {
      this.client = await approverConnection('aarm-approve', (m) => this.receive(m), this.signer);
    } catch (error) {
      return (err(`aarm approve: ${(error as Error).message}`), 1);
    }
    const client = this.client;
    try {
      const reply = await client.call({
        type: 'register_approver',
        ...this.signer.registration(terminalName()),
        ephemeral: true,
      });
      if (reply.type !== 'approver_registration')
        throw new Error(reply.type === 'error' ? reply.message : `unexpected ${reply.type}`);
    } catch (error) {
      await client.close();
      return (err(`aarm approve: this terminal's key was not registered: ${(error as Error).message}`), 1);
    }
    const done = new Promise<number>((resolve) => (this.finish = resolve));
    client.onClose((why) => {
      this.status = `the connection to the daemon ended: ${why}`;
      this.finish(1);
    });
    const stdin = process.stdin;
    stdin.setRawMode(true);
    stdin.setEncoding('utf8');
    stdin.on('data', (data: string) => this.keys(data));
    stdin.resume();
    const redraw = () => this.draw();
    process.stdout.on('resize', redraw);
    const quit = () => this.finish(0);
    process.on('SIGTERM', quit);
    process.on('SIGHUP', quit);
    // the alternate screen, without the cursor: the shell's screen comes back as it was, even after a crash
    const restore = () => process.stdout.write('\x1b[?25h\x1b[?1049l');
    process.on('exit', restore);
    process.stdout.write('\x1b[?1049h\x1b[?25l');
    this.drawing = true;
    const tick = setInterval(() => this.expire(), 1000);
    this.draw();
    const code = await done;
    clearInterval(tick);
    this.drawing = false;
    process.stdout.off('resize', redraw);
    process.off('SIGTERM', quit);
    process.off('SIGHUP', quit);
    stdin.setRawMode(false);
    stdin.pause();
    process.off('exit', restore);
    restore();
    if (code !== 0) err(`aarm approve: ${this.status}`);
    await client.close();
    return code;
  }

  private receive(message: ServerMessage): void {
    if (message.type === 'approval_request') {
      this.requests.set(message.approvalId, message);
      this.selected ??= message.approvalId;
    } else if (message.type === 'approval_resolved') {
      if (!this.requests.delete(message.approvalId)) return;
      this.notes.delete(message.approvalId);
      if (this.selected === message.approvalId) this.selected = this.requests.keys().next().value;
      if (this.mode.kind === 'confirm' && this.mode.approvalId === message.approvalId) {
        this.mode = { kind: 'list' };
        this.status = 'that request was answered elsewhere or timed out';
      }
    } else return;
    this.draw();
  }

  /** Requests past their time go from the list (the daemon denies them and says so too). */
  private expire(): void {
    const now = Date.now();
    for (const [id, request] of this.requests)
      if (Date.parse(request.expiresAt) <= now)
        this.receive({ type: 'approval_resolved', approvalId: id, status: 'timeout' });
    this.draw();
  }

  private keys(data: string): void {
    // Escape sequences of the arrow keys; everything else one character at a time.
    const tokens = data.match(/\x1b\[[0-9;]*[A-Za-z~]|\x1bO[A-Za-z]|[\s\S]/gu) ?? [];
    for (const token of tokens) this.key(token);
    this.draw();
  }

  private key(key: string): void {
    if (key === '\x03') return this.finish(0); // Ctrl-C, in any mode
    const mode = this.mode;
    if (mode.kind === 'register') return void this.register(key === 'y' || key === 'Y');
    if (mode.kind === 'note') {
      if (key === '\r' || key === '\n') {
        if (this.selected !== undefined && mode.text.length > 0) this.notes.set(this.selected, mode.text);
        this.status = mode.text.length > 0 ? 'note kept for this request' : '';
        this.mode = { kind: 'list' };
      } else if (key === '\x1b') this.mode = { kind: 'list' };
      else if (key === '\x7f' || key === '\b') mode.text = [...mode.text].slice(0, -1).join('');
      else if (!/^[\p{C}]/u.test(key) && mode.text.length < 1024) mode.text += key;
      return;
    }
    if (mode.kind === 'limit') {
      if (key === '\r' || key === '\n') {
        const parsed = parseRuleLimits(mode.text, Date.now(), MAX_RULE_USES);
        if (!parsed.ok) return void (mode.error = parsed.error);
        this.mode = mode.confirm;
        this.propose(mode.confirm, parsed.limits);
      } else if (key === '\x1b') this.mode = mode.confirm;
      else if (key === '\x7f' || key === '\b') mode.text = [...mode.text].slice(0, -1).join('');
      else if (!/^[\p{C}]/u.test(key) && mode.text.length < 64) mode.text += key;
      return;
    }
    if (mode.kind === 'confirm') {
      // An "always" rule can end: after a time, after a number of uses (asked for again, shown whole).
      if (key === 'l' && typeof mode.proposal === 'object')
        return void (this.mode = { kind: 'limit', text: '', confirm: mode });
      this.mode = { kind: 'list' };
      // still the request on screen, and still all of it (the window may have shrunk meanwhile)
      if ((key === 'y' || key === 'Y') && this.shownInFull === mode.approvalId)
        void this.answer(mode.approvalId, 'allow', mode.scope);
      else if (
        key === 'r' &&
        typeof mode.proposal === 'object' &&
        this.shownInFull === mode.approvalId &&
        this.proposalShown === mode.proposal.proposalId
      )
        void this.answerWithRule(mode.approvalId, mode.proposal);
      else this.status = 'not allowed';
      return;
    }
    this.status = '';
    const ids = [...this.requests.keys()];
    const at = this.selected === undefined ? -1 : ids.indexOf(this.selected);
    if (key === 'q') return this.finish(0);
    if (key === '\x1b[A' || key === '\x1bOA' || key === 'k') this.selected = ids[Math.max(0, at - 1)];
    else if (key === '\x1b[B' || key === '\x1bOB' || key === 'j')
      this.selected = ids[Math.min(ids.length - 1, at + 1)];
    else if (this.selected === undefined) return;
    else if (key === 'd') void this.answer(this.selected, 'deny', 'once');
    else if (key === 'n') this.mode = { kind: 'note', text: this.notes.get(this.selected) ?? '' };
    else if (key === 'a' || key === 's' || key === 'w')
      this.askToAllow(key === 'a' ? 'once' : key === 's' ? 'session' : 'always');
  }

  private askToAllow(scope: Scope): void {
    const request = this.requests.get(this.selected!)!;
    const why = this.cannotAllow(request, scope);
    if (why !== undefined) return void (this.status = why);
    const mode: Mode = { kind: 'confirm', approvalId: request.approvalId, scope };
    this.mode = mode;
    if (scope !== 'always') return;
    this.propose(mode, {});
  }

  /** "Always" can also write a rule into your policy: the daemon proposes it, shown before you confirm. */
  private propose(mode: Extract<Mode, { kind: 'confirm' }>, limits: RuleLimits): void {
    delete mode.proposal;
    mode.limits = limits;
    this.client!.proposeRule(mode.approvalId, limits)
      .then(
        (proposal) => (mode.proposal = proposal),
        (error: unknown) => (mode.proposal = (error as Error).message.replace(/^no_rule: /, '')),
      )
      .finally(() => this.draw());
  }

  private async answerWithRule(approvalId: string, proposal: RuleProposal): Promise<void> {
    const request = this.requests.get(approvalId);
    if (request === undefined) {
      this.status = 'that request is no longer pending (answered elsewhere, or timed out)';
      return this.draw();
    }
    try {
      await this.client!.approveWithRule(approvalId, proposal, this.notes.get(approvalId));
      this.status = `allowed always, and the rule goes into ${proposal.file}: ${summarizeAction(request.action)}`;
    } catch (error) {
      this.status = `the answer was not recorded: ${(error as Error).message}`;
    }
    this.draw();
  }

  /** Why this answer is not offered for `request`, if it is not. */
  private cannotAllow(request: ApprovalRequest, scope: Scope): string | undefined {
    if (this.approver === 'asking') return 'this terminal’s key is not confirmed yet';
    if (this.approver === 'no')
      return 'this terminal is not an approver in this run: it can only deny; restart `aarm approve` to register it';
    if (this.shownInFull !== request.approvalId)
      return 'the whole action is not on the screen: enlarge the window to allow it (d denies)';
    if (!request.scopes.includes(scope))
      return `${SCOPE_WORDS[scope].toLowerCase()} is not offered for this ${request.decision.risk}-risk action (only ${request.scopes.join(', ')})`;
    if (scope === 'always' && workspaceOf(request) === '')
      return 'the action names no workspace, so there is nothing to allow it always in';
    return undefined;
  }

  private async register(yes: boolean): Promise<void> {
    this.mode = { kind: 'list' };
    if (!yes) {
      this.approver = 'no';
      this.status = 'this terminal is not an approver in this run: it can only deny';
      return;
    }
    try {
      await this.client!.confirmApprover(this.signer.keyId);
      this.approver = 'yes';
      this.status = `this terminal approves with key ${this.signer.keyId} until you quit`;
    } catch (error) {
      this.approver = 'no';
      this.status = `not registered: ${(error as Error).message.replace(/^(forbidden|unknown_approver): /, '')}`;
    }
    this.draw();
  }

  private async answer(approvalId: string, answer: 'allow' | 'deny', scope: Scope): Promise<void> {
    const request = this.requests.get(approvalId);
    if (request === undefined) {
      this.status = 'that request is no longer pending (answered elsewhere, or timed out)';
      return this.draw();
    }
    const what = summarizeAction(request.action);
    try {
      await this.client!.approve(approvalId, answer, scope, this.notes.get(approvalId));
      this.status = `${answer === 'allow' ? SCOPE_WORDS[scope].replace('Allow', 'allowed').replace('Always allow', 'allowed always') : 'denied'}: ${what}`;
    } catch (error) {
      this.status = `the answer was not recorded: ${(error as Error).message}`;
    }
    this.draw();
  }

  private draw(): void {
    if (!this.drawing) return;
    const width = Math.max(20, (process.stdout.columns || 80) - 1);
    const height = Math.max(10, process.stdout.rows || 24);
    const now = Date.now();
    const rule = plain('─'.repeat(width), width);
    const ids = [...this.requests.keys()];
    const who =
      this.approver === 'yes'
        ? `terminal approver ${this.signer.keyId}`
        : this.approver === 'no'
          ? 'NOT an approver: deny only'
          : 'asking to register';
    const top: Line[] = [plain(`AARM approvals: ${ids.length} pending   (${who})`, width), rule];
    // The footer offers allow keys only for an action shown in full, which the body decides:
    // its height is known first, its text after the body.
    const room = height - top.length - this.footer(width).length - 1;
    const body: Line[] = [];
    this.shownInFull = undefined;
    if (ids.length === 0)
      body.push(plain('Nothing waits for an answer. New requests appear here as they come.', width));
    else {
      const at = Math.max(0, ids.indexOf(this.selected!));
      const rows = Math.min(ids.length, Math.max(1, Math.min(5, Math.floor(room / 4))));
      const first = Math.min(Math.max(0, at - rows + 1), ids.length - rows);
      for (const id of ids.slice(first, first + rows))
        body.push(listRow(this.requests.get(id)!, width, now, id === this.selected));
      if (ids.length > rows) body.push(plain(`  (${ids.length - rows} more: ↑/↓)`, width));
      body.push(rule);
      const request = this.requests.get(ids[at]!)!;
      const { action, context } = details(request, width, now);
      const note = this.notes.get(request.approvalId);
      const noteLines = note ? [...oneLinePrefixed('note: ', note, width)] : [];
      const left = room - body.length;
      if (action.length + noteLines.length <= left) {
        this.shownInFull = request.approvalId;
        body.push(...action, ...noteLines);
        const spare = left - action.length - noteLines.length;
        if (context.length <= spare) body.push(...context);
        else if (spare > 1)
          body.push(...context.slice(0, spare - 1), plain('(more context: enlarge the window)', width));
      } else
        body.push(
          ...action.slice(0, Math.max(0, left - 1)),
          plain(
            `!! ${action.length} lines, ${left - 1} shown: enlarge the window to allow this (d denies)`,
            width,
          ),
        );
    }
    const blank: Line[] = Array.from({ length: Math.max(0, room - body.length) }, () => []);
    const screen = [...top, ...body.slice(0, room), ...blank, rule, ...this.footer(width)];
    process.stdout.write(`\x1b[H${screen.map((line) => `${paint(line)}\x1b[K`).join('\r\n')}\x1b[J`);
  }

  private footer(width: number): Line[] {
    const mode = this.mode;
    if (mode.kind === 'register')
      return [
        plain(`Register this terminal as an approver for this run? Key id ${this.signer.keyId}`, width),
        plain('(kept in memory only; the daemon forgets it when you quit)  [y/N]', width),
      ];
    if (mode.kind === 'note')
      return [
        ...oneLinePrefixed('note: ', `${mode.text}▏`, width),
        plain('Enter keeps the note, Esc drops it', width),
      ];
    if (mode.kind === 'limit')
      return [
        ...oneLinePrefixed('limit the rule: ', `${mode.text}▏`, width),
        ...(mode.error ? oneLinePrefixed('', mode.error, width) : []),
        plain(
          'e.g. 7d, 10 uses, 12h 3 uses (m h d w; uses); Enter shows that rule, empty for none, Esc goes back',
          width,
        ),
      ];
    const request = this.selected === undefined ? undefined : this.requests.get(this.selected);
    if (mode.kind === 'confirm' && request) {
      const head: Line = [
        ...plain(`${SCOPE_WORDS[mode.scope]}: `, SCOPE_WORDS[mode.scope].length + 2),
        ...oneLine(summarizeAction(request.action), width - SCOPE_WORDS[mode.scope].length - 2),
      ];
      this.proposalShown = undefined;
      if (mode.scope !== 'always' || mode.proposal === undefined)
        return [head, plain('y allows it; any other key does not', width)];
      if (typeof mode.proposal === 'string')
        return [
          head,
          ...oneLinePrefixed('no rule for your policy: ', mode.proposal, width),
          plain('y allows it (a grant); any other key does not', width),
        ];
      const proposal = mode.proposal;
      // The rule in full, wrapped, never cut: `r` only confirms what was on screen.
      const text = proposal.text
        .trimEnd()
        .split('\n')
        .flatMap((line) => wrap(line, width)); // agent text: escaped, wrapped, never cut
      this.proposalShown = proposal.proposalId;
      const limits = describeRuleLimits(mode.limits ?? {});
      return [
        head,
        plain(`r also writes this rule into ${proposal.file}${limits ? ` (${limits})` : ''}:`, width),
        ...text,
        plain(
          `it would have allowed ${proposal.count} earlier action(s)${proposal.count > 0 ? `: ${proposal.receipts.slice(0, 5).join(', ')}${proposal.count > 5 ? ', …' : ''}` : ''}`,
          width,
        ),
        plain(
          limits
            ? 'y allows it (a grant, without that limit); r allows it and writes the rule instead; l changes the limit; any other key does neither'
            : 'y allows it (a grant); r allows it and writes the rule instead; l limits the rule (time, uses); any other key does neither',
          width,
        ),
      ];
    }
    const offered = request
      ? (['once', 'session', 'always'] as const).filter(
          (scope) => this.cannotAllow(request, scope) === undefined,
        )
      : [];
    const keys = [
      '↑↓ choose',
      ...offered.map(
        (scope) =>
          `${scope === 'once' ? 'a' : scope === 'session' ? 's' : 'w'} ${SCOPE_WORDS[scope].toLowerCase()}`,
      ),
      ...(request ? ['d deny', 'n note'] : []),
      'q quit',
    ].join('  ');
    return [oneLine(this.status, width), plain(keys, width)];
  }
}

function oneLinePrefixed(prefix: string, value: string, width: number): Line[] {
  return [[...plain(prefix, prefix.length), ...oneLine(value, width - prefix.length)]];
}

function workspaceOf(request: ApprovalRequest): string {
  const context = request.action.context;
  const workspace =
    typeof context === 'object' && context !== null
      ? (context as { workspace?: unknown }).workspace
      : undefined;
  return typeof workspace === 'string' ? workspace : '';
}

/** The name the key registers under (it shows in receipts): this terminal's device, when known. */
function terminalName(): string {
  try {
    return `aarm approve on ${readlinkSync('/proc/self/fd/0')}`.slice(0, 100);
  } catch {
    return 'aarm approve';
  }
}
