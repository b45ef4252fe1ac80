/**
 * Reading a daemon message on a client: JSON, then checked against the schema of server messages
 * (derived from the zod schemas in messages.ts, see scripts/server-message-schema.ts), never cast.
 * An answer a client cannot read fails the request it answers (fail closed). No zod here: every
 * hook process loads this (issue 20).
 */
import { checkJson, type JsonSchema } from './json-check.js';
import { nestedDeeperThan } from './limits.js';
import { cannotRead, serverJson, type ServerRead } from './wire.js';
import type { ServerMessage } from './messages.js';
import schema from './server-message.schema.json';

const SERVER_MESSAGE = schema as JsonSchema;
/** An action may nest 64 deep; a decision carries one inside a few levels of its own. */
const MAX_MESSAGE_DEPTH = 96;
const DECISION = (SERVER_MESSAGE.oneOf as JsonSchema[]).find(
  (branch) => ((branch.properties as Record<string, JsonSchema>).type as JsonSchema).const === 'decision',
)!;

export function readServerMessage(text: string): ServerRead<ServerMessage> {
  const json = serverJson(text);
  if (!json.ok) return json;
  // Before anything recurses over it (the proof's canonical JSON): the daemon sends nothing deeper.
  if (nestedDeeperThan(json.value, MAX_MESSAGE_DEPTH)) return cannotRead('nested too deep');
  const problem = checkJson(SERVER_MESSAGE, json.value);
  return problem === undefined ? { ok: true, value: json.value as ServerMessage } : cannotRead(problem);
}

/** The answer to a submit is a decision, whole: anything else fails the submit. */
export function checkDecisionMessage(value: unknown): string | undefined {
  return checkJson(DECISION, value);
}
