/**
 * The context accumulator (AARM R2): per session, the original request, every prior action with
 * its decision and outcome, the data classes touched, the untrusted inputs that entered, and
 * digests of secrets read — as an append-only, hash-chained log. Policy sees a snapshot of it as
 * `session`. Pure: persistence is the caller's (the log entries are plain values).
 */
import { createHash } from 'node:crypto';
import {
  MCP_SELF_DESCRIPTION_TOOLS,
  type Action,
  type Effects,
  type SessionSnapshot,
} from '../protocol/index.js';

/** Data classes, most sensitive first. Unclassified data counts as the most sensitive (R2). */
export const DATA_CLASSES = ['secret', 'credential', 'personal', 'internal', 'public'] as const;
export type DataClass = (typeof DATA_CLASSES)[number];

export type ContextEntry =
  | { kind: 'request'; request: string }
  | {
      kind: 'action';
      receiptId: string;
      tool: string;
      operation: string;
      summary: string;
      decision: string;
      verdict: string;
      dataClasses: DataClass[];
      untrusted: string[];
      reads: number;
      /** files read whose names were only known at run time (absent in logs written before) */
      unknownReads?: number;
      egress: boolean;
      /** sha256 of secret values read by this action (never the values) */
      secretDigests: string[];
    }
  | { kind: 'outcome'; receiptId: string; status: string };

export interface LoggedEntry {
  session: string;
  seq: number;
  time: string;
  prevHash: string;
  entry: ContextEntry;
  hash: string;
}

const GENESIS = '0'.repeat(64);
const RECENT_WINDOW_MS = 60_000;
const PRIOR_ACTIONS_SHOWN = 20;
/** The user's later prompts kept after the first request (the newest). */
const LATER_REQUESTS_KEPT = 10;
/** Actions answered `ask` whose outcome is awaited; past this, the oldest counts as having run. */
const UNCONFIRMED_KEPT = 1024;

type ActionEntry = Extract<ContextEntry, { kind: 'action' }>;

export class SessionContext {
  /** the user's first request in this session: what the session is for (R2, R3) */
  request = '';
  /** the user's prompts after the first, oldest first (the newest LATER_REQUESTS_KEPT) */
  readonly laterRequests: string[] = [];
  // INVARIANT: everything a snapshot needs is kept up to date as entries arrive, so judging an
  // action costs the same in a session's first minute and in its thousandth action.
  private headSeq = 0;
  private headHash = GENESIS;
  private readonly classes = new Set<DataClass>();
  private readonly untrustedSources = new Set<string>();
  private readonly secretDigests = new Set<string>();
  private reads = 0;
  private unknownReads = 0;
  private egress = 0;
  private actions = 0;
  private allowed = 0;
  /** action times (ms) of the last minute or so, oldest first */
  private readonly recentTimes: number[] = [];
  private readonly prior: Array<ActionEntry & { outcome: string }> = [];
  /**
   * Actions answered `ask` (the agent's own prompt decides) not yet reported as run: the user may
   * have said no, so what they would touch counts only once an outcome says they ran.
   */
  private readonly unconfirmed = new Map<string, ActionEntry>();
  /** asked actions whose outcome a later action already waited for (in memory only) */
  private readonly waitedFor = new Set<string>();

  constructor(readonly id: string) {}

  get head(): { seq: number; hash: string } {
    return { seq: this.headSeq, hash: this.headHash };
  }

  /** Append an entry to the hash-chained log and fold it into the accumulated context. */
  append(entry: ContextEntry, time: Date): LoggedEntry {
    const logged = {
      session: this.id,
      seq: this.headSeq + 1,
      time: time.toISOString(),
      prevHash: this.headHash,
      entry,
    };
    const hash = createHash('sha256').update(JSON.stringify(logged)).digest('hex');
    const full = { ...logged, hash };
    this.apply(full);
    return full;
  }

  /** Rebuild from a stored log (after a restart); refuses a log whose chain is broken. */
  replay(logged: LoggedEntry): void {
    const { hash, ...rest } = logged;
    const expected = createHash('sha256').update(JSON.stringify(rest)).digest('hex');
    if (expected !== hash || logged.prevHash !== this.headHash || logged.seq !== this.headSeq + 1) {
      throw new Error(`the context log of session \`${this.id}\` is broken at entry ${logged.seq}`);
    }
    this.apply(logged);
  }

  private apply(logged: LoggedEntry): void {
    this.headSeq = logged.seq;
    this.headHash = logged.hash;
    const { entry } = logged;
    if (entry.kind === 'request') {
      // The first request is what the session is for; later prompts are kept beside it, so that
      // a change of course shows instead of silently replacing the original intent.
      if (this.request === '') this.request = entry.request;
      else if ((this.laterRequests.at(-1) ?? this.request) !== entry.request) {
        this.laterRequests.push(entry.request);
        if (this.laterRequests.length > LATER_REQUESTS_KEPT) this.laterRequests.shift();
      }
    }
    if (entry.kind === 'outcome') {
      const action = this.prior.find((a) => a.receiptId === entry.receiptId);
      if (action) action.outcome = entry.status;
      // Any outcome of an asked action means it ran (perhaps in part): now it touched its data.
      const asked = this.unconfirmed.get(entry.receiptId);
      if (asked) {
        this.unconfirmed.delete(entry.receiptId);
        this.waitedFor.delete(entry.receiptId);
        this.touch(asked);
      }
    }
    if (entry.kind === 'action') {
      this.actions++;
      // Only what ran touched data. An allow counts at once (fail closed: its outcome may never be
      // reported); an `ask` only once its outcome confirms it ran (the agent's user may refuse).
      if (entry.verdict !== 'deny') this.allowed++;
      if (entry.verdict === 'ask') {
        this.unconfirmed.set(entry.receiptId, entry);
        if (this.unconfirmed.size > UNCONFIRMED_KEPT) {
          const [oldest, action] = this.unconfirmed.entries().next().value!;
          this.unconfirmed.delete(oldest);
          this.waitedFor.delete(oldest);
          this.touch(action); // not forgotten as harmless: counted as run
        }
      } else if (entry.verdict !== 'deny') this.touch(entry);
      // Kept in order (a clock set back counts as now: more recent, never fewer), so that counting
      // the last minute is a binary search, not a walk over a busy session's thousands of actions.
      const time = Math.max(Date.parse(logged.time) || 0, this.recentTimes.at(-1) ?? 0);
      this.recentTimes.push(time);
      const expired = firstAtOrAfter(this.recentTimes, time - RECENT_WINDOW_MS);
      if (expired > 1024) this.recentTimes.splice(0, expired); // drop old ones in chunks: shift is O(n)
      this.prior.push({ ...entry, outcome: '' });
      if (this.prior.length > PRIOR_ACTIONS_SHOWN) this.prior.shift();
    }
  }

  /** Fold what an action that ran touched into the session's context. */
  private touch(entry: ActionEntry): void {
    for (const c of entry.dataClasses) this.classes.add(c);
    for (const u of entry.untrusted) this.untrustedSources.add(u);
    for (const d of entry.secretDigests) this.secretDigests.add(d);
    this.reads += entry.reads;
    this.unknownReads += entry.unknownReads ?? 0;
    if (entry.egress) this.egress++;
  }

  /**
   * Asked actions that would taint the session (secrets or credentials) and whose outcome has not
   * come yet, not waited for before (each once: a refused one never reports). Marks them waited.
   */
  takeUnheardTaintingAsks(): string[] {
    const unheard = [...this.unconfirmed.values()].filter(
      (a) =>
        !this.waitedFor.has(a.receiptId) &&
        (a.secretDigests.length > 0 || a.dataClasses.some((c) => c === 'secret' || c === 'credential')),
    );
    for (const a of unheard) this.waitedFor.add(a.receiptId);
    return unheard.map((a) => a.receiptId);
  }

  /**
   * Does the action carry a secret this session's actions read? An asked read counts here even
   * before its outcome confirms it ran: a refused read cannot have given the agent the value, so
   * an action that carries it is a leak whatever the report says (a second wall for the grace wait).
   */
  private carriesSecret(action: Action): boolean {
    if (this.secretDigests.size > 0 && containsDigest(action, this.secretDigests)) return true;
    for (const asked of this.unconfirmed.values())
      if (asked.secretDigests.length > 0 && containsDigest(action, new Set(asked.secretDigests))) return true;
    return false;
  }

  isUnconfirmed(receiptId: string): boolean {
    return this.unconfirmed.has(receiptId);
  }

  /** The user's newest request (the first, until a later prompt came). */
  get latestRequest(): string {
    return this.laterRequests.at(-1) ?? this.request;
  }

  /** What policy sees as `session` when judging `action` at `now`. */
  snapshot(action: Action | undefined, now: Date): SessionSnapshot {
    const since = now.getTime() - RECENT_WINDOW_MS;
    return {
      id: this.id,
      request: this.request,
      hasRequest: this.request !== '',
      laterRequests: [...this.laterRequests],
      actions: this.actions,
      allowed: this.allowed,
      denied: this.actions - this.allowed,
      recentActions: this.recentTimes.length - firstAtOrAfter(this.recentTimes, since),
      dataClasses: DATA_CLASSES.filter((c) => this.classes.has(c)),
      untrusted: this.untrustedSources.size > 0,
      untrustedSources: [...this.untrustedSources],
      reads: this.reads,
      unknownReads: this.unknownReads,
      egress: this.egress,
      secretInParameters: action !== undefined && this.carriesSecret(action),
      identified: action?.identity?.agent !== undefined,
      priorActions: this.prior.map((a) => ({
        tool: a.tool,
        operation: a.operation,
        summary: a.summary,
        decision: a.decision,
        verdict: a.verdict,
        outcome: a.outcome,
      })),
    };
  }
}

/** Index of the first value ≥ `limit` in an ascending array (its length when there is none). */
function firstAtOrAfter(sorted: readonly number[], limit: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (sorted[mid]! < limit) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** The pieces of a secret worth matching later: values of KEY=VALUE / key: value lines, and whole lines. */
export function secretTokens(content: string): string[] {
  const tokens = new Set<string>();
  for (const raw of content.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const kv = /^[\w.-]+\s*[:=]\s*["']?(.*?)["']?$/.exec(line);
    if (kv?.[1]) tokens.add(kv[1]);
    if (!line.startsWith('-----')) tokens.add(line);
  }
  return [...tokens].filter((t) => t.length >= 8);
}

export const digest = (token: string) => createHash('sha256').update(token).digest('hex');

/** Whether any token of the action's parameters hashes to a secret read earlier. */
function containsDigest(action: Action, digests: ReadonlySet<string>): boolean {
  for (const text of stringsOf(action.parameters)) {
    if (text.length >= 8 && digests.has(digest(text))) return true;
    for (const token of text.split(/[\s"'`=:,;&?/\\|<>(){}[\]]+/)) {
      if (token.length >= 8 && digests.has(digest(token))) return true;
    }
  }
  return false;
}

function* stringsOf(value: unknown): Generator<string> {
  if (typeof value === 'string') yield value;
  else if (Array.isArray(value)) for (const v of value) yield* stringsOf(v);
  else if (typeof value === 'object' && value !== null)
    for (const v of Object.values(value)) yield* stringsOf(v);
}

/**
 * What data an action touches and what untrusted input it lets in. Workspace files are internal,
 * system files and web pages public, credential stores credential, `.env`-like files and the
 * environment secret; anything else (the home directory outside the workspace, unknown paths,
 * MCP tool outputs) is unclassified and counts as secret, the most sensitive (R2). What an MCP
 * server says about itself (instructions, tool descriptions) is untrusted input, not secret.
 */
export function classifyAction(
  action: Action,
  effects: Effects,
  paths: { isWithin: (path: string, dir: string) => boolean; classesOf: (path: string) => string[] },
): { dataClasses: DataClass[]; untrusted: string[] } {
  const classes = new Set<DataClass>();
  const untrusted = new Set<string>();
  const workspace = action.context?.workspace ?? '';
  for (const path of effects.reads) {
    // A file named only at run time is counted (session.unknownReads), not classified.
    if (path.startsWith('?')) continue;
    const sensitive = paths.classesOf(path);
    if (sensitive.some((c) => c === 'ssh' || c === 'cloud-credentials' || c === 'credentials'))
      classes.add('credential');
    else if (sensitive.some((c) => c === 'secret-file' || c === 'environment')) classes.add('secret');
    else if (workspace !== '' && paths.isWithin(path, workspace)) classes.add('internal');
    else if (/^\/(usr|etc|opt|lib|bin|sbin)(\/|$)/.test(path)) classes.add('public');
    else {
      classes.add('secret');
      untrusted.add(`file:${path}`);
    }
  }
  // What comes back from the network is untrusted input (T1, T11); a push only sends.
  const onlySends =
    effects.commands.length > 0 &&
    effects.commands.every((c) => c.program === 'git' && c.argv.includes('push'));
  if (effects.network && !onlySends) {
    classes.add('public');
    for (const host of effects.hosts.length > 0 ? effects.hosts : ['?']) untrusted.add(`net:${host}`);
  }
  if (action.tool === 'mcp') {
    // A server's instructions and tool descriptions, as the proxy reports them, are untrusted text
    // but no data it read. Only the proxy's: a hook's tool that a server named `initialize` did run.
    const selfDescription =
      action.identity?.agent?.adapter === 'mcp-proxy' &&
      MCP_SELF_DESCRIPTION_TOOLS.includes(action.parameters.tool);
    if (!selfDescription) classes.add('secret');
    untrusted.add(`mcp:${action.parameters.server}`);
  }
  return { dataClasses: DATA_CLASSES.filter((c) => classes.has(c)), untrusted: [...untrusted] };
}

/** One line a human can read: `shell: npm test`, `fs/write src/a.ts`. */
export function summarize(action: Action): string {
  switch (action.tool) {
    case 'shell':
      return action.parameters.command.slice(0, 200);
    case 'fs':
      return `${action.operation} ${action.parameters.path}`;
    case 'net':
      return `${action.parameters.method} ${action.parameters.url}`.slice(0, 200);
    case 'mcp':
      return `${action.parameters.server}.${action.parameters.tool}`;
  }
}
