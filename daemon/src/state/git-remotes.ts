/**
 * Where a repository's remotes are, read from its `.git/config` (the repository that holds `cwd`),
 * as `host:port`: the policy sees their hosts as what a `git push` or `git fetch` contacts, and a
 * confined one may reach them through the egress proxy. Only what the file says, at most 16;
 * links are followed as git follows them.
 */
import { statSync } from 'node:fs';
import { GIT_REMOTE_HOST_PREFIX, UNKNOWN_HOST, parseRemote } from '../mediation/shell/hosts.js';
import { readSmallFile } from './files.js';
import { dirname, isAbsolute, join, resolve } from 'node:path';

const MAX_CONFIG_BYTES = 256 * 1024;

export function gitRemoteEndpoints(cwd: string): string[] {
  return gitRemoteHosts(cwd).filter((e) => !e.startsWith('?'));
}

/**
 * What policy judges a git command that names a remote by: the remotes' endpoints, `?remote:NAME`
 * for each remote the file defines (a name it does not define, such as one of git's older
 * `.git/remotes/NAME` files, stays unknown), and the unknown host `?` when the file sends git
 * elsewhere than its `url` lines say (`url.<base>.insteadOf`, an included file) or has a URL
 * aarm cannot read as git does.
 */
export function gitRemoteHosts(cwd: string): string[] {
  const config = repositoryConfig(resolve(cwd));
  if (!config) return [];
  const text = readSmallFile(config, MAX_CONFIG_BYTES);
  if (text === undefined) return [];
  const hosts = new Set<string>();
  let unknown = redirected(text);
  for (const match of text.matchAll(/^\s*(?:push)?url\s*=(.*)$/gim)) {
    const value = match[1]!.trim();
    // git reads quotes, escapes and comments (`;`, `#`) in a value: `https://evil.example;@github.com/`
    // is https://evil.example to git. A value with any of them, or a blank, is not read here.
    const plain = !/[;#"\\\s]/.test(value);
    const endpoint = plain ? endpointOfRemote(value) : undefined;
    // Past 16 hosts, the rest are unknown rather than left out.
    if (endpoint && !hosts.has(endpoint) && hosts.size >= 16) unknown = true;
    else if (endpoint) hosts.add(endpoint);
    else if (!plain || parseRemote(value)?.kind !== 'local') unknown = true;
  }
  const names = [...text.matchAll(/^\s*\[\s*remote\s+"((?:[^"\\\n]|\\.)*)"\s*\]/gim)].map(
    (m) => `${GIT_REMOTE_HOST_PREFIX}${m[1]!.replace(/\\(.)/g, '$1')}`,
  );
  return [...hosts, ...new Set(names), ...(unknown ? [UNKNOWN_HOST] : [])];
}

/**
 * Whether git may contact other hosts than the `url` lines say: rewrites of URLs (insteadOf,
 * pushInsteadOf) or included files. (A remote of git's older `remotes/` and `branches/` files has
 * a name the config does not define, so it stays `?remote:NAME`.)
 */
function redirected(text: string): boolean {
  return /^\s*\[\s*(url\s+"|include\b|includeif\b)|^\s*(push)?insteadof\s*=/im.test(text);
}

const DEFAULT_PORTS: Record<string, number> = { https: 443, http: 80, ssh: 22, git: 9418 };

/** `https://host/…`, `ssh://user@host:22/…`, `git://host/…`, or scp-like `user@host:path`, as `host:port`. */
export function endpointOfRemote(url: string): string | undefined {
  const remote = parseRemote(url);
  if (remote === undefined || remote.kind === 'local' || remote.host.startsWith('?')) return undefined;
  if (remote.kind === 'scp') return `${remote.host}:22`;
  const port = remote.port ?? DEFAULT_PORTS[remote.scheme];
  return port ? `${remote.host}:${port}` : undefined;
}

/** The `config` of the repository holding `dir`: `.git/config`, or where a `.git` file points. */
function repositoryConfig(dir: string): string | undefined {
  for (let current = dir, depth = 0; depth < 64; depth++) {
    const dotGit = join(current, '.git');
    try {
      const stat = statSync(dotGit);
      if (stat.isDirectory()) return join(dotGit, 'config');
      if (stat.isFile()) {
        const pointer = /^gitdir:\s*(.+)$/m.exec(readSmallFile(dotGit, 4096) ?? '')?.[1]?.trim();
        if (!pointer) return undefined;
        const gitDir = isAbsolute(pointer) ? pointer : resolve(current, pointer);
        // A worktree's config is its common directory's.
        const common = readSmallFile(join(gitDir, 'commondir'), 4096)?.trim();
        return common ? join(resolve(gitDir, common), 'config') : join(gitDir, 'config');
      }
    } catch {
      // no .git here
    }
    const parent = dirname(current);
    if (parent === current) return undefined;
    current = parent;
  }
  return undefined;
}
