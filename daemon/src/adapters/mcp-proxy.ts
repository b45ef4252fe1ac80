/**
 * The MCP stdio proxy: sits between any MCP client and server (newline-delimited JSON-RPC on
 * stdin/stdout) and judges both directions with the daemon before anything passes.
 *
 * - mcp-jsonrpc.ts: one single JSON-RPC object a line, re-serialised; ids matched as clients do;
 * - mcp-from-client.ts: tool calls, resource reads, prompts, completions and log levels are
 *   judged; a request the client cancels is never forwarded, even when approved later;
 * - mcp-from-server.ts: sampling, roots and elicitation are judged, and so are their answers; the
 *   server's instructions and tool descriptions are reported as untrusted input of the session;
 * - mcp-pins.ts: tools are pinned in full, changed and mid-session tools are withheld and refused;
 * - mcp-server.ts and mcp-mapping.ts: which server runs (by its package) and what its messages
 *   stand for as canonical actions;
 * - mcp-core.ts: what the two directions share, and judging.
 *
 * Fails closed: anything not understood is not forwarded; a request gets an error naming why.
 */
import type { Readable, Writable } from 'node:stream';
import { createCore, type ProxyOptions } from './mcp-core.js';
import { fromClient as clientSide } from './mcp-from-client.js';
import { fromServer as serverSide } from './mcp-from-server.js';

/** node:readline, loaded when first used: the lean CLI that holds this proxy also runs every hook. */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const readline = () => require('node:readline') as typeof import('node:readline');

export type { ProxyOptions } from './mcp-core.js';
export { mapMcpToolCall, mapMcpRequest } from './mcp-mapping.js';
export { identifyMcpServer, defaultServerName, type McpServer } from './mcp-server.js';
export { filePinStore, toolFingerprint, type PinStore } from './mcp-pins.js';

/** Run the proxy between an MCP client's streams and the server's; resolves when either side ends. */
export function runMcpProxy(
  options: ProxyOptions,
  fromClient: Readable,
  toClient: Writable,
  fromServer: Readable,
  toServer: Writable,
): Promise<void> {
  const core = createCore(options, toClient, toServer);
  const client = clientSide(core);
  const server = serverSide(core);
  return new Promise((resolve) => {
    const { createInterface } = readline();
    const clientLines = createInterface({ input: fromClient, crlfDelay: Infinity });
    const serverLines = createInterface({ input: fromServer, crlfDelay: Infinity });
    clientLines.on('line', client.onLine);
    serverLines.on('line', server.onLine);
    clientLines.on('close', () => {
      void client.drained().then(() => {
        toServer.end();
        resolve();
      });
    });
    serverLines.on('close', () => resolve());
  });
}
