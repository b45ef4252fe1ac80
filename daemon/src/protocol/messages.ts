/**
 * Every WebSocket message between a client (agent, CLI, approver) and the daemon. The first
 * message on a connection must be `hello`; the daemon answers `welcome` or closes.
 */
import { z } from 'zod';
import { DecisionSchema, VerdictSchema } from './decision.js';
import { OutcomeSchema } from './receipt.js';

export const PROTOCOL_VERSION = 1;

/** Largest WebSocket frame the daemon accepts; larger frames close the connection (code 1009). */
export const MAX_FRAME_BYTES = 4 * 1024 * 1024;

const Id = z.string().min(1).max(128);

/** client → daemon, first message: who is connecting and which protocol it speaks */
export const HelloSchema = z.strictObject({
  type: z.literal('hello'),
  protocol: z.number().int(),
  client: z.strictObject({ name: z.string().min(1).max(128), version: z.string().max(64).optional() }),
  /** default session for actions that do not name one */
  session: z.string().min(1).max(256).optional(),
});

/** client → daemon: judge this action; `action` is validated separately so that a bad one still gets a receipt */
export const SubmitSchema = z.strictObject({ type: z.literal('submit'), id: Id, action: z.unknown() });

/** client → daemon: what happened when an allowed action ran */
export const ReportOutcomeSchema = z.strictObject({
  type: z.literal('outcome'),
  id: Id,
  receiptId: z.string().min(1),
  outcome: OutcomeSchema,
});

/** client → daemon: is the daemon healthy, which policy is in force */
export const StatusRequestSchema = z.strictObject({ type: z.literal('status'), id: Id });

export const ClientMessageSchema = z.discriminatedUnion('type', [
  HelloSchema,
  SubmitSchema,
  ReportOutcomeSchema,
  StatusRequestSchema,
]);
export type ClientMessage = z.infer<typeof ClientMessageSchema>;
export type Hello = z.infer<typeof HelloSchema>;

/** daemon → client: the handshake succeeded */
export interface Welcome {
  type: 'welcome';
  protocol: number;
  daemon: { version: string };
  role: 'agent';
  session: string;
}

/** daemon → client: the decision on a submitted action; run it only when `verdict` is `allow` */
export const DecisionMessageSchema = z.strictObject({
  type: z.literal('decision'),
  id: z.string(),
  receiptId: z.string(),
  verdict: VerdictSchema,
  decision: DecisionSchema,
});
export type DecisionMessage = z.infer<typeof DecisionMessageSchema>;

/** daemon → client: the outcome was recorded */
export interface Ack {
  type: 'ack';
  id: string;
  receiptId: string;
}

/** daemon → client: answer to `status` */
export interface StatusResult {
  type: 'status';
  id: string;
  version: string;
  protocol: number;
  pid: number;
  uptimeMs: number;
  receipts: number;
  policy: { hash: string; files: string[]; errors: string[] };
}

export const ERROR_CODES = [
  'bad_json',
  'bad_message',
  'hello_required',
  'protocol_mismatch',
  'unknown_receipt',
  'outcome_already_reported',
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** daemon → client: the message could not be handled; the connection stays open unless said otherwise */
export interface ErrorMessage {
  type: 'error';
  id?: string;
  code: ErrorCode;
  message: string;
}

export type ServerMessage = Welcome | DecisionMessage | Ack | StatusResult | ErrorMessage;

/** Close codes the daemon uses, with a reason string. */
export const CLOSE = { normal: 1000, goingAway: 1001, protocolMismatch: 4000, helloRequired: 4001 } as const;

/** The text of a WebSocket frame, whichever form the socket library hands it over in. */
export function frameText(data: Buffer | ArrayBuffer | Buffer[]): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  if (data instanceof ArrayBuffer) return Buffer.from(data).toString('utf8');
  return data.toString('utf8');
}
