/**
 * Every exporter and verifier survives what the store holds (issue 18): the deepest action the
 * door accepts (64 levels), and a far deeper one kept by an older version, export in every format
 * and verify, instead of failing with a RangeError or leaving the audit unreadable.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openReceiptStore } from '../../daemon/src/receipts/store.js';
import { signHead } from '../../daemon/src/receipts/chain-check.js';
import { aarmHome, loadOrCreateKeys } from '../../daemon/src/state/home.js';
import type { Receipt } from '../../daemon/src/protocol/index.js';
import { runCli, startTestDaemon, storedReceipts, tempDir } from '../helpers/env.js';

/** `{ "a": { "a": … "leaf" } }`, `levels` objects deep, built without recursion. */
function nested(levels: number, leaf: unknown = 'leaf'): Record<string, unknown> {
  let value: unknown = leaf;
  for (let i = 0; i < levels; i++) value = { a: value };
  return value as Record<string, unknown>;
}

const FORMATS = ['bundle', 'ocsf', 'otlp', 'cef'] as const;

async function exportAndVerify(homeDir: string, dir: string, label: string) {
  const env = { AARM_HOME: homeDir };
  for (const format of FORMATS) {
    const out = join(dir, `${label}.${format}`);
    const exported = await runCli(['export', '--all', '--format', format, '--out', out], { env });
    assert.equal(exported.code, 0, `${label} ${format}: ${exported.stderr}`);
    assert.doesNotMatch(exported.stderr, /RangeError|at .*\.js:\d+/, `${label} ${format}: no stack trace`);
    assert.ok(readFileSync(out, 'utf8').length > 0, `${label} ${format}: written`);
  }
  const bundle = join(dir, `${label}.bundle`);
  for (const flags of [[], ['--every-signature'], ['--portable']]) {
    const verified = await runCli(['verify', ...flags, bundle], { env });
    assert.equal(verified.code, 0, `${label} verify ${flags.join(' ')}: ${verified.stderr}`);
    assert.match(verified.stdout, /verified \d+ record/);
  }
}

test('the deepest action the door accepts, and a deeper one from an older store, export in every format and verify', async () => {
  const temp = tempDir();
  const t = await startTestDaemon({ root: temp.dir });
  let closed = false;
  try {
    const agent = await t.client({ session: 'deep' });
    // 64 levels in all: the action, its parameters and arguments, then the nest.
    const accepted = await agent.submit({
      tool: 'mcp',
      operation: 'call',
      parameters: { server: 'srv', tool: 'store', arguments: nested(60) },
      context: { workspace: t.workspace },
    });
    assert.notEqual(accepted.decision.rule, 'builtin.invalid-action', accepted.decision.reason);
    await agent.close();
    await t.close();
    closed = true;
    await exportAndVerify(t.homeDir, t.root, 'at-the-limit');

    // An older version stored whatever came: append a copy 10,000 levels deep (it kept ~3,000).
    const home = aarmHome(t.homeDir);
    const key = loadOrCreateKeys(home).at(-1)!;
    const store = openReceiptStore(home.database);
    const decision = storedReceipts(t.homeDir).find(
      (r): r is Extract<Receipt, { kind: 'action' }> => r.kind === 'action' && r.session === 'deep',
    )!;
    const { seq: _seq, prevHash: _prev, ...body } = decision as Receipt & { seq: number; prevHash: string };
    store.append(
      {
        ...body,
        id: 'rcpt_deep_legacy',
        action: {
          ...decision.action!,
          parameters: { server: 'srv', tool: 'store', arguments: nested(10_000) },
        },
      } as never,
      key,
    );
    writeFileSync(home.checkpointFile, JSON.stringify(signHead(key, store.head())));
    store.close();
    await exportAndVerify(t.homeDir, t.root, 'legacy');
  } finally {
    if (!closed) await t.close();
    temp.cleanup();
  }
});
