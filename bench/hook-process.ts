/**
 * `npm run bench:hook`: what one `aarm hook claude-code` process costs (a real PreToolUse judged by
 * a running daemon), against a bare `node -e ''`, alternating the two so that whatever else the
 * machine does weighs on both alike. The same measure as `process_hook_ms` of `npm run bench`,
 * alone and with more runs. BENCH_HOOK_RUNS sets the count (default 40); the last line is JSON.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { CLI } from '../test/helpers/env.js';
import { startDaemon, stopDaemon } from './daemon.js';

const RUNS = Number(process.env.BENCH_HOOK_RUNS ?? 40);
const COMMANDS = ['npm test', 'git status', 'ls -la src', 'cargo build', 'git push --force', 'rm -rf ~'];

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** A Claude Code PreToolUse event for the hook's standard input. */
export function preToolUse(session: string, workspace: string, command: string, i: number): string {
  return JSON.stringify({
    session_id: session,
    cwd: workspace,
    hook_event_name: 'PreToolUse',
    tool_name: 'Bash',
    tool_input: { command },
    tool_use_id: `toolu_${i}`,
  });
}

/**
 * One `aarm hook claude-code` process against a daemon running on `homeDir`, alternating with a
 * bare `node -e ''`, after a warm-up (the file cache, the daemon's first judgements, the lean
 * bundle's code cache); medians in ms.
 */
export function measureHookProcess(homeDir: string, workspace: string, runs: number) {
  const env = { ...process.env, AARM_HOME: homeDir, CLAUDE_PROJECT_DIR: workspace };
  const run = (args: string[], input: string) => {
    const start = performance.now();
    const result = spawnSync(process.execPath, args, { input, env });
    if (result.status !== 0) throw new Error(`${args.join(' ')}: ${result.stderr.toString()}`);
    return performance.now() - start;
  };
  const hook = (i: number) =>
    run([CLI, 'hook', 'claude-code'], preToolUse('bench-hook', workspace, COMMANDS[i % COMMANDS.length]!, i));
  const node = () => run(['-e', ''], '');
  for (let i = 0; i < 3; i++) {
    hook(i);
    node();
  }
  const hookMs: number[] = [];
  const nodeMs: number[] = [];
  for (let i = 0; i < runs; i++) {
    hookMs.push(hook(i));
    nodeMs.push(node());
  }
  return { hookMs: median(hookMs), nodeMs: median(nodeMs) };
}

async function main() {
  const root = mkdtempSync(join(tmpdir(), 'aarm-bench-hook-'));
  const homeDir = join(root, 'aarm-home');
  const workspace = join(root, 'project');
  mkdirSync(workspace);
  const { daemon } = await startDaemon(homeDir);
  try {
    const { hookMs, nodeMs } = measureHookProcess(homeDir, workspace, RUNS);
    const summary = {
      runs: RUNS,
      process_hook_ms: Number(hookMs.toFixed(1)),
      node_start_ms: Number(nodeMs.toFixed(1)),
      process_hook_over_node: Number((hookMs / nodeMs).toFixed(2)),
    };
    console.log(
      `Process per hook (median of ${RUNS}, alternating): ${summary.process_hook_ms} ms, against ${summary.node_start_ms} ms for a bare \`node -e ''\` (${summary.process_hook_over_node}×)`,
    );
    console.log(JSON.stringify(summary));
  } finally {
    await stopDaemon(daemon);
    rmSync(root, { recursive: true, force: true });
  }
}

if (require.main === module) void main();
