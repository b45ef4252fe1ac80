/** What a person types after `l` in `aarm approve` to limit an "always" rule. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeRuleLimits, parseRuleLimits } from '../../daemon/src/cli/approve-view.js';

const NOW = Date.parse('2026-11-30T12:00:00Z');

test('a duration, a number of uses, both, or nothing', () => {
  const limits = (typed: string) => {
    const parsed = parseRuleLimits(typed, NOW, 10_000);
    assert.ok(parsed.ok, `${typed}: ${parsed.ok ? '' : parsed.error}`);
    return parsed.limits;
  };
  assert.deepEqual(limits(''), {});
  assert.deepEqual(limits('7d'), { expires: '2026-12-07T12:00:00.000Z' });
  assert.deepEqual(limits('10 uses'), { maxUses: 10 });
  assert.deepEqual(limits('1 use'), { maxUses: 1 });
  assert.deepEqual(limits('5'), { maxUses: 5 });
  assert.deepEqual(limits('12h, 3 uses'), { expires: '2026-12-01T00:00:00.000Z', maxUses: 3 });
  assert.deepEqual(limits('3 uses 30m'), { expires: '2026-11-30T12:30:00.000Z', maxUses: 3 });
  assert.equal(describeRuleLimits(limits('1w 1 use')), 'until 2026-12-07T12:00:00.000Z, at most 1 use');
});

test('anything else is refused with what was not understood', () => {
  for (const typed of [
    '0 uses',
    '-3',
    '1.5 uses',
    'soon',
    '3 apples',
    '2d 3d',
    '4 uses 5',
    '20000 uses',
    '99999w',
  ])
    assert.equal(parseRuleLimits(typed, NOW, 10_000).ok, false, typed);
});
