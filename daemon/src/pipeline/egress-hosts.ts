/**
 * Where a confined command may connect through the egress proxy, as `host:port`: its URLs (their
 * port, or the scheme's), the hosts its effects name (https and http, and ssh for the programs
 * that use it), the registries of the package managers it runs, and for git's network commands
 * the repository's remotes (which policy saw among its hosts). Nothing the analyser and policy did
 * not see; never the cloud metadata service; never a host on every port.
 */
import { hostOfEndpoint, MAX_EGRESS_HOSTS, type Effects } from '../protocol/index.js';
import { hostClass } from '../protocol/paths.js';

/** Where each package manager fetches from by default (over https). */
const REGISTRIES: Record<string, readonly string[]> = {
  npm: ['registry.npmjs.org'],
  npx: ['registry.npmjs.org'],
  pnpm: ['registry.npmjs.org'],
  yarn: ['registry.yarnpkg.com', 'registry.npmjs.org', 'repo.yarnpkg.com'],
  bun: ['registry.npmjs.org'],
  bunx: ['registry.npmjs.org'],
  pip: ['pypi.org', 'files.pythonhosted.org'],
  pip3: ['pypi.org', 'files.pythonhosted.org'],
  pipx: ['pypi.org', 'files.pythonhosted.org'],
  uv: ['pypi.org', 'files.pythonhosted.org'],
  uvx: ['pypi.org', 'files.pythonhosted.org'],
  poetry: ['pypi.org', 'files.pythonhosted.org'],
  cargo: ['crates.io', 'index.crates.io', 'static.crates.io'],
  go: ['proxy.golang.org', 'sum.golang.org'],
  gem: ['rubygems.org', 'index.rubygems.org'],
  bundle: ['rubygems.org', 'index.rubygems.org'],
  composer: ['repo.packagist.org'],
};

/** git subcommands that talk to a remote. */
export const GIT_NETWORK = new Set(['push', 'pull', 'fetch', 'clone', 'ls-remote', 'submodule', 'remote']);

const SCHEME_PORTS: Record<string, number> = {
  'https:': 443,
  'http:': 80,
  'wss:': 443,
  'ws:': 80,
  'ssh:': 22,
  'git:': 9418,
  'ftp:': 21,
};

/** Programs that reach a named host over ssh. */
const SSH_PROGRAMS = new Set(['ssh', 'scp', 'sftp', 'rsync', 'git', 'mosh', 'autossh']);

/** Whether `effects` run git with one of `subcommands`. */
export function runsGit(effects: Effects, subcommands: ReadonlySet<string>): boolean {
  return effects.commands.some(
    (c) => c.program === 'git' && c.argv.slice(1).some((arg) => subcommands.has(arg)),
  );
}

/** Whether `effects` run a git command that talks to a remote. */
export const usesGitRemotes = (effects: Effects): boolean => runsGit(effects, GIT_NETWORK);

export function egressHosts(effects: Effects, gitRemoteEndpoints: () => readonly string[]): string[] {
  const endpoints = new Set<string>();
  const fromUrls = new Set<string>();
  for (const url of effects.urls) {
    try {
      const parsed = new URL(url);
      const host = parsed.hostname.toLowerCase();
      const port = parsed.port ? Number(parsed.port) : SCHEME_PORTS[parsed.protocol];
      if (!host || !port) continue;
      endpoints.add(`${host}:${port}`);
      fromUrls.add(host);
    } catch {
      // not a URL the proxy could be asked for
    }
  }
  const remotes = usesGitRemotes(effects) ? gitRemoteEndpoints() : [];
  // A remote's host is among the effects' hosts (policy judged it): it gets the remote's port only.
  const fromRemotes = new Set(remotes.map(hostOfEndpoint));
  const ssh = effects.commands.some((c) => SSH_PROGRAMS.has(c.program));
  // A package manager's registry (among its effects' hosts too) is reached over https only.
  const registries = new Set(effects.commands.flatMap((c) => REGISTRIES[c.program] ?? []));
  for (const host of effects.hosts) {
    if (fromUrls.has(host) || fromRemotes.has(host) || registries.has(host)) continue;
    endpoints.add(`${host}:443`).add(`${host}:80`);
    if (ssh) endpoints.add(`${host}:22`);
  }
  for (const host of registries) endpoints.add(`${host}:443`);
  for (const endpoint of remotes) endpoints.add(endpoint);
  return [...endpoints]
    .filter((e) => !e.startsWith('?') && hostClass(hostOfEndpoint(e)) !== 'metadata')
    .sort()
    .slice(0, MAX_EGRESS_HOSTS);
}
