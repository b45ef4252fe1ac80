/**
 * Canonical form of an action before policy sees it (AARM Action Mediation): `~` expanded, paths
 * made absolute and lexically normalised, URLs parsed and re-serialised (IDN hosts → punycode).
 * The same request always yields the same action. Pure: no file system access.
 */
import { posix } from 'node:path';
import type { Action, ParseResult } from '../protocol/index.js';

export interface NormalizeOptions {
  /** the user's home directory, for `~` */
  home: string;
  /**
   * Resolves symbolic links in an absolute path (the daemon passes one that asks the file
   * system); without it, paths are only normalised lexically.
   */
  realpath?: (path: string) => string;
}

export function normalizeAction(action: Action, options: NormalizeOptions): ParseResult<Action> {
  const real = options.realpath ?? ((path: string) => path);
  const workspaceInput = action.context?.workspace;
  let workspace: string | undefined;
  if (workspaceInput !== undefined) {
    const resolved = absolutePath(workspaceInput, undefined, options.home);
    if (resolved === undefined)
      return { ok: false, error: `context.workspace: \`${workspaceInput}\` is not an absolute path` };
    workspace = real(resolved);
  }
  const context =
    action.context === undefined ? undefined : { ...action.context, ...(workspace ? { workspace } : {}) };
  const withContext = <T extends Action>(a: T): T => (context === undefined ? a : { ...a, context });

  switch (action.tool) {
    case 'shell': {
      const cwd = absolutePath(action.parameters.cwd, workspace, options.home);
      if (cwd === undefined)
        return { ok: false, error: `parameters.cwd: \`${action.parameters.cwd}\` is not an absolute path` };
      return {
        ok: true,
        value: withContext({ ...action, parameters: { ...action.parameters, cwd: real(cwd) } }),
      };
    }
    case 'fs': {
      const path = absolutePath(action.parameters.path, workspace, options.home);
      if (path === undefined) {
        return {
          ok: false,
          error: `parameters.path: \`${action.parameters.path}\` is relative and the action names no context.workspace`,
        };
      }
      // A link inside the workspace that points at ~/.ssh is judged as ~/.ssh.
      return {
        ok: true,
        value: withContext({ ...action, parameters: { ...action.parameters, path: real(path) } }),
      };
    }
    case 'net': {
      let url: URL;
      try {
        url = new URL(action.parameters.url);
      } catch {
        return { ok: false, error: `parameters.url: \`${action.parameters.url}\` is not a URL` };
      }
      const method = action.parameters.method.toUpperCase();
      return {
        ok: true,
        value: withContext({ ...action, parameters: { ...action.parameters, method, url: url.href } }),
      };
    }
    case 'mcp':
      return { ok: true, value: withContext(action) };
  }
}

/** `~` → home, relative → against `base`; undefined when the result would not be absolute. */
export function absolutePath(input: string, base: string | undefined, home: string): string | undefined {
  let path = input;
  if (path === '~' || path.startsWith('~/')) path = home + path.slice(1);
  if (!posix.isAbsolute(path)) {
    if (base === undefined) return undefined;
    path = posix.join(base, path);
  }
  const normalized = posix.normalize(path);
  return normalized.length > 1 && normalized.endsWith('/') ? normalized.slice(0, -1) : normalized;
}
