/**
 * Signals to processes (`kill`, `pkill`, `os.kill` in inline code): which are the agent's own
 * business and which reach processes it did not start. Pure.
 */

/** Process names of the system, the desktop, the agents, editors and aarm itself. */
const PROTECTED_NAMES =
  /^(init|systemd|systemd-\w+|launchd|sshd?|dbus(-\w+)?|x(org|wayland)|gnome-\w+|kde\w*|plasma\w*|pulseaudio|pipewire\w*|cron|crond|atd|rsyslogd?|journald|udevd|polkitd?|networkmanager|wpa_supplicant|login|getty|agetty|sudo|su|bash|sh|zsh|fish|dash|node|nodejs|python\d?(\.\d+)?|java|ruby|perl|code|code-insiders|code-server|vscode-server|\.?vscode-server(-insiders)?|cursor-server|codium|electron|claude|codex|cline|cursor|aarm|dockerd|containerd|kubelet|postgres|mysqld|mongod|redis-server|nginx|apache2|httpd|tmux|tmux: server|screen|gpg-agent|ssh-agent|keyring|gnome-keyring-daemon|chrome|chromium|firefox)$/i;

/**
 * Why signalling `target` is a risk, or undefined when it is not: `pid:N`, `name:X`, `pattern:X`
 * (a full command-line pattern, `pkill -f`), `all` (every process the user has), or `?`.
 */
export function signalRisk(target: string): string | undefined {
  if (target === '?') return 'signals processes named only when the command runs';
  if (target === 'all') return 'signals every process of the user';
  const [kind, value = ''] = [target.slice(0, target.indexOf(':')), target.slice(target.indexOf(':') + 1)];
  if (kind === 'pid') {
    const pid = parseInt(value, 10);
    if (!Number.isFinite(pid)) return 'signals processes named only when the command runs';
    if (pid <= 1)
      return pid === 1 ? 'signals the init process' : 'signals a whole process group or every process';
    return undefined;
  }
  if (kind === 'name' || kind === 'pattern') {
    if (/aarm/i.test(value)) return 'signals aarm itself';
    // `pkill -f "node server.js"` names one program run; `pkill node`, `pkill -f '.*'` any of them.
    const words = value.replace(/[\^$]/g, '').trim().split(/\s+/);
    const letters = value.replace(/[^\p{L}\p{N}]/gu, '');
    if (letters.length < 3) return `signals every process matching \`${value}\``;
    if (words.length === 1 && PROTECTED_NAMES.test(words[0]!.replace(/^.*\//, '')))
      return `signals every \`${value}\` process, which includes processes the agent did not start`;
    return undefined;
  }
  return undefined;
}
