/**
 * Where package managers are configured to fetch from, read from their settings files through the
 * daemon's file view: the project's and the user's `.npmrc` (`registry=`, `@scope:registry=`),
 * `.yarnrc.yml` (`npmRegistryServer`), `.yarnrc` (`registry`), and pip's `pip.conf`
 * (`index-url`, `extra-index-url`). Only hosts are added: what else the environment or a global
 * setting says stays unknown (`?`), so nothing here makes a command look safer.
 */
import { posix } from 'node:path';
import { normaliseHost, parseUrlArgument } from './shell/hosts.js';

const NPM_FAMILY = new Set(['npm', 'npx', 'pnpm', 'pnpx', 'yarn', 'bun', 'bunx']);
const PIP_FAMILY = new Set(['pip', 'pip3', 'pipx']);

const NPMRC = /^\s*(?:@[^:\s]+:)?registry\s*=\s*["']?([^"'\s]+)/gim;
const YARNRC_YML = /^\s*npmRegistryServer\s*:\s*["']?([^"'\s]+)/gim;
const YARNRC = /^\s*registry\s+["']?([^"'\s]+)/gim;
const PIP_CONF = /^\s*(?:extra-)?index-url\s*=\s*([^\s#]+)/gim;

/** The hosts the settings files name for the package managers `programs` run in `cwd`. */
export function configuredRegistryHosts(
  programs: readonly string[],
  cwd: string,
  home: string,
  read: (path: string) => string | undefined,
): string[] {
  const found = new Set<string>();
  const scan = (path: string, pattern: RegExp) => {
    const text = read(path);
    if (text === undefined) return;
    for (const match of text.matchAll(pattern)) {
      const url = parseUrlArgument(match[1]!);
      if (url) found.add(normaliseHost(url.hostname));
    }
  };
  if (programs.some((p) => NPM_FAMILY.has(p))) {
    for (const dir of upwards(cwd)) {
      scan(posix.join(dir, '.npmrc'), NPMRC);
      scan(posix.join(dir, '.yarnrc.yml'), YARNRC_YML);
      scan(posix.join(dir, '.yarnrc'), YARNRC);
    }
    scan(posix.join(home, '.npmrc'), NPMRC);
    scan(posix.join(home, '.yarnrc.yml'), YARNRC_YML);
  }
  if (programs.some((p) => PIP_FAMILY.has(p)))
    for (const path of [
      posix.join(home, '.config/pip/pip.conf'),
      posix.join(home, '.pip/pip.conf'),
      '/etc/pip.conf',
      '/etc/xdg/pip/pip.conf',
    ])
      scan(path, PIP_CONF);
  return [...found];
}

/** `cwd` and each folder above it. */
function upwards(cwd: string): string[] {
  const dirs: string[] = [];
  for (let dir = cwd, guard = 0; guard < 64; guard++) {
    dirs.push(dir);
    const parent = posix.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return dirs;
}
