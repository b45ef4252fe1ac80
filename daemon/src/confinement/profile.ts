/**
 * The `workspace` confinement profile, as bubblewrap arguments (pure). The second wall under the
 * analyser (threat model: the agent runs as the human's user): what aarm allows runs where
 *  - the system is read-only, and only the workspace, the temp directory and package caches can be
 *    written;
 *  - aarm's state (tokens, keys), the agents' settings and the user's secrets are empty;
 *  - there is no other process (new PID namespace: no signal or ptrace reaches the daemon), no
 *    shared IPC, no terminal to inject into (new session), and no network unless the decision says so.
 */
import { createHash } from 'node:crypto';
import type { Confinement } from '../protocol/index.js';

/** Home-relative places that hold credentials or settings an agent must not read or change. */
export const HIDDEN_IN_HOME = [
  '.aws',
  '.azure',
  '.gnupg',
  '.config/gcloud',
  '.config/gh',
  '.config/hub',
  '.netrc',
  '.git-credentials',
  '.config/git/credentials',
  '.npmrc',
  '.pypirc',
  '.docker',
  '.kube',
  '.claude',
  '.claude.json',
  '.codex',
  '.config/Code/User',
  '.config/Code - Insiders/User',
  '.config/VSCodium/User',
  '.vscode-server/data/User',
  '.local/share/code-server/User',
  '.local/share/keyrings',
  '.password-store',
  '.vault-token',
  '.terraform.d/credentials.tfrc.json',
  '.cargo/credentials',
  '.cargo/credentials.toml',
  '.config/aarm',
  // aarm's default state directory, whatever AARM_HOME the runner was given
  '.local/state/aarm',
  // histories and client files that hold passwords and tokens
  '.bash_history',
  '.zsh_history',
  '.local/share/fish/fish_history',
  '.python_history',
  '.node_repl_history',
  '.psql_history',
  '.mysql_history',
  '.pgpass',
  '.my.cnf',
  '.Xauthority',
  '.config/github-copilot',
  '.gemini',
  '.cursor',
  '.m2/settings.xml',
  '.gradle/gradle.properties',
  '.config/rclone',
  '.s3cfg',
  '.boto',
  '.config/sops',
  '.mozilla',
  '.config/google-chrome',
  '.config/chromium',
  '.config/BraveSoftware',
  '.config/microsoft-edge',
  'snap/firefox/common/.mozilla',
  'snap/chromium/common/chromium',
  '.cache/huggingface/token',
  '.huggingface/token',
  '.config/glab-cli',
  '.yarnrc.yml',
  '.terraformrc',
  '.config/op',
  '.config/doctl',
  '.config/hcloud',
  '.oci',
  '.fly',
  '.config/netlify',
  '.config/stripe',
  '.wrangler',
  '.config/.wrangler',
  '.supabase',
  // container and VM engines run by the user (their sockets are root's power, or the VM's)
  '.colima',
  '.rd',
  '.lima',
  '.orbstack',
] as const;

/** Variables that move a tool's configuration, and what below them holds credentials. */
export const CONFIG_ENV: ReadonlyArray<readonly [string, readonly string[]]> = [
  [
    'XDG_CONFIG_HOME',
    ['gh', 'hub', 'gcloud', 'git/credentials', 'aarm', 'Code/User', 'github-copilot', 'rclone', 'sops'],
  ],
  ['XDG_STATE_HOME', ['aarm']],
  ['XDG_DATA_HOME', ['keyrings', 'code-server/User']],
  ['CLAUDE_CONFIG_DIR', ['']],
  ['CODEX_HOME', ['']],
  ['GNUPGHOME', ['']],
  ['DOCKER_CONFIG', ['']],
  ['KUBECONFIG', ['']],
  ['GH_CONFIG_DIR', ['']],
  ['CLOUDSDK_CONFIG', ['']],
  ['AZURE_CONFIG_DIR', ['']],
  ['PASSWORD_STORE_DIR', ['']],
  ['GOOGLE_APPLICATION_CREDENTIALS', ['']],
  ['AWS_SHARED_CREDENTIALS_FILE', ['']],
  ['NPM_CONFIG_USERCONFIG', ['']],
];

/**
 * In a writable home, what a shell, a desktop session or a tool runs or loads at start-up: mounted
 * read-only, and removed after the command when it created one that was not there (runner side),
 * so a command allowed to write one file in the home cannot plant the next login's commands.
 */
export const STARTUP_IN_HOME = [
  '.bashrc',
  '.bash_profile',
  '.bash_login',
  '.bash_logout',
  '.profile',
  '.zshrc',
  '.zshenv',
  '.zprofile',
  '.zlogin',
  '.config',
  '.local',
  '.ssh',
  '.gitconfig',
  '.pam_environment',
  '.xprofile',
  '.xsessionrc',
  'bin',
  '.inputrc',
  '.vimrc',
  '.gvimrc',
  '.exrc',
  '.vim',
  '.emacs',
  '.emacs.d',
  '.nanorc',
  '.tmux.conf',
  '.screenrc',
  '.curlrc',
  '.wgetrc',
  '.psqlrc',
  '.sqliterc',
  '.irbrc',
  '.pryrc',
  '.Rprofile',
  '.npmrc',
  '.yarnrc',
  '.nvm',
  '.volta',
  '.pyenv',
  '.rbenv',
  '.sdkman',
  '.cargo/bin',
  '.bun/bin',
  '.deno',
  '.gem',
  '.pam_environment',
  '.xinitrc',
  '.Xresources',
  // VS Code agent mode's user hook files (aarm's hooks, or one that runs unjudged), custom agents
  '.copilot',
] as const;

/**
 * In the workspace, what other programs load or run later with the user's full rights: mounted
 * read-only, and removed after the command when it created one that was not there (runner side).
 * `.git/config` (core.fsmonitor, core.hooksPath…) is writable only for git commands that write it.
 */
export const PINNED_IN_WORKSPACE = [
  '.git/hooks',
  '.git/config',
  '.git/info/attributes',
  '.aarm',
  '.claude',
  '.vscode',
  // Gemini CLI's project settings (its hooks, `hooksConfig.enabled`), VS Code agent mode's hook
  // files and custom agents (their frontmatter may hold hooks): aarm's hooks live there
  '.gemini',
  '.github/hooks',
  '.github/agents',
  // Codex's and Cursor's project hooks (aarm's own with `aarm install codex --project`)
  '.codex',
  '.cursor',
  '.envrc',
  '.mcp.json',
  '.gitmodules',
  '.devcontainer',
  '.idea',
] as const;

/**
 * Workspace folders bound onto themselves: a mount point cannot be renamed (`mv .git .git.old`), so
 * the pinned places inside them cannot be moved away with them and replaced (`.github/hooks`).
 */
export const SELF_BOUND_IN_WORKSPACE = ['.git', '.github'] as const;

/**
 * Home-relative caches a build writes (they exist or not; only existing ones are bound). Only
 * download caches: never a folder of programs on PATH (`~/.yarn/bin`, pnpm's home, `~/.deno/bin`)
 * or of virtual environments that run later.
 */
export const CACHES_IN_HOME = [
  '.npm',
  '.cache/pip',
  '.cache/uv',
  '.cache/yarn',
  '.cache/go-build',
  '.cache/deno',
  '.cache/node-gyp',
  '.cache/ms-playwright',
  '.cache/puppeteer',
  '.cache/electron',
  '.cache/typescript',
  '.cache/pypoetry/cache',
  '.cache/pypoetry/artifacts',
  '.cache/huggingface/hub',
  '.cache/bazel',
  '.cache/sccache',
  '.cache/ccache',
  '.yarn/berry/cache',
  '.pnpm-store',
  '.local/share/pnpm/store',
  '.cargo/registry',
  '.cargo/git',
  '.rustup/tmp',
  'go/pkg/mod',
  '.gradle/caches',
  '.m2/repository',
  '.bun/install/cache',
] as const;

/** What a confined run needs to know about this machine (the I/O side finds it). */
export interface ConfinementPlan {
  confinement: Confinement;
  workspace: string;
  cwd: string;
  /** the command's own temp folder, writable, mounted where the system's temp directory is */
  tempDir: string;
  tempMount: string;
  /** existing caches, writable */
  caches: string[];
  /** files and folders inside the temp directory the command must read (its runtime), read-only */
  readable: string[];
  /** existing folders the decision lets the command write besides the workspace (its judged writes) */
  writable: string[];
  /** inside those, mounted read-only: what leads to a hidden place, start-up files, repository hooks */
  pinned: string[];
  /** workspace folders bound onto themselves, writable, so that they cannot be renamed away */
  selfBound: string[];
  /** the writable folders that are a home (their start-up files are pinned, or swept after) */
  writableHomes: string[];
  /** existing places to empty: folders get an empty tmpfs, files and sockets `/dev/null` */
  hidden: Array<{ path: string; kind: 'folder' | 'file' }>;
  /** sockets shown again inside a hidden folder (the ssh agent, for a command with the network) */
  revealed: string[];
  /** for `network: proxy`: the daemon's egress socket for this command, shown at its own path */
  egressSocket?: string;
}

/** bubblewrap's arguments for the plan, before `--` and the command. Order matters: later mounts win. */
export function bubblewrapArguments(plan: ConfinementPlan): string[] {
  const args = [
    '--die-with-parent',
    '--new-session',
    '--unshare-user',
    '--unshare-pid',
    '--unshare-ipc',
    '--unshare-uts',
    '--unshare-cgroup-try',
    // `proxy`: a network of its own with only loopback; the egress socket is the way out.
    ...(plan.confinement.network === 'open' ? [] : ['--unshare-net']),
    '--cap-drop',
    'ALL',
    '--ro-bind',
    '/',
    '/',
    '--dev',
    '/dev',
    '--proc',
    '/proc',
    '--bind',
    plan.tempDir,
    plan.tempMount,
  ];
  for (const path of plan.readable) args.push('--ro-bind', path, path);
  for (const cache of plan.caches) args.push('--bind', cache, cache);
  for (const folder of plan.writable) args.push('--bind', folder, folder);
  args.push('--bind', plan.workspace, plan.workspace);
  for (const path of plan.selfBound) args.push('--bind', path, path);
  for (const path of plan.pinned) args.push('--ro-bind', path, path);
  // Last: nothing bound above (a state directory under /tmp or the workspace) shows through.
  for (const { path, kind } of plan.hidden)
    args.push(...(kind === 'folder' ? ['--tmpfs', path] : ['--ro-bind', '/dev/null', path]));
  for (const socket of plan.revealed) args.push('--ro-bind', socket, socket);
  if (plan.egressSocket) args.push('--ro-bind', plan.egressSocket, plan.egressSocket);
  args.push('--chdir', plan.cwd);
  return args;
}

/** The profile's identity for receipts: its name and a digest of what it mounts and hides. */
export function profileDigest(plan: ConfinementPlan): string {
  // The egress socket's name is new for every command; that it is there is what counts.
  const named = plan.egressSocket ? { ...plan, egressSocket: '(egress socket)' } : plan;
  return createHash('sha256')
    .update(JSON.stringify(bubblewrapArguments(named)))
    .digest('hex');
}

/**
 * Environment variables a confined command does not get (AARM R9: secrets the agent never holds):
 * credentials by name, agent and keyring sockets, and aarm's own settings but the session.
 */
const SECRET_NAME =
  /TOKEN|SECRET|PASSW(OR)?D|PASSPHRASE|API_?KEY|ACCESS_?KEY|PRIVATE_?KEY|CREDENTIAL|AUTH|SESSION_?KEY|COOKIE|_PAT$|(^|_)PASS$|_PWD$|(^|_)DSN$|^AWS_|^AZURE_|^ARM_CLIENT|^GOOGLE_APPLICATION|^GCP_|^VAULT_|^DATABASE_URL$|^PG(PASSWORD|PASSFILE)$|^MYSQL_PWD$/i;
const SOCKETS =
  /^(SSH_AUTH_SOCK|SSH_AGENT_PID|GPG_AGENT_INFO|GNOME_KEYRING_CONTROL|DBUS_SESSION_BUS_ADDRESS|KRB5CCNAME|TMUX|TMUX_PANE|STY|XAUTHORITY|GIT_ASKPASS|SSH_ASKPASS|VSCODE_.*(IPC|ASKPASS|HANDLE).*)$/;

/**
 * Sockets outside the hidden folders that would let a command act as the user elsewhere: an agent
 * socket, the editor's IPC (VS Code's git credential helper), a terminal multiplexer (typing into
 * the human's terminal), a container engine. A read-only mount does not stop `connect()`.
 */
export const SOCKET_ENV = [
  'SSH_AUTH_SOCK',
  'VSCODE_IPC_HOOK',
  'VSCODE_IPC_HOOK_CLI',
  'VSCODE_GIT_IPC_HANDLE',
  // `unix:///path` (the scheme is taken off)
  'DOCKER_HOST',
  'CONTAINER_HOST',
] as const;
/** System places with such sockets (the container engines run as root: their socket is root's power). */
export const SYSTEM_SOCKETS = [
  '/run/docker.sock',
  '/var/run/docker.sock',
  '/run/podman',
  '/run/containerd',
  '/run/screen',
  '/run/user',
  '/var/run/screen',
  '/run/libvirt',
  '/var/run/libvirt',
  '/var/snap/lxd/common/lxd',
  '/var/lib/lxd/unix.socket',
  '/var/lib/incus/unix.socket',
  '/run/incus',
] as const;
const KEPT_AARM = new Set(['AARM_SESSION', 'AARM_AGENT', 'AARM_WORKSPACE']);

/** A value that looks like a credential whatever its name (`ghp_…`, `AKIA…`, a JWT, a key block). */
const SECRET_VALUE =
  /^(gh[pousr]_|github_pat_|glpat-|xox[abposr]-|sk-|sk_live_|rk_live_|AKIA|ASIA|AIza|npm_|pypi-|hf_|dop_v1_|shpat_|dckr_pat_)|-----BEGIN [A-Z ]*PRIVATE KEY|^eyJ[\w-]{8,}\.eyJ|^[a-z][a-z0-9+.-]*:\/\/[^/\s:@]*:[^/\s@]+@/i;

/**
 * In `~/.ssh`, what ssh reads to know hosts and settings; everything else there (private keys,
 * folders of them) is hidden. A command that uses the network talks to the ssh agent instead:
 * it can sign (a `git push`), never read a key.
 */
export const SSH_VISIBLE = /^(config|known_hosts(\.old)?|authorized_keys|[^/]*\.pub)$/;

export function confinedEnvironment(
  env: NodeJS.ProcessEnv,
  network: Confinement['network'] = 'none',
  unset: readonly string[] = [],
): { env: Record<string, string>; removed: string[] } {
  const kept: Record<string, string> = {};
  const removed: string[] = [];
  for (const [name, value] of Object.entries(env)) {
    if (value === undefined) continue;
    const drop =
      (name.startsWith('AARM_') && !KEPT_AARM.has(name)) ||
      SECRET_NAME.test(name) ||
      (SOCKETS.test(name) && !(network !== 'none' && name === 'SSH_AUTH_SOCK')) ||
      SECRET_VALUE.test(value) ||
      unset.includes(name);
    if (drop) removed.push(name);
    else kept[name] = value;
  }
  // The command's temp directory is /tmp, its own: a TMPDIR elsewhere would lead out of it.
  if (kept.TMPDIR !== undefined) kept.TMPDIR = '/tmp';
  return { env: kept, removed: removed.sort() };
}
