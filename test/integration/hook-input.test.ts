/**
 * How `aarm hook` reads its input (cli/agents.ts `readStdin`): whole however it arrives, refused
 * past its limit, and a pipe the agent never closes still ends in a block at the deadline. (Reading
 * fd 0 with `fs.read` would be ~1.5 ms cheaper than `process.stdin`, but a read blocked in libuv's
 * thread pool holds `process.exit` forever — libuv joins its threads — and the agent would then
 * run the call when its own timeout kills the hook. The last test is there for that.)
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { CLI, tempDir } from '../helpers/env.js';

/** The hook with its stdin a pipe we write to as `feed` says; resolves its exit code and stderr. */
function hook(args: string[], feed: (stdin: NodeJS.WritableStream) => void) {
  const temp = tempDir('aarm-hook-input-');
  const child = spawn(process.execPath, [CLI, 'hook', ...args], {
    env: { ...process.env, AARM_HOME: temp.dir },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  child.stdin.on('error', () => {}); // the hook may stop reading before we stop writing
  let stderr = '';
  let stdout = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  feed(child.stdin);
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
    child.once('close', (code) => {
      temp.cleanup();
      resolve({ code, stdout, stderr });
    }),
  );
}

test('hook input: read whole when it comes in pieces, larger than one read', async () => {
  // not a PreToolUse: answered without a daemon, once the whole input is read and parsed
  const input = JSON.stringify({ hook_event_name: 'Notification', message: 'é'.repeat(150_000) });
  const result = await hook(['claude-code'], (stdin) => {
    const bytes = Buffer.from(input);
    let at = 0;
    const next = () => {
      if (at >= bytes.length) return stdin.end();
      // cut anywhere, a multi-byte character included
      stdin.write(bytes.subarray(at, (at += 70_001)));
      setTimeout(next, 5);
    };
    next();
  });
  assert.deepEqual(result, { code: 0, stdout: '', stderr: '' });
});

test('hook input: more than the limit is refused, and the call blocked', async () => {
  const result = await hook(['claude-code'], (stdin) => {
    const chunk = Buffer.alloc(1024 * 1024, 0x20);
    for (let i = 0; i < 9; i++) stdin.write(chunk);
    stdin.end();
  });
  assert.equal(result.code, 2);
  assert.match(result.stderr, /the hook input is larger than 8388608 bytes/);
});

test('hook input: a pipe never closed does not hold the hook past its deadline', async () => {
  let stdinOf: NodeJS.WritableStream | undefined;
  // --timeout 5: the hook must have answered by 2 s; the pipe stays open until it exits
  const result = await hook(['claude-code', '--timeout', '5'], (stdin) => {
    stdinOf = stdin;
    stdin.write('{"hook_event_name":');
  });
  stdinOf?.end();
  assert.equal(result.code, 2);
  assert.match(result.stderr, /no answer from the daemon within 2 s .* so the tool call is blocked/);
});
