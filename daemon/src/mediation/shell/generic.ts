/**
 * The generic account of an argument, for programs aarm does not model (and for the arguments a
 * model leaves undescribed): judged by its shape. A path (absolute, `~`, `..`, a folder, a dot
 * file, a glob) is read, and — unless the program is known to only read — possibly written; a URL,
 * `host:port` or `user@host` is the network; a program name followed by arguments, a path to a
 * program, or a quoted command line is a command the program may run. Pure.
 */
import type { Field } from './expand.js';
import type { ModelContext } from './model.js';

/** `scheme://…` */
const URL_SHAPE = /^[a-zA-Z][a-zA-Z0-9+.-]*:\/\//;
/** `user@host:path`, `host:path` (scp), `host:port` */
const REMOTE_SHAPE =
  /^(?:[\w.+-]+@)?(\[[0-9a-fA-F:.]+\]|[a-zA-Z0-9][\w.-]*\.[a-zA-Z][\w-]*|\d{1,3}(?:\.\d{1,3}){3}):(\S*)$/;
const USER_AT_HOST =
  /^[\w.+-]+@(\[[0-9a-fA-F:.]+\]|[a-zA-Z0-9][\w.-]*\.[a-zA-Z][\w-]*|\d{1,3}(?:\.\d{1,3}){3}|localhost)$/;

/** programs that, given no arguments, read commands or code from the terminal */
const SHELL_LIKE =
  /^(ba|da|z|k|c|tc|fi|mk|ya|o|r)?sh$|^(python|pypy|ruby|perl|node|php|lua|tclsh|wish|irb|jshell|bun|deno|R|julia|octave|sqlite3|psql|mysql|gdb|lldb|expect|busybox)[\d.]*$/;

export interface GenericOptions {
  /** the program only reads (paths are not written) */
  readonly: boolean;
  /** whether a word names a program aarm knows (then the rest of the arguments may be its command) */
  isProgram(name: string): boolean;
}

/**
 * Judge `args[index]` by shape; returns how many arguments it accounted for (more than one when
 * it starts a nested command that takes the rest).
 */
export function genericArgument(
  ctx: ModelContext,
  args: Field[],
  index: number,
  options: GenericOptions,
): number {
  const field = args[index]!;
  if (!field.known) {
    ctx.unknown(
      `\`${ctx.program}\`, which aarm does not model, gets \`${field.text}\`, a value only known when the command runs`,
    );
    return 1;
  }
  const text = field.text;
  if (text === '' || text === '-') return 1;
  // KEY=VALUE: judge the value.
  const assignment = /^[A-Za-z_][\w.-]*=(.+)$/s.exec(text);
  if (assignment && !text.startsWith('/'))
    return genericArgument(ctx, [{ ...field, text: assignment[1]! }], 0, options);
  // --option=VALUE: judge the value (`--exec=/bin/sh`, `--out=~/.bashrc`).
  const long = /^--[\w-]+=(.+)$/s.exec(text);
  if (long) return genericArgument(ctx, [{ ...field, text: long[1]! }], 0, options);
  if (URL_SHAPE.test(text)) {
    if (/^file:\/\//i.test(text)) {
      const path = decodeURIComponentSafe(text.replace(/^file:\/\/[^/]*/i, ''));
      ctx.read(ctx.path(path));
      if (!options.readonly) ctx.write(ctx.path(path));
    } else ctx.contact(field);
    return 1;
  }
  // Code for some language that calls out (`mlr put 'end{system("…")}'`): not understood.
  if (
    /\b(system|exec|popen|spawn|shell|execute|os\.system|subprocess|child_process|Runtime\.getRuntime|ProcessBuilder)\s*[(!]/.test(
      text,
    )
  ) {
    ctx.unknown(
      `\`${ctx.program}\` gets code that runs commands: \`${text.length > 60 ? `${text.slice(0, 60)}…` : text}\``,
    );
    return 1;
  }
  // A command line in one argument: `tool --run 'rm -rf ~'`.
  if (/[\s;|&]/.test(text) && !text.includes('\n\n') && looksLikeCommand(text, options)) {
    ctx.runScript(text, `${ctx.program} (argument)`);
    return 1;
  }
  // A program followed by its arguments: `rlwrap rm -rf ~`, `torify curl …`, `mytool /bin/sh`.
  const base = text.includes('/') ? text.slice(text.lastIndexOf('/') + 1) : text;
  const isPath = text.startsWith('/') || text.startsWith('./') || text.startsWith('../');
  // A program name alone at the end runs too (`ttyd bash`, `mytool -e python3`): with no
  // arguments, shells and interpreters read the terminal.
  if (
    options.isProgram(base) &&
    (isPath ? /\/(s?bin|libexec)\//.test(text) : index + 1 < args.length || SHELL_LIKE.test(base))
  ) {
    ctx.run(args.slice(index), `${ctx.program} (argument)`);
    return args.length - index;
  }
  const remote = REMOTE_SHAPE.exec(text);
  if (remote && !text.startsWith('/') && !/^[A-Za-z]:\\/.test(text)) {
    ctx.host(remote[1]!);
    return 1;
  }
  const userHost = USER_AT_HOST.exec(text);
  if (userHost) {
    ctx.host(userHost[1]!);
    return 1;
  }
  if (text.startsWith('-')) return 1;
  const path = ctx.path(text);
  ctx.read(path);
  if (!options.readonly) ctx.write(path);
  return 1;
}

function looksLikeCommand(text: string, options: GenericOptions): boolean {
  const first = /^\s*(?:[A-Za-z_]\w*=\S*\s+)*([^\s;|&<>()]+)/.exec(text)?.[1];
  if (!first) return false;
  const base = first.includes('/') ? first.slice(first.lastIndexOf('/') + 1) : first;
  return options.isProgram(base);
}

function decodeURIComponentSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
