/**
 * Bash builtins: the commands that change the shell itself (directory, variables, functions,
 * options) or run other commands (`eval`, `source`, `exec`, `command`, `trap`). They need the
 * analyser's state, so they are code rather than data models. Pure.
 */
import type { Analyser, Stdin } from './analyse.js';
import { toInt, type Field, type Output } from './expand.js';
import type { EngineContext } from './run.js';
import { resolvePath, subshell, type State } from './state.js';

type Builtin = (
  analyser: Analyser,
  ctx: EngineContext,
  args: Field[],
  state: State,
  via: string[],
  stdin: Stdin | undefined,
  /** the environment of this command (`CDPATH=x cd y`: prefix assignments) */
  env?: State,
) => Output | undefined;

const DONE: Output = { kind: 'text', text: '' };

/** Shell options that change nothing aarm judges. */
const HARMLESS_SHOPTS = new Set([
  'nullglob',
  'failglob',
  'globstar',
  'extglob',
  'nocasematch',
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

function cd(analyser: Analyser, args: Field[], state: State, env: State = state): void {
  // options (`-P`, `-L`), then `--`, then the folder
  let i = 0;
  while (i < args.length && args[i]!.known && /^-[LPe@]+$/.test(args[i]!.text)) i++;
  if (args[i]?.known && args[i]!.text === '--') i++;
  const target = args[i];
  if (target === undefined) {
    state.cwd = state.vars.has('HOME') ? state.vars.get('HOME')!.text : analyser.home;
    return;
  }
  if (!target.known || target.text === '-' || target.many) {
    state.cwd = undefined;
    return;
  }
  const text = target.text;
  const cdpath = env.vars.get('CDPATH');
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
    analyser.scope.notUnderstood(
      `\`${name}\` runs a command string that is only known when the command runs`,
    );
    if (words.some((w) => w.network)) analyser.scope.risk('download-and-execute');
    return;
  }
  ctx.runScript(words.map((w) => w.text).join(' '), name);
}

/** A variable name given to `read`, `mapfile`, `printf -v` …: a subscript in it is arithmetic. */
function setName(analyser: Analyser, name: string, state: State): void {
  analyser.hiddenCode(name, state, `the variable name \`${name}\``);
  state.vars.set(name.replace(/\[.*$/, ''), { text: undefined });
}

function testBuiltin(analyser: Analyser, _ctx: EngineContext, args: Field[], state: State): Output {
  for (const a of args) if (a.known && !a.text.startsWith('-')) toInt(a.text, state, analyser);
  return DONE;
}

function declaration(analyser: Analyser, _ctx: EngineContext, args: Field[], state: State): Output {
  for (const a of args) {
    if (!a.known)
      analyser.scope.notUnderstood(`a declaration gets \`${a.text}\`, only known when the command runs`);
    else if (/^-\w*n/.test(a.text))
      analyser.scope.notUnderstood('`declare -n` makes a name stand for another variable');
    else if (!/^[-+]/.test(a.text)) analyser.assignText(a.text, state);
  }
  return DONE;
}

export const BUILTINS: Record<string, Builtin> = {
  cd(analyser, _ctx, args, state, _via, _stdin, env) {
    cd(analyser, args, state, env);
    return DONE;
  },
  pushd(analyser, _ctx, args, state, _via, _stdin, env) {
    if (args.some((a) => /^[+-]\d+$/.test(a.text))) state.cwd = undefined;
    else
      cd(
        analyser,
        args.filter((a) => a.text !== '-n'),
        state,
        env,
      );
    return DONE;
  },
  // Where popd returns to is on a stack this analysis does not follow.
  popd(_analyser, _ctx, _args, state) {
    state.cwd = undefined;
    return DONE;
  },
  dirs: () => undefined,
  // `eval` and `source` run in this shell: what they assign and where they `cd` holds afterwards.
  eval(analyser, _ctx, args, state, via) {
    if (args.length === 0) return DONE;
    if (args.some((w) => !w.known)) {
      analyser.scope.notUnderstood('`eval` runs a command string that is only known when the command runs');
      if (args.some((w) => w.network)) analyser.scope.risk('download-and-execute');
      return { kind: 'unknown', decoded: false };
    }
    return analyser.current(args.map((w) => w.text).join(' '), state, [...via, 'eval']);
  },
  source(analyser, ctx, args, state, via, stdin) {
    const [file] = args;
    if (!file) return DONE;
    if (file.known && /^(-|\/dev\/stdin|\/dev\/fd\/0|\/proc\/self\/fd\/0)$/.test(file.text)) {
      if (stdin?.output.kind === 'text' && !stdin.fromNetwork)
        return analyser.current(stdin.output.text, state, [...via, 'source']);
      ctx.runsStdin('commands');
      return { kind: 'unknown', decoded: false };
    }
    const path = file.known ? ctx.path(file.text) : undefined;
    const written = path === undefined ? undefined : state.disk.files.get(path);
    if (path !== undefined && written?.text !== undefined && !written.fromNetwork) {
      analyser.scope.executes.add(path);
      analyser.scope.reads.add(path);
      return analyser.current(written.text, state, [...via, path]);
    }
    ctx.runsFile(file, 'commands');
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
    for (; i < args.length && /^-[pvV]+$/.test(args[i]!.text); i++)
      if (/[vV]/.test(args[i]!.text)) lookupOnly = true;
    if (lookupOnly || i >= args.length) return undefined;
    return analyser.command(args.slice(i), state, [...via, 'command'], stdin);
  },
  builtin(analyser, _ctx, args, state, via, stdin) {
    return args.length > 0 ? analyser.command(args, state, [...via, 'builtin'], stdin) : DONE;
  },
  unset(analyser, _ctx, args, state) {
    let functions = false;
    for (const a of args) {
      if (a.text === '-f') functions = true;
      else if (a.text === '-v' || a.text === '-n') functions = false;
      else if (!a.known) continue;
      else if (functions) state.functions.delete(a.text);
      else {
        analyser.hiddenCode(a.text, state, '`unset`');
        state.vars.set(a.text, { text: undefined, unset: true });
      }
    }
    return DONE;
  },
  set(analyser, _ctx, args, state) {
    // Options (`-e`, `-o pipefail`, `+x`) until `--`, `-` or the first other word: the rest are
    // the positional parameters (`set a b` sets $1 and $2).
    let i = 0;
    for (; i < args.length; i++) {
      const a = args[i]!;
      if (!a.known) {
        analyser.scope.notUnderstood(`\`set\` gets \`${a.text}\`, only known when the command runs`);
        return DONE;
      }
      if (a.text === '--' || a.text === '-') {
        i++;
        break;
      }
      if (!/^[-+]/.test(a.text)) break;
      const option = /^[-+]o$/.test(a.text) ? (args[++i]?.text ?? '') : '';
      if (/^[-+][a-zA-Z]*k/.test(a.text) || option === 'keyword')
        analyser.scope.notUnderstood('`set -k` makes every `NAME=value` argument an environment assignment');
      if (option === 'posix') analyser.scope.notUnderstood('`set -o posix` changes which assignments last');
    }
    if (i < args.length || args.some((a) => a.text === '--')) {
      const rest = args.slice(i);
      rest.forEach((a, n) => state.vars.set(String(n + 1), { text: a.known ? a.text : undefined }));
      state.vars.set('#', { text: String(rest.length) });
      state.vars.set(
        '@',
        rest.every((a) => a.known)
          ? { text: rest.map((a) => a.text).join(' '), array: rest.map((a) => a.text) }
          : { text: undefined },
      );
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
  alias(analyser, _ctx, args) {
    // Agents' shells expand aliases (Claude Code's shell snapshot turns `expand_aliases` on and
    // runs the command line by line): one defined here renames a command on a later line.
    const defined = args.find((a) => !a.known || (!a.text.startsWith('-') && a.text.includes('=')));
    if (defined)
      analyser.scope.notUnderstood(
        `\`alias ${defined.text}\` defines a command that the agent's shell may run in place of another on a later line`,
      );
    return DONE;
  },
  unalias: () => DONE,
  read(analyser, _ctx, args, state) {
    const withValue = new Set(['-d', '-n', '-N', '-p', '-t', '-u', '-i', '-a']);
    for (let i = 0; i < args.length; i++) {
      const t = args[i]!.text;
      if (t === '-a') {
        const name = args[i + 1]?.text;
        if (name) setName(analyser, name, state);
        i++;
      } else if (withValue.has(t)) i++;
      else if (!t.startsWith('-')) setName(analyser, t, state);
    }
    if (!args.some((a) => !a.text.startsWith('-'))) state.vars.set('REPLY', { text: undefined });
    return DONE;
  },
  mapfile(analyser, ctx, args, state) {
    const names = args.filter(
      (a, i) => !a.text.startsWith('-') && !/^-[dnOscCu]$/.test(args[i - 1]?.text ?? ''),
    );
    setName(analyser, names.at(-1)?.text ?? 'MAPFILE', state);
    // `-C callback`: a command run for every few lines read
    const callback = args.findIndex((a) => a.text === '-C');
    if (callback >= 0 && args[callback + 1]) runJoined(analyser, ctx, [args[callback + 1]!], 'mapfile -C');
    return DONE;
  },
  readarray: (analyser, ctx, args, state, via, stdin) =>
    BUILTINS.mapfile!(analyser, ctx, args, state, via, stdin),
  printf(analyser, ctx, args, state, via, stdin) {
    if (args[0]?.text !== '-v') return undefined;
    const name = args[1]?.text;
    if (name) {
      analyser.hiddenCode(name, state, '`printf -v`');
      // The value is what printf would print with the remaining arguments.
      const printed = analyser.command(
        [
          { text: 'printf', known: true, glob: false, many: false, network: false, decoded: false },
          ...args.slice(2),
        ],
        subshell(state),
        via,
        stdin,
      );
      state.vars.set(
        name,
        printed.kind === 'text'
          ? { text: printed.text }
          : { text: undefined, decoded: printed.kind === 'unknown' && printed.decoded },
      );
    }
    return DONE;
  },
  trap(analyser, ctx, args) {
    const [handler, ...signals] = args[0]?.text === '--' ? args.slice(1) : args;
    if (!handler || /^-[lp]$/.test(handler.text) || handler.text === '-' || handler.text === '') return DONE;
    // DEBUG and RETURN handlers run before every command, between the ones judged here.
    if (signals.some((s) => !s.known || /^(DEBUG|RETURN)$/i.test(s.text)))
      analyser.scope.notUnderstood('`trap … DEBUG` runs a command before every other command');
    runJoined(analyser, ctx, [handler], 'trap');
    return DONE;
  },
  let(analyser, _ctx, args, state) {
    for (const a of args) {
      const assignment = /^([A-Za-z_]\w*)\s*([-+*/%]?=|\+\+|--)/.exec(a.text);
      const name = assignment?.[1];
      if (!a.known)
        analyser.scope.notUnderstood('`let` evaluates an expression only known when the command runs');
      else {
        analyser.hiddenCode(a.text, state, '`let`');
        // every name is evaluated, its value as an expression; but the target of a plain `=`
        const words = a.text.match(/[A-Za-z_]\w*/g) ?? [];
        for (const word of assignment?.[2] === '=' ? words.slice(1) : words)
          toInt(word, state, analyser, true);
      }
      if (name) state.vars.set(name, { text: undefined, numeric: true });
    }
    return DONE;
  },
  fc(analyser, _ctx, args) {
    // `fc -l` lists the history; anything else re-runs or edits commands from it.
    if (!args.some((a) => /^-[a-zA-Z]*l/.test(a.text)))
      analyser.scope.notUnderstood('`fc` runs commands again from the shell history');
    return DONE;
  },
  // Reached through `builtin export …` or `command declare …` (the parser reads plain ones as
  // declarations): each NAME=VALUE assigns, and a subscript in a name is arithmetic.
  export: declaration,
  declare: declaration,
  typeset: declaration,
  local: declaration,
  readonly: declaration,
  true: () => DONE,
  false: () => DONE,
  ':': () => DONE,
  // `-v NAME` takes a name and `-eq` … compare arithmetic: a subscript or value may hold a command.
  test: testBuiltin,
  '[': testBuiltin,
  wait: () => DONE,
  exit: () => DONE,
  return: () => DONE,
  shift(analyser, _ctx, args, state) {
    const n =
      args[0] === undefined
        ? 1
        : args[0].known && /^\d+$/.test(args[0].text)
          ? parseInt(args[0].text, 10)
          : undefined;
    const all = state.vars.get('@');
    if (n === undefined || all?.array === undefined) {
      // positional parameters only known when the command runs, from here on
      for (const key of [...state.vars.keys()])
        if (/^\d+$/.test(key) || key === '@' || key === '#') state.vars.set(key, { text: undefined });
      if (n === undefined)
        analyser.scope.notUnderstood('`shift` by an amount only known when the command runs');
      return DONE;
    }
    const rest = all.array.slice(n);
    for (const key of [...state.vars.keys()]) if (/^[1-9]\d*$/.test(key)) state.vars.delete(key);
    rest.forEach((a, i) => state.vars.set(String(i + 1), { text: a }));
    state.vars.set('@', { text: rest.join(' '), array: rest });
    state.vars.set('#', { text: String(rest.length) });
    return DONE;
  },
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
  compgen(analyser, ctx, args) {
    // `-C command` and `-F function` run to produce the words
    for (let i = 0; i < args.length; i++)
      if (args[i]!.text === '-C' && args[i + 1]) runJoined(analyser, ctx, [args[i + 1]!], 'compgen -C');
      else if (args[i]!.text === '-F' && args[i + 1]) runJoined(analyser, ctx, [args[i + 1]!], 'compgen -F');
    return undefined;
  },
  complete(analyser, ctx, args) {
    // `-C command` runs at a later Tab in an interactive shell (VS Code's agent terminal is one):
    // judged as if it ran now, like compgen's.
    for (let i = 0; i < args.length; i++)
      if (args[i]!.text === '-C' && args[i + 1]) runJoined(analyser, ctx, [args[i + 1]!], 'complete -C');
    return DONE;
  },
  bind(analyser, _ctx, args) {
    // A key binding runs (`-x`) or types (a macro) a command at a later key press, Enter included,
    // in an interactive shell; `-f` reads bindings from a file. Only listing them is understood.
    if (!args.every((a) => a.known && /^-[lpPsSvVX]+$/.test(a.text)))
      analyser.scope.notUnderstood('`bind` makes a key run or type a command later, in an interactive shell');
    return DONE;
  },
  compopt: () => DONE,
  history: () => undefined,
  echo: () => undefined,
  pwd: () => undefined,
};
