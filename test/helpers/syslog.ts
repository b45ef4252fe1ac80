import { spawn, type ChildProcess } from 'node:child_process';
import { createSocket } from 'node:dgram';
import {
  accessSync,
  constants,
  mkdtempSync,
  readFileSync,
  readdirSync,
  readlinkSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';

/**
 * A syslog receiver on 127.0.0.1 for tests: RFC 5424 over UDP, and over TCP with RFC 6587 octet-counting
 * (`LEN SP MSG`) or, as a fallback, LF-terminated framing.
 */
export interface SyslogListener {
  kind: 'rsyslog' | 'node';
  udpPort: number;
  tcpPort: number;
  /** Every message received so far, raw RFC 5424 text, one per entry, without framing. */
  messages(): string[];
  /** Resolves with all messages once at least `count` have arrived; rejects after `timeoutMs`. */
  waitFor(count: number, timeoutMs?: number): Promise<string[]>;
  close(): Promise<void>;
}

const START_TIMEOUT_MS = 10_000;
const STOP_TIMEOUT_MS = 5_000;
const POLL_MS = 10;

/**
 * Debian's real rsyslogd when it is installed (an independent parser is a better witness than our own),
 * else a small Node listener. AARM_TEST_NO_RSYSLOG=1 forces the Node listener.
 */
export async function startSyslogListener(): Promise<SyslogListener> {
  // rsyslog's UDP port is found through /proc, hence Linux only.
  const rsyslogd =
    process.env.AARM_TEST_NO_RSYSLOG || process.platform !== 'linux' ? undefined : findRsyslogd();
  return rsyslogd === undefined ? startNodeListener() : startRsyslog(rsyslogd);
}

function findRsyslogd(): string | undefined {
  const dirs = [...(process.env.PATH ?? '').split(delimiter).filter(Boolean), '/usr/sbin', '/sbin'];
  for (const dir of dirs) {
    const file = join(dir, 'rsyslogd');
    try {
      accessSync(file, constants.X_OK);
      return file;
    } catch {
      // not in this folder
    }
  }
  return undefined;
}

function rsyslogConfig(dir: string): string {
  const q = (s: string) => JSON.stringify(s); // rsyslog string constants take the same \" and \\ escapes
  return `
# maxMessageSize before the inputs: the default 8k truncates UDP messages and splits octet-counted TCP ones.
# processInternalMessages keeps rsyslogd's own messages away from the system's /dev/log and journal.
# rawmsg is kept as sent: no #ooo escaping of control characters, no trailing LF dropped.
global(
  workDirectory=${q(dir)}
  maxMessageSize="64k"
  processInternalMessages="on"
  net.enableDNS="off"
  parser.escapeControlCharactersOnReceive="off"
  parser.dropTrailingLFOnReception="off"
)
module(load="imudp")
module(load="imtcp")

# Each record is "LEN SP RAWMSG LF", LEN in bytes, so messages that hold LFs still split unambiguously.
template(name="aarmFramed" type="string" string="%$.len% %rawmsg%\\n")
ruleset(name="aarmIn") {
  set $.len = strlen($rawmsg);
  action(type="omfile" file=${q(join(dir, 'messages.log'))} template="aarmFramed")
}

# Port 0: the kernel picks free ports. imtcp writes its port to a file; imudp has no such file, see socketPorts().
# Only these inputs use the ruleset, so rsyslogd's own "start" message stays out of messages.log.
input(type="imudp" address="127.0.0.1" port="0" ruleset="aarmIn")
input(type="imtcp" address="127.0.0.1" port="0" listenPortFileName=${q(join(dir, 'tcp.port'))} ruleset="aarmIn")
`;
}

async function startRsyslog(rsyslogd: string): Promise<SyslogListener> {
  const dir = mkdtempSync(join(tmpdir(), 'aarm-rsyslog-'));
  const configFile = join(dir, 'rsyslog.conf');
  const messagesFile = join(dir, 'messages.log');
  const portFile = join(dir, 'tcp.port');
  writeFileSync(configFile, rsyslogConfig(dir));

  // systemd's variables would make rsyslogd talk to the service manager of whoever runs the tests.
  const env = { ...process.env };
  for (const name of ['NOTIFY_SOCKET', 'LISTEN_PID', 'LISTEN_FDS', 'LISTEN_FDNAMES']) delete env[name];
  const child = spawn(rsyslogd, ['-n', '-f', configFile, '-i', join(dir, 'rsyslogd.pid')], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const collect = (d: Buffer) => (output = (output + d.toString()).slice(-16_384));
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  let exitReason: string | undefined;
  const exited = new Promise<void>((resolveExit) => {
    child.once('error', (err) => {
      exitReason = err.message;
      resolveExit();
    });
    child.once('exit', (code, signal) => {
      exitReason = `exit ${String(code ?? signal)}`;
      resolveExit();
    });
  });
  // A test that crashes before close() must not leave rsyslogd behind.
  const onExit = () => {
    child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  };
  process.once('exit', onExit);

  const cleanup = async () => {
    process.off('exit', onExit);
    await stopChild(child, exited);
    rmSync(dir, { recursive: true, force: true });
  };

  let ports: { udp: number; tcp: number } | undefined;
  try {
    const deadline = Date.now() + START_TIMEOUT_MS;
    while (ports === undefined) {
      if (exitReason !== undefined) throw new Error(`rsyslogd stopped (${exitReason}) before listening`);
      if (Date.now() > deadline) throw new Error(`rsyslogd did not listen within ${START_TIMEOUT_MS} ms`);
      await delay(POLL_MS);
      ports = listeningPorts(child.pid, portFile);
    }
  } catch (err) {
    await cleanup();
    throw new Error(`${(err as Error).message}; its output:\n${output}`);
  }

  const received: string[] = [];
  let offset = 0;
  // Reads only whole records: omfile may have written part of a big one.
  const refresh = () => {
    let data: Buffer;
    try {
      data = readFileSync(messagesFile);
    } catch {
      return; // omfile creates the file with the first message
    }
    for (;;) {
      const space = data.indexOf(0x20, offset);
      if (space < 0) return;
      const length = Number(data.toString('latin1', offset, space));
      if (!Number.isSafeInteger(length)) throw new Error(`bad record at byte ${offset} of ${messagesFile}`);
      const end = space + 1 + length;
      if (data.length < end + 1) return;
      received.push(data.toString('utf8', space + 1, end));
      offset = end + 1; // the record's LF
    }
  };

  let closing: Promise<void> | undefined;
  const listener: SyslogListener = {
    kind: 'rsyslog',
    udpPort: ports.udp,
    tcpPort: ports.tcp,
    messages() {
      refresh(); // after close the file is gone and this keeps the last messages
      return [...received];
    },
    waitFor: (count, timeoutMs) => waitForMessages(listener, count, timeoutMs),
    close() {
      closing ??= (async () => {
        // rsyslogd writes out its queue on SIGTERM; keep what it wrote for messages() after close.
        await stopChild(child, exited);
        refresh();
        await cleanup();
      })();
      return closing;
    },
  };
  return listener;
}

/** Both ports once rsyslogd's sockets are bound (UDP) and listening (TCP), else undefined. */
function listeningPorts(pid: number | undefined, portFile: string): { udp: number; tcp: number } | undefined {
  if (pid === undefined) return undefined;
  let tcp: number;
  try {
    tcp = Number(readFileSync(portFile, 'utf8').trim());
  } catch {
    return undefined;
  }
  // imtcp writes the port file between bind() and listen(), so also wait for the LISTEN state (0A).
  if (!(tcp > 0) || !socketPorts(pid, 'tcp', '0A').includes(tcp)) return undefined;
  const [udp] = socketPorts(pid, 'udp');
  return udp === undefined ? undefined : { udp, tcp };
}

/**
 * Local ports of `pid`'s sockets in /proc/PID/net/{udp,tcp}, matched by socket inode. This is how the port
 * of imudp's port 0 is learnt without a bind-then-close race, and it doubles as the readiness check.
 */
function socketPorts(pid: number, table: 'udp' | 'tcp', state?: string): number[] {
  const inodes = new Set<string>();
  try {
    for (const fd of readdirSync(`/proc/${pid}/fd`)) {
      try {
        const inode = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`))?.[1];
        if (inode !== undefined) inodes.add(inode);
      } catch {
        // the descriptor closed meanwhile
      }
    }
  } catch {
    return []; // the process is gone
  }
  const ports: number[] = [];
  let lines: string[];
  try {
    lines = readFileSync(`/proc/${pid}/net/${table}`, 'utf8').split('\n').slice(1);
  } catch {
    return [];
  }
  for (const line of lines) {
    // sl local_address rem_address st tx_queue:rx_queue tr:tm->when retrnsmt uid timeout inode ...
    const [, local, , st, , , , , , inode] = line.trim().split(/\s+/);
    const port = local?.split(':')[1];
    if (port === undefined || inode === undefined || !inodes.has(inode)) continue;
    if (state === undefined || st === state) ports.push(parseInt(port, 16));
  }
  return ports;
}

async function stopChild(child: ChildProcess, exited: Promise<void>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  child.kill('SIGTERM');
  const stopped = await Promise.race([exited.then(() => true), delay(STOP_TIMEOUT_MS, false)]);
  if (!stopped) {
    child.kill('SIGKILL');
    await exited;
  }
}

async function startNodeListener(): Promise<SyslogListener> {
  const received: string[] = [];
  const udp = createSocket('udp4');
  // A datagram is one message, kept byte for byte (as rsyslog is configured to).
  udp.on('message', (msg) => received.push(msg.toString('utf8')));
  await new Promise<void>((resolveBind, reject) => {
    udp.once('error', reject);
    udp.bind(0, '127.0.0.1', () => {
      udp.off('error', reject);
      resolveBind();
    });
  });

  const connections = new Set<Socket>();
  const tcp = createServer((socket) => {
    connections.add(socket);
    let rest: Buffer = Buffer.alloc(0);
    socket.on('data', (chunk: Buffer) => {
      rest = takeFrames(Buffer.concat([rest, chunk]), received);
    });
    socket.on('end', () => {
      // Like rsyslog: an unterminated LF-framed message still counts, a cut octet-counted one does not.
      if (rest.length > 0 && !isDigit(rest[0])) received.push(rest.toString('utf8'));
      rest = Buffer.alloc(0);
    });
    socket.on('error', () => {
      // a sender resetting its connection is its own business, not a crash of the test
    });
    socket.on('close', () => connections.delete(socket));
  });
  await new Promise<void>((resolveListen, reject) => {
    tcp.once('error', reject);
    tcp.listen(0, '127.0.0.1', () => {
      tcp.off('error', reject);
      resolveListen();
    });
  });
  const tcpAddress = tcp.address();
  if (tcpAddress === null || typeof tcpAddress === 'string') throw new Error('TCP listener has no port');

  let closing: Promise<void> | undefined;
  const listener: SyslogListener = {
    kind: 'node',
    udpPort: udp.address().port,
    tcpPort: tcpAddress.port,
    messages: () => [...received],
    waitFor: (count, timeoutMs) => waitForMessages(listener, count, timeoutMs),
    close() {
      if (closing === undefined) {
        for (const socket of connections) socket.destroy();
        closing = Promise.all([
          new Promise<void>((resolveClose) => udp.close(() => resolveClose())),
          new Promise<void>((resolveClose) => tcp.close(() => resolveClose())),
        ]).then(() => undefined);
      }
      return closing;
    },
  };
  return listener;
}

function isDigit(byte: number | undefined): boolean {
  return byte !== undefined && byte >= 0x30 && byte <= 0x39;
}

/**
 * Moves every complete RFC 6587 frame from `buf` to `out` and returns the incomplete rest. As in rsyslog,
 * a frame that starts with a digit is octet-counted (`LEN SP MSG`), any other is LF-terminated; empty
 * LF-terminated frames are skipped.
 */
function takeFrames(buf: Buffer, out: string[]): Buffer {
  let rest = buf;
  for (;;) {
    let digits = 0;
    while (isDigit(rest[digits])) digits++;
    if (digits > 0 && digits === rest.length) return rest; // the length is still arriving
    if (digits > 0 && rest[digits] === 0x20) {
      const start = digits + 1;
      const end = start + Number(rest.toString('latin1', 0, digits));
      if (rest.length < end) return rest;
      out.push(rest.toString('utf8', start, end));
      rest = rest.subarray(end);
      continue;
    }
    const lf = rest.indexOf(0x0a);
    if (lf < 0) return rest;
    if (lf > 0) out.push(rest.toString('utf8', 0, lf));
    rest = rest.subarray(lf + 1);
  }
}

async function waitForMessages(
  listener: SyslogListener,
  count: number,
  timeoutMs = 5_000,
): Promise<string[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const got = listener.messages();
    if (got.length >= count) return got;
    if (Date.now() >= deadline) {
      const shown = got.map((m) => (m.length > 300 ? `${m.slice(0, 300)}…` : m));
      throw new Error(
        `${listener.kind} syslog listener: ${got.length} of ${count} messages after ${timeoutMs} ms:\n` +
          shown.join('\n'),
      );
    }
    await delay(POLL_MS * 2);
  }
}
