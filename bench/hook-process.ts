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

async function main() {
  const root = mkdtempSync(join(tmpdir(), 'aarm-bench-hook-'));
  const homeDir = join(root, 'aarm-home');
  const workspace = join(root, 'project');
  mkdirSync(workspace);
  const env = { ...process.env, AARM_HOME: homeDir, CLAUDE_PROJECT_DIR: workspace };
  const { daemon } = await startDaemon(homeDir);
  try {
    const run = (args: string[], input: string) => {
      const start = performance.now();
      const result = spawnSync(process.execPath, args, { input, env });
      if (result.status !== 0) throw new Error(`${args.join(' ')}: ${result.stderr.toString()}`);
      return performance.now() - start;
    };
    const hook = (i: number) =>
      run(
        [CLI, 'hook', 'claude-code'],
        JSON.stringify({
          session_id: 'bench-hook',
          cwd: workspace,
          hook_event_name: 'PreToolUse',
          tool_name: 'Bash',
          tool_input: { command: COMMANDS[i % COMMANDS.length] },
          tool_use_id: `toolu_${i}`,
        }),
      );
    const node = () => run(['-e', ''], '');
    // warm-up: the file cache, the daemon's first judgements, the lean bundle's code cache
    for (let i = 0; i < 3; i++) {
      hook(i);
      node();
    }
    const hookMs: number[] = [];
    const nodeMs: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      hookMs.push(hook(i));
      nodeMs.push(node());
    }
    const summary = {
      runs: RUNS,
      process_hook_ms: Number(median(hookMs).toFixed(1)),
      node_start_ms: Number(median(nodeMs).toFixed(1)),
      process_hook_over_node: Number((median(hookMs) / median(nodeMs)).toFixed(2)),
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

void main();
