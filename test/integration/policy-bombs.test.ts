/**
 * A cloned repository's `.aarm/` is untrusted input (issue 18): policies written to stall the
 * daemon (nested loops, glob and string bombs, costly examples, endless files) deny in their own
 * workspace, say why, and leave every other workspace answered within a second.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  HOSTILE_REPOSITORIES,
  writeHostileRepository,
  type HostileKind,
} from '../helpers/hostile-repository.js';
import { shellAction, startTestDaemon } from '../helpers/env.js';

const BUDGET = /conditions took (more time than its budget|more than [\d,]+ steps) for this action/;

/**
 * How each repository's workspace answers the agent's long command: refused, and why; and whether a
 * small second action there is refused too (a policy refused at load, or costly whatever the
 * action). `either`: the policy may be cheap enough to use, so both may be allowed.
 */
const EXPECTED: Record<HostileKind, { why: RegExp; small: 'allow' | 'deny' | 'either' }> = {
  'cel-bomb': { why: BUDGET, small: 'deny' },
  'glob-bomb': { why: BUDGET, small: 'allow' },
  'replace-bomb': { why: BUDGET, small: 'allow' },
  'regex-bomb': { why: BUDGET, small: 'allow' },
  'examples-bomb': { why: /e0: expected allow, got deny .*conditions took/, small: 'deny' },
  // The largest file allowed compiles in about 150 ms here: used, or refused on a slower machine.
  'compile-bomb': { why: /took longer than its budget to compile/, small: 'either' },
  'string-doubling': {
    why: /conditions took (a value of more than|more time|more than [\d,]+ steps)/,
    small: 'deny',
  },
  'regex-repeat': { why: BUDGET, small: 'allow' },
  'parse-nesting': { why: /nested more than 32 deep/, small: 'deny' },
  'many-keys': { why: /unrecognized key|unknown key|`x`/i, small: 'deny' },
  'zero-link': { why: /may not be a symbolic link/, small: 'deny' },
  fifo: { why: /not a regular file/, small: 'deny' },
  'many-files': { why: /at most 16 are read/, small: 'deny' },
};

test('hostile repository policies deny in their own workspace and never hold up another workspace', async () => {
  const t = await startTestDaemon();
  try {
    mkdirSync(t.workspace, { recursive: true });
    const bystander = await t.client({ session: 'bystander' });
    assert.equal((await bystander.submit(shellAction('ls', t.workspace))).verdict, 'allow');
    // The agent's own long command is what the glob and string bombs chew on.
    const long = `echo ${'a'.repeat(60_000)}`;
    // The hostile action first, then the bystander's: the daemon has one thread, so the
    // bystander waits for whatever the hostile policy costs (its load included: a fresh copy).
    const attempt = async (kind: HostileKind, copy: number) => {
      const hostile = join(t.root, `${kind}-${copy}`);
      writeHostileRepository(kind, hostile);
      const agent = await t.client({ session: `hostile-${kind}-${copy}` });
      const there = agent.submit(shellAction(long, hostile));
      const sent = performance.now();
      const here = await bystander.submit(shellAction('git status', t.workspace));
      const waited = performance.now() - sent;
      return { agent, hostile, here, waited, answer: await there };
    };
    for (const kind of Object.keys(HOSTILE_REPOSITORIES) as HostileKind[]) {
      let run = await attempt(kind, 1);
      // The budgets are wall-clock: a machine busy with other tests gets one more try.
      if (run.waited >= 1000) {
        await run.agent.close();
        run = await attempt(kind, 2);
      }
      const { agent, hostile, here, waited, answer } = run;
      const { why, small } = EXPECTED[kind];
      if (answer.verdict !== 'allow' || small !== 'either') {
        assert.equal(answer.verdict, 'deny', `${kind}: ${answer.decision.reason}`);
        assert.match(answer.decision.reason, why, `${kind}: says why`);
      }
      assert.equal(here.verdict, 'allow', `${kind}: the other workspace is judged by its own policy`);
      assert.ok(waited < 1000, `${kind}: the other workspace was answered in ${Math.round(waited)} ms`);
      // A second, small action there is answered too, not stuck.
      const second = await agent.submit(shellAction('ls', hostile));
      if (small !== 'either') assert.equal(second.verdict, small, `${kind}: a small action`);
      await agent.close();
    }
  } finally {
    await t.close();
  }
});
