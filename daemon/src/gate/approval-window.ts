/**
 * Approval quality for `aarm status`, kept incrementally so status stays fast: the step-ups of the
 * newest WINDOW receipts, read once at start-up and then added as receipts are committed.
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
  let answers: StepUpAnswer[] = [];
  try {
    answers = stepUpAnswers(
      store.page({ limit: size }).records.map((record) => record.body),
      agents,
    );
  } catch (error) {
    // Counts are a help to the human, never a reason not to start: they begin empty.
    log(`approval statistics start empty: ${(error as Error).message}`);
  }
  let newest = store.head().seq;
  return {
    add(receipt) {
      answers.push(...stepUpAnswers([receipt], agents));
      newest = Math.max(newest, receipt.seq);
      if (answers.length > 0 && answers[0]!.seq <= newest - size)
        answers = answers.filter((a) => a.seq > newest - size);
    },
    stats: () => ({ ...approvalStatsOf(answers), window: `the last ${size} receipts` }),
  };
}
