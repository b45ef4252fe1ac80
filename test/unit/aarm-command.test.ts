/** Where aarm runs from, and the command line aarm names for running itself from there. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { aarmCommand, throwAwayReason, whereAarmRuns } from '../../daemon/src/client/aarm-command.js';
import { tempDir } from '../helpers/env.js';

/** A package folder holding dist/aarm.js, as npm leaves one. */
function aarmPackage(root: string): string {
  mkdirSync(join(root, 'dist'), { recursive: true });
  writeFileSync(join(root, 'dist', 'aarm.js'), '');
  return join(root, 'dist', 'aarm.js');
}

test("npx's cache and temporary folders are throw-away places; a home folder is not", () => {
  assert.match(throwAwayReason('/home/u/.npm/_npx/8f3e/node_modules/aarm') ?? '', /npx's cache/);
  assert.match(throwAwayReason('/tmp/aarm-checkout') ?? '', /temporary folder/);
  assert.equal(throwAwayReason('/home/u/src/aarm'), undefined);
  // A git checkout is where someone chose to build aarm, even in /tmp (as CI's may be).
  const temp = tempDir('aarm-checkout-');
  try {
    assert.match(throwAwayReason(temp.dir) ?? '', /temporary folder/);
    mkdirSync(join(temp.dir, '.git'));
    assert.equal(throwAwayReason(temp.dir), undefined);
    assert.equal(throwAwayReason(join(temp.dir, 'dist', 'aarm.js')), undefined, 'its CLI too');
  } finally {
    temp.cleanup();
  }
});

test('from npx without the lasting copy: npx of the package npx was asked for; with it: its launcher', () => {
  const temp = tempDir('aarm-where-');
  try {
    const home = join(temp.dir, 'home');
    const entry = join(temp.dir, '.npm', '_npx', '8f3e', 'node_modules');
    const cli = aarmPackage(join(entry, 'aarm'));
    writeFileSync(
      join(entry, '..', 'package.json'),
      JSON.stringify({ dependencies: { aarm: 'github:acme/aarm' } }),
    );
    const situation = { env: { PATH: '' }, home, cwd: temp.dir };
    const where = whereAarmRuns(cli, situation);
    assert.equal(where.place, 'throw-away');
    assert.equal(aarmCommand('daemon', where, situation), 'npx github:acme/aarm daemon');
    mkdirSync(join(home, '.local', 'share', 'aarm', 'bin'), { recursive: true });
    writeFileSync(join(home, '.local', 'share', 'aarm', 'bin', 'aarm'), '');
    assert.equal(aarmCommand('daemon', where, situation), '~/.local/share/aarm/bin/aarm daemon');
  } finally {
    temp.cleanup();
  }
});

test("a project's node_modules: npx aarm inside the project, node with the absolute path outside it", () => {
  const temp = tempDir('aarm-where-');
  try {
    // not under /tmp, where everything is throw-away: the place is judged by its real path
    const project = join(temp.dir, 'project');
    const cli = aarmPackage(join(project, 'node_modules', 'aarm'));
    const where = { place: 'folder' as const, cli, root: join(project, 'node_modules', 'aarm') };
    const situation = { env: { PATH: '' }, home: join(temp.dir, 'home'), cwd: join(project, 'src') };
    assert.equal(aarmCommand('status', where, situation), 'npx aarm status');
    assert.equal(
      aarmCommand('status', where, { ...situation, cwd: temp.dir }),
      `node ${join(project, 'node_modules', 'aarm', 'dist', 'aarm.js')} status`,
    );
  } finally {
    temp.cleanup();
  }
});
