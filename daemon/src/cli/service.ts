/**
 * `aarm install service` / `aarm uninstall service`: the daemon started at login and restarted
 * when it fails — a systemd user unit on Linux, a launchd agent on macOS. It starts the same
 * lasting aarm the hooks do (cli/runtime.ts) with the Node that ran the install, by absolute path:
 * a login session's PATH is not the shell's.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { aarmHome, readDaemonInfo, resolveHomeDir } from '../state/home.js';
import { aarmCommand } from '../client/aarm-command.js';
import {
  collectCopies,
  missingPaths,
  recordInstall,
  recordUninstall,
  stableCli,
  type RuntimeOptions,
} from './runtime.js';

export interface ServiceOptions extends RuntimeOptions {
  platform: NodeJS.Platform;
}

/** Variables the daemon must see as the shell that installed it did: they move its state. */
const STATE_ENV = ['AARM_HOME', 'XDG_STATE_HOME'];

const UNIT = 'aarm.service';
const LABEL = 'aarm.daemon';

export function serviceFile(options: Pick<ServiceOptions, 'platform' | 'env' | 'home'>): string | undefined {
  if (options.platform === 'linux')
    return join(options.env.XDG_CONFIG_HOME || join(options.home, '.config'), 'systemd', 'user', UNIT);
  if (options.platform === 'darwin') return join(options.home, 'Library', 'LaunchAgents', `${LABEL}.plist`);
  return undefined;
}

/** A word of a systemd command line: quoted, with C escapes, `%` specifiers and `$` expansions kept literal. */
const systemdWord = (s: string) =>
  `"${s
    .replace(/[\\"]/g, (c) => `\\${c}`)
    .replace(/%/g, '%%')
    .replace(/\$/g, '$$$$')}"`;
const xml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function systemdUnit(node: string, cli: string, env: NodeJS.ProcessEnv): string {
  const environment = STATE_ENV.filter((name) => env[name]).map(
    (name) => `Environment=${systemdWord(`${name}=${env[name]}`).replace(/\$\$/g, '$')}\n`,
  );
  return `# Written by \`aarm install service\`: the aarm daemon, started at login. \`aarm uninstall service\` removes it.
[Unit]
Description=aarm daemon: judges what coding agents do before it runs
# A daemon that cannot start (another holds the state directory, state was lost) stops being retried.
StartLimitIntervalSec=120
StartLimitBurst=5

[Service]
ExecStart=${systemdWord(node)} ${systemdWord(cli)} daemon
${environment.join('')}Restart=on-failure
RestartSec=5

[Install]
WantedBy=default.target
`;
}

export function launchdPlist(node: string, cli: string, env: NodeJS.ProcessEnv, log: string): string {
  const environment = STATE_ENV.filter((name) => env[name]).map(
    (name) => `    <key>${name}</key><string>${xml(env[name]!)}</string>\n`,
  );
  return `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
<!-- Written by \`aarm install service\`: the aarm daemon, started at login. \`aarm uninstall service\` removes it. -->
<plist version="1.0">
<dict>
  <key>Label</key><string>${LABEL}</string>
  <key>ProgramArguments</key>
  <array>
    <string>${xml(node)}</string>
    <string>${xml(cli)}</string>
    <string>daemon</string>
  </array>
${environment.length > 0 ? `  <key>EnvironmentVariables</key>\n  <dict>\n${environment.join('')}  </dict>\n` : ''}  <key>RunAtLoad</key><true/>
  <key>KeepAlive</key><dict><key>SuccessfulExit</key><false/></dict>
  <key>StandardErrorPath</key><string>${xml(log)}</string>
</dict>
</plist>
`;
}

/** Run a service manager's command; `ok` when it exited 0. */
function run(program: string, args: string[], env: NodeJS.ProcessEnv): { ok: boolean; said: string } {
  const result = spawnSync(program, args, { encoding: 'utf8', timeout: 30_000, env });
  if (result.error) return { ok: false, said: result.error.message };
  return { ok: result.status === 0, said: `${result.stderr ?? ''}${result.stdout ?? ''}`.trim() };
}

/** The pid of a daemon running for this state directory, if one is. */
function runningDaemon(env: NodeJS.ProcessEnv): number | undefined {
  const info = readDaemonInfo(aarmHome(resolveHomeDir(env)));
  if (!info) return undefined;
  try {
    process.kill(info.pid, 0);
    return info.pid;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM' ? info.pid : undefined;
  }
}

export function installService(options: ServiceOptions): number {
  const file = serviceFile(options);
  if (file === undefined) {
    options.err(
      `aarm: \`aarm install service\` knows systemd (Linux) and launchd (macOS), not ${options.platform}; have \`${aarmCommand('daemon')}\` started at login by your system's own means`,
    );
    return 1;
  }
  const cli = stableCli(options);
  if (cli === undefined) return 1;
  const log = join(options.home, 'Library', 'Logs', 'aarm-daemon.log');
  const text =
    options.platform === 'linux'
      ? systemdUnit(process.execPath, cli, options.env)
      : launchdPlist(process.execPath, cli, options.env, log);
  const before = existsSync(file) ? readFileSync(file, 'utf8') : undefined;
  const changed = before !== text;
  if (changed) {
    const created = missingPaths(file);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, text);
    recordInstall(options, file, created);
    options.out(`${before === undefined ? 'created' : 'replaced'} ${file}:`);
    for (const line of text.trimEnd().split('\n')) options.out(`+ ${line}`);
  } else {
    options.out(`${file} is already installed; nothing changed`);
    collectCopies(options);
  }
  return options.platform === 'linux' ? startSystemd(options, changed) : startLaunchd(options, file, changed);
}

function startSystemd(options: ServiceOptions, changed: boolean): number {
  const steps: string[][] = [['daemon-reload'], ['enable', UNIT]];
  const other = runningDaemon(options.env);
  const active = run('systemctl', ['--user', 'is-active', '--quiet', UNIT], options.env).ok;
  // Another daemon (started by hand) holds the state directory: the service would only fail.
  if (active) {
    if (changed) steps.push(['restart', UNIT]);
  } else if (other === undefined) steps.push(['start', UNIT]);
  for (const step of steps) {
    const result = run('systemctl', ['--user', ...step], options.env);
    if (!result.ok) {
      options.err(
        `aarm: \`systemctl --user ${step.join(' ')}\` failed${result.said ? `: ${result.said.split('\n')[0]}` : ''}. Once a systemd user session runs (a login, or \`loginctl enable-linger\`), run:`,
      );
      options.err(`  systemctl --user daemon-reload && systemctl --user enable --now ${UNIT}`);
      return 1;
    }
    options.out(`ran: systemctl --user ${step.join(' ')}`);
  }
  if (!active && other !== undefined)
    options.out(
      `a daemon started by hand already runs (pid ${other}): the service takes over at the next login, or now if you stop that one and run \`systemctl --user start ${UNIT}\``,
    );
  options.out(`the daemon runs at login; its log: \`journalctl --user -u ${UNIT}\``);
  return 0;
}

function startLaunchd(options: ServiceOptions, file: string, changed: boolean): number {
  const domain = `gui/${process.getuid?.() ?? 0}`;
  const loaded = run('launchctl', ['print', `${domain}/${LABEL}`], options.env).ok;
  if (loaded && !changed) return (options.out(`launchd already runs ${LABEL}`), 0);
  if (loaded) run('launchctl', ['bootout', `${domain}/${LABEL}`], options.env);
  const result = run('launchctl', ['bootstrap', domain, file], options.env);
  if (!result.ok) {
    options.err(
      `aarm: \`launchctl bootstrap ${domain} ${file}\` failed${result.said ? `: ${result.said.split('\n')[0]}` : ''}; run it yourself, or log out and in again`,
    );
    return 1;
  }
  options.out(`ran: launchctl bootstrap ${domain} ${file}`);
  options.out(
    `the daemon runs at login; its log: ${join(options.home, 'Library', 'Logs', 'aarm-daemon.log')}`,
  );
  return 0;
}

export function uninstallService(options: ServiceOptions): number {
  const file = serviceFile(options);
  if (file === undefined) return (options.out(`no aarm service on ${options.platform}; nothing changed`), 0);
  if (!existsSync(file)) {
    options.out(`${file} is not there; nothing changed`);
    collectCopies(options);
    return 0;
  }
  let stopped: { ok: boolean; said: string; how: string };
  if (options.platform === 'linux') {
    const result = run('systemctl', ['--user', 'disable', '--now', UNIT], options.env);
    stopped = { ...result, how: `systemctl --user disable --now ${UNIT}` };
  } else {
    const target = `gui/${process.getuid?.() ?? 0}/${LABEL}`;
    const loaded = run('launchctl', ['print', target], options.env).ok;
    stopped = loaded
      ? { ...run('launchctl', ['bootout', target], options.env), how: `launchctl bootout ${target}` }
      : { ok: true, said: '', how: '' };
  }
  rmSync(file);
  options.out(`removed ${file}`);
  if (stopped.ok && stopped.how) options.out(`ran: ${stopped.how}`);
  if (!stopped.ok)
    options.err(
      `aarm: \`${stopped.how}\` failed${stopped.said ? `: ${stopped.said.split('\n')[0]}` : ''}; if the service still runs, stop it with that command`,
    );
  if (options.platform === 'linux') run('systemctl', ['--user', 'daemon-reload'], options.env);
  recordUninstall(options, file, () => true);
  return 0;
}
