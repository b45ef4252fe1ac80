/** `aarm repair` */
import { randomUUID } from 'node:crypto';
import { checkChain, signHead } from '../../receipts/chain-check.js';
import { verifyWithNodeCrypto } from '../../receipts/keys.js';
import { openReceiptStore } from '../../receipts/store.js';
import { readCheckpoint } from '../../state/files.js';
import {
  acquireLock,
  aarmHome,
  ensureHome,
  loadKeys,
  loadOrCreateKeys,
  writePrivateFile,
} from '../../state/home.js';
import { missingState } from '../../state/loss.js';
import { osUserName } from '../../state/human.js';
import { err, homeDir, out, parse, showUsage, UsageError, type Command } from '../command.js';

export const repairCli: Command = {
  summary: 'accept lost receipts explicitly: a signed gap receipt, then a new head',
  usage: `aarm repair --accept-loss

When the receipt database or its signed head checkpoint is gone, or the chain's tail was cut, the
daemon refuses to start (or denies everything) instead of starting a fresh chain silently. If you
accept that the receipts are lost, this records the loss as a signed \`gap\` receipt — what was
missing, the last head the daemon had signed, and who accepted it — and signs the new head, so the
daemon starts again. The gap stays in the chain and in every export. Stop the daemon first.`,
  run(args) {
    const { values } = parse(args, { 'accept-loss': { type: 'boolean' } });
    if (values.help) return showUsage(repairCli);
    if (!values['accept-loss'])
      throw new UsageError('aarm repair --accept-loss (say that you accept the loss)');
    const home = aarmHome(homeDir());
    ensureHome(home);
    const lock = acquireLock(home);
    if (!lock.ok) {
      err(`aarm: ${lock.error}`);
      return 1;
    }
    try {
      const missing = missingState(home);
      if (loadKeys(home).length === 0 && missing === undefined) {
        out('nothing to repair: this AARM_HOME has not been used yet (the daemon starts a new chain)');
        return 0;
      }
      // Keys lost too: a new one signs the gap, and the chain goes on from there.
      const keys = loadOrCreateKeys(home);
      const checkpoint = readCheckpoint(home.checkpointFile);
      const store = openReceiptStore(home.database);
      try {
        for (const key of keys) store.addKey(key);
        const chain = checkChain(
          store.rows(),
          store.publicKeys(),
          checkpoint,
          verifyWithNodeCrypto,
          store.groupOf,
        );
        const reason = missing ?? (chain.ok ? undefined : chain.error);
        if (reason === undefined) {
          out('nothing to repair: the receipt chain and its signed head agree');
          return 0;
        }
        const signingKey = keys.at(-1)!;
        const gap = store.append(
          {
            kind: 'gap',
            id: `rcpt_${randomUUID()}`,
            time: new Date().toISOString(),
            session: 'aarm-repair',
            reason,
            lastKnownHead: checkpoint ? { seq: checkpoint.seq, hash: checkpoint.hash } : null,
            acceptedBy: osUserName(),
          },
          signingKey,
        );
        writePrivateFile(
          home.checkpointFile,
          `${JSON.stringify(signHead(signingKey, store.head()), null, 2)}\n`,
        );
        out(`recorded the loss as gap receipt ${gap.body.id} (#${gap.body.seq}): ${reason}`);
        out('the daemon can start again; the gap stays in the chain and in every export');
        return 0;
      } finally {
        store.close();
      }
    } finally {
      lock.release();
    }
  },
};
