/**
 * Actions decided one after another with the daemon's semantics, without a daemon: the policy
 * layers as the daemon loads them, and one accumulated context per session (R2), fed in order.
 * Shared by `aarm check` (actions from stdin) and `aarm replay` (actions from the receipt store),
 * so both decide exactly as the daemon would.
 */
import { confinementAvailability } from '../confinement/bubblewrap.js';
import { createSessionManager } from '../gate/sessions.js';
import { judge, judgeInvalid, type Judgement } from '../pipeline/judge.js';
import { effectsFor } from '../pipeline/prepare.js';
import { readSecretFile } from '../state/files.js';
import { gitRemoteEndpoints } from '../state/git-remotes.js';
import {
  createFileView,
  createPolicySources,
  resolveSymlinks,
  type PolicySources,
} from '../state/policy-files.js';

export interface PolicyDirs {
  packDir?: string;
  managedDir?: string;
  userDir?: string;
}

export interface Replayer {
  policies: PolicySources;
  /** the session's original request (or a later one), as the daemon takes it */
  setRequest(session: string, request: string): void;
  recordOutcome(session: string, receiptId: string, status: string): void;
  /**
   * Decide one action in its session's context, then add it to that context as the daemon does.
   * `notValid`: why the input is not an action at all (it is then judged invalid).
   */
  decide(input: {
    session: string;
    raw: unknown;
    rawText: string;
    receiptId: string;
    notValid?: string;
  }): Judgement;
  close(): void;
}

export function createReplayer(options: {
  /** the user's home, links resolved */
  home: string;
  /** $AARM_HOME, links resolved (always protected) */
  stateDir: string;
  dirs: PolicyDirs;
  /** further policy files, in the user's layer */
  extraFiles: readonly string[];
  /** the time the session context sees (what counts as recent); a replay gives each entry's own */
  now?: () => Date;
}): Replayer {
  const { home } = options;
  const policies = createPolicySources({
    home,
    stateDir: options.stateDir,
    ...options.dirs,
    extraFiles: options.extraFiles,
    watch: false,
  });
  const fileView = createFileView();
  const confinement = confinementAvailability();
  const deps = {
    policies,
    home,
    realpath: resolveSymlinks,
    effectsOf: effectsFor(home, fileView),
    caseInsensitive: (dir: string) => fileView.caseInsensitive?.(dir) ?? false,
    gitRemoteEndpoints,
    // As a daemon started here would decide: `confine:` rules allow where bubblewrap works.
    ...(confinement.available ? { confine: true } : { unconfinedBecause: confinement.reason }),
  };
  const sessions = createSessionManager({
    home,
    readSecretFile,
    ...(options.now ? { now: options.now } : {}),
  });
  return {
    policies,
    setRequest: (session, request) => sessions.setRequest(session, request),
    recordOutcome: (session, receiptId, status) => sessions.recordOutcome(session, receiptId, status),
    decide({ session, raw, rawText, receiptId, notValid }) {
      const j =
        notValid === undefined
          ? judge(raw, rawText, { ...deps, sessionOf: (action) => sessions.snapshot(session, action) })
          : judgeInvalid(notValid, rawText, deps);
      sessions.recordAction(session, {
        action: j.action,
        effects: j.effects,
        receiptId,
        decision: j.decision.decision,
        verdict: j.verdict,
      });
      return j;
    },
    close: () => policies.close(),
  };
}
