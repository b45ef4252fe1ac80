import { scanLua } from '../daemon/src/mediation/shell/inline/lua.js';
import { scanR } from '../daemon/src/mediation/shell/inline/r.js';
import { scanJulia } from '../daemon/src/mediation/shell/inline/julia.js';
import { scanOctave } from '../daemon/src/mediation/shell/inline/octave.js';
import { scanTcl } from '../daemon/src/mediation/shell/inline/tcl.js';
import { scanGroovy } from '../daemon/src/mediation/shell/inline/jvm.js';
import * as c from '../daemon/src/mediation/shell/inline/commands.js';
const scanners: Record<string, (s: string) => any> = { scanLua, scanR, scanJulia, scanOctave, scanTcl, scanGroovy, ...c };
const big = (n: number) => 'a b\\ '.repeat(n / 4);
const shapes: Record<string, (n: number) => string> = {
  dq: (n) => 'system("' + big(n) + '")', sq: (n) => "system('" + big(n) + "')", bare: (n) => 'exec ' + big(n), bang: (n) => '!' + big(n),
  vimexe: (n) => ':exe "' + big(n) + '"', setopt: (n) => ':set makeprg=' + big(n) + '\n:make', sqlstr: (n) => "select readfile('" + big(n) + "');",
  lisp: (n) => '(shell-command "' + big(n) + '")', m4: (n) => 'syscmd(`' + big(n) + "')", awk: (n) => 'BEGIN { system("' + big(n) + '") }',
  tclq: (n) => 'eval "' + big(n) + '"', normal: (n) => ':normal ' + big(n), dot: (n) => '.shell ' + big(n), psql: (n) => '\\! ' + big(n), edw: (n) => 'w ' + big(n),
  ident: (n) => 'x'.repeat(n) + '(1)', num: (n) => '1'.repeat(n), cmt: (n) => '#' + big(n), gdbpy: (n) => 'python\n' + 'x=1\n'.repeat(n / 4) + 'end',
};
for (const [sname, scan] of Object.entries(scanners)) {
  if (typeof scan !== 'function') continue;
  for (const [shape, make] of Object.entries(shapes)) {
    const a0 = performance.now(); scan(make(1 << 18)); const a = performance.now() - a0;
    const b0 = performance.now(); scan(make(1 << 20)); const b = performance.now() - b0;
    if (b > 600 && b / Math.max(a, 20) > 6) console.log('NONLINEAR?', sname, shape, Math.round(a), Math.round(b));
    else if (b > 1500) console.log('slow', sname, shape, Math.round(a), Math.round(b));
  }
}
console.log('done');
