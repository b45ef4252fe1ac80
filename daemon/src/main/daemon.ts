/**
 * The composition root: open the state directory and the receipt store, check the chain, load
 * policy and telemetry, wire the gate to its transports, listen; and shut down in order (stop
 * accepting, refuse what is pending, close connections, checkpoint, close the database) (R1–R6).
 */
import { randomUUID } from 'node:crypto';
import { unlinkSync } from 'node:fs';
import { hostname } from 'node:os';
import { basename, join, resolve } from 'node:path';
import {
  DAEMON_VERSION,
  PROTOCOL_VERSION,
  resolveDataDir,
  type ApproverKey,
  type Result,
  type SignedReceipt,
} from '../protocol/index.js';
import { checkChain } from '../receipts/chain-check.js';
import { publicKeyOf, sha256Hex, verifyWithNodeCrypto } from '../receipts/keys.js';
import { openReceiptStore, type ReceiptStore } from '../receipts/store.js';
import { destinationName, loadTelemetryConfig, startTelemetry, type Telemetry } from '../telemetry/index.js';
import { precompilePrograms } from '../mediation/shell/programs/index.js';
import type { JudgeDeps } from '../pipeline/judge.js';
import { effectsFor } from '../pipeline/prepare.js';
import { makeClock } from '../gate/clock.js';
import { createGroupCommit, type GroupCommit } from '../gate/commit.js';
import { confinementAvailability } from '../confinement/bubblewrap.js';
import { createEgressProxy } from '../confinement/egress.js';
import { replayThreads } from './replay-thread.js';
import { createGate, type Gate } from '../gate/gate.js';
import { createRuleUses } from '../gate/rule-uses.js';
import { gitRemoteHosts } from '../state/git-remotes.js';
import type { Checkpoints } from '../gate/checkpoints.js';
import type { ConfinementStatus } from '../gate/context.js';
import { listen } from '../transports/listen.js';
import { readCheckpoint, readSecretFile } from '../state/files.js';
import {
  acquireLock,
  aarmHome,
  ensureHome,
  loadOrCreateKeys,
  readOrCreateToken,
  writePrivateFile,
  type AarmHome,
  type DaemonInfo,
} from '../state/home.js';
import { hardenDaemonProcess } from '../state/harden.js';
import { humanOfThisMachine } from '../state/human.js';
import { missingState, StateLossError } from '../state/loss.js';
import { loadApprovers, saveApprovers } from '../state/approvers-file.js';
import { agentProcesses } from '../state/agent-processes.js';
import { createApproverRegistry } from '../gate/approver-keys.js';
import {
  builtinPackDir,
  managedPolicyDir,
  createFileView,
  createPolicySources,
  resolveSymlinks,
  type PolicySources,
} from '../state/policy-files.js';

export interface DaemonOptions {
  /** AARM_HOME */
  homeDir: string;
  /** 0 picks a free port */
  port?: number;
  /** the user's home directory, for `~` in actions */
  userHome: string;
  /** built-in pack folder; null runs without it */
  packDir?: string | null;
  /** the managed policy folder (default `managedPolicyDir()`); null: none */
  managedDir?: string | null;
  heartbeatMs?: number;
  watchPolicies?: boolean;
  /** how long a STEP_UP waits for a human before it is denied */
  approvalTimeoutMs?: number;
  /** how long a DEFERred action waits for its context before it is denied */
  deferTimeoutMs?: number;
  /** how long a client may take to send its request headers, or its `hello` (slow-loris) */
  slowClientMs?: number;
  /**
   * `auto` (the default): allowed shell commands run confined where bubblewrap works; `off`: they
   * run with the user's full rights (the human's choice, at start: never the agent's).
   */
  confine?: 'auto' | 'off';
  /** the `aarm` CLI by absolute path (default: the script that started this process) */
  cliPath?: string;
  /** how long an approver's replay may run before it is stopped (default 5 minutes) */
  replayTimeLimitMs?: number;
  /** the telemetry configuration (default `$AARM_HOME/telemetry.json`) */
  telemetryFile?: string;
  log?: (line: string) => void;
}

export interface Daemon {
  port: number;
  home: AarmHome;
  token: string;
  approverToken: string;
  policies: PolicySources;
  /** called with every receipt as it is stored */
  onReceipt(listener: (receipt: SignedReceipt) => void): void;
  /** what `aarm approvers confirm` does, for a program that embeds the daemon: a pending approver key is the human's */
  confirmApprover(keyId: string): Result<{ key: ApproverKey }>;
  close(reason?: string): Promise<void>;
  /** settles when the daemon stopped itself because it could not go on safely, with why */
  failed: Promise<string>;
}

export class DaemonAlreadyRunning extends Error {
  constructor(readonly pid: number) {
    super(`another aarm daemon (pid ${pid}) is already running for this AARM_HOME`);
  }
}

export async function createDaemon(options: DaemonOptions): Promise<Daemon> {
  const log = options.log ?? (() => {});
  const home = aarmHome(options.homeDir);
  ensureHome(home);
  const lock = acquireLock(home);
  if (!lock.ok) throw new DaemonAlreadyRunning(lock.pid);
  hardenDaemonProcess(log);

  let store: ReceiptStore | undefined;
  let policies: PolicySources | undefined;
  try {
    const loss = missingState(home);
    if (loss !== undefined) throw new StateLossError(loss);
    const credentials = {
      agentToken: readOrCreateToken(home.tokenFile),
      approverToken: readOrCreateToken(home.approverTokenFile),
    };
    let stopForFailure = (reason: string) => log(reason);
    const commits = createGroupCommit({
      target: () => store,
      onFailure: (reason) => stopForFailure(reason),
      log,
    });
    const opened = openReceipts(home, commits, log);
    store = opened.store;
    // Paths in actions are compared after their links are resolved, so the home and the state
    // directory are too: a home reached through a link (`/home` → `/var/home`) keeps its protections.
    const userHome = resolveSymlinks(options.userHome);
    const packDir = options.packDir === null ? undefined : (options.packDir ?? builtinPackDir());
    // Counted from the receipts, kept by the daemon: the file's writer cannot reset it.
    const ruleUses = createRuleUses({
      store: opened.store,
      rebuild: () => livePolicies.rebuild(),
      log,
    });
    const livePolicies = (policies = createPolicySources({
      home: userHome,
      stateDir: resolveSymlinks(home.dir),
      ...(packDir ? { packDir } : {}),
      ...(options.managedDir === null ? {} : { managedDir: options.managedDir ?? managedPolicyDir() }),
      userDir: home.policiesDir,
      watch: options.watchPolicies ?? true,
      usesOf: (approved) => ruleUses.usesOf(approved),
    }));
    livePolicies.onReload((changed) =>
      log(`policy reloaded (${changed === 'base' ? 'built-in and user policies' : changed})`),
    );
    const telemetry = startTelemetryIfConfigured(options.telemetryFile ?? home.telemetryFile, log);
    const clock = makeClock(Date.now, randomUUID);
    const agents = agentProcesses(() => daemonProcess.port);
    // T1: the daemon's own process, which no action may signal, trace or read (its port once listening).
    const daemonProcess = {
      pid: process.pid,
      port: 0,
      name: basename(process.execPath),
      commandLine: process.argv.join(' '),
    };
    const confinement = confinementStatus(options.confine ?? 'auto');
    if (!confinement.enabled) log(`confinement: ${confinement.detail}`);
    // Bound late: a proxy that outlives its command reports to the gate made just below.
    let egressExpired: Gate['egressExpired'] = () => {};
    const egress = createEgressProxy({
      dir: join(home.dir, 'egress'),
      env: process.env,
      expired: (grant, egressLog) => egressExpired(grant, egressLog),
      log,
    });
    // Approvers' replays of a draft: in a worker thread each, over a read-only connection.
    const replays = replayThreads({
      database: home.database,
      draft: {
        home: userHome,
        stateDir: resolveSymlinks(home.dir),
        dirs: {
          ...(packDir ? { packDir } : {}),
          ...(options.managedDir === null ? {} : { managedDir: options.managedDir ?? managedPolicyDir() }),
        },
        confine: { enabled: confinement.enabled, reason: confinement.reason },
      },
      ...(options.replayTimeLimitMs === undefined ? {} : { timeLimitMs: options.replayTimeLimitMs }),
    });
    const gate = createGate({
      clock,
      log,
      human: humanOfThisMachine(),
      userHome,
      store: opened.store,
      chain: opened.chain,
      signingKey: opened.signingKey,
      commits,
      judgeDeps: {
        ...judgeDepsFor(livePolicies, userHome),
        daemon: () => daemonProcess,
        confine: confinement.enabled,
        ...(confinement.reason ? { unconfinedBecause: confinement.reason } : {}),
        gitRemotes: gitRemoteHosts,
      },
      ...(confinement.enabled ? { egress } : {}),
      confinement,
      policyStatus: () => policyStatus(livePolicies),
      telemetry: telemetry.running,
      telemetryError: telemetry.error,
      approvalTimeoutMs: options.approvalTimeoutMs ?? 120_000,
      deferTimeoutMs: options.deferTimeoutMs ?? 30_000,
      approverKeys: createApproverRegistry({
        registered: loadApprovers(home.approversFile, opened.keys, log),
        save: (keys) => saveApprovers(home.approversFile, opened.signingKey, keys),
        clock,
        verify: verifyWithNodeCrypto,
        sha256Hex,
      }),
      greeted: (caller) => agents.noteClient(caller),
      outerSession: (caller) => agents.outerSession(caller),
      fromTerminal: (caller) => agents.fromTerminal(caller),
      underAgent: (caller) => agents.above(caller),
      trustedKeys: opened.keys.map(publicKeyOf),
      saveCheckpoint: (checkpoint) =>
        writePrivateFile(home.checkpointFile, `${JSON.stringify(checkpoint, null, 2)}\n`),
      readSecretFile,
      replay: replays.replay,
      approvedRules: {
        file: join(home.policiesDir, 'approved.yaml'),
        reload: () => livePolicies.reloadNow(),
      },
      ruleUses,
    });
    egressExpired = (grant, egressLog) => gate.egressExpired(grant, egressLog);
    // approved.yaml is a user policy file: written or edited, expired or removed, the Grants view lists it again.
    livePolicies.onReload((changed) => {
      if (changed === 'base') gate.grantsChanged();
    });
    // The head is signed from the start, even of an empty chain: a later start that finds no
    // checkpoint knows something was deleted (state/loss.ts).
    gate.checkpoints.write(true);
    const timers = startCheckpointTimers(gate.checkpoints, telemetry, log);
    const listener = await listen({
      gate,
      credentials,
      port: options.port ?? 0,
      slowClientMs: options.slowClientMs ?? 10_000,
      heartbeatMs: options.heartbeatMs ?? 30_000,
      newSession: () => clock.newId('sess'),
      cliPath: options.cliPath ?? resolve(process.argv[1] ?? 'aarm'),
      log,
    });
    daemonProcess.port = listener.port;
    const info: DaemonInfo = {
      pid: process.pid,
      port: listener.port,
      host: '127.0.0.1',
      protocol: PROTOCOL_VERSION,
      version: DAEMON_VERSION,
      started: clock.iso(),
    };
    writePrivateFile(home.daemonFile, `${JSON.stringify(info, null, 2)}\n`);
    log(`aarm daemon ${DAEMON_VERSION} listening on ws://127.0.0.1:${listener.port} (AARM_HOME=${home.dir})`);
    setImmediate(precompilePrograms);

    const liveStore = opened.store;
    let closing: Promise<void> | undefined;
    let reportFailure: (reason: string) => void = () => {};
    const daemon: Daemon = {
      failed: new Promise<string>((resolve) => (reportFailure = resolve)),
      port: listener.port,
      home,
      token: credentials.agentToken,
      approverToken: credentials.approverToken,
      policies: livePolicies,
      onReceipt: gate.onReceipt,
      confirmApprover: (keyId) => gate.approverKeys.confirm(keyId),
      close(reason = 'daemon shutting down') {
        closing ??= (async () => {
          replays.close();
          // Stop accepting, refuse what is pending (denied, with receipts), close the connections…
          await listener.close(reason, () => gate.drain(reason));
          livePolicies.close();
          timers.stop();
          // …then the last checkpoint, the collectors, the database, the daemon file and the lock.
          try {
            gate.checkpoints.write();
            gate.checkpoints.send();
          } catch (error) {
            log(`could not write the head checkpoint: ${(error as Error).message}`);
          }
          await telemetry.running?.close();
          closeQuietly(() => liveStore.close(), 'the receipt database did not close cleanly', log);
          closeQuietly(() => unlinkSync(home.daemonFile), undefined, log);
          lock.release();
          log('aarm daemon stopped');
        })();
        return closing;
      },
    };
    stopForFailure = (reason) => {
      log(`STOPPING: ${reason}; agents are refused until the daemon is started again`);
      // Their denies must be on the wire before close() cuts every connection.
      void listener
        .cutOff(`the daemon stopped: ${reason}`)
        .then(() => daemon.close(reason))
        .then(() => reportFailure(reason));
    };
    return daemon;
  } catch (error) {
    policies?.close();
    store?.close();
    lock.release();
    throw error;
  }
}

/** The receipt store with the signing keys, and whether its chain is still what this daemon wrote (R5/T7). */
function openReceipts(home: AarmHome, commits: GroupCommit, log: (line: string) => void) {
  const keys = loadOrCreateKeys(home);
  const store = openReceiptStore(home.database, { onUncommitted: () => setImmediate(commits.commitNow) });
  for (const key of keys) store.addKey(key);
  // What clients check the daemon's proofs against (a process squatting the port cannot sign).
  writePrivateFile(home.publicKeysFile, `${JSON.stringify(keys.map(publicKeyOf), null, 2)}\n`);
  const chain = checkChain(
    store.rows(),
    store.publicKeys(),
    readCheckpoint(home.checkpointFile),
    verifyWithNodeCrypto,
    store.groupOf,
  );
  if (chain.ok)
    log(
      `receipt chain verified: ${chain.records} records in ${chain.ms} ms${chain.warning ? ` (${chain.warning})` : ''}`,
    );
  else
    log(
      `RECEIPT CHAIN BROKEN: ${chain.error}. Every action will be denied until it is dealt with (see docs/receipts.md, "Start-up check").`,
    );
  return { store, chain, signingKey: keys.at(-1)!, keys };
}

/** What the pipeline needs from the machine: the policies, the home, and a file view for the shell analyser. */
function judgeDepsFor(policies: PolicySources, userHome: string): JudgeDeps {
  const fileView = createFileView();
  return {
    policies,
    home: userHome,
    installDir: resolveSymlinks(resolveDataDir(process.env, userHome)),
    realpath: resolveSymlinks,
    effectsOf: effectsFor(userHome, fileView),
    caseInsensitive: (dir) => fileView.caseInsensitive?.(dir) ?? false,
  };
}

function policyStatus(policies: PolicySources) {
  const { set } = policies.forWorkspace(undefined);
  return {
    hash: set.hash,
    files: set.files.map((f) => f.source),
    errors: set.problems
      .filter((p) => p.severity === 'error')
      .map((p) => `${p.source}:${p.line}:${p.column}: ${p.message}`),
  };
}

function closeQuietly(close: () => void, what: string | undefined, log: (line: string) => void) {
  try {
    close();
  } catch (error) {
    if (what) log(`${what}: ${(error as Error).message}`);
  }
}

/**
 * R8: telemetry is monitoring, not enforcement: a broken configuration is reported (log, status)
 * and the daemon decides and keeps its receipts as always; they can be exported later.
 */
function startTelemetryIfConfigured(
  file: string,
  log: (line: string) => void,
): { running?: Telemetry; error?: string; checkpointMs: number } {
  const config = loadTelemetryConfig(file);
  let result: { running?: Telemetry; error?: string; checkpointMs: number } = { checkpointMs: 0 };
  if (!config.ok) result = { error: config.error, checkpointMs: 0 };
  else if (config.config && config.config.destinations.length > 0) {
    const origin = { version: DAEMON_VERSION, hostname: hostname(), pid: process.pid };
    try {
      result = {
        running: startTelemetry(config.config, origin, log),
        checkpointMs: config.config.checkpointSeconds * 1000,
      };
      log(`telemetry to ${config.config.destinations.map(destinationName).join(', ')}`);
    } catch (error) {
      result = { error: (error as Error).message, checkpointMs: 0 };
    }
  }
  if (result.error !== undefined) log(`TELEMETRY NOT STARTED: ${result.error}`);
  return result;
}

/** The head checkpoint written every second, and sent to collectors at their interval; never what keeps the process alive. */
function startCheckpointTimers(
  checkpoints: Checkpoints,
  telemetry: { running?: Telemetry; checkpointMs: number },
  log: (line: string) => void,
): { stop(): void } {
  const every = (ms: number, what: string, task: () => void) => {
    const timer = setInterval(() => {
      try {
        task();
      } catch (error) {
        log(`could not ${what}: ${(error as Error).message}`);
      }
    }, ms);
    timer.unref();
    return timer;
  };
  const sending = telemetry.running
    ? every(telemetry.checkpointMs, 'send a checkpoint', checkpoints.send)
    : undefined;
  checkpoints.send(); // where the chain stood when this daemon started
  const writing = every(1000, 'write the head checkpoint', checkpoints.write);
  return {
    stop() {
      clearInterval(writing);
      clearInterval(sending);
    },
  };
}

/** Whether allowed shell commands run confined: asked for, and bubblewrap works here. */
function confinementStatus(mode: 'auto' | 'off'): ConfinementStatus {
  if (mode === 'off')
    return {
      enabled: false,
      detail: 'off (the daemon was started with --confine off): commands run unconfined',
      reason: 'the daemon was started with --confine off',
    };
  const availability = confinementAvailability();
  return availability.available
    ? { enabled: true, detail: `bubblewrap (${availability.bubblewrap}): profile workspace` }
    : {
        enabled: false,
        detail: `unavailable: ${availability.reason}; commands run unconfined`,
        reason: availability.reason,
      };
}
