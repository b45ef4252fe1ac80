/**
 * Searching and transforming text: grep and its successors, sed, awk, find and fd, jq and friends.
 * Researched from their manuals (GNU grep, ripgrep's --help, GNU sed, gawk, findutils, fd).
 */
import type { Field } from '../expand.js';
import { definePrograms, type Call } from '../model.js';

const GREP_OPTIONS = {
  '-e|--regexp': 'value',
  '-f|--file': 'read',
  '-m|--max-count|-A|-B|-C|--context|--after-context|--before-context': 'value',
  '--include|--exclude|--exclude-dir|--label|--binary-files|-D|--devices|-d|--directories': 'value',
  '--color|--colour': { takes: 'value', attached: true },
  '--exclude-from': 'read',
  '-r|-R|--recursive|--dereference-recursive': { mode: 'recursive' },
} as const;

/** grep's pattern is the first operand unless given with -e or -f. */
function grepOperands(call: Call, recursive: boolean): string[] {
  const files = recursive ? 'read-tree...' : 'read...';
  return call.has('-e', '-f', '--regexp', '--file') ? [files] : ['value', files];
}

const RECURSIVE = ['-r', '-R', '--recursive', '--dereference-recursive'];

/** With no file, a recursive search reads the current folder. */
function searchHere(call: Call, recursive: boolean) {
  const explicit = call.has('-e', '-f', '--regexp', '--file')
    ? call.operands.length
    : call.operands.length - 1;
  if (recursive && explicit <= 0) call.ctx.read(`${call.ctx.path('.')}/**`);
}

export default definePrograms([
  {
    names: ['grep', 'egrep', 'fgrep', 'zgrep', 'bzgrep', 'xzgrep', 'pcregrep', 'pcre2grep'],
    summary: 'search files for lines matching a pattern',
    readonly: true,
    options: GREP_OPTIONS,
    operands: (call) => grepOperands(call, call.has(...RECURSIVE)),
    custom: (call) => searchHere(call, call.has(...RECURSIVE)),
    examples: [
      { cmd: 'grep -rn TODO src', reads: ['src/**'], only: true },
      { cmd: 'grep -r password', reads: ['./**'], only: true },
      { cmd: 'grep -c x ~/.ssh/id_rsa', reads: ['~/.ssh/id_rsa'] },
      { cmd: 'grep -e a -f patterns.txt notes.md', reads: ['patterns.txt', 'notes.md'], only: true },
    ],
  },
  {
    names: ['rg', 'ripgrep'],
    summary: 'search folders recursively (ripgrep)',
    readonly: true,
    options: {
      '-e|--regexp|-g|--glob|--iglob|-t|--type|-T|--type-not|--type-add|-m|--max-count|-A|-B|-C|--context':
        'value',
      '-r|--replace|-j|--threads|-M|--max-columns|-E|--encoding|--engine|--sort|--sortr|--path-separator|--color|--colors':
        'value',
      '--max-depth|-d|--max-filesize|--context-separator|--field-match-separator': 'value',
      '-f|--file|--ignore-file': 'read',
      '--pre': 'exec',
      '--pre-glob': 'value',
      '--hostname-bin': 'exec',
      '-z|--search-zip': { unknown: 'runs decompression programs on the files it searches' },
    },
    operands: (call) =>
      call.has('-e', '-f', '--regexp', '--file') ? ['read-tree...'] : ['value', 'read-tree...'],
    custom: (call) => searchHere(call, true),
    examples: [
      { cmd: 'rg -n "fn main" src', reads: ['src/**'], only: true },
      { cmd: 'rg TODO', reads: ['./**'], only: true },
      { cmd: 'rg --pre ./decode.sh secret', runs: ['decode.sh'], executes: ['decode.sh'] },
    ],
  },
  {
    names: ['ag', 'ack', 'ack-grep', 'git-grep'],
    summary: 'search folders recursively',
    readonly: true,
    options: { '-G|--file-search-regex|--ignore|--ignore-dir|-m|--max-count|-A|-B|-C': 'value' },
    operands: ['value', 'read-tree...'],
    custom: (call) => searchHere(call, true),
    examples: [{ cmd: 'ag foo lib', reads: ['lib/**'], only: true }],
  },
  {
    names: ['sed', 'gsed'],
    summary: 'edit text with a script (in place with -i)',
    options: {
      '-e|--expression': 'value',
      '-f|--file': 'read',
      '-l|--line-length': 'value',
      '-i|--in-place': { takes: 'value', attached: true, mode: 'in-place' },
      '-s|--separate|-n|--quiet|--silent|-E|-r|--regexp-extended|-z|--null-data|-u|--unbuffered|--posix|--debug|--sandbox':
        'flag',
    },
    operands: (call) => {
      const files = call.has('-i', '--in-place') ? 'write...' : 'read...';
      return call.has('-e', '-f', '--expression', '--file') ? [files] : ['value', files];
    },
    custom(call) {
      // `-i'SUFFIX'` with a `/` names where the backup goes (`*` is the file's name)
      for (const suffix of call.values('-i', '--in-place'))
        if (suffix.text.includes('/')) call.ctx.write(call.ctx.path(suffix.text));
      const scripts = call.has('-e', '-f', '--expression', '--file')
        ? call.values('-e', '--expression')
        : call.operands.slice(0, 1);
      for (const s of scripts) sedScript(call, s.text, s.known);
      if (call.has('-f', '--file')) call.ctx.unknown('`sed -f` runs a script from a file');
    },
    examples: [
      { cmd: "sed -i 's/a/b/g' config.yml", writes: ['config.yml'], only: true },
      { cmd: "sed -n '1,20p' src/app.ts", reads: ['src/app.ts'], only: true },
      { cmd: "sed -n '1e id' f", unknown: 'runs shell commands' },
      { cmd: "sed 's/x/y/w /etc/cron.d/job' f", writes: ['/etc/cron.d/job'] },
      { cmd: 'sed -i.bak s/x/y/ ~/.bashrc', writes: ['~/.bashrc'] },
    ],
  },
  {
    names: ['groff', 'troff', 'nroff', 'gtroff', 'pic', 'gpic', 'eqn', 'tbl', 'grog', 'soelim', 'preconv'],
    summary: 'typeset roff documents; in unsafe mode (`-U`) a document can run commands',
    options: {
      '-U|--unsafe': {
        unknown: 'unsafe mode lets the document run shell commands (`.sy`, `.pso`, pic `sh`)',
      },
      '-T|-P|-m|-M|-F|-I|-d|-f|-n|-o|-r|-w|-W|-K|-L|-D|-E|-S|-b|-h': 'value',
      '-a|-c|-C|-e|-g|-G|-i|-j|-k|-l|-N|-p|-R|-s|-t|-v|-V|-X|-z|-Z|-q|-u': 'flag',
    },
    readonly: true,
    operands: ['read...'],
    examples: [
      { cmd: 'groff -man -Tutf8 doc.1', reads: ['doc.1'], only: true },
      { cmd: "printf '.PS\\nsh X rm -rf ~ X\\n.PE\\n' | groff -U -p", unknown: 'unsafe' },
    ],
  },
  {
    names: ['dc'],
    summary: 'reverse-Polish calculator; `!` in its code runs a shell command',
    options: { '-e|--expression': 'code:dc', '-f|--file': 'script', '-h|--help|-V|--version': 'flag' },
    effects: { stdin: 'code:dc' },
    operands: ['script...'],
    examples: [
      { cmd: "dc -e '2 3 + p'", only: false },
      { cmd: "dc -e '!rm -rf ~'", runs: ['rm'], deletes: ['~'] },
    ],
  },
  {
    names: ['bc'],
    summary: 'arbitrary-precision calculator (its language reads and writes no files)',
    options: {
      '-l|--mathlib|-q|--quiet|-s|--standard|-w|--warn|-i|--interactive|-h|--help|-v|--version': 'flag',
      '-e|--expression': 'value',
      '-f|--file': 'read',
    },
    readonly: true,
    operands: ['read...'],
    examples: [
      { cmd: 'bc -l', only: true },
      { cmd: "echo '2^10' | bc", only: true },
    ],
  },
  {
    names: ['awk', 'gawk', 'mawk', 'nawk', 'busybox-awk'],
    summary: 'run an awk program over text',
    options: {
      '-f|--file|-E|--exec': 'read',
      '-v|--assign|-F|--field-separator': 'value',
      '-i|--include': 'read',
      '-l|--load': 'library',
      '-o|--pretty-print|-p|--profile': { takes: 'write', attached: true },
      '-M|--bignum|-S|--sandbox|-P|--posix|-b|-c|-N|-O|-e': 'flag',
    },
    operands: (call) => (call.has('-f', '-E', '--file', '--exec') ? ['read...'] : ['value', 'read...']),
    custom(call) {
      const { ctx } = call;
      if (call.has('-f', '-E', '--file', '--exec'))
        return ctx.unknown(`\`${call.program} -f\` runs a program from a file`);
      const program = call.operands[0];
      if (!program) return;
      if (!program.known) return ctx.apply('code:awk', program);
      // `-v name=value` is part of the program: `-v f=~/.ssh/id_rsa '…getline < f…'`
      const assigned = call.values('-v', '--assign').map((v) => {
        const eq = v.text.indexOf('=');
        return eq > 0 && v.known
          ? `BEGIN { ${v.text.slice(0, eq)} = "${v.text.slice(eq + 1).replace(/["\\]/g, '\\$&')}" }\n`
          : '';
      });
      if (call.values('-v', '--assign').some((v) => !v.known))
        ctx.unknown(`\`${call.program} -v\` sets a variable only known when the command runs`);
      ctx.code('awk', assigned.join('') + program.text);
    },
    examples: [
      { cmd: "awk '{print $1}' access.log", reads: ['access.log'], only: true },
      { cmd: 'awk \'BEGIN { system("rm -rf ~") }\'', runs: ['rm'] },
      { cmd: 'gawk -l ./evil.so', unknown: 'native library' },
    ],
  },
  {
    names: ['find', 'gfind'],
    summary: 'find files below folders, and act on them',
    operands: ['value...'],
    custom: find,
    examples: [
      { cmd: "find . -name '*.ts' -type f", reads: ['.'], only: true },
      { cmd: "find . -name '*.php' -exec sed -i 's/a/b/' {} \\;", writes: ['./**/*.php'] },
      { cmd: 'find ~ -exec rm -rf {} +', deletes: ['~/**'] },
      { cmd: 'find / -name "*.log" -delete', deletes: ['/**/*.log'] },
      { cmd: "find . -path './.aarm/*' -delete", deletes: ['.aarm/**'] },
      { cmd: 'find . -path ./src -prune -o -delete', deletes: ['./**'] },
      { cmd: 'find . -type d -name __pycache__ -prune -exec rm -rf {} +', deletes: ['./**/__pycache__/**'] },
      { cmd: 'find . -fprint ~/.bashrc', writes: ['~/.bashrc'] },
      { cmd: 'find . -exec /bin/sh \\; -quit', unknown: 'standard input' },
    ],
  },
  {
    names: ['fd', 'fdfind'],
    summary: 'find files (fd)',
    readonly: true,
    options: {
      '-e|--extension|-t|--type|-E|--exclude|-d|--max-depth|--min-depth|-S|--size|--changed-within|--changed-before|-o|--owner|-j|--threads|-c|--color|--base-directory|--ignore-file|--format':
        'value',
      '--search-path': 'read-tree',
      '-x|--exec|-X|--exec-batch': { takes: 'argv', mode: 'exec' },
    },
    operands: ['value', 'read-tree...'],
    custom(call) {
      const exec = call.args.findIndex((a) => ['-x', '--exec', '-X', '--exec-batch'].includes(a.text));
      if (exec >= 0) {
        const command = call.args.slice(exec + 1).filter((a) => a.text !== ';');
        call.ctx.run(
          command.map((a) =>
            a.text.includes('{')
              ? { ...a, text: a.text.replace(/\{[^}]*\}/g, `${call.ctx.path('.')}/**`), glob: true }
              : a,
          ),
          'fd --exec',
        );
      }
      if (call.operands.length <= 1) call.ctx.read(`${call.ctx.path('.')}/**`);
    },
    examples: [
      { cmd: 'fd -e ts', reads: ['./**'], only: true },
      { cmd: 'fd -x rm -rf', runs: ['rm'] },
    ],
  },
  {
    names: ['jq', 'gojq', 'jaq', 'yq', 'xq', 'tomlq', 'dasel', 'gron', 'jless', 'fx'],
    summary: 'query JSON, YAML and TOML',
    readonly: true,
    // `--arg NAME VALUE` and `--rawfile NAME FILE` take two words: the name is dropped here.
    rewrite: (args: Field[]) =>
      args.filter(
        (_, i) =>
          !/^--(arg|argjson|slurpfile|rawfile)$/.test(args[i - 1]?.text ?? '') ||
          /^--(arg|argjson|slurpfile|rawfile)$/.test(args[i - 2]?.text ?? ''),
      ),
    options: {
      '--arg|--argjson|--indent|-L|--tab|-o|--output-format|-I|-p|--input-format': 'value',
      '--args|--jsonargs': 'flag',
      '--slurpfile|--rawfile|-f|--from-file': 'read',
      '-i|--inplace': { mode: 'in-place' },
    },
    operands: (call) => {
      const files = call.has('-i', '--inplace') ? 'write...' : 'read...';
      return call.has('-f', '--from-file') ? [files] : ['value', files];
    },
    examples: [
      { cmd: "jq '.scripts' package.json", reads: ['package.json'], only: true },
      { cmd: "jq --arg v 1 '.a == $v' data.json", reads: ['data.json'], only: true },
      { cmd: "jq -n --rawfile k ~/.ssh/id_rsa '$k'", reads: ['~/.ssh/id_rsa'] },
      { cmd: "yq -i '.a = 1' ~/.config/x.yml", writes: ['~/.config/x.yml'] },
    ],
  },
  {
    names: ['bat', 'batcat', 'less', 'more', 'most', 'pg'],
    summary: 'show files page by page',
    readonly: true,
    options: {
      '-l|--language|-r|--line-range|--style|--theme|-H|--highlight-line|--tabs|--wrap|-m|--map-syntax':
        'value',
      '-x|--tabs|-y|-z|-b|-h|-j|-P|-T|-o|--log-file|-O|--LOG-FILE|-k|--lesskey-file': 'value',
      '-p|--pattern|-t|--tag': 'value',
      '--pager': 'command',
    },
    operands: ['read...'],
    custom(call) {
      const { ctx } = call;
      // `less +'!cmd'`, `-o file` (a copy of the input), and a terminal user typing `!cmd` or `v`.
      for (const a of call.args) {
        const shell = /^\+[^!]*!(.*)$/s.exec(a.text);
        if (shell && call.program !== 'bat') ctx.runScript(shell[1]!.replace(/\n$/, ''), `${call.program} !`);
      }
      for (const o of call.values('-o', '-O', '--log-file', '--LOG-FILE')) ctx.apply('write', o);
      for (const k of call.values('-k', '--lesskey-file')) ctx.apply('read', k);
    },
    examples: [
      { cmd: 'less README.md', reads: ['README.md'], only: true },
      { cmd: "less +'!rm -rf ~' /etc/profile", runs: ['rm'] },
    ],
  },
]);

/** `find ROOTS… EXPRESSION`: roots are read; -delete, -exec, -fprint act on what matches. */
function find(call: Call): void {
  const { ctx } = call;
  const args = call.args;
  let i = 0;
  while (i < args.length && /^-([HLP]|O\d)$/.test(args[i]!.text)) i++;
  const roots: string[] = [];
  for (; i < args.length && !/^[-(!,]/.test(args[i]!.text); i++) {
    const root = args[i]!;
    if (!root.known)
      ctx.unknown(`\`find\` searches \`${root.text}\`, a folder only known when the command runs`);
    else roots.push(ctx.path(root.text));
  }
  if (roots.length === 0) roots.push(ctx.path('.'));
  // find lists names below its roots (a glob root: the folder it lists); what reads contents is
  // its -exec command, judged below.
  for (const r of roots) ctx.read(/[*?[]/.test(r) ? r.slice(0, r.search(/\/[^/]*[*?[]/)) || '/' : r);
  // `-name '*.log'` or `-path './x/*'` before an action narrows what it acts on.
  let name: string | undefined;
  let path: string | undefined;
  const matches = (r: string) => {
    if (path !== undefined) return path;
    return `${r === '/' ? '' : r}/**${name && !name.includes('/') ? `/${name}` : ''}`;
  };
  for (; i < args.length; i++) {
    const a = args[i]!;
    const t = a.text;
    if (!a.known) {
      ctx.unknown(`\`find\` gets \`${t}\`, only known when the command runs, where it can be an action`);
      continue;
    }
    // An alternative or a negation widens what the actions act on again (fail closed).
    if (['-o', '-or', '!', '-not', ','].includes(t)) {
      name = undefined;
      path = undefined;
    } else if (t === '-name' || t === '-iname') {
      const next = args[++i];
      name = next?.known ? next.text : undefined;
    } else if (t === '-path' || t === '-wholename' || t === '-ipath' || t === '-iwholename') {
      // The pattern is matched against the whole path as find prints it (root first); its `*`
      // matches `/` too.
      const next = args[++i];
      const root = args.find((a) => a.known && !/^[-(!,]/.test(a.text));
      if (next?.known) {
        const relative =
          root && next.text.startsWith(root.text)
            ? next.text.slice(root.text.length)
            : `/${next.text.replace(/^\*\/?/, '')}`;
        const base = roots[0] === '/' ? '' : roots[0]!;
        path = `${base}/${relative.replace(/^\/+/, '')}`.replace(/\*+/g, '**').replace(/\*\*\/\*\*/g, '**');
        if (!next.text.startsWith(root?.text ?? '\0') && !next.text.startsWith('/'))
          path = `${base}/**/${relative.replace(/^\/+/, '')}`.replace(/\*+/g, '**');
      }
    } else if (t === '-delete') {
      for (const r of roots) ctx.remove(matches(r));
    } else if (t === '-exec' || t === '-execdir' || t === '-ok' || t === '-okdir') {
      const command = [];
      for (i++; i < args.length && args[i]!.text !== ';' && args[i]!.text !== '+'; i++) {
        const part = args[i]!;
        command.push(
          part.text.includes('{}')
            ? { ...part, text: part.text.replace(/\{\}/g, matches(roots[0]!)), glob: true }
            : part,
        );
      }
      ctx.run(command, 'find -exec');
    } else if (t === '-fprint' || t === '-fprint0' || t === '-fprintf' || t === '-fls') {
      const file = args[++i];
      if (file) ctx.apply('write', file);
      if (t === '-fprintf') i++;
    } else if (['-newer', '-anewer', '-cnewer', '-samefile'].includes(t)) {
      const file = args[++i];
      if (file) ctx.apply('read', file);
    } else if (
      /^-(regex|iregex|type|xtype|mtime|mmin|atime|amin|ctime|cmin|size|perm|user|group|uid|gid|maxdepth|mindepth|newer[a-zA-Z]{2}|printf|fstype|links|inum|used|context|lname|ilname)$/.test(
        t,
      )
    )
      i++;
  }
}

/** GNU sed commands that run programs (`e`) or write files (`w file`, `s///w file`). */
function sedScript(call: Call, script: string, known: boolean): void {
  const { ctx } = call;
  if (!known) {
    ctx.unknown('the `sed` script is only known when the command runs');
    return;
  }
  if (
    /(^|[;\n{}])\s*([0-9$,~]+|\/[^/]*\/[IM]*)?\s*e(\s|;|$)|(^|[;\n{}])\s*([0-9$,]+|\/[^/]*\/)?\s*s(.).*?\6.*?\6[gpiImM0-9]*e/.test(
      script,
    )
  ) {
    ctx.unknown('the `sed` script runs shell commands (`e`)');
  }
  for (const w of script.matchAll(/(?:^|[;\n}]|[/|#,][gpiImMe0-9]*)\s*[wW]\s+([^;\n]+)/g)) {
    const file = w[1]!.trim();
    if (file !== '/dev/stdout' && file !== '/dev/stderr') ctx.write(ctx.path(file));
  }
  for (const r of script.matchAll(/(?:^|[;\n}])\s*([0-9$,]+|\/[^/]*\/)?\s*[rR]\s+([^;\n]+)/g))
    ctx.read(ctx.path(r[2]!.trim()));
}
