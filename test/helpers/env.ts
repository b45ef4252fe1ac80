import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { spawn } from 'node:child_process';
import { createDaemon, type Daemon } from '../../daemon/src/main/daemon.js';
import { connect, type AarmClient } from '../../daemon/src/client/client.js';
import { approverSigner, newApproverSeed } from '../../daemon/src/client/approver-key.js';
import { openReceiptStore } from '../../daemon/src/receipts/store.js';
import type { Identity, Receipt } from '../../daemon/src/protocol/index.js';

export const REPO = resolve(__dirname, '..', '..');
export const CLI = join(REPO, 'dist', 'aarm.js');
export const PACK_DIR = join(REPO, 'policies');

/** A fresh temporary folder, removed by the returned cleanup. */
export function tempDir(prefix = 'aarm-test-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface TestDaemon {
  daemon: Daemon;
  homeDir: string;
  userHome: string;
  workspace: string;
  root: string;
  client(options?: { session?: string; identity?: Identity }): Promise<AarmClient>;
  approver(name?: string): Promise<AarmClient>;
  close(): Promise<void>;
}

/** A real daemon on port 0 with a real SQLite file in a fresh AARM_HOME. */
export async function startTestDaemon(
  options: {
    root?: string;
    packDir?: string | null;
    approvalTimeoutMs?: number;
    deferTimeoutMs?: number;
    slowClientMs?: number;
    confine?: 'auto' | 'off';
    replayTimeLimitMs?: number;
  } = {},
): Promise<TestDaemon> {
  const temp = options.root === undefined ? tempDir() : undefined;
  const root = options.root ?? temp!.dir;
  const homeDir = join(root, 'aarm-home');
  const userHome = join(root, 'home');
  const workspace = join(root, 'project');
  const daemon = await createDaemon({
    homeDir,
    port: 0,
    userHome,
    packDir: options.packDir === undefined ? PACK_DIR : options.packDir,
    heartbeatMs: 60_000,
    ...(options.approvalTimeoutMs ? { approvalTimeoutMs: options.approvalTimeoutMs } : {}),
    ...(options.deferTimeoutMs ? { deferTimeoutMs: options.deferTimeoutMs } : {}),
    ...(options.slowClientMs ? { slowClientMs: options.slowClientMs } : {}),
    ...(options.confine ? { confine: options.confine } : {}),
    ...(options.replayTimeLimitMs ? { replayTimeLimitMs: options.replayTimeLimitMs } : {}),
    cliPath: CLI,
  });
  const clients: AarmClient[] = [];
  return {
    daemon,
    homeDir,
    userHome,
    workspace,
    root,
    async client(clientOptions = {}) {
      const client = await connect({
        url: `ws://127.0.0.1:${daemon.port}`,
        token: daemon.token,
        client: { name: 'test-agent', version: '1.0' },
        ...clientOptions,
      });
      clients.push(client);
      return client;
    },
    async approver(name = 'test-approver') {
      // An approver with its own key, registered and confirmed as a human would (`aarm approvers confirm`).
      const approverKey = approverSigner(newApproverSeed());
      const client = await connect({
        url: `ws://127.0.0.1:${daemon.port}`,
        token: daemon.approverToken,
        client: { name },
        approverKey,
      });
      clients.push(client);
      const registration = await client.registerApprover(name);
      const confirmed = daemon.confirmApprover(registration.keyId);
      if (!confirmed.ok) throw new Error(confirmed.error);
      return client;
    },
    async close() {
      await Promise.all(clients.map((c) => c.close()));
      await daemon.close();
      temp?.cleanup();
    },
  };
}

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Run the built `aarm` CLI as a user would. */
export function runCli(
  args: string[],
  options: { env?: NodeJS.ProcessEnv; input?: string; cwd?: string } = {},
): Promise<RunResult> {
  return run(process.execPath, [CLI, ...args], { ...options, cwd: options.cwd ?? REPO });
}

/** A program run to its end, with what it printed. */
function run(
  program: string,
  args: string[],
  options: { env?: NodeJS.ProcessEnv; input?: string; cwd?: string },
): Promise<RunResult> {
  return new Promise((resolveRun, reject) => {
    const child = spawn(program, args, {
      ...(options.cwd ? { cwd: options.cwd } : {}),
      env: { ...process.env, ...options.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.once('error', reject);
    child.once('close', (code) => resolveRun({ code, stdout, stderr }));
    child.stdin.end(options.input ?? '');
  });
}

export function shellAction(command: string, cwd: string, workspace = cwd) {
  return {
    tool: 'shell' as const,
    operation: 'exec' as const,
    parameters: { command, cwd },
    context: { workspace },
  };
}

/** Every receipt in an AARM_HOME's database, in chain order (read-only, as `aarm export` reads it). */
export function storedReceipts(homeDir: string): Receipt[] {
  const store = openReceiptStore(join(homeDir, 'receipts.db'), { readonly: true });
  try {
    return [...store.list()].map((r) => r.body);
  } finally {
    store.close();
  }
}

/**
 * `aarm approvers confirm KEY_ID` as a human types it: in a terminal (a pseudo-terminal from
 * util-linux `script`), which the daemon requires of a confirmation.
 */
export async function confirmInTerminal(homeDir: string, keyId: string): Promise<RunResult> {
  const command = [process.execPath, CLI, 'approvers', 'confirm', keyId]
    .map((a) => `'${a.replace(/'/g, `'\\''`)}'`)
    .join(' ');
  const result = await run('script', ['-qec', command, '/dev/null'], { env: { AARM_HOME: homeDir } });
  return { ...result, stdout: result.stdout.replace(/\r/g, '') };
}
