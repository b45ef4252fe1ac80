import { scanLua } from '../daemon/src/mediation/shell/inline/lua.js';
import { scanR } from '../daemon/src/mediation/shell/inline/r.js';
import { scanJulia } from '../daemon/src/mediation/shell/inline/julia.js';
import { scanOctave } from '../daemon/src/mediation/shell/inline/octave.js';
import { scanTcl } from '../daemon/src/mediation/shell/inline/tcl.js';
import { scanGroovy } from '../daemon/src/mediation/shell/inline/jvm.js';
import * as c from '../daemon/src/mediation/shell/inline/commands.js';
const S: Record<string, (s: string) => any> = { lua: scanLua, r: scanR, julia: scanJulia, octave: scanOctave, tcl: scanTcl, groovy: scanGroovy, vim: c.scanVimEx, gdb: c.scanGdb, sqlite: c.scanSqlite, psql: c.scanPsql, mysql: c.scanMysql, m4: c.scanM4, elisp: c.scanElisp, awk: c.scanAwk, ed: c.scanEd, dc: c.scanDc };
const H: Array<[string, string]> = [
 ['lua', 'local json = require("cjson"); print(json.encode({a=1}))'], ['lua', 'local f = function(x) return x * 2 end print(f(2), string.rep("a", 3), os.time(), os.getenv("HOME"))'],
 ['r', 'library(ggplot2); ggplot(df, aes(x, y)) + geom_point()'], ['r', 'df <- data.frame(a = 1:3); print(head(df)); sapply(1:10, function(i) i^2)'], ['r', 'Reduce("+", 1:5); Reduce(`+`, 1:5); Map(function(x, y) x + y, 1:3, 4:6); get("mtcars"); mget(c("a", "b"))'],
 ['r', 'x <- c(a = 1, b = 2); names(x); file.exists("x"); nchar("abc"); Sys.time(); set.seed(1); rnorm(5)'],
 ['julia', 'using LinearAlgebra; A = rand(3,3); println(det(A))'], ['julia', 'for i in 1:3 println(i) end; x = map(x -> x^2, 1:5); s = join(["a","b"], ","); write(stdout, "x")'],
 ['octave', 'A = magic(4); disp(A); x = linspace(0,1,10); plot(x, x.^2); fprintf(\'%d\\n\', 42)'], ['octave', 'printf("%d\\n", 1); s = sprintf(\'%s\', "a"); y = x\';'],
 ['tcl', 'foreach x {1 2 3} { puts $x }; set d [dict create a 1]; dict for {k v} $d { puts "$k=$v" }'], ['tcl', 'string map {a b} $s; regsub -all {a} $s b; proc p {} { global x; return $x }; namespace eval ::ns { variable x 1 }; array set a {k v}'],
 ['tcl', 'puts [clock format [clock seconds]]; if {$argc > 0} { puts [lindex $argv 0] }; after 100; catch {puts x} err'],
 ['groovy', 'def list = [1,2,3]; list.each { println it }; def m = [a: 1]; println m.a'], ['groovy', 'String s = "hello"; println s.toUpperCase(); println new Date(); def f = { x -> x * 2 }; println f(3)'],
 ['groovy', 'def sb = new StringBuilder("abc"); sb.delete(0, 1); println System.getenv("HOME"); Thread.sleep(10)'],
 ['vim', ':set nocompatible | syntax on | set sw=4 ts=4 et ft=python'], ['vim', ':%s/foo/bar/g'], ['vim', ':g/^$/d'], ['vim', ':let g:x = 1 | echo "hi" | call setline(1, "x")'], ['vim', ':normal! ggdG'], ['vim', ':qa!'], ['vim', ':%norm A;'], ['vim', ':sort u | noh | retab'],
 ['gdb', 'info breakpoints\nlist main\nframe 1\nfinish\ncontinue\nnext\nstep\ndisassemble\nset pagination off\nset print pretty on\nset $x = 1\nhandle SIGINT stop\nbacktrace full\nthread apply all bt'],
 ['sqlite', '.mode column\n.width 10\npragma table_info(t);\ncreate index i on t(a);\nselect * from t where x like \'%a%\';\n.timer on\n.quit'],
 ['psql', '\\x\n\\timing\n\\d+ t\n\\pset format csv\nselect now();\n\\conninfo\n\\echo hi\n\\set ON_ERROR_STOP on\n\\c mydb\n\\q'],
 ['mysql', 'use db;\nstatus\nselect @@version;\nshow databases;'],
 ['m4', "define(`NAME', `value')dnl\nNAME changequote([,])dnl\n[quoted]"],
 ['elisp', "(setq x 1) (defun f (x) (* x 2)) (dolist (x '(1 2)) (print x)) (require 'cl-lib) (with-temp-buffer (insert \"x\") (buffer-string)) (mapcar #'1+ '(1 2)) (kill-emacs 0)"],
 ['awk', '{ a[$1]++ } END { for (k in a) print k, a[k] }'], ['awk', 'length($0) > 72 { gsub(/x/, "y"); print } BEGIN { printf("%d\\n", 1 > 0) }'],
 ['ed', ',p\n1d\n/re/p\nq'], ['dc', '10k 2v p [1+]sa 0 la x p'],
];
for (const [l, code] of H) { const r = S[l]!(code); const nonEmpty = Object.entries(r).filter(([, v]) => Array.isArray(v) ? v.length : v); if (nonEmpty.length) console.log('FP', l, JSON.stringify(code), JSON.stringify(Object.fromEntries(nonEmpty))); }
console.log('checked', H.length);
console.log(JSON.stringify(c.scanGdb('thread apply all shell id\nwith print pretty -- shell ls\ntaas !date')));
