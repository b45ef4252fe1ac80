/**
 * `npm run bench`: decision latency over WebSocket and signed, stored decisions per second with a
 * real daemon (separate process, default policy, SQLite in WAL mode), plus the costs they are made
 * of, measured in the same run, and what the hooks add to a real Claude Code's tool call (bench/agent.ts).
 * The last line printed is a JSON summary.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir, cpus } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createServer as createHttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { connect } from '../daemon/src/client/client.js';
import {
  generateSigningKey,
  signCanonical,
  verifyWithNoble,
  verifyWithNodeCrypto,
} from '../daemon/src/receipts/keys.js';
import { verifyExport } from '../daemon/src/receipts/verify.js';
import { checkChain } from '../daemon/src/receipts/chain-check.js';
import { openReceiptStore } from '../daemon/src/receipts/store.js';
import { exportReceipts } from '../daemon/src/cli/export.js';
import { createPolicySources } from '../daemon/src/state/policy-files.js';
import { judge } from '../daemon/src/pipeline/judge.js';
import { CLI, PACK_DIR, REPO } from '../test/helpers/env.js';
import { fillPlaceholders, readJsonl } from '../test/helpers/corpora.js';
import { measureShellCost } from './shell.js';
import { startDaemon, stopDaemon } from './daemon.js';
import { measureHookProcess, preToolUse } from './hook-process.js';
import { measureAgentToolCall } from './agent.js';
import { confinementAvailability, planConfinement } from '../daemon/src/confinement/bubblewrap.js';
import { bubblewrapArguments } from '../daemon/src/confinement/profile.js';
import { createEgressProxy } from '../daemon/src/confinement/egress.js';
import { spawnSync } from 'node:child_process';

const SEQUENTIAL = Number(process.env.BENCH_SEQUENTIAL ?? 3000);
const PIPELINED = Number(process.env.BENCH_PIPELINED ?? 20000);
const IN_FLIGHT = 64;
const BIG_CHAIN = Number(process.env.BENCH_BIG_CHAIN ?? 100_000);
const OFFERED_LOADS = [200, 500, 1000];

/** Resident memory of a process, in MB (Linux /proc). */
function rssMb(pid: number | undefined): number | null {
  try {
    const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb === undefined ? null : round(Number(kb) / 1024, 1);
  } catch {
    return null;
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}
const round = (n: number, digits = 3) => Number(n.toFixed(digits));

async function main() {
  const root = mkdtempSync(join(tmpdir(), 'aarm-bench-'));
  const homeDir = join(root, 'aarm-home');
  const workspace = join(root, 'project');
  mkdirSync(workspace);
  const { daemon } = await startDaemon(homeDir);
  try {
    const idleRss = rssMb(daemon.pid);
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
    const action = (i: number, session?: string) => ({
      tool: 'shell' as const,
      operation: 'exec' as const,
      parameters: { command: commands[i % commands.length]!, cwd: workspace },
      context: { workspace, ...(session ? { session } : {}) },
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
    // The same, spread over 50 sessions (many agents): a session's actions are judged one at a time,
    // so only across sessions can one commit carry many receipts.
    const spreadStarted = performance.now();
    let spreadNext = 0;
    const spreadWorker = async () => {
      while (spreadNext < PIPELINED) {
        const i = spreadNext++;
        await client.submit(action(i, `bench-${i % 50}`));
      }
    };
    await Promise.all(Array.from({ length: IN_FLIGHT }, spreadWorker));
    const spreadSeconds = (performance.now() - spreadStarted) / 1000;
    const loadedRss = rssMb(daemon.pid);

    // Open loop at fixed offered rates: latency from when each action was due, so queueing shows.
    const offered: Array<{ rate: number; p50_ms: number; p99_ms: number }> = [];
    for (const rate of OFFERED_LOADS) {
      const count = rate * 2;
      const due = performance.now();
      const waits = await Promise.all(
        Array.from({ length: count }, async (_, i) => {
          const at = due + (i * 1000) / rate;
          await new Promise((resolve) => setTimeout(resolve, Math.max(0, at - performance.now())));
          await client.submit(action(i));
          return performance.now() - at;
        }),
      );
      waits.sort((a, b) => a - b);
      offered.push({ rate, p50_ms: round(percentile(waits, 50)), p99_ms: round(percentile(waits, 99)) });
    }
    await client.close();

    // The HTTP hook path (Claude Code's `http` hook), sequential.
    const token = readFileSync(join(homeDir, 'token'), 'utf8').trim();
    const port = (JSON.parse(readFileSync(join(homeDir, 'daemon.json'), 'utf8')) as { port: number }).port;
    const hookInput = (i: number) => preToolUse('bench-http', workspace, commands[i % commands.length]!, i);
    const httpLatencies: number[] = [];
    for (let i = 0; i < 600; i++) {
      const start = performance.now();
      const response = await fetch(`http://127.0.0.1:${port}/v1/hooks/claude-code`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: hookInput(i),
      });
      await response.text();
      if (i >= 100) httpLatencies.push(performance.now() - start);
    }
    httpLatencies.sort((a, b) => a - b);

    // A process per hook (`aarm hook claude-code`, as a `command` hook runs it), alternating with a bare Node start.
    const { hookMs, nodeMs } = measureHookProcess(homeDir, workspace, 20);

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
    // (median and mean: bench/shell.ts, also `npm run bench:shell`)
    const shellCost = measureShellCost();
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

    // A real Claude Code with and without the hooks (null when its CLI is not installed).
    const agent = measureAgentToolCall();

    const summary = {
      machine: `${cpus().length} x ${cpus()[0]?.model ?? 'cpu'}, node ${process.version}`,
      ws_p50_ms: round(percentile(latencies, 50)),
      ws_p99_ms: round(percentile(latencies, 99)),
      ws_p999_ms: round(percentile(latencies, 99.9)),
      sequential_decisions: SEQUENTIAL,
      decisions_per_s: Math.round(PIPELINED / pipelinedSeconds),
      decisions_per_s_50_sessions: Math.round(PIPELINED / spreadSeconds),
      pipelined_decisions: PIPELINED,
      in_flight: IN_FLIGHT,
      policy_eval_us: round(evalUs, 1),
      sign_per_s_node_crypto: Math.round(signsPerS),
      verify_receipts_per_s: Math.round(verified.count / verifySeconds),
      verify_receipts: verified.count,
      noble_verify_per_s: Math.round(nobleVerifiesPerS),
      shell_parse_us: shellCost.parse_us_mean,
      shell_analyse_us: shellCost.analyse_us_mean,
      shell_judge_us: shellCost.judge_us_mean,
      shell_parse_median_us: shellCost.parse_us_median,
      shell_analyse_median_us: shellCost.analyse_us_median,
      shell_judge_median_us: shellCost.judge_us_median,
      check_10k_s: round(checkSeconds, 2),
      check_per_s: Math.round(10_000 / checkSeconds),
      // the issue's names for two figures above
      judge_us_median: shellCost.judge_us_median,
      offered_loads: offered,
      http_hook_p50_ms: round(percentile(httpLatencies, 50)),
      http_hook_p99_ms: round(percentile(httpLatencies, 99)),
      process_hook_ms: round(hookMs, 1),
      node_start_ms: round(nodeMs, 1),
      process_hook_over_node: round(hookMs / nodeMs, 2),
      rss_idle_mb: idleRss,
      rss_loaded_mb: loadedRss,
      ...(await telemetryLatency(root, workspace)),
      ...(await bigChain(root)),
      ...confinedStart(root, workspace),
      ...(await proxiedStart(root, workspace)),
      ...agent.figures,
    };
    console.log(
      `WebSocket decision latency (sequential, ${SEQUENTIAL}): p50 ${summary.ws_p50_ms} ms, p99 ${summary.ws_p99_ms} ms, p99.9 ${summary.ws_p999_ms} ms`,
    );
    console.log(
      `Throughput (${IN_FLIGHT} in flight, ${PIPELINED} actions, signed + stored): ${summary.decisions_per_s} decisions/s in one session, ${summary.decisions_per_s_50_sessions}/s over 50 sessions`,
    );
    console.log(
      `Policy evaluation alone (validate + normalise + evaluate, default pack): ${summary.policy_eval_us} µs/action`,
    );
    console.log(`Ed25519 signing alone (node:crypto): ${summary.sign_per_s_node_crypto}/s`);
    console.log(
      `Offline verify (node:crypto): ${summary.verify_receipts_per_s} receipts/s over ${summary.verify_receipts}; @noble/ed25519: ${summary.noble_verify_per_s} signatures/s`,
    );
    console.log(
      `Shell, per tldr command (mean / median): parse ${summary.shell_parse_us} / ${summary.shell_parse_median_us} µs, parse + analysis ${summary.shell_analyse_us} / ${summary.shell_analyse_median_us} µs, whole judgement ${summary.shell_judge_us} / ${summary.shell_judge_median_us} µs`,
    );
    console.log(
      `aarm check on 10,000 distinct commands: ${summary.check_10k_s} s, ${summary.check_per_s} actions/s (process start included)`,
    );
    console.log(
      `Offered load (open loop): ${offered.map((o) => `${o.rate}/s → p50 ${o.p50_ms} ms, p99 ${o.p99_ms} ms`).join('; ')}`,
    );
    console.log(`HTTP hook: p50 ${summary.http_hook_p50_ms} ms, p99 ${summary.http_hook_p99_ms} ms`);
    console.log(
      `Process per hook: ${summary.process_hook_ms} ms, against ${summary.node_start_ms} ms for a bare \`node -e ''\` (${summary.process_hook_over_node}×)`,
    );
    console.log(`Daemon RSS: idle ${summary.rss_idle_mb} MB, after the load ${summary.rss_loaded_mb} MB`);
    console.log(
      `Decisions with telemetry (sequential, ${TELEMETRY_DECISIONS}): none p50 ${summary.telemetry_off_p50_ms} / p99 ${summary.telemetry_off_p99_ms} ms; ` +
        `live OTLP collector ${summary.telemetry_live_p50_ms} / ${summary.telemetry_live_p99_ms} ms (${summary.telemetry_live_received} events received); ` +
        `dead collectors (OTLP + syslog TCP/UDP, nothing listening) ${summary.telemetry_dead_p50_ms} / ${summary.telemetry_dead_p99_ms} ms, ${summary.telemetry_dead_dropped} events dropped from a 500-event buffer`,
    );
    console.log(
      `${summary.big_chain_receipts} receipts: stored at ${summary.big_chain_append_per_s}/s; export ${summary.big_chain_export_s} s; verify ${summary.big_chain_verify_per_s} receipts/s (chain + head signature), ${summary.big_chain_verify_every_signature_per_s}/s checking every signature; start-up chain check ${summary.big_chain_startup_check_ms} ms, daemon start ${summary.big_chain_daemon_start_ms} ms, RSS ${summary.big_chain_rss_mb} MB`,
    );
    console.log(
      summary.confined_true_ms === null
        ? 'Confinement: not available here, not measured'
        : `Start of \`true\`, side by side (median of ${CONFINED_RUNS}): plain ${summary.plain_true_ms} ms, confined (bubblewrap, workspace profile) ${summary.confined_true_ms} ms, confined behind the egress proxy (its bridge started inside) ${summary.confined_proxy_true_ms} ms`,
    );
    console.log(
      summary.egress_curl_direct_ms === null
        ? 'Egress proxy: not measured'
        : `One curl to a loopback server (median of ${CONFINED_RUNS}): direct ${summary.egress_curl_direct_ms} ms, through the egress proxy from inside the sandbox ${summary.egress_curl_proxied_ms} ms`,
    );
    console.log(agent.line);
    console.log(JSON.stringify(summary));
  } finally {
    await stopDaemon(daemon);
    rmSync(root, { recursive: true, force: true });
  }
}

const TELEMETRY_DECISIONS = 2000;

/**
 * Decision latency with no telemetry, with a live OTLP collector, and with collectors that are down
 * (R8: a dead collector must not slow decisions). Same machine, same run, one daemon each.
 */
const CONFINED_RUNS = 50;

/** What confinement adds to starting a command: `true` plainly and inside the workspace profile, alternating. */
function confinedStart(root: string, workspace: string) {
  const availability = confinementAvailability();
  if (!availability.available) return { plain_true_ms: null, confined_true_ms: null };
  mkdirSync(workspace, { recursive: true });
  const planned = planConfinement({
    confinement: { profile: 'workspace', network: 'none' },
    home: process.env.HOME ?? root,
    stateDir: join(root, 'state'),
    workspace,
    cwd: workspace,
    env: process.env,
  });
  if (!planned.ok) throw new Error(planned.error);
  const args = [...bubblewrapArguments(planned.plan), '--', 'true'];
  const plain: number[] = [];
  const confined: number[] = [];
  for (let i = 0; i < CONFINED_RUNS; i++) {
    let start = performance.now();
    spawnSync('true');
    plain.push(performance.now() - start);
    start = performance.now();
    const run = spawnSync(availability.bubblewrap, args);
    if (run.status !== 0) throw new Error(`bwrap: ${run.stderr.toString()}`);
    confined.push(performance.now() - start);
  }
  return { plain_true_ms: round(median(plain), 2), confined_true_ms: round(median(confined), 2) };
}

/**
 * What the egress proxy adds: `true` started behind it (bwrap + the bridge, a Node process), and
 * one curl to a loopback server directly and through the proxy from inside the sandbox.
 */
async function proxiedStart(root: string, workspace: string) {
  const none = { confined_proxy_true_ms: null, egress_curl_direct_ms: null, egress_curl_proxied_ms: null };
  const availability = confinementAvailability();
  const bridge = join(REPO, 'dist', 'aarm-egress-bridge.js');
  if (!availability.available || spawnSync('curl', ['--version']).status !== 0) return none;
  const stateDir = join(root, 'proxy-state');
  mkdirSync(stateDir, { recursive: true });
  const server = createHttpServer((_req, res) => res.end('ok'));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  const egress = createEgressProxy({
    dir: join(stateDir, 'egress'),
    env: {},
    expired: () => {},
    log: () => {},
  });
  try {
    const hosts = [`127.0.0.1:${port}`];
    const socket = await egress.open({ receiptId: 'bench', session: 'bench', hosts, secrets: [] });
    const planned = planConfinement({
      confinement: { profile: 'workspace', network: 'proxy', hosts },
      home: process.env.HOME ?? root,
      stateDir,
      workspace,
      cwd: workspace,
      env: process.env,
      egressSocket: socket,
    });
    if (!planned.ok) throw new Error(planned.error);
    const inside = (argv: string[]) =>
      new Promise<number>((resolveRun, reject) => {
        const start = performance.now();
        const child = spawn(
          availability.bubblewrap,
          [...bubblewrapArguments(planned.plan), '--', process.execPath, bridge, socket, '--', ...argv],
          { stdio: 'ignore' },
        );
        child.once('exit', (code) =>
          code === 0 ? resolveRun(performance.now() - start) : reject(new Error(`${argv[0]} exited ${code}`)),
        );
      });
    const url = `http://127.0.0.1:${port}/`;
    const direct = (argv: string[]) =>
      new Promise<number>((resolveRun) => {
        const start = performance.now();
        spawn(argv[0]!, argv.slice(1), { stdio: 'ignore' }).once('exit', () =>
          resolveRun(performance.now() - start),
        );
      });
    const started: number[] = [];
    const curlDirect: number[] = [];
    const curlProxied: number[] = [];
    for (let i = 0; i < CONFINED_RUNS; i++) {
      started.push(await inside(['true']));
      curlDirect.push(await direct(['curl', '-sf', '-o', '/dev/null', url]));
      curlProxied.push(await inside(['curl', '-sf', '-o', '/dev/null', url]));
    }
    return {
      confined_proxy_true_ms: round(median(started), 2),
      egress_curl_direct_ms: round(median(curlDirect), 2),
      egress_curl_proxied_ms: round(median(curlProxied), 2),
    };
  } finally {
    egress.closeAll();
    server.close();
  }
}

async function telemetryLatency(root: string, workspace: string) {
  const received = { count: 0 };
  const collector = createHttpServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      received.count += (body.match(/"timeUnixNano"/g) ?? []).length;
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => collector.listen(0, '127.0.0.1', resolve));
  const livePort = (collector.address() as { port: number }).port;
  const dead = createHttpServer();
  await new Promise<void>((resolve) => dead.listen(0, '127.0.0.1', resolve));
  const deadPort = (dead.address() as { port: number }).port;
  await new Promise<void>((resolve) => dead.close(() => resolve()));

  const run = async (name: string, telemetry: unknown) => {
    const homeDir = join(root, `telemetry-${name}`);
    mkdirSync(homeDir, { recursive: true, mode: 0o700 });
    if (telemetry !== undefined) writeFileSync(join(homeDir, 'telemetry.json'), JSON.stringify(telemetry));
    const { daemon } = await startDaemon(homeDir);
    try {
      const client = await connect({ homeDir, client: { name: 'bench' } });
      const action = (i: number) => ({
        tool: 'shell' as const,
        operation: 'exec' as const,
        parameters: { command: `echo ${i}`, cwd: workspace },
        // a session per 400 actions: the default pack's rate limit allows 600 a minute
        context: { workspace, session: `t-${Math.floor(i / 400)}` },
      });
      for (let i = 0; i < 200; i++) await client.submit(action(i)); // warm-up
      const latencies: number[] = [];
      for (let i = 0; i < TELEMETRY_DECISIONS; i++) {
        const start = performance.now();
        await client.submit(action(i + 200));
        latencies.push(performance.now() - start);
      }
      latencies.sort((a, b) => a - b);
      const status = await client.status();
      await client.close();
      return {
        p50: round(percentile(latencies, 50)),
        p99: round(percentile(latencies, 99)),
        dropped: (status.telemetry?.destinations ?? []).reduce((n, d) => Math.max(n, d.dropped), 0),
      };
    } finally {
      await stopDaemon(daemon);
    }
  };
  const off = await run('off', undefined);
  const live = await run('live', {
    destinations: [{ type: 'otlp', url: `http://127.0.0.1:${livePort}/v1/logs` }],
  });
  const down = await run('dead', {
    bufferEvents: 500,
    destinations: [
      { type: 'otlp', url: `http://127.0.0.1:${deadPort}/v1/logs` },
      { type: 'syslog', transport: 'tcp', host: '127.0.0.1', port: deadPort },
      { type: 'syslog', transport: 'udp', host: '127.0.0.1', port: deadPort },
    ],
  });
  await new Promise<void>((resolve) => collector.close(() => resolve()));
  return {
    telemetry_off_p50_ms: off.p50,
    telemetry_off_p99_ms: off.p99,
    telemetry_live_p50_ms: live.p50,
    telemetry_live_p99_ms: live.p99,
    telemetry_live_received: received.count,
    telemetry_dead_p50_ms: down.p50,
    telemetry_dead_p99_ms: down.p99,
    telemetry_dead_dropped: down.dropped,
  };
}

/**
 * A chain of BIG_CHAIN receipts, written straight to a store (as the daemon would, one signed and
 * committed record at a time): export and offline verification, and what the daemon pays at
 * start-up for it — the chain check, the time to listen, its memory.
 */
async function bigChain(root: string) {
  const homeDir = join(root, 'big-home');
  mkdirSync(join(homeDir, 'keys'), { recursive: true, mode: 0o700 });
  const { loadOrCreateKeys, aarmHome } = await import('../daemon/src/state/home.js');
  const home = aarmHome(homeDir);
  const key = loadOrCreateKeys(home).at(-1)!;
  const store = openReceiptStore(home.database);
  store.addKey(key);
  const appendStart = performance.now();
  for (let i = 0; i < BIG_CHAIN; i++) {
    store.append(
      {
        kind: 'outcome',
        id: `rcpt_${i}`,
        time: new Date().toISOString(),
        session: `s${i % 100}`,
        receiptId: `rcpt_${i - 1}`,
        outcome: { status: 'success', exitCode: 0, durationMs: 12 },
      },
      key,
    );
  }
  const appendPerS = Math.round(BIG_CHAIN / ((performance.now() - appendStart) / 1000));
  const checkStart = performance.now();
  const checked = checkChain(store.rows(), store.publicKeys(), undefined, verifyWithNodeCrypto);
  const checkMs = performance.now() - checkStart;
  if (!checked.ok) throw new Error(checked.error);
  // The signed head the daemon would have written: a used home without one refuses to start.
  const { signHead } = await import('../daemon/src/receipts/chain-check.js');
  writeFileSync(home.checkpointFile, JSON.stringify(signHead(key, store.head())));
  store.close();
  const out = join(root, 'big.jsonl');
  const exportStart = performance.now();
  exportReceipts(home.database, { all: true }, key, out);
  const exportSeconds = (performance.now() - exportStart) / 1000;
  const text = readFileSync(out, 'utf8');
  const verifyStart = performance.now();
  const verified = verifyExport(text, { verifySignature: verifyWithNodeCrypto });
  const verifySeconds = (performance.now() - verifyStart) / 1000;
  if (!verified.ok) throw new Error(verified.error);
  const everyStart = performance.now();
  const everyVerified = verifyExport(text, { verifySignature: verifyWithNodeCrypto, signatures: 'every' });
  const everySeconds = (performance.now() - everyStart) / 1000;
  if (!everyVerified.ok) throw new Error(everyVerified.error);
  const { daemon, startMs } = await startDaemon(homeDir);
  const rss = rssMb(daemon.pid);
  await stopDaemon(daemon);
  return {
    big_chain_receipts: BIG_CHAIN,
    big_chain_append_per_s: appendPerS,
    big_chain_export_s: round(exportSeconds, 2),
    big_chain_verify_per_s: Math.round(BIG_CHAIN / verifySeconds),
    big_chain_verify_every_signature_per_s: Math.round(BIG_CHAIN / everySeconds),
    big_chain_startup_check_ms: Math.round(checkMs),
    big_chain_daemon_start_ms: Math.round(startMs),
    big_chain_rss_mb: rss,
  };
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
