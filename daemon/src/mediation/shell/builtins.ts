/**
 * Bash builtins: the commands that change the shell itself (directory, variables, functions,
 * options) or run other commands (`eval`, `source`, `exec`, `command`, `trap`). They need the
 * analyser's state, so they are code rather than data models. Pure.
 */
import type { Analyser, Stdin } from './analyse.js';
import type { Field, Output } from './expand.js';
import type { EngineContext } from './run.js';
import { resolvePath, subshell, type State } from './state.js';

type Builtin = (
  analyser: Analyser,
  ctx: EngineContext,
  args: Field[],
  state: State,
  via: string[],
  stdin: Stdin | undefined,
) => Output | undefined;

const DONE: Output = { kind: 'text', text: '' };

/** Shell options that change nothing aarm judges. */
const HARMLESS_SHOPTS = new Set([
  'nullglob',
  'failglob',
  'globstar',
  'extglob',
  'nocasematch',
  'lastpipe',
  'inherit_errexit',
  'checkwinsize',
  'histappend',
  'cmdhist',
  'lithist',
  'checkjobs',
  'huponexit',
  'globasciiranges',
  'progcomp',
  'promptvars',
  'sourcepath',
  'interactive_comments',
  'nocaseglob',
]);

function cd(analyser: Analyser, args: Field[], state: State): void {
  const target = args.find((a) => !/^-[LPe@]+$/.test(a.text));
  if (target === undefined) {
    state.cwd = state.vars.has('HOME') ? state.vars.get('HOME')!.text : analyser.home;
    return;
  }
  if (!target.known || target.text === '-' || target.many) {
    state.cwd = undefined;
    return;
  }
  const text = target.text;
  const cdpath = state.vars.get('CDPATH');
  if (cdpath !== undefined && !/^(\/|\.\.?(\/|$)|~)/.test(text)) {
    // `CDPATH=~/.local/state; cd aarm` enters ~/.local/state/aarm when it exists there: judge the
    // CDPATH entry, the place Bash looks first.
    if (cdpath.text === undefined) {
      state.cwd = undefined;
      return;
    }
    const first = cdpath.text.split(':').find((d) => d !== '' && d !== '.');
    if (first !== undefined) {
      state.cwd = resolvePath(`${first.replace(/\/$/, '')}/${text}`, state, analyser.home);
      return;
    }
  }
  state.cwd = resolvePath(text, state, analyser.home);
}

function runJoined(analyser: Analyser, ctx: EngineContext, words: Field[], name: string): void {
  if (words.length === 0) return;
  if (words.some((w) => !w.known)) {
    analyser.scope.notUnderstood(`\`${name}\` runs a command string that is only known when the command runs`);
    if (words.some((w) => w.network)) analyser.scope.risk('download-and-execute');
    return;
  }
  ctx.runScript(words.map((w) => w.text).join(' '), name);
}

export const BUILTINS: Record<string, Builtin> = {
  cd(analyser, _ctx, args, state) {
    cd(analyser, args, state);
    return DONE;
  },
  pushd(analyser, _ctx, args, state) {
    if (args.some((a) => /^[+-]\d+$/.test(a.text))) state.cwd = undefined;
    else cd(analyser, args, state);
    return DONE;
  },
  // Where popd returns to is on a stack this analysis does not follow.
  popd(_analyser, _ctx, _args, state) {
    state.cwd = undefined;
    return DONE;
  },
  dirs: () => undefined,
  eval(analyser, ctx, args) {
    runJoined(analyser, ctx, args, 'eval');
    return { kind: 'unknown', decoded: false };
  },
  source(_analyser, ctx, args) {
    const [file] = args;
    if (file) ctx.runsFile(file, 'commands');
    return { kind: 'unknown', decoded: false };
  },
  '.': (analyser, ctx, args, state, via, stdin) => BUILTINS.source!(analyser, ctx, args, state, via, stdin),
  exec(analyser, ctx, args, state, via, stdin) {
    let i = 0;
    while (i < args.length && args[i]!.text.startsWith('-')) i += args[i]!.text === '-a' ? 2 : 1;
    const rest = args.slice(i);
    if (rest.length === 0) return DONE;
    return analyser.command(rest, state, [...via, 'exec'], stdin);
  },
  command(analyser, _ctx, args, state, via, stdin) {
    let i = 0;
    let lookupOnly = false;
    for (; i < args.length && /^-[pvV]+$/.test(args[i]!.text); i++) if (/[vV]/.test(args[i]!.text)) lookupOnly = true;
    if (lookupOnly || i >= args.length) return undefined;
    return analyser.command(args.slice(i), state, [...via, 'command'], stdin);
  },
  builtin(analyser, _ctx, args, state, via, stdin) {
    return args.length > 0 ? analyser.command(args, state, [...via, 'builtin'], stdin) : DONE;
  },
  unset(_analyser, _ctx, args, state) {
    let functions = false;
    for (const a of args) {
      if (a.text === '-f') functions = true;
      else if (a.text === '-v' || a.text === '-n') functions = false;
      else if (!a.known) continue;
      else if (functions) state.functions.delete(a.text);
      else state.vars.set(a.text, { text: undefined, unset: true });
    }
    return DONE;
  },
  set(_analyser, _ctx, args, state) {
    const dashes = args.findIndex((a) => a.text === '--');
    if (dashes >= 0) {
      const rest = args.slice(dashes + 1);
      rest.forEach((a, i) => state.vars.set(String(i + 1), { text: a.known ? a.text : undefined }));
    }
    return DONE;
  },
  shopt(analyser, _ctx, args) {
    const set = args.some((a) => a.text === '-s');
    if (!set) return DONE;
    for (const a of args) {
      if (a.text.startsWith('-')) continue;
      if (a.text === 'dotglob') analyser.scope.dotglob = true;
      else if (!a.known || !HARMLESS_SHOPTS.has(a.text))
        analyser.scope.notUnderstood(`\`shopt -s ${a.text}\` changes how later commands are read or run`);
    }
    return DONE;
  },
  enable(analyser, _ctx, args) {
    const f = args.findIndex((a) => a.text === '-f');
    if (f >= 0)
      analyser.scope.notUnderstood(
        `\`enable -f\` loads the native library \`${args[f + 1]?.text ?? ''}\` into the shell`,
      );
    return DONE;
  },
  hash(analyser, _ctx, args) {
    if (args.some((a) => a.text === '-p'))
      analyser.scope.notUnderstood('`hash -p` makes a command name run another program');
    return DONE;
  },
  alias: () => DONE,
  unalias: () => DONE,
  read(_analyser, _ctx, args, state) {
    const withValue = new Set(['-d', '-n', '-N', '-p', '-t', '-u', '-i', '-a']);
    for (let i = 0; i < args.length; i++) {
      const t = args[i]!.text;
      if (t === '-a') {
        const name = args[i + 1]?.text;
        if (name) state.vars.set(name, { text: undefined });
        i++;
      } else if (withValue.has(t)) i++;
      else if (!t.startsWith('-')) state.vars.set(t, { text: undefined });
    }
    if (!args.some((a) => !a.text.startsWith('-'))) state.vars.set('REPLY', { text: undefined });
    return DONE;
  },
  mapfile(_analyser, _ctx, args, state) {
    const names = args.filter((a, i) => !a.text.startsWith('-') && !/^-[dnOscCu]$/.test(args[i - 1]?.text ?? ''));
    state.vars.set(names.at(-1)?.text ?? 'MAPFILE', { text: undefined });
    return DONE;
  },
  readarray: (analyser, ctx, args, state, via, stdin) => BUILTINS.mapfile!(analyser, ctx, args, state, via, stdin),
  printf(analyser, ctx, args, state, via, stdin) {
    if (args[0]?.text !== '-v') return undefined;
    const name = args[1]?.text;
    if (name) {
      // The value is what printf would print with the remaining arguments.
      const printed = analyser.command(
        [{ text: 'printf', known: true, glob: false, many: false, network: false, decoded: false }, ...args.slice(2)],
        subshell(state),
        via,
        stdin,
      );
      state.vars.set(
        name,
        printed.kind === 'text' ? { text: printed.text } : { text: undefined, decoded: printed.kind === 'unknown' && printed.decoded },
      );
    }
    return DONE;
  },
  trap(analyser, ctx, args) {
    const [handler] = args;
    if (!handler || /^-[lp]$/.test(handler.text) || handler.text === '-' || handler.text === '') return DONE;
    runJoined(analyser, ctx, [handler], 'trap');
    return DONE;
  },
  let(analyser, _ctx, args, state) {
    for (const a of args) {
      const name = /^([A-Za-z_]\w*)\s*([-+*/%]?=|\+\+|--)/.exec(a.text)?.[1];
      if (name) state.vars.set(name, { text: undefined });
      if (!a.known) analyser.scope.notUnderstood('`let` evaluates an expression only known when the command runs');
    }
    return DONE;
  },
  fc(analyser, _ctx, args) {
    // `fc -l` lists the history; anything else re-runs or edits commands from it.
    if (!args.some((a) => /^-[a-zA-Z]*l/.test(a.text)))
      analyser.scope.notUnderstood('`fc` runs commands again from the shell history');
    return DONE;
  },
  export: () => DONE,
  declare: () => DONE,
  typeset: () => DONE,
  local: () => DONE,
  readonly: () => DONE,
  true: () => DONE,
  false: () => DONE,
  ':': () => DONE,
  test: () => DONE,
  '[': () => DONE,
  wait: () => DONE,
  exit: () => DONE,
  return: () => DONE,
  shift: () => DONE,
  break: () => DONE,
  continue: () => DONE,
  times: () => DONE,
  umask: () => DONE,
  ulimit: () => DONE,
  jobs: () => DONE,
  fg: () => DONE,
  bg: () => DONE,
  disown: () => DONE,
  suspend: () => DONE,
  logout: () => DONE,
  getopts(_analyser, _ctx, args, state) {
    const name = args[1]?.text;
    if (name) state.vars.set(name, { text: undefined });
    state.vars.set('OPTARG', { text: undefined });
    return DONE;
  },
  type: () => undefined,
  help: () => undefined,
  caller: () => undefined,
  compgen: () => undefined,
  complete: () => DONE,
  compopt: () => DONE,
  history: () => undefined,
  echo: () => undefined,
  pwd: () => undefined,
};
