/**
 * The effects of any action, for policy (`effects.*`): shell commands through the analyser,
 * file and network actions directly. Pure and deterministic.
 */
import type { Action, Effects } from '../protocol/index.js';
import { analyseShell } from './shell/analyse.js';
import { normaliseHost } from './shell/hosts.js';
import { PERSISTENCE_PATH_CLASSES, pathClasses } from './paths.js';

export interface EffectsOptions {
  home: string;
}

const SAFE_METHODS = ['GET', 'HEAD', 'OPTIONS'];

export function deriveEffects(action: Action, options: EffectsOptions): Effects {
  const effects = base(action, options);
  const sensitive = new Set<string>();
  for (const path of [...effects.reads, ...effects.writes, ...effects.deletes])
    for (const c of pathClasses(path, options.home)) sensitive.add(c);
  effects.sensitive = [...sensitive];
  // Changing what runs later is persistence, whichever tool writes it.
  const changed = [...effects.writes, ...effects.deletes];
  if (
    changed.some((path) =>
      pathClasses(path, options.home).some((c) => PERSISTENCE_PATH_CLASSES.includes(c)),
    ) &&
    !effects.risks.includes('persistence')
  ) {
    effects.risks.push('persistence');
  }
  return effects;
}

function empty(): Effects {
  return {
    reads: [],
    writes: [],
    deletes: [],
    hosts: [],
    urls: [],
    network: false,
    programs: [],
    commands: [],
    executes: [],
    risks: [],
    sensitive: [],
    unknown: [],
  };
}

function base(action: Action, options: EffectsOptions): Effects {
  switch (action.tool) {
    case 'shell': {
      const workspace = action.context?.workspace;
      const analysed = analyseShell(action.parameters.command, {
        cwd: action.parameters.cwd,
        home: options.home,
        ...(workspace ? { workspace } : {}),
      });
      return { ...analysed, sensitive: [] };
    }
    case 'fs': {
      const effects = empty();
      const key = action.operation === 'read' ? 'reads' : action.operation === 'write' ? 'writes' : 'deletes';
      effects[key].push(action.parameters.path);
      return effects;
    }
    case 'net': {
      const effects = empty();
      const url = new URL(action.parameters.url);
      effects.network = true;
      effects.urls.push(url.href);
      effects.hosts.push(normaliseHost(url.hostname));
      if (!SAFE_METHODS.includes(action.parameters.method) || action.parameters.body !== undefined)
        effects.risks.push('exfiltration');
      return effects;
    }
    case 'mcp':
      return empty();
  }
}

/**
 * The kind of action a standing approval covers: the program and subcommand of a shell command
 * (`git push`), the operation and path of a file action, the method and host of a request, the
 * server and tool of an MCP call.
 */
export function actionKey(action: Action, effects: Effects): string {
  // What a grant covers must be no wider than what the human saw: the same program and subcommand,
  // and the same hosts and risk classes (a grant for `git push` is not one for `git push --force`).
  const qualifiers = [
    ...(effects.hosts.length > 0 ? [`to ${[...effects.hosts].sort().join(',')}`] : []),
    ...(effects.risks.length > 0 ? [`[${[...effects.risks].sort().join(',')}]`] : []),
  ];
  const qualified = (base: string) => [base, ...qualifiers].join(' ');
  switch (action.tool) {
    case 'shell': {
      const first =
        effects.commands.find((c) => !['cd', 'export'].includes(c.program)) ?? effects.commands[0];
      if (!first) return qualified(`shell ${action.parameters.command.slice(0, 80)}`);
      const sub = first.argv.slice(1).find((a) => !a.startsWith('-'));
      const programs = [...new Set(effects.commands.map((c) => c.program))];
      // A compound command is granted as a whole, not by its first program.
      if (programs.length > 1) return qualified(`shell ${action.parameters.command.slice(0, 200)}`);
      return qualified(sub && /^[a-z][\w-]*$/.test(sub) ? `${first.program} ${sub}` : first.program);
    }
    case 'fs':
      return `fs/${action.operation} ${action.parameters.path}`;
    case 'net':
      return qualified(`net ${action.parameters.method}`);
    case 'mcp':
      return `mcp ${action.parameters.server}.${action.parameters.tool}`;
  }
}
