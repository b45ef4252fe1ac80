import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { openReceiptStore, type ReceiptStore } from '../../daemon/src/receipts/store.js';
import {
  generateSigningKey,
  publicKeyMap,
  publicKeyOf,
  verifyWithNodeCrypto,
  verifyWithNoble,
  type SignatureVerifier,
  type SigningKey,
} from '../../daemon/src/receipts/keys.js';
import { checkChain } from '../../daemon/src/receipts/chain-check.js';
import { proofProblem } from '../../daemon/src/receipts/group-proof.js';
import { checkStoredRecords, verifyExport } from '../../daemon/src/receipts/verify.js';
import { exportReceipts } from '../../daemon/src/cli/export.js';
import type { SignedReceipt } from '../../daemon/src/protocol/index.js';
import { tempDir } from '../helpers/env.js';

/** `run` with a fresh database file and a signing key, removed afterwards. */
function withDatabase(run: (file: string, key: SigningKey) => void): void {
  const dir = tempDir();
  try {
    run(join(dir.dir, 'receipts.db'), generateSigningKey());
  } finally {
    dir.cleanup();
  }
}

const action = (session: string, n: number) =>
  ({
    kind: 'outcome',
    id: `rcpt_${session}_${n}`,
    time: new Date(Date.UTC(2026, 0, 1, 0, 0, n)).toISOString(),
    session,
    receiptId: 'rcpt_x',
    outcome: { status: 'success' },
  }) as const;

test('a database from before the sessions table is migrated, and older ones are still readable', () =>
  withDatabase((file, key) => {
    const store = openReceiptStore(file);
    for (const [session, n] of [
      ['a', 1],
      ['b', 2],
      ['a', 3],
    ] as const)
      store.append(action(session, n), key);
    store.close();

    // Make it a version-2 database, as an earlier aarm left it.
    const raw = new Database(file);
    raw.exec('DROP TABLE sessions; DROP TABLE receipt_groups');
    raw.pragma('user_version = 2');
    raw.close();

    const readOnly = openReceiptStore(file, { readonly: true });
    assert.deepEqual(
      readOnly.sessions({ limit: 10 }).map((s) => [s.session, s.receipts, s.lastSeq]),
      [
        ['a', 2, 3],
        ['b', 1, 2],
      ],
    );
    readOnly.close();

    const migrated = openReceiptStore(file);
    migrated.append(action('b', 4), key);
    assert.deepEqual(
      migrated.sessions({ limit: 10 }).map((s) => [s.session, s.receipts, s.first, s.last]),
      [
        ['b', 2, '2026-01-01T00:00:02.000Z', '2026-01-01T00:00:04.000Z'],
        ['a', 2, '2026-01-01T00:00:01.000Z', '2026-01-01T00:00:03.000Z'],
      ],
    );
    assert.deepEqual(
      migrated.sessions({ limit: 10, before: 4 }).map((s) => s.session),
      ['a'],
    );
    migrated.close();
  }));

test('group commit: writes are seen by other readers only after the commit, and a failed one is undone alone', () =>
  withDatabase((file, key) => {
    let opened = 0;
    const store = openReceiptStore(file, { onUncommitted: () => opened++ });
    const reader = () => {
      const r = openReceiptStore(file, { readonly: true });
      try {
        return r.count();
      } finally {
        r.close();
      }
    };
    store.append(action('a', 1), key);
    store.append(action('a', 2), key);
    assert.equal(opened, 1, 'one transaction for both');
    assert.equal(store.uncommitted(), true);
    assert.equal(reader(), 0, 'nothing visible before the commit');
    // A duplicate id fails on its own; the group and the chain heads stay as they were.
    assert.throws(() => store.append(action('a', 2), key), /UNIQUE/);
    store.commit();
    assert.equal(store.uncommitted(), false);
    assert.equal(reader(), 2);
    store.append(action('a', 3), key);
    assert.equal(opened, 2);
    store.close(); // a clean close commits what is open
    assert.deepEqual(
      [...openReceiptStore(file, { readonly: true }).list()].map((r) => [r.body.seq, r.body.sessionSeq]),
      [
        [1, 1],
        [2, 2],
        [3, 3],
      ],
    );
  }));

test('group commit: a commit that fails is rolled back and the chain goes on from what is stored', () =>
  withDatabase((file, key) => {
    const store = openReceiptStore(file, { onUncommitted: () => {} });
    store.append(action('a', 1), key);
    store.commit();
    // A deferred foreign key that a trigger breaks: SQLite refuses the COMMIT itself.
    const raw = new Database(file);
    raw.exec(`CREATE TABLE trap_parent (id INTEGER PRIMARY KEY);
    CREATE TABLE trap (p INTEGER REFERENCES trap_parent (id) DEFERRABLE INITIALLY DEFERRED);
    CREATE TRIGGER trap_receipts AFTER INSERT ON receipts WHEN NEW.id = 'rcpt_a_2' BEGIN INSERT INTO trap VALUES (1); END;`);
    raw.close();
    const fresh = openReceiptStore(file, { onUncommitted: () => {} });
    store.close();
    fresh.append(action('a', 2), key);
    fresh.append(action('a', 3), key);
    assert.throws(() => fresh.commit(), /FOREIGN KEY/);
    assert.equal(fresh.uncommitted(), false);
    assert.deepEqual(fresh.head().seq, 1, 'the heads are read back from the database');
    fresh.append(action('a', 4), key);
    fresh.commit();
    assert.deepEqual(
      [...fresh.list()].map((r) => [r.body.id, r.body.seq, r.body.sessionSeq]),
      [
        ['rcpt_a_1', 1, 1],
        ['rcpt_a_4', 2, 2],
      ],
    );
    fresh.close();
  }));

test('group commit: an error that rolls back the whole transaction is reported at commit, not taken for success', () =>
  withDatabase((file, key) => {
    const first = openReceiptStore(file);
    first.append(action('a', 1), key);
    first.close();
    // RAISE(ROLLBACK) undoes the whole transaction, as SQLITE_FULL or an I/O error can.
    const raw = new Database(file);
    raw.exec(`CREATE TRIGGER trap_receipts AFTER INSERT ON receipts WHEN NEW.id = 'rcpt_a_3'
    BEGIN SELECT RAISE(ROLLBACK, 'disk full'); END;`);
    raw.close();
    const store = openReceiptStore(file, { onUncommitted: () => {} });
    store.append(action('a', 2), key); // stored in the group…
    assert.throws(() => store.append(action('a', 3), key), /disk full/); // …and rolled back with it
    assert.equal(store.uncommitted(), true, 'answers must still wait');
    assert.throws(() => store.append(action('a', 4), key), /rolled back the open transaction/);
    assert.throws(
      () => store.commit(),
      /SQLite rolled back the open transaction: its records were not stored/,
    );
    assert.equal(store.uncommitted(), false);
    assert.equal(store.head().seq, 1, 'the heads are read back: the chain goes on from record 1');
    store.append(action('a', 5), key);
    store.commit();
    assert.deepEqual(
      [...store.list()].map((r) => [r.body.id, r.body.seq]),
      [
        ['rcpt_a_1', 1],
        ['rcpt_a_5', 2],
      ],
    );
    store.close();
  }));

/**
 * A chain as the daemon leaves it (R5): two records signed alone (an older aarm, or `aarm repair`),
 * then group commits of 3, 1 and 4 records over two sessions, each signed once.
 */
function groupedChain(file: string, key: SigningKey, groups = [3, 1, 4]): SignedReceipt[] {
  const alone = openReceiptStore(file);
  alone.addKey(key);
  alone.append(action('a', 1), key);
  alone.append(action('b', 2), key);
  alone.close();
  const store = openReceiptStore(file, { onUncommitted: () => {} });
  const appended: SignedReceipt[] = [];
  let n = 3;
  for (const size of groups) {
    for (let i = 0; i < size; i++, n++) appended.push(store.append(action(n % 2 ? 'a' : 'b', n), key));
    store.commit();
  }
  store.close();
  return appended;
}

/** A verifier that counts how often it is asked. */
function counting(): { verify: SignatureVerifier; calls: () => number } {
  let calls = 0;
  return {
    verify: (publicKey, message, signature) => {
      calls++;
      return verifyWithNodeCrypto(publicKey, message, signature);
    },
    calls: () => calls,
  };
}

const readOnly = <T>(file: string, read: (store: ReceiptStore) => T): T => {
  const store = openReceiptStore(file, { readonly: true });
  try {
    return read(store);
  } finally {
    store.close();
  }
};

test('group commit: one signature per group, and each record proven by its path to the signed group head', () =>
  withDatabase((file, key) => {
    const store = openReceiptStore(file, { onUncommitted: () => {} });
    store.addKey(key);
    const first = store.append(action('a', 1), key);
    const second = store.append(action('b', 2), key);
    assert.equal(first.sig, '', 'not signed alone');
    const proofOf = (record: SignedReceipt) => record.proof; // read again after the commit
    assert.equal(proofOf(first), undefined, 'not proven before its group commits');
    assert.deepEqual(store.page({ limit: 10 }).records, [], 'the open group is not shown: unsigned yet');
    assert.throws(() => store.append(action('a', 3), generateSigningKey()), /signed by one key/);
    store.commit();
    assert.equal(first.proof?.group.firstSeq, 1);
    assert.equal(first.proof?.group.lastSeq, 2);
    assert.equal(first.proof?.sig, second.proof?.sig, 'one signature for the group');
    assert.deepEqual(second.proof?.group.head, { seq: 2, hash: second.hash });
    assert.deepEqual(
      store.page({ limit: 10 }).records.map((r) => r.proof),
      [first.proof, second.proof],
      'read back, the proofs are rebuilt the same',
    );
    store.close();

    const chainFile = join(dirname(file), 'chain.db');
    const appended = groupedChain(chainFile, key);
    const records = readOnly(chainFile, (r) => [...r.list()]);
    assert.equal(records.length, 10);
    assert.deepEqual(
      records.slice(2).map((r) => r.proof),
      appended.map((r) => r.proof),
    );
    assert.ok(
      records.slice(0, 2).every((r) => r.proof === undefined && r.sig !== ''),
      'signed alone',
    );
    assert.ok(records.slice(2).every((r) => r.proof !== undefined && r.sig === ''));
    const raw = new Database(chainFile, { readonly: true });
    assert.equal((raw.prepare('SELECT count(*) AS n FROM receipt_groups').get() as { n: number }).n, 3);
    raw.close();

    // Every record's inclusion checked, each group's signature once (3 groups).
    const { verify, calls } = counting();
    const context = {
      publicKeys: publicKeyMap([publicKeyOf(key)]),
      verify,
      verifiedGroups: new Set<string>(),
    };
    for (const r of records.filter((r) => r.proof))
      assert.equal(
        proofProblem(r.proof, { seq: r.body.seq, keyId: r.body.keyId, hash: r.hash }, context),
        undefined,
      );
    assert.equal(calls(), 3);
    const views = checkStoredRecords(records, undefined, [publicKeyOf(key)], 'all', verifyWithNoble);
    assert.deepEqual(
      new Set(views.map((v) => `${v.check.signature} ${v.check.chain}`)),
      new Set(['valid linked']),
    );

    const chain = readOnly(chainFile, (r) =>
      checkChain(r.rows(), r.publicKeys(), undefined, verifyWithNodeCrypto, r.groupOf),
    );
    assert.equal(chain.ok, true, chain.ok ? '' : chain.error);
  }));

test('group commit: group heads are append-only, and a forged or missing head or a cut inside a group fails the start-up check', () => {
  const check = (file: string) =>
    readOnly(file, (r) => checkChain(r.rows(), r.publicKeys(), undefined, verifyWithNodeCrypto, r.groupOf));
  const cases: Array<[string, string, RegExp]> = [
    [
      'a group head edited',
      `UPDATE receipt_groups SET head = replace(head, '"v":1', '"v":1 ') WHERE last_seq = 10`,
      /signed head of the group of record 10 does not verify/,
    ],
    [
      'a group head re-pointed to its first record',
      `UPDATE receipt_groups SET last_seq = 9, head_hash = (SELECT hash FROM receipts WHERE seq = 9) WHERE last_seq = 10`,
      /not signed, and no signed group head covers it/,
    ],
    [
      'a group head deleted',
      'DELETE FROM receipt_groups WHERE last_seq = 10',
      /not signed, and no signed group head/,
    ],
    ['the tail cut inside a group', 'DELETE FROM receipts WHERE seq > 8', /record 8 is not signed/],
  ];
  for (const [what, edit, expected] of cases)
    withDatabase((file, key) => {
      groupedChain(file, key);
      assert.equal(check(file).ok, true);
      const db = new Database(file);
      assert.throws(() => db.exec(edit), /append-only/, 'the triggers refuse it');
      db.exec(
        'DROP TRIGGER receipt_groups_no_update; DROP TRIGGER receipt_groups_no_delete; DROP TRIGGER receipts_no_delete;',
      );
      db.exec(edit);
      db.close();
      const result = check(file);
      assert.equal(result.ok, false, what);
      assert.match(result.ok ? '' : result.error, expected, what);
    });
});

test('export and verify with group proofs: any byte of any record changed, a record dropped or moved, a proof swapped, a group head forged — all caught', () =>
  withDatabase((file, key) => {
    groupedChain(file, key, [1, 2, 3]);
    const out = `${file}.jsonl`;
    exportReceipts(file, { all: true }, key, out);
    const text = readFileSync(out, 'utf8');
    const lines = text.trim().split('\n');
    assert.equal(lines.length, 1 + 8);
    assert.equal(JSON.parse(lines[0]!).v, 2);
    assert.ok(
      lines.slice(1, 3).every((l) => 'sig' in JSON.parse(l)),
      'records signed alone keep their signature',
    );
    assert.ok(
      lines.slice(3).every((l) => 'proof' in JSON.parse(l)),
      'grouped records carry their proof',
    );
    const verify = (content: string[] | string, signatures: 'every' | 'chain' = 'every') =>
      verifyExport(typeof content === 'string' ? content : `${content.join('\n')}\n`, {
        verifySignature: verifyWithNodeCrypto,
        signatures,
      });
    for (const signatures of ['every', 'chain'] as const)
      assert.equal(verify(text, signatures).ok, true, signatures);
    const session = `${file}.a.jsonl`;
    exportReceipts(file, { session: 'a' }, key, session);
    assert.equal(verify(readFileSync(session, 'utf8')).ok, true, 'a session export proves its records alone');

    // Every mode: each group's signature checked once (3 groups, 2 records alone, the header).
    const { verify: counted, calls } = counting();
    assert.equal(verifyExport(text, { verifySignature: counted, signatures: 'every' }).ok, true);
    assert.equal(calls(), 1 + 2 + 3);

    // Any byte of any record line changed: every-signature mode catches it; chain mode any in a body.
    for (let i = 1; i < lines.length; i++) {
      const line = lines[i]!;
      const bodyEnd = line.lastIndexOf(line.includes(',"proof":') ? ',"proof":' : ',"sig":');
      for (let j = 0; j < line.length; j++) {
        const changed = [...lines];
        changed[i] = `${line.slice(0, j)}${line[j] === '0' ? '1' : '0'}${line.slice(j + 1)}`;
        assert.equal(verify(changed).ok, false, `line ${i + 1}, byte ${j}: ${changed[i]}`);
        if (j >= '{"body":'.length && j < bodyEnd)
          assert.equal(verify(changed, 'chain').ok, false, `chain mode: line ${i + 1}, byte ${j}`);
      }
    }

    const proofOf = (i: number) => (JSON.parse(lines[i]!) as { proof: unknown }).proof;
    const withProof = (i: number, proof: unknown) =>
      JSON.stringify({ body: (JSON.parse(lines[i]!) as { body: unknown }).body, proof });
    const group = (i: number) => (proofOf(i) as { group: Record<string, unknown> }).group;
    const records = lines.slice(1);
    // Line i holds record i: 1–2 signed alone, then groups {3}, {4, 5} and {6, 7, 8}.
    const cases: Array<[string, string[], RegExp, boolean]> = [
      [
        'a record dropped',
        [lines[0]!, ...records.slice(0, 5), ...records.slice(6)],
        /:7: .*expected seq 6 but found 7/,
        true,
      ],
      ['a record dropped from the end', [lines[0]!, ...records.slice(0, -1)], /header promises/, true],
      [
        'two records of a group swapped',
        [lines[0]!, ...records.slice(0, 5), records[6]!, records[5]!, ...records.slice(7)],
        /:7: .*expected seq 6 but found 7/,
        true,
      ],
      [
        'proofs swapped within a group',
        lines.map((l, i) => (i === 6 ? withProof(6, proofOf(7)) : i === 7 ? withProof(7, proofOf(6)) : l)),
        /:7: .*not the record its group proof covers/,
        false,
      ],
      [
        'a proof from another group',
        lines.map((l, i) => (i === 5 ? withProof(5, proofOf(7)) : l)),
        /:6: .*its group holds records 6 to 8, not 5/,
        false,
      ],
      [
        'the last record proven by another record’s proof',
        lines.map((l, i) => (i === 8 ? withProof(8, proofOf(7)) : l)),
        /:9: .*not the record its group proof covers/,
        true,
      ],
      [
        'a group head forged (another time)',
        lines.map((l, i) =>
          i === 8
            ? withProof(8, {
                ...(proofOf(8) as object),
                group: { ...group(8), time: '2020-01-01T00:00:00.000Z' },
              })
            : l,
        ),
        /:9: .*group head does not match its signature/,
        true,
      ],
      [
        'a group head forged to cover fewer records',
        lines.map((l, i) =>
          i === 7
            ? withProof(7, {
                ...(proofOf(7) as object),
                group: { ...group(7), firstSeq: 7, lastSeq: 8, head: { seq: 8, hash: group(7).root } },
              })
            : l,
        ),
        /:8: .*(not the record its group proof covers|does not match its signature)/,
        false,
      ],
      [
        'a grouped record given an empty signature instead of its proof',
        lines.map((l, i) => (i === 8 ? l.replace(/,"proof":.*}$/, ',"sig":""}') : l)),
        /:9: .*neither its own signature nor its group proof/,
        true,
      ],
      [
        'a record whose group is signed by another key',
        lines.map((l, i) =>
          i === 8
            ? withProof(8, {
                ...(proofOf(8) as object),
                group: { ...group(8), keyId: 'ed25519:0000000000000000' },
              })
            : l,
        ),
        /:9: .*signed by `ed25519:0000000000000000`/,
        true,
      ],
    ];
    for (const [what, content, expected, chainToo] of cases) {
      const every = verify(content);
      assert.equal(every.ok, false, what);
      assert.match(every.ok ? '' : `:${every.line}: ${every.error}`, expected, what);
      if (chainToo) assert.equal(verify(content, 'chain').ok, false, `chain mode: ${what}`);
    }
  }));
