/**
 * Makefiles: recipe lines are shell commands (with `$$` for `$`), `$(shell …)` runs a command when
 * the file is read, `include` reads other makefiles. Variables defined in the file are expanded;
 * recipes built from anything else are not understood. Pure, linear in the text.
 */
import { emptyCodeEffects, type CodeEffects } from './types.js';

export function scanMake(text: string): CodeEffects {
  const effects = emptyCodeEffects();
  const vars = new Map<string, string>();
  const expand = (line: string): string | undefined => {
    let out = '';
    for (let i = 0; i < line.length; i++) {
      const c = line[i]!;
      if (c !== '$') {
        out += c;
        continue;
      }
      const next = line[i + 1];
      if (next === '$') {
        out += '$';
        i++;
        continue;
      }
      if (next === '(' || next === '{') {
        const close = line.indexOf(next === '(' ? ')' : '}', i + 2);
        if (close < 0) return undefined;
        const name = line.slice(i + 2, close).trim();
        if (name.startsWith('shell ')) {
          effects.shell.push(name.slice(6));
          return undefined;
        }
        const value = vars.get(name);
        if (value === undefined) return undefined;
        out += value;
        i = close;
        continue;
      }
      return undefined; // $@, $<, $^ …: only known when make runs
    }
    return out;
  };
  for (const raw of text.replace(/\\\n/g, ' ').split('\n')) {
    if (raw.startsWith('\t')) {
      const recipe = raw.slice(1).replace(/^[@+-]+/, '');
      const command = expand(recipe);
      if (command === undefined)
        effects.unknown.push('has a recipe built from make variables or automatic variables');
      else if (command.trim() !== '') effects.shell.push(command);
      continue;
    }
    const line = raw.replace(/#.*$/, '').trim();
    const assignment = /^([A-Za-z_][\w.-]*)\s*(?::{1,3}=|\?=|\+=|=|!=)\s*(.*)$/.exec(line);
    if (assignment) {
      if (line.includes('!=')) effects.unknown.push('sets a variable from a shell command (`!=`)');
      const value = expand(assignment[2]!);
      if (value !== undefined) vars.set(assignment[1]!, value);
      continue;
    }
    // `target: prerequisites ; recipe` on one line.
    const inline = /^[^=#:]+:[^=;]*;(.*)$/.exec(raw);
    if (inline) {
      const command = expand(inline[1]!.replace(/^\s*[@+-]+/, ''));
      if (command === undefined)
        effects.unknown.push('has a recipe built from make variables or automatic variables');
      else if (command.trim() !== '') effects.shell.push(command);
      continue;
    }
    const include = /^-?s?include\s+(.+)$/.exec(line);
    if (include) for (const file of include[1]!.split(/\s+/)) effects.loads.push(file);
    else if (line.includes('$(shell ')) expand(line);
  }
  return effects;
}
