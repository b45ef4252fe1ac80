/**
 * Actions decided one after another with the daemon's semantics, without a daemon: the policy
 * layers as the daemon loads them, and one accumulated context per session (R2), fed in order.
 * Shared by `aarm check` (actions from stdin) and `aarm replay` (actions from the receipt store),
 * so both decide exactly as the daemon would.
 */
import { existsSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { confinementAvailability } from '../confinement/bubblewrap.js';
import type {
  ActionReceipt,
  ReplayChange,
  ReplayDaemonDecided,
  ReplayReport,
  Verdict,
} from '../protocol/index.js';
import type { ReceiptStore } from '../receipts/store.js';
import { createSessionManager } from '../gate/sessions.js';
import { decidedByDaemon, judge, judgeInvalid, type JudgeDeps, type Judgement } from '../pipeline/judge.js';
import { effectsFor } from '../pipeline/prepare.js';
import { readSecretFile } from '../state/files.js';
import { gitRemoteHosts } from '../state/git-remotes.js';
import { resolveDataDir } from '../protocol/index.js';
import {
  createFileView,
  createPolicySources,
  resolveSymlinks,
  type PolicySources,
  type PolicySourcesOptions,
} from '../state/policy-files.js';

export interface PolicyDirs {
  packDir?: string;
  managedDir?: string;
  userDir?: string;
}

export interface Replayer {
  policies: PolicySources;
  /** the session's original request (or a later one), as the daemon takes it */
  setRequest(session: string, request: string): void;
  recordOutcome(session: string, receiptId: string, status: string): void;
  /**
   * Decide one action in its session's context, then add it to that context as the daemon does.
   * `notValid`: why the input is not an action at all (it is then judged invalid). `recorded`: what
   * the daemon itself decided, whatever policy said (a session-binding refusal): the context takes
   * that in, as it did live.
   */
  decide(input: {
    session: string;
    raw: unknown;
    rawText: string;
    receiptId: string;
    notValid?: string;
    recorded?: { decision: string; verdict: Verdict | 'ask' };
  }): Judgement;
  close(): void;
}

export function createReplayer(options: {
  /** the user's home, links resolved */
  home: string;
  /** $AARM_HOME, links resolved (always protected) */
  stateDir: string;
  dirs: PolicyDirs;
  /** further policy files, in the user's layer */
  extraFiles: readonly string[];
  /** the time the session context sees (what counts as recent); a replay gives each entry's own */
  now?: () => Date;
  /** whether shell commands run confined, as a running daemon decided (default: as one started here would) */
  confine?: { enabled: boolean; reason?: string | undefined };
  /** the uses of approved rules with `max_uses` (absent: not counted) */
  usesOf?: PolicySourcesOptions['usesOf'];
}): Replayer {
  const { home } = options;
  const policies = createPolicySources({
    home,
    stateDir: options.stateDir,
    ...options.dirs,
    extraFiles: options.extraFiles,
    watch: false,
    ...(options.usesOf ? { usesOf: options.usesOf } : {}),
  });
  const fileView = createFileView();
  const confinement = options.confine ?? confinementHere();
  const deps: JudgeDeps = {
    policies,
    home,
    realpath: resolveSymlinks,
    effectsOf: effectsFor(home, fileView),
    caseInsensitive: (dir: string) => fileView.caseInsensitive?.(dir) ?? false,
    gitRemotes: gitRemoteHosts,
    // the lasting copy of aarm the hooks run is protected, as in the daemon
    installDir: resolveSymlinks(resolveDataDir(process.env, home)),
    // `confine:` rules allow only where commands run confined (R1), as in the daemon.
    ...(confinement.enabled
      ? { confine: true }
      : { unconfinedBecause: confinement.reason ?? 'not confined' }),
  };
  const sessions = createSessionManager({
    home,
    readSecretFile,
    ...(options.now ? { now: options.now } : {}),
  });
  return {
    policies,
    setRequest: (session, request) => sessions.setRequest(session, request),
    recordOutcome: (session, receiptId, status) => sessions.recordOutcome(session, receiptId, status),
    decide({ session, raw, rawText, receiptId, notValid, recorded }) {
      const j =
        notValid === undefined
          ? judge(raw, rawText, { ...deps, sessionOf: (action) => sessions.snapshot(session, action) })
          : judgeInvalid(notValid, rawText, deps);
      sessions.recordAction(session, {
        action: j.action,
        effects: j.effects,
        receiptId,
        decision: recorded?.decision ?? j.decision.decision,
        verdict: recorded?.verdict ?? j.verdict,
      });
      return j;
    },
    close: () => policies.close(),
  };
}

/** As a daemon started here would decide: `confine:` rules allow where bubblewrap works. */
function confinementHere(): { enabled: boolean; reason?: string } {
  const availability = confinementAvailability();
  return availability.available ? { enabled: true } : { enabled: false, reason: availability.reason };
}

/** A decision as `would now …` names it, in the order a replay lists its changes. */
export const NOW_WORDS: Record<string, string> = {
  allow: 'would now allow',
  deny: 'would now deny',
  step_up: 'would now ask',
  modify: 'would now modify',
  defer: 'would now defer',
};

/**
 * The recorded actions judged again by `replayer` (issue 22): each session's context rebuilt from
 * its context log, the daemon's own order (requests, actions, outcomes, each at its time), and
 * every action compared with what was decided when it ran (a deferred one: what it resolved to).
 * Actions the daemon refused before judging (a full queue, a receipt that could not be stored)
 * are not in the log and not replayed. Those it judged and then refused itself, whatever policy
 * said (a session bound elsewhere, a broken chain), are not replayed either (a draft cannot change
 * them): they are listed apart, and their sessions' contexts take them in as they were decided.
 */
export function replayRecorded(
  store: Pick<ReceiptStore, 'list' | 'contextLog' | 'sessions'>,
  replayer: Replayer,
  filter: { session?: string; since?: number; workspace?: string; recentSessions?: number },
  setClock: (time: Date) => void,
): { ok: true; report: ReplayReport } | { ok: false; error: string } {
  const actions = new Map<string, ActionReceipt>();
  const resolved = new Map<string, ActionReceipt['decision']>();
  const sessions: string[] = [];
  // Only what is asked for is read: one session, the recent ones (oldest first), or all.
  const scopes =
    filter.session !== undefined
      ? [{ session: filter.session }]
      : filter.recentSessions !== undefined
        ? store
            .sessions({ limit: filter.recentSessions })
            .reverse()
            .map((s) => ({ session: s.session }))
        : [{}];
  for (const scope of scopes)
    for (const { body } of store.list(scope)) {
      if (body.kind === 'action') {
        actions.set(body.id, body);
        if (!sessions.includes(body.session)) sessions.push(body.session);
      } else if (body.kind === 'resolution') resolved.set(body.receiptId, body.decision);
    }
  if (filter.session !== undefined && sessions.length === 0)
    return { ok: false, error: `no session \`${filter.session}\` in the receipts` };
  const changes = new Map<string, ReplayChange>();
  const daemonDecided = new Map<string, ReplayDaemonDecided>();
  const replayedSessions = new Set<string>();
  let replayed = 0;
  let unchanged = 0;
  for (const session of sessions) {
    for (const row of store.contextLog(session)) {
      const logged = JSON.parse(row.body) as ContextLogBody;
      setClock(new Date(logged.time));
      const entry = logged.entry;
      if (entry.kind === 'request') replayer.setRequest(session, entry.request);
      else if (entry.kind === 'outcome') replayer.recordOutcome(session, entry.receiptId, entry.status);
      else {
        const receipt = actions.get(entry.receiptId);
        if (receipt === undefined) continue; // not an action receipt of this store
        const raw = withWorkspace(receipt.action, filter.workspace);
        const was = resolved.get(receipt.id) ?? receipt.decision;
        const byDaemon = decidedByDaemon(was.rule);
        const judged = replayer.decide({
          session,
          raw,
          rawText: JSON.stringify(raw),
          receiptId: receipt.id,
          ...(receipt.action === null ? { notValid: receipt.invalid?.error ?? 'not a valid action' } : {}),
          ...(byDaemon ? { recorded: { decision: was.decision, verdict: receipt.verdict } } : {}),
        });
        // Earlier actions build the context; only those in range are compared.
        if (filter.since !== undefined && Date.parse(receipt.time) < filter.since) continue;
        if (byDaemon) {
          let line = daemonDecided.get(was.rule);
          if (line === undefined) {
            line = { rule: was.rule, count: 0, receipts: [] };
            daemonDecided.set(was.rule, line);
          }
          line.count++;
          line.receipts.push({ id: receipt.id, session, time: receipt.time, was: was.decision });
          continue;
        }
        replayed++;
        replayedSessions.add(session);
        const now = judged.decision;
        if (now.decision === was.decision) {
          unchanged++;
          continue;
        }
        const key = `${now.decision}\0${now.rule}`;
        let change = changes.get(key);
        if (change === undefined) {
          change = { now: now.decision, rule: now.rule, count: 0, receipts: [] };
          changes.set(key, change);
        }
        change.count++;
        change.receipts.push({
          id: receipt.id,
          session,
          time: receipt.time,
          was: was.decision,
          wasRule: was.rule,
        });
      }
    }
  }
  // Sessions were replayed one after another: the receipts of a line go back to chain order.
  const seqOf = (id: string) => actions.get(id)?.seq ?? 0;
  for (const line of [...changes.values(), ...daemonDecided.values()])
    line.receipts.sort((a, b) => seqOf(a.id) - seqOf(b.id));
  const order = Object.keys(NOW_WORDS);
  const sorted = [...changes.values()].sort(
    (a, b) =>
      order.indexOf(a.now) - order.indexOf(b.now) || b.count - a.count || a.rule.localeCompare(b.rule),
  );
  return {
    ok: true,
    report: {
      replayed,
      sessions: replayedSessions.size,
      unchanged,
      changes: sorted,
      daemonDecided: [...daemonDecided.values()].sort(
        (a, b) => b.count - a.count || a.rule.localeCompare(b.rule),
      ),
    },
  };
}

/** What a row of the context log holds (context/session.ts writes it), as far as a replay reads it. */
interface ContextLogBody {
  time: string;
  entry:
    | { kind: 'request'; request: string }
    | { kind: 'action'; receiptId: string }
    | { kind: 'outcome'; receiptId: string; status: string };
}

/** `--workspace`: the workspace of a recorded action that names none. */
function withWorkspace(action: Record<string, unknown> | null, workspace: string | undefined): unknown {
  if (action === null || workspace === undefined) return action;
  const context = typeof action.context === 'object' && action.context !== null ? action.context : {};
  if ('workspace' in context && context.workspace !== undefined) return action;
  return { ...action, context: { ...context, workspace } };
}

/** What the daemon replays a draft with: its policy layers but the user's, and its confinement. */
export interface DraftReplayOptions {
  home: string;
  stateDir: string;
  /** the pack and managed folders: the draft is the user's layer */
  dirs: Omit<PolicyDirs, 'userDir'>;
  /** the daemon's own confinement: `confine:` rules decide as they do live */
  confine: { enabled: boolean; reason?: string | undefined };
}

/** An approver's `replay` request, as the gate hands it over. */
export interface DraftReplayRequest {
  policies: string[];
  session?: string | undefined;
  since?: string | undefined;
  recentSessions?: number | undefined;
}

/** What the replay worker (replay-worker.ts) is started with: all it needs, as plain data. */
export interface ReplayWorkerData {
  /** the receipt database, opened read-only */
  database: string;
  options: DraftReplayOptions;
  request: DraftReplayRequest;
}

/**
 * The daemon's answer to an approver's `replay` (the editor's "Replay This Policy"): the draft's
 * files replace the user's layer, over the daemon's own store. A draft with an error in it is
 * refused with its problems (the editor shows them as it is typed). Synchronous: the daemon runs it
 * in a worker thread (replay-thread.ts), never on its event loop.
 */
export function replayDraftWith(
  options: DraftReplayOptions & { store: Pick<ReceiptStore, 'list' | 'contextLog' | 'sessions'> },
) {
  return (request: DraftReplayRequest): { ok: true; report: ReplayReport } | { ok: false; error: string } => {
    for (const file of request.policies)
      if (!isAbsolute(file) || !existsSync(file)) return { ok: false, error: `no policy file \`${file}\`` };
    const since = request.since === undefined ? undefined : Date.parse(request.since);
    if (since !== undefined && Number.isNaN(since))
      return { ok: false, error: `\`${request.since}\` is not a date` };
    let clock = new Date();
    const replayer = createReplayer({
      home: options.home,
      stateDir: options.stateDir,
      dirs: options.dirs,
      extraFiles: request.policies,
      now: () => clock,
      confine: options.confine,
    });
    try {
      const drafts = new Set(request.policies.map((file) => resolve(file)));
      const errors = replayer.policies
        .forWorkspace(undefined)
        .set.problems.filter((p) => p.severity === 'error' && drafts.has(resolve(p.source)));
      if (errors.length > 0)
        return {
          ok: false,
          error: `the draft does not load: ${errors.map((p) => `${p.source}:${p.line}:${p.column}: ${p.message}`).join('; ')}`,
        };
      return replayRecorded(
        options.store,
        replayer,
        {
          ...(request.session === undefined ? {} : { session: request.session }),
          ...(since === undefined ? {} : { since }),
          ...(request.recentSessions === undefined ? {} : { recentSessions: request.recentSessions }),
        },
        (time) => (clock = time),
      );
    } finally {
      replayer.close();
    }
  };
}
