import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { openReceiptStore } from '../../daemon/src/receipts/store.js';
import { generateSigningKey } from '../../daemon/src/receipts/keys.js';
import { tempDir } from '../helpers/env.js';

const action = (session: string, n: number) =>
  ({
    kind: 'outcome',
    id: `rcpt_${session}_${n}`,
    time: new Date(Date.UTC(2026, 0, 1, 0, 0, n)).toISOString(),
    session,
    receiptId: 'rcpt_x',
    outcome: { status: 'success' },
  }) as const;

test('a database from before the sessions table is migrated, and older ones are still readable', () => {
  const dir = tempDir();
  try {
    const file = join(dir.dir, 'receipts.db');
    const key = generateSigningKey();
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
  } finally {
    dir.cleanup();
  }
});
