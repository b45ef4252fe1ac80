import { scanLua } from '../daemon/src/mediation/shell/inline/lua.js';
import { scanR } from '../daemon/src/mediation/shell/inline/r.js';
import { scanJulia } from '../daemon/src/mediation/shell/inline/julia.js';
import { scanOctave } from '../daemon/src/mediation/shell/inline/octave.js';
import { scanTcl } from '../daemon/src/mediation/shell/inline/tcl.js';
import { scanGroovy } from '../daemon/src/mediation/shell/inline/jvm.js';
import * as c from '../daemon/src/mediation/shell/inline/commands.js';
const scanners: Record<string, (s: string) => any> = { scanLua, scanR, scanJulia, scanOctave, scanTcl, scanGroovy, ...c };
const MiB = 1 << 20;
const rep = (s: string) => s.repeat(Math.ceil(MiB / s.length)).slice(0, MiB);
const inputs: Record<string, string> = {
  parens: rep('('), closers: rep(')'), brackets: rep('['), braces: rep('{'), quotes: rep('"'), squotes: rep("'"), backticks: rep('`'),
  calls: rep('system("x")\n'), nested: rep('f('), nestedsys: rep('system(system('), dots: rep('a.'), concat: rep('"a" .. '), rcall: rep('paste0('),
  tcl: rep('[exec ['), tclbr: rep('{if {1} '), dollar: rep('"$('), interp: rep('"${'), vimbar: rep(':exe "'), m4: rep('ifelse(`'), lisp: rep("('"), awk: rep('print > "'),
  words: rep('exec ls '), lines: rep('!ls\n'), junk: Array.from({ length: MiB }, (_, i) => String.fromCharCode((i * 7919) % 256)).join(''),
  sql: rep("select ';"), dollarq: rep('$$'), lisps: rep('(shell-command (concat '), m4n: rep('define(`x\',`'), backslash: rep('\\'),
};
let worst = 0;
for (const [sname, scan] of Object.entries(scanners)) {
  if (typeof scan !== 'function') continue;
  for (const [iname, input] of Object.entries(inputs)) {
    const t = performance.now();
    try { scan(input); } catch (e) { console.log('THROW', sname, iname, (e as Error).message); }
    const ms = performance.now() - t;
    worst = Math.max(worst, ms);
    console.log(sname, iname, Math.round(ms));
  }
}
console.log('worst', Math.round(worst));
// random fuzz
let seed = 1;
const rnd = () => { seed = (seed * 1103515245 + 12345) & 0x7fffffff; return seed / 0x7fffffff; };
const alphabet = 'abcsyexm()[]{}"\'`$\\!:;|<>=.,#%@-+*/ \n\tsystemexecrun';
for (let n = 0; n < 3000; n++) {
  const len = Math.floor(rnd() * 200);
  let s = '';
  for (let i = 0; i < len; i++) s += alphabet[Math.floor(rnd() * alphabet.length)];
  for (const [sname, scan] of Object.entries(scanners)) {
    if (typeof scan !== 'function') continue;
    try { scan(s); } catch (e) { console.log('THROW', sname, JSON.stringify(s), (e as Error).stack?.split('\n').slice(0,3).join(' | ')); process.exit(1); }
  }
}
console.log('fuzz ok');
