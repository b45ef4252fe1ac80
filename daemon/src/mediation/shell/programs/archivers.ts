/**
 * Archives and compression: what goes in is read, what comes out is written, and the options that
 * run helper programs (tar's --to-command, zip's -TT …) are commands. Researched from GNU tar's
 * manual, Info-ZIP's zip(1)/unzip(1), gzip(1), xz(1), zstd(1), 7z's help, cpio(1), ar(1).
 */
import { definePrograms, type Call } from '../model.js';

/** `zip -@`, `tar -T -`, `cpio -o`: the names of the files to archive come on standard input. */
function namesFromStdin(call: Call): void {
  const { ctx } = call;
  const input = ctx.stdin;
  if (input?.kind === 'text') {
    for (const line of input.text.split('\n'))
      if (line.trim() !== '')
        ctx.apply('read', {
          text: line.trim(),
          known: true,
          glob: false,
          many: false,
          network: false,
          decoded: false,
        });
  } else if (input?.kind === 'paths') ctx.read(input.pattern);
  else
    ctx.unknown(
      `\`${call.program}\` archives files named on its standard input, only known when the command runs`,
    );
}

const COMPRESSED_SUFFIX: Record<string, string> = {
  gzip: '.gz',
  igz: '.gz',
  bzip2: '.bz2',
  xz: '.xz',
  lzma: '.lzma',
  zstd: '.zst',
  lz4: '.lz4',
  lzip: '.lz',
  brotli: '.br',
  compress: '.Z',
};

function tar(call: Call): void {
  const { ctx } = call;
  const archives = call.values('-f', '--file');
  const dir = call.values('-C', '--directory')[0];
  const extract = call.has('-x', '--extract', '--get');
  const create = call.has('-c', '--create', '-r', '--append', '-u', '--update');
  const into = dir?.known ? ctx.path(dir.text) : ctx.path('.');
  for (const action of call.values('--checkpoint-action')) {
    const exec = /^(?:exec|execute)=(.*)$/s.exec(action.text);
    if (exec) ctx.apply('command', { ...action, text: exec[1]! });
  }
  if (extract) {
    for (const a of archives) ctx.apply('read', a);
    ctx.write(`${into}/**`);
    if (call.has('-P', '--absolute-names'))
      ctx.unknown('`tar -P` extracts absolute paths from the archive, wherever they point');
    if (call.operands.length > 0 && !call.has('-C', '--directory'))
      for (const o of call.operands) ctx.apply('write-tree', o);
  } else if (create) {
    for (const a of archives) if (a.text !== '-') ctx.apply('write', a);
    // The files are named relative to -C's folder: `tar -C ~ -cf - .ssh`.
    if (dir) ctx.setCwd(dir);
    for (const o of call.operands) ctx.apply('read-tree', o);
    for (const t of call.values('-T', '--files-from')) {
      if (t.text === '-' || t.text === '/dev/stdin') namesFromStdin(call);
      else ctx.apply('read', t);
    }
    if (call.has('--remove-files')) for (const o of call.operands) ctx.apply('delete-tree', o);
  } else for (const a of archives) ctx.apply('read', a);
}

export default definePrograms([
  {
    names: ['tar', 'gtar', 'bsdtar'],
    summary: 'make and unpack tar archives',
    options: {
      '-f|--file': 'value',
      '-C|--directory': 'value',
      '-T|--files-from': 'value',
      '-X|--exclude-from': 'read',
      '-I|--use-compress-program': 'command',
      '--to-command|--info-script|-F|--new-volume-script|--rsh-command|--rmt-command': 'command',
      '--checkpoint-action': 'value',
      '-b|--blocking-factor|-g|--listed-incremental|--exclude|-V|--label|-H|--format|--transform|--xform|--owner|--group|--mode|--strip-components|-K|--starting-file|-N|--newer|--after-date|--index-file|--checkpoint|--record-size|--tape-length|-L|--level|--sort|--mtime|--warning|--exclude-tag|--totals|--quoting-style':
        'value',
      '-x|--extract|--get': { mode: 'extract' },
      '-c|--create|-r|--append|-u|--update': { mode: 'create' },
      '-t|--list|-d|--diff|--compare|--delete|-A|--catenate|--concatenate': 'flag',
      '-P|--absolute-names': 'flag',
      '--remove-files': 'flag',
      '-z|--gzip|-j|--bzip2|-J|--xz|--zstd|--lzma|-Z|-a|--auto-compress|-v|--verbose|-p|--preserve-permissions|-k|--keep-old-files|-m|-O|--to-stdout|-h|--dereference|-W|--verify|-S|--sparse|--no-same-owner|--same-owner|--overwrite|--recursion|--no-recursion|-i|--ignore-zeros|--wildcards|--anchored|--numeric-owner|--one-file-system|-l|-w|--interactive|-B|-M|--multi-volume|-s|-U|--unlink-first|--skip-old-files|--keep-newer-files|--force-local|-o|-n|--seek':
        'flag',
    },
    operands: ['value...'],
    // Old-style `tar xzf FILE`: a first argument without a dash is a cluster of options.
    rewrite: (args) =>
      args[0]?.known && /^[A-Za-z]+$/.test(args[0].text)
        ? [{ ...args[0], text: `-${args[0].text}` }, ...args.slice(1)]
        : args,
    custom: tar,
    examples: [
      { cmd: 'tar xzf release.tgz -C vendor', reads: ['release.tgz'], writes: ['vendor/**'] },
      { cmd: 'tar czf /tmp/backup.tgz src', reads: ['src/**'], writes: ['/tmp/backup.tgz'] },
      { cmd: 'tar -cf /dev/null . --checkpoint=1 --checkpoint-action=exec="rm -rf /tmp/x"', runs: ['rm'] },
      { cmd: "tar cf x.tar --use-compress-program='sh -c id' .", runs: ['id'] },
      { cmd: 'tar -xf x.tar --to-command=sh', runs: ['sh'] },
      { cmd: 'tar tf archive.tar', reads: ['archive.tar'], only: true },
    ],
  },
  {
    names: ['zip'],
    summary: 'make zip archives',
    options: {
      '-TT|--unzip-command': 'command',
      '-b|-n|-t|-tt|-x|-i|-P|--password|-Z|-s|-sp': 'value',
      '-@|--names-stdin|-D|--no-dir-entries': 'flag',
      '-O|--output-file': 'write',
      '-r|--recurse-paths': { mode: 'recursive' },
      '-m|--move': { mode: 'move' },
      '-T|--test|-q|-v|-9|-0|-j|-u|-f|-d|-e|-y|-X|-l|-o': 'flag',
    },
    operands: (call) => ['write', call.has('-r', '--recurse-paths') ? 'read-tree...' : 'read...'],
    custom(call) {
      if (call.has('-m', '--move')) for (const file of call.operands.slice(1)) call.ctx.apply('delete', file);
      if (call.has('-@', '--names-stdin')) namesFromStdin(call);
    },
    examples: [
      { cmd: 'zip -r /tmp/out.zip src', reads: ['src/**'], writes: ['/tmp/out.zip'] },
      { cmd: "zip x.zip f -T -TT 'rm -rf /tmp/x #'", runs: ['rm'] },
    ],
  },
  {
    names: ['unzip', 'funzip', 'unar', 'bsdunzip'],
    summary: 'unpack zip archives',
    options: { '-d': 'value', '-x|-P|-O|-I': 'value', '-l|-t|-v|-p|-Z|-c|-z': { mode: 'list' } },
    operands: ['read', 'value...'],
    custom(call) {
      if (call.has('-l', '-t', '-v', '-p', '-Z', '-c', '-z')) return;
      const dir = call.values('-d')[0];
      if (dir) call.ctx.apply('write-tree', dir);
      else call.ctx.write(`${call.ctx.path('.')}/**`);
    },
    examples: [
      { cmd: 'unzip -l a.zip', reads: ['a.zip'], only: true },
      { cmd: 'unzip a.zip -d ~/.config', writes: ['~/.config/**'] },
    ],
  },
  {
    names: [
      'gzip',
      'gunzip',
      'zcat',
      'bzip2',
      'bunzip2',
      'bzcat',
      'xz',
      'unxz',
      'xzcat',
      'lzma',
      'unlzma',
      'zstd',
      'unzstd',
      'zstdcat',
      'lz4',
      'unlz4',
      'lzip',
      'brotli',
      'pigz',
      'pbzip2',
      'compress',
      'uncompress',
    ],
    summary: 'compress and decompress files (in place unless -c)',
    options: {
      '-S|--suffix|-T|--threads|-L|-b|--memlimit|-M|--format|-F|--check|-C': 'value',
      '-o|--output': 'write',
      '-c|--stdout|--to-stdout|-l|--list|-t|--test': { mode: 'stdout' },
      '-d|--decompress|-k|--keep|-f|--force|-r|--recursive|-q|-v|-n|-N|-1|-9|--fast|--best|-z': 'flag',
    },
    operands: ['read...'],
    custom(call) {
      const { ctx } = call;
      if (
        call.has('-c', '--stdout', '--to-stdout', '-l', '--list', '-t', '--test') ||
        /cat$/.test(call.program)
      )
        return;
      const decompress = call.has('-d', '--decompress') || /^(un|gunzip|bunzip2)/.test(call.program);
      const suffix = call.values('-S', '--suffix')[0]?.text;
      for (const o of call.operands) {
        if (!o.known) {
          ctx.apply('write', o);
          continue;
        }
        const input = ctx.path(o.text);
        // In place: `x` becomes `x.gz`, `x.gz` becomes `x` (or, with -N, the name stored inside it).
        let output: string;
        if (!decompress)
          output = `${input}${suffix ?? COMPRESSED_SUFFIX[call.program.replace(/^p/, '')] ?? '.gz'}`;
        else if (call.has('-N', '--name')) output = `${input.slice(0, input.lastIndexOf('/'))}/*`;
        else
          output = input
            .replace(/\.tgz$/, '.tar')
            .replace(
              suffix !== undefined
                ? new RegExp(`${suffix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`)
                : /\.(gz|z|bz2|xz|lzma|zst|lz4|lz|br|Z)$/,
              '',
            );
        ctx.write(output);
        if (!call.has('-k', '--keep')) ctx.remove(input);
      }
    },
    examples: [
      { cmd: 'gzip -k dump.sql', writes: ['dump.sql.gz'], only: true },
      { cmd: 'gzip dump.sql', writes: ['dump.sql.gz'], deletes: ['dump.sql'], only: true },
      { cmd: 'zcat logs.gz', reads: ['logs.gz'], only: true },
      { cmd: 'gunzip -f .aarm/policy.yaml.gz', writes: ['.aarm/policy.yaml'] },
      { cmd: 'gzip -dNf .vscode/x.gz', writes: ['.vscode/*'] },
    ],
  },
  {
    names: ['7z', '7za', '7zr', '7zz', 'rar', 'unrar', 'p7zip'],
    summary: '7-Zip and RAR archives',
    operands: ['value...'],
    custom(call) {
      const { ctx } = call;
      const [command, archive, ...files] = call.operands;
      const out = call.args.find((a) => a.text.startsWith('-o'));
      if (!command || !archive) return;
      if (/^[xe]$/.test(command.text)) {
        ctx.apply('read', archive);
        ctx.write(`${out ? ctx.path(out.text.slice(2)) : ctx.path('.')}/**`);
      } else if (/^[aud]$/.test(command.text)) {
        ctx.apply('write', archive);
        for (const f of files) ctx.apply('read-tree', f);
      } else ctx.apply('read', archive);
    },
    examples: [{ cmd: '7z x data.7z -oout', reads: ['data.7z'], writes: ['out/**'] }],
  },
  {
    names: ['cpio', 'pax', 'afio'],
    summary: 'copy files into and out of archives',
    options: {
      '-F|--file|-O|-I|-H|--format|-R|--owner|-M|--message': 'value',
      '-D|--directory': 'cwd',
      '-E|--pattern-file': 'read',
      '--rsh-command': 'command',
      '-s': 'value',
      '-i|--extract|-o|--create|-p|--pass-through|-t|--list|-d|--make-directories|-v|--verbose|-m|-u|--unconditional|-a|-B|-c|-l|-L|-0|--null|-r|--rename|-w|-x':
        'flag',
    },
    operands: ['value...'],
    custom(call) {
      const { ctx } = call;
      if (call.has('-i', '--extract')) ctx.write(`${ctx.path('.')}/**`);
      if (call.has('-p', '--pass-through')) for (const d of call.operands) ctx.apply('write-tree', d);
      // copy-out and pass-through take the names of the files on standard input
      if (call.has('-o', '--create', '-p', '--pass-through') && call.program === 'cpio') namesFromStdin(call);
      for (const f of call.values('-F', '--file', '-O', '-I'))
        ctx.apply(call.has('-o', '--create') ? 'write' : 'read', f);
    },
    examples: [{ cmd: 'cpio -idv < archive.cpio', writes: ['./**'] }],
  },
  {
    names: ['ar', 'jar', 'dpkg-deb', 'rpm2cpio', 'cabextract', 'lha'],
    summary: 'other archive formats',
    operands: ['value...'],
    custom(call) {
      const { ctx } = call;
      const [mode, archive, ...files] = call.operands;
      if (!mode) return;
      if (/^-?[cruq]/.test(mode.text) && archive) {
        ctx.apply('write', archive);
        for (const f of files) ctx.apply('read-tree', f);
      } else if (/^-?x/.test(mode.text) || /^-(x|X|R|extract)/.test(mode.text)) {
        if (archive) ctx.apply('read', archive);
        ctx.write(`${ctx.path(files[0]?.text ?? '.')}/**`);
      } else for (const o of call.operands.slice(1)) ctx.apply('read', o);
    },
    examples: [{ cmd: 'ar t libfoo.a', reads: ['libfoo.a'] }],
  },
]);
