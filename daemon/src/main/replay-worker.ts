/**
 * The replay worker thread (dist/replay-worker.js): one approver's `replay`, judged here with its
 * own read-only connection to the receipt database (WAL: it reads what was committed while the
 * daemon writes), so that however long it takes, the daemon's event loop keeps deciding agents'
 * actions (R1). main/replay-thread.ts starts one per replay and ends it.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { openReceiptStore } from '../receipts/store.js';
import { replayDraftWith, type ReplayWorkerData } from './replay.js';

const port = parentPort;
if (port === null) throw new Error('the replay worker runs in a worker thread');
const { database, options, request } = workerData as ReplayWorkerData;
let answer: ReturnType<ReturnType<typeof replayDraftWith>>;
try {
  const store = openReceiptStore(database, { readonly: true });
  try {
    answer = replayDraftWith({ ...options, store })(request);
  } finally {
    store.close();
  }
} catch (error) {
  answer = { ok: false, error: `the replay failed: ${(error as Error).message}` };
}
port.postMessage(answer);
