/**
 * The daemon's egress proxy (issue 19, AARM R9): a confined command with `network: proxy` has no
 * network of its own; its one way out is a Unix socket the daemon opens for that command alone,
 * which speaks HTTP proxy (CONNECT and plain absolute-form requests) and lets through only the
 * hosts its decision named. The cloud metadata service is refused always, and a name that resolves
 * to a loopback or private address is refused unless the decision named such an address itself
 * (no DNS rebinding into the machine's own services). What went through, what was refused and
 * which secret was added where is kept for the command's outcome receipt.
 */
import { lookup } from 'node:dns/promises';
import { chmodSync, mkdirSync, rmSync } from 'node:fs';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import https from 'node:https';
import { isIP, connect, type Socket } from 'node:net';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Duplex } from 'node:stream';
import type { EgressGrant, EgressLog } from '../protocol/index.js';
import { hostClass } from '../protocol/paths.js';

export interface EgressProxy {
  /** Opens the proxy for one allowed command; the socket's path, for the runner to bind in. */
  open(grant: EgressGrant): Promise<string>;
  /** Closes it (the outcome arrived); what went through, or undefined when it was not open. */
  close(receiptId: string): EgressLog | undefined;
  closeAll(): void;
}

/** A proxy unused this long (no connection open, none new) closes itself: its command is gone. */
const IDLE_MS = 10 * 60_000;
/** And none lives longer than this. */
const MAX_LIFE_MS = 6 * 3600_000;
/** Connections at once for one command: a runaway loop cannot take the daemon's descriptors. */
const MAX_CONNECTIONS = 64;
const MAX_LOG_ENTRIES = 256;

export function createEgressProxy(options: {
  /** a folder only this user can enter (the state directory's `egress/`) */
  dir: string;
  /** the daemon's environment, where bound secrets are read */
  env: NodeJS.ProcessEnv;
  /** a proxy closed without an outcome (idle or too old): its log, for a receipt */
  expired: (grant: EgressGrant, log: EgressLog) => void;
  log: (line: string) => void;
  /** the resolver (tests give names to loopback addresses) */
  resolve?: (host: string) => Promise<string[]>;
}): EgressProxy {
  const open = new Map<string, Session>();
  const resolveHost =
    options.resolve ??
    (async (host: string) => (await lookup(host, { all: true, verbatim: true })).map((a) => a.address));

  const finish = (receiptId: string): EgressLog | undefined => {
    const session = open.get(receiptId);
    if (!session) return undefined;
    open.delete(receiptId);
    session.stop();
    return session.log();
  };

  return {
    async open(grant) {
      finish(grant.receiptId);
      mkdirSync(options.dir, { recursive: true, mode: 0o700 });
      chmodSync(options.dir, 0o700);
      const socket = join(options.dir, `${randomBytes(12).toString('hex')}.sock`);
      const session = await startSession(grant, socket, resolveHost, options.env, () => {
        if (open.get(grant.receiptId) !== session) return;
        open.delete(grant.receiptId);
        session.stop();
        options.expired(grant, session.log());
      });
      open.set(grant.receiptId, session);
      return socket;
    },
    close: finish,
    closeAll() {
      for (const id of [...open.keys()]) finish(id);
    },
  };
}

interface Session {
  log(): EgressLog;
  stop(): void;
}

async function startSession(
  grant: EgressGrant,
  socketPath: string,
  resolveHost: (host: string) => Promise<string[]>,
  env: NodeJS.ProcessEnv,
  expire: () => void,
): Promise<Session> {
  const allowed = new Map<string, { host: string; port: number; count: number }>();
  const refused = new Map<string, { host: string; port: number; count: number; reason: string }>();
  const secretsUsed = new Map<string, { name: string; host: string; count: number }>();
  const sockets = new Set<Duplex>();
  // Past the log's bounds an entry is not listed, but counted: a flood of decoys cannot hide an
  // attempt without the receipt saying that something was left out.
  let omitted = 0;
  const count = <T extends { count: number }>(map: Map<string, T>, key: string, fresh: () => T) => {
    const entry = map.get(key) ?? (map.size < MAX_LOG_ENTRIES ? fresh() : undefined);
    if (!entry) {
      omitted++;
      return;
    }
    entry.count++;
    map.set(key, entry);
  };
  const refuse = (host: string, port: number, reason: string) =>
    count(refused, `${host}:${port}`, () => ({ host, port, count: 0, reason }));

  /** Where `host:port` may be reached, or why not. */
  const admit = async (
    rawHost: string,
    port: number,
  ): Promise<{ ok: true; address: string; host: string } | { ok: false; host: string; reason: string }> => {
    const host = canonicalHost(rawHost);
    if (!host || !Number.isInteger(port) || port < 1 || port > 65535)
      return { ok: false, host: host || rawHost.slice(0, 64), reason: 'not a host and port' };
    if (hostClass(host) === 'metadata')
      return { ok: false, host, reason: "the cloud metadata service hands out the machine's credentials" };
    // `host:port` as the decision names it; a bare `host` (only from `aarm confine --host`) any port.
    const entry = grant.hosts.find((h) => h === `${host}:${port}` || h === host);
    if (!entry) return { ok: false, host, reason: "not a host and port this command's decision allows" };
    let addresses: string[];
    try {
      addresses = isIP(unbracket(host)) ? [unbracket(host)] : await resolveHost(host);
    } catch (error) {
      return { ok: false, host, reason: `cannot resolve it: ${(error as Error).message}`.slice(0, 300) };
    }
    // A name may only lead into this machine, or its network, when the decision named such a
    // place: a public name only to public addresses, a private one (`.lan`) only to private ones.
    const named = hostClass(host);
    for (const address of addresses) {
      const kind = hostClass(address.includes(':') ? `[${address}]` : address);
      if (kind === (named === 'unknown' ? 'public' : named)) return { ok: true, address, host };
    }
    return {
      ok: false,
      host,
      reason: 'it resolves only to addresses the decision did not name (loopback, private or metadata)',
    };
  };

  const server = http.createServer({ requestTimeout: 0, headersTimeout: 30_000 });
  let lastActive = Date.now();
  const started = Date.now();
  const track = (socket: Duplex) => {
    sockets.add(socket);
    lastActive = Date.now();
    socket.once('close', () => {
      sockets.delete(socket);
      lastActive = Date.now();
    });
  };
  server.on('connection', (socket: Socket) => {
    if (sockets.size >= MAX_CONNECTIONS) return socket.destroy();
    track(socket);
  });

  server.on('connect', (req: IncomingMessage, client: Duplex, head: Buffer) => {
    // The client may vanish at any moment (before the answer, while the name resolves): an error
    // on its socket must never reach the daemon unhandled.
    client.on('error', () => client.destroy());
    const target = splitHostPort(req.url ?? '', 443);
    void admit(target.host, target.port).then(
      (admitted) => {
        if (client.destroyed) return;
        if (!admitted.ok) {
          refuse(admitted.host, target.port, admitted.reason);
          client.end(plainAnswer('403 Forbidden', refusalText(admitted.host, admitted.reason)));
          return;
        }
        const upstream = connect({ host: admitted.address, port: target.port });
        track(upstream);
        upstream.once('connect', () => {
          count(allowed, `${admitted.host}:${target.port}`, () => ({
            host: admitted.host,
            port: target.port,
            count: 0,
          }));
          client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
          if (head.length > 0) upstream.write(head);
          upstream.pipe(client);
          client.pipe(upstream);
        });
        const end = () => {
          upstream.destroy();
          client.destroy();
        };
        upstream.once('error', (error) => {
          if (!client.destroyed)
            client.end(plainAnswer('502 Bad Gateway', `aarm egress proxy: ${error.message}\n`));
          upstream.destroy();
        });
        client.once('error', end);
        client.once('close', end);
      },
      () => client.destroy(),
    );
  });

  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    req.on('error', () => req.destroy());
    res.on('error', () => res.destroy());
    let url: URL;
    try {
      url = new URL(req.url ?? '');
      if (url.protocol !== 'http:')
        throw new Error('only http:// requests are proxied (https goes through CONNECT)');
      // TRACE echoes the request, headers and all: a bound secret would come back to the command.
      if (/^(TRACE|TRACK)$/i.test(req.method ?? '')) throw new Error(`${req.method} is refused`);
    } catch (error) {
      res
        .writeHead(400, { 'content-type': 'text/plain' })
        .end(`aarm egress proxy: ${(error as Error).message}\n`);
      return;
    }
    const port = url.port ? Number(url.port) : 80;
    void admit(url.hostname, port).then(
      (admitted) => {
        if (res.destroyed) return;
        if (!admitted.ok) {
          refuse(admitted.host, port, admitted.reason);
          res
            .writeHead(403, { 'content-type': 'text/plain' })
            .end(refusalText(admitted.host, admitted.reason));
          return;
        }
        count(allowed, `${admitted.host}:${port}`, () => ({ host: admitted.host, port, count: 0 }));
        const headers: http.OutgoingHttpHeaders = {};
        for (const [name, value] of Object.entries(req.headers))
          if (!HOP_BY_HOP.has(name) && value !== undefined) headers[name] = value;
        headers.host = url.host;
        // The body goes on framed as it came (Node has read it, chunked or by length): a body with
        // no framing would be read upstream as a second request (smuggling).
        if (req.headers['transfer-encoding'] !== undefined) {
          delete headers['content-length'];
          headers['transfer-encoding'] = 'chunked';
        }
        // A binding for `host` is for its web ports only; `host:port` for that port.
        const binding = grant.secrets.find(
          (s) =>
            s.hosts.includes(`${admitted.host}:${port}`) ||
            (s.hosts.includes(admitted.host) && (port === 80 || port === 443)),
        );
        const secret = binding ? env[binding.name] : undefined;
        if (binding && secret) {
          headers[binding.header.toLowerCase()] = binding.format.split('{secret}').join(secret);
          count(secretsUsed, `${binding.name}@${admitted.host}`, () => ({
            name: binding.name,
            host: admitted.host,
            count: 0,
          }));
        }
        const overTls = binding?.https === true;
        const request = (overTls ? https : http).request({
          host: admitted.address,
          port: overTls && !url.port ? 443 : port,
          method: req.method,
          path: `${url.pathname}${url.search}`,
          headers,
          setHost: false,
          // One upstream connection per request, closed after it: nothing of one request (or one
          // command) is left on a shared connection for the next.
          agent: false,
          ...(overTls ? { servername: isIP(admitted.host) ? undefined : admitted.host } : {}),
        });
        request.on('socket', (socket) => track(socket));
        request.once('response', (upstream) => {
          const back: http.OutgoingHttpHeaders = {};
          for (const [name, value] of Object.entries(upstream.headers))
            if (!HOP_BY_HOP.has(name) && value !== undefined) back[name] = value;
          try {
            res.writeHead(upstream.statusCode ?? 502, back);
          } catch (error) {
            // A status or header Node will not send (`000`): the upstream's answer is not passed on.
            upstream.destroy();
            if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
            res.end(
              `aarm egress proxy: the server's answer is not valid HTTP: ${(error as Error).message}\n`,
            );
            return;
          }
          upstream.on('error', () => res.destroy());
          upstream.pipe(res);
        });
        request.once('error', (error) => {
          if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
          res.end(`aarm egress proxy: ${error.message}\n`);
        });
        // The command went away before the answer: so does the upstream request.
        res.once('close', () => {
          if (!res.writableFinished) request.destroy();
        });
        req.pipe(request);
      },
      () => res.destroy(),
    );
  });
  server.on('clientError', (_error, socket) => socket.destroy());

  rmSync(socketPath, { force: true });
  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(socketPath, () => {
      server.off('error', reject);
      resolveListen();
    });
  });
  chmodSync(socketPath, 0o600);
  const timer = setInterval(() => {
    const now = Date.now();
    if ((sockets.size === 0 && now - lastActive > IDLE_MS) || now - started > MAX_LIFE_MS) expire();
  }, 30_000);
  timer.unref();

  return {
    log: () => ({
      allowed: [...allowed.values()],
      refused: [...refused.values()],
      secrets: [...secretsUsed.values()],
      ...(omitted > 0 ? { omitted } : {}),
    }),
    stop() {
      clearInterval(timer);
      server.close();
      for (const socket of sockets) socket.destroy();
      rmSync(socketPath, { force: true });
    },
  };
}

const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-authorization',
  'proxy-authenticate',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
]);

const unbracket = (host: string) => (host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host);

/** Lower case, no trailing dot, IPv6 in brackets; empty when it is not a plausible host. */
export function canonicalHost(raw: string): string {
  if (raw.length > 300) return '';
  const host = raw.trim().toLowerCase().replace(/\.$/, '');
  if (host.length > 253) return '';
  if (isIP(host) === 6) return `[${host}]`;
  if (/^\[[0-9a-f:.]+\]$/.test(host) && isIP(unbracket(host)) === 6) return host;
  return /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/.test(host) ? host : '';
}

/** `host:port` or `[v6]:port` of a CONNECT. */
function splitHostPort(target: string, fallback: number): { host: string; port: number } {
  const match = /^(\[[^\]]+\]|[^:]+)(?::(\d+))?$/.exec(target);
  if (!match) return { host: target, port: 0 };
  return { host: match[1]!, port: match[2] ? Number(match[2]) : fallback };
}

function refusalText(host: string, reason: string): string {
  return `aarm egress proxy: ${host} is refused: ${reason}\n`;
}

/** A whole HTTP answer written on a tunnel's socket (a CONNECT has no response object). */
function plainAnswer(status: '403 Forbidden' | '502 Bad Gateway', body: string): string {
  return `HTTP/1.1 ${status}\r\ncontent-type: text/plain\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`;
}
