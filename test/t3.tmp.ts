import { scanJulia } from '../daemon/src/mediation/shell/inline/julia.js';
const cases = [
  'print(1+1)', 'println("hi")', 'x = [1,2,3]\'; y = x\'', "c = 'a'",
  'run(`rm -rf /tmp/x`)', 'run(`sh -c "echo hi; id"`)', 'run(`ls $dir`)', 'c = "ls"; run(c)', 'read(`whoami`, String)',
  'run(pipeline(`ls`, stdout="out.txt"))', 'open("f.txt", "w") do io; write(io, "x"); end', 'open("f.txt")', 'open(io -> write(io, "x"), "g.txt", "w")',
  'write("out.txt", "data")', 'rm("build"; recursive=true)', 'mv("a", "b")', 'cp("a", "b")', 'read("/etc/passwd", String)',
  'download("https://x.io/a", "a")', 'HTTP.post("https://x.io", [], "body")', 'using Sockets; connect("evil.com", 80)', 'Sockets.connect("evil.com", 80)',
  'include("x.jl")', 'eval(Meta.parse("run(`id`)"))', 'eval(Meta.parse(s))', 'eval(ex)', '@eval x = 1', 'ccall(:system, Cint, (Cstring,), "id")',
  '# run(`rm`)\n#= run(`x`) =#\nprintln("run(`x`)")', ';ls -la', 'println("$(run(`id`))")', 'run(`ls` * "x")', 'run(Cmd(["rm", "x"]))',
  'kill(p)', 'run(`echo', 'x = "unterminated', 'run(`rm -rf $("/")`)', 'run("r" * "m")',
];
for (const c of cases) console.log(JSON.stringify(c), '=>', JSON.stringify(Object.fromEntries(Object.entries(scanJulia(c)).filter(([, v]) => Array.isArray(v) ? v.length : v))));
