import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { openReceiptStore } from '../../daemon/src/receipts/store.js';
import { generateSigningKey, type SigningKey } from '../../daemon/src/receipts/keys.js';
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
    raw.exec('DROP TABLE sessions');
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
