/**
 * Where a repository's remotes are, read from its `.git/config` (the repository that holds `cwd`),
 * as `host:port`: the policy sees their hosts as what a `git push` or `git fetch` contacts, and a
 * confined one may reach them through the egress proxy. Only what the file says, at most 16;
 * links are followed as git follows them.
 */
import { statSync } from 'node:fs';
import { parseRemote } from '../mediation/shell/hosts.js';
import { readSmallFile } from './files.js';
import { dirname, isAbsolute, join, resolve } from 'node:path';

const MAX_CONFIG_BYTES = 256 * 1024;

export function gitRemoteEndpoints(cwd: string): string[] {
  const config = repositoryConfig(resolve(cwd));
  if (!config) return [];
  const text = readSmallFile(config, MAX_CONFIG_BYTES);
  if (text === undefined) return [];
  const hosts = new Set<string>();
  for (const match of text.matchAll(/^\s*(?:push)?url\s*=\s*"?([^"\n]+?)"?\s*$/gim)) {
    const endpoint = endpointOfRemote(match[1]!);
    if (endpoint) hosts.add(endpoint);
    if (hosts.size >= 16) break;
  }
  return [...hosts];
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
