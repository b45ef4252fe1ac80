import { test } from 'node:test';
import assert from 'node:assert/strict';
import { globMatch, globsOverlap, hasGlob } from '../../daemon/src/protocol/glob.js';

test('globMatch: stars, globstars, question marks, classes and escapes', () => {
  const yes: Array<[string, string]> = [
    ['/a/b/c.txt', '/a/**'],
    ['/a/b/c.txt', '/a/*/c.txt'],
    ['/a/b/c.txt', '**/c.txt'],
    ['/a/.aarm/p.yaml', '**/.aarm/**'],
    ['/w/.aarm', '/w/.aar[m]'],
    ['/w/.aarm', '/w/.[a]arm'],
    ['/w/.aarm', '/w/.a[!x]rm'],
    ['/w/.aarm', '/w/.a[^x]rm'],
    ['/w/x9', '/w/x[[:digit:]]'],
    ['/w/b', '/w/[a-c]'],
    ['/w/*', '/w/\\*'],
    ['/w/a?', '/w/a\\?'],
    ['/h/.ssh/id_rsa', '/h/.ss?/id_*'],
  ];
  for (const [path, pattern] of yes) assert.ok(globMatch(path, pattern), `${path} ~ ${pattern}`);
  const no: Array<[string, string]> = [
    ['/a/b/c.txt', '/a/*'],
    ['/a/b', '/a/b/**/x'],
    ['/w/.aarm', '/w/.aar[!m]'],
    ['/w/d', '/w/[a-c]'],
    ['/w/ab', '/w/a\\?'],
    ['/w/x', '/w/[x'],
  ];
  for (const [path, pattern] of no) assert.ok(!globMatch(path, pattern), `${path} !~ ${pattern}`);
  assert.ok(globMatch('/w/[x', '/w/[x'), 'an unclosed bracket is an ordinary character');
});

test('globMatch with Bash dot rules: wildcards do not match a leading dot', () => {
  assert.ok(!globMatch('/h/.ssh', '/h/*', { dotRule: true }));
  assert.ok(!globMatch('/h/.ssh', '/h/?ssh', { dotRule: true }));
  assert.ok(!globMatch('/h/.ssh', '/h/[.]ssh', { dotRule: true }));
  assert.ok(globMatch('/h/.ssh', '/h/.s*', { dotRule: true }));
  assert.ok(globMatch('/h/.ssh', '/h/*'), 'policy patterns match dot files');
});

test('globsOverlap: a command glob reaching a protected path, or two patterns sharing a match', () => {
  const yes: Array<[string, string]> = [
    ['/h/.local/state/a?rm/token', '/h/.local/state/aarm/token'],
    ['/h/.local/state/*/token', '/h/.local/state/aarm/**'],
    ['/w/.aar[m]', '/w/.aarm'],
    ['/w/**', '/w/.aarm/policy.yaml'],
    ['/w/**/*.yaml', '**/.aarm/**'],
    ['/h/.a?s/credentials', '/h/.aws/**'],
    ['/h/*', '/h/.bashrc'],
    ['**/*.aarm.yaml', '/w/x.aarm.yaml'],
  ];
  for (const [a, b] of yes) {
    assert.ok(globsOverlap(a, b), `${a} ∩ ${b}`);
    assert.ok(globsOverlap(b, a), `${b} ∩ ${a}`);
  }
  const no: Array<[string, string]> = [
    ['/w/src/*.ts', '/w/.aarm/**'],
    ['/w/.aar[!m]', '/w/.aarm'],
    ['/w/[ab]x', '/w/[cd]x'],
    ['/w/*.ts', '/w/*.js'],
    ['/tmp/**', '/h/.ssh/**'],
  ];
  for (const [a, b] of no) assert.ok(!globsOverlap(a, b), `${a} ∩ ${b} is empty`);
});

test('glob matching stays linear on adversarial patterns', () => {
  // A pattern that makes backtracking regular expressions take exponential time.
  const pattern = `/${'*a'.repeat(200)}b`;
  const path = `/${'a'.repeat(5000)}`;
  assert.equal(globMatch(path, pattern), false);
  assert.equal(globsOverlap(pattern, `/${'*a'.repeat(200)}c`), false);
});

test('hasGlob sees unescaped wildcards only', () => {
  assert.ok(hasGlob('/a/*.ts'));
  assert.ok(hasGlob('/a/[x]'));
  assert.ok(!hasGlob('/a/b'));
  assert.ok(!hasGlob('/a/\\*'));
});
