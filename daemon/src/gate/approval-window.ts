/**
 * Approval quality for `aarm status`, kept incrementally so status stays fast: the step-ups of the
 * newest WINDOW receipts, read from the store at the first status (not at start-up: it costs a few
 * hundred ms on a large database) and from then on added as receipts are committed.
 */
import {
  approvalStatsOf,
  stepUpAnswers,
  type Receipt,
  type StatusResult,
  type StepUpAnswer,
} from '../protocol/index.js';
import type { ReceiptStore } from '../receipts/store.js';

export const APPROVAL_WINDOW_RECEIPTS = 10_000;

export interface ApprovalWindow {
  add(receipt: Receipt): void;
  stats(): NonNullable<StatusResult['approvals']>;
}

export function createApprovalWindow(
  store: ReceiptStore,
  log: (line: string) => void,
  size = APPROVAL_WINDOW_RECEIPTS,
): ApprovalWindow {
  const agents = new Map<string, string>();
  let answers: StepUpAnswer[] | undefined;
  /** the newest receipt counted: one the store already held when read is not added twice */
  let newest = 0;
  const load = (): StepUpAnswer[] => {
    if (answers) return answers;
    answers = [];
    try {
      const records = store.page({ limit: size }).records.map((record) => record.body);
      answers = stepUpAnswers(records, agents);
      newest = records.at(-1)?.seq ?? 0;
    } catch (error) {
      // Counts are a help to the human, never a reason for status to fail: they start empty.
      log(`approval statistics start empty: ${(error as Error).message}`);
    }
    return answers;
  };
  return {
    add(receipt) {
      // Before the first status nothing is kept: the store has it all.
      if (!answers || receipt.seq <= newest) return;
      answers.push(...stepUpAnswers([receipt], agents));
      newest = receipt.seq;
      if (answers.length > 0 && answers[0]!.seq <= newest - size)
        answers = answers.filter((a) => a.seq > newest - size);
    },
    stats: () => ({ ...approvalStatsOf(load()), window: `the last ${size} receipts` }),
  };
}
