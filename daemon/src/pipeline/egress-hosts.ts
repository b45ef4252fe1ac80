/**
 * The hosts a confined command may reach through the egress proxy: what its judged effects contact
 * (a URL's explicit port kept), the registries of the package managers it runs, and for git's
 * network commands the repository's remotes. Nothing the analyser did not see; never the cloud
 * metadata service.
 */
import { MAX_EGRESS_HOSTS, type Effects } from '../protocol/index.js';
import { hostClass } from '../protocol/paths.js';

/** Where each package manager fetches from by default. */
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
const GIT_NETWORK = new Set(['push', 'pull', 'fetch', 'clone', 'ls-remote', 'submodule', 'remote']);

export function egressHosts(effects: Effects, gitRemoteHosts: () => readonly string[]): string[] {
  const hosts = new Set<string>();
  const withPort = new Set<string>();
  for (const url of effects.urls) {
    try {
      const parsed = new URL(url);
      const host = parsed.hostname.toLowerCase();
      if (parsed.port) {
        hosts.add(`${host}:${parsed.port}`);
        withPort.add(host);
      } else hosts.add(host);
    } catch {
      // not a URL the proxy could be asked for
    }
  }
  for (const host of effects.hosts) if (!withPort.has(host)) hosts.add(host);
  let remotes = false;
  for (const command of effects.commands) {
    for (const host of REGISTRIES[command.program] ?? []) hosts.add(host);
    if (command.program === 'git' && command.argv.some((arg) => GIT_NETWORK.has(arg))) remotes = true;
  }
  if (remotes) for (const host of gitRemoteHosts()) hosts.add(host);
  return [...hosts]
    .filter((h) => !h.startsWith('?') && hostClass(h.replace(/:\d+$/, '')) !== 'metadata')
    .sort()
    .slice(0, MAX_EGRESS_HOSTS);
}
