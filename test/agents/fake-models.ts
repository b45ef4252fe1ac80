/**
 * Fake model APIs on 127.0.0.1 that drive a real coding agent through one tool call: the first
 * request that offers a shell tool is answered with a call running `command`; the request that
 * carries the tool's result is answered with a plain end of turn. Everything the agent sent back
 * for the tool (what the model would have seen) is kept for the test to assert.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ToolResult {
  /** the text the agent returned for the tool call: output, or the reason it was blocked */
  text: string;
  /** Claude Code marks blocked or failed calls; Codex has no such flag */
  isError?: boolean;
}

export interface FakeModel {
  url: string;
  /** one entry per request, in order: method, path, whether it offered tools */
  requests: Array<{ method: string; path: string; tools: string[] }>;
  toolResults: ToolResult[];
  close(): Promise<void>;
}

type Handler = (body: Record<string, unknown>, req: IncomingMessage, res: ServerResponse) => void;

async function serve(
  handle: Handler,
  requests: FakeModel['requests'],
  toolsOf: (body: Record<string, unknown>) => string[],
): Promise<Omit<FakeModel, 'toolResults'>> {
  const server = createServer((req, res) => {
    let raw = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (raw += chunk));
    req.on('end', () => {
      let body: Record<string, unknown> = {};
      try {
        body = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
      } catch {
        // a body that is not JSON is logged with no tools and answered 404 below
      }
      const path = (req.url ?? '/').split('?')[0]!;
      requests.push({ method: req.method ?? '', path, tools: toolsOf(body) });
      handle(body, req, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function sendSse(res: ServerResponse, events: Array<[string, unknown]>): void {
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  for (const [event, data] of events) res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  res.end();
}

function notFound(res: ServerResponse, path: string): void {
  res.writeHead(404, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ error: { type: 'not_found_error', message: `fake: no such path ${path}` } }));
}

const textOf = (content: unknown): string =>
  typeof content === 'string'
    ? content
    : Array.isArray(content)
      ? content.map((c: { text?: unknown }) => (typeof c?.text === 'string' ? c.text : '')).join('')
      : '';

/** Anthropic's Messages API, as Claude Code speaks it (streaming and not). */
export async function startFakeAnthropic(command: string): Promise<FakeModel> {
  const toolResults: ToolResult[] = [];
  let n = 0;
  const base = await serve(
    (body, req, res) => {
      const path = (req.url ?? '/').split('?')[0]!;
      if (req.method === 'HEAD' || req.method === 'GET') return void res.writeHead(200).end();
      if (path === '/v1/messages/count_tokens') {
        res.writeHead(200, { 'content-type': 'application/json' });
        return void res.end(JSON.stringify({ input_tokens: 100 }));
      }
      if (path !== '/v1/messages') return notFound(res, path);
      const messages = Array.isArray(body.messages) ? (body.messages as Array<Record<string, unknown>>) : [];
      const last = messages.at(-1);
      const result = Array.isArray(last?.content)
        ? (last.content as Array<Record<string, unknown>>).find((c) => c.type === 'tool_result')
        : undefined;
      const offersBash = ((body.tools as Array<{ name?: string }>) ?? []).some((t) => t.name === 'Bash');
      let content: Array<Record<string, unknown>>;
      let stop: string;
      if (result) {
        toolResults.push({ text: textOf(result.content), isError: result.is_error === true });
        content = [{ type: 'text', text: 'Done.' }];
        stop = 'end_turn';
      } else if (offersBash) {
        content = [
          {
            type: 'tool_use',
            id: `toolu_fake_${++n}`,
            name: 'Bash',
            input: { command, description: 'run it' },
          },
        ];
        stop = 'tool_use';
      } else {
        content = [{ type: 'text', text: 'A title' }];
        stop = 'end_turn';
      }
      const message = {
        id: `msg_fake_${++n}`,
        type: 'message',
        role: 'assistant',
        model: typeof body.model === 'string' ? body.model : 'claude-fake',
        content,
        stop_reason: stop,
        stop_sequence: null,
        usage: {
          input_tokens: 10,
          output_tokens: 5,
          cache_creation_input_tokens: 0,
          cache_read_input_tokens: 0,
        },
      };
      if (!body.stream) {
        res.writeHead(200, { 'content-type': 'application/json' });
        return void res.end(JSON.stringify(message));
      }
      const events: Array<[string, unknown]> = [
        ['message_start', { type: 'message_start', message: { ...message, content: [], stop_reason: null } }],
      ];
      content.forEach((block, index) => {
        if (block.type === 'text') {
          events.push([
            'content_block_start',
            { type: 'content_block_start', index, content_block: { type: 'text', text: '' } },
          ]);
          events.push([
            'content_block_delta',
            { type: 'content_block_delta', index, delta: { type: 'text_delta', text: block.text } },
          ]);
        } else {
          events.push([
            'content_block_start',
            {
              type: 'content_block_start',
              index,
              content_block: { type: 'tool_use', id: block.id, name: block.name, input: {} },
            },
          ]);
          events.push([
            'content_block_delta',
            {
              type: 'content_block_delta',
              index,
              delta: { type: 'input_json_delta', partial_json: JSON.stringify(block.input) },
            },
          ]);
        }
        events.push(['content_block_stop', { type: 'content_block_stop', index }]);
      });
      events.push([
        'message_delta',
        {
          type: 'message_delta',
          delta: { stop_reason: stop, stop_sequence: null },
          usage: { output_tokens: 5 },
        },
      ]);
      events.push(['message_stop', { type: 'message_stop' }]);
      sendSse(res, events);
    },
    [],
    (body) => ((body.tools as Array<{ name?: string }>) ?? []).map((t) => t.name ?? ''),
  );
  return { ...base, toolResults };
}

const responsesToolName = (t: { name?: string; type?: string; function?: { name?: string } }) =>
  t.name ?? t.function?.name ?? t.type ?? '';

/** The tool call the fake model makes: a shell command, or any tool with its arguments. */
export type FakeCall = string | { name: string; arguments: Record<string, unknown> };

/** OpenAI's Responses API (server-sent events), as Codex speaks it. */
export async function startFakeResponses(call: FakeCall): Promise<FakeModel> {
  const command = typeof call === 'string' ? call : '';
  const toolResults: ToolResult[] = [];
  let n = 0;
  const base = await serve(
    (body, req, res) => {
      const path = (req.url ?? '/').split('?')[0]!;
      if (req.method === 'GET' && path.endsWith('/models')) {
        res.writeHead(200, { 'content-type': 'application/json' });
        return void res.end(JSON.stringify({ object: 'list', data: [], models: [] }));
      }
      if (req.method !== 'POST' || !path.endsWith('/responses')) return notFound(res, path);
      const input = Array.isArray(body.input) ? (body.input as Array<Record<string, unknown>>) : [];
      const last = input.at(-1);
      const tools = ((body.tools as Array<Parameters<typeof responsesToolName>[0]>) ?? []).map(
        responsesToolName,
      );
      let item: Record<string, unknown>;
      const id = ++n;
      if (last && /_call_output$/.test(String(last.type))) {
        toolResults.push({ text: textOf(last.output) });
        item = {
          type: 'message',
          id: `msg_fake_${id}`,
          role: 'assistant',
          status: 'completed',
          content: [{ type: 'output_text', text: 'Done.', annotations: [] }],
        };
      } else if (typeof call !== 'string') {
        item = {
          type: 'function_call',
          id: `fc_fake_${id}`,
          status: 'completed',
          name: call.name,
          arguments: JSON.stringify(call.arguments),
          call_id: `call_fake_${id}`,
        };
      } else if (tools.includes('exec_command')) {
        item = {
          type: 'function_call',
          id: `fc_fake_${id}`,
          status: 'completed',
          name: 'exec_command',
          arguments: JSON.stringify({ cmd: command }),
          call_id: `call_fake_${id}`,
        };
      } else if (tools.includes('shell')) {
        item = {
          type: 'function_call',
          id: `fc_fake_${id}`,
          status: 'completed',
          name: 'shell',
          arguments: JSON.stringify({ command: ['bash', '-lc', command] }),
          call_id: `call_fake_${id}`,
        };
      } else {
        item = {
          type: 'message',
          id: `msg_fake_${id}`,
          role: 'assistant',
          status: 'completed',
          content: [{ type: 'output_text', text: 'No shell tool was offered.', annotations: [] }],
        };
      }
      const response = { id: `resp_fake_${id}`, object: 'response', model: body.model };
      const usage = {
        input_tokens: 10,
        input_tokens_details: { cached_tokens: 0 },
        output_tokens: 5,
        output_tokens_details: { reasoning_tokens: 0 },
        total_tokens: 15,
      };
      sendSse(res, [
        [
          'response.created',
          { type: 'response.created', response: { ...response, status: 'in_progress', output: [] } },
        ],
        ['response.output_item.done', { type: 'response.output_item.done', output_index: 0, item }],
        [
          'response.completed',
          {
            type: 'response.completed',
            response: { ...response, status: 'completed', output: [item], usage },
          },
        ],
      ]);
    },
    [],
    (body) => ((body.tools as Array<Parameters<typeof responsesToolName>[0]>) ?? []).map(responsesToolName),
  );
  return { ...base, toolResults };
}

type GeminiPart = { text?: string; functionCall?: unknown; functionResponse?: { response?: unknown } };

/**
 * Google's Gemini API (`models/M:streamGenerateContent?alt=sse` and `:generateContent`), as Gemini
 * CLI speaks it through GOOGLE_GEMINI_BASE_URL: the first request offering the tool gets a function
 * call (`run_shell_command` for a string), the one carrying its result a plain answer. Requests for
 * JSON (Gemini CLI's model router and its other side questions) get a small JSON object.
 */
export async function startFakeGemini(call: FakeCall): Promise<FakeModel> {
  const functionCall =
    typeof call === 'string'
      ? { name: 'run_shell_command', args: { command: call } }
      : { name: call.name, args: call.arguments };
  const toolResults: ToolResult[] = [];
  const toolsOf = (body: Record<string, unknown>) =>
    ((body.tools as Array<{ functionDeclarations?: Array<{ name?: string }> }>) ?? []).flatMap((t) =>
      (t.functionDeclarations ?? []).map((f) => f.name ?? ''),
    );
  const base = await serve(
    (body, req, res) => {
      const path = (req.url ?? '/').split('?')[0]!;
      const stream = path.endsWith(':streamGenerateContent');
      if (req.method !== 'POST' || !(stream || path.endsWith(':generateContent'))) return notFound(res, path);
      const config = body.generationConfig as { responseMimeType?: string } | undefined;
      const contents = (body.contents as Array<{ parts?: GeminiPart[] }>) ?? [];
      const answered = contents.at(-1)?.parts?.find((p) => p.functionResponse)?.functionResponse;
      let parts: GeminiPart[];
      if (config?.responseMimeType === 'application/json') {
        parts = [{ text: JSON.stringify({ complexity_reasoning: 'one step', complexity_score: 10 }) }];
      } else if (answered) {
        const response = (answered.response ?? {}) as { output?: unknown; error?: unknown };
        const isError = response.error !== undefined;
        toolResults.push({ text: String(isError ? response.error : (response.output ?? '')), isError });
        parts = [{ text: 'Done.' }];
      } else if (toolsOf(body).includes(functionCall.name)) {
        parts = [{ functionCall }];
      } else {
        parts = [{ text: `No ${functionCall.name} tool was offered.` }];
      }
      const reply = {
        candidates: [{ content: { role: 'model', parts }, finishReason: 'STOP', index: 0 }],
        usageMetadata: { promptTokenCount: 10, candidatesTokenCount: 5, totalTokenCount: 15 },
        modelVersion: 'gemini-fake',
      };
      if (!stream) {
        res.writeHead(200, { 'content-type': 'application/json' });
        return void res.end(JSON.stringify(reply));
      }
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
      res.end(`data: ${JSON.stringify(reply)}\n\n`);
    },
    [],
    toolsOf,
  );
  return { ...base, toolResults };
}
