/**
 * What one tool call of a real Claude Code costs more with aarm's hooks installed: `claude -p` (the
 * pinned CLI that scripts/agents-setup.sh installs) against the agent tests' fake model, which answers
 * the first request with one Bash call (`echo hi`) and the request carrying its result with "Done.".
 * Runs with `aarm install claude-code --project` hooks (a PreToolUse and a PostToolUse process, the
 * daemon running) and without (another project of the same user, no hooks) alternate after a warm-up
 * of each; the figures are medians. Where bubblewrap works, the hooked `echo hi` runs inside `aarm
 * confine`, as the default pack's decision says: that is part of what is added, and
 * `agent_command_confined` says whether it happened. `npm run bench:agent`; the main bench prints
 * the same figures.
 *
 * Like `npm run test:agents`, the runs happen inside a network namespace with only loopback: the CLI
 * is pointed at the fake model and its non-essential traffic is off, and the namespace makes sure
 * nothing else leaves the machine either. Without the CLI or such a namespace the figures are null.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { CLI, REPO } from '../test/helpers/env.js';
import { waitFor } from '../test/helpers/wait.js';
import {
  actionReceipts,
  CLAUDE_BIN,
  newWorld,
  outcomeReceipts,
  runClaude,
  startDaemon,
  type World,
} from '../test/agents/harness.js';

const RUNS = Number(process.env.BENCH_AGENT_RUNS ?? 8);
const COMMAND = 'echo hi';

export interface AgentToolCall {
  agent_run_with_hooks_ms: number | null;
  agent_run_without_hooks_ms: number | null;
  agent_tool_call_added_ms: number | null;
  /** whether the decision had the hooked command run confined (aarm confine, bubblewrap) */
  agent_command_confined: boolean | null;
}

const round = (n: number) => Math.round(n * 10) / 10;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

// As scripts/agents-run.sh: without root, a user namespace too.
const unshareFlags = process.getuid?.() === 0 ? '-n' : '-rn';
const loopbackOnly = (argv: string[]) => [
  unshareFlags,
  'sh',
  '-c',
  'ip link set lo up && exec "$@"',
  'sh',
  ...argv,
];

/** The figures, and a line that says what they are (or why there are none). */
export function measureAgentToolCall(): { figures: AgentToolCall; line: string } {
  const skip = (why: string) => ({
    figures: {
      agent_run_with_hooks_ms: null,
      agent_run_without_hooks_ms: null,
      agent_tool_call_added_ms: null,
      agent_command_confined: null,
    },
    line: `Claude Code tool call: not measured (${why})`,
  });
  if (!existsSync(CLAUDE_BIN))
    return skip(`no Claude Code at ${CLAUDE_BIN}: run bash scripts/agents-setup.sh`);
  if (!existsSync(CLI)) return skip('no dist/aarm.js: run npm run build');
  const probe = spawnSync('unshare', loopbackOnly(['true']), { encoding: 'utf8' });
  if (probe.error || probe.status !== 0)
    return skip(
      `no loopback-only network namespace (unshare ${unshareFlags}): ${probe.error?.message ?? probe.stderr.trim()}`,
    );

  const child = spawnSync(
    'unshare',
    loopbackOnly([process.execPath, '--import', 'tsx', __filename, '--inside']),
    { cwd: REPO, encoding: 'utf8', timeout: 15 * 60_000, maxBuffer: 16 * 1024 * 1024 },
  );
  if (child.status !== 0)
    throw new Error(
      `bench/agent.ts --inside: ${child.error?.message ?? `exit ${child.status}`}\n${child.stderr.slice(-4000)}`,
    );
  const { withHooks, without, confined } = JSON.parse(child.stdout.trim().split('\n').at(-1)!) as {
    withHooks: number[];
    without: number[];
    confined: boolean;
  };
  const figures = {
    agent_run_with_hooks_ms: round(median(withHooks)),
    agent_run_without_hooks_ms: round(median(without)),
    agent_tool_call_added_ms: round(median(withHooks) - median(without)),
    agent_command_confined: confined,
  };
  const range = (v: number[]) => `${round(Math.min(...v))}–${round(Math.max(...v))}`;
  return {
    figures,
    line:
      `Claude Code, \`claude -p\` with one Bash call (fake model on loopback, median of ${withHooks.length}, alternating): ` +
      `with aarm's hooks ${figures.agent_run_with_hooks_ms} ms (${range(withHooks)}), without ${figures.agent_run_without_hooks_ms} ms (${range(without)}): ` +
      `+${figures.agent_tool_call_added_ms} ms per tool call ` +
      (confined
        ? '(two hook processes, and the command run inside `aarm confine`)'
        : '(two hook processes; the command not confined)'),
  };
}

/** In the namespace: the runs themselves. Prints their times as one JSON line. */
async function inside(): Promise<void> {
  const world = newWorld();
  const daemon = await startDaemon(world);
  try {
    const install = await world.aarm(['install', 'claude-code', '--project']);
    if (install.code !== 0) throw new Error(`aarm install claude-code: ${install.stderr}`);
    // The same user (HOME, Claude Code's own state) in a project without hooks: only the hooks differ.
    const plain = join(world.root, 'plain-project');
    mkdirSync(plain);
    const unhooked: World = { ...world, project: plain };
    const once = async (w: World) => {
      const run = await runClaude(w, COMMAND);
      if (run.code !== 0 || run.result?.isError !== false || run.result.text.trim() !== 'hi')
        throw new Error(
          `claude -p did not run \`${COMMAND}\` (exit ${run.code}): ${run.stdout}\n${run.stderr}`,
        );
      return run.ms;
    };
    // First runs write Claude Code's state in the new HOME and warm the caches: not counted.
    await once(world);
    await once(unhooked);
    const withHooks: number[] = [];
    const without: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      withHooks.push(await once(world));
      without.push(await once(unhooked));
    }
    // Each hooked run was judged and its outcome recorded; the others never reached aarm.
    const actions = actionReceipts(world);
    if (actions.length !== RUNS + 1 || actions.some((a) => a.verdict !== 'allow'))
      throw new Error(
        `expected ${RUNS + 1} allowed actions, got ${actions.map((a) => a.verdict).join(', ')}`,
      );
    await waitFor(() => outcomeReceipts(world).length === RUNS + 1, {
      timeoutMs: 10_000,
      what: `${RUNS + 1} outcome receipts`,
    });
    // Each decision confines or none does: same pack, same command, same machine.
    const confined = actions.every((a) => a.decision.confinement !== undefined);
    console.log(JSON.stringify({ withHooks, without, confined }));
  } finally {
    await daemon.stop();
    world.cleanup();
  }
}

if (require.main === module) {
  if (process.argv.includes('--inside')) {
    void inside().catch((error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    });
  } else {
    const { figures, line } = measureAgentToolCall();
    console.log(line);
    console.log(JSON.stringify(figures));
  }
}
