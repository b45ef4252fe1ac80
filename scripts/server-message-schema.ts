// Prints the JSON Schema of the daemon's messages to clients, derived from their zod schemas:
//   node --import tsx scripts/server-message-schema.ts > daemon/src/protocol/server-message.schema.json
// The lean client checks messages against it (protocol/read-message.ts) without loading zod.
import { z } from 'zod';
import { ServerMessageSchema } from '../daemon/src/protocol/messages.js';

export function serverMessageJsonSchema(): unknown {
  // `input`: what the client accepts (a plain object tolerates fields it does not know, as zod does).
  return z.toJSONSchema(ServerMessageSchema, { unrepresentable: 'any', io: 'input' });
}

if (process.argv[1]?.endsWith('server-message-schema.ts'))
  process.stdout.write(`${JSON.stringify(serverMessageJsonSchema(), null, 2)}\n`);
