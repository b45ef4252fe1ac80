/**
 * System administration, security settings and secret stores: mounts, kernel settings and modules,
 * users and passwords, file attributes, ACLs and capabilities, firewalls and network settings,
 * disks, filesystems and volumes, the bootloader, security policy (SELinux, AppArmor, audit),
 * macOS settings, and the stores of keys and passwords (GnuPG, pass, keyrings, keychains, agents).
 *
 * Reading system state is ordinary; changing it is `system-change` (with `privilege-escalation`
 * when it needs root); wiping or formatting disks, removing users or volumes is `destructive`.
 * Many of these read their changes from a file or standard input (`iptables-restore < rules`,
 * `nft -f`, `sysctl -p`, `chpasswd`): still a change.
 *
 * Researched from the programs' own manuals: mount(8), umount(8), sysctl(8), shadow's
 * useradd(8)/usermod(8)/passwd(1)/chpasswd(8)/newusers(8)/vipw(8), adduser(8), visudo(8),
 * chattr(1), setfacl(1), setcap(8), modprobe(8), depmod(8), iptables(8), iptables-restore(8),
 * nft(8), ufw(8), firewall-cmd(1), pfctl(8), ipfw(8), ip(8), tc(8), bridge(8), nmcli(1), iw(8),
 * ethtool(8), hostnamectl(1), timedatectl(1), localectl(1), loginctl(1), util-linux's disk tools
 * (fdisk(8), sfdisk(8), wipefs(8), blkdiscard(8), losetup(8), swapon(8), mkswap(8)), gdisk(8),
 * sgdisk(8), parted(8), e2fsprogs (mke2fs(8), tune2fs(8), e2fsck(8), resize2fs(8), debugfs(8)),
 * mkfs.xfs(8), mkfs.btrfs(8), btrfs(8), cryptsetup(8), lvm(8), dmsetup(8), mdadm(8), hdparm(8),
 * smartctl(8), update-alternatives(1), ldconfig(8), grub-install(8), grub-mkconfig(8),
 * efibootmgr(8), auditctl(8), ausearch(8), semanage(8), restorecon(8), apparmor_parser(8),
 * quotaon(8), dmidecode(8), lshw(1), gpg(1), gpg-agent(1), pass(1), gopass(1), keepassxc-cli(1),
 * secret-tool(1), kwalletcli(1), gnome-keyring(1), ssh-add(1), age(1), sops's and step's help,
 * certbot(1), keytool(1), and Apple's defaults(1), security(1), diskutil(8), hdiutil(1), dscl(1),
 * networksetup(8), pmset(1), scutil(8), spctl(8), csrutil(8), fdesetup(8), tccutil(1), plutil(1).
 */
import type { Field } from '../expand.js';
import { definePrograms, type Call, type CommandSpec, type ModelContext } from '../model.js';
import type { RiskClass } from '../scope.js';

const f = (a: Field, text: string): Field => ({ ...a, text });
/** A `--` put in by a rewrite: known, whatever the argument it was made from. */
const dashes = (a: Field): Field => ({ ...a, text: '--', known: true, many: false, decoded: false });

/** A change to the system that needs root. */
const ROOT: RiskClass[] = ['system-change', 'privilege-escalation'];
/** A change that needs root and loses data: formatting, wiping, removing users or volumes. */
const WIPE: RiskClass[] = ['destructive', 'system-change', 'privilege-escalation'];
/** A change to the user's own settings (no root needed). */
const OWN: RiskClass[] = ['system-change'];

function risks(ctx: ModelContext, list: readonly RiskClass[]): void {
  for (const r of list) ctx.risk(r);
}

/** `tool $CMD`: the subcommand is only known at run time (the top level of a model whose `'*'` takes every known word). */
function hiddenVerb(list: readonly RiskClass[] = ROOT) {
  return (call: Call): void => {
    const first = call.operands[0];
    if (first === undefined) return;
    risks(call.ctx, list);
    call.ctx.unknown(`\`${call.program}\` gets \`${first.text}\`, a command only known when it runs`);
  };
}

/** A subcommand that only reads. */
const READS: CommandSpec = { operands: ['value...'] };

/** A subcommand that changes the system. */
function changes(list: readonly RiskClass[] = ROOT, extra: Partial<CommandSpec> = {}): CommandSpec {
  return { operands: ['value...'], effects: { risks: [...list] }, ...extra };
}

/** The word `word` abbreviates, first match in the tool's own order (`nmcli c s`, `ip a`, `btrfs fi show`). */
function abbrev(word: string | undefined, words: readonly string[]): string | undefined {
  if (word === undefined || word === '') return undefined;
  if (words.includes(word)) return word;
  return words.find((w) => w.startsWith(word));
}

/** A word that names a file or device rather than a label, size or name. */
function pathLike(a: Field): boolean {
  return (
    !a.known ||
    /^(?:\/|~|\.{1,2}\/)/.test(a.text) ||
    (a.text.includes('/') && !/^[\w.-]+:/.test(a.text)) ||
    /\.(img|raw|iso|bin|qcow2|vhdx?|vmdk|dmg|sparseimage)$/i.test(a.text)
  );
}

/** Operands that are paths are written (a device or image being formatted, wiped, partitioned). */
function writePaths(call: Call, words: readonly Field[] = call.operands): void {
  for (const w of words) if (pathLike(w)) call.ctx.apply('write', w);
}

function readPaths(call: Call, words: readonly Field[] = call.operands): void {
  for (const w of words) if (pathLike(w)) call.ctx.apply('read', w);
}

/** An editor opened on a system file: it reads the terminal. */
function editor(call: Call, what: string): void {
  call.ctx.unknown(`\`${call.program}\` opens an editor on ${what}, typed at the terminal`);
}

/** A command line given to a tool as the rest of its words (`ip netns exec NS cmd …`). */
function runRest(call: Call, words: readonly Field[], via: string): void {
  if (words.length > 0) call.ctx.run([...words], via);
}

/** `obj FILE` in ip/tc: an eBPF program loaded into the kernel. */
function ebpfObjects(call: Call, words: readonly Field[]): void {
  for (let i = 0; i + 1 < words.length; i++) {
    if (!/^(obj|object-file|bytecode-file|object-pinned|pinned)$/.test(words[i]!.text)) continue;
    const file = words[i + 1]!;
    call.ctx.apply('read', file);
    call.ctx.executes(file.known ? call.ctx.path(file.text) : `?${file.text}`);
    call.ctx.unknown(`\`${call.program}\` loads the eBPF program \`${file.text}\` into the kernel`);
  }
}

/** Login shells that are ordinary; anything else set as a login shell runs at every login. */
const LOGIN_SHELL =
  /^(?:\/usr|\/opt\/homebrew)?(?:\/local)?\/s?bin\/(?:ba|z|da|k|mk|fi|tc|c|a|rba|ya|po)?sh$|\/(?:nologin|false|true|git-shell)$/;

function loginShell(call: Call, shell: Field | undefined): void {
  if (shell === undefined || (shell.known && LOGIN_SHELL.test(shell.text))) return;
  call.ctx.risk('persistence');
  if (shell.known) call.ctx.read(call.ctx.path(shell.text));
  else call.ctx.unknown(`\`${call.program}\` sets a login shell only known when the command runs`);
}

/** A home folder a user command creates or removes. */
function homeOf(call: Call, name: Field | undefined): string | undefined {
  return name?.known ? `/home/${name.text}` : undefined;
}

function mount(call: Call): void {
  const { ctx } = call;
  const sourceOpt = call.values('--source')[0];
  const targetOpt = call.values('--target')[0];
  const ops = call.operands;
  if (ops.length === 0 && !sourceOpt && !targetOpt && !call.has('-a', '--all')) return; // lists the mounts
  if (call.has('-f', '--fake')) return;
  risks(ctx, ROOT);
  let source = sourceOpt;
  let target = targetOpt;
  if (ops.length >= 2) [source, target] = ops;
  else if (ops.length === 1) {
    if (source) target = ops[0];
    else if (target) source = ops[0];
    else if (!/^\/dev\//.test(ops[0]!.text)) target = ops[0]; // from fstab: a mount point
  }
  const types = call
    .values('-t', '--types')
    .map((t) => t.text)
    .join(',');
  const options = call
    .values('-o', '--options')
    .map((o) => o.text)
    .join(',');
  if (/(^|,)fuse/.test(types) || /(^|,)(u?helper)=/.test(options))
    ctx.unknown(`\`${call.program}\` mounts through a helper program (FUSE) that it runs`);
  if (/(^|,)remount(,|$)/.test(options)) return;
  const bind = call.has('-B', '--bind', '-R', '--rbind') || /(^|,)r?bind(,|$)/.test(options);
  if (target) ctx.apply('write-tree', target);
  if (!source) return;
  const cifs = /^\/\/([^/]+)\//.exec(source.text);
  if (!source.known) ctx.apply('read', source);
  else if (cifs) ctx.host(cifs[1]!);
  else if (/^(?:\[[^\]]+\]|[\w.-]+):\//.test(source.text)) ctx.apply('remote', source);
  else if (/^(UUID|LABEL|PARTUUID|PARTLABEL|ID)=/.test(source.text) || !pathLike(source))
    return; // tmpfs, proc, none
  else if (bind && target?.known) ctx.linked(source, ctx.path(target.text));
  else ctx.apply('read', source);
}

function sysctl(call: Call): void {
  const { ctx } = call;
  if (call.has('--dry-run')) return;
  if (call.has('-p', '-f', '--load', '--system')) {
    risks(ctx, ROOT);
    if (call.has('--system')) ctx.read('/etc/sysctl.d/*');
    else if (call.operands.length === 0 && call.values('--load').length === 0) ctx.read('/etc/sysctl.conf');
    return;
  }
  for (const o of call.operands) {
    if (!o.known) {
      risks(ctx, ROOT);
      ctx.unknown(`\`${call.program}\` gets \`${o.text}\`, a setting only known when the command runs`);
      continue;
    }
    const m = /^([^=]+)=(.*)$/s.exec(o.text);
    if (!m) continue;
    risks(ctx, ROOT);
    const key = m[1]!.trim().replace(/\//g, '.');
    const value = m[2]!.trim();
    // The kernel runs these programs itself, as root: on a crash, to load a module, on hotplug.
    if (/^kernel\.(core_pattern|modprobe|hotplug|poweroff_cmd)$/.test(key) && /^\|?\//.test(value)) {
      const program = value.replace(/^\|/, '').split(/\s+/)[0]!;
      ctx.executes(program);
      ctx.unknown(`\`${call.program}\` makes the kernel run \`${program}\` as root (${key})`);
    }
  }
}

/** `chattr +i -R file`: modes look like options; move them among the operands. */
function chattrArguments(args: Field[]): Field[] {
  const options: Field[] = [];
  const rest: Field[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a.known && a.text === '--') {
      rest.push(...args.slice(i + 1));
      break;
    }
    if (a.known && /^[-+=][aAcCdDeEFijmNPsStTux]*$/.test(a.text) && !/^-[RVf]+$/.test(a.text)) rest.push(a);
    else if (a.known && /^-[vp]$/.test(a.text)) options.push(a, ...(args[i + 1] ? [args[++i]!] : []));
    else if (a.known && a.text.startsWith('-')) options.push(a);
    else rest.push(a);
  }
  return args.length === 0 ? args : [...options, dashes(args[0]!), ...rest];
}

function setcap(call: Call): void {
  const { ctx } = call;
  const words = call.args.filter((a) => !(a.known && /^-[qvh]$|^--license$/.test(a.text)));
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if (w.known && w.text === '-n') {
      i++;
      continue;
    }
    // -r FILE, - FILE (capabilities from standard input), CAPS FILE
    const file = words[i + 1];
    if (file === undefined) break;
    ctx.apply('write', file);
    i++;
  }
  risks(ctx, ROOT);
}

/** What the iproute2 tools (`ip`, `bridge`, `tc`) do with their object and command words. */
const IP_OBJECTS = [
  'address',
  'addrlabel',
  'maddress',
  'route',
  'rule',
  'neighbor',
  'neighbour',
  'ntable',
  'ntbl',
  'link',
  'l2tp',
  'fou',
  'ila',
  'macsec',
  'tunnel',
  'tunl',
  'tap',
  'tuntap',
  'token',
  'tcpmetrics',
  'tcp_metrics',
  'monitor',
  'xfrm',
  'mroute',
  'mrule',
  'netns',
  'netconf',
  'vrf',
  'sr',
  'nexthop',
  'mptcp',
  'ioam',
  'help',
  'stats',
];
const BRIDGE_OBJECTS = ['link', 'fdb', 'mdb', 'vlan', 'vni', 'monitor', 'help'];
const TC_OBJECTS = ['qdisc', 'class', 'filter', 'chain', 'actions', 'action', 'monitor', 'exec', 'help'];
/** Objects whose command comes after a second word (`ip xfrm state list`, `ip mptcp endpoint show`). */
const IP_NESTED = new Set(['xfrm', 'mptcp', 'sr', 'ioam', 'fou']);
const IP_READ = [
  'show',
  'list',
  'lst',
  'ls',
  'get',
  'help',
  'showdump',
  'save',
  'identify',
  'pids',
  'monitor',
  'status',
];

function iproute(call: Call, objects: readonly string[]): void {
  const { ctx } = call;
  if (call.has('-b', '-batch')) {
    risks(ctx, ROOT);
    ctx.unknown(`\`${call.program} -batch\` runs the ${call.program} commands written in a file`);
    return;
  }
  const words = call.operands;
  const objWord = words[0];
  if (objWord === undefined) return;
  if (!objWord.known) return hiddenVerb()(call);
  const obj = abbrev(objWord.text, objects) ?? objWord.text;
  if (obj === 'help' || obj === 'monitor') return;
  const at = IP_NESTED.has(obj) ? 2 : 1;
  const cmdWord = words[at];
  if (cmdWord !== undefined && !cmdWord.known) {
    risks(ctx, ROOT);
    ctx.unknown(`\`${call.program} ${obj}\` gets \`${cmdWord.text}\`, a command only known when it runs`);
    return;
  }
  const cmd = cmdWord?.text;
  // `ip netns exec NS cmd …`, `ip vrf exec NAME cmd …`, `tc exec bpf … run cmd …`
  if (cmd !== undefined && 'exec'.startsWith(cmd) && cmd.length >= 2 && (obj === 'netns' || obj === 'vrf')) {
    ctx.risk('privilege-escalation');
    runRest(call, words.slice(3), `${call.program} ${obj} exec`);
    return;
  }
  if (obj === 'exec') {
    const run = words.findIndex((w) => w.text === 'run');
    ebpfObjects(call, words);
    if (run >= 0) runRest(call, words.slice(run + 1), `${call.program} exec`);
    return;
  }
  if (cmd === undefined || IP_READ.some((r) => r.startsWith(cmd))) return;
  risks(ctx, ROOT);
  ebpfObjects(call, words);
}

const IPROUTE_OPTIONS = {
  '-b|-batch': 'read',
  '-n|-netns|-f|-family|-l|-loops|-rc|-rcvbuf': 'value',
  '-cf|-conf': 'read',
  '-c|-color|-V|-Version|-s|-stats|-statistics|-d|-details|-r|-resolve|-raw|-h|-human|-human-readable|-iec|-j|-json|-p|-pretty|-4|-6|-B|-M|-0|-br|-brief|-o|-oneline|-t|-timestamp|-ts|-tshort|-N|-Numeric|-a|-all|-force|-echo|-i|-g|-graph|-OK|-nm|-name|-compressvlans':
    'flag',
} as const;

/** nmcli: objects and commands may be abbreviated (`nmcli c s`, `nmcli d wifi`). */
function nmcli(call: Call): void {
  const { ctx } = call;
  const words = call.operands;
  const first = words[0];
  if (first === undefined) return;
  if (words.slice(0, 2).some((w) => !w.known)) return hiddenVerb(OWN)(call);
  const obj = abbrev(first.text, [
    'general',
    'networking',
    'radio',
    'connection',
    'device',
    'agent',
    'monitor',
    'help',
  ]);
  const rest = words.slice(1).map((w) => w.text);
  const change = () => risks(ctx, OWN);
  switch (obj) {
    case 'help':
    case 'monitor':
      return;
    case 'agent':
      ctx.unknown('`nmcli agent` answers password requests typed at the terminal');
      return;
    case 'general': {
      const cmd = abbrev(rest[0], ['status', 'hostname', 'permissions', 'logging', 'reload']);
      if (cmd === 'reload' || ((cmd === 'hostname' || cmd === 'logging') && rest.length > 1)) change();
      return;
    }
    case 'networking':
    case 'radio':
      if (rest.some((w) => w === 'on' || w === 'off')) change();
      return;
    case 'connection': {
      const cmd = abbrev(rest[0], [
        'show',
        'up',
        'down',
        'add',
        'modify',
        'clone',
        'edit',
        'delete',
        'monitor',
        'reload',
        'load',
        'import',
        'export',
        'migrate',
      ]);
      if (cmd === undefined || cmd === 'show' || cmd === 'monitor') {
        if (call.has('-s', '--show-secrets')) {
          ctx.read('/etc/NetworkManager/system-connections/*');
          ctx.unknown('`nmcli -s` shows the stored network passwords');
        }
        return;
      }
      if (cmd === 'export') {
        const r = words.slice(2);
        const named = r[0] && /^(id|uuid|path)$/.test(r[0].text) ? r.slice(1) : r;
        if (named[1]) ctx.apply('write', named[1]);
        return;
      }
      change();
      if (cmd === 'import') {
        const i = words.findIndex((w) => w.text === 'file');
        if (i >= 0 && words[i + 1]) ctx.apply('read', words[i + 1]!);
      }
      if (cmd === 'load') for (const w of words.slice(2)) ctx.apply('read', w);
      if (cmd === 'edit')
        ctx.unknown('`nmcli connection edit` is an interactive editor that reads the terminal');
      return;
    }
    case 'device': {
      const cmd = abbrev(rest[0], [
        'status',
        'show',
        'set',
        'up',
        'connect',
        'reapply',
        'modify',
        'down',
        'disconnect',
        'delete',
        'monitor',
        'wifi',
        'lldp',
        'checkpoint',
      ]);
      if (cmd === undefined || cmd === 'status' || cmd === 'show' || cmd === 'monitor' || cmd === 'lldp')
        return;
      if (cmd === 'wifi') {
        const sub = abbrev(rest[1], ['list', 'connect', 'hotspot', 'rescan', 'show-password']);
        if (sub === 'show-password')
          ctx.unknown('`nmcli device wifi show-password` shows the Wi-Fi password');
        if (sub === 'connect' || sub === 'hotspot') change();
        return;
      }
      change();
      if (cmd === 'checkpoint') {
        const dashes = words.findIndex((w) => w.text === '--');
        if (dashes >= 0) runRest(call, words.slice(dashes + 1), 'nmcli device checkpoint');
      }
      return;
    }
    default:
      change();
  }
}

function ethtool(call: Call): void {
  const { ctx } = call;
  if (call.has(...ETHTOOL_CHANGES.split('|'))) risks(ctx, ROOT);
  const words = call.operands;
  if (call.has('-f', '--flash') && words[1]) ctx.apply('read', words[1]);
  for (let i = 1; i + 1 < words.length; i++) {
    if (words[i]!.text === 'data' && call.has('-w', '--get-dump')) ctx.apply('write', words[i + 1]!);
    if (words[i]!.text === 'file' && call.has('-d', '--register-dump')) ctx.apply('read', words[i + 1]!);
  }
}

const ETHTOOL_CHANGES =
  '-A|--pause|-C|--coalesce|-G|--set-ring|-E|--change-eeprom|-K|--features|--offload|-r|--negotiate|-s|--change|-N|-U|--config-nfc|--config-ntuple|-W|--set-dump|-X|--set-rxfh-indir|--rxfh|-f|--flash|-L|--set-channels|--set-priv-flags|--set-eee|--set-phy-tunable|--set-tunable|--reset|--set-fec|-Q|--per-queue|--set-module|-t|--test|--cable-test|--cable-test-tdr|--set-plca-cfg|--set-mm|--set-pse|--set-hwtimestamp-cfg';

/** iptables, ip6tables, ebtables, arptables: the command is an option. */
const IPTABLES_CHANGES = [
  '-A',
  '--append',
  '-D',
  '--delete',
  '-I',
  '--insert',
  '-R',
  '--replace',
  '-F',
  '--flush',
  '-Z',
  '--zero',
  '-N',
  '--new-chain',
  '-X',
  '--delete-chain',
  '-P',
  '--policy',
  '-E',
  '--rename-chain',
  '--init-table',
  '--atomic-commit',
  '--atomic-init',
  '--atomic-save',
  '--concurrent',
];

function nft(call: Call): void {
  const { ctx } = call;
  if (call.has('-c', '--check')) return;
  if (call.has('-f', '--file')) return risks(ctx, ROOT);
  if (call.has('-i', '--interactive')) {
    risks(ctx, ROOT);
    ctx.unknown('`nft -i` reads ruleset commands typed at the terminal');
    return;
  }
  const words = call.operands;
  if (words.length === 0) return;
  if (words.some((w) => !w.known)) return hiddenVerb()(call);
  // `nft 'add rule …; list ruleset'`: several commands in one word.
  const commands = words
    .map((w) => w.text)
    .join(' ')
    .split(/[;\n]/)
    .map((c) => c.trim().split(/\s+/)[0] ?? '');
  if (commands.some((c) => c !== '' && !/^(list|get|describe|monitor|export|help)$/.test(c)))
    risks(ctx, ROOT);
}

function ufw(call: Call): void {
  const { ctx } = call;
  const words = call.operands;
  const first = words[0];
  if (first === undefined || call.has('--dry-run')) return;
  if (!first.known) return hiddenVerb()(call);
  const cmd = first.text;
  if (/^(status|show|version|help)$/.test(cmd)) return;
  if (cmd === 'app' && /^(list|info)$/.test(words[1]?.text ?? '')) return;
  risks(ctx, ROOT);
  if (cmd === 'reset' || cmd === 'disable') ctx.risk('destructive');
}

/** firewall-cmd: every argument is `--verb[=value]`; the verbs that change have these prefixes. */
function firewallCmd(call: Call): void {
  const { ctx } = call;
  const words = call.args;
  let change = false;
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if (!w.known) {
      change = true;
      ctx.unknown(`\`${call.program}\` gets \`${w.text}\`, only known when the command runs`);
      continue;
    }
    const [name, value] = w.text.split(/=(.*)/s) as [string, string | undefined];
    if (
      /^--(add|remove|set|change|new|delete|reload|complete-reload|runtime-to-permanent|panic-on|panic-off|load|reset|lockdown-on|lockdown-off|passthrough|enable|disable)/.test(
        name,
      )
    )
      change = true;
    if (/-from-file$|^--path-/.test(name)) {
      const file = value !== undefined ? f(w, value) : words[++i];
      if (file) ctx.apply('read', file);
    }
  }
  if (change) risks(ctx, ROOT);
}

function pfctl(call: Call): void {
  if (call.has('-n')) return;
  const table = call.values('-T')[0]?.text;
  const changes =
    call.has('-f', '-e', '-d', '-F', '-k', '-K', '-z', '-D', '-S') ||
    (table !== undefined && !/^(show|test)$/.test(table));
  if (changes) risks(call.ctx, ROOT);
  if (call.has('-F') && call.values('-F').some((v) => /^(all|rules|Tables|states)$/i.test(v.text)))
    call.ctx.risk('destructive');
}

function ipfw(call: Call): void {
  const { ctx } = call;
  const words = call.operands;
  const first = words[0];
  if (first === undefined) return;
  if (!first.known) return hiddenVerb()(call);
  if (/^(list|show|print|-?help)$/.test(first.text)) return;
  if (first.text === 'table' && /^(list|print)$/.test(words.at(-1)?.text ?? '')) return;
  if (/^(pipe|queue|sched|nat)$/.test(first.text) && /^(list|show)$/.test(words.at(-1)?.text ?? '')) return;
  risks(ctx, ROOT);
  // `ipfw [-p preprocessor] FILE`: rules read from a file.
  if (words.length === 1 && !/^(add|delete|flush|zero|resetlog|enable|disable|list|show)$/.test(first.text))
    ctx.apply('read', first);
  if (first.text === 'flush') ctx.risk('destructive');
}

/** mkfs.*: formatting; the device or image operand is written (dry runs only read it). */
function mkfs(dry: string[]) {
  return (call: Call): void => {
    if (dry.length > 0 && call.has(...dry)) return readPaths(call);
    risks(call.ctx, WIPE);
    writePaths(call);
  };
}

/** Partition editors (fdisk, gdisk, cfdisk, parted): interactive unless told what to do. */
function partitions(call: Call, listing: boolean, interactive: boolean): void {
  if (listing) return readPaths(call);
  risks(call.ctx, WIPE);
  writePaths(call);
  if (interactive)
    call.ctx.unknown(`\`${call.program}\` edits the partition table with commands typed at the terminal`);
}

const SGDISK_CHANGES = [
  '-A',
  '--attributes',
  '-B',
  '--byte-swap-name',
  '-c',
  '--change-name',
  '-C',
  '--recompute-chs',
  '-d',
  '--delete',
  '-e',
  '--move-second-header',
  '-g',
  '--mbrtogpt',
  '-G',
  '--randomize-guids',
  '-h',
  '--hybrid',
  '-j',
  '--adjust-main-table',
  '-l',
  '--load-backup',
  '-m',
  '--gpttombr',
  '-n',
  '--new',
  '-N',
  '--largest-new',
  '-o',
  '--clear',
  '-r',
  '--transpose',
  '-R',
  '--replicate',
  '-s',
  '--sort',
  '-t',
  '--typecode',
  '-T',
  '--transform-bsd',
  '-u',
  '--partition-guid',
  '-U',
  '--disk-guid',
  '-z',
  '--zap',
  '-Z',
  '--zap-all',
];

function parted(call: Call): void {
  const [device, ...commands] = call.operands;
  if (call.has('-l', '--list', '-v', '--version', '-h', '--help')) return readPaths(call);
  if (device === undefined) return;
  if (commands.length === 0) return partitions(call, false, true);
  if (commands.some((c) => !c.known)) return partitions(call, false, false);
  const verbs = commands.map((c) => c.text).filter((t) => /^[a-z_-]+$/.test(t));
  if (
    verbs.every((v) =>
      /^(print|p|help|unit|version|align-check|quit|s|b|chs|cyl|compact|kb|mb|gb|tb|kib|mib|gib|tib|%|optimal|opt|minimal|min|free|all|devices|list)$/.test(
        v,
      ),
    )
  )
    return readPaths(call, [device]);
  partitions(call, false, false);
}

/** cryptsetup: the action comes first; the device is written by the actions that format, erase or rekey. */
function cryptsetup(call: Call): void {
  const { ctx } = call;
  const [actionWord, ...args] = call.operands;
  if (actionWord === undefined) return;
  if (!actionWord.known) return hiddenVerb(WIPE)(call);
  const action = actionWord.text;
  const device = args[0];
  const dumpsKey = call.has('--dump-volume-key', '--dump-master-key');
  if (
    /^(status|isLuks|luksDump|tcryptDump|bitlkDump|fvault2Dump|luksUUID|benchmark|help)$/.test(action) &&
    !(action === 'luksUUID' && call.has('--uuid'))
  ) {
    if (device && action !== 'status') ctx.apply('read', device);
    if (dumpsKey) {
      for (const file of call.values('--volume-key-file', '--master-key-file')) ctx.apply('write', file);
      ctx.unknown(`\`${call.program} ${action} --dump-volume-key\` prints the key that decrypts the volume`);
    }
    return;
  }
  if (action === 'luksHeaderBackup') {
    if (device) ctx.apply('read', device);
    for (const file of call.values('--header-backup-file')) ctx.apply('write', file);
    return;
  }
  if (action === 'token' && args[0]?.text === 'export') {
    for (const file of call.values('--json-file')) ctx.apply('write', file);
    return;
  }
  for (const file of call.values(
    '--header-backup-file',
    '--volume-key-file',
    '--master-key-file',
    '--json-file',
  ))
    ctx.apply('read', file);
  if (
    /^(luksFormat|erase|luksErase|reencrypt|luksKillSlot|luksRemoveKey|luksHeaderRestore|convert|repair|format)$/.test(
      action,
    )
  ) {
    risks(ctx, WIPE);
    if (device) ctx.apply('write', device);
    for (const keyFile of args.slice(1)) if (pathLike(keyFile)) ctx.apply('read', keyFile);
    return;
  }
  risks(ctx, ROOT);
  if (/^(open|luksOpen|create|plainOpen|loopaesOpen|tcryptOpen|bitlkOpen|fvault2Open)$/.test(action)) {
    const dev = action === 'create' ? args[1] : device;
    if (dev) ctx.apply('read', dev);
    return;
  }
  if (/^(luksAddKey|luksChangeKey|luksConvertKey|config|token|luksSuspend|luksResume)$/.test(action)) {
    const at = action === 'token' ? 1 : 0;
    if (args[at]) ctx.apply('write', args[at]);
    for (const keyFile of args.slice(at + 1)) if (pathLike(keyFile)) ctx.apply('read', keyFile);
  }
}

/** LVM: programs by name or as `lvm COMMAND`. */
const LVM_READ = new Set([
  'pvs',
  'vgs',
  'lvs',
  'pvdisplay',
  'vgdisplay',
  'lvdisplay',
  'pvscan',
  'vgscan',
  'lvscan',
  'lvmdiskscan',
  'lvmconfig',
  'lvm-config',
  'dumpconfig',
  'pvck',
  'vgck',
  'fullreport',
  'lvmsar',
  'lvmsadc',
  'formats',
  'segtypes',
  'systemid',
  'tags',
  'version',
  'help',
  'devtypes',
  'config',
]);
const LVM_WIPE = new Set([
  'lvremove',
  'vgremove',
  'pvremove',
  'lvreduce',
  'pvcreate',
  'vgcfgrestore',
  'lvconvert',
]);

function lvm(call: Call): void {
  const { ctx } = call;
  let command = call.program;
  let args = call.operands;
  if (command === 'lvm') {
    const first = args[0];
    if (first === undefined) {
      risks(ctx, ROOT);
      ctx.unknown('`lvm` opens a shell that reads LVM commands typed at the terminal');
      return;
    }
    if (!first.known) return hiddenVerb(WIPE)(call);
    command = first.text;
    args = args.slice(1);
  }
  if (LVM_READ.has(command) || call.has('-t', '--test')) return;
  risks(ctx, LVM_WIPE.has(command) ? WIPE : ROOT);
  for (const a of args) if (a.known && /^\/dev\//.test(a.text)) ctx.apply('write', a);
  if (command === 'vgcfgbackup') ctx.write('/etc/lvm/backup/*');
}

const MDADM_READ = [
  '-D',
  '--detail',
  '-E',
  '--examine',
  '-Q',
  '--query',
  '-X',
  '--examine-bitmap',
  '--detail-platform',
  '--examine-badblocks',
  '-V',
  '--version',
  '-h',
  '--help',
  '--help-options',
];
const MDADM_WIPE = [
  '-C',
  '--create',
  '-B',
  '--build',
  '--zero-superblock',
  '-f',
  '--fail',
  '--set-faulty',
  '-r',
  '--remove',
  '--kill-subarray',
];

function mdadm(call: Call): void {
  const { ctx } = call;
  const monitor = call.has('-F', '--follow', '--monitor');
  if (monitor) {
    for (const program of call.values('-p', '--program', '--alert')) ctx.apply('exec', program);
    if (call.has('-f', '--daemonise')) ctx.risk('persistence');
    return;
  }
  if (call.has(...MDADM_READ)) return readPaths(call);
  if (
    call.operands.length === 0 &&
    !call.has('-A', '--assemble', '-I', '--incremental', '-S', '--stop', '--auto-detect')
  )
    return;
  risks(ctx, call.has(...MDADM_WIPE) ? WIPE : ROOT);
  writePaths(call);
}

/** e2fsck, fsck, fsck.*: repairs unless told to only check. */
function fsck(call: Call): void {
  if (call.has('-n', '-N', '--no-act', '--dry-run')) return readPaths(call);
  risks(call.ctx, ROOT);
  writePaths(call);
}

/** btrfs: `btrfs GROUP COMMAND`, both abbreviable (`btrfs fi show`, `btrfs sub del`). */
const BTRFS: Record<string, string[]> = {
  subvolume: [
    'create',
    'delete',
    'list',
    'snapshot',
    'get-default',
    'set-default',
    'find-new',
    'show',
    'sync',
  ],
  filesystem: ['df', 'du', 'show', 'sync', 'defragment', 'resize', 'label', 'usage', 'mkswapfile'],
  balance: ['start', 'pause', 'cancel', 'resume', 'status'],
  device: ['add', 'delete', 'remove', 'ready', 'scan', 'stats', 'usage'],
  scrub: ['start', 'cancel', 'resume', 'status', 'limit'],
  rescue: [
    'chunk-recover',
    'super-recover',
    'zero-log',
    'fix-device-size',
    'clear-uuid-tree',
    'clear-space-cache',
  ],
  inspect: [
    'inode-resolve',
    'logical-resolve',
    'subvolid-resolve',
    'rootid',
    'min-dev-size',
    'dump-tree',
    'dump-super',
    'tree-stats',
    'list-chunks',
    'map-swapfile',
  ],
  'inspect-internal': [
    'inode-resolve',
    'logical-resolve',
    'subvolid-resolve',
    'rootid',
    'min-dev-size',
    'dump-tree',
    'dump-super',
    'tree-stats',
    'list-chunks',
    'map-swapfile',
  ],
  property: ['get', 'set', 'list'],
  quota: ['enable', 'disable', 'rescan'],
  qgroup: ['assign', 'remove', 'create', 'destroy', 'show', 'limit', 'clear-stale'],
  replace: ['start', 'status', 'cancel'],
  check: [],
  restore: [],
  send: [],
  receive: [],
  version: [],
  help: [],
};
const BTRFS_READ =
  /^(subvolume (list|get-default|find-new|show)|filesystem (df|du|show|usage)|balance status|device (ready|stats|usage)|scrub status|inspect(-internal)? .*|property (get|list)|qgroup show|replace status|version|help)$/;
const BTRFS_WIPE =
  /^(subvolume delete|device (delete|remove)|rescue .*|qgroup destroy|filesystem resize|replace start)$/;

function btrfs(call: Call): void {
  const { ctx } = call;
  const words = call.operands;
  if (words.slice(0, 2).some((w) => !w.known)) return hiddenVerb(WIPE)(call);
  const group = abbrev(words[0]?.text, Object.keys(BTRFS));
  if (group === undefined) return;
  const commands = BTRFS[group]!;
  const command = commands.length > 0 ? abbrev(words[1]?.text, commands) : undefined;
  const rest = words.slice(commands.length > 0 ? 2 : 1);
  const what = command ? `${group} ${command}` : group;
  if (what === 'filesystem label' && rest.length < 2) return;
  if (what === 'check' && !call.has('--repair', '--init-csum-tree', '--init-extent-tree'))
    return readPaths(call, rest);
  if (BTRFS_READ.test(what)) return;
  if (group === 'send') {
    for (const out of call.values('-f')) ctx.apply('write', out);
    readPaths(call, rest);
    return;
  }
  if (group === 'receive' || group === 'restore') {
    for (const input of call.values('-f')) ctx.apply('read', input);
    const dest = rest.at(-1);
    if (dest) ctx.apply('write-tree', dest);
    if (group === 'restore') return;
  }
  risks(ctx, BTRFS_WIPE.test(what) || what === 'check' ? WIPE : ROOT);
  if (what === 'subvolume delete') for (const w of rest) ctx.apply('delete-tree', w);
  if (what === 'subvolume create' || what === 'subvolume snapshot') {
    const dest = rest.at(-1);
    if (dest) ctx.apply('write', dest);
  }
}

/** hdparm: an option followed by a number sets it; the security and sector options wipe. */
function hdparm(call: Call): void {
  const { ctx } = call;
  const args = call.args.filter((a) => a.known);
  const wipes = args.some((a) =>
    /^--(security-erase|security-erase-enhanced|security-set-pass|security-disable|write-sector|make-bad-sector|repair-sector|fwdownload|fwdownload-mode3|fwdownload-mode3-max|fwdownload-mode7|trim-sector-ranges|trim-sector-ranges-stdin|dco-restore|dco-setmax|set-sector-size)/.test(
      a.text,
    ),
  );
  const sets =
    args.some(
      (a, i) =>
        /^-[a-zA-Z]+\d+$/.test(a.text) ||
        (/^-[a-zA-Z]$/.test(a.text) && /^\d+$/.test(args[i + 1]?.text ?? '')),
    ) ||
    args.some((a) =>
      /^-[yYZwFLz]$|^--(security-freeze|security-unlock|idle-immediate|idle-unload|dco-freeze|user-master)/.test(
        a.text,
      ),
    );
  if (wipes) risks(ctx, WIPE);
  else if (sets) risks(ctx, ROOT);
  else return readPaths(call);
  writePaths(call);
  for (const a of call.values('--Iraw')) ctx.apply('write', a);
}

const ALTERNATIVES_READ = ['--display', '--query', '--list', '--get-selections', '--help', '--version'];

function updateAlternatives(call: Call): void {
  const { ctx } = call;
  if (call.has(...ALTERNATIVES_READ) || call.args.length === 0) return;
  risks(ctx, ROOT);
  const ops = call.operands;
  if (call.has('--install')) {
    // link name path priority, then (link name path) for each --slave
    ops.forEach((o, i) => {
      const slot = i < 4 ? i : (i - 4) % 3;
      if (slot === 0) ctx.apply('write', o);
      if (slot === 2) ctx.apply('read', o);
    });
  }
  if (call.has('--set') && ops[1]) ctx.apply('read', ops[1]);
  if (call.has('--config', '--all'))
    ctx.unknown(`\`${call.program} --config\` asks which alternative to use at the terminal`);
}

const EFI_CHANGES = [
  '-a',
  '--active',
  '-A',
  '--inactive',
  '-B',
  '--delete-bootnum',
  '-c',
  '--create',
  '-C',
  '--create-only',
  '-D',
  '--remove-dups',
  '-N',
  '--delete-bootnext',
  '-O',
  '--delete-bootorder',
  '-T',
  '--delete-timeout',
  '-n',
  '--bootnext',
  '-o',
  '--bootorder',
  '-t',
  '--timeout',
  '-w',
  '--write-signature',
  '-y',
  '--sysprep',
  '-f',
  '--reconnect',
  '-m',
  '--mirror-below-4G',
  '-M',
  '--mirror-above-4G',
];

const AUDITCTL_CHANGES = [
  '-a',
  '-A',
  '-d',
  '-D',
  '-w',
  '-W',
  '-b',
  '-f',
  '-r',
  '-e',
  '-R',
  '-t',
  '-q',
  '--backlog_wait_time',
  '--reset-lost',
  '--reset_lost',
  '--loginuid-immutable',
  '--signal',
  '--reset',
];

function semanage(call: Call): void {
  const { ctx } = call;
  const sub = call.sub;
  if (sub === 'export') {
    for (const file of call.values('-f', '--output_file')) ctx.apply('write', file);
    return;
  }
  if (sub === 'import') {
    for (const file of call.values('-f', '--input_file')) ctx.apply('read', file);
    return risks(ctx, ROOT);
  }
  if (call.has('-l', '--list', '-h', '--help') || call.args.length === 0) return;
  risks(ctx, ROOT);
  if (sub === 'permissive' && call.has('-a', '--add'))
    ctx.unknown('`semanage permissive -a` stops SELinux from enforcing a domain');
}

function apparmorParser(call: Call): void {
  const { ctx } = call;
  const load = !call.has(
    '-Q',
    '--skip-kernel-load',
    '-S',
    '--stdout',
    '-N',
    '--names',
    '-p',
    '--preprocess',
    '-k',
    '--show-cache',
    '--print-cache-dir',
    '--print-config-file',
    '-V',
    '--version',
    '-h',
    '--help',
  );
  if (load || call.has('-R', '--remove')) risks(ctx, ROOT);
  if (call.has('-W', '--write-cache')) ctx.write('/var/cache/apparmor/**');
}

/** Everything is a word: tools whose verbs look like options (`networksetup -setdnsservers`, `dscl . -create`). */
const allOperands = (args: Field[]): Field[] => (args.length === 0 ? args : [dashes(args[0]!), ...args]);

/** A plist in a launchd folder, or a login item, runs programs at login or boot. */
const LAUNCH_PLIST =
  /\/Library\/(LaunchAgents|LaunchDaemons|StartupItems)\/|\/Library\/Application Support\/com\.apple\.backgroundtaskmanagementagent\//;
const LOGIN_DOMAINS =
  /loginitems|loginwindow|backgroundtaskmanagement|autolaunch|LaunchAgents|LaunchDaemons|StartupItems|SystemLoginItems|SMLoginItem/i;

function launchPersistence(ctx: ModelContext, file: Field): void {
  if (!file.known) return;
  const path = ctx.path(file.text);
  if (LAUNCH_PLIST.test(path)) ctx.risk('persistence');
  if (/^\/(Library|System)\//.test(path)) ctx.risk('privilege-escalation');
}

function defaults(call: Call): void {
  const { ctx } = call;
  const verb = call.sub;
  const words = call.operands;
  const domain = call.has('-g', '-globalDomain') ? undefined : words[0];
  const key = call.has('-g', '-globalDomain') ? words[0] : words[1];
  const asFile = (d: Field) => (/\.plist$/.test(d.text) ? d : f(d, `${d.text}.plist`));
  if (/^(read|read-type|domains|find|help)$/.test(verb)) {
    if (domain && pathLike(domain)) ctx.apply('read', asFile(domain));
    return;
  }
  if (verb === 'export') {
    if (domain && pathLike(domain)) ctx.apply('read', asFile(domain));
    if (words[1]) ctx.apply('write', words[1]);
    return;
  }
  risks(ctx, OWN);
  if (verb === 'import' && words[1]) ctx.apply('read', words[1]);
  if (domain === undefined) return;
  if (!domain.known) {
    ctx.unknown(`\`${call.program} ${verb}\` changes settings in a domain only known when the command runs`);
    return;
  }
  if (pathLike(domain)) {
    const file = asFile(domain);
    ctx.apply('write', file);
    launchPersistence(ctx, file);
  } else if (
    LOGIN_DOMAINS.test(domain.text) ||
    /^(LoginHook|LogoutHook|AutoLaunchedApplicationDictionary)$/.test(key?.text ?? '')
  )
    ctx.risk('persistence');
  if (call.has('-currentHost', '-host') || /^\/(Library|System)\//.test(domain.text))
    ctx.risk('privilege-escalation');
}

/** `security`: reading passwords and keys out of the keychain. */
/** Keychain files named as operands or with `-k`. */
function keychains(call: Call): Field[] {
  return [
    ...call.values('-k'),
    ...call.operands.filter((o) => pathLike(o) || /\.keychain(-db)?$/.test(o.text)),
  ];
}

function keychainSecrets(call: Call): void {
  const { ctx } = call;
  const files = keychains(call);
  if (files.length === 0) ctx.read(`${ctx.home}/Library/Keychains/login.keychain-db`);
  for (const k of files) ctx.apply('read', k);
  ctx.unknown(`\`${call.program} ${call.sub}\` reads secrets from the keychain`);
}

function keychainChange(list: readonly RiskClass[]) {
  return (call: Call): void => {
    risks(call.ctx, list);
    const stores = keychains(call);
    if (stores.length === 0) call.ctx.write(`${call.ctx.home}/Library/Keychains/login.keychain-db`);
    for (const k of stores) call.ctx.apply('write', k);
    // `security import key.p12`, `add-certificates ca.pem`: the files brought in are read.
    for (const o of call.operands)
      if (!stores.includes(o) && /\.(p12|pfx|pem|crt|cer|der|key|pub|sst|p7b|p7c)$/i.test(o.text))
        call.ctx.apply('read', o);
  };
}

const KEYCHAIN_OPTIONS = {
  '-a|-s|-r|-c|-C|-D|-G|-j|-l|-p|-P|-t|-T|-U|-k|-d|-e|-E|-i|-f|-x|-u|-Z|-H|-S|-A': 'value',
  '-w|-g|-q|-m|-v|-h|-y|-n': 'flag',
} as const;

function diskutil(call: Call): void {
  const { ctx } = call;
  const words = call.operands;
  const first = words[0];
  if (first === undefined) return;
  if (!first.known) return hiddenVerb(WIPE)(call);
  let verb = first.text.toLowerCase();
  let rest = words.slice(1);
  if (/^(apfs|cs|corestorage|appleraid|ar|image)$/.test(verb) && rest[0]) {
    verb = `${verb} ${rest[0].text.toLowerCase()}`;
    rest = rest.slice(1);
  }
  if (
    /^(list|info|information|activity|listfilesystems|verifyvolume|verifydisk|(apfs|cs|corestorage|appleraid|ar) (list|listcryptousers|listsnapshots|listvolumegroups|listusers)|image info)$/.test(
      verb,
    )
  )
    return;
  if (
    /^(erasedisk|erasevolume|reformat|partitiondisk|secureerase|zerodisk|randomdisk|splitpartition|mergepartitions|resizevolume|apfs (deletecontainer|deletevolume|erasevolume|deletesnapshot|resizecontainer|deletevolumegroup)|(cs|corestorage) delete\w*|(appleraid|ar) delete)$/.test(
      verb,
    )
  ) {
    risks(ctx, WIPE);
    return writePaths(call, rest);
  }
  risks(
    ctx,
    /^(mount|unmount|umount|unmountdisk|umountdisk|mountdisk|eject|rename|renamevolume)$/.test(verb)
      ? OWN
      : ROOT,
  );
}

function hdiutil(call: Call): void {
  const { ctx } = call;
  const [verbWord, ...rest] = call.operands;
  if (verbWord === undefined) return;
  if (!verbWord.known) return hiddenVerb(OWN)(call);
  const verb = verbWord.text;
  const image = rest[0];
  const open = (img: Field | undefined) => {
    if (img === undefined) return;
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(img.text)) ctx.apply('url', img);
    else ctx.apply('read', img);
  };
  if (/^(info|imageinfo|verify|pmap|isencrypted|plugins|help|checksum)$/.test(verb)) return open(image);
  if (/^(attach|mount|mountvol)$/.test(verb)) {
    risks(ctx, OWN);
    return open(image);
  }
  if (/^(detach|eject|unmount)$/.test(verb)) return risks(ctx, OWN);
  if (verb === 'create' || verb === 'makehybrid') {
    const out = call.values('-o')[0] ?? rest.at(-1);
    if (out) ctx.apply('write', out);
    return;
  }
  if (verb === 'convert' || verb === 'segment') return open(image);
  if (verb === 'erasekeys') return risks(ctx, ['destructive']);
  if (image) ctx.apply('write', image);
}

function dscl(call: Call): void {
  const { ctx } = call;
  const words = call.operands.filter((w) => w.text !== '--');
  const command = words.find(
    (w) =>
      w.known &&
      /^-(read|readall|readpl|readpli|list|search|diff|cd|ls|cat|help|authonly|create|createpl|createpli|append|appendpl|appendpli|merge|mergepl|mergepli|change|changei|passwd|auth|delete|deletepl|deletepli|q)$/.test(
        w.text,
      ),
  );
  if (words.some((w) => !w.known)) return hiddenVerb()(call);
  if (command === undefined) {
    if (words.length <= 1) ctx.unknown('`dscl` reads directory commands typed at the terminal');
    return;
  }
  const c = command.text.slice(1);
  if (/^(read|readall|readpl|readpli|list|search|diff|cd|ls|cat|help|authonly|q)$/.test(c)) return;
  const path = words[words.indexOf(command) + 1]?.text ?? '';
  const deletesRecord = /^delete$/.test(c) && words.length - words.indexOf(command) <= 2;
  risks(ctx, deletesRecord && /^\/(Users|Groups)\//.test(path) ? WIPE : ROOT);
}

/** gpg commands, by what they do. */
const GPG_SECRETS = ['--export-secret-keys', '--export-secret-subkeys'];
const GPG_DECRYPT = ['-d', '--decrypt', '--decrypt-files'];
const GPG_DELETE = [
  '--delete-keys',
  '--delete-secret-keys',
  '--delete-secret-and-public-key',
  '--delete-secret-and-public-keys',
];
const GPG_FETCH = [
  '--recv-keys',
  '--receive-keys',
  '--refresh-keys',
  '--search-keys',
  '--fetch-keys',
  '--locate-keys',
  '--locate-external-keys',
];
const GPG_SEND = ['--send-keys'];
const GPG_INTERACTIVE = [
  '--edit-key',
  '--key-edit',
  '--edit-card',
  '--card-edit',
  '--change-pin',
  '--full-gen-key',
  '--full-generate-key',
  '--server',
];
const GPG_KEYRING_WRITES = [
  '--import',
  '--fast-import',
  '--gen-key',
  '--generate-key',
  '--quick-gen-key',
  '--quick-generate-key',
  '--quick-add-uid',
  '--quick-adduid',
  '--quick-add-key',
  '--quick-addkey',
  '--quick-revoke-uid',
  '--quick-revuid',
  '--quick-set-expire',
  '--quick-set-primary-uid',
  '--sign-key',
  '--lsign-key',
  '--quick-sign-key',
  '--quick-lsign-key',
  '--quick-revoke-sig',
  '--change-passphrase',
  '--passwd',
  '--import-ownertrust',
  '--update-trustdb',
  '--check-trustdb',
  '--fix-trustdb',
  '--tofu-policy',
  '--rebuild-keydb-caches',
  '--generate-revocation',
  '--gen-revoke',
  '--generate-designated-revocation',
  '--desig-revoke',
];
/** Commands whose operands are key names rather than files. */
const GPG_KEY_COMMANDS = [
  '-k',
  '--list-keys',
  '--list-public-keys',
  '--list-signatures',
  '--list-sigs',
  '--check-signatures',
  '--check-sigs',
  '--fingerprint',
  '-K',
  '--list-secret-keys',
  '--list-key',
  '--list-sig',
  '--check-sig',
  '--export',
  '--export-ssh-key',
  '--export-ownertrust',
  '--list-trustdb',
  ...GPG_SECRETS,
  ...GPG_DELETE,
  ...GPG_FETCH,
  ...GPG_SEND,
  '--edit-key',
  '--key-edit',
  ...GPG_KEYRING_WRITES.filter((c) => !/^--(import|fast-import|import-ownertrust)$/.test(c)),
];
const GPG_COMMANDS = [
  '-s',
  '--sign',
  '--clear-sign',
  '--clearsign',
  '-b',
  '--detach-sign',
  '-e',
  '--encrypt',
  '--encrypt-files',
  '-c',
  '--symmetric',
  '--store',
  '--verify',
  '--verify-files',
  '--list-packets',
  '--show-keys',
  '--show-key',
  '--list-config',
  '--list-gcrypt-config',
  '--gpgconf-list',
  '--gpgconf-test',
  '--print-md',
  '--print-mds',
  '--gen-random',
  '--gen-prime',
  '--dearmor',
  '--dearmour',
  '--enarmor',
  '--enarmour',
  '--card-status',
  '--version',
  '--help',
  '-h',
  '--warranty',
  '--dump-options',
  ...GPG_DECRYPT,
  ...GPG_KEY_COMMANDS,
  ...GPG_INTERACTIVE,
  '--import',
  '--fast-import',
  '--import-ownertrust',
];

function gnupgHome(call: Call): string {
  const dir = call.values('--homedir')[0];
  return dir?.known ? call.ctx.path(dir.text) : `${call.ctx.home}/.gnupg`;
}

function gpg(call: Call): void {
  const { ctx } = call;
  const home = gnupgHome(call);
  const command = (...names: string[]) => call.has(...names);
  const ops = call.operands;
  if (command(...GPG_SECRETS)) ctx.read(`${home}/**`);
  if (command(...GPG_DECRYPT) || (ops.length > 0 && !command(...GPG_COMMANDS))) ctx.read(`${home}/**`);
  if (command(...GPG_KEYRING_WRITES, ...GPG_FETCH, ...GPG_DELETE, '--edit-key', '--key-edit'))
    ctx.write(`${home}/*`);
  if (command(...GPG_DELETE)) ctx.risk('destructive');
  if (command(...GPG_FETCH, ...GPG_SEND)) ctx.network();
  if (command(...GPG_SEND)) ctx.sends();
  if (command('--fetch-keys')) for (const u of ops) ctx.apply('url', u);
  for (const server of call.values('--keyserver')) {
    if (!server.known || /^[a-z][a-z0-9+.-]*:\/\//i.test(server.text)) ctx.apply('url', server);
    else ctx.host(server.text.replace(/:\d+$/, ''));
  }
  if (command('--server')) ctx.unknown('`gpg --server` reads protocol commands from standard input');
  else if (
    command(...GPG_INTERACTIVE) &&
    !call.has('--batch', '--command-fd', '--command-file') &&
    ctx.stdin === undefined
  )
    ctx.unknown(
      `\`${call.program}\` opens an interactive key editor that reads commands typed at the terminal`,
    );
}

const GPG_VALUE_OPTIONS =
  '--debug|--debug-level|--display-charset|--charset|--logger-fd|--faked-system-time|--default-key|--encrypt-to|--hidden-encrypt-to|--default-recipient|--group|--ungroup|--compliance|--default-new-key-algo|--min-rsa-length|--trust-model|--known-notation|--limit-card-insert-tries|--temp-directory|--default-sig-expire|--default-cert-expire|--default-cert-level|--min-cert-level|--personal-cipher-preferences|--personal-digest-preferences|--personal-compress-preferences|--personal-cipher-prefs|--personal-digest-prefs|--personal-compress-prefs|--default-preference-list|--default-keyserver-url|--default-cert-check-level|--tofu-default-policy|--compress-algo|--compression-algo|--completes-needed|--marginals-needed|--max-cert-depth|--force-ownertrust|--input-size-hint|--set-filesize|-N|--set-notation|--sig-notation|--cert-notation|--set-policy-url|--sig-policy-url|--cert-policy-url|--sig-keyserver-url|--max-output|--comment|--set-filename|-z|--compress-level|--bzip2-compress-level|--auto-key-locate|--keyserver-options|--key-origin|--import-options|--import-filter|--export-options|--export-filter|--list-options|--keyid-format|-r|--recipient|-R|--hidden-recipient|--remote-user|-u|--local-user|--trusted-key|--sender|--try-secret-key|--override-session-key|--override-session-key-fd|--s2k-mode|--s2k-digest-algo|--s2k-cipher-algo|--s2k-count|--verify-options|--disable-cipher-algo|--disable-pubkey-algo|--cipher-algo|--digest-algo|--cert-digest-algo|--weak-digest|--status-fd|--attribute-fd|--command-fd|--passphrase|--passphrase-fd|--passphrase-repeat|--pinentry-mode|--request-origin|--display|--ttyname|--ttytype|--lc-ctype|--lc-messages|--xauthority|--sign-with|--user|--gpg-agent-info|--reader-port|--tofu-db-format|--homedir';

const GPG_OPTIONS = {
  [GPG_VALUE_OPTIONS]: 'value',
  '-o|--output|--status-file|--attribute-file|--log-file|--logger-file|--trustdb-name': 'write',
  '-f|--recipient-file|-F|--hidden-recipient-file|--passphrase-file|--command-file|--keyring|--primary-keyring|--secret-keyring':
    'read',
  '--keyserver': 'value',
  '--options': { takes: 'read', unknown: 'reads options from a file, which can name programs it runs' },
  '--photo-viewer': 'command',
  '--exec-path': { takes: 'value', unknown: 'sets the folder of the helper programs it runs' },
  '--agent-program|--dirmngr-program|--keyboxd-program': 'exec',
  '--load-extension|--ctapi-driver|--pcsc-driver': 'library',
  '--auto-key-retrieve': { network: true },
  [GPG_COMMANDS.join('|')]: { mode: 'command' },
  '-a|--armor|--armour|-v|--verbose|-q|--quiet|-n|--dry-run|-i|--interactive|-t|--textmode|--batch|--no-batch|--yes|--no|--no-tty|--with-colons|--with-fingerprint|--with-subkey-fingerprint|--with-keygrip|--with-secret|--always-trust|--no-default-keyring|--expert|--fixed-list-mode|--no-auto-key-retrieve|--no-options|--no-greeting|--no-permission-warning|--no-random-seed-file|--pinentry-mode=loopback':
    'flag',
} as const;

function ssh_add(call: Call): void {
  const { ctx } = call;
  if (call.has('-l', '-L', '-D', '-x', '-X', '-e', '-T')) return;
  const keys = call.operands;
  if (keys.length === 0 && !call.has('-s', '-S', '-K')) {
    for (const k of ['id_rsa', 'id_ecdsa', 'id_ecdsa_sk', 'id_ed25519', 'id_ed25519_sk', 'id_dsa'])
      ctx.read(`${ctx.home}/.ssh/${k}`);
  }
  for (const k of keys) if (k.text !== '-') ctx.apply('read', k);
}

/** pass and gopass: entries are files under the store. */
function passStore(call: Call, store: string, git: boolean): void {
  const { ctx } = call;
  const ops = call.operands;
  const sub = ops[0];
  const entry = (name: Field | undefined) =>
    name?.known
      ? `${store}/${name.text.replace(/\/+$/, '')}.${call.program === 'pass' ? 'gpg' : '*'}`
      : `${store}/**`;
  if (sub === undefined) return ctx.read(store);
  if (!sub.known) {
    ctx.read(`${store}/**`);
    ctx.unknown(
      `\`${call.program}\` gets \`${sub.text}\`, a command or entry only known when the command runs`,
    );
    return;
  }
  const name = ops[1];
  switch (sub.text) {
    case 'ls':
    case 'list':
    case 'find':
    case 'search':
    case 'help':
    case 'version':
    case 'templates':
    case 'mounts':
    case 'pwgen':
    case 'completion':
    case 'alias':
      return ctx.read(store);
    case 'show':
    case 'cat':
    case 'otp':
    case 'history':
      return name ? ctx.read(entry(name)) : ctx.read(store);
    case 'grep':
    case 'audit':
    case 'fsck':
      return ctx.read(`${store}/**`);
    case 'insert':
    case 'add':
    case 'generate':
    case 'create':
    case 'new':
    case 'link':
      return ctx.write(entry(name));
    case 'edit':
      ctx.write(entry(name));
      return editor(call, 'a password entry');
    case 'rm':
    case 'remove':
    case 'delete':
      ctx.risk('destructive');
      ctx.remove(entry(name));
      if (name?.known) ctx.remove(`${store}/${name.text}/**`);
      return;
    case 'mv':
    case 'move':
    case 'rename':
    case 'cp':
    case 'copy':
      ctx.read(entry(name));
      if (ops[2]) ctx.write(entry(ops[2]));
      if (/^(mv|move|rename)$/.test(sub.text)) ctx.remove(entry(name));
      return;
    case 'init':
    case 'setup':
    case 'recipients':
    case 'config':
    case 'age':
    case 'convert':
    case 'rcs':
    case 'fscopy':
    case 'fsmove':
      return ctx.write(`${store}/**`);
    case 'git': {
      ctx.setCwd(f(sub, store));
      ctx.run([f(sub, 'git'), ...ops.slice(1)], `${call.program} git`);
      return;
    }
    case 'sync':
    case 'clone':
      ctx.network();
      ctx.write(`${store}/**`);
      if (sub.text === 'sync') ctx.sends();
      return;
    case 'env':
      ctx.read(entry(name));
      runRest(call, ops.slice(2), `${call.program} env`);
      return;
    case 'update':
      ctx.network();
      ctx.risk('download-and-execute');
      ctx.unknown(`\`${call.program} update\` downloads and installs a new ${call.program} program`);
      return;
    case 'process':
      if (name) ctx.apply('read', name);
      return ctx.read(`${store}/**`);
    case 'unclip':
      return;
    default:
      // `pass NAME` shows the entry.
      if (git || call.program === 'gopass') ctx.read(entry(sub));
  }
}

function keepassxc(call: Call): void {
  const { ctx } = call;
  const [subWord, db, ...rest] = call.operands;
  if (subWord === undefined) return;
  if (!subWord.known) return hiddenVerb(OWN)(call);
  const sub = subWord.text;
  if (/^(generate|diceware|estimate|help|--help|--version|-v|-h)$/.test(sub)) return;
  if (db === undefined) return;
  if (sub === 'db-create') return ctx.apply('write', db);
  if (sub === 'import') {
    ctx.apply('read', db);
    if (rest[0]) ctx.apply('write', rest[0]);
    return;
  }
  if (sub === 'open') {
    ctx.apply('read', db);
    ctx.unknown('`keepassxc-cli open` reads database commands typed at the terminal');
    return;
  }
  if (/^(db-info|ls|search|analyze|show|clip|export|attachment-export)$/.test(sub)) {
    ctx.apply('read', db);
    if (sub === 'attachment-export' && rest[2]) ctx.apply('write', rest[2]);
    return;
  }
  ctx.apply('write', db);
  if (/^(rm|rmdir)$/.test(sub)) ctx.risk('destructive');
  if (sub === 'attachment-import' && rest[2]) ctx.apply('read', rest[2]);
  if (sub === 'merge' && rest[0]) ctx.apply('read', rest[0]);
}

function sops(call: Call): void {
  const { ctx } = call;
  const ops = call.operands;
  const first = ops[0];
  const secrets = () =>
    ctx.unknown(`\`${call.program}\` decrypts secrets (with keys from age, GnuPG or a cloud key service)`);
  if (call.has('-k', '--kms', '--gcp-kms', '--azure-kv', '--hc-vault-transit', '--aws-profile'))
    ctx.network();
  const verb =
    first?.known &&
    /^(decrypt|encrypt|edit|exec-env|exec-file|publish|keyservice|groups|updatekeys|set|unset|rotate|filestatus|help|completion|h)$/.test(
      first.text,
    )
      ? first.text
      : undefined;
  const files = verb ? ops.slice(1) : ops;
  const file = files[0];
  const inPlace = call.has('-i', '--in-place');
  if (verb === 'exec-env' || verb === 'exec-file') {
    if (file) ctx.apply('read', file);
    secrets();
    const cmd = files[1];
    if (cmd)
      ctx.apply(
        'command',
        verb === 'exec-file' ? f(cmd, cmd.text.replace(/\{\}/g, '/tmp/sops-secret')) : cmd,
      );
    return;
  }
  if (verb === 'publish') {
    ctx.network();
    ctx.sends();
    return readPaths(call, files);
  }
  if (verb === 'keyservice') {
    ctx.network();
    ctx.unknown('`sops keyservice` serves key operations to the network');
    return;
  }
  if (verb === 'help' || verb === 'h' || verb === 'completion' || verb === 'groups' || file === undefined)
    return;
  ctx.apply('read', file);
  if (verb === 'filestatus') return;
  const decrypting = verb === 'decrypt' || call.has('-d', '--decrypt', '--extract');
  const encrypting = verb === 'encrypt' || call.has('-e', '--encrypt');
  if (decrypting) secrets();
  if (
    verb === 'updatekeys' ||
    verb === 'set' ||
    verb === 'unset' ||
    verb === 'rotate' ||
    call.has('--set', '--unset', '-r', '--rotate') ||
    inPlace
  )
    ctx.apply('write', file);
  if (
    !decrypting &&
    !encrypting &&
    !inPlace &&
    !/^(updatekeys|set|unset|rotate)$/.test(verb ?? '') &&
    !call.has('--set', '--unset', '-r', '--rotate')
  ) {
    // `sops FILE`: decrypt into an editor, encrypt back.
    secrets();
    ctx.apply('write', file);
    editor(call, 'the decrypted secrets');
  }
}

function step(call: Call): void {
  const { ctx } = call;
  const words = call.operands;
  if (words.slice(0, 2).some((w) => !w.known)) return hiddenVerb(OWN)(call);
  const group = words[0]?.text ?? '';
  const cmd = words[1]?.text ?? '';
  const rest = words.slice(2);
  const paths = rest.filter((w) => pathLike(w) || /\.(crt|pem|key|csr|json|p12|pfx|der|pub)$/.test(w.text));
  for (const u of rest) if (/^[a-z][a-z0-9+.-]*:\/\//i.test(u.text)) ctx.apply('url', u);
  if (/^(ca|oauth|ssh)$/.test(group) && cmd !== 'config') ctx.network();
  if (group === 'ca' && /^(bootstrap|init|provisioner|admin|policy|acme)$/.test(cmd))
    ctx.write(`${ctx.home}/.step/**`);
  // `--install`, `certificate install`: into the system's trust store.
  if (call.has('--install') || (group === 'certificate' && /^(install|uninstall)$/.test(cmd))) {
    risks(ctx, ROOT);
    for (const p of paths) ctx.apply('read', p);
    return;
  }
  if (group === 'ssh' && cmd === 'config') {
    ctx.write(`${ctx.home}/.ssh/**`);
    ctx.risk('persistence');
    return;
  }
  if (group === 'context') return ctx.write(`${ctx.home}/.step/**`);
  // `step certificate create SUBJECT CRT KEY`, `step crypto keypair PUB PRIV`, `step ca certificate SUBJECT CRT KEY`
  if (
    (group === 'certificate' && /^(create|p12|bundle|sign)$/.test(cmd)) ||
    (group === 'crypto' && /^(keypair|change-pass)$/.test(cmd)) ||
    (group === 'ca' && /^(certificate|renew|sign)$/.test(cmd)) ||
    (group === 'ssh' && cmd === 'certificate')
  ) {
    const out =
      group === 'certificate' && cmd === 'p12'
        ? paths.slice(0, 1)
        : cmd === 'bundle' || cmd === 'renew' || cmd === 'sign'
          ? paths.slice(-1)
          : paths.slice(-2);
    for (const p of paths) ctx.apply(out.includes(p) ? 'write' : 'read', p);
    return;
  }
  for (const p of paths) ctx.apply('read', p);
}

function certbot(call: Call): void {
  const { ctx } = call;
  const sub = call.operands[0]?.known ? call.operands[0].text : 'run';
  const verbs =
    /^(run|certonly|renew|enhance|certificates|revoke|delete|install|rollback|register|update_account|unregister|show_account|plugins|update_symlinks|reconfigure|help)$/;
  const verb = verbs.test(sub) ? sub : 'run';
  if (/^(certificates|plugins|help)$/.test(verb)) return;
  ctx.network();
  risks(ctx, ROOT);
  ctx.write('/etc/letsencrypt/**');
  if (/^(revoke|delete|unregister)$/.test(verb)) ctx.risk('destructive');
  const paths = call.values('--cert-path', '--key-path', '--fullchain-path', '--chain-path');
  for (const p of paths) ctx.apply(verb === 'revoke' ? 'read' : 'write', p);
  readPaths(call, call.operands.slice(verbs.test(sub) ? 1 : 0));
  if (
    verb !== 'renew' &&
    call.has(
      '--pre-hook',
      '--post-hook',
      '--deploy-hook',
      '--renew-hook',
      '--manual-auth-hook',
      '--manual-cleanup-hook',
    )
  )
    ctx.risk('persistence');
}

const KEYTOOL_COMMANDS =
  '-list|-printcert|-printcertreq|-printcrl|-showinfo|-version|-help|-exportcert|-export|-certreq|-gencert|-gencrl|-importcert|-import|-importkeystore|-genkeypair|-genkey|-genseckey|-delete|-changealias|-storepasswd|-keypasswd|-importpass|-selfcert|-keyclone|-identitydb';

function keytool(call: Call): void {
  const { ctx } = call;
  const has = (...n: string[]) => call.has(...n);
  const file = call.values('-file')[0];
  const keystore = call.values('-keystore')[0];
  const cacerts = has('-cacerts');
  const store = (role: 'read' | 'write') => {
    if (keystore) ctx.apply(role, keystore);
    else {
      const path = cacerts ? '$JAVA_HOME/lib/security/cacerts' : `${ctx.home}/.keystore`;
      if (role === 'read') ctx.read(path);
      else ctx.write(path);
    }
  };
  for (const server of call.values('-sslserver')) {
    if (server.known) ctx.host(server.text.replace(/:\d+$/, ''));
    else ctx.apply('host', server);
  }
  if (has('-printcert', '-printcertreq', '-printcrl', '-showinfo', '-version', '-help')) {
    if (file) ctx.apply('read', file);
    return;
  }
  if (has('-list')) return store('read');
  if (has('-exportcert', '-export', '-certreq', '-gencrl')) {
    store('read');
    if (file) ctx.apply('write', file);
    return;
  }
  if (has('-gencert')) {
    store('read');
    for (const i of call.values('-infile')) ctx.apply('read', i);
    for (const o of call.values('-outfile')) ctx.apply('write', o);
    return;
  }
  if (has('-importkeystore')) {
    for (const s of call.values('-srckeystore')) ctx.apply('read', s);
    const dest = call.values('-destkeystore')[0];
    if (dest) ctx.apply('write', dest);
    else store('write');
    return;
  }
  if (file) ctx.apply('read', file);
  store('write');
  if (has('-delete')) ctx.risk('destructive');
  if (cacerts || (keystore?.known && /cacerts$/.test(keystore.text))) risks(ctx, ROOT);
}

export default definePrograms([
  {
    names: ['mount'],
    summary: 'mount filesystems, or list what is mounted',
    options: {
      '-t|--types|-O|--test-opts|-L|--label|-U|--uuid|-N|--namespace|--options-mode|--options-source|--target-prefix':
        'value',
      '-o|--options': 'value',
      '-T|--fstab': 'read',
      '--source|--target': 'value',
      '-m|--mkdir': { takes: 'value', attached: true },
      '-a|--all|-B|--bind|-R|--rbind|-M|--move|-f|--fake': 'flag',
      '-l|--show-labels|-c|--no-canonicalize|-F|--fork|-i|--internal-only|-n|--no-mtab|-r|--read-only|-w|--rw|--read-write|-v|--verbose|--options-source-force':
        'flag',
      '--make-shared|--make-slave|--make-private|--make-unbindable|--make-rshared|--make-rslave|--make-rprivate|--make-runbindable':
        'flag',
    },
    operands: ['value...'],
    custom: mount,
    examples: [
      { cmd: 'mount', only: true },
      { cmd: 'mount -l -t ext4', only: true },
      {
        cmd: 'mount -o loop disk.img /mnt',
        reads: ['disk.img'],
        writes: ['/mnt/**'],
        risks: ['system-change', 'privilege-escalation'],
      },
      { cmd: 'mount --bind ~/.ssh /w/keys', reads: ['~/.ssh'], risks: ['system-change'] },
      {
        cmd: 'mount -t nfs files.example.com:/export /mnt',
        hosts: ['files.example.com'],
        risks: ['system-change'],
      },
      { cmd: 'mount -t cifs //nas.example.com/share /mnt', hosts: ['nas.example.com'] },
      { cmd: 'mount -o remount,rw /', risks: ['system-change', 'privilege-escalation'] },
    ],
  },
  {
    names: ['umount', 'eject'],
    summary: 'unmount filesystems',
    options: {
      '-t|--types|-O|--test-opts|-N|--namespace': 'value',
      '-a|--all|-A|--all-targets|-c|--no-canonicalize|-d|--detach-loop|--fake|-f|--force|-i|--internal-only|-n|--no-mtab|-l|--lazy|-R|--recursive|-r|--read-only|-v|--verbose|-q|--quiet':
        'flag',
    },
    operands: ['value...'],
    custom(call) {
      if (call.operands.length > 0 || call.has('-a', '--all')) risks(call.ctx, ROOT);
    },
    examples: [{ cmd: 'umount /mnt', risks: ['system-change', 'privilege-escalation'] }],
  },
  {
    names: ['sysctl'],
    summary: 'read or set kernel settings',
    options: {
      '-p|-f': { mode: 'load' },
      '--load': { takes: 'read', attached: true },
      '--system|--dry-run': 'flag',
      '-r|--pattern': 'value',
      '-a|-A|-X|--all|--deprecated|-b|--binary|-e|--ignore|-N|--names|-n|--values|-q|--quiet|-w|--write|-o|-x|-d':
        'flag',
    },
    operands: (call) => (call.has('-p', '-f') ? ['read...'] : ['value...']),
    custom: sysctl,
    examples: [
      { cmd: 'sysctl -a', only: true },
      { cmd: 'sysctl net.ipv4.ip_forward', only: true },
      { cmd: 'sysctl -w net.ipv4.ip_forward=1', risks: ['system-change', 'privilege-escalation'] },
      {
        cmd: 'sysctl -p /etc/sysctl.d/99-x.conf',
        reads: ['/etc/sysctl.d/99-x.conf'],
        risks: ['system-change'],
      },
      { cmd: "sysctl kernel.core_pattern='|/tmp/x %p'", risks: ['system-change'], unknown: 'core_pattern' },
    ],
  },
  {
    names: ['modprobe'],
    summary: 'load or remove kernel modules with their dependencies',
    options: {
      '-C|--config': {
        takes: 'read',
        unknown: 'reads module settings from a file whose `install` lines run shell commands',
      },
      '-d|--dirname': { takes: 'read-tree', unknown: 'loads modules from another folder' },
      '-S|--set-version|-w|--wait': 'value',
      '-c|--showconfig|--show-depends|-n|--dry-run|--show|-R|--resolve-alias|--dump-modversions': {
        mode: 'reads',
      },
      '-r|--remove|-a|--all|-b|--use-blacklist|--first-time|--force-vermagic|--force-modversion|-f|--force|-i|--ignore-install|--ignore-remove|-q|--quiet|-s|--syslog|-v|--verbose|-V|--version':
        'flag',
    },
    operands: ['value...'],
    custom(call) {
      if (
        call.has(
          '-c',
          '--showconfig',
          '--show-depends',
          '-n',
          '--dry-run',
          '--show',
          '-R',
          '--resolve-alias',
          '--dump-modversions',
          '-V',
          '--version',
        )
      )
        return;
      if (call.operands.length > 0) risks(call.ctx, ROOT);
    },
    examples: [
      { cmd: 'modprobe br_netfilter', risks: ['system-change', 'privilege-escalation'] },
      { cmd: 'modprobe -r pcspkr', risks: ['system-change'] },
      { cmd: 'modprobe --show-depends nvidia', only: true },
      { cmd: 'modprobe -C /tmp/evil.conf dummy', unknown: 'install' },
    ],
  },
  {
    names: ['insmod'],
    summary: 'load a kernel module from a file',
    operands: ['library', 'value...'],
    effects: { risks: ROOT },
    examples: [
      {
        cmd: 'insmod ./rootkit.ko',
        risks: ['privilege-escalation', 'system-change'],
        executes: ['rootkit.ko'],
        unknown: true,
      },
    ],
  },
  {
    names: ['rmmod'],
    summary: 'remove kernel modules',
    options: { '-f|--force|-s|--syslog|-v|--verbose|-V|--version': 'flag' },
    operands: ['value...'],
    custom(call) {
      if (call.operands.length > 0) risks(call.ctx, ROOT);
    },
    examples: [{ cmd: 'rmmod pcspkr', risks: ['system-change', 'privilege-escalation'] }],
  },
  {
    names: ['lsmod', 'modinfo'],
    summary: 'list loaded kernel modules, or describe one',
    readonly: true,
    options: {
      '-F|--field|-k|--set-version|-b|--basedir': 'value',
      '-0|--null|-a|-d|-l|-p|-n|--filename': 'flag',
    },
    operands: ['value...'],
    examples: [
      { cmd: 'lsmod', only: true },
      { cmd: 'modinfo -F version e1000e', only: true },
    ],
  },
  {
    names: ['depmod'],
    summary: 'rebuild the kernel module dependency lists',
    options: {
      '-b|--basedir': 'value',
      '-C|--config|-F|--filesyms|-E|--symvers': 'read',
      '-n|--show|--dry-run': { mode: 'reads' },
      '-a|--all|-A|--quick|-e|--errsyms|-P|-v|--verbose|-w|-V|--version': 'flag',
    },
    operands: ['value...'],
    custom(call) {
      if (!call.has('-n', '--show', '--dry-run', '-V', '--version')) risks(call.ctx, ROOT);
    },
    examples: [
      { cmd: 'depmod -a', risks: ['system-change'] },
      { cmd: 'depmod -n', only: true },
    ],
  },
  {
    names: ['kmod'],
    summary: 'list kernel modules (the tool behind modprobe and friends)',
    options: { '-o|--output': 'write', '-f|--format': 'value' },
    subcommands: { 'list|help|static-nodes': READS, '*': changes() },
    operands: ['value...'],
    custom: hiddenVerb(),
    examples: [{ cmd: 'kmod list', only: true }],
  },
  {
    names: ['passwd'],
    summary: "change a user's password",
    options: {
      '-i|--inactive|-n|--mindays|-r|--repository|-R|--root|-P|--prefix|-w|--warndays|-x|--maxdays': 'value',
      '-S|--status': { mode: 'status' },
      '-a|--all|-d|--delete|-e|--expire|-k|--keep-tokens|-l|--lock|-q|--quiet|-u|--unlock|--stdin': 'flag',
    },
    operands: ['value...'],
    custom(call) {
      if (call.has('-S', '--status')) return;
      risks(call.ctx, OWN);
      // Another user's password, or deleting, locking and ageing: root.
      if (
        call.operands.length > 0 ||
        call.has(
          '-d',
          '--delete',
          '-e',
          '--expire',
          '-l',
          '--lock',
          '-u',
          '--unlock',
          '-i',
          '--inactive',
          '-n',
          '--mindays',
          '-x',
          '--maxdays',
          '-w',
          '--warndays',
        )
      )
        call.ctx.risk('privilege-escalation');
    },
    examples: [
      { cmd: 'passwd -S', only: true },
      { cmd: 'passwd', risks: ['system-change'] },
      { cmd: 'passwd -d root', risks: ['system-change', 'privilege-escalation'] },
    ],
  },
  {
    names: ['chpasswd', 'chgpasswd'],
    summary: 'set passwords from lines of user:password on standard input',
    options: {
      '-c|--crypt-method|-R|--root|-P|--prefix|-s|--sha-rounds': 'value',
      '-e|--encrypted|-m|--md5': 'flag',
    },
    operands: ['value...'],
    effects: { risks: ROOT },
    examples: [{ cmd: "echo 'root:toor' | chpasswd", risks: ['system-change', 'privilege-escalation'] }],
  },
  {
    names: ['newusers'],
    summary: 'create or update users in bulk from a file',
    options: {
      '-R|--root|-P|--prefix|-c|--crypt-method|-s|--sha-rounds': 'value',
      '-b|--badname|-r|--system': 'flag',
    },
    operands: ['read...'],
    effects: { risks: ROOT },
    examples: [
      { cmd: 'newusers users.txt', reads: ['users.txt'], risks: ['system-change', 'privilege-escalation'] },
    ],
  },
  {
    names: ['useradd'],
    summary: 'create a user account',
    options: {
      '-b|--base-dir|-c|--comment|-d|--home-dir|-e|--expiredate|-f|--inactive|-g|--gid|-G|--groups|-K|--key|-p|--password|-u|--uid|-Z|--selinux-user|-R|--root|-P|--prefix':
        'value',
      '-s|--shell': 'value',
      '-k|--skel': 'read-tree',
      '-D|--defaults': { mode: 'defaults' },
      '-m|--create-home': { mode: 'home' },
      '--badname|--btrfs-subvolume-home|-F|--add-subids-for-system|-l|--no-log-init|-M|--no-create-home|-N|--no-user-group|-o|--non-unique|-r|--system|-U|--user-group':
        'flag',
    },
    operands: ['value...'],
    custom(call) {
      if (call.has('-D', '--defaults') && call.args.length === 1) return;
      risks(call.ctx, ROOT);
      loginShell(call, call.values('-s', '--shell')[0]);
      if (call.has('-m', '--create-home')) {
        const home = call.values('-d', '--home-dir')[0];
        if (home) call.ctx.apply('write-tree', home);
        else {
          const h = homeOf(call, call.operands[0]);
          if (h) call.ctx.write(h);
        }
      }
    },
    examples: [
      { cmd: 'useradd -D', only: true },
      {
        cmd: 'useradd -m -s /bin/bash dev',
        writes: ['/home/dev'],
        risks: ['system-change', 'privilege-escalation'],
      },
      { cmd: 'useradd -o -u 0 -g 0 toor', risks: ['privilege-escalation'] },
      { cmd: 'useradd -s /tmp/payload.sh svc', risks: ['persistence'] },
    ],
  },
  {
    names: ['usermod'],
    summary: 'change a user account',
    options: {
      '-c|--comment|-e|--expiredate|-f|--inactive|-g|--gid|-G|--groups|-l|--login|-p|--password|-P|--prefix|-R|--root|-u|--uid|-v|--add-subuids|-V|--del-subuids|-w|--add-subgids|-W|--del-subgids|-Z|--selinux-user':
        'value',
      '-d|--home': 'value',
      '-s|--shell': 'value',
      '-m|--move-home': { mode: 'move' },
      '-a|--append|-b|--badname|-L|--lock|-o|--non-unique|-r|--remove|-U|--unlock': 'flag',
    },
    operands: ['value...'],
    custom(call) {
      risks(call.ctx, ROOT);
      loginShell(call, call.values('-s', '--shell')[0]);
      const home = call.values('-d', '--home')[0];
      if (home && call.has('-m', '--move-home')) call.ctx.apply('write-tree', home);
    },
    examples: [
      { cmd: 'usermod -aG docker dev', risks: ['system-change', 'privilege-escalation'] },
      { cmd: 'usermod -s ~/.hook dev', risks: ['persistence'] },
    ],
  },
  {
    names: ['userdel'],
    summary: 'remove a user account',
    options: {
      '-R|--root|-P|--prefix': 'value',
      '-r|--remove': { mode: 'remove' },
      '-f|--force|-Z|--selinux-user': 'flag',
    },
    operands: ['value...'],
    effects: { risks: WIPE },
    custom(call) {
      const h = homeOf(call, call.operands[0]);
      if (call.has('-r', '--remove') && h) {
        call.ctx.remove(h);
        call.ctx.remove(`${h}/**`);
      }
    },
    examples: [
      { cmd: 'userdel -r dev', deletes: ['/home/dev/**'], risks: ['destructive', 'privilege-escalation'] },
    ],
  },
  {
    names: ['adduser', 'addgroup'],
    summary: 'add a user or group (Debian front end), or a user to a group',
    options: {
      '--uid|--firstuid|--lastuid|--gid|--firstgid|--lastgid|--ingroup|--comment|--gecos|--add-extra-groups|--extrausers|--key':
        'value',
      '--home': 'value',
      '--shell': 'value',
      '--conf|-c': 'read',
      '--system|--group|--no-create-home|--disabled-password|--disabled-login|--allow-all-names|--allow-bad-names|--force-badname|--quiet|-q|--verbose|-v|--debug|-d':
        'flag',
    },
    operands: ['value...'],
    custom(call) {
      risks(call.ctx, ROOT);
      loginShell(call, call.values('--shell')[0]);
      call.ctx.executes('/usr/local/sbin/adduser.local');
    },
    examples: [
      { cmd: 'adduser --disabled-password --gecos "" dev', risks: ['system-change', 'privilege-escalation'] },
      { cmd: 'adduser dev sudo', risks: ['privilege-escalation'] },
    ],
  },
  {
    names: ['deluser', 'delgroup'],
    summary: 'remove a user or group (Debian front end), or a user from a group',
    options: {
      '--backup-to': 'write',
      '--backup-suffix': 'value',
      '--conf|-c': 'read',
      '--remove-home': { mode: 'home' },
      '--remove-all-files': {
        mode: 'all',
        unknown: 'removes every file the user owns, anywhere on the system',
      },
      '--system|--backup|--group|--only-if-empty|--quiet|-q|--verbose|-v|--debug|-d': 'flag',
    },
    operands: ['value...'],
    custom(call) {
      if (call.operands.length === 2) return risks(call.ctx, ROOT);
      risks(call.ctx, WIPE);
      const h = homeOf(call, call.operands[0]);
      if (call.has('--remove-home') && h) call.ctx.remove(`${h}/**`);
    },
    examples: [
      { cmd: 'deluser --remove-home dev', deletes: ['/home/dev/**'], risks: ['destructive'] },
      { cmd: 'deluser dev sudo', risks: ['system-change'] },
    ],
  },
  {
    names: ['groupadd', 'groupmod'],
    summary: 'create or change a group',
    options: {
      '-g|--gid|-K|--key|-p|--password|-R|--root|-P|--prefix|-U|--users|-n|--new-name': 'value',
      '-f|--force|-o|--non-unique|-r|--system|-a|--append': 'flag',
    },
    operands: ['value...'],
    effects: { risks: ROOT },
    examples: [{ cmd: 'groupadd -g 2000 builders', risks: ['system-change', 'privilege-escalation'] }],
  },
  {
    names: ['groupdel'],
    summary: 'remove a group',
    options: { '-R|--root|-P|--prefix': 'value', '-f|--force': 'flag' },
    operands: ['value...'],
    effects: { risks: WIPE },
    examples: [{ cmd: 'groupdel builders', risks: ['destructive', 'system-change'] }],
  },
  {
    names: ['gpasswd'],
    summary: 'administer a group: members, administrators, password',
    options: {
      '-a|--add|-d|--delete|-M|--members|-A|--administrators|-Q|--root': 'value',
      '-r|--remove-password|-R|--restrict': 'flag',
    },
    operands: ['value...'],
    effects: { risks: ROOT },
    examples: [{ cmd: 'gpasswd -a dev wheel', risks: ['privilege-escalation'] }],
  },
  {
    names: ['chage'],
    summary: 'show or change password ageing',
    options: {
      '-d|--lastday|-E|--expiredate|-I|--inactive|-m|--mindays|-M|--maxdays|-R|--root|-P|--prefix|-W|--warndays':
        'value',
      '-l|--list': { mode: 'list' },
      '-i|--iso8601': 'flag',
    },
    operands: ['value...'],
    custom(call) {
      if (!call.has('-l', '--list')) risks(call.ctx, ROOT);
    },
    examples: [
      { cmd: 'chage -l dev', only: true },
      { cmd: 'chage -M -1 root', risks: ['system-change'] },
    ],
  },
  {
    names: ['chsh'],
    summary: 'change a login shell',
    options: { '-s|--shell': 'value', '-R|--root': 'value', '-l|--list-shells': { mode: 'list' } },
    operands: ['value...'],
    custom(call) {
      if (call.has('-l', '--list-shells')) return;
      risks(call.ctx, OWN);
      if (call.operands.length > 0) call.ctx.risk('privilege-escalation');
      loginShell(call, call.values('-s', '--shell')[0]);
    },
    examples: [
      { cmd: 'chsh -s /bin/zsh', risks: ['system-change'] },
      { cmd: 'chsh -s /w/.x.sh', risks: ['persistence'] },
    ],
  },
  {
    names: ['chfn'],
    summary: 'change the finger (GECOS) information of a user',
    options: {
      '-f|--full-name|-h|--home-phone|-o|--other|-r|--room|-R|--root|-w|--work-phone': 'value',
      '-u|--help': 'flag',
    },
    operands: ['value...'],
    custom(call) {
      risks(call.ctx, OWN);
      if (call.operands.length > 0) call.ctx.risk('privilege-escalation');
    },
    examples: [{ cmd: 'chfn -f "Dev User"', risks: ['system-change'] }],
  },
  {
    names: ['vipw', 'vigr'],
    summary: 'edit the user or group database',
    options: { '-R|--root|-P|--prefix': 'value', '-g|--group|-p|--passwd|-q|--quiet|-s|--shadow': 'flag' },
    operands: ['value...'],
    effects: { risks: ROOT },
    custom(call) {
      const group = call.program === 'vigr' || call.has('-g', '--group');
      const shadow = call.has('-s', '--shadow');
      call.ctx.write(
        group ? (shadow ? '/etc/gshadow' : '/etc/group') : shadow ? '/etc/shadow' : '/etc/passwd',
      );
      editor(call, 'the account database');
    },
    examples: [
      { cmd: 'vipw -s', writes: ['/etc/shadow'], risks: ['privilege-escalation'], unknown: 'editor' },
    ],
  },
  {
    names: ['visudo'],
    summary: 'edit or check the sudo rules',
    options: {
      '-f|--file': 'value',
      '-x|--export': 'write',
      '-c|--check': { mode: 'check' },
      '-q|--quiet|-s|--strict|-I|--no-includes|-O|--owner|-P|--perms|-h|--help|-V|--version': 'flag',
    },
    operands: ['value...'],
    custom(call) {
      const { ctx } = call;
      const file = call.values('-f', '--file')[0] ?? call.operands[0];
      if (call.has('-c', '--check', '-x', '--export', '-h', '--help', '-V', '--version')) {
        if (file) ctx.apply('read', file);
        else ctx.read('/etc/sudoers');
        return;
      }
      risks(ctx, ROOT);
      if (file) ctx.apply('write', file);
      else ctx.write('/etc/sudoers');
      editor(call, 'the sudo rules');
    },
    examples: [
      { cmd: 'visudo -c', reads: ['/etc/sudoers'], only: true },
      {
        cmd: 'visudo -f /etc/sudoers.d/dev',
        writes: ['/etc/sudoers.d/dev'],
        risks: ['privilege-escalation'],
        unknown: 'editor',
      },
    ],
  },
  {
    names: ['chattr'],
    summary: 'change file attributes on Linux filesystems (immutable, append-only …)',
    options: { '-R': { mode: 'recursive' }, '-V|-f': 'flag', '-v|-p': 'value' },
    rewrite: chattrArguments,
    operands: ['value...'],
    custom(call) {
      const { ctx } = call;
      const modes = call.operands.filter((o) => o.known && /^[-+=]/.test(o.text));
      const files = call.operands.filter((o) => !modes.includes(o));
      for (const file of files) ctx.apply(call.has('-R') ? 'write-tree' : 'write', file);
      ctx.risk('system-change');
      // immutable and append-only need CAP_LINUX_IMMUTABLE.
      if (modes.some((m) => /[ai]/.test(m.text))) ctx.risk('privilege-escalation');
    },
    examples: [
      {
        cmd: 'chattr +i /etc/resolv.conf',
        writes: ['/etc/resolv.conf'],
        risks: ['system-change', 'privilege-escalation'],
      },
      { cmd: 'chattr -R -i build', writes: ['build/**'], risks: ['privilege-escalation'] },
    ],
  },
  {
    names: ['lsattr'],
    summary: 'list file attributes on Linux filesystems',
    readonly: true,
    options: { '-R': { mode: 'recursive' }, '-V|-a|-d|-l|-p|-v': 'flag' },
    operands: (call) => (call.has('-R') ? ['read-tree...'] : ['read...']),
    examples: [{ cmd: 'lsattr -d /etc', reads: ['/etc'], only: true }],
  },
  {
    names: ['setfacl'],
    summary: 'set access control lists of files',
    options: {
      '-m|--modify|-x|--remove|--set': 'value',
      '-M|--modify-file|-X|--remove-file|--set-file': 'read',
      '--restore': { takes: 'read', unknown: 'sets the ACLs of the files named in a file' },
      '-R|--recursive': { mode: 'recursive' },
      '--test': { mode: 'test' },
      '-b|--remove-all|-k|--remove-default|-n|--no-mask|--mask|-d|--default|-L|--logical|-P|--physical':
        'flag',
    },
    operands: (call) =>
      call.has('--test') ? ['read...'] : call.has('-R', '--recursive') ? ['write-tree...'] : ['write...'],
    custom(call) {
      if (!call.has('--test')) call.ctx.risk('system-change');
    },
    examples: [
      { cmd: 'setfacl -m u:www-data:rx public', writes: ['public'], risks: ['system-change'] },
      { cmd: 'setfacl -R -m u:eve:rwx ~', writes: ['~/**'] },
    ],
  },
  {
    names: ['getfacl'],
    summary: 'print access control lists of files',
    readonly: true,
    options: {
      '-R|--recursive': { mode: 'recursive' },
      '-a|--access|-d|--default|-c|--omit-header|-e|--all-effective|-E|--no-effective|-s|--skip-base|-L|--logical|-P|--physical|-t|--tabular|-p|--absolute-names|-n|--numeric':
        'flag',
    },
    operands: (call) => (call.has('-R', '--recursive') ? ['read-tree...'] : ['read...']),
    examples: [{ cmd: 'getfacl -p src', reads: ['src'], only: true }],
  },
  {
    names: ['setcap'],
    summary: 'set the capabilities of program files',
    options: { '-n': 'value', '-q|-v|-r|-h|--license': 'flag' },
    operands: ['value...'],
    custom: setcap,
    examples: [
      {
        cmd: 'setcap cap_setuid+ep /tmp/py',
        writes: ['/tmp/py'],
        risks: ['privilege-escalation', 'system-change'],
      },
      { cmd: 'setcap -r ./bin/server', writes: ['bin/server'] },
    ],
  },
  {
    names: ['getcap'],
    summary: 'print the capabilities of program files',
    readonly: true,
    options: { '-r': { mode: 'recursive' }, '-h|-l|-n|-v': 'flag' },
    operands: (call) => (call.has('-r') ? ['read-tree...'] : ['read...']),
    examples: [{ cmd: 'getcap -r /usr/bin', reads: ['/usr/bin/**'], only: true }],
  },
  {
    names: ['ip'],
    summary: 'show or change addresses, links, routes, rules and namespaces (iproute2)',
    options: IPROUTE_OPTIONS,
    optionsFirst: true,
    operands: ['value...'],
    custom: (call: Call) => iproute(call, IP_OBJECTS),
    examples: [
      { cmd: 'ip addr', only: true },
      { cmd: 'ip -br a s', only: true },
      { cmd: 'ip route get 1.1.1.1', only: true },
      { cmd: 'ip -j link show dev eth0', only: true },
      { cmd: 'ip xfrm state list', only: true },
      { cmd: 'ip link set eth0 up', risks: ['system-change', 'privilege-escalation'] },
      { cmd: 'ip route add default via 10.0.0.1', risks: ['system-change'] },
      {
        cmd: 'ip netns exec blue rm -rf /tmp/x',
        runs: ['rm'],
        deletes: ['/tmp/x'],
        risks: ['privilege-escalation'],
      },
      { cmd: 'ip link set dev eth0 xdp obj prog.o sec xdp', reads: ['prog.o'], unknown: 'eBPF' },
      { cmd: 'ip -batch cmds.txt', reads: ['cmds.txt'], unknown: 'batch' },
      { cmd: 'ip $CMD', unknown: true },
    ],
  },
  {
    names: ['bridge'],
    summary: 'show or change bridge ports, forwarding and VLAN tables (iproute2)',
    options: IPROUTE_OPTIONS,
    optionsFirst: true,
    operands: ['value...'],
    custom: (call: Call) => iproute(call, BRIDGE_OBJECTS),
    examples: [
      { cmd: 'bridge fdb show', only: true },
      { cmd: 'bridge vlan add dev eth0 vid 10', risks: ['system-change'] },
    ],
  },
  {
    names: ['tc'],
    summary: 'show or change traffic control: queues, classes, filters (iproute2)',
    options: IPROUTE_OPTIONS,
    optionsFirst: true,
    operands: ['value...'],
    custom: (call: Call) => iproute(call, TC_OBJECTS),
    examples: [
      { cmd: 'tc qdisc show dev eth0', only: true },
      { cmd: 'tc -s class ls dev eth0', only: true },
      {
        cmd: 'tc qdisc add dev eth0 root netem delay 100ms',
        risks: ['system-change', 'privilege-escalation'],
      },
      { cmd: 'tc filter add dev eth0 ingress bpf da obj cls.o sec cls', reads: ['cls.o'], unknown: 'eBPF' },
      { cmd: 'tc exec bpf import /tmp/uds run rm -rf /tmp/x', runs: ['rm'] },
    ],
  },
  {
    names: ['ifconfig'],
    summary: 'show or set network interfaces (net-tools)',
    options: { '-a|-s|-v|-l|-L|-u|-d|-m': 'flag' },
    operands: ['value...'],
    custom(call) {
      if (call.operands.length > 1) risks(call.ctx, ROOT);
    },
    examples: [
      { cmd: 'ifconfig -a', only: true },
      { cmd: 'ifconfig eth0', only: true },
      { cmd: 'ifconfig eth0 promisc', risks: ['system-change', 'privilege-escalation'] },
    ],
  },
  {
    names: ['route'],
    summary: 'show or change the routing table (net-tools, BSD)',
    options: { '-A|-T': 'value', '-F|-C|-v|-n|-e|-ee|-4|-6|--inet|--inet6|-q|-d|-t': 'flag' },
    operands: ['value...'],
    custom(call) {
      const first = call.operands[0];
      if (first === undefined) return;
      if (!first.known) return hiddenVerb()(call);
      if (/^(add|del|delete|change|flush)$/.test(first.text)) risks(call.ctx, ROOT);
    },
    examples: [
      { cmd: 'route -n', only: true },
      { cmd: 'route -n get default', only: true },
      { cmd: 'route add default gw 10.0.0.1', risks: ['system-change'] },
    ],
  },
  {
    names: ['arp'],
    summary: 'show or change the ARP cache',
    options: {
      '-i|--device|-H|--hw-type|-t|-A|-p': 'value',
      '-f|--file': { takes: 'read', mode: 'change' },
      '-s|--set|-S|-d|--delete': { mode: 'change' },
      '-a|--all|-e|-n|--numeric|-v|--verbose|-D|--use-device|-l': 'flag',
    },
    operands: ['value...'],
    custom(call) {
      if (call.has('-f', '--file', '-s', '--set', '-S', '-d', '--delete')) risks(call.ctx, ROOT);
    },
    examples: [
      { cmd: 'arp -an', only: true },
      { cmd: 'arp -s 10.0.0.1 00:11:22:33:44:55', risks: ['system-change'] },
    ],
  },
  {
    names: ['nmcli'],
    summary: 'show or change NetworkManager connections and devices',
    options: {
      '-c|--colors|-e|--escape|-f|--fields|-g|--get-values|-m|--mode|-w|--wait': 'value',
      '-s|--show-secrets': { mode: 'secrets' },
      '-a|--ask|-h|--help|-p|--pretty|-t|--terse|-v|--version|--offline': 'flag',
    },
    optionsFirst: true,
    operands: ['value...'],
    custom: nmcli,
    examples: [
      { cmd: 'nmcli', only: true },
      { cmd: 'nmcli c s', only: true },
      { cmd: 'nmcli device wifi list', only: true },
      { cmd: 'nmcli con up office-vpn', risks: ['system-change'] },
      { cmd: 'nmcli device wifi connect Guest password hunter2', risks: ['system-change'] },
      { cmd: 'nmcli -s connection show home', unknown: 'passwords' },
      {
        cmd: 'nmcli connection import type openvpn file client.ovpn',
        reads: ['client.ovpn'],
        risks: ['system-change'],
      },
      { cmd: 'nmcli device checkpoint -- rm -rf /tmp/x', runs: ['rm'] },
    ],
  },
  {
    names: ['iw'],
    summary: 'show or change wireless devices',
    options: { '--debug|--version': 'flag' },
    operands: ['value...'],
    custom(call) {
      if (call.operands.some((w) => !w.known)) return hiddenVerb()(call);
      if (
        call.operands.some((w) =>
          /^(set|connect|disconnect|del|add|join|leave|switch|reload|vendor|start|stop|enable|disable|cac|auth|deauth|offchannel)$/.test(
            w.text,
          ),
        )
      )
        risks(call.ctx, ROOT);
    },
    examples: [
      { cmd: 'iw dev wlan0 link', only: true },
      { cmd: 'iw dev wlan0 scan', only: true },
      { cmd: 'iw reg set US', risks: ['system-change'] },
      { cmd: 'iw phy phy0 interface add mon0 type monitor', risks: ['system-change'] },
    ],
  },
  {
    names: ['iwconfig'],
    summary: 'show or set wireless interface settings',
    options: { '--help|-v|--version': 'flag' },
    operands: ['value...'],
    custom(call) {
      if (call.operands.length > 1) risks(call.ctx, ROOT);
    },
    examples: [
      { cmd: 'iwconfig wlan0', only: true },
      { cmd: 'iwconfig wlan0 mode monitor', risks: ['system-change'] },
    ],
  },
  {
    names: ['iwlist', 'iwgetid'],
    summary: 'list wireless networks and settings',
    readonly: true,
    options: { '-a|-c|-f|-m|-p|-r|-s|--raw|--scheme|--ap|--channel|--freq|--mode|--protocol': 'flag' },
    operands: ['value...'],
    examples: [{ cmd: 'iwlist wlan0 scan', only: true }],
  },
  {
    names: ['ethtool'],
    summary: 'show or change network device driver and hardware settings',
    options: {
      [ETHTOOL_CHANGES]: { mode: 'change' },
      '--debug': 'value',
      '-a|--show-pause|-c|--show-coalesce|-g|--show-ring|-i|--driver|-d|--register-dump|-e|--eeprom-dump|-k|--show-features|--show-offload|-p|--identify|-P|--show-permaddr|-S|--statistics|--phy-statistics|-n|-u|--show-nfc|--show-ntuple|-w|--get-dump|-T|--show-time-stamping|-x|--show-rxfh-indir|--show-rxfh|-l|--show-channels|-m|--dump-module-eeprom|--module-info|--show-priv-flags|--show-eee|--get-phy-tunable|--get-tunable|--show-fec|--show-tunnels|--show-module|--monitor|-I|--include-statistics|--json|-h|--help|--version|--all-groups|--groups|--show-plca-cfg|--show-mm|--show-pse|--show-rss':
        'flag',
    },
    operands: ['value...'],
    custom: ethtool,
    examples: [
      { cmd: 'ethtool eth0', only: true },
      { cmd: 'ethtool -S eth0', only: true },
      { cmd: 'ethtool -K eth0 tso off', risks: ['system-change', 'privilege-escalation'] },
      { cmd: 'ethtool -f eth0 fw.bin', reads: ['fw.bin'], risks: ['system-change'] },
    ],
  },
  {
    names: ['brctl'],
    summary: 'show or change Ethernet bridges (bridge-utils)',
    subcommands: { 'show|showmacs|showstp|showvlan|help': READS, '*': changes() },
    operands: ['value...'],
    custom: hiddenVerb(),
    examples: [
      { cmd: 'brctl show', only: true },
      { cmd: 'brctl addbr br0', risks: ['system-change'] },
    ],
  },
  {
    names: ['ifup', 'ifdown'],
    summary: 'bring network interfaces up or down (ifupdown)',
    options: {
      '-i|--interfaces': 'read',
      '-X|--exclude|-o|--option|--state-dir': 'value',
      '--allow': { takes: 'value', attached: true },
      '-n|--no-act': { mode: 'dry' },
      '--no-scripts': { mode: 'noscripts' },
      '-a|--all|-v|--verbose|--force|--ignore-errors|--no-mappings|--no-loopback|-h|--help|-V|--version':
        'flag',
    },
    operands: ['value...'],
    custom(call) {
      if (call.has('-n', '--no-act')) return;
      risks(call.ctx, ROOT);
      if (!call.has('--no-scripts')) call.ctx.executes('/etc/network/if-*.d/*');
    },
    examples: [{ cmd: 'ifup eth0', risks: ['system-change', 'privilege-escalation'] }],
  },
  {
    names: ['ifquery'],
    summary: 'show the configuration of network interfaces (ifupdown)',
    readonly: true,
    options: {
      '-i|--interfaces': 'read',
      '-X|--exclude|-o|--option|--state-dir': 'value',
      '--allow': { takes: 'value', attached: true },
    },
    operands: ['value...'],
    examples: [{ cmd: 'ifquery --list', only: true }],
  },
  {
    names: ['netplan'],
    summary: 'generate and apply network configuration (Ubuntu)',
    options: { '--debug|-h|--help': 'flag', '--root-dir': 'value' },
    subcommands: {
      'get|info|status|help|ip': READS,
      '*': changes(ROOT, { options: { '--timeout|--origin-hint|--mapping|--config-file|--state': 'value' } }),
    },
    operands: ['value...'],
    custom: hiddenVerb(),
    examples: [
      { cmd: 'netplan get', only: true },
      { cmd: 'netplan apply', risks: ['system-change'] },
    ],
  },
  {
    names: ['hostnamectl'],
    summary: 'show or set the host name and machine information (systemd)',
    options: {
      '-H|--host': 'host',
      '-M|--machine': 'value',
      '--json': { takes: 'value', attached: true },
      '-h|--help|--version|--no-ask-password|--transient|--static|--pretty': 'flag',
    },
    subcommands: {
      status: READS,
      'hostname|icon-name|chassis|deployment|location': {
        operands: ['value...'],
        custom(call) {
          if (call.operands.length > 0) risks(call.ctx, ROOT);
        },
      },
      '*': changes(),
    },
    operands: ['value...'],
    custom: hiddenVerb(),
    examples: [
      { cmd: 'hostnamectl', only: true },
      { cmd: 'hostnamectl hostname', only: true },
      { cmd: 'hostnamectl set-hostname build01', risks: ['system-change', 'privilege-escalation'] },
      { cmd: 'hostnamectl -H admin@db.example.com status', hosts: ['db.example.com'] },
    ],
  },
  {
    names: ['timedatectl'],
    summary: 'show or set the clock, time zone and time sync (systemd)',
    options: {
      '-H|--host': 'host',
      '-M|--machine|-p|--property': 'value',
      '-h|--help|--version|--no-pager|--no-ask-password|--adjust-system-clock|--monitor|-a|--all|--value':
        'flag',
    },
    subcommands: { 'status|show|list-timezones|timesync-status|show-timesync': READS, '*': changes() },
    operands: ['value...'],
    custom: hiddenVerb(),
    examples: [
      { cmd: 'timedatectl status', only: true },
      { cmd: 'timedatectl', only: true },
      { cmd: 'timedatectl set-ntp false', risks: ['system-change', 'privilege-escalation'] },
    ],
  },
  {
    names: ['localectl'],
    summary: 'show or set the system locale and keyboard layout (systemd)',
    options: {
      '-H|--host': 'host',
      '-M|--machine': 'value',
      '-h|--help|--version|--no-pager|--no-ask-password|--no-convert': 'flag',
    },
    subcommands: {
      'status|list-locales|list-keymaps|list-x11-keymap-models|list-x11-keymap-layouts|list-x11-keymap-variants|list-x11-keymap-options':
        READS,
      '*': changes(),
    },
    operands: ['value...'],
    custom: hiddenVerb(),
    examples: [
      { cmd: 'localectl status', only: true },
      { cmd: 'localectl set-locale LANG=C.UTF-8', risks: ['system-change'] },
    ],
  },
  {
    names: [
      'iptables',
      'ip6tables',
      'iptables-legacy',
      'ip6tables-legacy',
      'iptables-nft',
      'ip6tables-nft',
      'ebtables',
      'ebtables-nft',
      'ebtables-legacy',
      'arptables',
      'arptables-nft',
      'arptables-legacy',
      'iptables-apply',
      'ip6tables-apply',
    ],
    summary: 'show or change packet filter rules (netfilter)',
    options: {
      [IPTABLES_CHANGES.join('|')]: { mode: 'change' },
      '-L|--list|-S|--list-rules|-C|--check|-h|--help|-V|--version|--line-numbers|-n|--numeric|-x|--exact|-v|--verbose|-4|--ipv4|-6|--ipv6|-f|--fragment|-w|--wait|-W|--wait-interval|-Lc|-Lx|-Ln':
        'flag',
      '-t|--table|-p|--protocol|-s|--source|-d|--destination|-m|--match|-j|--jump|-g|--goto|-i|--in-interface|-o|--out-interface|-c|--set-counters':
        'value',
      '-M|--modprobe': 'exec',
      '--atomic-file': 'write',
      '--timeout': 'value',
    },
    operands: ['value...'],
    custom(call) {
      if (call.has(...IPTABLES_CHANGES) || /-apply$/.test(call.program)) risks(call.ctx, ROOT);
      if (/-apply$/.test(call.program)) for (const o of call.operands) call.ctx.apply('read', o);
    },
    examples: [
      { cmd: 'iptables -L -n -v', only: true },
      { cmd: 'iptables -t nat -S', only: true },
      {
        cmd: 'iptables -A INPUT -p tcp --dport 22 -j ACCEPT',
        risks: ['system-change', 'privilege-escalation'],
      },
      { cmd: 'ip6tables -P INPUT ACCEPT', risks: ['system-change'] },
      { cmd: 'iptables -F', risks: ['system-change'] },
      { cmd: 'iptables -L -M /tmp/x.sh', runs: ['x.sh'] },
    ],
  },
  {
    names: [
      'iptables-save',
      'ip6tables-save',
      'iptables-legacy-save',
      'ip6tables-legacy-save',
      'iptables-nft-save',
      'ip6tables-nft-save',
      'ebtables-save',
      'arptables-save',
      'iptables-translate',
      'ip6tables-translate',
      'ebtables-translate',
      'arptables-translate',
      'iptables-restore-translate',
      'ip6tables-restore-translate',
    ],
    summary: 'print packet filter rules, or their nftables translation',
    options: {
      '-M|--modprobe': 'exec',
      '-f|--file': 'write',
      '-t|--table': 'value',
      '-c|--counters|-h|--help|-V|--version': 'flag',
    },
    operands: ['value...'],
    custom(call) {
      if (/restore-translate$/.test(call.program))
        for (const o of call.values('-f', '--file')) call.ctx.apply('read', o);
    },
    examples: [
      { cmd: 'iptables-save', only: true },
      { cmd: 'iptables-save -f rules.v4', writes: ['rules.v4'], only: true },
    ],
  },
  {
    names: [
      'iptables-restore',
      'ip6tables-restore',
      'iptables-legacy-restore',
      'ip6tables-legacy-restore',
      'iptables-nft-restore',
      'ip6tables-nft-restore',
      'ebtables-restore',
      'arptables-restore',
    ],
    summary: 'replace packet filter rules with rules read from a file or standard input',
    options: {
      '-M|--modprobe': 'exec',
      '-T|--table': 'value',
      '-t|--test': { mode: 'test' },
      '-c|--counters|-h|--help|-n|--noflush|-v|--verbose|-V|--version|-w|--wait|-W|--wait-interval': 'flag',
    },
    operands: ['read...'],
    custom(call) {
      if (!call.has('-t', '--test')) risks(call.ctx, ROOT);
    },
    examples: [
      { cmd: 'iptables-restore < /etc/iptables/rules.v4', risks: ['system-change', 'privilege-escalation'] },
      { cmd: 'iptables-restore -t rules.v4', reads: ['rules.v4'], only: true },
    ],
  },
  {
    names: ['nft'],
    summary: 'show or change nftables rules',
    options: {
      '-f|--file': 'read',
      '-D|--define|-d|--debug': 'value',
      '-I|--includepath': 'read-tree',
      '-c|--check': { mode: 'check' },
      '-i|--interactive': { mode: 'interactive' },
      '-h|--help|-v|--version|-V|-o|--optimize|-a|--handle|-s|--stateless|-t|--terse|-S|--service|-N|--reversedns|-u|--guid|-n|--numeric|-y|--numeric-priority|-p|--numeric-protocol|-T|--numeric-time|-e|--echo|-j|--json':
        'flag',
    },
    operands: ['value...'],
    custom: nft,
    examples: [
      { cmd: 'nft list ruleset', only: true },
      { cmd: 'nft -a list table inet filter', only: true },
      {
        cmd: 'nft add rule inet filter input tcp dport 22 accept',
        risks: ['system-change', 'privilege-escalation'],
      },
      { cmd: "nft 'flush ruleset'", risks: ['system-change'] },
      { cmd: 'nft -f /etc/nftables.conf', reads: ['/etc/nftables.conf'], risks: ['system-change'] },
      { cmd: 'nft -c -f rules.nft', reads: ['rules.nft'], only: true },
    ],
  },
  {
    names: ['ufw'],
    summary: 'show or change the Uncomplicated Firewall',
    options: { '--dry-run': { mode: 'dry' }, '--force|--help|--version': 'flag' },
    operands: ['value...'],
    custom: ufw,
    examples: [
      { cmd: 'ufw status verbose', only: true },
      { cmd: 'ufw app list', only: true },
      { cmd: 'ufw allow 22/tcp', risks: ['system-change', 'privilege-escalation'] },
      { cmd: 'ufw --force reset', risks: ['destructive'] },
      { cmd: 'ufw disable', risks: ['system-change'] },
    ],
  },
  {
    names: ['firewall-cmd', 'firewall-offline-cmd'],
    summary: 'show or change firewalld zones, services and ports',
    rewrite: (args: Field[]) => (args.length === 0 ? args : [dashes(args[0]!), ...args]),
    operands: ['value...'],
    custom: firewallCmd,
    examples: [
      { cmd: 'firewall-cmd --state', only: true },
      { cmd: 'firewall-cmd --list-all --zone=public', only: true },
      {
        cmd: 'firewall-cmd --permanent --add-port=8080/tcp',
        risks: ['system-change', 'privilege-escalation'],
      },
      { cmd: 'firewall-cmd --reload', risks: ['system-change'] },
      {
        cmd: 'firewall-cmd --permanent --new-zone-from-file=zone.xml',
        reads: ['zone.xml'],
        risks: ['system-change'],
      },
    ],
  },
  {
    names: ['pfctl'],
    summary: 'show or change the pf packet filter (BSD, macOS)',
    options: {
      '-a|-D|-i|-K|-k|-o|-p|-s|-T|-t|-x|-F': 'value',
      '-f': 'read',
      '-L': 'read',
      '-S': 'write',
      '-n': { mode: 'dry' },
      '-d|-e|-g|-h|-m|-N|-q|-R|-r|-v|-z|-A|-O|-P|-E|-X': 'flag',
    },
    operands: ['value...'],
    custom: pfctl,
    examples: [
      { cmd: 'pfctl -s rules', only: true },
      { cmd: 'pfctl -sr', only: true },
      {
        cmd: 'pfctl -f /etc/pf.conf',
        reads: ['/etc/pf.conf'],
        risks: ['system-change', 'privilege-escalation'],
      },
      { cmd: 'pfctl -d', risks: ['system-change'] },
      { cmd: 'pfctl -nf pf.conf', reads: ['pf.conf'], only: true },
    ],
  },
  {
    names: ['ipfw'],
    summary: 'show or change the ipfw packet filter (FreeBSD, old macOS)',
    options: { '-p': 'exec', '-a|-b|-c|-d|-D|-e|-f|-i|-n|-N|-q|-S|-s|-t|-T|-v|-x': 'flag' },
    operands: ['value...'],
    custom: ipfw,
    examples: [
      { cmd: 'ipfw list', only: true },
      { cmd: 'ipfw add 100 allow ip from any to any', risks: ['system-change'] },
      { cmd: 'ipfw -q flush', risks: ['destructive'] },
      { cmd: 'ipfw -p /tmp/m4 rules.fw', runs: ['m4'], reads: ['rules.fw'] },
    ],
  },
  {
    names: ['swapon'],
    summary: 'enable swap devices and files, or list them',
    options: {
      '-o|--options|-p|--priority|-L|-U': 'value',
      '-d|--discard|--show': { takes: 'value', attached: true },
      '-s|--summary|--noheadings|--raw|--bytes': { mode: 'list' },
      '-a|--all|-e|--ifexists|-f|--fixpgsz|-v|--verbose|-h|--help|-V|--version': 'flag',
    },
    operands: ['read...'],
    custom(call) {
      if (call.operands.length === 0 && !call.has('-a', '--all', '-L', '-U')) return;
      risks(call.ctx, ROOT);
    },
    examples: [
      { cmd: 'swapon --show', only: true },
      { cmd: 'swapon /swapfile', reads: ['/swapfile'], risks: ['system-change', 'privilege-escalation'] },
    ],
  },
  {
    names: ['swapoff'],
    summary: 'disable swap devices and files',
    options: { '-L|-U': 'value', '-a|--all|-v|--verbose|-h|--help|-V|--version': 'flag' },
    operands: ['value...'],
    custom(call) {
      if (call.operands.length > 0 || call.has('-a', '--all', '-L', '-U')) risks(call.ctx, ROOT);
    },
    examples: [{ cmd: 'swapoff -a', risks: ['system-change', 'privilege-escalation'] }],
  },
  {
    names: ['mke2fs', 'mkfs.ext2', 'mkfs.ext3', 'mkfs.ext4', 'mkfs.ext4dev'],
    summary: 'make an ext2/3/4 filesystem on a device or image',
    options: { '-d': 'read-tree', '-l': 'read', '-z': 'write', '-n': { mode: 'dry' } },
    operands: ['value...'],
    custom: mkfs(['-n']),
    examples: [
      {
        cmd: 'mkfs.ext4 -L data /dev/sdb1',
        writes: ['/dev/sdb1'],
        risks: ['destructive', 'system-change', 'privilege-escalation'],
      },
      {
        cmd: 'mke2fs -t ext4 -d rootfs/ disk.img',
        reads: ['rootfs/**'],
        writes: ['disk.img'],
        risks: ['destructive'],
      },
      { cmd: 'mke2fs -n /dev/sdb1', only: true },
    ],
  },
  {
    names: ['mkfs.xfs', 'mkfs.btrfs'],
    summary: 'make an XFS or Btrfs filesystem on a device or image',
    options: { '-p': 'read', '-r|--rootdir': 'read-tree', '-N': { mode: 'dry' } },
    operands: ['value...'],
    custom: (call: Call) => mkfs(call.program === 'mkfs.xfs' ? ['-N'] : [])(call),
    examples: [
      { cmd: 'mkfs.xfs -f /dev/nvme1n1', writes: ['/dev/nvme1n1'], risks: ['destructive'] },
      {
        cmd: 'mkfs.btrfs -L pool /dev/sdb /dev/sdc',
        writes: ['/dev/sdb', '/dev/sdc'],
        risks: ['destructive'],
      },
    ],
  },
  {
    names: [
      'mkfs',
      'mkfs.vfat',
      'mkfs.fat',
      'mkfs.msdos',
      'mkdosfs',
      'mkfs.exfat',
      'mkexfatfs',
      'mkfs.ntfs',
      'mkntfs',
      'mkfs.f2fs',
      'mkfs.minix',
      'mkfs.bfs',
      'mkfs.cramfs',
      'mkfs.jfs',
      'mkfs.reiserfs',
      'mkfs.udf',
      'mkudffs',
      'mkfs.hfsplus',
      'newfs',
      'newfs_msdos',
      'newfs_hfs',
      'newfs_apfs',
    ],
    summary: 'make a filesystem on a device or image',
    options: { '-t|--type': 'value' },
    operands: ['value...'],
    custom: mkfs([]),
    examples: [
      { cmd: 'mkfs -t ext4 /dev/sdb1', writes: ['/dev/sdb1'], risks: ['destructive', 'system-change'] },
      { cmd: 'mkfs.vfat -F 32 -n BOOT /dev/sdc1', writes: ['/dev/sdc1'], risks: ['destructive'] },
      { cmd: 'mkfs.exfat /dev/sdd1', risks: ['destructive'] },
      { cmd: 'mkfs.ntfs -Q /dev/sde1', risks: ['destructive'] },
      { cmd: 'mkfs.f2fs -l data /dev/mmcblk0p2', writes: ['/dev/mmcblk0p2'], risks: ['destructive'] },
    ],
  },
  {
    names: ['mkswap'],
    summary: 'set up a swap area on a device or file',
    options: {
      '-p|--pagesize|-L|--label|-v|--swapversion|-U|--uuid|-o|--offset|-s|--size|-e|--endianness': 'value',
      '--lock': { takes: 'value', attached: true },
      '-c|--check|-f|--force|-q|--quiet|--verbose|-F|--file|-h|--help|-V|--version': 'flag',
    },
    operands: ['value...'],
    custom: mkfs([]),
    examples: [
      { cmd: 'mkswap /dev/sdb2', writes: ['/dev/sdb2'], risks: ['destructive', 'privilege-escalation'] },
    ],
  },
  {
    names: ['fdisk'],
    summary: 'edit or list partition tables',
    options: {
      '-b|--sector-size|-o|--output|-t|--type|-C|--cylinders|-H|--heads|-S|--sectors|-w|--wipe|-W|--wipe-partitions':
        'value',
      '-c|--compatibility|-L|--color|-u|--units|--lock': { takes: 'value', attached: true },
      '-l|--list|-x|--list-details|-s|--getsz': { mode: 'list' },
      '-n|--noauto-pt|-B|--protect-boot|-h|--help|-V|--version': 'flag',
    },
    operands: ['value...'],
    custom: (call: Call) =>
      partitions(
        call,
        call.has('-l', '--list', '-x', '--list-details', '-s', '--getsz', '-h', '--help', '-V', '--version'),
        call.ctx.stdin === undefined,
      ),
    examples: [
      { cmd: 'fdisk -l', only: true },
      { cmd: 'fdisk -l /dev/sda', reads: ['/dev/sda'], only: true },
      { cmd: 'fdisk /dev/sda', writes: ['/dev/sda'], risks: ['destructive'], unknown: 'terminal' },
      {
        cmd: "printf 'o\\nw\\n' | fdisk /dev/sdb",
        writes: ['/dev/sdb'],
        risks: ['destructive'],
        unknown: false,
      },
    ],
  },
  {
    names: ['sfdisk'],
    summary: 'partition a disk from a script on standard input, or list and dump partition tables',
    options: {
      '-O|--backup-file': 'write',
      '-o|--output|-u|--unit|-X|--label|-Y|--label-nested|-w|--wipe|-W|--wipe-partitions|--relocate': 'value',
      '--color|--lock|--move-data': { takes: 'value', attached: true },
      '-d|--dump|-g|--show-geometry|-J|--json|-l|--list|-F|--list-free|-s|--show-size|-T|--list-types|-V|--verify|-n|--no-act|-h|--help|-v|--version':
        { mode: 'list' },
      '-A|--activate|--delete|--part-attrs|--part-label|--part-type|--part-uuid|--disk-id|-r|--reorder|-a|--append|-b|--backup|-f|--force|--Linux|--no-reread|--no-tell-kernel|--move-use-fsync|-q|--quiet|--backup-pt-sectors':
        'flag',
    },
    operands: ['value...'],
    custom: (call: Call) =>
      partitions(
        call,
        call.has(
          '-d',
          '--dump',
          '-g',
          '--show-geometry',
          '-J',
          '--json',
          '-l',
          '--list',
          '-F',
          '--list-free',
          '-s',
          '--show-size',
          '-T',
          '--list-types',
          '-V',
          '--verify',
          '-n',
          '--no-act',
          '-h',
          '--help',
          '-v',
          '--version',
        ),
        false,
      ),
    examples: [
      { cmd: 'sfdisk -d /dev/sda', reads: ['/dev/sda'], only: true },
      { cmd: 'sfdisk /dev/sdb < layout.sfdisk', writes: ['/dev/sdb'], risks: ['destructive'] },
      { cmd: 'sfdisk --delete /dev/sdb 2', risks: ['destructive'] },
    ],
  },
  {
    names: ['gdisk', 'cgdisk', 'cfdisk', 'fixparts'],
    summary: 'edit partition tables interactively',
    options: {
      '-l': { mode: 'list' },
      '-L|--color|--lock': { takes: 'value', attached: true },
      '-h|--help|-V|--version|-r|--read-only|-z|--zero': 'flag',
    },
    operands: ['value...'],
    custom: (call: Call) =>
      partitions(call, call.has('-l', '-r', '--read-only', '-h', '--help', '-V', '--version'), true),
    examples: [
      { cmd: 'gdisk -l /dev/nvme0n1', reads: ['/dev/nvme0n1'], only: true },
      { cmd: 'cfdisk /dev/sda', risks: ['destructive'], unknown: 'terminal' },
    ],
  },
  {
    names: ['sgdisk'],
    summary: 'change or print GPT partition tables from the command line',
    options: {
      '-a|--set-alignment|-A|--attributes|-B|--byte-swap-name|-c|--change-name|-d|--delete|-i|--info|-j|--adjust-main-table|-n|--new|-N|--largest-new|-t|--typecode|-T|--transform-bsd|-u|--partition-guid|-U|--disk-guid':
        'value',
      '-b|--backup': 'write',
      '-l|--load-backup': 'read',
      '-R|--replicate': 'write',
      '-C|--recompute-chs|-D|--display-alignment|-e|--move-second-header|-E|--end-of-largest|-f|--first-in-largest|-F|--first-aligned-in-largest|-g|--mbrtogpt|-G|--randomize-guids|-h|--hybrid|-I|--align-end|-L|--list-types|-m|--gpttombr|-o|--clear|-O|--print-mbr|-p|--print|-P|--pretend|-r|--transpose|-s|--sort|--usage|-v|--verify|-V|--version|-z|--zap|-Z|--zap-all|-?|--help':
        'flag',
    },
    operands: ['value...'],
    custom: (call: Call) =>
      partitions(call, call.has('-P', '--pretend') || !call.has(...SGDISK_CHANGES), false),
    examples: [
      { cmd: 'sgdisk -p /dev/sda', reads: ['/dev/sda'], only: true },
      { cmd: 'sgdisk --zap-all /dev/sdb', writes: ['/dev/sdb'], risks: ['destructive'] },
      { cmd: 'sgdisk -n 1:0:+512M -t 1:ef00 /dev/sdb', risks: ['destructive'] },
      { cmd: 'sgdisk -b table.bak /dev/sda', writes: ['table.bak'], reads: ['/dev/sda'] },
    ],
  },
  {
    names: ['parted'],
    summary: 'partition a disk with commands on the command line, or interactively',
    options: {
      '-a|--align': 'value',
      '-l|--list|-m|--machine|-j|--json|-s|--script|-f|--fix|-v|--version|-h|--help': 'flag',
    },
    operands: ['value...'],
    custom: parted,
    examples: [
      { cmd: 'parted -l', only: true },
      { cmd: 'parted /dev/sda print', reads: ['/dev/sda'], only: true },
      { cmd: 'parted -s /dev/sdb mklabel gpt', writes: ['/dev/sdb'], risks: ['destructive'] },
      { cmd: 'parted /dev/sdb', unknown: 'terminal' },
    ],
  },
  {
    names: ['partprobe', 'partx', 'addpart', 'delpart', 'resizepart'],
    summary: "tell the kernel about a disk's partitions",
    options: {
      '-s|--summary|-d|--dry-run|--show|-l|--list|-g|--noheadings|-r|--raw|-P|--pairs|-b|--bytes': {
        mode: 'list',
      },
      '-n|--nr|-o|--output|-t|--type': 'value',
      '-a|--add|-u|--update|-v|--verbose': 'flag',
    },
    operands: ['value...'],
    custom(call) {
      if (call.has('-s', '--summary', '-d', '--dry-run', '--show', '-l', '--list')) return;
      if (call.program === 'delpart') risks(call.ctx, WIPE);
      else risks(call.ctx, ROOT);
    },
    examples: [{ cmd: 'partprobe /dev/sdb', risks: ['system-change'] }],
  },
  {
    names: ['wipefs'],
    summary: 'list or erase filesystem, RAID and partition-table signatures',
    options: {
      '-o|--offset': { takes: 'value', mode: 'erase' },
      '-O|--output|-t|--types': 'value',
      '--lock': { takes: 'value', attached: true },
      '-a|--all': { mode: 'erase' },
      '-n|--no-act': { mode: 'dry' },
      '-b|--backup|-f|--force|-i|--noheadings|-J|--json|-p|--parsable|-q|--quiet|-h|--help|-V|--version':
        'flag',
    },
    operands: ['value...'],
    custom(call) {
      if (!call.has('-a', '--all', '-o', '--offset') || call.has('-n', '--no-act')) return readPaths(call);
      risks(call.ctx, WIPE);
      writePaths(call);
      if (call.has('-b', '--backup')) call.ctx.write(`${call.ctx.home}/wipefs-*.bak`);
    },
    examples: [
      { cmd: 'wipefs /dev/sdb', reads: ['/dev/sdb'], only: true },
      { cmd: 'wipefs -a /dev/sdb', writes: ['/dev/sdb'], risks: ['destructive'] },
    ],
  },
  {
    names: ['blkdiscard'],
    summary: 'discard (erase) the sectors of a device',
    options: {
      '-o|--offset|-l|--length|-p|--step': 'value',
      '-f|--force|-s|--secure|-z|--zeroout|-v|--verbose|-h|--help|-V|--version': 'flag',
    },
    operands: ['value...'],
    effects: { risks: WIPE },
    custom: (call: Call) => writePaths(call),
    examples: [{ cmd: 'blkdiscard -f /dev/nvme1n1', writes: ['/dev/nvme1n1'], risks: ['destructive'] }],
  },
  {
    names: ['badblocks'],
    summary: 'search a device for bad blocks (read-only, or destructive with -w)',
    options: {
      '-b|-c|-d|-e|-p|-t': 'value',
      '-i': 'read',
      '-o': 'write',
      '-w': { mode: 'wipe' },
      '-n': { mode: 'rw' },
      '-f|-B|-s|-v|-X': 'flag',
    },
    operands: ['value...'],
    custom(call) {
      if (call.has('-w')) risks(call.ctx, WIPE);
      else if (call.has('-n')) risks(call.ctx, ROOT);
      else return readPaths(call);
      writePaths(call);
    },
    examples: [
      { cmd: 'badblocks -sv /dev/sdb', reads: ['/dev/sdb'], only: true },
      { cmd: 'badblocks -wsv /dev/sdb', risks: ['destructive'] },
    ],
  },
  {
    names: ['cryptsetup'],
    summary: 'set up encrypted volumes (LUKS, dm-crypt)',
    options: {
      '-d|--key-file|--new-keyfile|--header': 'read',
      '--header-backup-file|--volume-key-file|--master-key-file|--json-file': 'value',
      '--external-tokens-path': {
        takes: 'read-tree',
        unknown: 'loads token plugins (native libraries) from a folder',
      },
      '-M|--type|-c|--cipher|-s|--key-size|-h|--hash|--keyfile-offset|-l|--keyfile-size|--new-keyfile-offset|--new-keyfile-size|-S|--key-slot|--new-key-slot|-i|--iter-time|--pbkdf|--pbkdf-memory|--pbkdf-parallel|--pbkdf-force-iterations|-o|--offset|-p|--skip|-b|--size|--uuid|--label|--subsystem|--token-id|--token-type|--new-token-id|--key-description|--sector-size|--integrity|--luks2-metadata-size|--luks2-keyslots-size|--keyslot-cipher|--keyslot-key-size|-t|--timeout|-T|--tries|--align-payload|--device-size|--reduce-device-size|--resilience|--resilience-hash|--hotzone-size|-B|--block-size|--priority|--progress-frequency|--active-name|--veracrypt-pim|--debug-json':
        'value',
      '--dump-volume-key|--dump-master-key': { mode: 'dump' },
      '-q|--batch-mode|-y|--verify-passphrase|-r|--readonly|-v|--verbose|--debug|--allow-discards|--disable-keyring|--disable-locks|--disable-external-tokens|--test-passphrase|--perf-same_cpu_crypt|--perf-submit_from_crypt_cpus|--perf-no_read_workqueue|--perf-no_write_workqueue|--persistent|--refresh|--shared|--deferred|--cancel-deferred|--tcrypt-hidden|--tcrypt-system|--veracrypt|--disable-veracrypt|--veracrypt-query-pim|--use-random|--use-urandom|--force-password|--token-only|--token-replace|--unbound|--encrypt|--decrypt|--init-only|--resume-only|--keep-key|--use-directio|--use-fsync|--write-log|--force-offline-reencrypt|--serialize-memory-hard-pbkdf|--dump-json-metadata|--progress-json|--integrity-no-journal|--integrity-no-wipe|--integrity-legacy-padding|--iv-large-sectors|--usage|--version|-?|--help':
        'flag',
    },
    operands: ['value...'],
    custom: cryptsetup,
    examples: [
      { cmd: 'cryptsetup status cryptroot', only: true },
      { cmd: 'cryptsetup luksDump /dev/sda2', reads: ['/dev/sda2'], only: true },
      {
        cmd: 'cryptsetup luksFormat --type luks2 /dev/sdb1',
        writes: ['/dev/sdb1'],
        risks: ['destructive', 'privilege-escalation'],
      },
      {
        cmd: 'cryptsetup open /dev/sdb1 secret',
        reads: ['/dev/sdb1'],
        risks: ['system-change', 'privilege-escalation'],
      },
      { cmd: 'cryptsetup erase /dev/sdb1', risks: ['destructive'] },
      { cmd: 'cryptsetup luksDump --dump-volume-key /dev/sda2', unknown: 'key' },
      {
        cmd: 'cryptsetup luksHeaderBackup /dev/sda2 --header-backup-file hdr.img',
        reads: ['/dev/sda2'],
        writes: ['hdr.img'],
      },
    ],
  },
  {
    names: [
      'lvm',
      'pvcreate',
      'pvremove',
      'pvresize',
      'pvchange',
      'pvmove',
      'vgcreate',
      'vgremove',
      'vgextend',
      'vgreduce',
      'vgchange',
      'vgrename',
      'vgmerge',
      'vgsplit',
      'vgimport',
      'vgexport',
      'vgimportclone',
      'vgmknodes',
      'vgcfgbackup',
      'vgcfgrestore',
      'vgconvert',
      'lvcreate',
      'lvremove',
      'lvextend',
      'lvreduce',
      'lvresize',
      'lvchange',
      'lvrename',
      'lvconvert',
      'pvs',
      'vgs',
      'lvs',
      'pvdisplay',
      'vgdisplay',
      'lvdisplay',
      'pvscan',
      'vgscan',
      'lvscan',
      'lvmdiskscan',
      'lvmconfig',
      'pvck',
      'vgck',
    ],
    summary: 'manage LVM physical volumes, volume groups and logical volumes',
    options: { '-t|--test': { mode: 'test' } },
    operands: ['value...'],
    custom: lvm,
    examples: [
      { cmd: 'lvs -o +devices', only: true },
      { cmd: 'vgs', only: true },
      { cmd: 'lvm lvs', only: true },
      { cmd: 'lvcreate -L 10G -n data vg0', risks: ['system-change', 'privilege-escalation'] },
      { cmd: 'lvremove -y vg0/data', risks: ['destructive'] },
      { cmd: 'vgremove vg0', risks: ['destructive'] },
      { cmd: 'pvcreate /dev/sdb', writes: ['/dev/sdb'], risks: ['destructive'] },
      { cmd: 'lvm', unknown: 'terminal' },
    ],
  },
  {
    names: ['losetup'],
    summary: 'set up, list or detach loop devices',
    options: {
      '-o|--offset|--sizelimit|-b|--sector-size|-O|--output': 'value',
      '-j|--associated': 'read',
      '-c|--set-capacity': { takes: 'value', mode: 'change' },
      '-d|--detach|-D|--detach-all': { mode: 'change' },
      '--direct-io|--loop-ref': { takes: 'value', attached: true },
      '-r|--read-only': { mode: 'ro' },
      '-a|--all|-f|--find|-L|--nooverlap|-P|--partscan|--show|-v|--verbose|-J|--json|-l|--list|-n|--noheadings|--output-all|--raw|-h|--help|-V|--version':
        'flag',
    },
    operands: ['value...'],
    custom(call) {
      const { ctx } = call;
      const ops = call.operands;
      if (call.has('-c', '--set-capacity', '-d', '--detach', '-D', '--detach-all')) return risks(ctx, ROOT);
      const file = ops.length >= 2 ? ops[1] : call.has('-f', '--find') ? ops[0] : undefined;
      if (file === undefined) return;
      risks(ctx, ROOT);
      ctx.apply('read', file);
      if (!call.has('-r', '--read-only')) ctx.apply('write', file);
    },
    examples: [
      { cmd: 'losetup -a', only: true },
      {
        cmd: 'losetup -fP --show disk.img',
        reads: ['disk.img'],
        writes: ['disk.img'],
        risks: ['system-change', 'privilege-escalation'],
      },
      { cmd: 'losetup -d /dev/loop0', risks: ['system-change'] },
    ],
  },
  {
    names: ['dmsetup'],
    summary: 'manage device-mapper devices',
    options: {
      '-u|--uuid|-j|--major|-m|--minor|-o|--options|--target|-S|--select|--udevcookie|-c|--count|--interval|--readahead|--addnodeoncreate|--nameprefixes|--manglename|-r|--readonly':
        'value',
      '--table': 'value',
      '-f|--force|--noflush|--nolockfs|--noudevsync|--noudevrules|--notable|--noopencount|-v|--verbose|-y|--yes|--columns|-C|--concise|--inactive|--deferred|--retry|--showkeys|--verifyudev|-h|--help|--version':
        'flag',
    },
    subcommands: {
      'ls|info|status|table|deps|version|targets|help|udevcookies|udevflags|splitname|wait|measure|stats':
        READS,
      'remove|remove_all|wipe_table': changes(WIPE),
      'create|load|reload': changes(ROOT, { operands: ['value', 'read...'] }),
      '*': changes(),
    },
    operands: ['value...'],
    custom: hiddenVerb(),
    examples: [
      { cmd: 'dmsetup ls', only: true },
      { cmd: 'dmsetup table --showkeys', only: true },
      { cmd: 'dmsetup remove_all', risks: ['destructive'] },
      { cmd: 'dmsetup create crypt1 table.txt', reads: ['table.txt'], risks: ['system-change'] },
    ],
  },
  {
    names: ['mdadm'],
    summary: 'manage Linux software RAID arrays',
    options: {
      '-c|--config': 'read',
      '-i|--pid-file|--backup-file': 'write',
      '--dump': 'write',
      '--restore': 'read',
      '-p|--layout|--parity|--program|--alert': 'value',
      '-b|--bitmap|-l|--level|-n|--raid-devices|-x|--spare-devices|-z|--size|-Z|--array-size|-e|--metadata|-N|--name|-u|--uuid|-m|--mail|--super-minor|-d|--delay|-k|--consistency-policy|--homehost|--data-offset|--bitmap-chunk|--write-behind|--nodes|--home-cluster|-U|--update|--action|--prefer|--increment|--path|--rounding':
        'value',
      [MDADM_READ.join('|')]: { mode: 'read' },
      '-A|--assemble|-B|--build|-C|--create|-F|--follow|--monitor|-G|--grow|-I|--incremental|--auto-detect|--zero-superblock|-S|--stop|-R|--run|-o|--readonly|-w|--readwrite|-a|--add|-r|--remove|-f|--fail|--set-faulty|--replace|--re-add|--add-spare|--add-journal|--kill-subarray|--update-subarray|-W|--wait|--wait-clean|-s|--scan|--force|--daemonise|-1|--oneshot|-t|--test|-y|--syslog|-Y|--export|--assume-clean|-v|--verbose|-q|--quiet|--brief|--symlinks|--no-degraded|--freeze-reshape|--continue|--invalid-backup|--write-mostly|--failfast|--nofailfast|--with|--cluster-confirm|--rebuild-map|--sparc2|--write-journal|--no-sharing':
        'flag',
    },
    operands: ['value...'],
    custom: mdadm,
    examples: [
      { cmd: 'mdadm --detail /dev/md0', reads: ['/dev/md0'], only: true },
      {
        cmd: 'mdadm --create /dev/md0 --level=1 --raid-devices=2 /dev/sdb1 /dev/sdc1',
        writes: ['/dev/sdb1'],
        risks: ['destructive'],
      },
      { cmd: 'mdadm --zero-superblock /dev/sdb1', risks: ['destructive'] },
      { cmd: 'mdadm --monitor --scan --program=/tmp/x.sh', runs: ['x.sh'] },
    ],
  },
  {
    names: [
      'tune2fs',
      'e2label',
      'xfs_admin',
      'btrfstune',
      'fatlabel',
      'dosfslabel',
      'exfatlabel',
      'ntfslabel',
    ],
    summary: 'show or change ext/XFS/Btrfs/FAT filesystem settings and labels',
    options: {
      '-c|-C|-e|-E|-g|-i|-I|-J|-L|-m|-M|-o|-O|-Q|-r|-T|-u|-U': 'value',
      '-z': 'write',
      '-l': { mode: 'list' },
      '-f|-j': 'flag',
    },
    operands: ['value...'],
    custom(call) {
      const labelOnly = /label$/.test(call.program);
      if (
        labelOnly
          ? call.operands.length < 2
          : call.args.every((a) => a.known && (a.text === '-l' || !a.text.startsWith('-')))
      )
        return readPaths(call);
      risks(call.ctx, ROOT);
      writePaths(call);
    },
    examples: [
      { cmd: 'tune2fs -l /dev/sda1', reads: ['/dev/sda1'], only: true },
      {
        cmd: 'tune2fs -O ^has_journal /dev/sdb1',
        writes: ['/dev/sdb1'],
        risks: ['system-change', 'privilege-escalation'],
      },
      { cmd: 'e2label /dev/sdb1 backup', risks: ['system-change'] },
    ],
  },
  {
    names: ['dumpe2fs', 'xfs_info', 'xfs_db', 'e2freefrag', 'filefrag', 'debugfs'],
    summary: 'print or debug filesystem internals',
    options: {
      '-o|-b|-s|-c|-B|-S|-d|-D|-x|-p': 'value',
      '-R|--request': {
        takes: 'value',
        unknown: 'runs debugger requests, which can copy files into or out of the filesystem',
      },
      '-f': {
        takes: 'read',
        unknown: 'runs debugger requests from a file, which can copy files into or out of the filesystem',
      },
      '-w': { mode: 'write' },
      '-z': 'write',
      '-h|-i|-x|-v|-e|-r|-n|-V|-l': 'flag',
    },
    operands: ['value...'],
    custom(call) {
      if (call.program === 'debugfs' || call.program === 'xfs_db') {
        if (!call.has('-R', '--request', '-f', '-c') && call.ctx.stdin === undefined)
          call.ctx.unknown(`\`${call.program}\` reads debugger requests typed at the terminal`);
        if (call.has('-w', '-x')) {
          risks(call.ctx, WIPE);
          return writePaths(call);
        }
      }
      readPaths(call);
    },
    examples: [
      { cmd: 'dumpe2fs -h /dev/sda1', reads: ['/dev/sda1'], only: true },
      { cmd: "debugfs -w -R 'rm /etc/shadow' /dev/sda1", risks: ['destructive'], unknown: 'requests' },
    ],
  },
  {
    names: [
      'e2fsck',
      'fsck',
      'fsck.ext2',
      'fsck.ext3',
      'fsck.ext4',
      'fsck.vfat',
      'fsck.fat',
      'fsck.msdos',
      'dosfsck',
      'fsck.exfat',
      'fsck.xfs',
      'fsck.btrfs',
      'fsck.f2fs',
      'fsck.minix',
      'ntfsfix',
      'fsck_apfs',
      'fsck_hfs',
    ],
    summary: 'check and repair filesystems',
    options: {
      '-b|-B|-E|-t|-I': 'value',
      '-j|-l|-L': 'read',
      '-z': 'write',
      '-n|-N|--no-act|--dry-run': { mode: 'dry' },
      '-C|-r': { takes: 'value', attached: true },
      '-p|-a|-y|-f|-c|-d|-k|-t|-v|-D|-F|-V|-A|-M|-P|-R|-s|-T|-l|-w|--version|-?|--help': 'flag',
    },
    operands: ['value...'],
    custom: fsck,
    examples: [
      { cmd: 'e2fsck -n /dev/sdb1', reads: ['/dev/sdb1'], only: true },
      { cmd: 'fsck -y /dev/sdb1', writes: ['/dev/sdb1'], risks: ['system-change', 'privilege-escalation'] },
      { cmd: 'fsck.vfat -a /dev/sdc1', risks: ['system-change'] },
    ],
  },
  {
    names: ['resize2fs', 'xfs_growfs', 'ntfsresize', 'resize.f2fs'],
    summary: 'grow or shrink a filesystem',
    options: {
      '-d|-S|-D|-s|-L|-R|-m|-t': 'value',
      '-z': 'write',
      '-P|-n|--no-action|-i|--info|--check': { mode: 'print' },
      '-f|-F|-M|-p|-b': 'flag',
    },
    operands: ['value...'],
    custom(call) {
      if (call.has('-P', '-n', '--no-action', '-i', '--info', '--check')) return readPaths(call);
      risks(call.ctx, ROOT);
      if (call.has('-M') || call.program === 'ntfsresize') call.ctx.risk('destructive');
      writePaths(call);
    },
    examples: [
      { cmd: 'resize2fs -P /dev/sdb1', reads: ['/dev/sdb1'], only: true },
      { cmd: 'resize2fs /dev/vg0/data 20G', writes: ['/dev/vg0/data'], risks: ['system-change'] },
    ],
  },
  {
    names: ['xfs_repair'],
    summary: 'repair an XFS filesystem',
    options: {
      '-l|-r|-m|-c|-o|-t': 'value',
      '-n': { mode: 'dry' },
      '-L': { mode: 'zerolog' },
      '-f|-P|-v|-d|-e|-V': 'flag',
    },
    operands: ['value...'],
    custom(call) {
      if (call.has('-n')) return readPaths(call);
      risks(call.ctx, call.has('-L') ? WIPE : ROOT);
      writePaths(call);
    },
    examples: [
      { cmd: 'xfs_repair -n /dev/sdb1', reads: ['/dev/sdb1'], only: true },
      { cmd: 'xfs_repair -L /dev/sdb1', risks: ['destructive'] },
    ],
  },
  {
    names: ['btrfs'],
    summary: 'manage Btrfs filesystems: subvolumes, devices, balance, scrub, send and receive',
    options: { '-f': 'value', '--repair|--init-csum-tree|--init-extent-tree': { mode: 'repair' } },
    operands: ['value...'],
    custom: btrfs,
    examples: [
      { cmd: 'btrfs filesystem show', only: true },
      { cmd: 'btrfs fi df /', only: true },
      { cmd: 'btrfs subvolume list /', only: true },
      { cmd: 'btrfs sub del /srv/snap', deletes: ['/srv/snap/**'], risks: ['destructive'] },
      { cmd: 'btrfs subvolume snapshot / /snaps/root', writes: ['/snaps/root'], risks: ['system-change'] },
      { cmd: 'btrfs check --repair /dev/sdb', risks: ['destructive'] },
      { cmd: 'btrfs send -f snap.bin /snaps/root', writes: ['snap.bin'] },
    ],
  },
  {
    names: ['hdparm'],
    summary: 'show or set SATA/IDE drive parameters',
    options: { '--Iraw': 'value', '--offset': 'value' },
    operands: ['value...'],
    custom: hdparm,
    examples: [
      { cmd: 'hdparm -I /dev/sda', reads: ['/dev/sda'], only: true },
      { cmd: 'hdparm -tT /dev/sda', only: true },
      { cmd: 'hdparm -S 120 /dev/sda', risks: ['system-change'] },
      { cmd: 'hdparm --user-master u --security-erase pw /dev/sdb', risks: ['destructive'] },
    ],
  },
  {
    names: ['smartctl'],
    summary: 'show drive health (S.M.A.R.T.), or change its settings and run self-tests',
    readonly: true,
    options: {
      '-d|--device|-T|--tolerance|-b|--badsum|-r|--report|-n|--nocheck|-q|--quietmode|-l|--log|-v|--vendorattribute|-F|--firmwarebug|-P|--presets|-f|--format|-g|--get':
        'value',
      '-B|--drivedb': 'read',
      '-s|--smart|-o|--offline-auto|-S|--saveauto|--set': { takes: 'value', mode: 'set' },
      '-t|--test': { takes: 'value', mode: 'test' },
      '-X|--abort|-C|--captive': { mode: 'test' },
      '--identify': { takes: 'value', attached: true },
      '-a|--all|-x|--xall|-i|--info|-H|--health|-A|--attributes|-c|--capabilities|-j|--json|--scan|--scan-open|-h|--help|-V|--version':
        'flag',
    },
    operands: ['read...'],
    custom(call) {
      if (call.has('-s', '--smart', '-o', '--offline-auto', '-S', '--saveauto', '--set'))
        risks(call.ctx, ROOT);
      else if (call.has('-t', '--test', '-X', '--abort')) call.ctx.risk('system-change');
    },
    examples: [
      { cmd: 'smartctl -a /dev/sda', reads: ['/dev/sda'], only: true },
      { cmd: 'smartctl -s off /dev/sda', risks: ['system-change', 'privilege-escalation'] },
    ],
  },
  {
    names: ['update-alternatives', 'alternatives'],
    summary: 'show or change which program a generic command name runs (Debian alternatives)',
    options: {
      '--altdir|--admindir|--instdir|--root': 'value',
      '--log': 'write',
      '--install|--set|--remove|--remove-all|--auto|--config|--all|--set-selections': { mode: 'change' },
      [ALTERNATIVES_READ.join('|')]: { mode: 'read' },
      '--slave|--force|--skip-auto|--quiet|--verbose|--debug': 'flag',
    },
    operands: ['value...'],
    custom: updateAlternatives,
    examples: [
      { cmd: 'update-alternatives --display editor', only: true },
      {
        cmd: 'update-alternatives --set python /usr/bin/python3.11',
        reads: ['/usr/bin/python3.11'],
        risks: ['system-change', 'privilege-escalation'],
      },
      {
        cmd: 'update-alternatives --install /usr/bin/cc cc /tmp/evil 100',
        writes: ['/usr/bin/cc'],
        reads: ['/tmp/evil'],
      },
      { cmd: 'update-alternatives --config java', unknown: 'terminal' },
    ],
  },
  {
    names: ['ldconfig'],
    summary: 'rebuild the shared library cache and links, or print it',
    options: {
      '-C': 'write',
      '-f': 'read',
      '-r|-c|--format': 'value',
      '-p|--print-cache': { mode: 'print' },
      '-i|--ignore-aux-cache|-l|-n|-N|-v|--verbose|-X|-V|--version|-?|--help|--usage': 'flag',
    },
    operands: ['value...'],
    custom(call) {
      if (call.has('-p', '--print-cache', '-V', '--version', '-?', '--help', '--usage')) return;
      risks(call.ctx, ROOT);
      for (const dir of call.operands) call.ctx.apply('read', dir);
    },
    examples: [
      { cmd: 'ldconfig -p', only: true },
      { cmd: 'ldconfig /tmp/libs', reads: ['/tmp/libs'], risks: ['system-change', 'privilege-escalation'] },
    ],
  },
  {
    names: ['update-grub', 'update-grub2', 'grub-mkconfig', 'grub2-mkconfig'],
    summary: 'generate the GRUB boot menu from /etc/default/grub and /etc/grub.d',
    options: { '-o|--output': 'write', '-h|--help|-V|--version': 'flag' },
    operands: ['value...'],
    custom(call) {
      call.ctx.executes('/etc/grub.d/*');
      if (/^update-grub/.test(call.program)) {
        call.ctx.write('/boot/grub/grub.cfg');
        risks(call.ctx, ROOT);
      } else if (call.has('-o', '--output')) risks(call.ctx, ROOT);
    },
    examples: [
      {
        cmd: 'update-grub',
        writes: ['/boot/grub/grub.cfg'],
        risks: ['system-change', 'privilege-escalation'],
      },
      {
        cmd: 'grub-mkconfig -o /boot/grub/grub.cfg',
        writes: ['/boot/grub/grub.cfg'],
        risks: ['system-change'],
      },
    ],
  },
  {
    names: ['grub-install', 'grub2-install'],
    summary: 'install the GRUB bootloader on a disk or EFI partition',
    options: {
      '--boot-directory|--efi-directory|-d|--directory|--locale-directory|--macppc-directory': 'value',
      '--bootloader-id|--target|--compress|--core-compress|--disk-module|--fonts|--install-modules|--label-bgcolor|--label-color|--locales|--modules|--product-version|--themes':
        'value',
      '--dtb|--label-font|-k|--pubkey|--sbat': 'read',
      '--allow-floppy|--debug-image|--disable-shim-lock|--force|--force-extra-removable|--force-file-id|--no-bootsector|--no-nvram|--no-rs-codes|--no-uefi-secure-boot|--uefi-secure-boot|--recheck|--removable|-s|--skip-fs-probe|-v|--verbose|-V|--version|--help|--usage':
        'flag',
    },
    operands: ['value...'],
    effects: { risks: ROOT },
    custom: (call: Call) => writePaths(call),
    examples: [
      {
        cmd: 'grub-install /dev/sda',
        writes: ['/dev/sda'],
        risks: ['system-change', 'privilege-escalation'],
      },
    ],
  },
  {
    names: [
      'grub-reboot',
      'grub-set-default',
      'grub-editenv',
      'grub2-reboot',
      'grub2-set-default',
      'grub2-editenv',
    ],
    summary: 'choose the GRUB default or next boot entry, or edit the GRUB environment block',
    options: { '--boot-directory': 'value', '-v|--verbose|-h|--help|-V|--version': 'flag' },
    operands: ['value...'],
    custom(call) {
      if (/editenv$/.test(call.program) && call.operands.some((o) => o.text === 'list')) return;
      risks(call.ctx, ROOT);
    },
    examples: [
      { cmd: 'grub-reboot 2', risks: ['system-change'] },
      { cmd: 'grub-editenv - list', only: true },
    ],
  },
  {
    names: ['update-initramfs', 'dracut', 'mkinitcpio'],
    summary: 'build the initial RAM filesystem used at boot',
    options: {
      '-k|--kver|-b|-p|--preset|-g|--generate|-a|--add|-o|--omit|--add-drivers|--omit-drivers|--kmoddir|--fwdir':
        'value',
      '-c|--config|--conf': 'read',
      '--include': 'value',
      '-t|-v|-u|-d|-f|--force|-P|--allpresets|-L|--listhooks|-H|--hookhelp|-M|--automods|-h|--help|-V|--version|-q|--quiet|--hostonly|--no-hostonly|--regenerate-all':
        'flag',
    },
    operands: ['value...'],
    custom(call) {
      if (
        call.has(
          '-L',
          '--listhooks',
          '-H',
          '--hookhelp',
          '-M',
          '--automods',
          '-h',
          '--help',
          '-V',
          '--version',
        )
      )
        return;
      risks(call.ctx, ROOT);
      call.ctx.write('/boot/*');
    },
    examples: [
      {
        cmd: 'update-initramfs -u -k all',
        writes: ['/boot/*'],
        risks: ['system-change', 'privilege-escalation'],
      },
    ],
  },
  {
    names: ['efibootmgr'],
    summary: 'show or change the UEFI boot entries and order',
    options: {
      '-b|--bootnum|-d|--disk|-E|--edd-device|-i|--iface|-l|--loader|-L|--label|-p|--part|-e|--edd': 'value',
      '-@|--append-binary-args': 'read',
      [EFI_CHANGES.join('|')]: { mode: 'change' },
      '-g|--gpt|-q|--quiet|-u|--unicode|-v|--verbose|-V|--version|-r|--driver|-h|--help': 'flag',
    },
    operands: ['value...'],
    custom(call) {
      if (call.has(...EFI_CHANGES)) risks(call.ctx, ROOT);
    },
    examples: [
      { cmd: 'efibootmgr -v', only: true },
      { cmd: 'efibootmgr -o 0001,0000', risks: ['system-change', 'privilege-escalation'] },
      { cmd: 'efibootmgr -b 0003 -B', risks: ['system-change'] },
    ],
  },
  {
    names: ['auditctl'],
    summary: 'show or change Linux audit rules and settings',
    options: {
      '-a|-A|-d|-b|-f|-r|-e|-k|-p|-S|-F|-C|-m|-q|-w|-W|-t|--backlog_wait_time|--signal': 'value',
      '-R': 'read',
      '-D|--reset-lost|--reset_lost|--loginuid-immutable|--reset': { mode: 'change' },
      '-l|-s|-v|-h|-i|-c': 'flag',
    },
    operands: ['value...'],
    custom(call) {
      if (call.has(...AUDITCTL_CHANGES)) risks(call.ctx, ROOT);
      if (call.has('-D') || call.values('-e').some((v) => v.text === '0'))
        call.ctx.unknown('`auditctl` turns system auditing off or deletes its rules');
    },
    examples: [
      { cmd: 'auditctl -l', only: true },
      { cmd: 'auditctl -s', only: true },
      { cmd: 'auditctl -w /etc/passwd -p wa -k passwd', risks: ['system-change', 'privilege-escalation'] },
      { cmd: 'auditctl -D', risks: ['system-change'], unknown: 'auditing' },
      { cmd: 'auditctl -R rules.audit', reads: ['rules.audit'], risks: ['system-change'] },
    ],
  },
  {
    names: ['ausearch', 'aureport', 'aulast', 'aulastlog', 'ausyscall'],
    summary: 'search and summarise the audit log',
    readonly: true,
    options: {
      '-if|--input': 'read',
      '--input-logs|--debug|--extra-keys|--extra-labels|--extra-obj2|--extra-time|--just-one|-i|--interpret|-l|--line-buffered|-n|--node|-r|--raw|-w|--word|-h|--help|-v|--version|--summary|--failed|--success|--log|--tty|-x':
        'flag',
      '--checkpoint': 'write',
      '-a|--event|-c|--comm|-e|--exit|-f|--file|-ga|--gid-all|-ge|--gid-effective|-gi|--gid|-hn|--host|-k|--key|-m|--message|-o|--object|-p|--pid|-pp|--ppid|-sc|--syscall|-se|--context|-su|--subject|-sv|--success|-te|--end|-tm|--terminal|-ts|--start|-ua|--uid-all|-ue|--uid-effective|-ui|--uid|-ul|--loginuid|-uu|--uuid|-vm|--vm-name|--executable|--arch|--escape|--format|--session|--eoe-timeout':
        'value',
    },
    operands: ['value...'],
    custom(call) {
      if (!call.has('-if', '--input')) call.ctx.read('/var/log/audit/audit.log');
    },
    examples: [{ cmd: 'ausearch -m avc -ts recent', reads: ['/var/log/audit/audit.log'], only: true }],
  },
  {
    names: ['augenrules'],
    summary: 'merge /etc/audit/rules.d into the audit rules and load them',
    options: { '--check|--load': 'flag' },
    operands: ['value...'],
    custom(call) {
      if (!call.has('--check')) risks(call.ctx, ROOT);
    },
    examples: [{ cmd: 'augenrules --load', risks: ['system-change'] }],
  },
  {
    names: ['setenforce'],
    summary: 'switch SELinux between enforcing and permissive',
    operands: ['value...'],
    effects: { risks: ROOT },
    examples: [{ cmd: 'setenforce 0', risks: ['system-change', 'privilege-escalation'] }],
  },
  {
    names: [
      'getenforce',
      'sestatus',
      'selinuxenabled',
      'getsebool',
      'matchpathcon',
      'seinfo',
      'sesearch',
      'aa-status',
      'apparmor_status',
      'aa-enabled',
      'aa-unconfined',
      'aa-features-abi',
    ],
    summary: 'show SELinux or AppArmor status and policy',
    readonly: true,
    options: {
      '-a|-b|-v|-q|-n|-N|--pretty|--json|--verbose|--enabled|--profiled|--enforced|--complain|--kill|--special-unconfined|--process-mixed|--count|--paranoid|--show':
        'flag',
      '-x|--extract|-w|--write|-f|--file|--filter|--mode': 'value',
    },
    operands: ['value...'],
    custom(call) {
      if (call.program === 'aa-features-abi')
        for (const out of call.values('-w', '--write')) call.ctx.apply('write', out);
    },
    examples: [
      { cmd: 'getenforce', only: true },
      { cmd: 'aa-status', only: true },
      { cmd: 'getsebool -a', only: true },
    ],
  },
  {
    names: ['setsebool', 'togglesebool', 'load_policy', 'semodule', 'fixfiles', 'genhomedircon'],
    summary: 'change SELinux booleans, load policy or policy modules, relabel files',
    options: {
      '-i|--install|-u|--upgrade|-b|--base|-X|--priority|-e|--enable|-d|--disable|-s|--store|-p|--path|-F|-f':
        'value',
      '-l|--list-modules|-E|--extract': { mode: 'list' },
      '-P|-N|-B|--build|-n|--noreload|-v|--verbose|-h|--help|-c|--cil|-H|--hll|-r|--remove': 'flag',
    },
    operands: ['value...'],
    custom(call) {
      if (
        call.program === 'semodule' &&
        call.has('-l', '--list-modules') &&
        !call.has('-i', '--install', '-r', '--remove', '-d', '--disable', '-e', '--enable')
      )
        return;
      risks(call.ctx, ROOT);
      if (call.program === 'semodule')
        for (const m of call.values('-i', '--install', '-u', '--upgrade')) call.ctx.apply('read', m);
    },
    examples: [
      { cmd: 'setsebool -P httpd_can_network_connect on', risks: ['system-change', 'privilege-escalation'] },
      { cmd: 'semodule -i mypolicy.pp', reads: ['mypolicy.pp'], risks: ['system-change'] },
      { cmd: 'semodule -l', only: true },
    ],
  },
  {
    names: ['semanage'],
    summary: 'show or change SELinux policy settings: ports, file contexts, logins, booleans',
    options: {
      '-t|--type|-r|--range|-s|--seuser|-p|--proto|-f|--ftype|--input_file|--output_file|-e|--equal|-L|--level|-R|--roles|-P|--prefix|-S|--store':
        'value',
      '-l|--list|-C|--locallist|-n|--noheading|-h|--help': { mode: 'list' },
      '-a|--add|-d|--delete|-m|--modify|-D|--deleteall|-N|--noreload|--extract|--enable|--disable': 'flag',
    },
    subcommands: {
      'login|user|port|ibpkey|ibendport|interface|module|node|fcontext|boolean|permissive|dontaudit|import|export':
        { operands: ['value...'], custom: semanage },
      '*': changes(),
    },
    operands: ['value...'],
    custom: hiddenVerb(),
    examples: [
      { cmd: 'semanage port -l', only: true },
      {
        cmd: 'semanage port -a -t http_port_t -p tcp 8081',
        risks: ['system-change', 'privilege-escalation'],
      },
      { cmd: "semanage fcontext -a -t httpd_sys_content_t '/srv/www(/.*)?'", risks: ['system-change'] },
      { cmd: 'semanage permissive -a httpd_t', unknown: 'enforcing' },
      { cmd: 'semanage export -f local.txt', writes: ['local.txt'], only: true },
    ],
  },
  {
    names: ['restorecon', 'restorecon_xattr', 'setfiles'],
    summary: 'reset the SELinux labels of files to the policy defaults',
    options: {
      '-e': 'value',
      '-f': 'read',
      '-o': 'write',
      '-T|-c|-r': 'value',
      '-n': { mode: 'dry' },
      '-R|-r': { mode: 'recursive' },
      '-v|-p|-F|-i|-I|-m|-x|-W|-0|-D|-d|-a|-C': 'flag',
    },
    operands: (call) => (call.has('-n') ? ['read...'] : call.has('-R') ? ['write-tree...'] : ['write...']),
    custom(call) {
      if (!call.has('-n')) risks(call.ctx, ROOT);
    },
    examples: [
      { cmd: 'restorecon -Rv /var/www', writes: ['/var/www/**'], risks: ['system-change'] },
      { cmd: 'restorecon -n -v /etc/passwd', reads: ['/etc/passwd'], only: true },
    ],
  },
  {
    names: ['chcon'],
    summary: 'change the SELinux label of files',
    options: {
      '-u|--user|-r|--role|-t|--type|-l|--range': 'value',
      '--reference': 'read',
      '-R|--recursive': { mode: 'recursive' },
      '-h|--no-dereference|--dereference|-v|--verbose|-H|-L|-P|--preserve-root|--no-preserve-root': 'flag',
    },
    operands: (call) => {
      const files = call.has('-R', '--recursive') ? 'write-tree...' : 'write...';
      return call.has('--reference', '-u', '--user', '-r', '--role', '-t', '--type', '-l', '--range')
        ? [files]
        : ['value', files];
    },
    effects: { risks: ['system-change'] },
    examples: [
      { cmd: 'chcon -t httpd_sys_content_t index.html', writes: ['index.html'], risks: ['system-change'] },
    ],
  },
  {
    names: ['apparmor_parser'],
    summary: 'load, replace or remove AppArmor profiles in the kernel',
    options: {
      '-o|--ofile': 'write',
      '-L|--cache-loc|-b|--base|-f|--subdomainfs|-m|--match-string|-n|--namespace|-O|--optimize|-D|--dump|-j|--jobs|--max-jobs|--kernel-features|--policy-features|--override-policy-abi|--warn|-e|--ignore':
        'value',
      '-I|--Include': 'read-tree',
      '-M|--features-file|--config-file': 'read',
      '-a|--add|-r|--replace|-R|--remove|-C|--Complain|-B|--binary|-N|--names|-S|--stdout|-p|--preprocess|-Q|--skip-kernel-load|-K|--skip-cache|-T|--skip-read-cache|-W|--write-cache|-k|--show-cache|--print-cache-dir|--print-config-file|--purge-cache|--skip-bad-cache|--skip-bad-cache-rebuild|--abort-on-error|--Werror|-X|--readimpliesX|-q|--quiet|-v|--verbose|-d|--debug|-V|--version|-h|--help':
        'flag',
    },
    operands: ['read...'],
    custom: apparmorParser,
    examples: [
      {
        cmd: 'apparmor_parser -r /etc/apparmor.d/usr.bin.app',
        reads: ['/etc/apparmor.d/usr.bin.app'],
        risks: ['system-change', 'privilege-escalation'],
      },
      { cmd: 'apparmor_parser -Q -K profile', reads: ['profile'], only: true },
    ],
  },
  {
    names: [
      'aa-complain',
      'aa-enforce',
      'aa-disable',
      'aa-audit',
      'aa-autodep',
      'aa-cleanprof',
      'aa-mergeprof',
      'aa-teardown',
      'aa-remove-unknown',
      'aa-genprof',
      'aa-logprof',
    ],
    summary: 'switch AppArmor profiles between enforce, complain and disabled, or edit them',
    options: {
      '-d|--dir|-f|--file|-m|--mode|-p|--profile': 'value',
      '--no-reload|-r|--remove|-h|--help|-n|--dry-run': 'flag',
    },
    operands: ['value...'],
    custom(call) {
      if (call.has('-n', '--dry-run')) return;
      risks(call.ctx, ROOT);
      if (/^aa-(genprof|logprof|mergeprof)$/.test(call.program))
        call.ctx.unknown(
          `\`${call.program}\` asks questions at the terminal and writes profiles from the answers`,
        );
    },
    examples: [
      { cmd: 'aa-disable /etc/apparmor.d/usr.sbin.cupsd', risks: ['system-change', 'privilege-escalation'] },
      { cmd: 'aa-complain /usr/bin/app', risks: ['system-change'] },
    ],
  },
  {
    names: ['aa-exec'],
    summary: 'run a command confined by an AppArmor profile',
    options: {
      '-p|--profile|-n|--namespace': 'value',
      '-i|--immediate|-v|--verbose|-d|--debug|-h|--help': 'flag',
    },
    optionsFirst: true,
    operands: ['argv'],
    examples: [{ cmd: 'aa-exec -p myprofile -- rm -rf /tmp/x', runs: ['rm'], deletes: ['/tmp/x'] }],
  },
  {
    names: ['loginctl'],
    summary: 'show or control login sessions, users and seats (systemd)',
    options: {
      '-H|--host': 'host',
      '-M|--machine|-p|--property|-P|--kill-whom|-s|--signal|-n|--lines|-o|--output': 'value',
      '-h|--help|--version|--no-pager|--no-legend|--no-ask-password|-a|--all|--value|-l|--full': 'flag',
    },
    subcommands: {
      'list-sessions|session-status|show-session|list-users|user-status|show-user|list-seats|seat-status|show-seat':
        READS,
      'enable-linger': changes(['persistence', 'system-change']),
      'terminate-session|terminate-user|terminate-seat|kill-session|kill-user': changes(
        ['process-control', 'system-change'],
        {
          custom(call) {
            // every process of a user, or of a session or seat named by id
            call.ctx.signal(/-user$/.test(call.sub) ? 'all' : '?');
          },
        },
      ),
      '*': changes(OWN),
    },
    operands: ['value...'],
    custom: hiddenVerb(OWN),
    examples: [
      { cmd: 'loginctl list-sessions', only: true },
      { cmd: 'loginctl', only: true },
      { cmd: 'loginctl enable-linger dev', risks: ['persistence'] },
      { cmd: 'loginctl terminate-user alice', risks: ['process-control'] },
    ],
  },
  {
    names: ['quotaon', 'quotaoff', 'quotacheck', 'setquota', 'edquota', 'convertquota', 'xfs_quota'],
    summary: 'turn disk quotas on or off, rebuild or set them',
    options: {
      '-F|--format|-x|--xfs-command|-p|--prototype|-t|--edit-period|-T|--edit-times|-f|--filesystem|-c|-d':
        'value',
      '-P|--print-state': { mode: 'print' },
      '-a|--all|-g|--group|-u|--user|-v|--verbose|-b|--batch|-r|--remote|-m|--no-remount|-M|--try-remount|-n|--use-first-dquot|-i|--interactive|-e|--extra-gid':
        'flag',
    },
    operands: ['value...'],
    custom(call) {
      if (call.has('-P', '--print-state') && call.program === 'quotaon') return;
      risks(call.ctx, ROOT);
      if (call.program === 'edquota') editor(call, 'quota limits');
    },
    examples: [
      { cmd: 'quotaon -av', risks: ['system-change', 'privilege-escalation'] },
      { cmd: 'setquota -u dev 1G 2G 0 0 /home', risks: ['system-change'] },
    ],
  },
  {
    names: ['quota', 'repquota', 'quotastats', 'warnquota'],
    summary: 'show disk quotas and usage',
    readonly: true,
    options: {
      '-F|--format|-f|--filesystem': 'value',
      '-a|--all|-g|-u|-v|-s|--human-readable|-q|--quiet|-l|--local-only|-w|--no-wrap|-p|--raw-grace|-i|-n|-c|-t':
        'flag',
    },
    operands: ['value...'],
    examples: [{ cmd: 'repquota -a', only: true }],
  },
  {
    names: ['dmidecode', 'biosdecode', 'vpddecode'],
    summary: 'print the hardware description tables (DMI/SMBIOS)',
    readonly: true,
    options: {
      '-d|--dev-mem|--from-dump': 'read',
      '-s|--string|-t|--type|-H|--handle|--oem-string': 'value',
      '--dump-bin': 'write',
      '-q|--quiet|-u|--dump|--no-sysfs|--no-quirks|-h|--help|-V|--version|-l|--list': 'flag',
    },
    operands: ['value...'],
    examples: [
      { cmd: 'dmidecode -t system', only: true },
      { cmd: 'dmidecode --dump-bin dmi.bin', writes: ['dmi.bin'], only: true },
    ],
  },
  {
    names: ['lshw', 'hwinfo', 'inxi'],
    summary: 'list hardware',
    readonly: true,
    options: {
      '-C|-c|-class|-disable|-enable|--only|--log': 'value',
      '-dump': 'write',
      '-html|-xml|-json|-short|-businfo|-sanitize|-numeric|-quiet|-notime|-X|-version|-help|--short|--listmd|-F|-b|-v|-z|-a|-x|-xx|-xxx':
        'flag',
    },
    operands: ['value...'],
    examples: [{ cmd: 'lshw -short -class disk', only: true }],
  },
  {
    names: ['defaults'],
    summary: 'read or write macOS preferences (defaults domains and plist files)',
    options: { '-currentHost': 'flag', '-host': 'value', '-app': 'value', '-g|-globalDomain': 'flag' },
    subcommands: {
      'read|read-type|domains|find|help|export|write|rename|delete|import': {
        operands: ['value...'],
        custom: defaults,
      },
      '*': changes(OWN),
    },
    operands: ['value...'],
    custom: hiddenVerb(OWN),
    examples: [
      { cmd: 'defaults read com.apple.dock', only: true },
      { cmd: 'defaults domains', only: true },
      { cmd: 'defaults write com.apple.dock autohide -bool true', risks: ['system-change'] },
      { cmd: 'defaults write -g KeyRepeat -int 2', risks: ['system-change'] },
      { cmd: 'sudo defaults write com.apple.loginwindow LoginHook /tmp/x.sh', risks: ['persistence'] },
      {
        cmd: 'defaults write ~/Library/LaunchAgents/com.x.agent ProgramArguments -array /tmp/x',
        writes: ['~/Library/LaunchAgents/com.x.agent.plist'],
        risks: ['persistence'],
      },
      { cmd: 'defaults export com.apple.Terminal term.plist', writes: ['term.plist'], only: true },
    ],
  },
  {
    names: ['csrutil'],
    summary: 'show or change System Integrity Protection (macOS)',
    subcommands: {
      'status|report|help': READS,
      'authenticated-root': {
        operands: ['value...'],
        custom: (call: Call) => (call.operands[0]?.text === 'status' ? undefined : risks(call.ctx, ROOT)),
      },
      '*': changes(),
    },
    operands: ['value...'],
    custom: hiddenVerb(),
    examples: [
      { cmd: 'csrutil status', only: true },
      { cmd: 'csrutil disable', risks: ['system-change', 'privilege-escalation'] },
    ],
  },
  {
    names: ['spctl'],
    summary: 'show or change Gatekeeper assessment policy (macOS)',
    options: {
      '-t|--type|--label|--priority|--context|--path|--anchor|--hash|--requirement|--rule': 'value',
      '--master-disable|--master-enable|--global-disable|--global-enable|--add|--remove|--enable|--disable|--reset-default':
        { mode: 'change' },
      '--status|-a|--assess|--list|-v|--verbose|--raw|--ignore-cache|--no-cache|--continue|--test-devid-status':
        'flag',
    },
    operands: ['read...'],
    custom(call) {
      if (
        call.has(
          '--master-disable',
          '--master-enable',
          '--global-disable',
          '--global-enable',
          '--add',
          '--remove',
          '--enable',
          '--disable',
          '--reset-default',
        )
      )
        risks(call.ctx, ROOT);
    },
    examples: [
      { cmd: 'spctl --status', only: true },
      { cmd: 'spctl -a -vv MyApp.app', reads: ['MyApp.app'], only: true },
      { cmd: 'spctl --master-disable', risks: ['system-change', 'privilege-escalation'] },
    ],
  },
  {
    names: ['scutil'],
    summary: 'show or set macOS network configuration and host names',
    options: {
      '--get': 'value',
      '--set': { takes: 'value', mode: 'set' },
      '--dns|--proxy|--nwi|--nc|-r|-W|-w|-t|--renew|--prefs|--allow-new-interfaces|--disable-until-needed|--log|-d|-v|--help':
        'flag',
    },
    operands: ['value...'],
    custom(call) {
      if (call.has('--set', '--allow-new-interfaces', '--disable-until-needed', '--renew'))
        return risks(call.ctx, ROOT);
      if (call.args.length === 0)
        call.ctx.unknown('`scutil` reads configuration commands typed at the terminal');
    },
    examples: [
      { cmd: 'scutil --get ComputerName', only: true },
      { cmd: 'scutil --dns', only: true },
      { cmd: 'scutil --set HostName build01', risks: ['system-change', 'privilege-escalation'] },
    ],
  },
  {
    names: ['networksetup'],
    summary: 'show or change macOS network services, DNS, proxies and Wi-Fi',
    rewrite: allOperands,
    operands: ['value...'],
    custom(call) {
      const verbs = call.operands.filter((o) => o.known && /^-[a-zA-Z]/.test(o.text));
      if (call.operands.some((o) => !o.known)) return hiddenVerb()(call);
      if (verbs.some((v) => !/^-(get|list|show|is|print|version|help)/i.test(v.text))) risks(call.ctx, ROOT);
    },
    examples: [
      { cmd: 'networksetup -listallnetworkservices', only: true },
      { cmd: 'networksetup -getdnsservers Wi-Fi', only: true },
      {
        cmd: 'networksetup -setwebproxy Wi-Fi proxy.example.com 8080',
        risks: ['system-change', 'privilege-escalation'],
      },
    ],
  },
  {
    names: ['pmset'],
    summary: 'show or change macOS power management',
    rewrite: allOperands,
    operands: ['value...'],
    custom(call) {
      const first = call.operands[0];
      if (first === undefined) return;
      if (first.known && /^-g/.test(first.text)) return;
      risks(call.ctx, ROOT);
    },
    examples: [
      { cmd: 'pmset -g batt', only: true },
      { cmd: 'pmset -a sleep 0', risks: ['system-change'] },
    ],
  },
  {
    names: ['diskutil'],
    summary: 'manage macOS disks, volumes and APFS containers',
    operands: ['value...'],
    custom: diskutil,
    examples: [
      { cmd: 'diskutil list', only: true },
      { cmd: 'diskutil apfs list', only: true },
      { cmd: 'diskutil eraseDisk APFS Blank /dev/disk4', writes: ['/dev/disk4'], risks: ['destructive'] },
      { cmd: 'diskutil unmount /Volumes/USB', risks: ['system-change'] },
      { cmd: 'diskutil apfs deleteVolume disk3s5', risks: ['destructive'] },
    ],
  },
  {
    names: ['hdiutil'],
    summary: 'create, convert, attach and inspect macOS disk images',
    options: {
      '-o': 'write',
      '-srcfolder': 'read-tree',
      '-srcdevice|-srcimage|-shadow|-certificate|-pubkey|-recover': 'read',
      '-mountpoint|-mountroot': 'write-into',
      '-size|-sectors|-megabytes|-fs|-fsargs|-volname|-type|-format|-layout|-encryption|-imagekey|-owners|-uid|-gid|-mode|-attach|-align|-segmentSize|-segmentCount|-partitionType|-drivekey|-agentpass|-passphrase':
        'value',
      '-stdinpass|-nobrowse|-readonly|-readwrite|-quiet|-verbose|-debug|-plist|-puppetstrings|-noverify|-noautoopen|-ov|-force|-spotlight|-anyowners|-nomount|-noidme':
        'flag',
    },
    operands: ['value...'],
    custom: hdiutil,
    examples: [
      { cmd: 'hdiutil info', only: true },
      {
        cmd: 'hdiutil create -volname App -srcfolder dist -ov App.dmg',
        reads: ['dist/**'],
        writes: ['App.dmg'],
        only: true,
      },
      { cmd: 'hdiutil attach App.dmg', reads: ['App.dmg'], risks: ['system-change'] },
      { cmd: 'hdiutil attach https://dl.example.com/x.dmg', hosts: ['dl.example.com'] },
    ],
  },
  {
    names: ['security'],
    summary: 'manage macOS keychains, certificates, trust settings and authorization rights',
    options: { '-i|-p|-q|-v|-l|-h': 'flag' },
    subcommands: {
      'find-generic-password|find-internet-password|find-key': {
        options: KEYCHAIN_OPTIONS,
        operands: ['value...'],
        custom: keychainSecrets,
      },
      'dump-keychain': {
        options: { '-a|-d|-i|-r': 'flag' },
        operands: ['value...'],
        custom: keychainSecrets,
      },
      export: {
        options: { ...KEYCHAIN_OPTIONS, '-o': 'write' },
        operands: ['value...'],
        custom: keychainSecrets,
      },
      'find-certificate|find-identity|list-keychains|list|default-keychain|login-keychain|show-keychain-info|dump-trust-settings|verify-cert|cms|error|get-identity-preference|smartcards|list-smartcards|leaks|requirement-evaluate|help|trust-settings-export':
        {
          options: { ...KEYCHAIN_OPTIONS, '-o': 'write' },
          operands: ['value...'],
          custom(call) {
            // `list-keychains -s …`, `default-keychain -s …` set rather than show.
            if (/keychain|list/.test(call.sub) && call.has('-s', '-S')) risks(call.ctx, OWN);
          },
        },
      'delete-generic-password|delete-internet-password|delete-certificate|delete-identity|delete-keychain': {
        options: KEYCHAIN_OPTIONS,
        operands: ['value...'],
        custom: keychainChange(['destructive', 'system-change']),
      },
      'add-trusted-cert|remove-trusted-cert|trust-settings-import|user-trust-settings-enable|install-mds': {
        options: { ...KEYCHAIN_OPTIONS, '-d': { mode: 'admin' } },
        operands: ['read...'],
        custom(call) {
          risks(call.ctx, OWN);
          if (call.has('-d')) call.ctx.risk('privilege-escalation');
        },
      },
      authorizationdb: {
        operands: ['value...'],
        custom(call) {
          if (call.operands[0]?.text !== 'read') risks(call.ctx, ROOT);
        },
      },
      'execute-with-privileges': { operands: ['argv'], effects: { risks: ['privilege-escalation'] } },
      '*': { options: KEYCHAIN_OPTIONS, operands: ['value...'], custom: keychainChange(OWN) },
    },
    operands: ['value...'],
    custom: hiddenVerb(OWN),
    examples: [
      {
        cmd: 'security find-generic-password -s github -w',
        reads: ['~/Library/Keychains/login.keychain-db'],
        unknown: 'secrets',
      },
      { cmd: 'security dump-keychain -d login.keychain', reads: ['login.keychain'], unknown: 'keychain' },
      {
        cmd: 'security export -k login.keychain -t identities -f pkcs12 -o keys.p12',
        writes: ['keys.p12'],
        unknown: 'secrets',
      },
      { cmd: 'security find-identity -v -p codesigning', only: true },
      {
        cmd: 'security add-generic-password -a me -s svc -w s3cret',
        writes: ['~/Library/Keychains/login.keychain-db'],
        risks: ['system-change'],
      },
      { cmd: 'security delete-generic-password -s svc', risks: ['destructive'] },
      {
        cmd: 'security import dev.p12 -k login.keychain -P pw -T /usr/bin/codesign',
        reads: ['dev.p12'],
        writes: ['login.keychain'],
      },
      {
        cmd: 'security add-trusted-cert -d -r trustRoot -k /Library/Keychains/System.keychain ca.pem',
        risks: ['system-change', 'privilege-escalation'],
      },
      { cmd: 'security authorizationdb write system.privilege.admin allow', risks: ['privilege-escalation'] },
      {
        cmd: 'security execute-with-privileges /bin/rm -rf /tmp/x',
        runs: ['rm'],
        risks: ['privilege-escalation'],
      },
    ],
  },
  {
    names: ['tccutil'],
    summary: 'reset macOS privacy permissions (TCC)',
    operands: ['value...'],
    custom(call) {
      if (call.operands.length > 0 && !/^(-h|--help)$/.test(call.operands[0]!.text)) risks(call.ctx, OWN);
    },
    examples: [{ cmd: 'tccutil reset Camera', risks: ['system-change'] }],
  },
  {
    names: ['plutil'],
    summary: 'check, print, convert or edit property list files',
    rewrite: allOperands,
    operands: ['value...'],
    custom(call) {
      const { ctx } = call;
      const words = call.operands;
      const verb =
        words.find(
          (w) =>
            w.known && /^-(lint|p|help|convert|insert|replace|remove|extract|type|create|s)$/.test(w.text),
        )?.text ?? '-lint';
      const outIndex = words.findIndex((w) => w.text === '-o');
      const out = outIndex >= 0 ? words[outIndex + 1] : undefined;
      const files = words.filter(
        (w, i) =>
          (i !== outIndex + 1 && pathLike(w)) ||
          (w.known && /\.(plist|json|xml|strings)$/.test(w.text) && i !== outIndex + 1),
      );
      const file = files.at(-1);
      if (/^-(lint|p|help|type|s)$/.test(verb) || (verb === '-extract' && out === undefined)) {
        for (const w of files) ctx.apply('read', w);
        return;
      }
      if (file && out === undefined) {
        ctx.apply('write', file);
        launchPersistence(ctx, file);
      } else if (file) ctx.apply('read', file);
      if (out && out.text !== '-') {
        ctx.apply('write', out);
        launchPersistence(ctx, out);
      }
    },
    examples: [
      { cmd: 'plutil -lint Info.plist', reads: ['Info.plist'], only: true },
      { cmd: 'plutil -p ~/Library/Preferences/com.apple.dock.plist', only: true },
      { cmd: 'plutil -convert xml1 Info.plist', writes: ['Info.plist'], only: true },
      {
        cmd: 'plutil -convert xml1 -o ~/Library/LaunchAgents/x.plist x.json',
        writes: ['~/Library/LaunchAgents/x.plist'],
        risks: ['persistence'],
      },
    ],
  },
  {
    names: ['dscl'],
    summary: 'read or change the macOS directory (users, groups, passwords)',
    rewrite: allOperands,
    operands: ['value...'],
    custom: dscl,
    examples: [
      { cmd: 'dscl . -read /Users/dev UserShell', only: true },
      { cmd: 'dscl . -list /Users', only: true },
      {
        cmd: 'dscl . -append /Groups/admin GroupMembership dev',
        risks: ['system-change', 'privilege-escalation'],
      },
      { cmd: 'dscl . -delete /Users/dev', risks: ['destructive'] },
      { cmd: 'dscl', unknown: 'terminal' },
    ],
  },
  {
    names: ['dseditgroup', 'sysadminctl', 'dsenableroot', 'createhomedir'],
    summary: 'change macOS users, groups and account settings',
    rewrite: allOperands,
    operands: ['value...'],
    custom(call) {
      const words = call.operands.map((o) => o.text);
      if (call.program === 'dseditgroup' && /^(read|checkmember)$/.test(words[words.indexOf('-o') + 1] ?? ''))
        return;
      if (
        call.program === 'sysadminctl' &&
        words.some((w) => /^(status|-secureTokenStatus)$/.test(w)) &&
        !words.some((w) => /^-(addUser|deleteUser|resetPasswordFor|secureTokenOn|secureTokenOff)$/.test(w))
      )
        return;
      risks(
        call.ctx,
        words.includes('-deleteUser') || (call.program === 'dseditgroup' && words.includes('delete'))
          ? WIPE
          : ROOT,
      );
    },
    examples: [
      { cmd: 'dseditgroup -o edit -a dev -t user admin', risks: ['privilege-escalation'] },
      { cmd: 'dseditgroup -o checkmember -m dev admin', only: true },
      { cmd: 'sysadminctl -deleteUser guest2', risks: ['destructive'] },
    ],
  },
  {
    names: ['systemsetup', 'nvram', 'bless', 'profiles', 'kextcache'],
    summary:
      'show or change macOS system settings, firmware variables, boot volume and configuration profiles',
    rewrite: allOperands,
    operands: ['value...'],
    custom(call) {
      const words = call.operands;
      if (words.some((w) => !w.known)) return hiddenVerb()(call);
      const t = words.map((w) => w.text);
      const reads =
        (call.program === 'systemsetup' && t.every((w) => !/^-set/.test(w))) ||
        (call.program === 'nvram' && t.every((w) => !w.includes('=') && !/^-[dcf]$/.test(w))) ||
        (call.program === 'bless' && t.some((w) => /^--(info|getBoot)$/.test(w))) ||
        (call.program === 'profiles' &&
          t.some((w) => /^(list|show|status|version|help|-[LPC]|-H)$/.test(w)) &&
          !t.some((w) => /^(install|remove|renew|sync|-I|-R|-D|-N)$/.test(w)));
      if (reads) return;
      risks(call.ctx, ROOT);
      if (call.program === 'profiles') readPaths(call);
      if (t.some((w) => /^-setremotelogin$/i.test(w)))
        call.ctx.unknown('`systemsetup -setremotelogin` turns the SSH server on or off');
    },
    examples: [
      { cmd: 'nvram -p', only: true },
      { cmd: 'nvram boot-args="-v"', risks: ['system-change', 'privilege-escalation'] },
      { cmd: 'systemsetup -getremotelogin', only: true },
      { cmd: 'systemsetup -setremotelogin on', risks: ['system-change'], unknown: 'SSH' },
      {
        cmd: 'profiles install -path /tmp/x.mobileconfig',
        reads: ['/tmp/x.mobileconfig'],
        risks: ['system-change'],
      },
    ],
  },
  {
    names: ['fdesetup'],
    summary: 'show or change FileVault disk encryption (macOS)',
    subcommands: {
      'status|list|isactive|haspersonalrecoverykey|hasinstitutionalrecoverykey|usingrecoverykey|supportsauthrestart|showdeferralinfo|validaterecovery|help|version':
        READS,
      '*': changes(),
    },
    operands: ['value...'],
    custom: hiddenVerb(),
    examples: [
      { cmd: 'fdesetup status', only: true },
      { cmd: 'fdesetup disable', risks: ['system-change', 'privilege-escalation'] },
    ],
  },
  {
    names: ['kextload', 'kextunload', 'kmutil', 'kextstat', 'kextfind'],
    summary: 'load, unload or list kernel extensions (macOS)',
    options: {
      '-b|--bundle-identifier|-p|--path|-d|--dependency|-r|--repository|-a|--address|-c|--class-name|-e|--extension|-n|--no-load|-s|--symbols':
        'value',
      '-v|-q|-l|-list-only': 'flag',
    },
    operands: ['value...'],
    custom(call) {
      const { ctx } = call;
      const verb = call.program === 'kmutil' ? (call.operands[0]?.text ?? '') : call.program;
      if (
        /^(kextstat|kextfind|showloaded|print-diagnostics|find|inspect|log|dumpstate|libraries|clear-staging)$/.test(
          verb,
        )
      )
        return;
      risks(ctx, ROOT);
      if (/^(kextload|load)$/.test(verb)) {
        const bundles = call.program === 'kmutil' ? call.values('-p', '--path') : call.operands;
        for (const b of bundles) ctx.apply('library', b);
      }
    },
    examples: [
      { cmd: 'kextstat', only: true },
      { cmd: 'kextload /tmp/Evil.kext', risks: ['privilege-escalation'], unknown: 'native library' },
      { cmd: 'kmutil showloaded', only: true },
    ],
  },
  {
    names: ['sw_vers', 'dscacheutil', 'system_profiler', 'ioreg'],
    summary: 'print macOS version, directory cache and hardware information',
    readonly: true,
    options: {
      '-productName|-productVersion|-buildVersion|-productVersionExtra|-q|-a|-flushcache|-cachedump|-statistics|-detailLevel|-json|-xml|-listDataTypes|-l|-r|-t|-x|-a':
        'flag',
      '-c|-n|-k|-p|-w|-d|-timeout': 'value',
    },
    operands: ['value...'],
    examples: [
      { cmd: 'sw_vers -productVersion', only: true },
      { cmd: 'system_profiler SPHardwareDataType', only: true },
    ],
  },
  {
    names: ['gpg', 'gpg2', 'gpg1'],
    summary: 'sign, verify, encrypt and decrypt with OpenPGP keys, and manage the keyring',
    options: GPG_OPTIONS,
    operands: (call) => (call.has(...GPG_KEY_COMMANDS) ? ['value...'] : ['read...']),
    custom: gpg,
    examples: [
      { cmd: 'gpg --list-keys', only: true },
      {
        cmd: 'gpg --verify release.tar.gz.sig release.tar.gz',
        reads: ['release.tar.gz.sig', 'release.tar.gz'],
        only: true,
      },
      { cmd: 'gpg --armor --export dev@example.com', only: true },
      {
        cmd: 'gpg -e -r dev@example.com -o notes.gpg notes.txt',
        reads: ['notes.txt'],
        writes: ['notes.gpg'],
        only: true,
      },
      { cmd: 'gpg --export-secret-keys -a dev > key.asc', reads: ['~/.gnupg/**'], writes: ['key.asc'] },
      { cmd: 'gpg -d secrets.env.gpg', reads: ['secrets.env.gpg', '~/.gnupg/**'] },
      { cmd: 'gpg --import key.asc', reads: ['key.asc'], writes: ['~/.gnupg/*'] },
      { cmd: 'gpg --batch --yes --delete-secret-keys ABCD1234', risks: ['destructive'] },
      {
        cmd: 'gpg --keyserver hkps://keys.openpgp.org --send-keys ABCD1234',
        hosts: ['keys.openpgp.org'],
        risks: ['exfiltration'],
      },
      { cmd: 'gpg --recv-keys ABCD1234', network: true },
      { cmd: 'gpg --keyserver keyserver.ubuntu.com --recv-keys ABCD1234', hosts: ['keyserver.ubuntu.com'] },
      { cmd: 'gpg --edit-key ABCD1234', unknown: 'terminal' },
      { cmd: "gpg --photo-viewer 'rm -rf /tmp/x' --list-keys", runs: ['rm'] },
    ],
  },
  {
    names: ['gpgv', 'gpgv2'],
    summary: 'verify OpenPGP signatures against a keyring',
    readonly: true,
    options: {
      '--keyring': 'read',
      '-o|--output|--log-file': 'write',
      '--homedir|--status-fd|--logger-fd|--weak-digest|--enable-special-filenames': 'value',
      '-q|--quiet|-v|--verbose|--ignore-time-conflict': 'flag',
    },
    operands: ['read...'],
    examples: [
      {
        cmd: 'gpgv --keyring ./trusted.gpg file.sig file',
        reads: ['trusted.gpg', 'file.sig', 'file'],
        only: true,
      },
    ],
  },
  {
    names: ['gpg-agent'],
    summary: 'the GnuPG secret key agent (also an ssh agent); can start a program under it',
    options: {
      '--homedir|--debug|--debug-level|--debug-wait|--display|--ttyname|--ttytype|--lc-ctype|--lc-messages|--xauthority|--extra-socket|--browser-socket|--ssh-fingerprint-digest|--listen-backlog|--default-cache-ttl|--default-cache-ttl-ssh|--max-cache-ttl|--max-cache-ttl-ssh|--s2k-count|--s2k-calibration|--min-passphrase-len|--min-passphrase-nonalpha|--max-passphrase-days|--pinentry-invisible-char|--pinentry-timeout|--faked-system-time|--auto-expand-secmem|--sys-trustlist-name':
        'value',
      '--options': { takes: 'read', unknown: 'reads options from a file, which can name programs it runs' },
      '--log-file|--write-env-file|--pinentry-touch-file': 'write',
      '--check-passphrase-pattern|--check-sym-passphrase-pattern': 'read',
      '--pinentry-program|--scdaemon-program': 'exec',
      '--server': { mode: 'server' },
      '--daemon|--supervised|--no-detach|--sh|--csh|-s|-c|--steal-socket|--enable-ssh-support|--enable-putty-support|--allow-preset-passphrase|--allow-loopback-pinentry|--no-allow-loopback-pinentry|--allow-emacs-pinentry|--disable-scdaemon|--keep-tty|--keep-display|--batch|--grab|--no-grab|-v|--verbose|-q|--quiet|--use-standard-socket|--no-use-standard-socket|--enforce-passphrase-constraints|--ignore-cache-for-signing|--no-allow-external-cache|--no-allow-mark-trusted|--allow-mark-trusted|--no-user-trustlist|--version|--help|--gpgconf-list|--gpgconf-test':
        'flag',
    },
    optionsFirst: true,
    operands: ['argv'],
    custom(call) {
      if (call.has('--server'))
        call.ctx.unknown('`gpg-agent --server` reads protocol commands from standard input');
    },
    examples: [
      { cmd: 'gpg-agent --daemon', only: true },
      { cmd: 'gpg-agent --daemon rm -rf /tmp/x', runs: ['rm'] },
      { cmd: 'gpg-agent --daemon --pinentry-program /tmp/p', runs: ['p'] },
    ],
  },
  {
    names: ['gpgconf'],
    summary: 'query or change GnuPG settings, and start or stop its daemons',
    options: {
      '--homedir': 'value',
      '--apply-profile': 'read',
      '--change-options|--apply-defaults|--change-config|--create-socketdir|--remove-socketdir': {
        mode: 'change',
      },
      '--list-components|--list-options|--list-dirs|--check-programs|--check-options|--list-config|--query-swdb|--show-versions|--show-configs|--show-codepages|-n|--dry-run|--kill|--launch|--reload|-v|--verbose|-q|--quiet|--runtime|--status-fd|--version|--help':
        'flag',
    },
    operands: ['value...'],
    custom(call) {
      if (
        !call.has(
          '--change-options',
          '--apply-defaults',
          '--change-config',
          '--apply-profile',
          '--create-socketdir',
          '--remove-socketdir',
        ) ||
        call.has('-n', '--dry-run')
      )
        return;
      call.ctx.write(`${call.ctx.home}/.gnupg/*.conf`);
      if (call.has('--change-options'))
        call.ctx.unknown(
          '`gpgconf --change-options` changes GnuPG settings read from standard input, which can name programs it runs',
        );
    },
    examples: [
      { cmd: 'gpgconf --list-dirs agent-ssh-socket', only: true },
      { cmd: 'gpgconf --kill gpg-agent', only: true },
      { cmd: 'gpgconf --change-options gpg-agent', writes: ['~/.gnupg/*.conf'], unknown: 'settings' },
    ],
  },
  {
    names: ['gpg-connect-agent'],
    summary: 'send protocol commands to the GnuPG agent or another Assuan server',
    options: {
      '--homedir|-S|--socket': 'value',
      '--agent-program|--dirmngr-program|--keyboxd-program': 'exec',
      '-r|--run': { takes: 'read', unknown: 'runs the agent commands written in a file' },
      '-E|--exec': { mode: 'exec' },
      '--decode|--hex|--raw|-v|--verbose|-q|--quiet|--no-ext-connect|--no-autostart|--dirmngr|--keyboxd|-s|--subst|--uiserver':
        'flag',
    },
    operands: ['value...'],
    custom(call) {
      const { ctx } = call;
      if (call.has('-E', '--exec')) return runRest(call, call.operands, 'gpg-connect-agent --exec');
      if (call.operands.length === 0) {
        if (ctx.stdin === undefined)
          ctx.unknown('`gpg-connect-agent` reads agent commands typed at the terminal');
        return;
      }
      const benign =
        /^(\/bye|\/echo\b.*|updatestartuptty|reloadagent|killagent|nop|help|getinfo\b.*|keyinfo\b.*|havekey\b.*|scd serialno|scd getinfo\b.*|learn|\/subst|\/serverpid)$/i;
      if (call.operands.some((o) => !o.known || !benign.test(o.text.trim())))
        ctx.unknown(
          '`gpg-connect-agent` sends commands to the GnuPG agent, which can reveal, export or change keys',
        );
    },
    examples: [
      { cmd: 'gpg-connect-agent updatestartuptty /bye', only: true },
      { cmd: "gpg-connect-agent 'EXPORT_KEY ABC' /bye", unknown: 'agent' },
    ],
  },
  {
    names: ['pass'],
    summary: 'the standard Unix password store (GnuPG-encrypted files under ~/.password-store)',
    options: {
      '-c|--clip|-q|--qrcode': { takes: 'value', attached: true },
      '-p|--path': 'value',
      '-m|--multiline|-e|--echo|-f|--force|-n|--no-symbols|-i|--in-place|-r|--recursive': 'flag',
    },
    operands: ['value...'],
    custom: (call: Call) => passStore(call, `${call.ctx.home}/.password-store`, true),
    examples: [
      { cmd: 'pass', reads: ['~/.password-store'], only: true },
      { cmd: 'pass show -c work/github', reads: ['~/.password-store/work/github.gpg'] },
      { cmd: 'pass work/github', reads: ['~/.password-store/work/github.gpg'] },
      { cmd: 'pass insert -m api/token', writes: ['~/.password-store/api/token.gpg'] },
      { cmd: 'pass rm -r old', risks: ['destructive'], deletes: ['~/.password-store/old.gpg'] },
      { cmd: 'pass git push', runs: ['git'], network: true },
      { cmd: 'pass grep token', reads: ['~/.password-store/**'] },
    ],
  },
  {
    names: ['gopass'],
    summary: 'a team password manager compatible with pass',
    options: {
      '-c|--clip|-C|--alsoclip|-q|--qr|-f|--force|-n|--no-symbols|-p|--password|-o|--unsafe|-r|--recursive|-y|--yes|--sync|--nosync|--print|-e|--echo|-m|--multiline':
        'flag',
      '--store|--path|--crypto|--storage|--revision|-l|--length|--generator|--sep|--lang': 'value',
    },
    operands: ['value...'],
    custom: (call: Call) => passStore(call, `${call.ctx.home}/.local/share/gopass/stores/root`, false),
    examples: [
      { cmd: 'gopass ls', only: true },
      { cmd: 'gopass show -o db/prod', reads: ['~/.local/share/gopass/stores/root/db/prod.*'] },
      { cmd: 'gopass env db/prod npm start', runs: ['npm'] },
      { cmd: 'gopass sync', risks: ['exfiltration'] },
    ],
  },
  {
    names: ['keepassxc-cli'],
    summary: 'read or change KeePassXC password databases',
    options: {
      '-k|--key-file|--key-file-from|--set-key-file|--unset-key-file|-w|--word-list|-H|--hibp': 'read',
      '--okon': 'exec',
      '-y|--yubikey|--yubikey-from|-a|--attributes|--attribute|-u|--username|--url|--notes|--title|-L|--length|-W|--words|-x|--exclude|-f|--format|--decryption-time|--set-password|--unset-password|--no-password-from|-c|--custom|-d|--dry-run':
        'value',
      '-q|--quiet|--no-password|-s|--show-protected|--show-attachments|-t|--totp|--all|-R|--recursive|-e|--extended|-g|--generate|-p|--password-prompt|-l|--lower|-U|--upper|-n|--numeric|-b|--best|--every-group|--exclude-similar|--debug-info|--flatten|-h|--help|-v|--version':
        'flag',
    },
    operands: ['value...'],
    custom: keepassxc,
    examples: [
      { cmd: 'keepassxc-cli ls vault.kdbx', reads: ['vault.kdbx'], only: true },
      { cmd: 'keepassxc-cli show -s vault.kdbx github', reads: ['vault.kdbx'] },
      { cmd: 'keepassxc-cli export vault.kdbx', reads: ['vault.kdbx'] },
      { cmd: 'keepassxc-cli add -g vault.kdbx new-entry', writes: ['vault.kdbx'] },
      { cmd: 'keepassxc-cli generate -L 32', only: true },
    ],
  },
  {
    names: [
      'docker-credential-desktop',
      'docker-credential-osxkeychain',
      'docker-credential-secretservice',
      'docker-credential-pass',
      'docker-credential-wincred',
      'docker-credential-ecr-login',
      'docker-credential-gcloud',
      'docker-credential-gcr',
      'docker-credential-acr-env',
      'git-credential-libsecret',
      'git-credential-osxkeychain',
      'git-credential-manager',
      'git-credential-store',
      'git-credential-cache',
    ],
    summary: 'credential helpers of docker and git: `get` and `list` print stored passwords and tokens',
    operands: ['value...'],
    custom(call) {
      const verb = call.operands[0]?.text;
      if (verb === undefined || ['version', '--version', '-v', 'help', '--help'].includes(verb)) return;
      if (['store', 'erase', 'configure'].includes(verb))
        return call.ctx.write(`${call.ctx.home}/.local/share/keyrings/*`);
      call.ctx.read(`${call.ctx.home}/.local/share/keyrings/*`);
      call.ctx.unknown(`\`${call.program} ${verb}\` prints stored credentials (secrets)`);
    },
    examples: [
      { cmd: 'docker-credential-desktop list', unknown: 'secrets' },
      { cmd: 'echo https://index.docker.io/v1/ | docker-credential-desktop get', unknown: 'secrets' },
      { cmd: 'docker-credential-desktop version', only: true },
    ],
  },
  {
    names: ['pkcs11-tool', 'p11tool', 'softhsm2-util', 'pkcs11-register'],
    summary: 'PKCS#11 tokens and smart cards; `--module`/`--provider` loads a native library',
    options: {
      '--module|--provider|--lib': { takes: 'library', unknown: 'loads a PKCS#11 module (a native library)' },
      '-i|--input-file|--so-pin|--pin|-p|--id|-d|--label|-a|--slot|--token-label|--type|-y|--key-type|-m|--mechanism|--slot-index|--login-type|--object-index':
        'value',
      '-o|--output-file': 'write',
    },
    operands: ['value...'],
    examples: [
      { cmd: 'pkcs11-tool --module ./x.so -L', unknown: 'native library' },
      { cmd: 'p11tool --list-tokens', only: true },
    ],
  },
  {
    names: ['xdg-mime', 'xdg-settings', 'gsettings', 'dconf', 'kwriteconfig5', 'kwriteconfig6', 'duti'],
    summary: 'desktop settings: default applications, URL handlers and desktop behaviour',
    operands: ['value...'],
    custom(call) {
      const verb = call.operands[0]?.text ?? '';
      // Which program opens links, files or URL schemes, or how the desktop locks: later, for the human.
      if (
        /^(default|set|write|load|reset|reset-recursively|delete|install|uninstall|import)$/.test(verb) ||
        /^kwriteconfig|^duti$/.test(call.program)
      )
        call.ctx.risk('persistence');
    },
    examples: [
      { cmd: 'xdg-mime query default text/html', only: true },
      { cmd: 'xdg-mime default evil.desktop x-scheme-handler/https', risks: ['persistence'] },
      { cmd: 'gsettings get org.gnome.desktop.interface gtk-theme', only: true },
      { cmd: 'gsettings set org.gnome.desktop.screensaver lock-enabled false', risks: ['persistence'] },
    ],
  },
  {
    names: ['xdotool', 'ydotool', 'wtype', 'xte'],
    summary: 'type keys and click in other windows',
    operands: ['value...'],
    custom(call) {
      const verb = call.operands[0]?.text ?? '';
      if (
        /^(type|key|keydown|keyup|click|mousedown|windowactivate|exec|behave)/.test(verb) ||
        /^(wtype|xte)$/.test(call.program)
      )
        call.ctx.unknown(
          `\`${call.program}\` types or clicks into other programs' windows, which then act on it`,
        );
    },
    examples: [
      { cmd: "xdotool type 'rm -rf ~'", unknown: 'types' },
      { cmd: 'xdotool getactivewindow', only: true },
    ],
  },
  {
    names: ['secret-tool'],
    summary: 'store and look up secrets in the desktop keyring (Secret Service)',
    options: { '--label|--collection': 'value', '--all|--unlock': 'flag' },
    subcommands: {
      'lookup|search': {
        operands: ['value...'],
        custom(call) {
          call.ctx.read(`${call.ctx.home}/.local/share/keyrings/*`);
          call.ctx.unknown(`\`secret-tool ${call.sub}\` reads secrets from the keyring`);
        },
      },
      store: changes([], {
        custom: (call: Call) => call.ctx.write(`${call.ctx.home}/.local/share/keyrings/*`),
      }),
      clear: changes(['destructive'], {
        custom: (call: Call) => call.ctx.write(`${call.ctx.home}/.local/share/keyrings/*`),
      }),
      '*': READS,
    },
    operands: ['value...'],
    custom: hiddenVerb(['destructive']),
    examples: [
      { cmd: 'secret-tool lookup service github user dev', unknown: 'secrets' },
      { cmd: "secret-tool store --label='token' service github", writes: ['~/.local/share/keyrings/*'] },
      { cmd: 'secret-tool clear service github', risks: ['destructive'] },
    ],
  },
  {
    names: ['kwallet-query', 'kwalletcli'],
    summary: 'read or write passwords in the KDE wallet',
    options: {
      '-f|--folder|-e|--entry': 'value',
      '-r|--read-password': { takes: 'value', mode: 'read' },
      '-w|--write-password|-p': { takes: 'value', mode: 'write' },
      '-P': { mode: 'write' },
      '-l|--list-entries|-v|--verbose|-q|-h|-V|--help|--version': 'flag',
    },
    operands: ['value...'],
    custom(call) {
      const { ctx } = call;
      const wallet = `${ctx.home}/.local/share/kwalletd/*`;
      if (call.has('-w', '--write-password', '-p', '-P')) return ctx.write(wallet);
      ctx.read(wallet);
      if (call.has('-r', '--read-password') || (call.program === 'kwalletcli' && call.has('-e')))
        ctx.unknown(`\`${call.program}\` reads secrets from the KDE wallet`);
    },
    examples: [
      { cmd: 'kwallet-query -l kdewallet', only: true },
      { cmd: 'kwallet-query -r github kdewallet', unknown: 'secrets' },
      { cmd: 'kwalletcli -f Passwords -e github', unknown: 'secrets' },
    ],
  },
  {
    names: ['gnome-keyring'],
    summary: 'import keys and certificates into the GNOME keyring',
    subcommands: {
      import: {
        operands: ['read...'],
        custom: (call: Call) => call.ctx.write(`${call.ctx.home}/.local/share/keyrings/*`),
      },
      '*': READS,
    },
    operands: ['value...'],
    examples: [
      { cmd: 'gnome-keyring import cert.p12', reads: ['cert.p12'], writes: ['~/.local/share/keyrings/*'] },
    ],
  },
  {
    names: ['gnome-keyring-daemon'],
    summary: 'the GNOME keyring daemon (secrets, ssh and PKCS#11 agent)',
    options: {
      '-c|--components': { takes: 'value', attached: false },
      '-C|--control-directory': 'value',
      '-r|--replace': { mode: 'replace' },
      '--unlock|-d|--daemonize|-f|--foreground|-l|--login|-s|--start|-V|--version|-h|--help': 'flag',
    },
    operands: ['value...'],
    custom(call) {
      if (call.has('-r', '--replace')) {
        call.ctx.risk('process-control');
        call.ctx.signal('name:gnome-keyring-daemon');
      }
    },
    examples: [
      { cmd: 'gnome-keyring-daemon --start --components=ssh,secrets', only: true },
      { cmd: 'gnome-keyring-daemon --replace', risks: ['process-control'] },
    ],
  },
  {
    names: ['ssh-add'],
    summary: 'add private keys to the ssh agent, or list and remove them',
    options: {
      '-t|-E|-h': 'value',
      '-H|-T': 'read',
      '-s|-S': 'library',
      '-e': 'value',
      '-l|-L|-D|-x|-X|-d': { mode: 'list' },
      '-c|-C|-K|-k|-q|-v|-m': 'flag',
    },
    operands: ['value...'],
    custom: ssh_add,
    examples: [
      { cmd: 'ssh-add -l', only: true },
      { cmd: 'ssh-add -L', only: true },
      { cmd: 'ssh-add ~/.ssh/id_ed25519', reads: ['~/.ssh/id_ed25519'] },
      { cmd: 'ssh-add', reads: ['~/.ssh/id_rsa', '~/.ssh/id_ed25519'] },
      { cmd: 'ssh-add -s /tmp/evil.so', unknown: 'native library' },
    ],
  },
  {
    names: ['age'],
    summary: 'encrypt and decrypt files with age keys or passphrases',
    options: {
      '-i|--identity|-R|--recipients-file': 'read',
      '-o|--output': 'write',
      '-r|--recipient': 'value',
      '-j': { takes: 'value', unknown: 'runs the age plugin program `age-plugin-NAME`' },
      '-a|--armor|-d|--decrypt|-e|--encrypt|-p|--passphrase|--version': 'flag',
    },
    operands: ['read...'],
    examples: [
      {
        cmd: 'age -r age1xyz -o secret.age secret.txt',
        reads: ['secret.txt'],
        writes: ['secret.age'],
        only: true,
      },
      { cmd: 'age -d -i ~/.config/age/key.txt secret.age', reads: ['~/.config/age/key.txt', 'secret.age'] },
      { cmd: 'age -j yubikey -d secret.age', unknown: 'plugin' },
    ],
  },
  {
    names: ['age-keygen'],
    summary: 'generate an age key pair, or print the public key of one',
    options: { '-o|--output': 'write', '-y': { mode: 'convert' }, '--pq|--version': 'flag' },
    operands: ['read...'],
    examples: [
      { cmd: 'age-keygen -o key.txt', writes: ['key.txt'], only: true },
      { cmd: 'age-keygen -y key.txt', reads: ['key.txt'], only: true },
    ],
  },
  {
    names: ['sops'],
    summary: 'encrypt, decrypt and edit secrets files (SOPS)',
    options: {
      '--output': 'write',
      '--config': 'read',
      '--keyservice': 'url',
      '-k|--kms|--aws-profile|--gcp-kms|--azure-kv|--hc-vault-transit|-p|--pgp|-a|--age|--input-type|--output-type|--extract|--set|--encryption-context|--shamir-secret-sharing-threshold|--filename-override|--encrypted-suffix|--unencrypted-suffix|--encrypted-regex|--unencrypted-regex|--encrypted-comment-regex|--unencrypted-comment-regex|--add-kms|--rm-kms|--add-pgp|--rm-pgp|--add-age|--rm-age|--add-gcp-kms|--rm-gcp-kms|--add-azure-kv|--rm-azure-kv|--add-hc-vault-transit|--rm-hc-vault-transit|--indent|--decryption-order|--output-format|--unset':
        'value',
      '-d|--decrypt|-e|--encrypt|-r|--rotate|-i|--in-place': { mode: 'mode' },
      '--verbose|--ignore-mac|-s|--show-master-keys|--enable-local-keyservice|--disable-version-check|--mac-only-encrypted|-y|--yes|--background|--no-fifo|--same-process|--pristine|--idempotent|--version|-h|--help':
        'flag',
    },
    operands: ['value...'],
    custom: sops,
    examples: [
      { cmd: 'sops -e -i secrets.yaml', reads: ['secrets.yaml'], writes: ['secrets.yaml'], only: true },
      { cmd: 'sops -d secrets.yaml', reads: ['secrets.yaml'], unknown: 'decrypts' },
      { cmd: 'sops decrypt --output .env secrets.env', writes: ['.env'], unknown: 'decrypts' },
      { cmd: 'sops secrets.yaml', writes: ['secrets.yaml'], unknown: 'editor' },
      { cmd: "sops exec-env secrets.yaml 'rm -rf /tmp/x'", runs: ['rm'], unknown: 'decrypts' },
    ],
  },
  {
    names: ['step'],
    summary: 'smallstep: certificates, a CA client, SSH certificates and crypto tools',
    options: {
      '--ca-url': 'url',
      '--root|--ca-config|--password-file|--provisioner-password-file|--kty|--crv|--size|--profile|--not-before|--not-after|--san|--provisioner|--issuer|--token|--context|--fingerprint|--team|--team-url|--kid|--key|--offline|--set|--set-file|--template|--principal':
        'value',
      '--exec': 'command',
      '--install': { mode: 'install' },
      '--daemon|--force|-f|--insecure|--no-password|--bundle|--format|--short|--json|--console|--ssh|--k8s|--remote-management|--deployment-type':
        'flag',
    },
    operands: ['value...'],
    custom: step,
    examples: [
      { cmd: 'step certificate inspect server.crt', reads: ['server.crt'], only: true },
      {
        cmd: 'step certificate create localhost local.crt local.key --profile self-signed --subtle --no-password --insecure',
        writes: ['local.crt', 'local.key'],
      },
      { cmd: 'step certificate install root_ca.crt', risks: ['system-change', 'privilege-escalation'] },
      {
        cmd: 'step ca renew --daemon --exec "systemctl reload nginx" site.crt site.key',
        runs: ['systemctl'],
        network: true,
      },
      { cmd: 'step ssh config', risks: ['persistence'] },
    ],
  },
  {
    names: ['certbot', 'letsencrypt'],
    summary: "obtain and install Let's Encrypt certificates (ACME)",
    options: {
      '-d|--domains|--domain|-m|--email|--cert-name|--key-type|--rsa-key-size|--elliptic-curve|--preferred-chain|--preferred-challenges|-a|--authenticator|-i|--installer|--eab-kid|--eab-hmac-key|--http-01-port|--https-port|--http-01-address|--user-agent|--user-agent-comment|--reason|--issuance-timeout|--max-log-backups|--nginx-server-root|--apache-server-root|--apache-vhost-root|--apache-le-vhost-ext|--apache-challenge-location|--cert-path|--key-path|--fullchain-path|--chain-path':
        'value',
      '--server': 'url',
      '-c|--config': { takes: 'read', unknown: 'reads options, which can name hook commands, from a file' },
      '--config-dir|--work-dir|--logs-dir': 'write-tree',
      '-w|--webroot-path': 'write-into',
      '--csr': 'read',
      '--pre-hook|--post-hook|--deploy-hook|--renew-hook|--manual-auth-hook|--manual-cleanup-hook': 'command',
      '--nginx-ctl|--apache-ctl': 'exec',
      '-n|--non-interactive|--agree-tos|--standalone|--webroot|--nginx|--apache|--manual|--dns-cloudflare|--dns-route53|--dry-run|--test-cert|--staging|--force-renewal|--renew-by-default|--expand|--redirect|--hsts|--uir|--staple-ocsp|--must-staple|--no-redirect|--register-unsafely-without-email|-q|--quiet|-v|--verbose|--no-random-sleep-on-renew|--run-deploy-hooks|--disable-hook-validation|--keep-until-expiring|--keep|--reinstall|--allow-subset-of-names|--no-eff-email|--eff-email|--delete-after-revoke|--no-delete-after-revoke|--debug-challenges|--no-autorenew|--autorenew|--version|-h|--help':
        'flag',
    },
    operands: ['value...'],
    custom: certbot,
    examples: [
      { cmd: 'certbot certificates', only: true },
      {
        cmd: 'certbot certonly --standalone -d example.com',
        writes: ['/etc/letsencrypt/**'],
        network: true,
        risks: ['system-change', 'privilege-escalation'],
      },
      {
        cmd: "certbot certonly --webroot -w /var/www/html -d example.com --deploy-hook 'rm -rf /tmp/x'",
        runs: ['rm'],
        risks: ['persistence'],
      },
      { cmd: 'certbot delete --cert-name example.com', risks: ['destructive'] },
      { cmd: 'certbot renew --nginx-ctl /tmp/x.sh', runs: ['x.sh'] },
    ],
  },
  {
    names: ['keytool'],
    summary: 'manage Java keystores: keys, certificates and trusted CAs',
    options: {
      [KEYTOOL_COMMANDS]: { mode: 'command' },
      '-keystore|-srckeystore|-destkeystore|-file|-infile|-outfile': 'value',
      '-jarfile': 'read',
      '-sslserver': 'value',
      '-providerpath': { takes: 'read', unknown: 'loads Java classes (a security provider) from a path' },
      '-providerclass|-addprovider': { takes: 'value', unknown: 'loads a Java security provider (code)' },
      '-J': { takes: 'value', unknown: 'passes options to the Java runtime, which can load agents (code)' },
      '-providername|-providerarg|-alias|-srcalias|-destalias|-storepass|-srcstorepass|-deststorepass|-keypass|-srckeypass|-destkeypass|-storetype|-srcstoretype|-deststoretype|-srcprovidername|-destprovidername|-keyalg|-keysize|-groupname|-sigalg|-dname|-validity|-ext|-startdate|-new|-id|-signer|-signerkeypass|-conf':
        'value',
      '-rfc|-v|-noprompt|-trustcacerts|-protected|-cacerts|-srcprotected|-destprotected|-tls': 'flag',
    },
    operands: ['value...'],
    custom: keytool,
    examples: [
      { cmd: 'keytool -list -keystore dev.jks -storepass changeit', reads: ['dev.jks'], only: true },
      { cmd: 'keytool -printcert -sslserver example.com:443', hosts: ['example.com'] },
      {
        cmd: 'keytool -genkeypair -alias app -keystore app.p12 -storetype PKCS12 -dname CN=app',
        writes: ['app.p12'],
        only: true,
      },
      {
        cmd: 'keytool -importcert -cacerts -file evil-ca.pem -noprompt',
        reads: ['evil-ca.pem'],
        risks: ['system-change', 'privilege-escalation'],
      },
      { cmd: 'keytool -J-javaagent:agent.jar -list', unknown: 'Java runtime' },
    ],
  },
]);
