/**
 * One submitted action, from its message to its answer: queued behind its session's earlier
 * actions, judged, held for its context (DEFER) or a human (STEP_UP), recorded, answered (R1–R5).
 * INVARIANTS: every submit gets an answer; no receipt, no action.
 */
import {
  hostOfEndpoint,
  isRecord,
  type Decision,
  type Identity,
  type SignedReceipt,
  type Verdict,
} from '../protocol/index.js';
import { CHAIN_BROKEN_RULE, SESSION_BINDING_RULE } from '../policy/builtin.js';
import { driftFindings } from '../telemetry/index.js';
import { sha256Hex } from '../receipts/keys.js';
import { judge, judgeInvalid, type Judgement, type JudgeDeps } from '../pipeline/judge.js';
import type { Caller } from './caller.js';
import { toolUseKey, type GateContext } from './context.js';
import { identityFor } from './identity.js';
import { stepUp } from './step-up.js';
import type { TakenUses } from './rule-uses.js';

/** Actions of one session that may wait behind a held one before new ones are refused (R4: bounded). */
export const MAX_WAITING_PER_SESSION = 32;

/** Allowed actions remembered by tool-use id until their outcome; an agent that never reports must not grow it forever. */
const MAX_AWAITING_BY_TOOL_USE = 10_000;

export function submit(
  gate: GateContext,
  caller: Caller,
  message: { id: string; action: unknown; agentCanAsk?: boolean | undefined },
): void {
  const session =
    caller.inheritedSession ??
    (isRecord(message.action) && typeof message.action.session === 'string'
      ? message.action.session
      : caller.session);
  caller.sessions.add(session);
  // The original request an action carries is context for the whole session: take it now,
  // so that it can release an action of this session deferred for it.
  const request = requestOf(message.action);
  if (request !== undefined) {
    gate.sessions.setRequest(session, request);
    gate.waiters.arrived(session);
  }
  const rawText = JSON.stringify(message.action) ?? '';
  if (caller.hello?.nonce) {
    caller.submitted ??= new Map();
    caller.submitted.set(message.id, sha256Hex(rawText));
    // bounded: a client that floods ids it never waits for cannot grow it
    if (caller.submitted.size > 1024) caller.submitted.delete(caller.submitted.keys().next().value!);
  }
  const queued = gate.queues.enqueue(session, () =>
    judgeAndAnswer(
      gate,
      caller,
      message.id,
      session,
      message.action,
      rawText,
      message.agentCanAsk ?? false,
    ).catch((error: unknown) => answerInternalError(gate, caller, message.id, session, rawText, error)),
  );
  if (!queued) refuseOverflow(gate, caller, message.id, session, rawText);
}

async function judgeAndAnswer(
  gate: GateContext,
  caller: Caller,
  id: string,
  session: string,
  raw: unknown,
  rawText: string,
  agentCanAsk: boolean,
): Promise<void> {
  const deps: JudgeDeps = {
    ...gate.judgeDeps,
    sessionOf: (action) => gate.sessions.snapshot(session, action),
  };
  // A use of an approved rule with a maximum is taken in the tick of the judgement that allows the
  // action (no other action can take the last one meanwhile), and given back unless the receipt
  // says the rule let this action through.
  let taken: TakenUses | undefined;
  const judgeNow = () => {
    taken?.settle(undefined);
    const judged = judgeUnlessBroken(gate, raw, rawText, deps);
    taken = gate.ruleUses?.take(judged.decision);
    return judged;
  };
  try {
    await judgeRecordAnswer(gate, caller, id, session, agentCanAsk, judgeNow, (final) =>
      taken?.settle(final),
    );
  } finally {
    taken?.settle(undefined);
  }
}

/** Judge (with `judgeNow`, again after each wait), hold, record and answer; `recorded`: what the receipt says. */
async function judgeRecordAnswer(
  gate: GateContext,
  caller: Caller,
  id: string,
  session: string,
  agentCanAsk: boolean,
  judgeNow: () => Judgement,
  recorded: (final: { decision: Decision; verdict: Verdict }) => void,
): Promise<void> {
  let judgement = judgeNow();
  const identity = identityFor(caller, judgement.action?.identity, gate.human);
  // A caller below a shim is that shim's agent by construction: only its workspace is checked.
  // The workspace as policy sees it (normalised, links resolved), not as the agent spelled it.
  const bound = gate.bindings.check(
    session,
    judgement.action?.context?.workspace,
    caller.inheritedSession ? undefined : (identity.agent?.name ?? ''),
  );
  if (!bound.ok) judgement = refused(judgement, SESSION_BINDING_RULE, bound.error);

  if (judgement.effects?.network && judgement.decision.decision !== 'deny')
    judgement = await awaitAskedOutcomes(gate, session, judgement, judgeNow);

  let deferredReceipt: SignedReceipt | undefined;
  if (judgement.decision.decision === 'defer') {
    // A receipt now, a follow-up at resolution; the agent hears only the final answer.
    deferredReceipt = gate.recorder.action(
      session,
      {
        ...judgement,
        verdict: 'deny',
        deferral: { reason: waitingFor(gate, judgement.decision.reason), resolution: 'pending' },
      },
      identity,
    );
    gate.log(
      `deferred ${deferredReceipt.body.id} (rule ${judgement.decision.rule}): ${waitingFor(gate, '')}`,
    );
    judgement = await awaitContext(gate, session, judgement, judgeNow);
  }
  if (judgement.decision.decision === 'step_up' && judgement.action) {
    judgement = { ...judgement, ...(await stepUp(gate, session, judgement, identity, agentCanAsk)) };
  }

  judgement = toldUnconfined(gate, session, judgement);
  let receipt: SignedReceipt;
  try {
    receipt = deferredReceipt
      ? (gate.recorder.resolution(session, deferredReceipt.body.id, judgement), deferredReceipt)
      : gate.recorder.action(session, judgement, identity);
  } catch (error) {
    // INVARIANT: no receipt, no action. A decision that cannot be recorded is a deny.
    gate.log(`error: could not store a receipt: ${(error as Error).message}`);
    gate.send(caller, {
      type: 'decision',
      id,
      receiptId: '',
      verdict: 'deny',
      decision: {
        ...judgement.decision,
        decision: 'deny',
        rule: 'builtin.receipt-error',
        reason: `the receipt could not be stored, so the action is denied: ${(error as Error).message}`,
      },
    });
    return;
  }
  recorded(judgement);
  rememberInContext(gate, session, judgement, receipt);
  // A signed "always" with a rule: the rule names this receipt (gate/approval-rules.ts).
  if (judgement.approval?.approvalId !== undefined)
    gate.approvedRules?.recorded(judgement.approval.approvalId, receipt.body.id);
  if (judgement.verdict !== 'deny') awaitOutcome(gate, caller, session, judgement, receipt.body.id);
  const egress = await openEgress(gate, session, judgement, receipt.body.id);
  gate.send(caller, {
    type: 'decision',
    id,
    receiptId: receipt.body.id,
    verdict: judgement.verdict,
    decision: { ...judgement.decision, reason: toldReason(gate, session, judgement) },
    ...(egress ? { egress: { socket: egress } } : {}),
  });
}

/** What a step-up with nobody to ask tells the agent and its user: how a human can approve. */
export const NO_APPROVER =
  'no approver is connected: open VS Code with the AARM extension, or run `aarm approve` in another terminal';

/** How long a deferral waits, as people say it: `30 s`, `0.2 s`. */
const deferSeconds = (gate: GateContext) => Number((gate.deferTimeoutMs / 1000).toFixed(1));

/** What a deferred action waits for, and how long (R4: a deferral says so in its receipt). */
function waitingFor(gate: GateContext, reason: string): string {
  const waiting = `waiting up to ${deferSeconds(gate)} s for the user's request (the context this needs)`;
  return reason === '' ? waiting : `${waiting}: ${reason}`;
}

/**
 * The reason the agent (and its user) hear: the policy's, plus what became of a deferral or a
 * step-up, so that the text matches the final verdict and says what to do. The receipt keeps the
 * policy's own reason, with the deferral and approval beside it.
 */
function toldReason(gate: GateContext, session: string, judgement: Judgement): string {
  const reason = judgement.decision.reason.replace(/\.?$/, '.');
  if (judgement.deferral?.resolution === 'timeout') {
    const waited = gate.sessions.snapshot(session, undefined).hasRequest
      ? `it waited ${deferSeconds(gate)} s for the context it needs, and nothing that came settled it`
      : `it waited ${deferSeconds(gate)} s for the user's request, and none came (the agent's prompt hook, or \`aarm exec --request\`, gives it)`;
    return `${reason} Denied: ${waited}.`;
  }
  switch (judgement.approval.status) {
    case 'unavailable':
      return `${reason} It needs a human's approval, and ${NO_APPROVER}; then try again.`;
    case 'delegated':
      return `${reason} It needs your approval, and no approver is connected, so you are asked here (or open VS Code with the AARM extension, or run \`aarm approve\` in another terminal).`;
    case 'refused':
      return `${reason} The approver refused it.`;
    case 'timeout':
      return `${reason} No approver answered in time.`;
    default:
      return judgement.decision.reason;
  }
}

/**
 * Where the daemon does not confine, the first allowed shell command of a session says so (its
 * reason, which the agent, the human and the receipt see): it runs with the user's full rights.
 */
function toldUnconfined(gate: GateContext, session: string, judgement: Judgement): Judgement {
  if (gate.confinement.enabled || judgement.verdict !== 'allow' || judgement.action?.tool !== 'shell')
    return judgement;
  if (gate.toldUnconfined.has(session)) return judgement;
  gate.toldUnconfined.add(session);
  if (gate.toldUnconfined.size > 10_000)
    gate.toldUnconfined.delete(gate.toldUnconfined.values().next().value!);
  const note = ` It runs unconfined, with your full rights: ${gate.confinement.reason ?? gate.confinement.detail}.`;
  const reason = `${judgement.decision.reason.replace(/\.?$/, '.')}${note}`;
  return { ...judgement, decision: { ...judgement.decision, reason } };
}

/**
 * An allowed command whose network goes through the proxy gets its own proxy socket, with the
 * secrets the user's policy binds to its hosts. Without one it runs with no network (fail closed).
 */
async function openEgress(
  gate: GateContext,
  session: string,
  judgement: Judgement,
  receiptId: string,
): Promise<string | undefined> {
  const confinement = judgement.decision.confinement;
  if (judgement.verdict !== 'allow' || confinement?.network !== 'proxy' || !gate.egress) return undefined;
  const hosts = confinement.hosts ?? [];
  const bindings = gate.judgeDeps.policies.forWorkspace(judgement.action?.context?.workspace).set.secrets;
  // A binding for `host` serves `host:port` too; one for `host:port` only that port.
  const bare = hosts.map(hostOfEndpoint);
  const secrets = bindings.filter((binding) =>
    binding.hosts.some((host) => hosts.includes(host) || bare.includes(host)),
  );
  try {
    return await gate.egress.open({ receiptId, session, hosts, secrets });
  } catch (error) {
    gate.log(`could not open the egress proxy for ${receiptId}: ${(error as Error).message}`);
    return undefined;
  }
}

/**
 * How long an action that uses the network waits, once, for the outcome of an asked read of
 * secrets. Claude Code reports outcomes from a background process, so the next tool call can reach
 * the daemon before the report that the read ran; without this wait it would be judged untainted.
 */
export const ASKED_OUTCOME_GRACE_MS = 2000;

/**
 * An asked read of secrets taints the session only once its outcome says it ran (context/session.ts).
 * A network action that comes while such an outcome is still due waits for it (briefly, once per
 * asked action: a refused one never reports), then is judged with what arrived.
 */
async function awaitAskedOutcomes(
  gate: GateContext,
  session: string,
  judgement: Judgement,
  judgeAgain: () => Judgement,
): Promise<Judgement> {
  const context = gate.sessions.get(session);
  const due = context.takeUnheardTaintingAsks();
  if (due.length === 0) return judgement;
  const deadline = gate.clock.now() + ASKED_OUTCOME_GRACE_MS;
  while (due.some((id) => context.isUnconfirmed(id)) && gate.clock.now() < deadline && !gate.shuttingDown)
    await gate.waiters.wait(session, deadline - gate.clock.now());
  return due.some((id) => !context.isUnconfirmed(id)) ? judgeAgain() : judgement;
}

/** DEFER: judge again each time the session's context changes, until it is no longer deferred or time is up. */
async function awaitContext(
  gate: GateContext,
  session: string,
  deferred: Judgement,
  judgeAgain: () => Judgement,
): Promise<Judgement> {
  const reason = waitingFor(gate, deferred.decision.reason);
  let judgement = deferred;
  let resolution: 'resolved' | 'timeout' = 'timeout';
  gate.deferred++;
  try {
    const deadline = gate.clock.now() + gate.deferTimeoutMs;
    while (gate.clock.now() < deadline && !gate.shuttingDown) {
      if ((await gate.waiters.wait(session, deadline - gate.clock.now())) === 'timeout' || gate.shuttingDown)
        break;
      judgement = judgeAgain();
      if (judgement.decision.decision !== 'defer') {
        resolution = 'resolved';
        break;
      }
    }
  } finally {
    gate.deferred--;
  }
  return {
    ...judgement,
    ...(resolution === 'timeout' ? { verdict: 'deny' as const } : {}),
    deferral: { reason, resolution, time: gate.clock.iso() },
  };
}

/** The policy's judgement; a deny for everything while the receipt chain is broken (fail closed, R5/T7). */
function judgeUnlessBroken(gate: GateContext, raw: unknown, rawText: string, deps: JudgeDeps): Judgement {
  const judgement = judge(raw, rawText, deps);
  const chain = gate.chain;
  if (chain.ok) return judgement;
  return refused(
    judgement,
    CHAIN_BROKEN_RULE,
    `the receipt database was changed outside aarm (${chain.error}); nothing runs until it is dealt with`,
  );
}

/** A judgement turned into a built-in deny, whatever the policy said. */
function refused(judgement: Judgement, rule: string, reason: string): Judgement {
  return {
    ...judgement,
    decision: { ...judgement.decision, decision: 'deny', rule, reason, risk: 'critical', layer: 'forbidden' },
    verdict: 'deny',
    approval: { status: 'not_required' },
    deferral: null,
  };
}

/** The session's context takes the action in; R7/T6: how it moved is sent to the collectors (only when watched). */
function rememberInContext(
  gate: GateContext,
  session: string,
  judgement: Judgement,
  receipt: SignedReceipt,
): void {
  const telemetry = gate.telemetry;
  const before = telemetry ? gate.sessions.snapshot(session, judgement.action) : undefined;
  gate.sessions.recordAction(session, {
    action: judgement.action,
    effects: judgement.effects,
    receiptId: receipt.body.id,
    decision: judgement.decision.decision,
    verdict: judgement.verdict,
  });
  if (!telemetry || !before) return;
  const at = {
    session,
    receiptId: receipt.body.id,
    time: receipt.body.time,
    secretInParameters: before.secretInParameters,
  };
  for (const finding of driftFindings(before, gate.sessions.snapshot(session, undefined), at))
    gate.commits.afterCommit(() => telemetry.publish({ type: 'drift', finding }));
}

function awaitOutcome(
  gate: GateContext,
  caller: Caller,
  session: string,
  judgement: Judgement,
  receiptId: string,
) {
  caller.awaitingOutcome.set(receiptId, session);
  const toolUseId = judgement.action?.context?.toolUseId;
  if (!toolUseId) return;
  gate.awaitingByToolUse.set(toolUseKey(session, toolUseId), { receiptId, session });
  if (gate.awaitingByToolUse.size > MAX_AWAITING_BY_TOOL_USE)
    gate.awaitingByToolUse.delete(gate.awaitingByToolUse.keys().next().value!);
}

/** INVARIANT: every submit gets an answer; a failure inside is a deny, recorded where possible. */
function answerInternalError(
  gate: GateContext,
  caller: Caller,
  id: string,
  session: string,
  rawText: string,
  error: unknown,
): void {
  gate.log(`error: ${(error as Error).stack ?? String(error)}`);
  const judgement = judgeInvalid(
    `the action could not be judged: ${(error as Error).message}`,
    rawText,
    gate.judgeDeps,
  );
  let receiptId = '';
  try {
    receiptId = gate.recorder.action(session, judgement, anonymousIdentity(gate, caller)).body.id;
  } catch {
    // the store is what failed; the deny still goes out
  }
  const reason = `the action could not be judged, so it is denied: ${(error as Error).message}`;
  gate.send(caller, {
    type: 'decision',
    id,
    receiptId,
    verdict: 'deny',
    decision: { ...judgement.decision, rule: 'builtin.internal-error', reason },
  });
}

function refuseOverflow(
  gate: GateContext,
  caller: Caller,
  id: string,
  session: string,
  rawText: string,
): void {
  const judgement = judgeInvalid(
    `more than ${MAX_WAITING_PER_SESSION} actions of this session are waiting`,
    rawText,
    gate.judgeDeps,
  );
  judgement.decision = {
    ...judgement.decision,
    rule: 'builtin.queue-full',
    reason: `more than ${MAX_WAITING_PER_SESSION} actions of session \`${session}\` are already waiting for an approval or a deferral`,
  };
  judgement.deferral = { reason: judgement.decision.reason, resolution: 'overflow' };
  const receipt = gate.recorder.action(session, judgement, anonymousIdentity(gate, caller));
  gate.send(caller, {
    type: 'decision',
    id,
    receiptId: receipt.body.id,
    verdict: 'deny',
    decision: judgement.decision,
  });
}

/** The original request an action carries in `context.request`, if any. */
function requestOf(raw: unknown): string | undefined {
  if (!isRecord(raw) || !isRecord(raw.context)) return undefined;
  const request = raw.context.request;
  return typeof request === 'string' && request !== '' && request.length <= 64 * 1024 ? request : undefined;
}

/** The identity of a caller that names none (refusals, malformed messages). */
export function anonymousIdentity(gate: GateContext, caller: Caller): Identity {
  return identityFor(caller, undefined, gate.human);
}
