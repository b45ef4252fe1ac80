/**
 * The state directory's layout, known in one place: the daemon, the CLI, the hooks, the language
 * server and the extension all find files through it.
 */
import { homedir } from 'node:os';
import { join } from 'node:path';

export interface AarmHome {
  dir: string;
  tokenFile: string;
  /** the approvers' connection credential (the VS Code extension, `aarm grants`); agents never get it. An allow needs a registered approver key too */
  approverTokenFile: string;
  /** the registered approver keys, signed by the daemon */
  approversFile: string;
  keysDir: string;
  /** the daemon's public keys, for clients to check that they talk to this daemon */
  publicKeysFile: string;
  database: string;
  policiesDir: string;
  /** where a running daemon writes its port and pid */
  daemonFile: string;
  /** the signed head of the receipt chain, so a cut tail is noticed at the next start */
  checkpointFile: string;
  /** where telemetry goes (R8); absent: nowhere */
  telemetryFile: string;
  lockFile: string;
}

/** `$AARM_HOME`, else `$XDG_STATE_HOME/aarm`, else `~/.local/state/aarm`. */
export function resolveHomeDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.AARM_HOME) return env.AARM_HOME;
  const stateHome = env.XDG_STATE_HOME || join(homedir(), '.local', 'state');
  return join(stateHome, 'aarm');
}

/**
 * Where `aarm install` keeps its own files: the copy of aarm that hooks and the service start when
 * aarm ran from a throw-away place (npx's cache), the launchers, and what it installed where.
 * `$XDG_DATA_HOME/aarm`, else `~/.local/share/aarm`. Not in the state directory: confinement hides
 * that, and the egress bridge must run inside the sandbox from this copy.
 */
export function resolveDataDir(env: NodeJS.ProcessEnv = process.env, home = homedir()): string {
  return join(env.XDG_DATA_HOME || join(home, '.local', 'share'), 'aarm');
}

export function aarmHome(dir: string): AarmHome {
  return {
    dir,
    tokenFile: join(dir, 'token'),
    approverTokenFile: join(dir, 'approver-token'),
    approversFile: join(dir, 'approvers.json'),
    keysDir: join(dir, 'keys'),
    publicKeysFile: join(dir, 'keys', 'public.json'),
    database: join(dir, 'receipts.db'),
    policiesDir: join(dir, 'policies'),
    daemonFile: join(dir, 'daemon.json'),
    checkpointFile: join(dir, 'head.json'),
    telemetryFile: join(dir, 'telemetry.json'),
    lockFile: join(dir, 'daemon.lock'),
  };
}
