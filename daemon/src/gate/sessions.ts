/**
 * The daemon's sessions: one context accumulator each (context/session.ts), kept in memory and
 * in the context log of the database, so that a restart keeps what a session did (R2).
 */
import type { Action, Effects, SessionSnapshot, Verdict } from '../protocol/index.js';
import { isWithin } from '../protocol/paths.js';
import { SECRET_PATH_CLASSES, pathClasses } from '../mediation/paths.js';
import {
  SessionContext,
  classifyAction,
  digest,
  secretTokens,
  summarize,
  type ContextEntry,
  type LoggedEntry,
} from '../context/session.js';
import { scrubSecrets } from '../receipts/secrets.js';

/** Where the context log is kept; the daemon's store, or nothing for `aarm check`. */
export interface ContextPersistence {
  appendContext(session: string, seq: number, body: string, hash: string): void;
  contextLog(session: string): Array<{ body: string; hash: string }>;
}

export interface SessionManager {
  get(session: string): SessionContext;
  snapshot(session: string, action: Action | undefined): SessionSnapshot;
  setRequest(session: string, request: string): void;
  recordAction(
    session: string,
    input: {
      action: Action | undefined;
      effects: Effects | undefined;
      receiptId: string;
      decision: string;
      verdict: Verdict | 'ask';
    },
  ): void;
  recordOutcome(session: string, receiptId: string, status: string): void;
}

export function createSessionManager(options: {
  home: string;
  persistence?: ContextPersistence;
  /** the start of a secret file the action read, so its tokens can be recognised if they leave; '' when unreadable */
  readSecretFile?: (path: string) => string;
  now?: () => Date;
}): SessionManager {
  const sessions = new Map<string, SessionContext>();
  const now = options.now ?? (() => new Date());
  const classesOf = (path: string) => pathClasses(path, options.home);

  const get = (id: string): SessionContext => {
    let session = sessions.get(id);
    if (session === undefined) {
      session = new SessionContext(id);
      for (const row of options.persistence?.contextLog(id) ?? []) {
        session.replay({ ...(JSON.parse(row.body) as Omit<LoggedEntry, 'hash'>), hash: row.hash });
      }
      sessions.set(id, session);
    }
    return session;
  };
  const append = (id: string, entry: ContextEntry) => {
    const logged = get(id).append(entry, now());
    const { hash, ...body } = logged;
    options.persistence?.appendContext(id, logged.seq, JSON.stringify(body), hash);
  };

  return {
    get,
    snapshot: (id, action) => get(id).snapshot(action, now()),
    setRequest(id, request) {
      // Kept (and replayed after a restart) with its secrets as digests, like a receipt. The first
      // stays the session's request; a different later one is logged as a later request.
      const scrubbed = scrubSecrets(request);
      if (get(id).latestRequest !== scrubbed) append(id, { kind: 'request', request: scrubbed });
    },
    recordAction(id, { action, effects, receiptId, decision, verdict }) {
      const classified =
        action && effects
          ? classifyAction(action, effects, { isWithin, classesOf })
          : { dataClasses: ['secret' as const], untrusted: [] };
      const secretDigests: string[] = [];
      if (action && effects && verdict !== 'deny') {
        // Taint follows data where it can: remember digests of the secrets this action reads.
        for (const path of effects.reads) {
          if (classesOf(path).some((c) => SECRET_PATH_CLASSES.includes(c))) {
            for (const token of secretTokens(options.readSecretFile?.(path) ?? ''))
              secretDigests.push(digest(token));
          }
        }
      }
      append(id, {
        kind: 'action',
        receiptId,
        tool: action?.tool ?? 'invalid',
        operation: action?.operation ?? 'invalid',
        summary: action ? scrubSecrets(summarize(action)) : 'not a valid action',
        decision,
        verdict,
        dataClasses: classified.dataClasses,
        untrusted: classified.untrusted,
        reads: effects?.reads.length ?? 0,
        unknownReads: effects?.reads.filter((p) => p.startsWith('?')).length ?? 0,
        egress: effects?.network ?? false,
        secretDigests,
      });
    },
    recordOutcome(id, receiptId, status) {
      append(id, { kind: 'outcome', receiptId, status });
    },
  };
}
