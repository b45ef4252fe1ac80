/**
 * Checkpoints of the chain's head (R5/T7): signed, written to the state directory so the next
 * start notices a cut tail, and sent to the collectors, a central copy the local log must still
 * match. Never while the chain is broken: that would bless the tampered chain.
 */
import { signHead, type HeadCheckpoint } from '../receipts/chain-check.js';
import { publicKeyOf, type SigningKey } from '../receipts/keys.js';
import type { ReceiptStore } from '../receipts/store.js';
import type { Telemetry } from '../telemetry/index.js';

export interface Checkpoints {
  /** write the signed head if it moved (at most once a second, and at shutdown); `always`: even if not */
  write: (always?: boolean) => void;
  /** send the signed head to the collectors if it moved */
  send: () => void;
  /** the newest receipt, named in the checkpoints sent */
  noteHead: (receiptId: string) => void;
}

export function createCheckpoints(options: {
  store: ReceiptStore;
  signingKey: SigningKey;
  chainOk: boolean;
  /** a checkpoint must name a committed head */
  commitNow: () => void;
  save: (checkpoint: HeadCheckpoint) => void;
  telemetry: Telemetry | undefined;
}): Checkpoints {
  const { store, telemetry } = options;
  const signedHead = () => {
    options.commitNow();
    return signHead(options.signingKey, store.head());
  };
  let written = store.head().seq;
  let sent = -1;
  let headReceiptId = telemetry ? (store.page({ limit: 1 }).records[0]?.body.id ?? '') : '';
  const publicKey = publicKeyOf(options.signingKey).publicKey;
  return {
    noteHead: (receiptId) => (headReceiptId = receiptId),
    write(always = false) {
      if (!options.chainOk || (!always && store.head().seq === written)) return;
      const checkpoint = signedHead();
      options.save(checkpoint);
      written = checkpoint.seq;
    },
    send() {
      const seq = store.head().seq;
      if (!telemetry || !options.chainOk || seq === 0 || seq === sent) return;
      const checkpoint = { ...signedHead(), receiptId: headReceiptId, publicKey };
      telemetry.publish({ type: 'checkpoint', checkpoint });
      sent = checkpoint.seq;
    },
  };
}
