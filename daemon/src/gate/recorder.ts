/**
 * The recorder (R5): every judgement, resolution and outcome becomes a signed, chained receipt.
 * Stored receipts are published (listeners, telemetry) once committed, and shown live to the
 * approvers watching.
 */
import type {
  Decision,
  Identity,
  Outcome,
  ReceiptView,
  SignedReceipt,
  UnchainedReceipt,
} from '../protocol/index.js';
import type { Judgement } from '../pipeline/judge.js';
import { redactAction } from '../receipts/redact.js';
import { digestOf, scrubDeep, scrubSecrets } from '../receipts/secrets.js';
import type { ReceiptStore } from '../receipts/store.js';
import { verifyWithNodeCrypto, type SigningKey } from '../receipts/keys.js';
import { checkStoredRecords } from '../receipts/verify.js';
import type { Clock } from './clock.js';
import type { GroupCommit } from './commit.js';

export interface Recorder {
  action(session: string, judgement: Judgement, identity: Identity): SignedReceipt;
  /** how a deferred action (`receiptId`) was settled */
  resolution(session: string, receiptId: string, judgement: Judgement): SignedReceipt;
  outcome(session: string, receiptId: string, outcome: Outcome): SignedReceipt;
  /** The newest receipts of a session (or all), each with its signature and chain checked. */
  view(
    session: string | undefined,
    limit: number,
    before?: number,
  ): { receipts: ReceiptView[]; more: boolean };
}

export function createRecorder(options: {
  store: ReceiptStore;
  signingKey: SigningKey;
  clock: Clock;
  commits: GroupCommit;
  /** a receipt is committed */
  published: (receipt: SignedReceipt) => void;
  /** whether anyone watches receipts live, and how to show them one */
  watched: () => boolean;
  showLive: (receipt: ReceiptView) => void;
  log: (line: string) => void;
}): Recorder {
  const { store, clock } = options;
  // The daemon's keys are fixed for its lifetime (rotation takes effect at the next start).
  const publicKeys = store.publicKeys();

  const view: Recorder['view'] = (session, limit, before) => {
    const { records, previous } = store.page({
      limit,
      ...(session !== undefined ? { session } : {}),
      ...(before !== undefined ? { before } : {}),
    });
    const chain = session === undefined ? 'all' : 'session';
    const receipts = checkStoredRecords(records, previous, publicKeys, chain, verifyWithNodeCrypto);
    const first = records[0]?.body;
    return {
      receipts,
      more: first !== undefined && (session === undefined ? first.seq : first.sessionSeq) > 1,
    };
  };

  const keep = (record: UnchainedReceipt): SignedReceipt => {
    const receipt = store.append(record, options.signingKey);
    // Once committed: only then is a grouped receipt signed, with its group (R5).
    options.commits.afterCommit(() => {
      options.published(receipt);
      if (options.watched()) showLive(receipt);
    });
    return receipt;
  };
  /** This receipt, checked against the one before it in its session. */
  const showLive = (receipt: SignedReceipt) => {
    // The receipt is stored and its decision stands whatever happens here: a failure to show
    // it live must not turn into a second receipt or a different answer to the agent.
    try {
      const [shown] = view(receipt.body.session, 1, receipt.body.sessionSeq + 1).receipts;
      if (shown) options.showLive(shown);
    } catch (error) {
      options.log(`could not send receipt ${receipt.body.id} to approvers: ${(error as Error).message}`);
    }
  };

  const common = (session: string) => ({ id: clock.newId('rcpt'), time: clock.iso(), session });
  return {
    view,
    action: (session, judgement, identity) =>
      keep({
        kind: 'action',
        ...common(session),
        action: judgement.action ? redactAction(judgement.action) : null,
        ...(judgement.invalid ? { invalid: judgement.invalid } : {}),
        identity,
        decision: receiptDecision(judgement.decision),
        verdict: judgement.verdict,
        approval: judgement.approval,
        deferral: judgement.deferral,
      }),
    resolution: (session, receiptId, judgement) =>
      keep({
        kind: 'resolution',
        ...common(session),
        receiptId,
        decision: receiptDecision(judgement.decision),
        verdict: judgement.verdict,
        approval: judgement.approval,
        deferral: judgement.deferral!,
      }),
    outcome: (session, receiptId, outcome) =>
      keep({
        kind: 'outcome',
        ...common(session),
        receiptId,
        outcome: outcome.error === undefined ? outcome : { ...outcome, error: scrubbedError(outcome.error) },
      }),
  };
}

/**
 * An outcome's error, the agent's own words (a tool's error output): scrubbed like the action. Still
 * within the 4,096 characters an outcome's error may have, or else one digest.
 */
function scrubbedError(error: string): string {
  const scrubbed = scrubSecrets(error);
  return scrubbed.length <= 4096 ? scrubbed : digestOf(error);
}

/** The decision as a receipt keeps it: a modified action with its secrets replaced by digests (T9). */
/**
 * The decision as the receipt keeps it: the modified action redacted like the action, and what the
 * policy wrote from the action (the reason's details, a modification's before and after) scrubbed.
 */
function receiptDecision(decision: Decision) {
  const { modifiedAction, modifications, reason, ...rest } = decision;
  return {
    ...rest,
    reason: scrubSecrets(reason),
    ...(modifications ? { modifications: modifications.map((m) => scrubDeep(m) as typeof m) } : {}),
    ...(modifiedAction ? { modifiedAction: redactAction(modifiedAction) } : {}),
  };
}
