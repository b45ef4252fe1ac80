/**
 * What both halves of the MCP proxy share (mcp-from-client.ts, mcp-from-server.ts): the requests
 * each side waits answers for, the pins, the two outputs, and judging with the daemon.
 */
import type { Writable } from 'node:stream';
import { describeDecision } from '../protocol/wire.js';
import type { AarmClient } from '../client/client.js';
import { line, printable, type JsonRpcId, type Params } from './mcp-jsonrpc.js';
import type { MappingContext, ProxyAction } from './mcp-mapping.js';
import { ToolPins, type PinStore } from './mcp-pins.js';
import type { McpServer } from './mcp-server.js';

export interface ProxyOptions {
  server: McpServer;
  workspace: string;
  /** the agent the actions are judged for: the session's agent when the proxy joins one */
  agent?: string;
  client: AarmClient;
  pins: PinStore;
  /** pin changed and new tools as the server shows them now */
  acceptChanges: boolean;
  log: (line: string) => void;
}

/** The server's requests to the client: judged, and so is the client's answer. */
export const JUDGED_SERVER_REQUESTS = new Set(['sampling/createMessage', 'roots/list', 'elicitation/create']);

export interface ClientRequest {
  id: JsonRpcId;
  method: string;
  params: Params | undefined;
  /** waiting: queued or being judged; cancelled: by the client (notifications/cancelled) */
  state: 'waiting' | 'forwarded' | 'cancelled';
  receiptIds: string[];
}

export interface ServerRequest {
  id: JsonRpcId;
  method: string;
  receiptIds: string[];
  /** the token the server asked progress under (`_meta.progressToken`), if any */
  progressToken?: JsonRpcId;
}

export type Judged = { ok: true; receiptIds: string[] } | { ok: false; text: string };

export interface ProxyCore {
  ctx: MappingContext;
  /** "MCP server `NAME`", safe to print */
  who: string;
  log: (line: string) => void;
  pins: ToolPins;
  // Keyed by idKey: an answer is matched the way the client will match it.
  clientRequests: Map<string, ClientRequest>;
  serverRequests: Map<string, ServerRequest>;
  toClient: (message: Params) => void;
  toServer: (message: Params) => void;
  /** Every action must be allowed as it is: a MODIFY cannot be applied to an MCP message. */
  judge: (actions: ProxyAction[], what: string) => Promise<Judged>;
  outcome: (receiptIds: string[], status: 'success' | 'error', error?: string) => void;
  /** an id as a log line shows it */
  idText: (id: unknown) => string;
}

export function createCore(options: ProxyOptions, toClient: Writable, toServer: Writable): ProxyCore {
  const { client, server, log } = options;
  const outcome: ProxyCore['outcome'] = (receiptIds, status, error) => {
    for (const receiptId of receiptIds)
      void client.reportOutcome(receiptId, { status, ...(error ? { error } : {}) }).catch(() => {});
  };
  return {
    ctx: { server, workspace: options.workspace, agent: options.agent ?? 'mcp-client' },
    who: `MCP server \`${printable(server.name)}\``,
    log,
    pins: new ToolPins(options.pins, server.name, options.acceptChanges, log),
    clientRequests: new Map(),
    serverRequests: new Map(),
    toClient: (message) => void toClient.write(line(message)),
    toServer: (message) => void toServer.write(line(message)),
    outcome,
    idText: (id) => printable(JSON.stringify(id) ?? String(id), 40),
    judge: async (actions, what) => {
      const receiptIds: string[] = [];
      const refuse = (text: string): Judged => {
        // What was allowed before a later part was refused never ran.
        outcome(receiptIds, 'error', 'not run: another part of the same MCP message was refused');
        return { ok: false, text };
      };
      try {
        for (const action of actions) {
          const reply = await client.submit(action);
          if (reply.verdict === 'allow' && reply.decision.modifiedAction) {
            receiptIds.push(reply.receiptId);
            return refuse(
              `aarm refused ${what}: policy rule ${reply.decision.rule} would change it, which the proxy cannot do (receipt ${reply.receiptId})`,
            );
          }
          if (reply.verdict !== 'allow') return refuse(`aarm denied ${what}: ${describeDecision(reply)}`);
          receiptIds.push(reply.receiptId);
        }
      } catch (error) {
        return refuse(`aarm could not judge ${what}, so it did not run: ${(error as Error).message}`);
      }
      return { ok: true, receiptIds };
    },
  };
}
