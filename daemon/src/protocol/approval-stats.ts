/**
 * Approval quality: how the humans answer step-ups (R4), per agent and per rule, from the receipts
 * alone — how often they approve, refuse or let it time out, how long they take to decide, and runs
 * of quick approvals in a row ("rubber-stamping"), which say a prompt has become noise. Pure (no
 * I/O, types only), so the daemon's status and the editor's session view share it.
 */
import type { Receipt } from './receipt.js';

/** An approval decided in less than this is "quick". */
export const QUICK_APPROVAL_MS = 2000;
/** This many quick approvals in a row make a rubber-stamp run. */
export const RUBBER_STAMP_RUN = 3;
/** Advice needs at least this many answers (approved + refused) of the rule or agent. */
export const MIN_ANSWERS_FOR_ADVICE = 5;

/** One step-up a human was asked about, and how it ended. */
export interface StepUpAnswer {
  /** the receipt's place in the chain: answers are taken in this order */
  seq: number;
  time: string;
  session: string;
  agent: string;
  rule: string;
  status: 'approved' | 'refused' | 'timeout';
  /**
   * from asking the approvers to the answer, in ms; absent for a timeout and for receipts of an
   * older aarm, which did not record when the approvers were asked
   */
  decisionMs?: number;
}

export interface ApprovalCounts {
  /** step-ups put to a human */
  asked: number;
  approved: number;
  refused: number;
  timedOut: number;
  /** approved / asked; null when nothing was asked */
  approvalRate: number | null;
  /** the median time to decide of the approvals and refusals whose time is known; null when none */
  medianDecisionMs: number | null;
  /** runs of RUBBER_STAMP_RUN or more approvals in a row, each decided in under QUICK_APPROVAL_MS */
  quickRuns: number;
  /** the longest such run (0 when there is none) */
  longestQuickRun: number;
  /**
   * noise: nearly always approved, and quickly (a rule could allow or deny it without asking);
   * catches: refused at least as often as approved (the prompt stops real problems)
   */
  advice?: 'noise' | 'catches' | undefined;
}

export interface ApprovalStats extends ApprovalCounts {
  /** most asked first */
  byAgent: Array<{ agent: string } & ApprovalCounts>;
  byRule: Array<{ rule: string } & ApprovalCounts>;
  /** the first and last answer counted */
  first?: string;
  last?: string;
}

/**
 * The step-ups put to a human in these receipts, in chain order. A refusal without an approver is
 * the daemon's (it shut down), not a human's, and is left out. A deferred action's step-up is in its
 * resolution receipt, which names no agent: it takes the agent of its session's action receipts,
 * from `agents` (session → agent name), which this fills in and may be kept across calls.
 */
export function stepUpAnswers(
  receipts: Iterable<Receipt>,
  agents: Map<string, string> = new Map(),
): StepUpAnswer[] {
  const answers: StepUpAnswer[] = [];
  for (const receipt of [...receipts].sort((a, b) => a.seq - b.seq)) {
    if (receipt.kind !== 'action' && receipt.kind !== 'resolution') continue;
    if (receipt.kind === 'action' && receipt.identity.agent)
      agents.set(receipt.session, receipt.identity.agent.name);
    const { approval } = receipt;
    const { status } = approval;
    if (status !== 'approved' && status !== 'refused' && status !== 'timeout') continue;
    if (status !== 'timeout' && approval.approver === undefined) continue;
    const decisionMs =
      status !== 'timeout' && approval.asked !== undefined && approval.time !== undefined
        ? Date.parse(approval.time) - Date.parse(approval.asked)
        : NaN;
    answers.push({
      seq: receipt.seq,
      time: approval.time ?? receipt.time,
      session: receipt.session,
      agent:
        (receipt.kind === 'action' ? receipt.identity.agent?.name : undefined) ??
        agents.get(receipt.session) ??
        'unknown',
      rule: receipt.decision.rule,
      status,
      ...(Number.isFinite(decisionMs) && decisionMs >= 0 ? { decisionMs } : {}),
    });
  }
  return answers;
}

/** The counts of these answers (in chain order), in all, by agent and by rule. */
export function approvalStatsOf(answers: readonly StepUpAnswer[]): ApprovalStats {
  const byAgent = groupBy(answers, (a) => a.agent);
  const byRule = groupBy(answers, (a) => a.rule);
  const mostAsked = (a: ApprovalCounts, b: ApprovalCounts) => b.asked - a.asked;
  return {
    ...counts(answers),
    byAgent: [...byAgent].map(([agent, group]) => ({ agent, ...counts(group) })).sort(mostAsked),
    byRule: [...byRule].map(([rule, group]) => ({ rule, ...counts(group) })).sort(mostAsked),
    ...(answers.length > 0 ? { first: answers[0]!.time, last: answers.at(-1)!.time } : {}),
  };
}

/** Approval quality of these receipts (any order). */
export function approvalStats(receipts: Iterable<Receipt>): ApprovalStats {
  return approvalStatsOf(stepUpAnswers(receipts));
}

function groupBy(answers: readonly StepUpAnswer[], keyOf: (a: StepUpAnswer) => string) {
  const groups = new Map<string, StepUpAnswer[]>();
  for (const answer of answers) {
    const key = keyOf(answer);
    const group = groups.get(key);
    if (group) group.push(answer);
    else groups.set(key, [answer]);
  }
  return groups;
}

function counts(answers: readonly StepUpAnswer[]): ApprovalCounts {
  const approved = answers.filter((a) => a.status === 'approved').length;
  const refused = answers.filter((a) => a.status === 'refused').length;
  const times = answers.flatMap((a) => (a.decisionMs !== undefined ? [a.decisionMs] : []));
  const medianDecisionMs = median(times);
  let quickRuns = 0;
  let longestQuickRun = 0;
  let run = 0;
  // A refusal, a timeout, a slower approval or one of unknown time ends a run.
  for (const answer of [...answers, undefined]) {
    const quick =
      answer?.status === 'approved' &&
      answer.decisionMs !== undefined &&
      answer.decisionMs < QUICK_APPROVAL_MS;
    if (quick) {
      run++;
      continue;
    }
    if (run >= RUBBER_STAMP_RUN) quickRuns++;
    longestQuickRun = Math.max(longestQuickRun, run >= RUBBER_STAMP_RUN ? run : 0);
    run = 0;
  }
  const answered = approved + refused;
  const advice =
    answered < MIN_ANSWERS_FOR_ADVICE
      ? undefined
      : approved / answered >= 0.9 &&
          ((medianDecisionMs !== null && medianDecisionMs < QUICK_APPROVAL_MS) || quickRuns > 0)
        ? 'noise'
        : refused >= approved
          ? 'catches'
          : undefined;
  return {
    asked: answers.length,
    approved,
    refused,
    timedOut: answers.length - answered,
    approvalRate: answers.length > 0 ? approved / answers.length : null,
    medianDecisionMs,
    quickRuns,
    longestQuickRun,
    ...(advice ? { advice } : {}),
  };
}

function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** One line for `aarm status`: "12 asked: 10 approved, 1 refused, 1 timed out; median 1.4 s; …". */
export function approvalStatsLine(stats: ApprovalCounts & { byRule?: ApprovalStats['byRule'] }): string {
  if (stats.asked === 0) return 'no step-up put to a human';
  const parts = [
    `${stats.asked} asked: ${stats.approved} approved, ${stats.refused} refused, ${stats.timedOut} timed out`,
  ];
  if (stats.medianDecisionMs !== null)
    parts.push(`median ${formatSeconds(stats.medianDecisionMs)} to decide`);
  if (stats.quickRuns > 0)
    parts.push(`${stats.quickRuns} run${stats.quickRuns === 1 ? '' : 's'} of quick approvals`);
  const noise = (stats.byRule ?? []).filter((r) => r.advice === 'noise').map((r) => r.rule);
  if (noise.length > 0) parts.push(`consider a rule for ${noise.join(', ')}`);
  return parts.join('; ');
}

export function formatSeconds(ms: number): string {
  return ms < 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms / 1000)} s`;
}
