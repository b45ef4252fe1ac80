/**
 * The approval service (AARM R4 STEP_UP): holds an action, asks every connected approver, waits
 * for the first answer or the timeout (→ deny), and keeps the standing grants that wider answers
 * ("for this session", "always in this workspace") create. Every grant can be listed and revoked.
 */
import type {
  Action,
  Approval,
  ApprovalRequest,
  ApprovalResolved,
  ApprovalScope,
  Effects,
  Grant,
} from '../protocol/index.js';
import type { Clock } from './clock.js';
import { sha256Hex } from '../receipts/keys.js';
import { scrubSecrets } from '../receipts/secrets.js';

export interface GrantStore {
  addGrant(grant: Grant): void;
  revokeGrant(id: string, by: string, time: string): boolean;
  grants(): Grant[];
}

export interface ApprovalService {
  /** Ask the approvers; resolves with what they said, or a timeout. */
  ask(
    request: Omit<ApprovalRequest, 'type' | 'approvalId' | 'expiresAt' | 'scopes'>,
    scopeOf: GrantPlace,
    /** the action as submitted (the request's is redacted) and its effects: what a rule written for "always" matches */
    subject?: ApprovalSubject,
  ): Promise<Approval>;
  /** the action of a pending approval, as submitted */
  subject(approvalId: string): ApprovalSubject | undefined;
  answer(
    approvalId: string,
    input: {
      answer: 'allow' | 'deny';
      scope: ApprovalScope;
      note?: string;
      approver: string;
      /** the approver key's signature over `approvalText` (protocol/approvers.ts), kept in the receipt */
      signed?: { approverKey: { keyId: string; publicKey: string }; signature: string };
      /** an "always" whose rule ends (an expiry, a maximum of uses): no grant, which would outlive it */
      ruleOnly?: boolean;
    },
  ): 'ok' | 'unknown_approval' | 'scope_not_offered';
  /** A live grant that covers this step-up, if any. */
  findGrant(rule: string, key: string, place: GrantPlace): Grant | undefined;
  grants(): Grant[];
  revoke(id: string, by: string): boolean;
  pending(): ApprovalRequest[];
  /** Answer every pending approval with a refusal (shutdown). */
  refuseAll(note: string): void;
}

export interface ApprovalSubject {
  action: Action;
  effects: Effects;
}

/** Where a grant applies: a session grant to that session and agent, an always grant to that workspace. */
export interface GrantPlace {
  session: string;
  workspace: string;
  agent: string;
  /** the risk of the step-up at hand: no standing grant covers more than it allows */
  risk: string;
}

/** Blanket answers are not offered for the riskiest actions: a critical one is allowed once at a time, a high one never always. */
export function scopesFor(risk: string): ApprovalScope[] {
  if (risk === 'critical') return ['once'];
  if (risk === 'high') return ['once', 'session'];
  return ['once', 'session', 'always'];
}

export function createApprovalService(options: {
  store: GrantStore;
  timeoutMs: number;
  clock: Clock;
  /** the daemon's signature on a grant it makes, and whether a stored grant carries a valid one (T7) */
  signGrant: (grant: Grant) => Grant;
  grantHolds: (grant: Grant) => boolean;
  broadcast: (message: ApprovalRequest | ApprovalResolved) => void;
}): ApprovalService {
  const pending = new Map<
    string,
    {
      request: ApprovalRequest;
      asked: string;
      settle: (approval: Approval) => void;
      scopeOf: GrantPlace;
      subject: ApprovalSubject | undefined;
    }
  >();

  const settle = (approvalId: string, approval: Approval, resolved: ApprovalResolved['status']) => {
    const entry = pending.get(approvalId);
    if (!entry) return;
    pending.delete(approvalId);
    // When it was asked: the receipt shows how long the human took to decide (approval quality).
    entry.settle({ ...approval, asked: entry.asked });
    options.broadcast({
      type: 'approval_resolved',
      approvalId,
      status: resolved,
      ...(approval.approver ? { approver: approval.approver } : {}),
    });
  };

  return {
    ask(partial, scopeOf, subject) {
      const approvalId = options.clock.newId('appr');
      const asked = options.clock.iso();
      const request: ApprovalRequest = {
        type: 'approval_request',
        approvalId,
        ...partial,
        scopes: scopesFor(partial.decision.risk),
        expiresAt: options.clock.isoAfter(options.timeoutMs),
      };
      return new Promise<Approval>((resolve) => {
        const timer = setTimeout(
          () =>
            settle(
              approvalId,
              {
                status: 'timeout',
                time: options.clock.iso(),
                note: `no answer within ${Math.round(options.timeoutMs / 1000)} s`,
              },
              'timeout',
            ),
          options.timeoutMs,
        );
        pending.set(approvalId, {
          request,
          asked,
          scopeOf,
          subject,
          settle: (approval) => {
            clearTimeout(timer);
            resolve(approval);
          },
        });
        options.broadcast(request);
      });
    },
    answer(approvalId, input) {
      const entry = pending.get(approvalId);
      if (!entry) return 'unknown_approval';
      if (input.answer === 'allow' && !entry.request.scopes.includes(input.scope)) return 'scope_not_offered';
      const time = options.clock.iso();
      let grantId: string | undefined;
      if (input.answer === 'allow' && input.scope !== 'once' && !input.ruleOnly) {
        const grant: Grant = {
          id: options.clock.newId('grant'),
          created: time,
          scope: input.scope,
          ...(input.scope === 'session'
            ? { session: entry.scopeOf.session, agent: entry.scopeOf.agent }
            : { workspace: entry.scopeOf.workspace }),
          rule: entry.request.decision.rule,
          key: entry.request.key,
          approver: input.approver,
        };
        options.store.addGrant(options.signGrant(grant));
        grantId = grant.id;
      }
      const approval: Approval = {
        status: input.answer === 'allow' ? 'approved' : 'refused',
        approver: input.approver,
        time,
        scope: input.scope,
        ...(input.note ? { note: input.note } : {}),
        ...(grantId ? { grantId } : {}),
        // The receipt keeps what was approved with its secrets as digests, and the digest of the
        // key exactly as signed (approvalText), so `aarm verify` still checks the signature.
        ...(input.signed
          ? {
              approvalId,
              key: scrubSecrets(entry.request.key),
              keySha256: sha256Hex(entry.request.key),
              ...input.signed,
            }
          : {}),
      };
      settle(approvalId, approval, input.answer === 'allow' ? 'approved' : 'refused');
      return 'ok';
    },
    findGrant(rule, key, place) {
      return options.store.grants().find(
        (g) =>
          !g.revoked &&
          options.grantHolds(g) &&
          // a grant never covers more than its risk allows (an `always` for a high risk is void)
          scopesFor(place.risk).includes(g.scope) &&
          g.rule === rule &&
          g.key === key &&
          (g.scope === 'session'
            ? g.session === place.session && (g.agent === undefined || g.agent === place.agent)
            : place.workspace !== '' && g.workspace === place.workspace),
      );
    },
    grants: () => options.store.grants().map((g) => (options.grantHolds(g) ? g : { ...g, untrusted: true })),
    revoke: (id, by) => options.store.revokeGrant(id, by, options.clock.iso()),
    pending: () => [...pending.values()].map((entry) => entry.request),
    subject: (approvalId) => pending.get(approvalId)?.subject,
    refuseAll(note) {
      for (const approvalId of [...pending.keys()])
        settle(approvalId, { status: 'refused', time: options.clock.iso(), note }, 'refused');
    },
  };
}
