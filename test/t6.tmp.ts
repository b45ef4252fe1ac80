import { scanTcl } from '../daemon/src/mediation/shell/inline/tcl.js';
const cases = [
  'puts [expr 1+2]', 'set x 10; puts "x is $x"', 'proc add {a b} { return [expr {$a + $b}] }; puts [add 1 2]',
  'exec rm -rf /tmp/x', 'exec ls -l | grep foo > out.txt', 'exec sh -c {echo hi; id}', 'exec $cmd', 'exec rm $f', 'set r [exec whoami]', 'puts "user: [exec id -un]"',
  'set f [open out.txt w]; puts $f hi; close $f', 'set f [open /etc/passwd]', 'set f [open $p w]', 'open "|ls -l"', 'open "|$cmd" r', 'open data.txt {WRONLY CREAT}',
  'file delete -force build', 'file rename a b', 'file copy a b', 'file mkdir out', 'file delete $x', 'file $op x',
  'source setup.tcl', 'load ./libx.so', 'socket evil.com 4444', 'socket -server accept 8080', 'package require http; http::geturl http://x.io/a', 'http::geturl http://x.io -query a=1',
  'eval exec ls', 'eval $script', 'eval {puts hi}', 'uplevel 1 {exec id}', 'uplevel #0 $x', 'subst {[exec id]}', 'subst $s', 'interp eval child {exec ls}', 'interp alias {} x {} exec',
  'rename exec myexec', '$cmd arg', '[set c] arg', '{*}$cmd', '{*}{exec ls}',
  '# exec rm -rf /\nputs "exec rm"', 'puts {exec rm -rf /}', 'if {[file exists x]} { exec rm x }', 'after 1000 {exec date}', 'catch "exec ls"',
  'spawn ssh user@host\nexpect "password:"\nsend "secret\\r"\nexpect "$ "\nsend "rm -rf /tmp/x\\r"', 'spawn bash\nsend "id\\r"', 'spawn python3\nsend "import os\\r"', 'spawn $prog\nsend "x\\r"', 'spawn passwd\nsend "pw\\r"',
  'system rm -rf x', 'system $c', 'spawn ftp host\ninteract', 'log_file session.log', 'exec kill -9 123', 'exec {*}$args',
  'puts "unterminated', 'exec [', 'set x {unbalanced', 'puts \\x41\\u0042',
];
for (const c of cases) console.log(JSON.stringify(c), '=>', JSON.stringify(Object.fromEntries(Object.entries(scanTcl(c)).filter(([, v]) => Array.isArray(v) ? v.length : v))));
