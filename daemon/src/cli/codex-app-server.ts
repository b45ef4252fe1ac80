/**
 * Asks Codex itself which hooks it would run: `codex app-server` speaks JSON-RPC (one object per
 * line) on stdio, and its `hooks/list` reports each hook's key, current hash and trust status.
 * Used to check what `aarm install codex` wrote, and by `aarm doctor`.
 */
import { spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

export interface CodexListedHook {
  key: string;
  eventName: string;
  command?: string;
  sourcePath?: string;
  currentHash?: string;
  /** trusted | untrusted | modified | managed */
  trustStatus?: string;
  enabled?: boolean;
}

/** The first executable `name` on PATH. */
export function findOnPath(name: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

/** `codex --version` → `0.171.0`, or undefined when it does not answer. */
export function codexVersion(
  codex: string,
  env: NodeJS.ProcessEnv,
  timeoutMs = 10_000,
): Promise<string | undefined> {
  return new Promise((resolve) => {
    const child = spawn(codex, ['--version'], { env, stdio: ['ignore', 'pipe', 'ignore'] });
    let text = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.stdout.on('data', (d: Buffer) => (text += d.toString()));
    child.once('error', () => resolve(undefined));
    child.once('close', () => {
      clearTimeout(timer);
      resolve(/(\d+\.\d+\.\d+)/.exec(text)?.[1]);
    });
  });
}

/** The hooks Codex would load for `cwd`, as Codex reports them; an error when it cannot say. */
export function listCodexHooks(
  codex: string,
  cwd: string,
  env: NodeJS.ProcessEnv,
  timeoutMs = 15_000,
): Promise<CodexListedHook[] | { error: string }> {
  return new Promise((resolve) => {
    const child = spawn(codex, ['app-server'], { cwd, env, stdio: ['pipe', 'pipe', 'ignore'] });
    let buffer = '';
    let settled = false;
    const finish = (value: CodexListedHook[] | { error: string }) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      child.kill();
      resolve(value);
    };
    const timer = setTimeout(
      () => finish({ error: `\`codex app-server\` did not answer within ${timeoutMs / 1000} s` }),
      timeoutMs,
    );
    const send = (message: unknown) => child.stdin.write(`${JSON.stringify(message)}\n`);
    child.once('error', (error) => finish({ error: `cannot run \`${codex} app-server\`: ${error.message}` }));
    child.once('close', () => finish({ error: '`codex app-server` ended without listing hooks' }));
    child.stdin.on('error', () => {}); // a server that exits early: reported by 'close'
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      buffer += chunk;
      for (let nl = buffer.indexOf('\n'); nl >= 0; nl = buffer.indexOf('\n')) {
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 1);
        let message: { id?: unknown; result?: unknown; error?: { message?: string } };
        try {
          message = JSON.parse(line) as typeof message;
        } catch {
          continue;
        }
        if (message.id === 0) {
          if (message.error)
            return finish({ error: `codex app-server: ${message.error.message ?? 'initialize failed'}` });
          send({ method: 'initialized' });
          send({ id: 1, method: 'hooks/list', params: { cwds: [cwd] } });
        } else if (message.id === 1) {
          if (message.error)
            return finish({
              error: `this Codex cannot list its hooks (${message.error.message ?? 'hooks/list failed'}); it may predate hook trust`,
            });
          const data =
            (message.result as { data?: Array<{ hooks?: CodexListedHook[] }> } | undefined)?.data ?? [];
          return finish(data.flatMap((entry) => entry.hooks ?? []));
        }
      }
    });
    send({
      id: 0,
      method: 'initialize',
      params: {
        clientInfo: { name: 'aarm', title: null, version: '1' },
        capabilities: { experimentalApi: true, requestAttestation: false },
      },
    });
  });
}
