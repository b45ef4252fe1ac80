/**
 * One program call judged through its model: options parsed as getopt/getopt_long would (clusters,
 * `--name=value`, unique prefixes of long options, `--`), subcommands selected, each option value
 * and operand given its role, then the model's own effects and `custom` part. Pure.
 */
import type { Field } from './expand.js';
import {
  assignRoles,
  parseRoles,
  type Call,
  type CompiledCommand,
  type ModelContext,
  type OptionSpec,
  type Role,
} from './model.js';

interface Parsed {
  command: CompiledCommand;
  sub: string;
  /** options given (by the full name used), with their values */
  options: Array<{ name: string; entry: OptionSpec; value: Field | undefined }>;
  operands: Field[];
  /** arguments only known at run time that stand where an option could */
  hidden: Field[];
  /** options the model does not describe */
  unknownOptions: Field[];
}

/** Apply a program's model to its arguments. */
export function interpret(model: CompiledCommand, given: Field[], ctx: ModelContext): void {
  const args = model.spec.rewrite ? model.spec.rewrite(given) : given;
  const parsed = parseArguments(model, args);
  const { command } = parsed;
  const spec = command.spec;
  const readonly = spec.readonly ?? false;

  for (const hidden of parsed.hidden) {
    if (command.dangerous)
      ctx.unknown(
        `\`${ctx.program}\` gets \`${hidden.text}\`, a value only known when the command runs, where it can be an option that runs or writes something`,
      );
  }
  for (const option of parsed.unknownOptions) {
    // `--config=/etc/x`: an option the model does not know, with a value that looks like a path or URL.
    const eq = option.text.indexOf('=');
    if (eq > 0) ctx.apply(readonly ? 'read' : 'generic', { ...option, text: option.text.slice(eq + 1) });
  }
  // A script runs in the program's own language (`python3 x.py`, `python3 -` from standard input).
  const language = spec.effects?.stdin ?? command.inheritedStdin ?? 'commands';
  const apply = (role: Role, field: Field) =>
    role === 'script' ? ctx.runsFile(field, language) : ctx.apply(role, field);
  for (const { entry, value } of parsed.options) {
    for (const risk of [entry.risk ?? []].flat()) ctx.risk(risk);
    if (entry.unknown)
      ctx.unknown(`\`${ctx.program}${parsed.sub ? ` ${parsed.sub}` : ''}\` ${entry.unknown}`);
    if (entry.network) ctx.network();
    if (entry.takes && value) apply(entry.takes, value);
  }

  const effects = spec.effects;
  if (effects?.network) ctx.network();
  if (effects?.sends) ctx.sends();
  for (const risk of effects?.risks ?? []) ctx.risk(risk);
  if (effects?.unknown)
    ctx.unknown(`\`${ctx.program}${parsed.sub ? ` ${parsed.sub}` : ''}\` ${effects.unknown}`);
  if (effects?.executes) ctx.executes(effects.executes);

  const call = makeCall(ctx, parsed, args);
  const roles = operandRoles(command, call);
  const assigned = assignRoles(roles, parsed.operands.length);
  for (let i = 0; i < parsed.operands.length; i++) {
    const role = assigned[i]!;
    if (role === 'argv') {
      ctx.run(parsed.operands.slice(i), `${ctx.program}${parsed.sub ? ` ${parsed.sub}` : ''}`);
      break;
    }
    const operand = parsed.operands[i]!;
    if (role === 'generic') {
      i += ctx.genericAt(parsed.operands, i, readonly) - 1;
      continue;
    }
    if (operand.many && parsed.operands.length > 1 && !isInert(role)) {
      ctx.unknown(
        `\`${ctx.program}\` gets \`${operand.text}\`, which may be several words when the command runs, so its operands cannot be told apart`,
      );
    }
    apply(role, operand);
  }
  if (effects?.fetchesAndRuns && parsed.operands[0]?.known)
    ctx.fetchesAndRuns(`${effects.fetchesAndRuns}:${parsed.operands[0].text}`);
  // Code from standard input only when nothing else names the code to run (`python3 -m x`,
  // `node --version` read none).
  if (
    effects?.stdin &&
    !parsed.operands.some((_, i) => assigned[i] === 'script' || assigned[i] === 'argv') &&
    !parsed.options.some(
      (o) =>
        o.entry.takes?.startsWith('code:') ||
        o.entry.takes === 'command' ||
        o.entry.takes === 'script' ||
        o.entry.mode === 'no-stdin' ||
        INFORMATIONAL.has(o.name),
    )
  )
    ctx.runsStdin(effects.stdin);
  spec.custom?.(call);
}

/** Options that only print something about the program. */
const INFORMATIONAL = new Set(['--version', '-V', '--help', '-h', '-help', '-version', '--usage']);

function isInert(role: Role): boolean {
  return role === 'value' || role === 'read' || role === 'read-tree';
}

function operandRoles(command: CompiledCommand, call: Call) {
  const operands = command.spec.operands;
  if (typeof operands === 'function') return parseRoles(operands(call))!;
  return command.operandRoles ?? { prefix: [], repeat: 'generic' as Role, suffix: [] };
}

function makeCall(ctx: ModelContext, parsed: Parsed, args: Field[]): Call {
  return {
    program: ctx.program,
    sub: parsed.sub,
    args,
    operands: parsed.operands,
    ctx,
    // By the names given: a model lists every spelling it means (`-r`, `-R`, `--recursive`).
    has: (...names) => parsed.options.some((o) => names.includes(o.name)),
    values: (...names) =>
      parsed.options.filter((o) => names.includes(o.name) && o.value).map((o) => o.value!),
  };
}

/** getopt_long, roughly: what each argument is. Selects subcommands on the way. */
export function parseArguments(model: CompiledCommand, args: Field[]): Parsed {
  const parsed: Parsed = {
    command: model,
    sub: '',
    options: [],
    operands: [],
    hidden: [],
    unknownOptions: [],
  };
  let command = model;
  let optionsDone = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const text = arg.text;
    if (!arg.known && !optionsDone) {
      // `$X` may be `-o /etc/x`: an option, a value, or an operand.
      if (arg.many || !/^[^-]/.test(text)) parsed.hidden.push(arg);
      parsed.operands.push(arg);
      continue;
    }
    if (optionsDone || text === '-' || !text.startsWith('-') || !arg.known) {
      // The first operand of a command with subcommands selects one.
      if (parsed.operands.length === 0 && command.subcommands && !optionsDone) {
        const sub = command.subcommands.get(text) ?? command.fallback;
        if (sub) {
          command = sub;
          parsed.command = sub;
          parsed.sub = parsed.sub ? `${parsed.sub} ${text}` : text;
          continue;
        }
      }
      parsed.operands.push(arg);
      if (command.spec.optionsFirst) optionsDone = true;
      continue;
    }
    if (text === '--') {
      optionsDone = true;
      continue;
    }
    const consumed = parseOption(command, args, i, parsed);
    if (consumed < 0) parsed.unknownOptions.push(arg);
    else i += consumed;
  }
  return parsed;
}

/** One option at `args[i]`; returns how many further arguments it took (-1: not a known option). */
function parseOption(command: CompiledCommand, args: Field[], i: number, parsed: Parsed): number {
  const arg = args[i]!;
  const text = arg.text;
  const eq = text.indexOf('=');
  const name = eq > 0 ? text.slice(0, eq) : text;
  // Exact names first: long options, and single-dash long ones (`-exec`, `-name`).
  const exact = command.options.has(name)
    ? { ...command.options.get(name)!, full: name }
    : text.startsWith('--')
      ? uniquePrefix(command, name)
      : undefined;
  if (exact) {
    const { entry, full: canonical } = exact;
    if (!entry.takes) {
      parsed.options.push({ name: canonical, entry, value: undefined });
      return 0;
    }
    if (eq > 0) {
      parsed.options.push({ name: canonical, entry, value: { ...arg, text: text.slice(eq + 1) } });
      return 0;
    }
    if (entry.attached) {
      parsed.options.push({ name: canonical, entry, value: undefined });
      return 0;
    }
    parsed.options.push({ name: canonical, entry, value: args[i + 1] });
    return args[i + 1] ? 1 : 0;
  }
  if (text.startsWith('--')) return -1;
  // A cluster of short options: `-xzvf file`, `-ofile`, `-n5`.
  let known = false;
  for (let j = 1; j < text.length; j++) {
    const option = command.options.get(`-${text[j]}`);
    if (!option) continue;
    known = true;
    const { entry } = option;
    const canonical = `-${text[j]}`;
    if (!entry.takes) {
      parsed.options.push({ name: canonical, entry, value: undefined });
      continue;
    }
    const rest = text.slice(j + 1);
    if (rest !== '') {
      parsed.options.push({ name: canonical, entry, value: { ...arg, text: rest } });
      return 0;
    }
    if (entry.attached) {
      parsed.options.push({ name: canonical, entry, value: undefined });
      return 0;
    }
    parsed.options.push({ name: canonical, entry, value: args[i + 1] });
    return args[i + 1] ? 1 : 0;
  }
  return known ? 0 : -1;
}

/** GNU getopt_long accepts any unambiguous prefix of a long option. */
function uniquePrefix(command: CompiledCommand, name: string) {
  if (name.length < 3) return undefined;
  const matches = command.longs.filter((l) => l.startsWith(name));
  const entries = new Set(matches.map((m) => command.options.get(m)!.entry));
  return entries.size === 1 ? { ...command.options.get(matches[0]!)!, full: matches[0]! } : undefined;
}
