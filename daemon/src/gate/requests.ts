/**
 * Every request but `hello` and `submit`: outcomes and context from agents; approvals, grants,
 * sessions and receipts for approvers; status for anyone. Each checks its caller's role first.
 */
import {
  DAEMON_VERSION,
  PROTOCOL_VERSION,
  approvalText,
  ruleConfirmationText,
  type ClientMessage,
} from '../protocol/index.js';
import type { ApprovedRule } from '../protocol/index.js';
import { sha256Hex } from '../receipts/keys.js';
import { judgeInvalid } from '../pipeline/judge.js';
import type { Caller } from './caller.js';
import { toolUseKey, type GateContext } from './context.js';
import { anonymousIdentity } from './submit.js';

type Request<T extends ClientMessage['type']> = Extract<ClientMessage, { type: T }>;

/** A request the caller's role may not make. An agent trying is an attack on the boundary: refused, and kept in the record. */
export function refuseForRole(gate: GateContext, caller: Caller, id: string, what: string): void {
  if (caller.role === 'agent') {
    const judgement = judgeInvalid(
      `an agent connection tried to ${what}; only an approver connection may`,
      what,
      gate.judgeDeps,
    );
    judgement.decision = {
      ...judgement.decision,
      rule: 'builtin.role-violation',
      reason: `agents cannot ${what}`,
    };
    gate.recorder.action(caller.session, judgement, anonymousIdentity(gate, caller));
  }
  gate.send(caller, {
    type: 'error',
    id,
    code: 'forbidden',
    message: `a${caller.role === 'agent' ? 'n agent' : 'n approver'} connection cannot ${what}`,
  });
}

export function reportOutcome(gate: GateContext, caller: Caller, message: Request<'outcome'>): void {
  let receiptId = message.receiptId;
  let session = receiptId === undefined ? undefined : caller.awaitingOutcome.get(receiptId);
  if (message.toolUseId !== undefined) {
    // A hook reports from another process: find the action by the agent's own id, in its session.
    const key = toolUseKey(message.session ?? caller.session, message.toolUseId);
    const awaiting = gate.awaitingByToolUse.get(key);
    if (awaiting) {
      gate.awaitingByToolUse.delete(key);
      ({ receiptId, session } = awaiting);
    }
  }
  if (session === undefined || receiptId === undefined) {
    const known = receiptId !== undefined && gate.store.findAction(receiptId) !== undefined;
    gate.send(caller, {
      type: 'error',
      id: message.id,
      code: known && gate.store.hasOutcome(receiptId!) ? 'outcome_already_reported' : 'unknown_receipt',
      message:
        message.toolUseId !== undefined
          ? `no allowed action with tool use id \`${message.toolUseId}\` awaits its outcome in this session`
          : known
            ? `receipt \`${receiptId!}\` is not an allowed action of this connection awaiting its outcome`
            : `no receipt \`${receiptId!}\``,
    });
    return;
  }
  caller.awaitingOutcome.delete(receiptId);
  // What went through the egress proxy is the daemon's to say, never the runner's.
  const { egress: _claimed, ...reported } = message.outcome;
  const egress = gate.egress?.close(receiptId);
  const receipt = gate.recorder.outcome(session, receiptId, egress ? { ...reported, egress } : reported);
  gate.sessions.recordOutcome(session, receiptId, message.outcome.status);
  // An action held for this outcome (an asked read that may have tainted the session) is judged again.
  gate.waiters.arrived(session);
  gate.send(caller, { type: 'ack', id: message.id, receiptId: receipt.body.id });
}

export function giveContext(gate: GateContext, caller: Caller, message: Request<'context'>): void {
  const session = message.session ?? caller.session;
  // An agent may only speak for sessions it acts in; an approver for any.
  if (caller.role === 'agent' && !caller.sessions.has(session)) {
    gate.send(caller, {
      type: 'error',
      id: message.id,
      code: 'forbidden',
      message: `this connection has no actions in session \`${session}\``,
    });
    return;
  }
  gate.sessions.setRequest(session, message.request);
  gate.waiters.arrived(session);
  gate.send(caller, { type: 'ack', id: message.id, receiptId: '' });
}

/**
 * Who refused or revoked without a key (safe answers need none). A client names itself, so the
 * receipt says it is unverified rather than naming a human on the strength of a client name.
 */
const approverName = (caller: Caller) =>
  `an unverified approver connection (client \`${caller.hello?.client.name ?? '?'}\`)`;

const noPendingApproval = (approvalId: string) =>
  `no pending approval \`${approvalId}\` (answered already, or timed out)`;

/**
 * An approver's answer. A refusal needs no key (refusing is always safe); an allow must be signed
 * by a registered approver key over exactly this request, answer and scope (T1: the approver
 * credential alone, which a same-user agent might read, never allows anything).
 */
export function answerApproval(gate: GateContext, caller: Caller, message: Request<'approve'>): void {
  const fail = (code: 'unsigned_approval' | 'unknown_approver' | 'unknown_approval', text: string) =>
    gate.send(caller, { type: 'error', id: message.id, code, message: text });
  const request = gate.approvals.pending().find((r) => r.approvalId === message.approvalId);
  if (!request) return fail('unknown_approval', noPendingApproval(message.approvalId));
  const scope = message.scope ?? 'once';
  if (message.rule !== undefined && (message.answer !== 'allow' || scope !== 'always'))
    return gate.send(caller, {
      type: 'error',
      id: message.id,
      code: 'no_rule',
      message: 'a rule is written only with an `allow` answer of scope `always`',
    });
  let signed: { approverKey: { keyId: string; publicKey: string }; signature: string } | undefined;
  let approver = approverName(caller);
  if (message.answer === 'allow' && (message.keyId === undefined || message.signature === undefined))
    return fail(
      'unsigned_approval',
      'an allow must be signed by a registered approver key (`keyId`, `signature` over the approval); the approver credential alone allows nothing',
    );
  if (message.keyId !== undefined && message.signature !== undefined) {
    const text = approvalText({
      approvalId: request.approvalId,
      session: request.session,
      keySha256: sha256Hex(request.key),
      answer: message.answer,
      scope,
    });
    const checked = gate.approverKeys.check(message.keyId, text, message.signature, caller);
    // A refusal is safe from anyone: one whose key does not check is kept as unverified.
    if (!checked.ok && message.answer === 'allow') return fail('unknown_approver', checked.error);
    if (checked.ok) {
      signed = {
        approverKey: { keyId: checked.key.keyId, publicKey: checked.key.publicKey },
        signature: message.signature,
      };
      approver = `${gate.human.user} via ${checked.key.name} (${checked.key.keyId})`;
    }
  }
  // The rule goes into the user's policy only with a signed "always" from the same registered key,
  // over exactly the proposal the daemon showed (T1): checked before the answer counts.
  if (message.rule !== undefined) {
    const accepted = acceptRule(gate, caller, request.approvalId, message.rule, signed?.approverKey.keyId);
    if (!accepted.ok)
      return gate.send(caller, { type: 'error', id: message.id, code: 'no_rule', message: accepted.error });
  }
  const result = gate.approvals.answer(message.approvalId, {
    answer: message.answer,
    scope,
    approver,
    ...(message.note ? { note: message.note } : {}),
    ...(signed ? { signed } : {}),
    ...(message.rule !== undefined ? { ruleInstead: true } : {}),
  });
  if (result === 'ok') gate.send(caller, { type: 'ack', id: message.id, receiptId: '' });
  else if (result === 'scope_not_offered')
    gate.send(caller, {
      type: 'error',
      id: message.id,
      code: 'scope_not_offered',
      message: `approval \`${message.approvalId}\` cannot be allowed \`${scope}\`: its risk allows only ${request.scopes.join(', ')}; answer again with one of those`,
    });
  else fail('unknown_approval', noPendingApproval(message.approvalId));
}

/** The rule of an "always" answer accepted, or why it cannot be written. */
function acceptRule(
  gate: GateContext,
  caller: Caller,
  approvalId: string,
  rule: { proposalId: string; signature: string },
  keyId: string | undefined,
): { ok: true } | { ok: false; error: string } {
  const fail = (error: string) => ({ ok: false as const, error });
  if (gate.approvedRules === undefined)
    return fail('this daemon has no user policy folder to write rules into');
  if (keyId === undefined)
    return fail('a rule is written only with an answer signed by a registered approver key');
  const proposal = gate.approvedRules.proposal(rule.proposalId, approvalId);
  if (proposal === undefined)
    return fail(
      `no rule proposal \`${rule.proposalId}\` for approval \`${approvalId}\` (ask with \`propose_rule\`)`,
    );
  const text = ruleConfirmationText({
    proposalId: rule.proposalId,
    approvalId,
    textSha256: sha256Hex(proposal.text),
  });
  const checked = gate.approverKeys.check(keyId, text, rule.signature, caller);
  if (!checked.ok) return fail(`the rule's confirmation is not signed by the approver key: ${checked.error}`);
  const accepted = gate.approvedRules.accept(rule.proposalId, keyId);
  return accepted.ok ? { ok: true } : accepted;
}

/** The rule an "always" answer to this pending approval would write, and the past actions it would have allowed. */
export function proposeRule(gate: GateContext, caller: Caller, message: Request<'propose_rule'>): void {
  const fail = (code: 'unknown_approval' | 'no_rule', text: string) =>
    gate.send(caller, { type: 'error', id: message.id, code, message: text });
  const request = gate.approvals.pending().find((r) => r.approvalId === message.approvalId);
  if (!request) return fail('unknown_approval', noPendingApproval(message.approvalId));
  if (gate.approvedRules === undefined)
    return fail('no_rule', 'this daemon has no user policy folder to write rules into');
  const result = gate.approvedRules.propose(request, gate.approvals.subject(request.approvalId), {
    ...(message.expires !== undefined ? { expires: message.expires } : {}),
    ...(message.maxUses !== undefined ? { maxUses: message.maxUses } : {}),
  });
  if (!result.ok) return fail('no_rule', result.error);
  gate.send(caller, { type: 'rule_proposal', id: message.id, ...result.proposal });
}

export function listGrants(gate: GateContext, caller: Caller, id: string): void {
  let rules: ApprovedRule[] = [];
  try {
    rules = gate.approvedRules?.list() ?? [];
  } catch (error) {
    gate.log(`could not read the approved rules: ${(error as Error).message}`);
  }
  gate.send(caller, { type: 'grants', id, grants: gate.approvals.grants(), rules });
}

/** An approver asks to register its key; it approves nothing until a human confirms it from a terminal. */
export function registerApprover(
  gate: GateContext,
  caller: Caller,
  message: Request<'register_approver'>,
): void {
  const result = gate.approverKeys.register(message, caller);
  if (!result.ok)
    return gate.send(caller, { type: 'error', id: message.id, code: 'forbidden', message: result.error });
  const { key } = result;
  if (key.status === 'pending' && key.ephemeral)
    gate.log(`terminal approver key ${key.keyId} (${key.name}) asks to register for its connection`);
  else if (key.status === 'pending')
    gate.log(
      `approver key ${key.keyId} (${key.name}) asks to register: confirm it with \`aarm approvers confirm ${key.keyId}\``,
    );
  gate.send(caller, {
    type: 'approver_registration',
    id: message.id,
    keyId: key.keyId,
    status: key.status,
    ...(key.status === 'pending' && !key.ephemeral
      ? { confirmWith: `aarm approvers confirm ${key.keyId}` }
      : {}),
  });
}

/**
 * Approver keys are confirmed and removed by a human at a terminal (T1): not from a process that
 * runs under an agent, nor from one without a terminal (an agent's tool, a detached script).
 * Says why and returns false otherwise.
 */
function byHumanAtTerminal(gate: GateContext, caller: Caller, id: string, what: string): boolean {
  const underAgent = gate.underAgent(caller);
  const refusal = underAgent
    ? `approver keys are ${what} by a human, not from under an agent (this request comes from a process of ${underAgent}); run \`aarm approvers\` in your own terminal`
    : gate.fromTerminal(caller) === false
      ? `approver keys are ${what} by a human at a terminal, and this request comes from a process without one; run \`aarm approvers\` in an interactive terminal`
      : undefined;
  if (refusal !== undefined) gate.send(caller, { type: 'error', id, code: 'forbidden', message: refusal });
  return refusal === undefined;
}

/** A human confirms a pending key (`aarm approvers confirm`), unless the request comes from under an agent (T1). */
export function confirmApprover(
  gate: GateContext,
  caller: Caller,
  message: Request<'confirm_approver'>,
): void {
  if (!byHumanAtTerminal(gate, caller, message.id, 'confirmed')) return;
  const result = gate.approverKeys.confirm(message.keyId, caller);
  if (!result.ok)
    return gate.send(caller, {
      type: 'error',
      id: message.id,
      code: 'unknown_approver',
      message: result.error,
    });
  gate.log(`approver key ${result.key.keyId} (${result.key.name}) confirmed`);
  gate.send(caller, { type: 'approvers', id: message.id, approvers: gate.approverKeys.list() });
}

export function removeApprover(gate: GateContext, caller: Caller, message: Request<'remove_approver'>): void {
  if (!byHumanAtTerminal(gate, caller, message.id, 'removed')) return;
  if (gate.approverKeys.remove(message.keyId))
    gate.send(caller, { type: 'approvers', id: message.id, approvers: gate.approverKeys.list() });
  else
    gate.send(caller, {
      type: 'error',
      id: message.id,
      code: 'unknown_approver',
      message: `no approver key \`${message.keyId}\``,
    });
}

export function revokeGrant(gate: GateContext, caller: Caller, message: Request<'revoke'>): void {
  let revokedRule = false;
  try {
    revokedRule = gate.approvedRules?.revoke(message.grantId) ?? false;
  } catch (error) {
    return gate.send(caller, {
      type: 'error',
      id: message.id,
      code: 'unknown_grant',
      message: `the rule \`${message.grantId}\` cannot be removed: ${(error as Error).message}`,
    });
  }
  if (revokedRule) gate.log(`rule ${message.grantId} removed from ${gate.approvedRules!.file}`);
  if (revokedRule || gate.approvals.revoke(message.grantId, approverName(caller)))
    gate.send(caller, { type: 'ack', id: message.id, receiptId: '' });
  else
    gate.send(caller, {
      type: 'error',
      id: message.id,
      code: 'unknown_grant',
      message: `no grant \`${message.grantId}\``,
    });
}

export function listSessions(gate: GateContext, caller: Caller, message: Request<'sessions'>): void {
  const sessions = gate.store.sessions({
    limit: message.limit ?? 200,
    ...(message.before !== undefined ? { before: message.before } : {}),
  });
  gate.send(caller, { type: 'sessions', id: message.id, sessions });
}

export function listReceipts(gate: GateContext, caller: Caller, message: Request<'receipts'>): void {
  // After the open group commit: its receipts are signed then (R5), and shown with their proofs.
  gate.commits.afterCommit(() => {
    try {
      const { receipts, more } = gate.recorder.view(message.session, message.limit ?? 200, message.before);
      gate.send(caller, {
        type: 'receipts',
        id: message.id,
        ...(message.session !== undefined ? { session: message.session } : {}),
        receipts,
        more,
      });
    } catch (error) {
      gate.log(`error: ${(error as Error).stack ?? String(error)}`);
      gate.send(caller, {
        type: 'error',
        id: message.id,
        code: 'internal',
        message: `internal error: ${(error as Error).message}`,
      });
    }
  });
}

export function reportStatus(gate: GateContext, caller: Caller, message: Request<'status'>): void {
  // The telemetry counters come from its worker thread: a moment's wait, never a decision's.
  void (gate.telemetry?.stats() ?? Promise.resolve([]))
    .then((destinations) => {
      const chain = gate.chain;
      gate.send(caller, {
        type: 'status',
        id: message.id,
        version: DAEMON_VERSION,
        protocol: PROTOCOL_VERSION,
        pid: process.pid,
        uptimeMs: gate.clock.now() - gate.started,
        receipts: gate.store.count(),
        approvers: gate.answeringApprovers().length,
        pendingApprovals: gate.approvals.pending().length,
        deferred: gate.deferred,
        chain: chain.ok
          ? { ok: true, records: chain.records, ...(chain.warning ? { warning: chain.warning } : {}) }
          : { ok: false, error: chain.error },
        telemetry: {
          destinations,
          ...(gate.telemetryError !== undefined ? { error: gate.telemetryError } : {}),
        },
        policy: gate.policyStatus(),
        confinement: gate.confinement,
        // How fast and how often the human approves each rule is the human's to see, not an
        // agent's (it would tell which prompts get waved through).
        ...(caller.role === 'approver' ? { approvals: gate.approvalWindow.stats() } : {}),
      });
    })
    .catch((error: unknown) => gate.log(`status failed: ${(error as Error).message}`));
}
