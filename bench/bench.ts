/**
 * `npm run bench`: decision latency over WebSocket and signed, stored decisions per second with a
 * real daemon (separate process, default policy, SQLite in WAL mode), plus the costs they are made
 * of, measured in the same run. The last line printed is a JSON summary.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir, cpus } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { connect } from '../daemon/src/adapters/client.js';
import {
  generateSigningKey,
  signCanonical,
  verifyWithNoble,
  verifyWithNodeCrypto,
} from '../daemon/src/receipts/keys.js';
import { verifyExport } from '../daemon/src/receipts/verify.js';
import { createPolicySources } from '../daemon/src/server/policy-files.js';
import { judge } from '../daemon/src/server/judge.js';
import { CLI, PACK_DIR } from '../test/helpers/env.js';
import { fillPlaceholders, readJsonl } from '../test/helpers/corpora.js';
import { parseBash } from '../daemon/src/mediation/shell/parser.js';
import { analyseShell } from '../daemon/src/mediation/shell/analyse.js';
import { spawnSync } from 'node:child_process';

const SEQUENTIAL = Number(process.env.BENCH_SEQUENTIAL ?? 3000);
const PIPELINED = Number(process.env.BENCH_PIPELINED ?? 20000);
const IN_FLIGHT = 64;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}
const round = (n: number, digits = 3) => Number(n.toFixed(digits));

async function main() {
  const root = mkdtempSync(join(tmpdir(), 'aarm-bench-'));
  const homeDir = join(root, 'aarm-home');
  const workspace = join(root, 'project');
  mkdirSync(workspace);
  const daemon = spawn(process.execPath, [CLI, 'daemon'], {
    env: { ...process.env, AARM_HOME: homeDir },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  await new Promise<void>((resolve, reject) => {
    let log = '';
    daemon.stderr.on('data', (d: Buffer) => {
      log += d.toString();
      if (log.includes('listening on')) resolve();
    });
    daemon.once('exit', () => reject(new Error(log)));
  });
  try {
    const client = await connect({ homeDir, client: { name: 'bench' } });
    const commands = [
      'npm test',
      'git status',
      'ls -la src',
      'cargo build',
      'git push --force',
      'rm -rf ~',
      'curl x | sh',
      'make -j2',
    ];
    const action = (i: number) => ({
      tool: 'shell' as const,
      operation: 'exec' as const,
      parameters: { command: commands[i % commands.length]!, cwd: workspace },
      context: { workspace },
    });

    for (let i = 0; i < 500; i++) await client.submit(action(i)); // warm-up
    const latencies: number[] = [];
    for (let i = 0; i < SEQUENTIAL; i++) {
      const start = performance.now();
      await client.submit(action(i));
      latencies.push(performance.now() - start);
    }
    latencies.sort((a, b) => a - b);

    const started = performance.now();
    let next = 0;
    const worker = async () => {
      while (next < PIPELINED) await client.submit(action(next++));
    };
    await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
    const pipelinedSeconds = (performance.now() - started) / 1000;
    await client.close();

    // What a decision is made of, in this process: policy evaluation alone, and signing alone.
    const policies = createPolicySources({
      home: '/home/bench',
      stateDir: homeDir,
      packDir: PACK_DIR,
      watch: false,
    });
    const raws = Array.from({ length: 8 }, (_, i) => JSON.stringify(action(i)));
    const evalStart = performance.now();
    const evalRounds = 20000;
    for (let i = 0; i < evalRounds; i++)
      judge(JSON.parse(raws[i % 8]!), raws[i % 8]!, { policies, home: '/home/bench' });
    const evalUs = ((performance.now() - evalStart) * 1000) / evalRounds;
    const key = generateSigningKey();
    const signStart = performance.now();
    for (let i = 0; i < 5000; i++) signCanonical(key, `{"seq":${i},"body":"${'x'.repeat(600)}"}`);
    const signsPerS = 5000 / ((performance.now() - signStart) / 1000);

    // Offline verification of everything the run stored.
    const exportFile = join(root, 'all.jsonl');
    const exported = spawn(process.execPath, [CLI, 'export', '--all', '--out', exportFile], {
      env: { ...process.env, AARM_HOME: homeDir },
      stdio: 'ignore',
    });
    await new Promise((resolve) => exported.once('exit', resolve));
    const text = readFileSync(exportFile, 'utf8');
    const verifyStart = performance.now();
    const verified = verifyExport(text, { verifySignature: verifyWithNodeCrypto });
    const verifySeconds = (performance.now() - verifyStart) / 1000;
    if (!verified.ok) throw new Error(`export did not verify: ${verified.error}`);
    const nobleStart = performance.now();
    let nobleCount = 0;
    const message = Buffer.from('x'.repeat(700));
    const sig = Buffer.from(signCanonical(key, message.toString()), 'base64url');
    for (; nobleCount < 500; nobleCount++) verifyWithNoble(key.publicKey, message, sig);
    const nobleVerifiesPerS = nobleCount / ((performance.now() - nobleStart) / 1000);

    // Shell analysis on everyday commands (tldr examples): parse alone, parse + analysis, and the
    // whole judgement (validate, normalise, analyse, evaluate the default pack) without caching.
    const tldr = readJsonl<{ command: string }>('benign-commands/tldr_examples_sample3000.jsonl').map((t) =>
      fillPlaceholders(t.command),
    );
    const perCommand = (fn: (command: string, i: number) => unknown) => {
      for (const c of tldr.slice(0, 300)) fn(c, -1);
      const start = performance.now();
      tldr.forEach((c, i) => fn(c, i));
      return ((performance.now() - start) * 1000) / tldr.length;
    };
    const parseUs = perCommand((c) => parseBash(c));
    const analyseUs = perCommand((c) => analyseShell(c, { cwd: workspace, home: '/home/bench', workspace }));
    const judgeUs = perCommand((c, i) => {
      const raw = JSON.stringify({
        tool: 'shell',
        operation: 'exec',
        parameters: { command: `${c} #${i}`, cwd: workspace },
        context: { workspace },
      });
      return judge(JSON.parse(raw), raw, { policies, home: '/home/bench' });
    });
    // `aarm check` on 10,000 distinct commands, as a user runs it (process start included).
    const checkInput = join(root, 'commands.jsonl');
    writeFileSync(
      checkInput,
      Array.from({ length: 10_000 }, (_, i) =>
        JSON.stringify({
          tool: 'shell',
          operation: 'exec',
          parameters: { command: `${tldr[i % tldr.length]!} #${i}`, cwd: workspace },
          context: { workspace },
        }),
      ).join('\n'),
    );
    const checkStart = performance.now();
    const check = spawnSync(process.execPath, [CLI, 'check'], {
      input: readFileSync(checkInput),
      env: { ...process.env, AARM_HOME: join(root, 'check-home') },
      maxBuffer: 64 * 1024 * 1024,
    });
    const checkSeconds = (performance.now() - checkStart) / 1000;
    const checkLines = check.stdout.toString().trim().split('\n').length;
    if (checkLines !== 10_000)
      throw new Error(`aarm check printed ${checkLines} lines: ${check.stderr.toString()}`);

    const summary = {
      machine: `${cpus().length} x ${cpus()[0]?.model ?? 'cpu'}, node ${process.version}`,
      ws_p50_ms: round(percentile(latencies, 50)),
      ws_p99_ms: round(percentile(latencies, 99)),
      ws_p999_ms: round(percentile(latencies, 99.9)),
      sequential_decisions: SEQUENTIAL,
      decisions_per_s: Math.round(PIPELINED / pipelinedSeconds),
      pipelined_decisions: PIPELINED,
      in_flight: IN_FLIGHT,
      policy_eval_us: round(evalUs, 1),
      sign_per_s_node_crypto: Math.round(signsPerS),
      verify_receipts_per_s: Math.round(verified.count / verifySeconds),
      verify_receipts: verified.count,
      noble_verify_per_s: Math.round(nobleVerifiesPerS),
      shell_parse_us: round(parseUs, 1),
      shell_analyse_us: round(analyseUs, 1),
      shell_judge_us: round(judgeUs, 1),
      check_10k_s: round(checkSeconds, 2),
    };
    console.log(
      `WebSocket decision latency (sequential, ${SEQUENTIAL}): p50 ${summary.ws_p50_ms} ms, p99 ${summary.ws_p99_ms} ms, p99.9 ${summary.ws_p999_ms} ms`,
    );
    console.log(
      `Throughput (${IN_FLIGHT} in flight, ${PIPELINED} actions, signed + stored): ${summary.decisions_per_s} decisions/s`,
    );
    console.log(
      `Policy evaluation alone (validate + normalise + evaluate, default pack): ${summary.policy_eval_us} µs/action`,
    );
    console.log(`Ed25519 signing alone (node:crypto): ${summary.sign_per_s_node_crypto}/s`);
    console.log(
      `Offline verify (node:crypto): ${summary.verify_receipts_per_s} receipts/s over ${summary.verify_receipts}; @noble/ed25519: ${summary.noble_verify_per_s} signatures/s`,
    );
    console.log(
      `Shell, per tldr command: parse ${summary.shell_parse_us} µs, parse + analysis ${summary.shell_analyse_us} µs, whole judgement ${summary.shell_judge_us} µs`,
    );
    console.log(`aarm check on 10,000 distinct commands: ${summary.check_10k_s} s (process start included)`);
    console.log(JSON.stringify(summary));
  } finally {
    daemon.kill('SIGTERM');
    await new Promise((resolve) => daemon.once('exit', resolve));
    rmSync(root, { recursive: true, force: true });
  }
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
