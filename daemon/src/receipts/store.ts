/**
 * The append-only receipt store: the only module that speaks SQL. One connection, WAL mode,
 * STRICT tables, and triggers that refuse UPDATE and DELETE so that even a bug in the daemon
 * cannot rewrite history (R5). Chaining happens here, inside the insert's transaction, so that
 * `seq`, `prevHash` and the session links can never disagree with what is stored.
 *
 * Signing (R5): with group commit, the records of one group are signed once, at its commit, by a
 * group head over the Merkle root of their hashes (protocol/merkle.ts), stored in the same
 * transaction; their own `sig` is `''`. Each record's proof — that head, its signature and the
 * record's inclusion path — is rebuilt from the group's hashes when records are read. Without group
 * commit (`aarm repair`, tests, stores of an older aarm) each record is signed alone.
 */
import { chmodSync, closeSync, existsSync, openSync } from 'node:fs';
import Database from 'better-sqlite3';
import {
  GENESIS_HASH,
  type Grant,
  type GroupHead,
  leafHash,
  merkleTree,
  type ReceiptProof,
  RECEIPT_VERSION,
  type PublicKey,
  type Receipt,
  type SessionSummary,
  type SignedReceipt,
  type UnchainedReceipt,
} from '../protocol/index.js';
import { canonicalize } from './canonical.js';
import type { StoredGroup } from './group-proof.js';
import { publicKeyOf, sha256Hex, signCanonical, type SigningKey } from './keys.js';

const SCHEMA_VERSION = 4;
/** Records read per query when listing: memory stays bounded on a chain of millions. */
const LIST_CHUNK = 1000;

const SCHEMA = `
CREATE TABLE receipts (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  session TEXT NOT NULL,
  session_seq INTEGER NOT NULL,
  kind TEXT NOT NULL,
  ref TEXT,
  time TEXT NOT NULL,
  body TEXT NOT NULL,
  sig TEXT NOT NULL,
  hash TEXT NOT NULL,
  key_id TEXT NOT NULL,
  UNIQUE (session, session_seq)
) STRICT;
CREATE INDEX receipts_ref ON receipts (ref) WHERE ref IS NOT NULL;
CREATE TABLE keys (
  key_id TEXT PRIMARY KEY,
  public_key TEXT NOT NULL,
  created TEXT NOT NULL
) STRICT;
CREATE TRIGGER receipts_no_update BEFORE UPDATE ON receipts BEGIN SELECT RAISE(ABORT, 'receipts are append-only'); END;
CREATE TRIGGER receipts_no_delete BEFORE DELETE ON receipts BEGIN SELECT RAISE(ABORT, 'receipts are append-only'); END;
CREATE TRIGGER keys_no_update BEFORE UPDATE ON keys BEGIN SELECT RAISE(ABORT, 'keys are append-only'); END;
CREATE TRIGGER keys_no_delete BEFORE DELETE ON keys BEGIN SELECT RAISE(ABORT, 'keys are append-only'); END;
`;

/** Version 2: the per-session context log (R2), hash-chained and append-only like the receipts. */
const SCHEMA_V2 = `
CREATE TABLE context_log (
  session TEXT NOT NULL,
  seq INTEGER NOT NULL,
  body TEXT NOT NULL,
  hash TEXT NOT NULL,
  PRIMARY KEY (session, seq)
) STRICT;
CREATE TRIGGER context_no_update BEFORE UPDATE ON context_log BEGIN SELECT RAISE(ABORT, 'the context log is append-only'); END;
CREATE TRIGGER context_no_delete BEFORE DELETE ON context_log BEGIN SELECT RAISE(ABORT, 'the context log is append-only'); END;
CREATE TABLE grants (id TEXT PRIMARY KEY, body TEXT NOT NULL) STRICT;
CREATE TABLE grant_revocations (grant_id TEXT PRIMARY KEY REFERENCES grants (id), time TEXT NOT NULL, by TEXT NOT NULL) STRICT;
CREATE TRIGGER grants_no_update BEFORE UPDATE ON grants BEGIN SELECT RAISE(ABORT, 'grants are append-only; revoke instead'); END;
CREATE TRIGGER grants_no_delete BEFORE DELETE ON grants BEGIN SELECT RAISE(ABORT, 'grants are append-only; revoke instead'); END;
`;

interface Row {
  seq: number;
  body: string;
  sig: string;
  hash: string;
}

export interface ReceiptStore {
  /** Chain, sign and store a record; returns it as stored. */
  append(record: UnchainedReceipt, key: SigningKey): SignedReceipt;
  /** Make a public key available to verifiers (idempotent). */
  addKey(key: SigningKey): void;
  publicKeys(): PublicKey[];
  count(): number;
  /** The stored rows in chain order, unparsed (for the start-up chain check). */
  rows(): IterableIterator<{ body: string; sig: string; hash: string }>;
  /** The signed head of the group commit that holds record `seq`, if any (R5). */
  groupOf: (seq: number) => StoredGroup | undefined;
  /** The newest record's `seq` and hash (0 and the genesis hash when empty). */
  head(): { seq: number; hash: string };
  /** Records in chain order: all of them, or one session's. */
  list(filter?: { session?: string }): IterableIterator<SignedReceipt>;
  /**
   * The newest `limit` records — of the whole chain before `seq` `before`, or of one session before
   * its `sessionSeq` `before` — in chain order, and the record just before them (to check the first
   * one's link).
   */
  page(filter: { session?: string; limit: number; before?: number }): {
    records: SignedReceipt[];
    previous: SignedReceipt | undefined;
  };
  /** Sessions that have receipts, the most recently active first; `before`: a `lastSeq` to page on from. */
  sessions(filter: { limit: number; before?: number }): SessionSummary[];
  /**
   * How many actions the approved rule `id` let through after the receipt `after` (the one it was
   * written for; all receipts without one): allowed with it deciding, or with its exception standing
   * aside. Undefined when there is no receipt `after`.
   */
  approvedUses(id: string, after: string | undefined): number | undefined;
  /** The action receipt with this id and the session it belongs to, if any. */
  findAction(id: string): { session: string } | undefined;
  hasOutcome(receiptId: string): boolean;
  /** Append one entry of a session's context log (already chained by the caller). */
  appendContext(session: string, seq: number, body: string, hash: string): void;
  /** A session's context log, in order. */
  contextLog(session: string): Array<{ body: string; hash: string }>;
  addGrant(grant: Grant): void;
  revokeGrant(id: string, by: string, time: string): boolean;
  /** every grant, revoked ones with their revocation */
  grants(): Grant[];
  /** Whether writes wait in an open group commit (only with `onUncommitted`). */
  uncommitted(): boolean;
  /**
   * Commit the open group, if any. When the commit fails, it is rolled back, the in-memory heads
   * are read again from the database, and the error is thrown: those writes are lost.
   */
  commit(): void;
  close(): void;
}

export interface OpenStoreOptions {
  readonly?: boolean;
  /**
   * Group commit: writes go into one open transaction until `commit()`, instead of one each.
   * Called when such a transaction opens, so the owner can schedule its commit; whatever depends
   * on the writes being durable must wait for it (the daemon holds its answers until then).
   */
  onUncommitted?: () => void;
}

export function openReceiptStore(file: string, options: OpenStoreOptions = {}): ReceiptStore {
  if (!options.readonly && !existsSync(file)) {
    // Created user-only before SQLite opens it; SQLite gives the -wal and -shm files the same mode.
    closeSync(openSync(file, 'a', 0o600));
  }
  if (!options.readonly) chmodSync(file, 0o600);
  const db = new Database(file, {
    readonly: options.readonly ?? false,
    fileMustExist: options.readonly ?? false,
  });
  if (!options.readonly) {
    db.pragma('journal_mode = WAL');
    // NORMAL in WAL mode: a commit survives the process being killed; only an OS crash can lose the last ones.
    db.pragma('synchronous = NORMAL');
    migrate(db);
  } else {
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version < 1 || version > SCHEMA_VERSION) {
      throw new Error(
        `\`${file}\` is not an aarm receipt database this aarm can read (schema version ${version})`,
      );
    }
  }

  const insert = options.readonly
    ? undefined
    : db.prepare(
        `INSERT INTO receipts (seq, id, session, session_seq, kind, ref, time, body, sig, hash, key_id)
         VALUES (@seq, @id, @session, @sessionSeq, @kind, @ref, @time, @body, @sig, @hash, @keyId)`,
      );
  const lastRow = db.prepare('SELECT seq, hash FROM receipts ORDER BY seq DESC LIMIT 1');
  const lastOfSession = db.prepare(
    'SELECT session_seq AS seq, hash FROM receipts WHERE session = ? ORDER BY seq DESC LIMIT 1',
  );
  const countAll = db.prepare('SELECT count(*) AS n FROM receipts');
  const selectAll = db.prepare('SELECT seq, body, sig, hash FROM receipts ORDER BY seq');
  const chunkAll = db.prepare('SELECT seq, body, sig, hash FROM receipts WHERE seq > ? ORDER BY seq LIMIT ?');
  const chunkSession = db.prepare(
    'SELECT seq, body, sig, hash FROM receipts WHERE session = ? AND session_seq > ? ORDER BY session_seq LIMIT ?',
  );
  const pageAll = db.prepare(
    'SELECT seq, body, sig, hash FROM receipts WHERE seq < ? ORDER BY seq DESC LIMIT ?',
  );
  const pageSession = db.prepare(
    'SELECT seq, body, sig, hash FROM receipts WHERE session = ? AND session_seq < ? AND seq < ? ORDER BY session_seq DESC LIMIT ?',
  );
  const version = db.pragma('user_version', { simple: true }) as number;
  // A database of an older schema, opened read-only, has no group heads: every record signed alone.
  const selectGroup =
    version >= 4
      ? db.prepare(
          `SELECT g.first_seq AS firstSeq, g.last_seq AS lastSeq, g.head, g.sig FROM receipt_groups g
           JOIN receipts r ON r.seq = g.last_seq AND r.hash = g.head_hash
           WHERE g.last_seq >= ? ORDER BY g.last_seq LIMIT 1`,
        )
      : undefined;
  const groupHashes = db.prepare('SELECT hash FROM receipts WHERE seq BETWEEN ? AND ? ORDER BY seq');
  const insertGroup = options.readonly
    ? undefined
    : db.prepare(
        'INSERT INTO receipt_groups (head_hash, first_seq, last_seq, head, sig, key_id) VALUES (?, ?, ?, ?, ?, ?)',
      );
  // A database of an older schema, opened read-only (not migrated), lists its sessions the slow way.
  const selectSessions =
    version >= 3
      ? db.prepare(
          `SELECT session, receipts, first, last, last_seq AS lastSeq FROM sessions
           WHERE last_seq < ? ORDER BY last_seq DESC LIMIT ?`,
        )
      : db.prepare(
          `SELECT session, count(*) AS receipts, min(time) AS first, max(time) AS last, max(seq) AS lastSeq
           FROM receipts GROUP BY session HAVING max(seq) < ? ORDER BY max(seq) DESC LIMIT ?`,
        );
  const upsertSession = options.readonly
    ? undefined
    : db.prepare(
        `INSERT INTO sessions (session, receipts, first, last, last_seq) VALUES (?, 1, ?, ?, ?)
         ON CONFLICT (session) DO UPDATE SET receipts = receipts + 1, last = excluded.last, last_seq = excluded.last_seq`,
      );
  const findAction = db.prepare("SELECT session FROM receipts WHERE id = ? AND kind = 'action'");
  const seqOf = db.prepare('SELECT seq FROM receipts WHERE id = ?');
  // Once per rule per daemon run, and only over the receipts since the rule was written.
  const countApprovedUses = db.prepare(
    `SELECT count(*) AS n FROM receipts
     WHERE seq > ? AND kind IN ('action', 'resolution')
       AND json_extract(body, '$.verdict') = 'allow'
       AND json_extract(body, '$.decision.decision') IN ('allow', 'modify')
       AND (json_extract(body, '$.decision.rule') = ?
            OR EXISTS (SELECT 1 FROM json_each(body, '$.decision.overrides') WHERE json_extract(value, '$.approved') = ?))`,
  );
  const findOutcome = db.prepare("SELECT 1 FROM receipts WHERE ref = ? AND kind = 'outcome' LIMIT 1");
  const insertContext = options.readonly
    ? undefined
    : db.prepare('INSERT INTO context_log (session, seq, body, hash) VALUES (?, ?, ?, ?)');
  const hasContext = (db.pragma('user_version', { simple: true }) as number) >= 2;
  const selectContext = hasContext
    ? db.prepare('SELECT body, hash FROM context_log WHERE session = ? ORDER BY seq')
    : undefined;
  const insertGrant = options.readonly
    ? undefined
    : db.prepare('INSERT INTO grants (id, body) VALUES (?, ?)');
  const insertRevocation = options.readonly
    ? undefined
    : db.prepare(
        'INSERT OR IGNORE INTO grant_revocations (grant_id, time, by) SELECT id, ?, ? FROM grants WHERE id = ?',
      );
  const selectGrants = hasContext
    ? db.prepare(
        'SELECT g.body, r.time, r.by FROM grants g LEFT JOIN grant_revocations r ON r.grant_id = g.id ORDER BY g.rowid',
      )
    : undefined;
  const insertKey = db.prepare('INSERT OR IGNORE INTO keys (key_id, public_key, created) VALUES (?, ?, ?)');
  const selectKeys = db.prepare(
    'SELECT key_id AS keyId, public_key AS publicKey, created FROM keys ORDER BY created, key_id',
  );

  // In-memory heads of the chain and of each session's chain; the database stays the truth.
  const head = { seq: 0, hash: GENESIS_HASH };
  const readHead = () =>
    Object.assign(
      head,
      (lastRow.get() as { seq: number; hash: string } | undefined) ?? { seq: 0, hash: GENESIS_HASH },
    );
  readHead();
  const sessionHeads = new Map<string, { seq: number; hash: string }>();
  const sessionHead = (session: string) => {
    let found = sessionHeads.get(session);
    if (found === undefined) {
      found = (lastOfSession.get(session) as { seq: number; hash: string } | undefined) ?? {
        seq: 0,
        hash: GENESIS_HASH,
      };
      sessionHeads.set(session, found);
    }
    return found;
  };

  // The tree of the group last read: records are mostly read in order, a group's many together.
  // Committed groups never change, so it stays valid.
  let lastGroup: { stored: StoredGroup; head: GroupHead; paths: string[][] } | undefined;
  /** A grouped record's proof, rebuilt from its group's signed head and its records' hashes. */
  const proofOf = (seq: number): ReceiptProof | undefined => {
    if (lastGroup === undefined || seq < lastGroup.stored.firstSeq || seq > lastGroup.stored.lastSeq) {
      const stored = groupOf(seq);
      if (stored === undefined) return undefined;
      const hashes = groupHashes.all(stored.firstSeq, stored.lastSeq) as Array<{ hash: string }>;
      // A group whose records are not all there (cut or deleted) proves none of them: fail closed.
      if (hashes.length !== stored.lastSeq - stored.firstSeq + 1) return undefined;
      let groupHead: GroupHead;
      try {
        groupHead = JSON.parse(stored.head) as GroupHead;
      } catch {
        return undefined; // edited in the database: the verifier says so, with no proof to check
      }
      const { paths } = merkleTree(hashes.map((row) => leafHash(Buffer.from(row.hash, 'hex'))));
      lastGroup = { stored, head: groupHead, paths };
    }
    return {
      group: lastGroup.head,
      sig: lastGroup.stored.sig,
      path: lastGroup.paths[seq - lastGroup.stored.firstSeq]!,
    };
  };
  const groupOf = (seq: number): StoredGroup | undefined => {
    const stored = selectGroup?.get(seq) as StoredGroup | undefined;
    return stored !== undefined && stored.firstSeq <= seq ? stored : undefined;
  };

  const toSigned = (row: Row): SignedReceipt => {
    const record: SignedReceipt = {
      body: JSON.parse(row.body) as Receipt,
      canonical: row.body,
      sig: row.sig,
      hash: row.hash,
    };
    if (row.sig === '') {
      const proof = proofOf(row.seq);
      if (proof !== undefined) record.proof = proof;
    }
    return record;
  };

  // The records of the open group, in order: signed together when it commits (R5).
  let pending: SignedReceipt[] = [];
  let pendingKey: SigningKey | undefined;
  /**
   * Inside the open transaction, before COMMIT: sign the group's head and store it. Returns what
   * gives each record its proof, to run once the commit holds.
   */
  const signGroup = (records: SignedReceipt[], key: SigningKey | undefined): (() => void) => {
    if (records.length === 0 || key === undefined) return () => {};
    const first = records[0]!;
    const last = records.at(-1)!;
    // INVARIANT: a group's records are consecutive in the chain (a failed insert moves no head).
    if (last.body.seq - first.body.seq + 1 !== records.length)
      throw new Error('the records of the group commit are not consecutive in the chain');
    const { root, paths } = merkleTree(records.map((r) => leafHash(Buffer.from(r.hash, 'hex'))));
    const group: GroupHead = {
      type: 'aarm.receipt-group',
      v: 1,
      firstSeq: first.body.seq,
      lastSeq: last.body.seq,
      root: root.toString('hex'),
      head: { seq: last.body.seq, hash: last.hash },
      time: new Date().toISOString(),
      keyId: key.keyId,
    };
    const canonical = canonicalize(group);
    const sig = signCanonical(key, canonical);
    insertGroup!.run(last.hash, group.firstSeq, group.lastSeq, canonical, sig, key.keyId);
    return () => records.forEach((record, i) => (record.proof = { group, sig, path: paths[i]! }));
  };

  // Some errors (SQLITE_FULL, SQLITE_IOERR, SQLITE_NOMEM, a RAISE(ROLLBACK)) roll the whole open
  // transaction back, not just the failed statement: the group's earlier records are gone too. The
  // group stays "open" until `commit()`, which then reports the loss instead of a success.
  let groupOpen = false;
  /** Before a write: with group commit, join the open transaction or open one. */
  const joinGroup = () => {
    if (options.onUncommitted === undefined) return;
    if (groupOpen && !db.inTransaction)
      throw new Error('the receipt database rolled back the open transaction; nothing more joins it');
    if (groupOpen) return;
    db.exec('BEGIN IMMEDIATE');
    groupOpen = true;
    options.onUncommitted();
  };

  return {
    append(record, key) {
      if (insert === undefined) throw new Error('the receipt store is open read-only');
      const grouped = options.onUncommitted !== undefined;
      if (grouped && pendingKey !== undefined && pendingKey.keyId !== key.keyId)
        throw new Error('the records of one group commit are signed by one key');
      joinGroup();
      const ofSession = sessionHead(record.session);
      const body = {
        ...record,
        v: RECEIPT_VERSION,
        seq: head.seq + 1,
        prevHash: head.hash,
        sessionSeq: ofSession.seq + 1,
        sessionPrevHash: ofSession.hash,
        keyId: key.keyId,
      } as Receipt;
      const canonical = canonicalize(body);
      // Grouped: signed with its group at the commit (`signGroup`), not alone.
      const sig = grouped ? '' : signCanonical(key, canonical);
      const hash = sha256Hex(canonical);
      const store = () => {
        insert.run({
          seq: body.seq,
          id: body.id,
          session: body.session,
          sessionSeq: body.sessionSeq,
          kind: body.kind,
          ref: body.kind === 'outcome' ? body.receiptId : null,
          time: body.time,
          body: canonical,
          sig,
          hash,
          keyId: key.keyId,
        });
        upsertSession!.run(body.session, body.time, body.time, body.seq);
      };
      // Inside a group this is a savepoint: a failed insert undoes itself, not the group.
      db.transaction(store)();
      // INVARIANT: heads move only after the row is stored, so a failed insert leaves the chain as it was.
      head.seq = body.seq;
      head.hash = hash;
      ofSession.seq = body.sessionSeq;
      ofSession.hash = hash;
      const receipt: SignedReceipt = { body, canonical, sig, hash };
      if (grouped) {
        pending.push(receipt);
        pendingKey = key;
      }
      return receipt;
    },
    addKey(key) {
      joinGroup();
      const pub = publicKeyOf(key);
      insertKey.run(pub.keyId, pub.publicKey, pub.created);
    },
    publicKeys() {
      return (selectKeys.all() as Omit<PublicKey, 'alg'>[]).map((row) => ({
        ...row,
        alg: 'Ed25519' as const,
      }));
    },
    count() {
      return (countAll.get() as { n: number }).n;
    },
    *rows() {
      for (const row of selectAll.iterate()) yield row as Row;
    },
    groupOf,
    head() {
      return { seq: head.seq, hash: head.hash };
    },
    *list(filter = {}) {
      // In chunks, not one open iteration: reading a record's proof takes other queries.
      let after = 0;
      for (;;) {
        const rows = (
          filter.session === undefined
            ? chunkAll.all(after, LIST_CHUNK)
            : chunkSession.all(filter.session, after, LIST_CHUNK)
        ) as Row[];
        for (const row of rows) {
          const record = toSigned(row);
          after = filter.session === undefined ? record.body.seq : record.body.sessionSeq;
          yield record;
        }
        if (rows.length < LIST_CHUNK) return;
      }
    },
    page({ session, limit, before = Number.MAX_SAFE_INTEGER }) {
      // Never the open group's records: unsigned until it commits, and nothing leaves before that.
      const committed = pending[0]?.body.seq ?? Number.MAX_SAFE_INTEGER;
      // One row more than asked for: the record before the page, whose hash the first one links to.
      const rows = (
        session === undefined
          ? pageAll.all(Math.min(before, committed), limit + 1)
          : pageSession.all(session, before, committed, limit + 1)
      ) as Row[];
      const previous = rows.length > limit ? toSigned(rows.pop()!) : undefined;
      return { records: rows.reverse().map(toSigned), previous };
    },
    sessions({ limit, before = Number.MAX_SAFE_INTEGER }) {
      return selectSessions.all(before, limit) as SessionSummary[];
    },
    approvedUses(id, after) {
      const from = after === undefined ? { seq: 0 } : (seqOf.get(after) as { seq: number } | undefined);
      if (from === undefined) return undefined;
      return (countApprovedUses.get(from.seq, id, id) as { n: number }).n;
    },
    findAction(id) {
      return findAction.get(id) as { session: string } | undefined;
    },
    hasOutcome(receiptId) {
      return findOutcome.get(receiptId) !== undefined;
    },
    appendContext(session, seq, body, hash) {
      if (insertContext === undefined) throw new Error('the receipt store is open read-only');
      joinGroup();
      insertContext.run(session, seq, body, hash);
    },
    contextLog(session) {
      return (selectContext?.all(session) ?? []) as Array<{ body: string; hash: string }>;
    },
    addGrant(grant) {
      if (insertGrant === undefined) throw new Error('the receipt store is open read-only');
      joinGroup();
      insertGrant.run(grant.id, JSON.stringify(grant));
    },
    revokeGrant(id, by, time) {
      if (insertRevocation === undefined) throw new Error('the receipt store is open read-only');
      joinGroup();
      return insertRevocation.run(time, by, id).changes > 0;
    },
    grants() {
      const rows = (selectGrants?.all() ?? []) as Array<{
        body: string;
        time: string | null;
        by: string | null;
      }>;
      return rows.map((row) => {
        const grant = JSON.parse(row.body) as Grant;
        return row.time === null ? grant : { ...grant, revoked: { time: row.time, by: row.by ?? '' } };
      });
    },
    uncommitted() {
      return groupOpen;
    },
    commit() {
      if (!groupOpen) return;
      groupOpen = false;
      const records = pending;
      const key = pendingKey;
      pending = [];
      pendingKey = undefined;
      const lost = (error: Error) => {
        if (db.inTransaction) db.exec('ROLLBACK');
        readHead();
        sessionHeads.clear();
        return error;
      };
      if (!db.inTransaction)
        throw lost(new Error('SQLite rolled back the open transaction: its records were not stored'));
      let prove: () => void;
      try {
        prove = signGroup(records, key);
        db.exec('COMMIT');
      } catch (error) {
        throw lost(error as Error);
      }
      prove();
    },
    close() {
      if (groupOpen && db.inTransaction) {
        const prove = signGroup(pending, pendingKey);
        db.exec('COMMIT');
        prove();
      }
      groupOpen = false;
      pending = [];
      pendingKey = undefined;
      db.close();
    },
  };
}

/**
 * Version 3: one row per session, kept with each append, so listing sessions (the timeline, the
 * export picker) does not scan every receipt. Derived data, not evidence: the receipts stay the truth.
 */
const SCHEMA_V3 = `
CREATE TABLE sessions (
  session TEXT PRIMARY KEY,
  receipts INTEGER NOT NULL,
  first TEXT NOT NULL,
  last TEXT NOT NULL,
  last_seq INTEGER NOT NULL
) STRICT;
CREATE INDEX sessions_recent ON sessions (last_seq);
INSERT INTO sessions (session, receipts, first, last, last_seq)
  SELECT session, count(*), min(time), max(time), max(seq) FROM receipts GROUP BY session;
`;

/**
 * Version 4: one signed head per group commit (R5), over the Merkle root of the group's records
 * `first_seq`…`last_seq`; `head` is its canonical JSON, the bytes signed. Append-only. Keyed by the
 * hash of its last record, not its `seq`: after a cut tail accepted by `aarm repair`, new records
 * take the lost ones' numbers, and the lost groups' heads stay (and name records no longer there).
 */
const SCHEMA_V4 = `
CREATE TABLE receipt_groups (
  head_hash TEXT PRIMARY KEY,
  first_seq INTEGER NOT NULL,
  last_seq INTEGER NOT NULL,
  head TEXT NOT NULL,
  sig TEXT NOT NULL,
  key_id TEXT NOT NULL
) STRICT;
CREATE INDEX receipt_groups_last ON receipt_groups (last_seq);
CREATE TRIGGER receipt_groups_no_update BEFORE UPDATE ON receipt_groups BEGIN SELECT RAISE(ABORT, 'receipt groups are append-only'); END;
CREATE TRIGGER receipt_groups_no_delete BEFORE DELETE ON receipt_groups BEGIN SELECT RAISE(ABORT, 'receipt groups are append-only'); END;
`;

function migrate(db: Database.Database): void {
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version === SCHEMA_VERSION) return;
  if (version > SCHEMA_VERSION) {
    throw new Error(`the receipt database has schema version ${version}; this aarm knows ${SCHEMA_VERSION}`);
  }
  db.transaction(() => {
    if (version < 1) db.exec(SCHEMA);
    if (version < 2) db.exec(SCHEMA_V2);
    if (version < 3) db.exec(SCHEMA_V3);
    if (version < 4) db.exec(SCHEMA_V4);
    db.pragma(`user_version = ${SCHEMA_VERSION}`);
  })();
}
