/**
 * The launcher's code cache for the lean bundle (cli/launch.ts): made by a run that succeeds, used
 * by the next, and never in the way — a missing, corrupt, stale or unreadable cache costs only the
 * ordinary compile, and a cache of another bundle of the same length is never used for this one.
 * The launcher (dist/aarm.js) runs in a temporary folder beside small stand-in bundles.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CLI, tempDir } from '../helpers/env.js';

/** A lean bundle that prints `word` and exits with `code`: what a command is, to the launcher. */
const bundle = (word: string, code = 0) =>
  `"use strict";exports.run=async function run(argv){process.stdout.write(${JSON.stringify(word)}+":"+argv.join(" "));return ${code};};\n`;

function folder() {
  const temp = tempDir('aarm-code-cache-');
  copyFileSync(CLI, join(temp.dir, 'aarm.js'));
  const lean = join(temp.dir, 'aarm-lean.js');
  /** the cache files of a command (one per Node version and flags) */
  const caches = (command = 'hook') =>
    readdirSync(temp.dir)
      .filter((name) => name.startsWith(`aarm-lean.js.${command}.`) && name.endsWith('.cache'))
      .map((name) => join(temp.dir, name));
  const run = (...argv: string[]) => {
    const result = spawnSync(process.execPath, [join(temp.dir, 'aarm.js'), ...argv], { encoding: 'utf8' });
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
  };
  // where this Node's cache for `hook` is (or will be)
  const probe = () => caches()[0] ?? '';
  return { ...temp, lean, caches, probe, run };
}

test('code cache: made by the first run that succeeds, then used as it is', () => {
  const dir = folder();
  try {
    writeFileSync(dir.lean, bundle('lean'));
    assert.deepEqual(dir.run('hook', 'x'), { status: 0, stdout: 'lean:hook x', stderr: '' });
    assert.equal(dir.caches().length, 1, 'the cache was made');
    const made = readFileSync(dir.probe());
    assert.deepEqual(dir.run('hook', 'y'), { status: 0, stdout: 'lean:hook y', stderr: '' });
    assert.deepEqual(readFileSync(dir.probe()), made, 'a cache that fits is not made again');
    // one cache per command: what `status` runs is not what a hook runs
    assert.equal(dir.run('status').status, 0);
    assert.equal(dir.caches('status').length, 1);
  } finally {
    dir.cleanup();
  }
});

test('code cache: a run that fails makes none (its error path is not what the next run takes)', () => {
  const dir = folder();
  try {
    writeFileSync(dir.lean, bundle('failing', 2));
    assert.equal(dir.run('hook').status, 2);
    assert.deepEqual(dir.caches(), []);
  } finally {
    dir.cleanup();
  }
});

test('code cache: another bundle of the same length gets none of the old one’s code', () => {
  const dir = folder();
  try {
    writeFileSync(dir.lean, bundle('AAAA'));
    assert.equal(dir.run('hook').stdout, 'AAAA:hook');
    assert.equal(dir.caches().length, 1);
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
    const cache = dir.probe();
    const good = readFileSync(cache);
    // the right digest, then garbage where V8's data should be: V8 refuses it
    writeFileSync(cache, Buffer.concat([good.subarray(0, 32), Buffer.alloc(good.length - 32, 7)]));
    assert.deepEqual(dir.run('hook'), { status: 0, stdout: 'lean:hook', stderr: '' });
    assert.notDeepEqual(readFileSync(cache).subarray(32, 64), Buffer.alloc(32, 7), 'made again');
    for (const junk of [Buffer.alloc(0), Buffer.from('short'), Buffer.alloc(4096, 1)]) {
      writeFileSync(cache, junk);
      assert.deepEqual(dir.run('hook'), { status: 0, stdout: 'lean:hook', stderr: '' });
    }
    // a folder where the cache should be: neither read nor written, and no harm done
    const other = folder();
    try {
      writeFileSync(other.lean, bundle('other'));
      assert.equal(other.run('hook').status, 0);
      const where = other.probe();
      rmSync(where);
      mkdirSync(where);
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
    assert.equal(dir.caches().length, 1);
    const second = hook();
    assert.deepEqual(
      [second.status, second.stdout, second.stderr],
      [first.status, first.stdout, first.stderr],
    );
  } finally {
    dir.cleanup();
  }
});

test('code cache: a Node with other flags keeps a cache of its own (one shared would be refused and remade by turns)', () => {
  const dir = folder();
  try {
    writeFileSync(dir.lean, bundle('lean'));
    const withFlag = () =>
      spawnSync(process.execPath, ['--stack-size=900', join(dir.dir, 'aarm.js'), 'hook'], {
        encoding: 'utf8',
      });
    assert.equal(dir.run('hook').status, 0);
    assert.equal(withFlag().status, 0);
    const caches = dir.caches();
    assert.equal(caches.length, 2);
    const made = caches.map((file) => readFileSync(file));
    assert.equal(dir.run('hook').status, 0);
    assert.equal(withFlag().status, 0);
    assert.deepEqual(
      caches.map((file) => readFileSync(file)),
      made,
      'each taken as it is, none made again',
    );
  } finally {
    dir.cleanup();
  }
});
