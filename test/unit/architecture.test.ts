/**
 * The rooms of the house (daemon/rooms.json, docs/architecture.md): every import between rooms is
 * one the table allows, every folder is a room, and no module imports itself round a cycle. Lint
 * enforces the same table as you type; this walk is the second check and shows the lint rule bites.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { ESLint, Linter } from 'eslint';
import { REPO } from '../helpers/env.js';

const rooms = JSON.parse(readFileSync(join(REPO, 'daemon', 'rooms.json'), 'utf8')) as Record<
  string,
  string[]
>;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : name.endsWith('.ts') ? [path] : [];
  });
}

const IMPORT =
  /(?:^|\n)\s*(?:import|export)\b(\s+type\b)?[^'";]*?\bfrom\s*['"](\.[^'"]+)['"]|\bimport\(\s*['"](\.[^'"]+)['"]\s*\)/g;

/**
 * Each source file and the source files it imports (relative imports only). `runtime`: leave out
 * `import type`, which is gone once compiled (the shell analyser's parts name each other's types).
 */
function importGraph(options: { runtime?: boolean } = {}): Map<string, string[]> {
  const files = [...sourceFiles(join(REPO, 'daemon', 'src')), ...sourceFiles(join(REPO, 'extension', 'src'))];
  const graph = new Map<string, string[]>();
  for (const file of files) {
    const targets: string[] = [];
    for (const match of readFileSync(file, 'utf8').matchAll(IMPORT)) {
      if (options.runtime && match[1]) continue;
      const spec = (match[2] ?? match[3])!;
      targets.push(resolve(dirname(file), spec).replace(/\.js$/, '.ts'));
    }
    graph.set(file, targets);
  }
  return graph;
}

function roomOf(file: string): string {
  const path = relative(REPO, file).split('/');
  return path[0] === 'extension' ? 'extension' : path[2]!;
}

test('architecture: every import between rooms is one the table allows, and every folder is a room', () => {
  const graph = importGraph();
  assert.ok(graph.size > 50, 'the walk found the sources');
  const wrong: string[] = [];
  for (const [file, targets] of graph) {
    const from = roomOf(file);
    assert.ok(
      from in rooms,
      `${relative(REPO, file)} is in a folder that is not a room of daemon/rooms.json`,
    );
    for (const target of targets) {
      const to = roomOf(target);
      if (to !== from && !rooms[from]!.includes(to))
        wrong.push(`${relative(REPO, file)} → ${relative(REPO, target)}`);
    }
  }
  assert.deepEqual(wrong, []);
});

test('architecture: no module imports itself round a cycle', () => {
  const graph = importGraph({ runtime: true });
  const cycles: string[] = [];
  const state = new Map<string, 'open' | 'done'>();
  const visit = (file: string, path: string[]) => {
    if (state.get(file) === 'done') return;
    if (state.get(file) === 'open') {
      cycles.push([...path.slice(path.indexOf(file)), file].map((f) => relative(REPO, f)).join(' → '));
      return;
    }
    state.set(file, 'open');
    for (const target of graph.get(file) ?? []) visit(target, [...path, file]);
    state.set(file, 'done');
  };
  for (const file of graph.keys()) visit(file, []);
  assert.deepEqual(cycles, []);
});

test('architecture: lint refuses an import across a boundary, naming the rule', async () => {
  const eslint = new ESLint({ cwd: REPO });
  const file = join(REPO, 'daemon', 'src', 'policy', 'evaluate.ts');
  const config = (await eslint.calculateConfigForFile(file)) as { rules: Record<string, Linter.RuleEntry> };
  const rule = config.rules['no-restricted-imports']!;
  const linter = new Linter({ configType: 'flat' });
  const lint = (code: string) =>
    linter.verify(code, [{ files: ['**/*.ts'], rules: { 'no-restricted-imports': rule } }], {
      filename: file,
    });
  const [violation] = lint("import { createDaemon } from '../main/daemon.js';\nexport { createDaemon };\n");
  assert.match(
    violation?.message ?? '',
    /the policy room may not import main \(see docs\/architecture\.md\)/,
  );
  assert.deepEqual(
    lint("import { parseAction } from '../protocol/index.js';\nexport { parseAction };\n"),
    [],
  );
});

test('the lean CLI (hooks, aarm shell, exec, confine, status, the MCP proxy) loads none of the engine', () => {
  const graph = importGraph({ runtime: true });
  const reached = new Set<string>();
  const walk = (file: string) => {
    if (reached.has(file)) return;
    reached.add(file);
    for (const target of graph.get(file) ?? []) walk(target);
  };
  walk(join(REPO, 'daemon', 'src', 'cli', 'lean.ts'));
  assert.ok(reached.size > 10, 'the walk found the lean CLI');
  const engine = [...reached]
    .filter((file) =>
      ['policy', 'mediation', 'pipeline', 'gate', 'telemetry', 'lsp', 'main'].includes(roomOf(file)),
    )
    .map((file) => relative(REPO, file));
  assert.deepEqual(engine, [], 'a command of every tool call would load the engine');
  // zod too: its module and the protocol's schemas cost a hook process ~40 ms (the client checks
  // messages against the JSON Schema derived from them, protocol/read-message.ts). And ws: what it
  // loads (http, https, tls, zlib) cost ~7 ms; clients speak WebSocket over node:net (client/websocket.ts).
  const HEAVY =
    /from ['"](zod|ws|node:(?:http|https|http2|tls|zlib)|@bufbuild\/cel|mvdan-sh|@opentelemetry\/[^'"]+|better-sqlite3|vscode-languageserver[^'"]*|yaml)['"]/;
  const heavy = [...reached]
    .filter((file) => HEAVY.test(readFileSync(file, 'utf8')))
    .map((f) => relative(REPO, f));
  assert.deepEqual(heavy, []);
  // The launcher decides before loading either bundle: Node built-ins only.
  for (const launcher of ['launch.ts', 'entry.ts', 'shell-entry.ts']) {
    const text = readFileSync(join(REPO, 'daemon', 'src', 'cli', launcher), 'utf8');
    const imports = [...text.matchAll(/from ['"]([^'"]+)['"]/g)].map((m) => m[1]!);
    assert.ok(
      imports.every((spec) => spec.startsWith('node:') || spec === './launch.js'),
      `${launcher} imports ${imports.join(', ')}`,
    );
  }
});
