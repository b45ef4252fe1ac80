/** STEP_UP (R4): settled by a grant, by a human approver, by the agent's own prompt, or denied. */
import type { Action, Approval, Disclosed, Identity } from '../protocol/index.js';
import { actionKey } from '../mediation/effects.js';
import { redactAction } from '../receipts/redact.js';
import { disclosedFor } from './disclosed.js';
import type { Judgement } from '../pipeline/judge.js';
import type { GateContext } from './context.js';

export async function stepUp(
  gate: GateContext,
  session: string,
  judgement: Judgement,
  identity: Identity,
  agentCanAsk: boolean,
): Promise<{ verdict: 'allow' | 'deny' | 'ask'; approval: Approval }> {
  const action = judgement.action!;
  const effects = judgement.effects!;
  const key = actionKey(action, effects);
  const place = {
    session,
    workspace: action.context?.workspace ?? '',
    agent: identity.agent?.name ?? 'unknown',
    risk: judgement.decision.risk,
  };
  const grant = gate.approvals.findGrant(judgement.decision.rule, key, place);
  if (grant) {
    return {
      verdict: 'allow',
      approval: {
        status: 'granted',
        approver: grant.approver,
        scope: grant.scope,
        grantId: grant.id,
        time: gate.clock.iso(),
      },
    };
  }
  if (gate.answeringApprovers().length === 0) {
    return agentCanAsk
      ? {
          verdict: 'ask',
          approval: {
            status: 'delegated',
            note: 'no approver is connected; handed back to the agent’s own prompt',
          },
        }
      : {
          verdict: 'deny',
          approval: { status: 'unavailable', note: 'needs human approval and no approver is connected' },
        };
  }
  const approval = await gate.approvals.ask(
    {
      session,
      action: redactAction(action),
      decision: judgement.decision,
      effects: {
        reads: effects.reads,
        writes: effects.writes,
        deletes: effects.deletes,
        hosts: effects.hosts,
        risks: effects.risks,
        unknown: effects.unknown,
        network: effects.network,
      },
      ...disclosure(action),
      context: gate.sessions.snapshot(session, action),
      ...firstRequest(gate, session),
      identity,
      key,
    },
    place,
    { action, effects },
  );
  return { verdict: approval.status === 'approved' ? 'allow' : 'deny', approval };
}

function disclosure(action: Action): { disclosed?: Disclosed } {
  const disclosed = disclosedFor(action);
  return disclosed ? { disclosed } : {};
}

/**
 * The session's first request, when later ones came (the user's next prompts, or an agent's
 * `context` message): the approver sees the first, which decisions use, and how it changed since.
 */
function firstRequest(
  gate: GateContext,
  session: string,
): { firstRequest?: { request: string; changes: number; latest: string } } {
  const context = gate.sessions.get(session);
  return context.laterRequests.length > 0
    ? {
        firstRequest: {
          request: context.request,
          changes: context.laterRequests.length,
          latest: context.latestRequest,
        },
      }
    : {};
}
