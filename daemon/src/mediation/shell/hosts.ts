/** Hosts and URLs as policy compares them. Pure. */

/** Lower case, IDN → punycode, IPv4/IPv6 forms canonical (`0x7f.1` → `127.0.0.1`), via the WHATWG URL parser. */
export function normaliseHost(host: string): string {
  const bare = host.replace(/^\[|\]$/g, '');
  try {
    const literal = bare.includes(':') ? `[${bare}]` : bare;
    // A trailing dot names the same host (`metadata.google.internal.`).
    return new URL(`http://${literal}/`).hostname.toLowerCase().replace(/(?<=[a-z0-9-])\.$/, '');
  } catch {
    return `?${host.toLowerCase()}`;
  }
}

/** A URL as a tool would take it; tools such as curl accept `example.com/x` without a scheme. */
export function parseUrlArgument(text: string): URL | undefined {
  const withScheme = /^[a-zA-Z][a-zA-Z0-9+.-]*:\/\//.test(text)
    ? text
    : /^[\w.-]+\.[a-zA-Z]{2,}(:\d+)?(\/|$)/.test(text)
      ? `http://${text}`
      : undefined;
  if (withScheme === undefined) return undefined;
  try {
    return new URL(withScheme);
  } catch {
    return undefined;
  }
}

export { hostClass } from '../../protocol/paths.js';

/**
 * A host aarm cannot name when it analyses the command: a URL or host only known when it runs, or
 * the server a program is configured to use. Policy sees it among `effects.hosts` (never an empty
 * list for a command that uses the network), and it is on no allowlist.
 */
export const UNKNOWN_HOST = '?';

/** The host of a git remote given by name (`origin`): the daemon puts the hosts `.git/config` names in its place. */
export const GIT_REMOTE_HOST_PREFIX = '?remote:';

/** Where a remote copy, a remote shell or a repository is. */
export type Remote =
  /** `scheme://[user@]host[:port]/path` (ssh, scp, sftp, rsync, git, http, https …) */
  | { kind: 'url'; scheme: string; host: string; port: number | undefined; user: string; url: URL }
  /** `[user@]host:path` (scp-like, as git, scp and rsync take it), `host::module` (rsync daemon) */
  | { kind: 'scp'; host: string; user: string; path: string }
  /** a path on this machine: `file:///x`, `./repo`, `/srv/x.git`, `repo` */
  | { kind: 'local'; path: string };

/**
 * One reading of remote specs for every program that takes them (git, scp, rsync, sftp, ssh,
 * mount): git's rule decides — a scheme followed by `://` is a URL, a colon before any slash is
 * scp-like `host:path`, anything else is a local path. Undefined: a URL no parser accepts.
 */
export function parseRemote(text: string): Remote | undefined {
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(text)?.[1]?.toLowerCase();
  if (scheme !== undefined) {
    let url: URL;
    try {
      // `git+ssh://` and `ssh+git://` are ssh; WHATWG parses other schemes' hosts without lowering them.
      url = new URL(text.replace(/^(git\+ssh|ssh\+git):/i, 'ssh:'));
    } catch {
      return undefined;
    }
    if (scheme === 'file') return { kind: 'local', path: decodeURIComponent(url.pathname) };
    if (url.hostname === '') return undefined;
    return {
      kind: 'url',
      scheme: scheme.replace(/^(git\+ssh|ssh\+git)$/, 'ssh'),
      host: normaliseHost(url.hostname),
      port: url.port === '' ? undefined : Number(url.port),
      user: decodeURIComponent(url.username),
      url,
    };
  }
  // `[user@]host:path`, `[user@][v6]:path`, `host::module`: only when no slash comes before the colon.
  const scp = /^(?:([^@/:]+)@)?(\[[^\]/]+\]|[^:/[\]@]+):(:?)(.*)$/s.exec(text);
  if (scp && scp[2] !== '' && !/^[a-zA-Z]$/.test(scp[2]!) && !text.startsWith('-'))
    return { kind: 'scp', host: normaliseHost(scp[2]!), user: scp[1] ?? '', path: scp[4]! };
  return { kind: 'local', path: text };
}

/**
 * Where a program talks to when it uses the network and its arguments name no host: package
 * managers' default registries, container registries, forges' APIs. Its configuration may point
 * elsewhere (`.npmrc`, `pip.conf`, `~/.docker/config.json`), so the unknown host comes with it.
 */
export const DEFAULT_HOSTS: Record<string, readonly string[]> = {
  npm: ['registry.npmjs.org'],
  npx: ['registry.npmjs.org'],
  pnpm: ['registry.npmjs.org'],
  pnpx: ['registry.npmjs.org'],
  yarn: ['registry.yarnpkg.com', 'registry.npmjs.org', 'repo.yarnpkg.com'],
  bun: ['registry.npmjs.org'],
  bunx: ['registry.npmjs.org'],
  pip: ['pypi.org', 'files.pythonhosted.org'],
  pip3: ['pypi.org', 'files.pythonhosted.org'],
  pipx: ['pypi.org', 'files.pythonhosted.org'],
  uv: ['pypi.org', 'files.pythonhosted.org'],
  uvx: ['pypi.org', 'files.pythonhosted.org'],
  poetry: ['pypi.org', 'files.pythonhosted.org'],
  twine: ['upload.pypi.org'],
  cargo: ['crates.io', 'index.crates.io', 'static.crates.io'],
  go: ['proxy.golang.org', 'sum.golang.org'],
  gem: ['rubygems.org', 'index.rubygems.org'],
  bundle: ['rubygems.org', 'index.rubygems.org'],
  composer: ['repo.packagist.org'],
  docker: ['docker.io'],
  podman: ['docker.io'],
  gh: ['api.github.com', 'github.com'],
  glab: ['gitlab.com'],
};
