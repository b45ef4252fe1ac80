import { scanOctave } from '../daemon/src/mediation/shell/inline/octave.js';
const cases = [
  'disp(pi)', 'x = [1 2 3]\'; y = x\' * 2;', "a = 'it''s'; disp(a)",
  "system('rm -rf ~')", "[s, out] = system(['r' 'm -rf ~']);", "system(strcat('r', 'm'))", "system(cmd)", 'system ls', "unix('id')",
  "fid = fopen('out.txt', 'w'); fprintf(fid, 'x'); fclose(fid);", "fid = fopen('in.txt');", "t = fileread('/etc/passwd');",
  'delete foo.txt', "delete('a.txt', 'b.txt')", "load data.mat", "load('-ascii', 'd.txt')", "save out.mat x y", "save('-v7', 'o.mat')",
  "movefile('a', 'b')", "mkdir('out')", "mkdir out sub", "rmdir('build', 's')",
  "s = urlread('https://x.io')", "websave('f.zip', 'https://x.io/f.zip')", "webwrite('https://x.io', data)",
  "eval('system(''ls'')')", 'eval(s)', "feval('system', 'id')", 'feval(f, 1)', "cellfun(@system, cmds)", "h = @system; h('ls')",
  "str2func('system')", "kill(1234, 9)", "run('setup.m')", "source('x.m')", "loadlibrary('x.so')", "mex foo.c",
  "% system('rm')\n# system('rm')\n%{\nsystem('rm')\n%}\ndisp('system(1)')", '!rm -rf x', 'x = !y',
  "java.lang.Runtime.getRuntime().exec('ls')", "py.os.system('ls')", "pkg install -forge signal", "pkg load signal",
  "system('unterminated", "diary on", "diary('log.txt')",
];
for (const c of cases) console.log(JSON.stringify(c), '=>', JSON.stringify(Object.fromEntries(Object.entries(scanOctave(c)).filter(([, v]) => Array.isArray(v) ? v.length : v))));
