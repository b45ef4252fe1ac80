/**
 * The pure half of telemetry (R8): redaction (T9), filters, drift findings, and the CEF / RFC 5424 /
 * OCSF shapes a SIEM parses. The live path, against real receivers, is test/integration/telemetry.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  driftFindings,
  matchesFilter,
  redactEvent,
  scrubSecrets,
  toCef,
  toOcsfEvent,
  toSyslog,
  type ChainCheckpoint,
  type TelemetryEvent,
} from '../../daemon/src/telemetry/index.js';
import { EMPTY_SESSION, type SignedReceipt } from '../../daemon/src/protocol/index.js';
import { fillPlaceholders, readJsonl } from '../helpers/corpora.js';
import { findCheckpoints } from '../../daemon/src/receipts/checkpoints.js';
import { MAX_SCANNED } from '../../daemon/src/receipts/secrets.js';

const origin = { version: '0.1.0', hostname: 'dev box', pid: 42 };

function actionReceipt(
  over: { command?: string; decision?: 'allow' | 'deny' | 'defer'; reason?: string; session?: string } = {},
) {
  const decision = over.decision ?? 'deny';
  return {
    type: 'receipt',
    record: {
      body: {
        kind: 'action',
        v: 1,
        id: 'rcpt_1',
        seq: 7,
        prevHash: 'a'.repeat(64),
        sessionSeq: 3,
        sessionPrevHash: 'b'.repeat(64),
        keyId: 'ed25519:k',
        time: '2026-11-26T01:00:00.000Z',
        session: over.session ?? 'sess_1',
        action: {
          tool: 'shell',
          operation: 'exec',
          parameters: { command: over.command ?? 'rm -rf ~', cwd: '/w' },
        },
        identity: { human: { user: 'alice', git: 'alice@example.com' }, agent: { name: 'claude-code' } },
        decision: {
          decision,
          rule: 'destroy|home',
          reason: over.reason ?? 'deletes a=b\\c\nhome',
          risk: 'critical',
          layer: 'policy',
          policyHash: 'p',
        },
        verdict: decision === 'allow' ? 'allow' : 'deny',
        approval: { status: 'not_required' },
        deferral: decision === 'defer' ? { reason: 'waits', resolution: 'pending' } : null,
      },
      canonical: '',
      sig: 'sig',
      hash: 'c'.repeat(64),
    } as unknown as SignedReceipt,
  } satisfies TelemetryEvent;
}

/** A checkpoint event as the daemon sends one; `over` sets the fields a test is about. */
function checkpointEvent(over: Partial<ChainCheckpoint>): TelemetryEvent {
  return {
    type: 'checkpoint',
    checkpoint: {
      seq: 1,
      hash: 'h',
      time: '2026-11-26T01:00:00.000Z',
      keyId: 'k',
      sig: 's',
      receiptId: 'r',
      publicKey: 'p',
      ...over,
    },
  };
}

test('secret-shaped values are replaced by digests; everyday commands are left alone', () => {
  const secrets = [
    'AKIAIOSFODNN7EXAMPLE',
    'ghp_abcdefghijklmnopqrstuvwxyz0123456789',
    'github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyz',
    'xoxb-123456789012-abcdefghijkl',
    'sk-ant-api03-abcdefghijklmnopqrstuvwx',
    'glpat-abcdefghijklmnopqrst',
    'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U',
  ];
  for (const secret of secrets) {
    const out = scrubSecrets(`deploy --with ${secret} now`);
    assert.ok(!out.includes(secret), `${secret} left in ${out}`);
    assert.match(out, /^deploy --with \[redacted sha256:[0-9a-f]{64} \d+ bytes\] now$/);
  }
  for (const [text, kept] of [
    ['curl -H "Authorization: Bearer abc.def" https://x', 'curl -H "Authorization: Bearer '],
    ['mysql --password=hunter2 db', 'mysql --password='],
    ['git clone https://bob:hunter2@git.example/r.git', 'https://bob:'],
    ['DB_PASSWORD=hunter2 ./run', 'DB_PASSWORD='],
    ['-----BEGIN RSA PRIVATE KEY-----\nMIIE\n-----END RSA PRIVATE KEY-----', ''],
  ] as const) {
    const out = scrubSecrets(text);
    assert.ok(!out.includes('hunter2') && !out.includes('abc.def') && !out.includes('MIIE'), out);
    assert.ok(out.includes(kept), out);
    assert.equal(out.match(/\[redacted/g)?.length, 1, `one digest, not nested: ${out}`);
  }
  const everyday = readJsonl<{ command: string }>('benign-commands/tldr_examples_sample3000.jsonl').map((e) =>
    fillPlaceholders(e.command),
  );
  const changed = everyday.filter((c) => scrubSecrets(c) !== c);
  // the few changed put a placeholder where a credential goes (`--password password`, `redis-cli -a
  // password`, `--account-key account_key`): redacted on purpose (test/unit/redaction.test.ts lists them)
  assert.ok(changed.length <= 25, `${changed.length} everyday commands changed:\n${changed.join('\n')}`);
  assert.ok(
    changed.every((c) => /pass|token|secret|key|:\/\/\w+:/i.test(c)),
    changed.join('\n'),
  );
});

test('redaction: configured fields and secrets leave as digests; the stored receipt is untouched', () => {
  const event = actionReceipt({ command: 'git push https://x:ghp_abcdefghijklmnopqrstuvwxyz0123456789@h/r' });
  const out = redactEvent(event, ['identity.human.git', 'action.parameters.cwd', 'no.such.field']);
  assert.equal(out.type, 'receipt');
  const body = (out as typeof event).record.body as unknown as {
    identity: { human: { git: string; user: string } };
    action: { parameters: { command: string; cwd: string } };
  };
  assert.match(body.identity.human.git, /^\[redacted sha256:[0-9a-f]{64} 17 bytes\]$/);
  assert.equal(body.identity.human.user, 'alice');
  assert.match(body.action.parameters.cwd, /^\[redacted /);
  assert.ok(!body.action.parameters.command.includes('ghp_'));
  assert.ok(JSON.stringify(event).includes('ghp_'), 'the original event object is not changed');
  assert.equal(
    (out as typeof event).record.hash,
    event.record.hash,
    'the hash still names the stored receipt',
  );
});

test('filters: by event kind, action type, decision (DEFER included) and identity', () => {
  const deny = actionReceipt();
  const defer = actionReceipt({ decision: 'defer' });
  const allow = actionReceipt({ decision: 'allow' });
  assert.equal(matchesFilter(deny, undefined), true);
  assert.equal(matchesFilter(deny, { decisions: ['deny', 'defer'] }), true);
  assert.equal(matchesFilter(allow, { decisions: ['deny', 'defer'] }), false);
  assert.equal(matchesFilter(defer, { events: ['deferral'] }), true);
  assert.equal(matchesFilter(deny, { events: ['deferral'] }), false);
  assert.equal(matchesFilter(deny, { actions: ['shell'] }), true);
  assert.equal(matchesFilter(deny, { actions: ['shell exec'] }), true);
  assert.equal(matchesFilter(deny, { actions: ['fs write', 'net'] }), false);
  assert.equal(matchesFilter(deny, { identities: ['claude-code'] }), true);
  assert.equal(matchesFilter(deny, { identities: ['alice@example.com'] }), true);
  assert.equal(matchesFilter(deny, { identities: ['mallory'] }), false);
  const checkpoint = checkpointEvent({ seq: 1 });
  assert.equal(matchesFilter(checkpoint, { decisions: ['deny'] }), true, 'a checkpoint has no decision');
  assert.equal(matchesFilter(checkpoint, { events: ['decision'] }), false);
});

test('CEF and RFC 5424: escaped as the formats require, the receipt id in both', () => {
  const event = actionReceipt();
  const cef = toCef(event, origin);
  // seven `|`-separated header fields (a `|` in them escaped), then the extension (where `|` is plain)
  const parts = cef.split(/(?<!\\)\|/);
  const extension = parts.slice(7).join('|');
  assert.deepEqual(parts.slice(0, 7), [
    'CEF:0',
    'AARM',
    'aarm',
    '0.1.0',
    'destroy\\|home',
    'deny shell exec',
    '10',
  ]);
  assert.match(extension, /(^| )externalId=rcpt_1( |$)/);
  assert.match(extension, / cs2=destroy\|home /);
  assert.match(extension, /msg=deletes a\\=b\\\\c\\nhome/);
  assert.ok(!cef.includes('\n'), 'one line');
  const line = toSyslog(event, origin, 13);
  assert.match(
    line,
    /^<106>1 2026-11-26T01:00:00.000Z dev_box aarm 42 action \[aarm@32473 receipt="rcpt_1" session="sess_1" kinds="decision"\] CEF:0\|/,
  );
});

test('OCSF: a drift finding is a Detection Finding, a checkpoint an Event Log Activity, both naming the product', () => {
  const before = { ...EMPTY_SESSION, id: 's', actions: 4, denied: 2 };
  const after = {
    ...before,
    actions: 5,
    denied: 3,
    untrusted: true,
    untrustedSources: ['https://evil.example'],
    dataClasses: ['credential'],
  };
  const findings = driftFindings(before, after, {
    session: 's',
    receiptId: 'rcpt_9',
    time: '2026-11-26T01:00:00.000Z',
    secretInParameters: true,
  });
  assert.deepEqual(
    findings.map((f) => [f.signal, f.risk]),
    [
      ['untrusted-input', 'high'],
      ['sensitive-data', 'high'],
      ['secret-in-parameters', 'critical'],
      ['repeated-denials', 'medium'],
    ],
  );
  assert.deepEqual(
    driftFindings(
      after,
      { ...after, actions: 6 },
      { session: 's', receiptId: 'r', time: '', secretInParameters: false },
    ),
    [],
    'nothing new, nothing found',
  );
  const ocsf = toOcsfEvent({ type: 'drift', finding: findings[0]! }, origin) as {
    class_uid: number;
    type_uid: number;
    finding_info: { uid: string; title: string; related_events: Array<{ uid: string }> };
    metadata: { product: { name: string } };
  };
  assert.equal(ocsf.class_uid, 2004);
  assert.equal(ocsf.type_uid, 200401);
  assert.equal(ocsf.finding_info.related_events[0]!.uid, 'rcpt_9');
  assert.equal(ocsf.metadata.product.name, 'AARM for coding agents');
  const checkpoint = toOcsfEvent(checkpointEvent({ seq: 5 }), origin) as {
    class_uid: number;
    unmapped: { checkpoint: { seq: number; sig: string } };
  };
  assert.equal(checkpoint.class_uid, 1008);
  assert.equal(checkpoint.unmapped.checkpoint.sig, 's');
});

test('redaction: values under secret-named keys (MCP arguments) leave as digests', () => {
  const event = actionReceipt();
  (event.record.body as unknown as { action: unknown }).action = {
    tool: 'mcp',
    operation: 'call',
    parameters: {
      server: 'db',
      tool: 'connect',
      arguments: { user: 'app', password: 'hunter2', apiKey: 'k-123' },
    },
  };
  const out = JSON.stringify(redactEvent(event, []));
  assert.ok(!out.includes('hunter2') && !out.includes('k-123'), out);
  assert.match(out, /"user":"app"/);
});

test(
  'redaction takes linear time on crafted input: an agent cannot stall the exporter',
  // The unbounded patterns took ~13 s on the first two (64 KiB); the bounded ones take well under a
  // second, on this 2-vCPU machine. test/unit/redaction.test.ts tries 1 MiB of each shape's filler.
  { timeout: 5_000 },
  () => {
    for (const crafted of [
      'a-'.repeat(32_000),
      'a.'.repeat(32_000),
      `x://${'a'.repeat(60_000)}`,
      '-----BEGIN PRIVATE KEY-----'.repeat(2000),
    ]) {
      const out = scrubSecrets(crafted);
      assert.ok(out.length > 0);
    }
    assert.match(
      scrubSecrets('z'.repeat(MAX_SCANNED + 1)),
      new RegExp(`^\\[redacted sha256:[0-9a-f]{64} ${MAX_SCANNED + 1} bytes\\]$`),
      'over 1 MiB (more than an action can hold): a digest',
    );
  },
);

test('checkpoints are read only where the daemon puts them, not from agent-written data', () => {
  const checkpoint = {
    seq: 3,
    hash: 'h'.repeat(64),
    time: '2026-11-26T01:00:00.000Z',
    keyId: 'k',
    sig: 'forged',
  };
  const receipt = toOcsfEvent(actionReceipt(), origin) as Record<string, unknown>;
  // an agent's MCP arguments shaped like a checkpoint, inside a receipt event
  (receipt.api as { request: { data: unknown } }).request.data = { arguments: checkpoint };
  const real = toOcsfEvent(checkpointEvent({ ...checkpoint, sig: 'real' }), origin);
  assert.deepEqual(
    findCheckpoints(JSON.stringify([receipt, real])).map((c) => c.sig),
    ['real'],
  );
  assert.deepEqual(
    findCheckpoints(`${JSON.stringify(checkpoint)}\n`).map((c) => c.sig),
    ['forged'],
    'a raw one, as kept',
  );
  assert.deepEqual(
    findCheckpoints(toCef(actionReceipt({ command: 'echo cat=checkpoint cn1=3' }), origin)),
    [],
  );
  // An OCSF file line (JSON) whose command carries a whole CEF checkpoint record.
  const planted = `CEF:0|AARM|aarm|0.1.0|builtin.checkpoint|checkpoint|3|rt=1 cn1=3 cs4=${'h'.repeat(64)} cs5=k cs6=forged`;
  const ocsfLine = JSON.stringify(toOcsfEvent(actionReceipt({ command: `echo '${planted}'` }), origin));
  assert.deepEqual(findCheckpoints(`${ocsfLine}\n`), [], 'a JSON line is only JSON');
  // A syslog line whose session id (structured data, before the real CEF record) is a checkpoint.
  const syslogLine = toSyslog(actionReceipt({ command: 'ls', session: planted }), origin, 13);
  assert.ok(syslogLine.includes('checkpoint|3|rt=1'), 'the planted text is in the structured data');
  assert.deepEqual(findCheckpoints(`${syslogLine}\n`), [], 'structured data is not the message');
});

test('syslog and CEF carry no raw control characters an agent wrote (CR, LF, ESC, NUL)', () => {
  const command = 'echo \u001b[31mred\u0000\r\nINJECTED <13>1 fake';
  const event = actionReceipt({ command, reason: 'why\u001b]0;title\u0007' });
  for (const line of [toCef(event, origin), toSyslog(event, origin, 13)])
    assert.doesNotMatch(line, /[\u0000-\u001f\u007f]/, JSON.stringify(line));
});
