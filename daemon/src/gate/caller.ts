/** Who the gate is talking to: a caller, and the link its answers go back through. */
import type { Hello, Role, ServerMessage } from '../protocol/index.js';

/** How the gate answers one caller: over its WebSocket, or as the reply to an HTTP hook request. */
export interface Link {
  send(message: ServerMessage): void;
  close(code: number, reason: string): void;
}

export interface Caller {
  link: Link;
  /** from the credential alone, never from what the caller says */
  role: Role;
  /** undefined until the caller said hello */
  hello: Hello | undefined;
  /** the session its actions belong to unless an action names another */
  session: string;
  /** sessions this caller has acted in: the only ones it may give context to */
  sessions: Set<string>;
  /** receipts of this caller's allowed actions that still await an outcome */
  awaitingOutcome: Map<string, string>;
  /** the caller's own TCP port on loopback, to find its process (T1) */
  peerPort?: number;
  /** set when the caller runs under a shim: its actions stay in the shim's session, whatever they name */
  inheritedSession?: string;
  /** SHA-256 of each submitted action's text by request id, until its decision is sent (its proof covers it) */
  submitted?: Map<string, string>;
  /** an approver's replay still running: stopped when it disconnects */
  replaying?: AbortController;
}
