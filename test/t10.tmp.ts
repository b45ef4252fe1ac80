import { scanLua } from '../daemon/src/mediation/shell/inline/lua.js';
import { scanR } from '../daemon/src/mediation/shell/inline/r.js';
import { scanJulia } from '../daemon/src/mediation/shell/inline/julia.js';
import { scanOctave } from '../daemon/src/mediation/shell/inline/octave.js';
import { scanTcl } from '../daemon/src/mediation/shell/inline/tcl.js';
import { scanGroovy } from '../daemon/src/mediation/shell/inline/jvm.js';
import * as c from '../daemon/src/mediation/shell/inline/commands.js';
const scanners: Record<string, (s: string) => any> = { scanLua, scanR, scanJulia, scanOctave, scanTcl, scanGroovy, ...c };
const only = process.argv[2];
const rep = (s: string, n: number) => s.repeat(Math.ceil(n / s.length)).slice(0, n);
const pats: Record<string, string> = {
  parens: '(', closers: ')', brackets: '[', braces: '{', quotes: '"', squotes: "'", backticks: '`',
  calls: 'system("x")\n', nested: 'f(', nestedsys: 'system(system(', dots: 'a.', concat: '"a" .. ', rcall: 'paste0(',
  tcl: '[exec [', tclbr: '{if {1} ', dollar: '"$(', interp: '"${', vimbar: ':exe "', m4: 'ifelse(`', lisp: "('", awk: 'print > "',
  words: 'exec ls ', lines: '!ls\n', sql: "select ';", dollarq: '$$', lisps: '(shell-command (concat ', m4n: "define(`x',`", backslash: '\\',
  bars: 'w|', vimnorm: ':normal :', evalnest: 'eval(parse(text="', lua: 'load("', tclq: 'eval "', awkget: '"x" | getline; ', sqlf: 'readfile(', gdb: 'pipe | ', elisp: '(eval (read "', spaces: ' ', nl: '\n', junk: '\x00\xff\u2028é',
  mix: 'os.execute("x") system("y") run(`z`) exec w; print > "f" (shell-command "q")\n',
};
const K = 1 << 18;
for (const [sname, scan] of Object.entries(scanners)) {
  if (typeof scan !== 'function' || (only && sname !== only)) continue;
  for (const [pname, p] of Object.entries(pats)) {
    const t0 = performance.now(); scan(rep(p, K)); const a = performance.now() - t0;
    const t1 = performance.now(); scan(rep(p, 4 * K)); const b = performance.now() - t1;
    if (b > 1000 && b / Math.max(a, 1) > 7) console.log('NONLINEAR?', sname, pname, Math.round(a), Math.round(b));
    else if (b > 2500) console.log('slow', sname, pname, Math.round(a), Math.round(b));
  }
  console.log('ok', sname);
}
