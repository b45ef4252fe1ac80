/**
 * The launcher's code cache for the lean bundle (cli/launch.ts): made by a run that succeeds, used
 * by the next, and never in the way — a missing, corrupt, stale or unreadable cache costs only the
 * ordinary compile, and a cache of another bundle of the same length is never used for this one.
 * The launcher (dist/aarm.js) runs in a temporary folder beside small stand-in bundles.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CLI, tempDir } from '../helpers/env.js';

/** A lean bundle that prints `word` and exits with `code`: what a command is, to the launcher. */
const bundle = (word: string, code = 0) =>
  `"use strict";exports.run=async function run(argv){process.stdout.write(${JSON.stringify(word)}+":"+argv.join(" "));return ${code};};\n`;

function folder() {
  const temp = tempDir('aarm-code-cache-');
  copyFileSync(CLI, join(temp.dir, 'aarm.js'));
  const lean = join(temp.dir, 'aarm-lean.js');
  const cache = `${lean}.hook.cache`;
  const run = (...argv: string[]) => {
    const result = spawnSync(process.execPath, [join(temp.dir, 'aarm.js'), ...argv], { encoding: 'utf8' });
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
  };
  return { ...temp, lean, cache, run };
}

test('code cache: made by the first run that succeeds, then used as it is', () => {
  const dir = folder();
  try {
    writeFileSync(dir.lean, bundle('lean'));
    assert.deepEqual(dir.run('hook', 'x'), { status: 0, stdout: 'lean:hook x', stderr: '' });
    assert.ok(existsSync(dir.cache), 'the cache was made');
    const made = readFileSync(dir.cache);
    assert.deepEqual(dir.run('hook', 'y'), { status: 0, stdout: 'lean:hook y', stderr: '' });
    assert.deepEqual(readFileSync(dir.cache), made, 'a cache that fits is not made again');
    // one cache per command: what `status` runs is not what a hook runs
    assert.equal(dir.run('status').status, 0);
    assert.ok(existsSync(`${dir.lean}.status.cache`));
  } finally {
    dir.cleanup();
  }
});

test('code cache: a run that fails makes none (its error path is not what the next run takes)', () => {
  const dir = folder();
  try {
    writeFileSync(dir.lean, bundle('failing', 2));
    assert.equal(dir.run('hook').status, 2);
    assert.equal(existsSync(dir.cache), false);
  } finally {
    dir.cleanup();
  }
});

test('code cache: another bundle of the same length gets none of the old one’s code', () => {
  const dir = folder();
  try {
    writeFileSync(dir.lean, bundle('AAAA'));
    assert.equal(dir.run('hook').stdout, 'AAAA:hook');
    assert.ok(existsSync(dir.cache));
    // V8 alone would take this cache: it checks the source's length, not what it says
    writeFileSync(dir.lean, bundle('BBBB'));
    assert.equal(dir.run('hook').stdout, 'BBBB:hook');
    assert.equal(dir.run('hook').stdout, 'BBBB:hook', 'the cache was made again, for this bundle');
  } finally {
    dir.cleanup();
  }
});

test('code cache: a corrupt or unreadable cache is passed over, and a corrupt one replaced', () => {
  const dir = folder();
  try {
    writeFileSync(dir.lean, bundle('lean'));
    assert.equal(dir.run('hook').status, 0);
    const good = readFileSync(dir.cache);
    // the right digest, then garbage where V8's data should be: V8 refuses it
    writeFileSync(dir.cache, Buffer.concat([good.subarray(0, 32), Buffer.alloc(good.length - 32, 7)]));
    assert.deepEqual(dir.run('hook'), { status: 0, stdout: 'lean:hook', stderr: '' });
    assert.notDeepEqual(readFileSync(dir.cache).subarray(32, 64), Buffer.alloc(32, 7), 'made again');
    for (const junk of [Buffer.alloc(0), Buffer.from('short'), Buffer.alloc(4096, 1)]) {
      writeFileSync(dir.cache, junk);
      assert.deepEqual(dir.run('hook'), { status: 0, stdout: 'lean:hook', stderr: '' });
    }
    // a folder where the cache should be: neither read nor written, and no harm done
    const other = folder();
    try {
      writeFileSync(other.lean, bundle('other'));
      mkdirSync(other.cache);
      assert.deepEqual(other.run('hook'), { status: 0, stdout: 'other:hook', stderr: '' });
    } finally {
      other.cleanup();
    }
  } finally {
    dir.cleanup();
  }
});

test('code cache: the real lean bundle runs the same with and without it', () => {
  const dir = folder();
  try {
    copyFileSync(join(CLI, '..', 'aarm-lean.js'), dir.lean);
    // a hook event that needs no daemon: answered at once, exit 0
    const hook = () =>
      spawnSync(process.execPath, [join(dir.dir, 'aarm.js'), 'hook', 'claude-code'], {
        input: JSON.stringify({ hook_event_name: 'Notification' }),
        encoding: 'utf8',
      });
    const first = hook();
    assert.equal(first.status, 0, first.stderr);
    assert.ok(existsSync(dir.cache));
    const second = hook();
    assert.deepEqual(
      [second.status, second.stdout, second.stderr],
      [first.status, first.stdout, first.stderr],
    );
  } finally {
    dir.cleanup();
  }
});
