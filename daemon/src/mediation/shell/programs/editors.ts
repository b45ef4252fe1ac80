/**
 * Editors, openers and documentation viewers. An editor opened by the agent reads keys from the
 * terminal, which aarm cannot see: not understood, unless it is driven by commands given on the
 * command line (`vim -c … -c wq`, `emacs --batch --eval …`, `ex` reading a script), which are
 * judged as code. The files an editor opens are read and may be saved. GUI editors (`code .`) are
 * the human's own window: opening files there is ordinary; installing extensions is not. Openers
 * (`xdg-open`, `open`) run whatever program is registered for a file or URL.
 *
 * Researched from vim(1) and `vim --help`, nvim(1), ed's `--help`, emacs(1), emacsclient(1),
 * nano(1), joe(1), jed(1), ne(1), mg(1), zile(1), kak(1), micro(1), vis(1), nvi(1), mousepad(1),
 * helix's and VS Code's command-line documentation, Sublime Text's `subl --help`, JetBrains'
 * command-line interface pages, xdg-open(1), macOS open(1), man(1), info(1), pinfo(1), tldr(1).
 */
import type { Field } from '../expand.js';
import { definePrograms, type Call, type CommandSpec, type OptionEntry, type ProgramSpec } from '../model.js';

const f = (a: Field, text: string): Field => ({ ...a, text });

const INTERACTIVE = 'opens an interactive editor that reads keys from the terminal, which aarm cannot see';

/** Remote files an editor can open itself (Vim's netrw, Emacs' TRAMP-like URLs, Zed's ssh://). */
const REMOTE_FILE = /^(scp|sftp|ftp|https?|rsync|dav|davs|fetch|rcp|ssh):\/\//i;

/** The files an editor opens: read, and written when it may save them; `+N`, `-` are not files. */
function editFiles(call: Call, files: Field[], mode: 'write' | 'read'): void {
  const { ctx } = call;
  for (const file of files) {
    if (file.known && (file.text === '-' || file.text.startsWith('+'))) continue;
    if (file.known && REMOTE_FILE.test(file.text)) {
      ctx.contact(file);
      continue;
    }
    ctx.apply('read', file);
    if (mode === 'write') ctx.apply('write', file);
  }
}

// ---------------------------------------------------------------------------------------------
// Vim, Neovim and the other vi editors.

/** The last `|`-separated command of a Vim command line ends the editor. */
const VIM_QUIT =
  /^\s*:*\s*(?:q(?:u(?:it?)?)?|qa(?:ll?)?|quita(?:ll?)?|wq|wqa(?:ll?)?|x(?:it?)?|xa(?:ll?)?|exi(?:t)?|cq(?:u(?:it?)?)?)!?(?:\s.*)?$/;

function vimQuits(command: string): boolean {
  return VIM_QUIT.test(command.split('|').at(-1) ?? '');
}

/** Vim options whose value is the next argument (the rewrite must not read `+x` in them). */
const VIM_VALUED = new Set([
  '-c',
  '--cmd',
  '-S',
  '-s',
  '-u',
  '-U',
  '-i',
  '-T',
  '-t',
  '-q',
  '-w',
  '-W',
  '--startuptime',
  '--log',
  '--listen',
  '--server',
  '--servername',
  '--remote-send',
  '--remote-expr',
  '-l',
  '-ll',
  '-geometry',
  '-font',
  '-fn',
  '-bg',
  '-fg',
  '-background',
  '-foreground',
  '-display',
  '-name',
  '-xrm',
  '--role',
  '--socketid',
  '-P',
  '-boldfont',
  '-italicfont',
  '-menufont',
  '-menufontset',
  '-scrollbarwidth',
  '-borderwidth',
  '-bw',
  '--windowid',
]);

/**
 * `+cmd` is `-c cmd`, `+N` a line; `-es`/`-Es` and `-s` in Ex mode are silent mode, elsewhere
 * `-s FILE` replays keys; `-S` without a file sources Session.vim.
 */
function vimArguments(exProgram: boolean) {
  return (args: Field[]): Field[] => {
    const out: Field[] = [];
    let ex = exProgram;
    let done = false;
    for (let i = 0; i < args.length; i++) {
      const a = args[i]!;
      const t = a.text;
      if (done || !a.known) {
        out.push(a);
        continue;
      }
      if (t === '--') {
        done = true;
        out.push(a);
      } else if (t.startsWith('+')) {
        if (t === '+' || /^\+\d+$/.test(t) || t === '+rv') out.push(f(a, '--line'));
        else out.push(f(a, '-c'), f(a, t.slice(1)));
      } else if (/^-[eE]s$/.test(t)) {
        ex = true;
        out.push(f(a, t.slice(0, 2)), f(a, '--ex-silent'));
      } else if (t === '-s' && ex) {
        out.push(f(a, '--ex-silent'));
      } else if (t === '-S' && (args[i + 1] === undefined || args[i + 1]!.text.startsWith('-'))) {
        out.push(a, f(a, 'Session.vim'));
      } else if (VIM_VALUED.has(t) && args[i + 1] !== undefined) {
        out.push(a, args[++i]!);
      } else {
        if (t === '-e' || t === '-E') ex = true;
        out.push(a);
      }
    }
    return out;
  };
}

const VIM_OPTIONS: Record<string, OptionEntry> = {
  '-c|--cmd': 'value',
  '-l|-ll': 'value',
  '-S': 'value',
  '-u|-U': 'value',
  '-s': 'value',
  '-w|-W': 'value',
  '-i': 'value',
  '-V': { takes: 'value', attached: true },
  '--startuptime|--log': 'write',
  '-q': 'read',
  '-o|-O|-p': { takes: 'value', attached: true },
  '--listen': 'value',
  '--remote-send': { takes: 'value', unknown: 'sends keys to another running Vim, which runs them as typed' },
  '--remote-expr': { takes: 'value', unknown: 'has another running Vim evaluate an expression' },
  '-T|-t|--servername|--server|-geometry|-font|-fn|-bg|-fg|-background|-foreground|-display|-name|-xrm|--role|--socketid|--windowid|-P|-boldfont|-italicfont|-menufont|-menufontset|-scrollbarwidth|-borderwidth|-bw':
    'value',
  '--remote|--remote-silent|--remote-wait|--remote-wait-silent|--remote-tab|--remote-tab-silent|--remote-tab-wait|--remote-tab-wait-silent|--remote-ui|--serverlist':
    'flag',
  '--ex-silent|--line|-e|-E|-v|-d|-y|-R|-Z|-m|-M|-b|-C|-N|-D|-n|-r|-L|-A|-H|-F|-x|-X|-f|-g|-h|--help|--version|-version|--nofork|--noplugin|--clean|--not-a-term|--ttyfail|--literal|--echo-wid|--embed|--headless|--api-info|-iconic|-reverse|-rv':
    'flag',
};

function vim(call: Call, exProgram: boolean, readonlyProgram: boolean): void {
  const { ctx } = call;
  const p = call.program;
  for (const session of call.values('-S')) ctx.runsFile(session, 'code:vim');
  for (const rc of call.values('-u', '-U')) {
    if (rc.known && /^(NONE|NORC|DEFAULTS)$/.test(rc.text)) continue;
    ctx.apply('read', rc);
    ctx.unknown(`\`${p} -u\` runs the Vim commands in \`${rc.text}\``);
  }
  for (const keys of call.values('-s')) {
    ctx.apply('read', keys);
    ctx.unknown(`\`${p} -s\` replays the keys in \`${keys.text}\` as if typed`);
  }
  for (const out of call.values('-w', '-W')) if (!/^\d+$/.test(out.text)) ctx.apply('write', out);
  for (const info of call.values('-i')) {
    if (info.known && info.text === 'NONE') continue;
    ctx.apply('read', info);
    ctx.apply('write', info);
  }
  for (const verbose of call.values('-V')) {
    const file = verbose.text.replace(/^\d+/, '');
    if (file !== '') ctx.apply('write', f(verbose, file));
  }
  for (const address of call.values('--listen')) {
    if (/^[\w.-]*:\d+$/.test(address.text)) ctx.network();
    ctx.unknown(`\`${p} --listen\` lets other programs connect and send it commands`);
  }
  // `nvim -l script.lua args…` runs a Lua script; the rest are its arguments.
  const lua = call.values('-l', '-ll')[0];
  if (lua && /^(nvim|nvim-qt|lvim|neovide)$/.test(p)) {
    ctx.runsFile(lua, 'code:lua');
    return;
  }
  // Vim's `-l` is Lisp mode, a flag: its "value" is a file to edit.
  if (lua) call.operands.unshift(lua);
  const readonly = readonlyProgram || call.has('-R', '-m', '-M');
  const commands = call.values('-c', '--cmd');
  // The `-c` commands run in order, in one Vim: an option one sets (`makeprg`) holds for the next.
  if (commands.every((c) => c.known)) {
    if (commands.length > 0) ctx.code('vim', commands.map((c) => c.text).join('\n'));
  } else for (const c of commands) ctx.apply('code:vim', c);
  editFiles(call, call.operands, readonly && commands.length === 0 ? 'read' : 'write');
  const quits = commands.some((c) => c.known && vimQuits(c.text));
  if (quits) return;
  if (
    call.has(
      '--headless',
      '--embed',
      '--api-info',
      '--version',
      '-version',
      '-h',
      '--help',
      '--serverlist',
    ) ||
    call.has(
      '--remote-send',
      '--remote-expr',
      '--remote',
      '--remote-silent',
      '--remote-tab',
      '--remote-tab-silent',
    ) ||
    (call.has('-r', '-L') && call.operands.length === 0)
  )
    return;
  if (exProgram || call.has('-e', '-E')) ctx.runsStdin('code:vim');
  else ctx.unknown(`\`${p}\` ${INTERACTIVE}`);
}

function vimSpec(
  names: string[],
  summary: string,
  ex: boolean,
  readonly: boolean,
  examples: ProgramSpec['examples'],
): ProgramSpec {
  return {
    names,
    summary,
    options: VIM_OPTIONS,
    rewrite: vimArguments(ex),
    operands: ['value...'],
    custom: (call) => vim(call, ex, readonly),
    examples,
  };
}

// ---------------------------------------------------------------------------------------------
// Emacs.

const EMACS_VALUES =
  '-t|--terminal|-terminal|-d|--display|-display|-T|--title|-title|--name|-name|-fn|--font|-font|--xrm|-xrm|-bw|--border-width|-ib|--internal-border|-g|--geometry|-geometry|-lsp|--line-spacing|-fg|--foreground-color|-bg|--background-color|-bd|--border-color|-cr|--cursor-color|-ms|--mouse-color|--parent-id|-L|--directory|-directory|--seccomp';
const EMACS_FLAGS =
  '-q|--no-init-file|-no-init-file|-Q|--quick|-quick|-nw|--no-window-system|-no-window-system|--no-splash|-no-splash|--debug-init|-debug-init|--no-site-file|-no-site-file|-nsl|--no-site-lisp|-nl|--no-shared-memory|--no-desktop|--no-x-resources|-D|--basic-display|-r|-rv|--reverse-video|-vb|--vertical-scroll-bars|-fh|--fullheight|-fs|--fullscreen|-fw|--fullwidth|-mm|--maximized|-nbi|--no-bitmap-icon|--iconic|-iconic|-nbc|--no-blinking-cursor|--version|-version|--help|-help|--no-build-details|--module-assertions|--kill|-kill';

function emacs(call: Call): void {
  const { ctx } = call;
  const p = call.program;
  for (const file of call.values('-l', '--load', '-load', '--script', '-script'))
    ctx.runsFile(file, 'code:elisp');
  editFiles(call, call.values('--file', '--find-file', '--visit', '-file', '-find-file', '-visit'), 'write');
  // `emacs --script FILE ARGS…`: the arguments are the script's.
  if (!call.has('--script', '-script')) editFiles(call, call.operands, 'write');
  const batch = call.has(
    '--batch',
    '-batch',
    '--script',
    '-script',
    '--daemon',
    '--bg-daemon',
    '--fg-daemon',
    '--version',
    '-version',
    '--help',
    '-help',
  );
  const kills = call
    .values('--eval', '-eval', '--execute', '-execute')
    .some((e) => /\(kill-emacs\b/.test(e.text));
  if (!batch && !kills) ctx.unknown(`\`${p}\` ${INTERACTIVE}`);
}

// ---------------------------------------------------------------------------------------------
// GUI editors and IDE launchers: the human's own window.

/** `code`, `cursor`, `codium`: VS Code's command line. */
function vscode(call: Call): void {
  const { ctx } = call;
  const p = call.program;
  for (const ext of call.values('--install-extension')) {
    ctx.risk('persistence');
    if (ext.known && /\.vsix$/i.test(ext.text)) {
      ctx.apply('read', ext);
      ctx.unknown(`\`${p} --install-extension\` installs an extension from a file, code the editor runs`);
    } else ctx.fetchesAndRuns(`vscode:${ext.text}`);
    ctx.write(`${ctx.home}/.vscode/extensions/**`);
  }
  if (call.has('--update-extensions')) {
    ctx.fetchesAndRuns('vscode:*');
    ctx.write(`${ctx.home}/.vscode/extensions/**`);
  }
  if (call.has('--uninstall-extension')) ctx.write(`${ctx.home}/.vscode/extensions/**`);
  for (const remote of [...call.values('--remote'), ...call.values('--folder-uri', '--file-uri')]) {
    const host = /(?:ssh-remote\+|^ssh:\/\/|@)([\w.-]+)/.exec(remote.text)?.[1];
    if (host) ctx.host(host);
    else if (/tunnel\+|dev-container\+|attached-container\+|codespaces\+/.test(remote.text)) ctx.network();
  }
  const files = call.has('-g', '--goto')
    ? call.operands.map((o) => f(o, o.text.replace(/:\d+(:\d+)?$/, '')))
    : call.operands;
  if (call.has('-m', '--merge') && files.length >= 4) {
    editFiles(call, files.slice(0, -1), 'read');
    editFiles(call, files.slice(-1), 'write');
  } else if (call.has('--open-url')) {
    for (const url of files)
      ctx.unknown(`\`${p} --open-url\` hands \`${url.text}\` to an extension's URL handler`);
  } else editFiles(call, files, 'read');
}

const VSCODE: ProgramSpec = {
  names: ['code', 'code-insiders', 'codium', 'vscodium', 'code-oss', 'cursor', 'windsurf', 'positron'],
  summary: 'VS Code and its forks (open files, manage extensions, tunnels)',
  options: {
    '--install-extension': 'value',
    '--uninstall-extension': 'value',
    '--update-extensions': 'flag',
    '--user-data-dir|--extensions-dir': {
      takes: 'value',
      unknown: 'uses another settings or extensions folder, whose extensions and tasks run',
    },
    '--add-mcp': {
      takes: 'value',
      risk: 'persistence',
      unknown: 'adds an MCP server to the editor, a program it starts later',
    },
    '--inspect-extensions|--inspect-brk-extensions': {
      takes: 'value',
      unknown: 'opens a debugger port into the extension host, which runs code sent to it',
    },
    '--enable-proposed-api': 'flag',
    '--remote|--folder-uri|--file-uri': 'value',
    '--locale|--profile|--category|--log|--max-memory|--sync|--disable-extension|--locate-shell-integration-path|--locate-extension':
      'value',
    '-d|--diff|-m|--merge|-a|--add|--remove|-g|--goto|-n|--new-window|-r|--reuse-window|-w|--wait|--disable-extensions|--pre-release|--list-extensions|--show-versions|-s|--status|--verbose|-v|--version|-h|--help|--disable-gpu|--transient|--telemetry|--prof-startup|--disable-lcd-text|--open-url|--force|--no-sandbox':
      'flag',
  },
  operands: ['value...'],
  subcommands: {
    tunnel: {
      operands: ['value...'],
      effects: {
        network: true,
        sends: true,
        unknown: 'opens a tunnel that lets a remote editor run commands on this machine',
      },
    },
    'serve-web': {
      options: {
        '--host|--port|--socket-path|--connection-token|--connection-token-file|--server-data-dir|--server-base-path|--cli-data-dir|--accept-server-license-terms':
          'value',
        '--without-connection-token': 'flag',
      },
      operands: ['value...'],
      custom(call) {
        const { ctx } = call;
        ctx.network();
        ctx.executes('an editor server with a terminal');
        const host = call.values('--host')[0];
        if (host && !/^(localhost|127\.\d+\.\d+\.\d+|::1|\[::1\])$/.test(host.text)) {
          ctx.sends();
          ctx.unknown(`\`${call.program} serve-web\` serves the editor, with a terminal, to other machines`);
        }
        if (call.has('--without-connection-token'))
          ctx.unknown(`\`${call.program} serve-web\` serves a terminal without a password`);
      },
    },
    chat: {
      operands: ['value...'],
      effects: { unknown: "starts the editor's AI agent with a prompt; it can edit files and run commands" },
    },
  },
  custom: vscode,
  examples: [
    { cmd: 'code .', only: true },
    { cmd: 'code -g src/index.ts:12:4', reads: ['src/index.ts'], only: true },
    { cmd: 'cursor --diff a.txt b.txt', reads: ['a.txt', 'b.txt'], only: true },
    {
      cmd: 'code --install-extension ms-python.python',
      risks: ['persistence', 'remote-code'],
      network: true,
    },
    { cmd: 'code --add-mcp \'{"name":"x","command":"sh"}\'', risks: ['persistence'], unknown: 'MCP' },
    { cmd: 'code tunnel', risks: ['exfiltration'], unknown: 'tunnel' },
    { cmd: 'code --user-data-dir /tmp/x .', unknown: 'extensions' },
    { cmd: 'code --remote ssh-remote+build.example /srv/app', hosts: ['build.example'] },
    { cmd: 'code serve-web --host 0.0.0.0', risks: ['exfiltration'] },
  ],
};

/** A GUI editor: its files open in the human's window. */
function guiEditor(names: string[], summary: string, values: string, example: string): ProgramSpec {
  return {
    names,
    summary,
    options: { [values]: 'value' },
    operands: ['value...'],
    custom: (call) =>
      editFiles(
        call,
        call.operands.map((o) => f(o, o.text.replace(/:\d+(:\d+)?$/, ''))),
        'read',
      ),
    examples: [{ cmd: example, reads: ['notes.md'], only: true }],
  };
}

/** JetBrains IDE launchers: `idea .`, `idea format`, `idea installPlugins`. */
const JETBRAINS_SUBCOMMANDS: Record<string, CommandSpec> = {
  format: {
    options: { '-s|-settings|-m|-mask|-charset': 'value', '-r|-R|-allowDefaults|-dry|-d': 'flag' },
    operands: ['value...'],
    custom(call) {
      const role = call.has('-dry', '-d') ? 'read' : call.has('-r', '-R') ? 'write-tree' : 'write';
      for (const o of call.operands) call.ctx.apply(role === 'read' ? 'read-tree' : role, o);
      for (const s of call.values('-s', '-settings')) call.ctx.apply('read', s);
    },
  },
  inspect: {
    options: { '-d|-format|-v': 'value', '-changes': 'flag' },
    operands: ['read-tree', 'read', 'write-tree'],
    effects: { executes: 'the IDE opening the project (its build scripts may run)' },
  },
  diff: { operands: ['read...'] },
  merge: { operands: ['read', 'read', 'read', 'write'] },
  installPlugins: {
    operands: ['value...'],
    custom(call) {
      const { ctx } = call;
      ctx.risk('persistence');
      for (const plugin of call.operands) {
        if (/^https?:\/\//.test(plugin.text)) ctx.contact(plugin);
        else ctx.fetchesAndRuns(`jetbrains:${plugin.text}`);
      }
    },
  },
};

const JETBRAINS: ProgramSpec = {
  names: [
    'idea',
    'idea.sh',
    'pycharm',
    'pycharm.sh',
    'webstorm',
    'phpstorm',
    'goland',
    'clion',
    'rider',
    'rubymine',
    'datagrip',
    'rustrover',
    'studio',
    'studio.sh',
    'fleet',
  ],
  summary: 'JetBrains IDEs and Android Studio (open, diff, merge, format, install plugins)',
  options: { '--line|--column': 'value', '--wait': 'flag' },
  operands: ['value...'],
  subcommands: JETBRAINS_SUBCOMMANDS,
  custom(call) {
    const files = call.operands.filter(
      (o) => !/^(nosplash|dontReopenProjects|disableNonBundledPlugins)$/.test(o.text),
    );
    if (call.sub === '') editFiles(call, files, 'read');
  },
  examples: [
    { cmd: 'idea .', only: true },
    { cmd: 'idea format -r src', writes: ['src/**'] },
    { cmd: 'idea installPlugins org.rust.lang', risks: ['persistence', 'remote-code'] },
    { cmd: 'idea merge a.txt b.txt base.txt out.txt', writes: ['out.txt'] },
  ],
};

// ---------------------------------------------------------------------------------------------
// Openers: the program registered for a file or URL runs.

function opens(call: Call, targets: Field[]): void {
  const { ctx } = call;
  for (const t of targets) {
    if (t.known && /^[a-zA-Z][\w+.-]*:\/\//.test(t.text)) ctx.contact(t);
    else if (t.known && /^(mailto|tel|vscode|slack|zoommtg):/.test(t.text)) ctx.network();
    else ctx.apply('read', t);
    ctx.unknown(
      `\`${call.program}\` opens \`${t.text}\` with the program registered for it, which aarm cannot see`,
    );
  }
}

/** macOS open: everything after `--args` goes to the application. */
function openArguments(args: Field[]): Field[] {
  const i = args.findIndex((a) => a.known && a.text === '--args');
  return i < 0 ? args : [...args.slice(0, i), ...args.slice(i + 1).map((a) => f(a, `--app-arg=${a.text}`))];
}

// ---------------------------------------------------------------------------------------------
// Terminal editors with no scripting from the command line.

function terminalEditor(
  names: string[],
  summary: string,
  options: Record<string, OptionEntry>,
  examples: ProgramSpec['examples'],
  extra?: (call: Call) => void,
): ProgramSpec {
  return {
    names,
    summary,
    options,
    operands: ['value...'],
    custom(call) {
      const viewOnly =
        call.has('-R', '-ro', '--read-only') ||
        (/^(r?nano|pico)$/.test(call.program) && call.has('-v', '--view'));
      editFiles(call, call.operands, viewOnly ? 'read' : 'write');
      if (call.has('-h', '--help', '-help', '-V', '--version', '-version')) return;
      if (extra) extra(call);
      else call.ctx.unknown(`\`${call.program}\` ${INTERACTIVE}`);
    },
    examples,
  };
}

export default definePrograms([
  vimSpec(
    [
      'vim',
      'vi',
      'nvim',
      'vimdiff',
      'nvi',
      'elvis',
      'vim.tiny',
      'vim.basic',
      'vim.nox',
      'vim.gtk',
      'vim.gtk3',
      'vimx',
      'gvim',
      'gvimdiff',
      'evim',
      'rvim',
      'rgvim',
      'lvim',
      'neovide',
      'nvim-qt',
    ],
    'Vim, Neovim and vi',
    false,
    false,
    [
      { cmd: 'vim notes.md', writes: ['notes.md'], unknown: 'interactive editor' },
      { cmd: "vim -c '%s/foo/bar/g' -c 'wq' notes.md", writes: ['notes.md'], executes: ['inline:vim'] },
      { cmd: "vim +'%s/a/b/' +wq notes.md", writes: ['notes.md'], executes: ['inline:vim'] },
      { cmd: 'vim -es -c "g/x/d" -c "x" notes.md', writes: ['notes.md'], executes: ['inline:vim'] },
      { cmd: "echo 'g/TODO/d' | vim -es notes.md", writes: ['notes.md'], executes: ['inline:vim'] },
      { cmd: 'vim -es notes.md', unknown: 'standard input' },
      { cmd: 'vim -u ./evil.vimrc notes.md', reads: ['evil.vimrc'], unknown: 'runs the Vim commands' },
      { cmd: 'vim -u NONE -c wq notes.md', writes: ['notes.md'] },
      { cmd: 'vim -S session.vim', executes: ['session.vim'] },
      { cmd: 'vim -s keys.txt notes.md', reads: ['keys.txt'], unknown: 'replays the keys' },
      { cmd: 'vim -W typed.log notes.md', writes: ['typed.log'] },
      { cmd: 'vim -V9vim.log -c q', writes: ['vim.log'] },
      { cmd: 'vim scp://build.example//etc/hosts', hosts: ['build.example'] },
      { cmd: 'vim --remote-send ":!id<CR>"', unknown: 'another running Vim' },
      { cmd: 'vim --version', only: true },
      { cmd: 'nvim --headless +PlugInstall +qa', executes: ['inline:vim'] },
      { cmd: 'nvim -l scripts/gen.lua out.txt', executes: ['scripts/gen.lua'] },
      { cmd: 'nvim --listen 0.0.0.0:6666 notes.md', network: true, unknown: 'send it commands' },
      { cmd: 'vimdiff a.txt b.txt', writes: ['a.txt', 'b.txt'], unknown: true },
    ],
  ),
  vimSpec(['view', 'rview', 'gview', 'rgview', 'eview', 'nview'], 'Vim in read-only mode', false, true, [
    { cmd: 'view notes.md', reads: ['notes.md'], unknown: 'interactive editor' },
  ]),
  vimSpec(['ex', 'nex'], 'Vim in Ex mode (commands from standard input)', true, false, [
    { cmd: "printf '%%s/a/b/g\\nwq\\n' | ex -s notes.md", writes: ['notes.md'], executes: ['inline:vim'] },
    { cmd: 'ex notes.md', unknown: 'standard input' },
  ]),
  {
    names: ['ed', 'red'],
    summary: 'line editor (commands from standard input)',
    options: {
      '-p|--prompt': 'value',
      '-E|--extended-regexp|-G|--traditional|-l|--loose-exit-status|-q|--quiet|--silent|-r|--restricted|-s|--script|-v|--verbose|--strip-trailing-cr|-h|--help|-V|--version':
        'flag',
    },
    operands: ['value...'],
    custom(call) {
      const { ctx } = call;
      if (call.has('-h', '--help', '-V', '--version')) return;
      const file = call.operands[0];
      // `ed '!command'` edits the output of a shell command (not in restricted `red`).
      if (file?.known && file.text.startsWith('!')) {
        if (call.program === 'ed' && !call.has('-r', '--restricted'))
          ctx.runScript(file.text.slice(1), 'ed !');
      } else if (file) editFiles(call, [file], 'write');
      ctx.runsStdin('code:ed');
    },
    examples: [
      {
        cmd: "printf ',s/foo/bar/g\\nw\\nq\\n' | ed -s notes.txt",
        writes: ['notes.txt'],
        executes: ['inline:ed'],
      },
      { cmd: "ed -s '!rm -rf /tmp/x'", runs: ['rm'] },
      { cmd: 'ed notes.txt', writes: ['notes.txt'], unknown: 'standard input' },
    ],
  },
  {
    names: ['emacs', 'emacs-nox', 'emacs-gtk', 'emacs-lucid', 'emacs-pgtk', 'xemacs', 'runemacs'],
    summary: 'GNU Emacs',
    options: {
      '--eval|-eval|--execute|-execute': 'code:elisp',
      '-l|--load|-load|--script|-script': 'value',
      '-f|--funcall|-funcall': { takes: 'value', unknown: 'calls a Lisp function named on the command line' },
      '--file|--find-file|--visit|-file|-find-file|-visit': 'value',
      '--insert|-insert': 'read',
      '--chdir|-chdir': 'cwd',
      '-u|--user|-user': { takes: 'value', unknown: "loads another user's init file, which runs its Lisp" },
      '--init-directory': { takes: 'value', unknown: 'loads init files from another folder, which run Lisp' },
      '--dump-file|-dump-file': { takes: 'value', unknown: 'loads a saved Lisp image' },
      '--daemon|--bg-daemon|--fg-daemon': {
        takes: 'value',
        attached: true,
        unknown: 'starts an Emacs server that runs Lisp sent to it',
      },
      '--color|-color': { takes: 'value', attached: true },
      [EMACS_VALUES]: 'value',
      '--batch|-batch': 'flag',
      [EMACS_FLAGS]: 'flag',
    },
    operands: ['value...'],
    custom: emacs,
    examples: [
      { cmd: 'emacs notes.org', writes: ['notes.org'], unknown: 'interactive editor' },
      {
        cmd: "emacs --batch notes.org --eval '(org-babel-tangle)'",
        writes: ['notes.org'],
        executes: ['inline:elisp'],
      },
      { cmd: 'emacs --batch -l build.el', executes: ['build.el'] },
      { cmd: 'emacs --script tools/gen.el out.txt', executes: ['tools/gen.el'] },
      { cmd: 'emacs -batch -eval \'(shell-command "rm -rf /tmp/x")\'', executes: ['inline:elisp'] },
      { cmd: 'emacs --batch -f batch-byte-compile x.el', unknown: 'Lisp function' },
      { cmd: 'emacs --daemon', unknown: 'server' },
    ],
  },
  {
    names: ['emacsclient'],
    summary: 'open files or evaluate Lisp in a running Emacs',
    options: {
      '-e|--eval': 'flag',
      '-a|--alternate-editor': 'value',
      '-f|--server-file': {
        takes: 'read',
        unknown: 'connects to the Emacs server named in a file, possibly on another machine',
      },
      '-s|--socket-name|-d|--display|-F|--frame-parameters|-T|--tramp|-w|--timeout|-H|--parent-id': 'value',
      '-t|-nw|--tty': 'flag',
      '-n|--no-wait|-c|--create-frame|-r|--reuse-frame|-q|--quiet|-u|--suppress-output|-V|--version|--help':
        'flag',
    },
    operands: ['value...'],
    custom(call) {
      const { ctx } = call;
      for (const alt of call.values('-a', '--alternate-editor')) {
        if (alt.known && alt.text === '')
          ctx.unknown('`emacsclient -a ""` starts an Emacs daemon when none runs');
        else ctx.apply('exec', alt);
      }
      if (call.has('-e', '--eval')) {
        for (const expr of call.operands) ctx.apply('code:elisp', expr);
        return;
      }
      editFiles(call, call.operands, 'read');
      if (call.has('-t', '-nw', '--tty')) ctx.unknown(`\`emacsclient -t\` ${INTERACTIVE}`);
    },
    examples: [
      { cmd: 'emacsclient -n notes.org', reads: ['notes.org'], only: true },
      { cmd: 'emacsclient -e \'(shell-command "id")\'', executes: ['inline:elisp'] },
      { cmd: 'emacsclient -t notes.org', unknown: 'interactive editor' },
    ],
  },
  terminalEditor(
    ['nano', 'rnano', 'pico'],
    'GNU nano and pico',
    {
      '-C|--backupdir': 'write-into',
      '-J|--guidestripe|-Q|--quotestr|-T|--tabsize|-X|--wordchars|-Y|--syntax|-r|--fill|-o|--operatingdir|-n':
        'value',
      '-f|--rcfile': {
        takes: 'read',
        unknown: 'reads a nanorc, which can name programs nano runs (speller, formatter, linter)',
      },
      '-s|--speller': 'command',
      '-A|--smarthome|-B|--backup|-D|--boldtext|-E|--tabstospaces|-F|--multibuffer|-G|--locking|-H|--historylog|-I|--ignorercfiles|-K|--rawsequences|-L|--nonewlines|-M|--trimblanks|-N|--noconvert|-O|--bookstyle|-P|--positionlog|-R|--restricted|-S|--softwrap|-U|--quickblank|-V|--version|-W|--wordbounds|-Z|--zap|-a|--atblanks|-b|--breaklonglines|-c|--constantshow|-d|--rebinddelete|-e|--emptyline|-g|--showcursor|-h|--help|-i|--autoindent|-j|--jumpyscrolling|-k|--cutfromcursor|-l|--linenumbers|-m|--mouse|-p|--preserve|-q|--indicator|-t|--saveonexit|-u|--unix|-v|--view|-w|--nowrap|-x|--nohelp|-y|--afterends|-!|--magic|-%|--stateflags|-_|--minibar|-0|--zero|-z':
        'flag',
    },
    [
      { cmd: 'nano notes.md', writes: ['notes.md'], unknown: 'interactive editor' },
      { cmd: "nano -s 'rm -rf /tmp/x' notes.md", runs: ['rm'] },
      { cmd: 'nano -v notes.md', reads: ['notes.md'], unknown: 'interactive editor' },
    ],
  ),
  {
    names: ['micro'],
    summary: 'micro, a terminal editor with Lua plugins',
    // `micro -tabsize 4 file`: any setting can be given as `-name value`.
    rewrite: (args) => {
      const out: Field[] = [];
      for (let i = 0; i < args.length; i++) {
        const a = args[i]!;
        if (
          a.known &&
          /^-[a-z]+$/.test(a.text) &&
          !/^-(clean|options|debug|version|help|profile|plugin|config-dir)$/.test(a.text) &&
          args[i + 1]
        ) {
          out.push(f(a, `--setting=${a.text.slice(1)}`));
          i++;
        } else out.push(a);
      }
      return out;
    },
    options: {
      '-config-dir': { takes: 'value', unknown: 'loads settings and Lua plugins from another folder' },
      '-plugin': 'value',
      '--setting': 'value',
      '-clean|-options|-debug|-version|-help|-profile': 'flag',
    },
    operands: ['value...'],
    custom(call) {
      const { ctx } = call;
      const action = call.values('-plugin')[0]?.text;
      if (action !== undefined) {
        const plugins = `${ctx.home}/.config/micro/plug/**`;
        if (action === 'install' || action === 'update') {
          ctx.risk('persistence');
          for (const name of call.operands) ctx.fetchesAndRuns(`micro-plugin:${name.text}`);
          if (call.operands.length === 0) ctx.fetchesAndRuns('micro-plugin:*');
          ctx.write(plugins);
        } else if (action === 'remove') ctx.write(plugins);
        else if (action === 'search' || action === 'available') ctx.network();
        return;
      }
      if (call.has('-clean')) ctx.write(`${ctx.home}/.config/micro/**`);
      if (call.has('-version', '-help', '-options', '-clean')) return;
      editFiles(call, call.operands, 'write');
      ctx.unknown(`\`micro\` ${INTERACTIVE}`);
    },
    examples: [
      { cmd: 'micro -tabsize 4 notes.md', writes: ['notes.md'], unknown: 'interactive editor' },
      { cmd: 'micro -plugin install fzf', risks: ['persistence', 'remote-code'] },
      { cmd: 'micro -version', only: true },
    ],
  },
  terminalEditor(
    ['joe', 'jmacs', 'jstar', 'jpico', 'rjoe'],
    "Joe's Own Editor",
    {
      '-backpath|-baud|-columns|-lines|-lmargin|-rmargin|-tab|-indentc|-istep|-keymap|-syntax|-encoding|-pg|-undo_keep|-skiptop|-cpara|-cnotpara|-lmsg|-rmsg|-smsg|-zmsg|-xmsg|-text_color|-status_color|-help_color|-menu_color|-prompt_color|-msg_color|-aborthint|-helphint|-text_delimiters':
        'value',
      '-help|-version': 'flag',
    },
    [{ cmd: 'joe notes.txt', writes: ['notes.txt'], unknown: 'interactive editor' }],
  ),
  terminalEditor(
    ['jed', 'xjed'],
    'JED, an editor programmable in S-Lang',
    {
      '--script|-l|-a': { takes: 'read', unknown: 'runs S-Lang code from a file' },
      '-f': { takes: 'value', unknown: 'calls an S-Lang function named on the command line' },
      '-i': 'read',
      '-g|-s|-facesize|-fs|-foreground|-fg|-background|-bg|-fgMouse|-mfg|-bgMouse|-mbg|-title': 'value',
      '--batch|-batch|-n|-e|-2|--secure|-Iconic|-ic|--version|--help': 'flag',
    },
    [
      { cmd: 'jed notes.txt', writes: ['notes.txt'], unknown: 'interactive editor' },
      { cmd: 'jed -batch -l tool.sl', unknown: 'S-Lang' },
    ],
    (call) => {
      if (!call.has('--batch', '-batch', '--script')) call.ctx.unknown(`\`${call.program}\` ${INTERACTIVE}`);
    },
  ),
  terminalEditor(
    ['ne'],
    'ne, the nice editor',
    {
      '--macro': {
        takes: 'read',
        unknown: 'plays a macro file, whose commands can pipe text through shell commands',
      },
      '--keys|--menus': 'read',
      '--prefs': 'value',
      '--binary|--read-only|--utf8|--no-utf8|--ansi|--no-ansi|--no-config|--no-syntax|--help': 'flag',
    },
    [{ cmd: 'ne notes.txt', writes: ['notes.txt'], unknown: 'interactive editor' }],
  ),
  terminalEditor(
    ['mg', 'zile', 'zemacs', 'jove', 'qemacs', 'qe', 'uemacs', 'em'],
    'small Emacs-like editors',
    {
      '-b': { takes: 'read', unknown: 'runs editor commands from a file, which can run shell commands' },
      '-u|-l|--load': { takes: 'read', unknown: 'loads an init or Lisp file, which runs editor commands' },
      '-f|--funcall': { takes: 'value', unknown: 'calls an editor function named on the command line' },
      '-q|--no-init-file|-n|-R|--help|--version': 'flag',
    },
    [
      { cmd: 'mg notes.txt', writes: ['notes.txt'], unknown: 'interactive editor' },
      { cmd: 'mg -b cmds.mg notes.txt', unknown: 'runs editor commands from a file' },
    ],
    (call) => {
      if (!call.has('-b')) call.ctx.unknown(`\`${call.program}\` ${INTERACTIVE}`);
    },
  ),
  terminalEditor(
    ['mcedit'],
    "Midnight Commander's editor",
    {
      '-C|--colors|-S|--skin': 'value',
      '-l|--ftplog': 'write',
      '-K|--keymap': 'read',
      '-b|--nocolor|-c|--color|-d|--nomouse|-x|--xterm|-g|--oldmouse|-t|--termcap|-u|--nosubshell|-U|--subshell|-f|--datadir|-F|--datadir-info|-V|--version|-h|--help':
        'flag',
    },
    [{ cmd: 'mcedit notes.txt', writes: ['notes.txt'], unknown: 'interactive editor' }],
  ),
  terminalEditor(
    ['kak'],
    'Kakoune',
    {
      '-e|-E': { takes: 'value', unknown: 'runs Kakoune commands, which can run shell commands' },
      '-f': 'value',
      '-p': {
        takes: 'value',
        unknown: 'sends the commands on its standard input to a running Kakoune session',
      },
      '-i|-c|-s|-ui': 'value',
      '-d': { unknown: 'runs a headless session that takes commands from clients' },
      '-n|-l|-q|-ro|-clear|-debug|-version|-help': 'flag',
    },
    [
      { cmd: 'kak notes.txt', writes: ['notes.txt'], unknown: 'interactive editor' },
      { cmd: "kak -f 'ggdd' notes.txt", writes: ['notes.txt'], only: true },
      { cmd: "kak -f '%|sort<ret>' notes.txt", unknown: 'shell' },
      { cmd: 'kak -l', only: true },
    ],
    (call) => {
      const { ctx } = call;
      // Filter mode: the keys run on each file, saved in place.
      const keys = call.values('-f')[0];
      if (keys) {
        if (!keys.known || /[|!$<>:]/.test(keys.text.replace(/<(ret|esc|tab|space|[a-z]-.)>/gi, '')))
          ctx.unknown('`kak -f` runs keys that can pipe text through shell commands or run Kakoune commands');
        return;
      }
      if (call.has('-l', '-clear', '-p', '-d')) return;
      ctx.unknown(`\`kak\` ${INTERACTIVE}`);
    },
  ),
  terminalEditor(
    ['hx', 'helix'],
    'Helix, a modal editor',
    {
      '-c|--config': 'read',
      '--log': 'write',
      '-w|--working-dir': 'cwd',
      '-g|--grammar': 'value',
      '--health': { takes: 'value', attached: true },
      '--tutor|--vsplit|--hsplit|-v|-vv|-vvv|-V|--version|-h|--help': 'flag',
    },
    [
      { cmd: 'hx src/main.rs', writes: ['src/main.rs'], unknown: 'interactive editor' },
      { cmd: 'hx --grammar fetch', network: true },
      { cmd: 'hx --health', only: true },
    ],
    (call) => {
      const { ctx } = call;
      const grammar = call.values('-g', '--grammar')[0]?.text;
      if (grammar === 'fetch') ctx.network();
      if (grammar === 'build') ctx.executes('tree-sitter grammar builds (a C compiler)');
      if (grammar !== undefined || call.has('--health')) return;
      ctx.unknown(`\`${call.program}\` ${INTERACTIVE}`);
    },
  ),
  {
    names: ['vis'],
    summary: 'vis, a vi-like editor with sam commands',
    options: { '-v': 'flag' },
    operands: ['value...'],
    custom(call) {
      const { ctx } = call;
      if (call.has('-v')) return;
      for (const o of call.operands) {
        if (o.known && o.text.startsWith('+') && !/^\+\d*$/.test(o.text))
          ctx.unknown('`vis +command` runs an editor command, which can run shell commands');
      }
      editFiles(call, call.operands, 'write');
      ctx.unknown(`\`vis\` ${INTERACTIVE}`);
    },
    examples: [
      { cmd: 'vis notes.txt', writes: ['notes.txt'], unknown: 'interactive editor' },
      { cmd: "vis '+!id' notes.txt", unknown: 'editor command' },
    ],
  },
  terminalEditor(
    ['tilde', 'dte', 'mle', 'moe', 'kibi', 'amp', 'ox', 'textadept-curses'],
    'other terminal editors',
    { '-c|-e|-x|-K|-i|-N|-b': 'value', '-h|--help|-V|--version': 'flag' },
    [{ cmd: 'dte notes.txt', writes: ['notes.txt'], unknown: 'interactive editor' }],
  ),
  VSCODE,
  {
    names: ['code-server'],
    summary: 'VS Code served over HTTP (with a terminal)',
    options: {
      '--bind-addr|--host|--port|--socket|--socket-mode|--auth|--password|--hashed-password|--cert|--cert-key|--cert-host|--locale|--proxy-domain|--app-name|--welcome-text|--abs-proxy-base-path|--config':
        'value',
      '--install-extension': 'value',
      '--uninstall-extension': 'value',
      '--user-data-dir|--extensions-dir': {
        takes: 'value',
        unknown: 'uses another settings or extensions folder, whose extensions run',
      },
      '--link': { unknown: 'publishes the editor, with its terminal, through a public URL' },
      '--disable-telemetry|--disable-update-check|--disable-file-downloads|--disable-workspace-trust|--disable-getting-started-override|--disable-proxy|-r|--reuse-window|-n|--new-window|-e|--ignore-last-opened|-v|--version|-h|--help|--list-extensions|--show-versions|--force|-vvv|--verbose':
        'flag',
    },
    operands: ['value...'],
    custom(call) {
      const { ctx } = call;
      if (
        call.has(
          '--install-extension',
          '--uninstall-extension',
          '--list-extensions',
          '-v',
          '--version',
          '-h',
          '--help',
        )
      ) {
        for (const ext of call.values('--install-extension')) {
          ctx.risk('persistence');
          ctx.fetchesAndRuns(`vscode:${ext.text}`);
        }
        return;
      }
      ctx.network();
      ctx.executes('an editor server with a terminal');
      const bind = call.values('--bind-addr', '--host')[0]?.text.replace(/:\d+$/, '');
      if (bind !== undefined && !/^(localhost|127\.\d+\.\d+\.\d+|::1|\[::1\])$/.test(bind)) {
        ctx.sends();
        ctx.unknown('`code-server` serves the editor, with a terminal, to other machines');
      }
      if (call.values('--auth').some((a) => a.text === 'none'))
        ctx.unknown('`code-server --auth none` serves a terminal without a password');
      editFiles(call, call.operands, 'read');
    },
    examples: [
      { cmd: 'code-server .', network: true },
      {
        cmd: 'code-server --bind-addr 0.0.0.0:8080 --auth none',
        risks: ['exfiltration'],
        unknown: 'without a password',
      },
    ],
  },
  {
    names: ['subl', 'sublime_text', 'smerge', 'sublime_merge'],
    summary: 'Sublime Text and Sublime Merge',
    options: {
      '--project': 'read',
      '--command': {
        takes: 'value',
        unknown: 'runs a Sublime command, which can run programs (exec) or plugins',
      },
      '-n|--new-window|--launch-or-new-window|-a|--add|-w|--wait|-b|--background|-s|--stay|--safe-mode|-h|--help|-v|--version':
        'flag',
    },
    operands: ['value...'],
    custom: (call) =>
      editFiles(
        call,
        call.operands.map((o) => f(o, o.text.replace(/:\d+(:\d+)?$/, ''))),
        'read',
      ),
    examples: [
      { cmd: 'subl notes.md:12', reads: ['notes.md'], only: true },
      { cmd: 'subl --command \'exec {"shell_cmd": "id"}\'', unknown: 'Sublime command' },
    ],
  },
  {
    names: ['zed', 'zeditor'],
    summary: 'the Zed editor',
    options: {
      '--user-data-dir': {
        takes: 'value',
        unknown: 'uses another settings folder, whose extensions and tasks run',
      },
      '--uninstall': { risk: 'destructive' },
      '--dev-server-token|--zed': 'value',
      '-w|--wait|-a|--add|-n|--new|--foreground|--system-specs|-v|--version|-h|--help': 'flag',
    },
    operands: ['value...'],
    custom: (call) =>
      editFiles(
        call,
        call.operands.map((o) => f(o, o.text.replace(/:\d+(:\d+)?$/, ''))),
        'read',
      ),
    examples: [
      { cmd: 'zed .', only: true },
      { cmd: 'zed ssh://dev@build.example/srv/app', hosts: ['build.example'] },
    ],
  },
  guiEditor(
    [
      'gedit',
      'gnome-text-editor',
      'pluma',
      'xed',
      'mousepad',
      'leafpad',
      'l3afpad',
      'featherpad',
      'notepadqq',
      'xedit',
      'atom',
      'pulsar',
      'lapce',
      'lite-xl',
      'textadept',
      'bluefish',
      'gvim-qt',
    ],
    'GUI text editors',
    '--encoding|--class|--name|--screen|--display|--gtk-module|-l|--line|--column|--geometry',
    'gedit notes.md',
  ),
  guiEditor(
    ['kate', 'kwrite'],
    'KDE editors',
    '-s|--start|-p|--pid|-e|--encoding|-l|--line|-c|--column|--tempfile|--desktopfile',
    'kate -l 3 notes.md',
  ),
  {
    names: ['geany'],
    summary: 'Geany IDE',
    options: {
      '-c|--config': { takes: 'value', unknown: 'uses another configuration folder, whose plugins load' },
      '-g|--generate-tags': 'write',
      '--socket-file|-l|--line|--column|--display|--vte-lib': 'value',
      '--ft-names|-P|--print-prefix|-i|--new-instance|-m|--no-msgwin|-n|--no-ctags|-p|--no-plugins|-s|--no-session|-t|--no-terminal|-v|--verbose|-V|--version|--list-documents|-r|--read-only|-h|--help':
        'flag',
    },
    operands: ['value...'],
    custom: (call) =>
      editFiles(
        call,
        call.operands.map((o) => f(o, o.text.replace(/:\d+(:\d+)?$/, ''))),
        'read',
      ),
    examples: [
      { cmd: 'geany notes.md', reads: ['notes.md'], only: true },
      { cmd: 'geany -g app.tags src/a.c', writes: ['app.tags'] },
    ],
  },
  JETBRAINS,
  {
    names: [
      'xdg-open',
      'gnome-open',
      'kde-open',
      'kde-open5',
      'kde-open6',
      'exo-open',
      'mimeopen',
      'mimeopen-gui',
      'run-mailcap',
      'see',
      'wslview',
      'termux-open',
      'handlr',
    ],
    summary: 'open a file or URL with the program registered for it',
    options: {
      '--launch|--working-directory|--mime-type|--action': 'value',
      '-a|--ask|-d|--ask-default|-n|--no-ask|--norun|--debug|--help|--manual|--version|-v': 'flag',
    },
    operands: ['value...'],
    custom(call) {
      if (call.has('--help', '--manual', '--version', '-v')) return;
      if (call.has('-d', '--ask-default')) call.ctx.risk('persistence');
      opens(call, call.operands);
    },
    examples: [
      { cmd: 'xdg-open report.pdf', reads: ['report.pdf'], unknown: 'registered' },
      { cmd: 'xdg-open https://example.com/', hosts: ['example.com'], unknown: 'registered' },
      { cmd: 'xdg-open --version', only: true },
    ],
  },
  {
    names: ['open'],
    summary: 'macOS: open files, folders, URLs or applications',
    rewrite: openArguments,
    options: {
      '-a|-b|--env|-s|-u|--url': 'value',
      '--app-arg': 'value',
      '--stdin': 'read',
      '--stdout|--stderr': 'write',
      '-R|--reveal': 'flag',
      '-e|-t|-f|-F|--fresh|-W|--wait-apps|-n|--new|-g|--background|-j|--hide|-i|-h|--header': 'flag',
    },
    operands: ['value...'],
    custom(call) {
      const { ctx } = call;
      if (call.has('-R', '--reveal')) {
        for (const o of call.operands) ctx.apply('read', o);
        return;
      }
      for (const app of call.values('-a', '-b'))
        ctx.unknown(`\`open -a\` starts the application \`${app.text}\``);
      opens(call, [...call.operands, ...call.values('-u', '--url')]);
      if (call.operands.length === 0 && !call.has('-a', '-b', '-u', '--url') && call.has('-f'))
        ctx.unknown('`open -f` opens its standard input in a text editor');
    },
    examples: [
      { cmd: 'open -R build/app.zip', reads: ['build/app.zip'], only: true },
      { cmd: 'open report.html', unknown: 'registered' },
      { cmd: 'open -a Terminal /tmp', unknown: 'application' },
    ],
  },
  {
    names: ['sensible-editor', 'editor', 'select-editor'],
    summary: "the user's preferred editor ($VISUAL, $EDITOR)",
    operands: ['value...'],
    custom(call) {
      const { ctx } = call;
      if (call.program === 'select-editor') {
        ctx.write(`${ctx.home}/.selected_editor`);
        ctx.unknown('`select-editor` asks on the terminal which editor to use');
        return;
      }
      editFiles(call, call.operands, 'write');
      ctx.unknown(
        `\`${call.program}\` runs the editor named in the environment, which reads keys from the terminal`,
      );
    },
    examples: [{ cmd: 'sensible-editor notes.md', writes: ['notes.md'], unknown: 'editor' }],
  },
  {
    names: ['sensible-browser', 'x-www-browser', 'www-browser', 'gnome-www-browser'],
    summary: "the user's preferred web browser",
    operands: ['value...'],
    custom(call) {
      for (const url of call.operands) {
        if (url.known && /^[a-z][\w+.-]*:\/\//i.test(url.text)) call.ctx.contact(url);
        else call.ctx.apply('read', url);
      }
      call.ctx.unknown(
        `\`${call.program}\` opens a web browser, which runs what the page asks and can be driven by it`,
      );
    },
    examples: [{ cmd: 'sensible-browser https://example.com', hosts: ['example.com'], unknown: 'browser' }],
  },
  // -------------------------------------------------------------------------------------------
  // Documentation viewers.
  {
    names: ['man'],
    summary: 'manual pages',
    readonly: true,
    options: {
      '-P|--pager': 'command',
      '-H|--html': { takes: 'value', attached: true },
      '-C|--config-file': {
        takes: 'read',
        unknown: 'reads a man configuration file, which names the programs man runs',
      },
      '-T|--troff-device|-X|--gxditview|--warnings': { takes: 'value', attached: true },
      '-R|--recode|-L|--locale|-m|--systems|-M|--manpath|-S|-s|--sections|-e|--extension|-r|--prompt|-E|--encoding|-p|--preprocessor':
        'value',
      '-l|--local-file': 'flag',
      '-d|--debug|-D|--default|-f|--whatis|-k|--apropos|-K|--global-apropos|-w|--where|--path|--location|-W|--where-cat|--location-cat|-c|--catman|-i|--ignore-case|-I|--match-case|--regex|--wildcard|--names-only|-a|--all|-u|--update|--no-subpages|-7|--ascii|--no-hyphenation|--nh|--no-justification|--nj|-t|--troff|-Z|--ditroff|-?|--help|--usage|-V|--version':
        'flag',
    },
    operands: ['value...'],
    custom(call) {
      const { ctx } = call;
      // `man ./foo.1` and `man -l FILE` read a local page.
      for (const page of call.operands)
        if (call.has('-l', '--local-file') || page.text.includes('/')) ctx.apply('read', page);
      for (const browser of call.values('-H', '--html')) {
        if (browser.text !== '') ctx.apply('command', browser);
      }
      if (call.has('-H', '--html') && call.values('-H', '--html').every((b) => b.text === ''))
        ctx.unknown('`man -H` opens the page in the web browser named in $BROWSER');
    },
    examples: [
      { cmd: 'man 5 crontab', only: true },
      { cmd: 'man -l docs/tool.1', reads: ['docs/tool.1'], only: true },
      { cmd: 'man -P \'sh -c "rm -rf /tmp/x"\' ls', runs: ['rm'] },
      { cmd: 'man -Hfirefox ls', runs: ['firefox'] },
      { cmd: 'man -C ./man.conf ls', unknown: 'configuration' },
    ],
  },
  {
    names: ['apropos', 'whatis', 'manpath', 'lexgrog'],
    summary: 'search and locate manual pages',
    readonly: true,
    options: {
      '-C|--config-file': {
        takes: 'read',
        unknown: 'reads a man configuration file, which names the programs man runs',
      },
      '-s|--sections|--section|-m|--systems|-M|--manpath|-L|--locale': 'value',
      '-d|--debug|-v|--verbose|-r|--regex|-w|--wildcard|-e|--exact|-a|--and|-l|--long|-g|--global|-q|--quiet|-?|--help|--usage|-V|--version':
        'flag',
    },
    operands: ['value...'],
    examples: [{ cmd: 'apropos -s 1 archive', only: true }],
  },
  {
    names: ['mandb', 'catman'],
    summary: 'rebuild the manual page index',
    options: {
      '-C|--config-file': {
        takes: 'read',
        unknown: 'reads a man configuration file, which names the programs man runs',
      },
      '-f|--filename|-M': 'value',
    },
    operands: ['value...'],
    custom(call) {
      call.ctx.write('/var/cache/man/**');
      call.ctx.write(`${call.ctx.home}/.cache/man/**`);
    },
    examples: [{ cmd: 'mandb -q', writes: ['/var/cache/man/**'] }],
  },
  {
    names: ['info'],
    summary: 'GNU Info documentation',
    readonly: true,
    options: {
      '-f|--file': 'read',
      '-d|--directory': 'read-tree',
      '-o|--output|--dribble': 'write',
      '--restore|--init-file': 'read',
      '-n|--node|-k|--apropos|-x|--debug|--variable|--index-search': 'value',
      '-a|--all|-O|--show-options|--usage|-w|--where|--location|--vi-keys|-r|--raw-escapes|--subnodes|--strict-node-location|--help|--version':
        'flag',
    },
    operands: ['value...'],
    examples: [
      { cmd: 'info coreutils', only: true },
      { cmd: 'info -o out.txt tar', writes: ['out.txt'], only: true },
    ],
  },
  {
    names: ['pinfo'],
    summary: 'curses viewer for Info and man pages',
    readonly: true,
    options: {
      '--rcfile': {
        takes: 'read',
        unknown: 'reads a configuration that names the programs it runs for links',
      },
      '--node|-r|--raw-filename': 'value',
      '-m|--manual|-a|--apropos|-f|--force-manual-tag-table|-c|--cut-man-headers|-s|--squeeze-manlines|-d|--dont-handle-without-tag-table|-t|--force-manual-tag-table|-x|--clear-at-exit|-l|--long-manual-links|-p|--plain-apropos|-h|--help|-v|--version':
        'flag',
    },
    operands: ['value...'],
    custom(call) {
      if (!call.has('-h', '--help', '-v', '--version'))
        call.ctx.unknown(
          '`pinfo` opens an interactive viewer that reads keys from the terminal and can start programs for links',
        );
    },
    examples: [{ cmd: 'pinfo coreutils', unknown: 'interactive viewer' }],
  },
  {
    names: ['tldr', 'tealdeer', 'tlrc'],
    summary: 'community cheat sheets for commands',
    readonly: true,
    options: {
      '-p|--platform|-L|--language|-s|--source|--config-path|-r|--render|--color': 'value',
      '-u|--update|--seed-config|-c|--clear-cache|-l|--list|-a|--list-all|-q|--quiet|-v|--version|-h|--help|--raw|--offline|-o':
        'flag',
    },
    operands: ['value...'],
    custom(call) {
      const { ctx } = call;
      for (const page of call.values('-r', '--render')) ctx.apply('read', page);
      if (call.has('-c', '--clear-cache')) ctx.remove(`${ctx.home}/.cache/tldr/**`);
      if (
        call.has(
          '-r',
          '--render',
          '-v',
          '--version',
          '-h',
          '--help',
          '--offline',
          '-o',
          '-c',
          '--clear-cache',
        )
      )
        return;
      // Pages come from a cache that the client refreshes from the network.
      ctx.network();
      ctx.write(`${ctx.home}/.cache/**`);
    },
    examples: [
      { cmd: 'tldr tar', network: true },
      { cmd: 'tldr --render page.md', reads: ['page.md'], only: true },
    ],
  },
  {
    names: ['pydoc', 'pydoc3'],
    summary: "Python's documentation tool",
    options: {
      '-k': 'value',
      '-p': 'value',
      '-n': 'value',
      '-b': 'flag',
      '-w': 'flag',
    },
    operands: ['value...'],
    custom(call) {
      const { ctx } = call;
      if (call.has('-p', '-b')) {
        ctx.network();
        const host = call.values('-n')[0]?.text;
        if (host !== undefined && !/^(localhost|127\.\d+\.\d+\.\d+|::1)$/.test(host)) {
          ctx.sends();
          ctx.unknown('`pydoc -n` serves documentation (and module sources) to other machines');
        }
        if (call.has('-b')) ctx.unknown('`pydoc -b` opens a web browser');
      }
      for (const name of call.operands) {
        // Documenting a module imports it: its top-level code runs.
        if (name.known && (name.text.includes('/') || name.text.endsWith('.py')))
          ctx.runsFile(name, 'code:python');
        else ctx.executes(`module:${name.text}`);
        if (call.has('-w'))
          ctx.write(ctx.path(`${name.text.replace(/^.*\//, '').replace(/\.py$/, '')}.html`));
      }
    },
    examples: [
      { cmd: 'pydoc3 json', unknown: false },
      { cmd: 'pydoc ./tools/gen.py', executes: ['tools/gen.py'] },
      { cmd: 'pydoc -n 0.0.0.0 -p 8080', risks: ['exfiltration'] },
    ],
  },
  {
    names: ['perldoc'],
    summary: "Perl's documentation tool",
    readonly: true,
    options: {
      '-d': 'write',
      '-o|-M|-w|-L|-n': 'value',
      '-f|-q|-v|-a': 'value',
      '-h|-D|-t|-u|-m|-l|-F|-U|-T|-r|-i|-V|-X': 'flag',
    },
    operands: ['value...'],
    custom(call) {
      for (const formatter of call.values('-M')) call.ctx.executes(`module:${formatter.text}`);
      if (call.has('-F')) for (const file of call.operands) call.ctx.apply('read', file);
    },
    examples: [
      { cmd: 'perldoc -f open', only: true },
      { cmd: 'perldoc -d out.txt File::Temp', writes: ['out.txt'] },
    ],
  },
  {
    names: ['ri'],
    summary: "Ruby's documentation tool",
    readonly: true,
    options: {
      '-d|--doc-dir': 'read-tree',
      '-f|--format|-w|--width': 'value',
      '-i|--interactive': { unknown: 'opens an interactive prompt on the terminal' },
      '-a|--all|-l|--list|-T|--no-pager|--server': 'flag',
    },
    operands: ['value...'],
    custom(call) {
      if (call.has('--server')) call.ctx.network();
    },
    examples: [{ cmd: 'ri Array#each', only: true }],
  },
]);
