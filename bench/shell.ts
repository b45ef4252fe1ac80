/**
 * The cost of judging one shell command, without a daemon: Bash parse alone, parse + analysis, and
 * the whole judgement (validate, normalise, analyse, evaluate the default pack, no effects cache),
 * median and mean over the tldr everyday examples. `npm run bench:shell`; the main bench prints the
 * same figures. Prints one JSON line last.
 */
import { performance } from 'node:perf_hooks';
import { parseBash } from '../daemon/src/mediation/shell/parser.js';
import { analyseShell } from '../daemon/src/mediation/shell/analyse.js';
import { precompilePrograms } from '../daemon/src/mediation/shell/programs/index.js';
import { createPolicySources } from '../daemon/src/state/policy-files.js';
import { judge } from '../daemon/src/pipeline/judge.js';
import { fillPlaceholders, readJsonl } from '../test/helpers/corpora.js';
import { PACK_DIR } from '../test/helpers/env.js';

const HOME = '/home/bench';
const WORKSPACE = '/home/bench/project';

export interface ShellCost {
  parse_us_median: number;
  analyse_us_median: number;
  judge_us_median: number;
  parse_us_mean: number;
  analyse_us_mean: number;
  judge_us_mean: number;
}

export function measureShellCost(): ShellCost {
  const commands = readJsonl<{ command: string }>('benign-commands/tldr_examples_sample3000.jsonl').map((t) =>
    fillPlaceholders(t.command),
  );
  const policies = createPolicySources({
    home: HOME,
    stateDir: `${HOME}/.local/state/aarm`,
    packDir: PACK_DIR,
    watch: false,
  });
  // As the daemon does once it listens: every program model compiled.
  precompilePrograms();
  const timed = (fn: (command: string, i: number) => unknown) => {
    for (let round = 0; round < 2; round++) commands.slice(0, 500).forEach((c) => fn(c, -1)); // warm up
    const times: number[] = [];
    let total = 0;
    commands.forEach((c, i) => {
      const start = performance.now();
      fn(c, i);
      const us = (performance.now() - start) * 1000;
      times.push(us);
      total += us;
    });
    times.sort((a, b) => a - b);
    return { median: times[times.length >> 1]!, mean: total / times.length };
  };
  const parse = timed((c) => parseBash(c));
  const analyse = timed((c) => analyseShell(c, { cwd: WORKSPACE, home: HOME, workspace: WORKSPACE }));
  const whole = timed((c, i) => {
    // A distinct text each time, so that no cache answers.
    const raw = JSON.stringify({
      tool: 'shell',
      operation: 'exec',
      parameters: { command: `${c} #${i}`, cwd: WORKSPACE },
      context: { workspace: WORKSPACE },
      identity: { agent: { name: 'bench' } },
    });
    return judge(JSON.parse(raw), raw, { policies, home: HOME });
  });
  policies.close();
  const round = (n: number) => Math.round(n * 10) / 10;
  return {
    parse_us_median: round(parse.median),
    analyse_us_median: round(analyse.median),
    judge_us_median: round(whole.median),
    parse_us_mean: round(parse.mean),
    analyse_us_mean: round(analyse.mean),
    judge_us_mean: round(whole.mean),
  };
}

if (require.main === module) {
  const cost = measureShellCost();
  console.log(
    `shell, per tldr command (median / mean): parse ${cost.parse_us_median} / ${cost.parse_us_mean} µs, parse + analysis ${cost.analyse_us_median} / ${cost.analyse_us_mean} µs, whole judgement ${cost.judge_us_median} / ${cost.judge_us_mean} µs`,
  );
  console.log(JSON.stringify(cost));
}
