/**
 * Claude Code's HTTP hooks (`{"type":"http","url":"http://127.0.0.1:PORT/v1/hooks/claude-code"}`):
 * the same judgement as `aarm hook claude-code`, without a process per tool call. Claude Code
 * goes ahead on any non-2xx answer and on a timeout, so every answer that is not an allow is a
 * 200 deny, given before Claude Code's own deadline.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  MAX_FRAME_BYTES,
  PROTOCOL_VERSION,
  nestedDeeperThan,
  tooDeepMessage,
  type ServerMessage,
} from '../protocol/index.js';
import {
  claudeCodeAnswer,
  claudeCodeCanAsk,
  confineCommandLine,
  claudeCodeRefusal,
  mapClaudeCodeTool,
  toolFailed,
  type HookInput,
} from '../agents/claude-code.js';
import type { Gate } from '../gate/gate.js';
import type { Admission } from './admission.js';

export const HOOK_PATH = '/v1/hooks/claude-code';

/** Answer before Claude Code's own hook timeout (600 s by default) lets the call through. */
const HTTP_HOOK_DEADLINE_MS = 540_000;

type Respond = (status: number, json: unknown, lastOnConnection?: boolean) => void;

export interface HookTransport {
  handle(req: IncomingMessage, res: ServerResponse): void;
  /** Answer every open hook request with a deny; settles when they are on the wire (or after a second). */
  denyOpen(reason: string): Promise<void>;
}

export function createHookTransport(options: {
  gate: Gate;
  admission: Admission;
  newSession: () => string;
  /** this aarm's CLI by absolute path: a confined Bash command is wrapped in `aarm confine` */
  cliPath: string;
}): HookTransport {
  /** open requests: how to deny each, and when its answer has gone */
  const open = new Map<(reason: string) => void, Promise<void>>();

  const handle = (req: IncomingMessage, res: ServerResponse) => {
    const respond: Respond = (status, json, lastOnConnection = false) => {
      if (res.headersSent) return;
      res
        .writeHead(status, {
          'content-type': 'application/json',
          // the server ends the connection after it, cleanly, instead of a reset that loses it
          ...(lastOnConnection ? { connection: 'close' } : {}),
        })
        .end(JSON.stringify(json));
    };
    // INVARIANT: the same admission as the WebSocket: loopback Host, no browser Origin, the agent token.
    const admitted = options.admission.admit(req);
    if (!admitted.ok) return respond(403, { error: admitted.error });
    const deny = (reason: string) => respond(200, claudeCodeRefusal(reason));
    // Until it is answered: a daemon that must stop answers it with a deny, not a cut connection.
    const denyOnStop = (reason: string) => {
      req.resume(); // read what is left of the body: a close with unread data is a reset that loses the answer
      respond(200, claudeCodeRefusal(reason), true);
    };
    open.set(
      denyOnStop,
      new Promise<void>((resolve) => res.on('close', () => (open.delete(denyOnStop), resolve()))),
    );
    if (admitted.role !== 'agent')
      return deny('the hook sent no or a wrong token (Authorization: Bearer <$AARM_HOME/token>)');
    readBody(req, (body) => {
      if (body === undefined) deny(`the hook input is larger than ${MAX_FRAME_BYTES} bytes`);
      else judgeHook(req, body, respond);
    });
  };

  const judgeHook = (req: IncomingMessage, body: string, respond: Respond) => {
    const deny = (reason: string) => respond(200, claudeCodeRefusal(reason));
    let input: HookInput;
    try {
      input = JSON.parse(body) as HookInput;
    } catch (error) {
      return deny(`the hook input is not JSON (${(error as Error).message})`);
    }
    if (nestedDeeperThan(input)) return deny(tooDeepMessage('the hook input'));
    const session = input.session_id ?? options.newSession();
    const event = input.hook_event_name ?? 'PreToolUse';
    if (event === 'PostToolUse' || event === 'PostToolUseFailure') {
      if (!input.tool_use_id) return respond(200, {});
      const failure =
        event === 'PostToolUseFailure' ? 'the tool call failed' : toolFailed(input.tool_response);
      return ask(session, () => respond(200, {}), {
        type: 'outcome',
        id: 'http',
        toolUseId: input.tool_use_id,
        session,
        outcome: { status: failure ? 'error' : 'success', ...(failure ? { error: failure } : {}) },
      });
    }
    if (event === 'UserPromptSubmit') {
      // The user's prompt becomes the session's request (R2). Never blocks the prompt: at worst the
      // user is told it was not recorded.
      const prompt = (input as { prompt?: unknown }).prompt;
      if (typeof prompt !== 'string' || prompt.trim() === '' || !input.session_id) return respond(200, {});
      return ask(
        session,
        (message) =>
          respond(
            200,
            message.type === 'error'
              ? {
                  systemMessage: `aarm: your prompt was not recorded as the session's request (${message.message})`,
                }
              : {},
          ),
        { type: 'context', id: 'http', session, request: prompt.slice(0, 64 * 1024) },
      );
    }
    if (event !== 'PreToolUse') return respond(200, {});
    const projectDir = req.headers['x-claude-project-dir'];
    const mapped = mapClaudeCodeTool(input, projectDir ? { projectDir: String(projectDir) } : {});
    if (mapped.kind === 'internal') return respond(200, {});
    if (mapped.kind === 'invalid') return deny(mapped.error);
    const deadline = setTimeout(
      () => deny('no decision in time (an approval may still be pending)'),
      HTTP_HOOK_DEADLINE_MS,
    );
    deadline.unref(); // a stopped daemon must not stay alive for it
    ask(
      session,
      (message) => {
        clearTimeout(deadline);
        if (message.type === 'decision')
          respond(
            200,
            claudeCodeAnswer(
              input,
              message,
              confineCommandLine(process.execPath, options.cliPath, workspaceOf(mapped.action)),
            ),
          );
        else if (message.type === 'error') deny(message.message);
      },
      { type: 'submit', id: 'http', action: mapped.action, agentCanAsk: claudeCodeCanAsk(input) },
    );
  };

  /** One request to the gate as an agent caller whose hello is already said; its one answer is the reply. */
  const ask = (session: string, reply: (message: ServerMessage) => void, message: object) => {
    const caller = options.gate.connect(
      {
        send: (answer) => {
          options.gate.disconnect(caller);
          reply(answer);
        },
        close() {},
      },
      'agent',
      { hello: { type: 'hello', protocol: PROTOCOL_VERSION, client: { name: 'claude-code-http' } }, session },
    );
    options.gate.handle(caller, JSON.stringify(message));
  };

  return {
    handle,
    async denyOpen(reason) {
      const answered = [...open].map(([denyOnStop, sent]) => (denyOnStop(reason), sent));
      await Promise.race([Promise.all(answered), new Promise((resolve) => setTimeout(resolve, 1000))]);
    },
  };
}

/** The whole body, or undefined (and the request destroyed) once it passes the frame limit. */
function readBody(req: IncomingMessage, done: (body: string | undefined) => void) {
  const chunks: Buffer[] = [];
  let size = 0;
  req.on('data', (chunk: Buffer) => {
    size += chunk.length;
    if (size > MAX_FRAME_BYTES) {
      if (chunks.length > 0) done(undefined);
      chunks.length = 0;
      req.destroy();
    } else chunks.push(chunk);
  });
  req.on('end', () => {
    if (size <= MAX_FRAME_BYTES) done(Buffer.concat(chunks).toString('utf8'));
  });
}

const workspaceOf = (action: { context?: { workspace?: string | undefined } | undefined }) =>
  action.context?.workspace ?? process.cwd();
