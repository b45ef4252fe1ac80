/**
 * The pure front of the judging pipeline, shared by the daemon, `aarm check`, the language server
 * and the tests: an action as sent → a valid, normalised action (prepare), and the action → what it
 * does (effects). The file system enters only as an injected view.
 */
import { normalizeAction } from '../mediation/normalize.js';
import { parseAction, type Action, type Effects, type ParseResult } from '../protocol/index.js';
import { analyseAction, deriveEffects, resolveEffects, type FileView } from '../mediation/effects.js';
import type { PolicySet } from '../policy/index.js';

export interface PolicyView {
  set: PolicySet;
  protectedPaths: string[];
  stateDir: string;
}

/** Finds the policy in force for a workspace (the daemon's watched sources, or a fixed set). */
export interface PolicyLookup {
  forWorkspace(workspace: string | undefined): PolicyView;
}

/** Parse and normalise an action as sent; `realpath` resolves links where the caller sees a file system. */
export function prepareForPolicy(home: string, realpath?: (path: string) => string) {
  return (raw: unknown): ParseResult<Action> => {
    const parsed = parseAction(raw);
    return parsed.ok ? normalizeAction(parsed.value, { home, ...(realpath ? { realpath } : {}) }) : parsed;
  };
}

const SHELL_EFFECTS_CACHE_SIZE = 2000;

/**
 * Mediation's effects function. The analysis of a shell command is cached (agents repeat them);
 * with a file system view, what the kernel will see (links, installed packages) is asked afresh
 * each time, since it changes between commands.
 */
export function effectsFor(home: string, fs?: FileView): (action: Action) => Effects {
  const cache = new Map<string, Effects>();
  const options = { home, ...(fs ? { fs } : {}) };
  return (action) => {
    if (action.tool !== 'shell') return deriveEffects(action, options);
    const key = JSON.stringify([
      action.parameters.command,
      action.parameters.cwd,
      action.context?.workspace ?? '',
    ]);
    let analysed = cache.get(key);
    if (analysed === undefined) {
      analysed = analyseAction(action, home);
      if (cache.size >= SHELL_EFFECTS_CACHE_SIZE) cache.delete(cache.keys().next().value!);
      cache.set(key, analysed);
    }
    return resolveEffects(action, analysed, options);
  };
}
