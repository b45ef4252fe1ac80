/**
 * GNU coreutils and the other small file and text tools every machine has. Researched from their
 * manuals (`info coreutils`, the man pages of util-linux and BSD equivalents).
 */
import { definePrograms, type Call, type ProgramSpec } from '../model.js';

/** Programs that only print something about their arguments: no files, no network. */
function inert(names: string[], summary: string, example: string): ProgramSpec {
  return { names, summary, operands: ['value...'], examples: [{ cmd: example, only: true }] };
}

/** `cp`, `mv`, `install`: sources read (all below them when recursive), the destination written. */
function copyLike(kind: 'cp' | 'mv' | 'install') {
  return (call: Call) => {
    const { ctx } = call;
    const target = call.values('-t', '--target-directory')[0];
    const operands = call.operands;
    if (kind === 'install' && call.has('-d', '--directory')) {
      for (const o of operands) ctx.apply('write', o);
      return;
    }
    const sources = target ? operands : operands.slice(0, -1);
    const dest = target ?? operands.at(-1);
    if (dest === undefined || sources.length === 0) return;
    const recursive = kind === 'mv' || call.has('-r', '-R', '--recursive', '-a', '--archive');
    for (const source of sources) {
      ctx.apply(recursive ? 'read-tree' : 'read', source);
      if (kind === 'mv') ctx.apply('delete-tree', source);
    }
    ctx.apply(recursive ? 'write-tree' : 'write', dest);
    if (!dest.known) return;
    const destPath = ctx.path(dest.text);
    for (const source of sources) {
      if (!source.known) continue;
      const base = source.text.replace(/\/+$/, '').split('/').pop() ?? source.text;
      const into = `${destPath}/${base}`;
      ctx.write(into);
      if (recursive) ctx.write(`${into}/**`);
      // `cp /bin/rm ./x`: a copy of a program runs as that program later in the command.
      ctx.copied(source, sources.length === 1 && !target ? destPath : into);
    }
  };
}

const COPY_OPTIONS = {
  '-t|--target-directory': 'write',
  '-S|--suffix': 'value',
  '--backup': { takes: 'value', attached: true },
  '--reflink': { takes: 'value', attached: true },
  '--sparse': 'value',
  '--preserve': { takes: 'value', attached: true },
  '--no-preserve': 'value',
  '--context': { takes: 'value', attached: true },
  '-Z': 'flag',
  '-r|-R|--recursive': 'flag',
  '-a|--archive': { mode: 'recursive' },
  '-T|--no-target-directory': 'flag',
} as const;

export default definePrograms([
  {
    names: ['cat'],
    summary: 'print files',
    readonly: true,
    operands: ['read...'],
    examples: [
      { cmd: 'cat a.txt /etc/hosts', reads: ['a.txt', '/etc/hosts'], only: true },
      { cmd: 'cat "$F"', unknown: false },
    ],
  },
  {
    names: ['tac'],
    summary: 'print files, last line first',
    readonly: true,
    options: { '-s|--separator': 'value' },
    operands: ['read...'],
    examples: [{ cmd: 'tac -s , log.txt', reads: ['log.txt'], only: true }],
  },
  {
    names: ['head', 'tail'],
    summary: 'print the first or last lines of files',
    readonly: true,
    options: {
      '-n|--lines': 'value',
      '-c|--bytes': 'value',
      '-s|--sleep-interval': 'value',
      '--pid': 'value',
      '-f|-F|--follow': 'flag',
      '-q|-v': 'flag',
    },
    operands: ['read...'],
    examples: [{ cmd: 'tail -n 20 -f app.log', reads: ['app.log'], only: true }],
  },
  {
    names: ['wc'],
    summary: 'count lines, words and bytes',
    readonly: true,
    options: { '--files0-from': 'read' },
    operands: ['read...'],
    examples: [{ cmd: 'wc -l src/a.ts', reads: ['src/a.ts'], only: true }],
  },
  {
    names: ['nl'],
    summary: 'number lines',
    readonly: true,
    options: { '-b|-s|-w|-v|-i|-n|-d|-f|-h|-l': 'value' },
    operands: ['read...'],
    examples: [{ cmd: 'nl -ba file.txt', reads: ['file.txt'], only: true }],
  },
  {
    names: ['sort'],
    summary: 'sort lines',
    options: {
      '-o|--output': 'write',
      '-k|--key|-t|--field-separator|-S|--buffer-size|--parallel|--batch-size': 'value',
      '-T|--temporary-directory': 'write-into',
      '--compress-program': 'exec',
      '--files0-from|--random-source': 'read',
    },
    operands: ['read...'],
    examples: [
      { cmd: 'sort -u -o out.txt in.txt', reads: ['in.txt'], writes: ['out.txt'], only: true },
      { cmd: 'sort --compress-program=sh big.txt', unknown: true },
      { cmd: 'sort --comp=/tmp/x.sh big.txt', runs: ['x.sh'] },
      { cmd: 'sort -o ~/.bashrc list', writes: ['~/.bashrc'] },
    ],
  },
  {
    names: ['uniq'],
    summary: 'drop repeated lines; a second operand is the output file',
    options: { '-f|--skip-fields|-s|--skip-chars|-w|--check-chars': 'value' },
    operands: ['read', 'write'],
    examples: [
      { cmd: 'uniq -c names.txt', reads: ['names.txt'], only: true },
      { cmd: 'uniq in.txt /etc/out', writes: ['/etc/out'] },
    ],
  },
  {
    names: ['cut', 'paste', 'join', 'comm', 'fold', 'fmt', 'pr', 'expand', 'unexpand', 'rev', 'tsort'],
    summary: 'split, join, reflow and reorder the text of files',
    readonly: true,
    options: {
      '-d|--delimiter|-f|--fields|-b|--bytes|-c|--characters|--output-delimiter': 'value',
      '-t|-1|-2|-o|-e|-j': 'value',
      '-w|--width|-s': 'value',
    },
    operands: ['read...'],
    examples: [{ cmd: 'cut -d: -f1 /etc/passwd', reads: ['/etc/passwd'], only: true }],
  },
  {
    names: ['diff', 'cmp', 'sdiff', 'diff3'],
    summary: 'compare files',
    readonly: true,
    options: {
      '-U|--unified|-C|--context|--label|-L|-I|--ignore-matching-lines|-i|-n': 'value',
      '-x|--exclude': 'value',
      '-X|--exclude-from|--from-file|--to-file': 'read',
      '-r|--recursive': { mode: 'recursive' },
      '-o|--output': 'write',
    },
    operands: (call) => (call.has('-r', '--recursive') ? ['read-tree...'] : ['read...']),
    examples: [
      { cmd: 'diff -u a.txt b.txt', reads: ['a.txt', 'b.txt'], only: true },
      { cmd: 'diff -r old/ new/', reads: ['old/**', 'new/**'], only: true },
      { cmd: 'sdiff -o /etc/merged a b', writes: ['/etc/merged'] },
    ],
  },
  {
    names: ['tr'],
    summary: 'translate characters of standard input',
    operands: ['value...'],
    examples: [{ cmd: 'tr a-z A-Z', only: true }],
  },
  {
    names: ['split', 'csplit'],
    summary: 'split a file into pieces named by a prefix',
    options: {
      '-a|--suffix-length|-b|--bytes|-C|--line-bytes|-l|--lines|-n|--number|--additional-suffix|-t|--separator':
        'value',
      '-f|--prefix|-b|--suffix-format|-n|--digits': 'value',
      '--filter': 'command',
    },
    operands: ['read', 'value...'],
    custom(call) {
      const { ctx } = call;
      const prefix =
        call.program === 'csplit'
          ? (call.values('-f', '--prefix')[0]?.text ?? 'xx')
          : (call.operands[1]?.text ?? 'x');
      // New files: the prefix and a short suffix (two letters or digits unless -a/-n say more).
      const width = parseInt(call.values('-a', '--suffix-length', '-n', '--digits')[0]?.text ?? '2', 10) || 2;
      const extra = call.values('--additional-suffix')[0]?.text ?? '';
      // csplit's `-b FORMAT` names the pieces with any text around the number
      const anySuffix = call.program === 'csplit' && call.has('-b', '--suffix-format');
      if (!call.has('--filter'))
        ctx.write(`${ctx.path(prefix)}${anySuffix ? '*' : '?'.repeat(Math.min(width, 16))}${extra}`);
    },
    examples: [
      { cmd: 'split -l 1000 big.csv part-', reads: ['big.csv'], writes: ['part-??'], only: true },
      { cmd: 'split --filter=\'sh -c "rm -rf ~"\' /etc/hosts', runs: ['rm'] },
      { cmd: 'split -b 1M data ~/.ssh/x', writes: ['~/.ssh/x??'] },
    ],
  },
  {
    names: ['tee'],
    summary: 'copy standard input to files',
    options: { '-a|--append|-i|-p': 'flag', '--output-error': { takes: 'value', attached: true } },
    operands: ['write...'],
    custom(call) {
      // What it writes is what it reads: `echo 'rm -rf ~' | tee x.sh; sh x.sh`.
      for (const o of call.operands)
        if (o.known)
          call.ctx.written(call.ctx.path(o.text), call.has('-a', '--append') ? undefined : call.ctx.stdin);
    },
    examples: [
      { cmd: 'tee -a build.log', writes: ['build.log'], only: true },
      { cmd: 'tee /etc/hosts', writes: ['/etc/hosts'] },
    ],
  },
  {
    names: ['touch', 'mkdir', 'mkfifo', 'mknod'],
    summary: 'create files, folders and special files',
    options: {
      '-d|--date|-t': 'value',
      '-r|--reference': 'read',
      '-m|--mode|--context': 'value',
    },
    operands: (call) => (call.program === 'mknod' ? ['write', 'value...'] : ['write...']),
    examples: [
      { cmd: 'mkdir -p src/components', writes: ['src/components'], only: true },
      { cmd: 'touch ~/.hushlogin', writes: ['~/.hushlogin'] },
    ],
  },
  {
    names: ['rmdir'],
    summary: 'remove empty folders',
    operands: ['delete...'],
    examples: [{ cmd: 'rmdir -p a/b', deletes: ['a/b'], only: true }],
  },
  {
    names: ['rm'],
    summary: 'remove files and folders',
    options: {
      '-r|-R|--recursive': { mode: 'recursive' },
      '-f|--force|-i|-I|-d|--dir|-v|--verbose|--one-file-system': 'flag',
      '--interactive': { takes: 'value', attached: true },
      '--preserve-root': { takes: 'value', attached: true },
      '--no-preserve-root': { risk: 'destructive' },
    },
    operands: (call) => (call.has('-r', '-R', '--recursive') ? ['delete-tree...'] : ['delete...']),
    examples: [
      { cmd: 'rm -rf dist', deletes: ['dist', 'dist/**'], only: true },
      { cmd: 'rm -rf ~', deletes: ['~', '~/**'] },
      { cmd: 'rm --recursive --force /', deletes: ['/', '/**'] },
      { cmd: 'rm "$F"', unknown: true },
    ],
  },
  {
    names: ['cp'],
    summary: 'copy files',
    options: COPY_OPTIONS,
    custom: copyLike('cp'),
    operands: ['value...'],
    examples: [
      { cmd: 'cp a.txt b.txt', reads: ['a.txt'], writes: ['b.txt', 'b.txt/a.txt'], only: true },
      { cmd: 'cp -r src /tmp/backup', reads: ['src/**'], writes: ['/tmp/backup/**'] },
      { cmd: 'cp payload .git/hooks/pre-commit', writes: ['.git/hooks/pre-commit'] },
      { cmd: 'cp -t /usr/local/bin tool', writes: ['/usr/local/bin/tool'] },
    ],
  },
  {
    names: ['mv'],
    summary: 'move or rename files',
    options: COPY_OPTIONS,
    custom: copyLike('mv'),
    operands: ['value...'],
    examples: [
      { cmd: 'mv a.txt b.txt', deletes: ['a.txt'], writes: ['b.txt'] },
      { cmd: 'mv .aarm x', deletes: ['.aarm/**'] },
    ],
  },
  {
    names: ['install', 'ginstall'],
    summary: 'copy files and set their attributes',
    options: {
      ...COPY_OPTIONS,
      '-m|--mode|-o|--owner|-g|--group': 'value',
      '-d|--directory': { mode: 'directories' },
      '-D|-s|--strip|-c|-C|--compare|-p|--preserve-timestamps': 'flag',
      '--strip-program': 'exec',
    },
    custom: copyLike('install'),
    operands: ['value...'],
    examples: [
      { cmd: 'install -m 755 tool ~/bin/tool', reads: ['tool'], writes: ['~/bin/tool'] },
      { cmd: 'install -d build/out', writes: ['build/out'], only: true },
    ],
  },
  {
    names: ['ln', 'link'],
    summary: 'make links',
    options: {
      '-s|--symbolic|-f|--force|-n|--no-dereference|-r|--relative|-v|-b|-L|-P|-T': 'flag',
      '-t|--target-directory': 'write',
      '-S|--suffix': 'value',
    },
    operands: ['value...'],
    custom(call) {
      const { ctx, operands } = call;
      const dir = call.values('-t', '--target-directory')[0];
      const targets = dir ? operands : operands.length === 1 ? operands : operands.slice(0, -1);
      const link = dir ?? (operands.length === 1 ? undefined : operands.at(-1));
      for (const target of targets) {
        const base = target.text.replace(/\/+$/, '').split('/').pop() ?? target.text;
        const at =
          link === undefined
            ? ctx.path(base)
            : dir || targets.length > 1
              ? `${ctx.path(link.text)}/${base}`
              : ctx.path(link.text);
        if (link && !link.known)
          ctx.unknown(`\`${call.program}\` makes a link at a path only known when the command runs`);
        ctx.write(at);
        ctx.linked(target, at);
        // A hard link is the same file under a second name, which later commands can write
        // through without any link to follow: the target counts as written.
        if (!call.has('-s', '--symbolic') && target.known) ctx.write(ctx.path(target.text));
      }
    },
    examples: [
      {
        cmd: 'ln -s ../shared/config.json config.json',
        writes: ['config.json'],
        reads: ['../shared/config.json'],
      },
      { cmd: 'ln ~/.bashrc b', writes: ['b', '~/.bashrc'] },
      { cmd: 'ln -s ~/.ssh keys', reads: ['~/.ssh'] },
    ],
  },
  {
    names: ['unlink'],
    summary: 'remove one file',
    operands: ['delete'],
    examples: [{ cmd: 'unlink old.txt', deletes: ['old.txt'], only: true }],
  },
  {
    names: ['chmod'],
    summary: 'change permissions',
    options: {
      '-R|--recursive': { mode: 'recursive' },
      '--reference': 'read',
      '-c|-f|-v|--changes|--silent|--quiet|--verbose|--preserve-root|--no-preserve-root': 'flag',
    },
    operands: (call) =>
      call.has('--reference')
        ? ['write...']
        : ['value', call.has('-R', '--recursive') ? 'write-tree...' : 'write...'],
    custom(call) {
      const mode = call.has('--reference') ? undefined : call.operands[0];
      if (mode && /(^|,)[ugoa]*[+=][rwxXt]*s|^[0-7]*[4-7][0-7]{3}$/.test(mode.text))
        call.ctx.risk('privilege-escalation');
    },
    examples: [
      { cmd: 'chmod +x scripts/build.sh', writes: ['scripts/build.sh'], only: true },
      { cmd: 'chmod u+s /tmp/sh', risks: ['privilege-escalation'] },
      { cmd: 'chmod -R 777 ~', writes: ['~/**'] },
    ],
  },
  {
    names: ['chown', 'chgrp'],
    summary: 'change owner or group',
    options: {
      '-R|--recursive': { mode: 'recursive' },
      '--reference': 'read',
      '--from': 'value',
      '-c|-f|-v|-h|-H|-L|-P|--dereference|--no-dereference|--preserve-root|--no-preserve-root': 'flag',
    },
    operands: (call) =>
      call.has('--reference')
        ? ['write...']
        : ['value', call.has('-R', '--recursive') ? 'write-tree...' : 'write...'],
    custom(call) {
      const owner = call.has('--reference') ? undefined : call.operands[0];
      if (owner && /^(root|0)(:|$)/.test(owner.text)) call.ctx.risk('privilege-escalation');
    },
    examples: [
      { cmd: 'chown -R dev:dev build', writes: ['build/**'] },
      { cmd: 'chown root:root /tmp/x', risks: ['privilege-escalation'] },
    ],
  },
  {
    names: ['truncate'],
    summary: 'shrink or extend files',
    options: { '-s|--size|-o': 'value', '-r|--reference': 'read', '-c|--no-create|--io-blocks': 'flag' },
    operands: ['write...'],
    examples: [{ cmd: 'truncate -s 0 app.log', writes: ['app.log'], only: true }],
  },
  {
    names: ['shred'],
    summary: 'overwrite files so they cannot be recovered',
    options: {
      '-n|--iterations|-s|--size|--random-source': 'value',
      '-u|--remove|--zero|-z|-f|-v|-x': 'flag',
    },
    effects: { risks: ['destructive'] },
    operands: ['write...'],
    custom(call) {
      if (call.has('-u', '--remove')) for (const o of call.operands) call.ctx.apply('delete', o);
    },
    examples: [
      { cmd: 'shred -u secret.txt', writes: ['secret.txt'], deletes: ['secret.txt'], risks: ['destructive'] },
    ],
  },
  {
    names: ['dd'],
    summary: 'copy and convert blocks of a file or device',
    operands: ['value...'],
    custom(call) {
      const { ctx } = call;
      for (const a of call.operands) {
        const m = /^(if|of)=(.*)$/s.exec(a.text);
        if (!m) continue;
        const field = { ...a, text: m[2]! };
        ctx.apply(m[1] === 'if' ? 'read' : 'write', field);
        if (m[1] === 'of' && /^\/dev\/(sd|hd|vd|xvd|nvme|disk|mmcblk|mapper|md|dm-)/.test(m[2]!))
          ctx.risk('destructive');
      }
    },
    examples: [
      { cmd: 'dd if=/dev/zero of=/tmp/blob bs=1M count=1', writes: ['/tmp/blob'], only: true },
      { cmd: 'dd if=/dev/zero of=/dev/sda', risks: ['destructive'] },
    ],
  },
  {
    names: ['ls', 'dir', 'vdir', 'stat', 'du', 'df', 'file', 'tree', 'exa', 'eza', 'lsd'],
    summary: 'list and describe files',
    readonly: true,
    options: {
      '-I|--ignore|-w|--width|--format|--sort|--time-style|--time|-T|--tabsize|--block-size|-B': 'value',
      '--color|--colour|--hyperlink|--indicator-style|--quoting-style': { takes: 'value', attached: true },
      '-c|--format|--printf': 'value',
      '-d|--max-depth|-t|--threshold|--exclude': 'value',
      '--exclude-from|-X|--files0-from': 'read',
      '-m|--magic-file': 'read',
      '-e|-F|--separator|-P|-L|--level': 'value',
      '-o|--output': 'write',
    },
    operands: ['read...'],
    custom(call) {
      // `file -f names` reads the files named in `names`.
      if (call.program === 'file')
        for (const f of call.values('-f', '--files-from')) call.ctx.apply('read', f);
    },
    examples: [
      { cmd: 'ls -la src', reads: ['src'], only: true },
      { cmd: 'tree -L 2 -o tree.txt', writes: ['tree.txt'] },
      { cmd: 'du -sh node_modules', reads: ['node_modules'], only: true },
    ],
  },
  {
    names: [
      'od',
      'hexdump',
      'hd',
      'strings',
      'base64',
      'base32',
      'basenc',
      'md5sum',
      'sha1sum',
      'sha224sum',
      'sha256sum',
      'sha384sum',
      'sha512sum',
      'b2sum',
      'cksum',
      'sum',
      'shasum',
      'md5',
      'sha256',
    ],
    summary: 'dump, encode and checksum files',
    readonly: true,
    options: {
      '-A|-t|-N|-j|-w|--width|-n|-s|-e|-a|--algorithm|--tag|-l': 'value',
      '-f': 'read',
    },
    operands: ['read...'],
    examples: [
      { cmd: 'sha256sum dist/app.js', reads: ['dist/app.js'], only: true },
      { cmd: 'base64 -d payload.b64', reads: ['payload.b64'], only: true },
    ],
  },
  {
    names: ['xxd'],
    summary: 'hex dump a file, or turn a dump back into a file',
    options: { '-l|-s|-c|-g|-o|-n|-C': 'value' },
    operands: ['read', 'write'],
    examples: [
      { cmd: 'xxd -l 64 image.png', reads: ['image.png'], only: true },
      { cmd: 'xxd -r dump.hex /usr/local/bin/x', writes: ['/usr/local/bin/x'] },
    ],
  },
  {
    names: ['shuf'],
    summary: 'shuffle lines',
    options: {
      '-o|--output': 'write',
      '-n|--head-count|-i|--input-range': 'value',
      '--random-source': 'read',
      '-e|--echo': { mode: 'echo' },
    },
    operands: (call) => (call.has('-e', '--echo') ? ['value...'] : ['read...']),
    examples: [
      { cmd: 'shuf -n 5 words.txt', reads: ['words.txt'], only: true },
      { cmd: 'shuf -e DATA -o /etc/cron.d/x', writes: ['/etc/cron.d/x'] },
    ],
  },
  {
    names: ['iconv'],
    summary: 'convert text between encodings',
    options: { '-f|--from-code|-t|--to-code': 'value', '-o|--output': 'write' },
    operands: ['read...'],
    examples: [
      { cmd: 'iconv -f latin1 -t utf-8 in.txt', reads: ['in.txt'], only: true },
      { cmd: 'iconv -f utf8 -t utf8 -o ~/.profile x', writes: ['~/.profile'] },
    ],
  },
  {
    names: ['column', 'look'],
    summary: 'format text into columns; look up words',
    readonly: true,
    options: {
      '-s|--separator|-o|--output-separator|-c|--output-width|-N|--table-columns|-R|-E|-H': 'value',
    },
    operands: (call) => (call.program === 'look' ? ['value', 'read'] : ['read...']),
    examples: [{ cmd: 'column -t -s, data.csv', reads: ['data.csv'], only: true }],
  },
  {
    names: ['mktemp'],
    summary: 'create a temporary file or folder',
    options: { '-p|--tmpdir': { takes: 'write-into', attached: false }, '--suffix': 'value' },
    operands: ['value...'],
    custom(call) {
      if (!call.has('-p', '--tmpdir')) {
        const template = call.operands[0];
        if (template?.known && template.text.includes('/')) call.ctx.apply('write', template);
        else call.ctx.write('/tmp/*');
      }
    },
    examples: [{ cmd: 'mktemp -d', writes: ['/tmp/*'], only: true }],
  },
  {
    names: ['patch', 'gpatch'],
    summary: 'apply a diff: the files named in it (or the one given) are rewritten, created or deleted',
    options: {
      '-p|--strip|-F|--fuzz|-D|--ifdef|-V|--version-control|-z|--suffix|-B|--prefix|-Y|--basename-prefix|--reject-format|--quoting-style|-g|--get':
        'value',
      '-i|--input': 'read',
      '-o|--output|-r|--reject-file': 'write',
      '-d|--directory': 'cwd',
      '-R|--reverse|-N|--forward|-f|--force|-t|--batch|-s|--silent|--quiet|-E|--remove-empty-files|-b|--backup|-u|--unified|-c|--context|-n|--normal|-e|--ed|-l|--ignore-whitespace|--dry-run|--verbose|--binary|--posix|--merge|--follow-symlinks|-T|--set-time|-Z|--set-utc':
        'flag',
    },
    operands: ['write', 'read'],
    custom(call) {
      const { ctx } = call;
      if (call.has('--dry-run') || call.operands.length > 0) return;
      // The files are named inside the diff: known when it comes from a here-doc or a pipe of
      // known text; otherwise any file below the folder may change.
      const strip = parseInt(call.values('-p', '--strip')[0]?.text ?? '', 10);
      const input = ctx.stdin;
      if (input?.kind === 'text' && call.values('-i', '--input').length === 0) {
        for (const m of input.text.matchAll(/^(?:\+\+\+|---) (\S+)/gm)) {
          const name = m[1]!;
          if (name === '/dev/null') continue;
          const parts = name.split('/');
          const path = Number.isFinite(strip) ? parts.slice(strip).join('/') : parts.at(-1)!;
          if (path !== '') ctx.write(ctx.path(path));
        }
      } else ctx.write(`${ctx.path('.')}/**`);
      if (call.has('-E', '--remove-empty-files')) ctx.risk('destructive');
    },
    examples: [
      { cmd: 'patch -p1 < fix.diff', reads: ['fix.diff'], writes: ['**'] },
      { cmd: 'patch src/a.c fix.diff', writes: ['src/a.c'], reads: ['fix.diff'], only: true },
    ],
  },
  {
    names: ['which', 'whereis', 'where', 'whence'],
    summary: 'find where programs are installed (the names are looked up, never run)',
    options: {
      '-a|--all|-s|--skip-alias|--skip-functions|-b|-m|-u|-l|-p|--read-alias|--read-functions|-i|--tty-only|-v|-V':
        'flag',
      '-B|-M|-S|-f': 'value',
    },
    readonly: true,
    operands: ['value...'],
    examples: [
      { cmd: 'which node python3 bash', only: true },
      { cmd: 'whereis -b git', only: true },
    ],
  },
  {
    names: ['printenv'],
    summary: 'print the environment, or named variables',
    operands: ['value...'],
    custom(call) {
      if (call.operands.length === 0) call.ctx.read('env:environment');
      for (const name of call.operands) call.ctx.read(`env:${name.text}`);
    },
    examples: [{ cmd: 'printenv HOME', reads: ['env:HOME'] }],
  },
  {
    names: ['date'],
    summary: 'print or set the date',
    options: {
      '-d|--date|-I|--iso-8601|-R|--rfc-email|--rfc-3339': 'value',
      '-r|--reference|-f|--file': 'read',
      '-s|--set': { takes: 'value', risk: 'system-change' },
    },
    operands: ['value...'],
    examples: [
      { cmd: 'date +%Y-%m-%d', only: true },
      { cmd: 'date -s "2020-01-01"', risks: ['system-change'] },
    ],
  },
  {
    names: ['hostname'],
    summary: 'print or set the host name',
    options: { '-F|--file': 'read' },
    operands: ['value...'],
    custom(call) {
      if (call.operands.length > 0 || call.has('-F', '--file')) call.ctx.risk('system-change');
    },
    examples: [
      { cmd: 'hostname -f', only: true },
      { cmd: 'hostname evil', risks: ['system-change'] },
    ],
  },
  inert(
    [
      'seq',
      'yes',
      'sleep',
      'nproc',
      'uname',
      'arch',
      'whoami',
      'logname',
      'id',
      'groups',
      'users',
      'who',
      'w',
      'tty',
      'expr',
      'factor',
      'numfmt',
      'basename',
      'dirname',
      'realpath',
      'readlink',
      'pathchk',
      'getconf',
      'locale',
      'tput',
      'clear',
      'reset',
      'stty',
      'sync',
      'cal',
      'ncal',
      'units',
    ],
    'print facts or computed values',
    'seq 1 10',
  ),
]);
