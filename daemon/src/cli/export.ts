/**
 * `aarm export`: a session's or all receipts as a signed JSONL bundle that `aarm verify` checks
 * offline, or as OCSF events for a SIEM (docs/ocsf.md).
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import { GENESIS_HASH, type ExportHeader } from '../protocol/index.js';
import { openReceiptStore } from '../receipts/store.js';
import { publicKeyOf, signCanonical, type SigningKey } from '../receipts/keys.js';
import { headerSigningInput } from '../receipts/verify.js';
import { toOcsf } from '../receipts/ocsf.js';

export interface ExportResult {
  count: number;
  headHash: string;
}

export function exportReceipts(
  database: string,
  scope: ExportHeader['scope'],
  signingKey: SigningKey,
  out: string,
): ExportResult {
  const store = openReceiptStore(database, { readonly: true });
  try {
    const lines: string[] = [];
    let headHash = GENESIS_HASH;
    for (const record of store.list('session' in scope ? { session: scope.session } : {})) {
      lines.push(`{"body":${record.canonical},"sig":${JSON.stringify(record.sig)}}`);
      headHash = record.hash;
    }
    const keys = store.publicKeys();
    if (!keys.some((k) => k.keyId === signingKey.keyId)) keys.push(publicKeyOf(signingKey));
    const unsigned: Omit<ExportHeader, 'sig'> = {
      type: 'aarm.export',
      v: 1,
      scope,
      created: new Date().toISOString(),
      count: lines.length,
      headHash,
      keys,
      keyId: signingKey.keyId,
    };
    const header: ExportHeader = {
      ...unsigned,
      sig: signCanonical(signingKey, headerSigningInput(unsigned)),
    };
    const fd = openSync(out, 'w', 0o600);
    try {
      writeSync(fd, `${JSON.stringify(header)}\n`);
      for (const line of lines) writeSync(fd, `${line}\n`);
    } finally {
      closeSync(fd);
    }
    return { count: lines.length, headHash };
  } finally {
    store.close();
  }
}

/**
 * The receipts as OCSF events: a JSON array with one event per receipt, in chain order, one event
 * per line. Not signed: each event names its receipt (`metadata.uid`) and carries its hash and
 * signature, so it can be matched against a signed bundle.
 */
export function exportOcsf(
  database: string,
  scope: ExportHeader['scope'],
  productVersion: string,
  out: string,
): { count: number } {
  const store = openReceiptStore(database, { readonly: true });
  try {
    const events: string[] = [];
    for (const record of store.list('session' in scope ? { session: scope.session } : {})) {
      events.push(JSON.stringify(toOcsf(record, { version: productVersion })));
    }
    const fd = openSync(out, 'w', 0o600);
    try {
      writeSync(fd, events.length === 0 ? '[]\n' : `[\n${events.join(',\n')}\n]\n`);
    } finally {
      closeSync(fd);
    }
    return { count: events.length };
  } finally {
    store.close();
  }
}
