/**
 * Every code block of README.md and docs/*.md runs as written, so the documentation cannot drift from
 * what aarm does. A block's info string says how it is checked:
 *
 * - `sh`, `bash`: run with `bash -e` (every command must succeed);
 * - `console`: `$ command` lines are run in one shell (a trailing `\` continues one) and what each
 *   prints (stdout and stderr) must match the lines that follow; `…` in an expected line matches any
 *   text, and a line that is only `…` any number of lines;
 * - `js`: an ES module run with node, with this package installed as `aarm` (and `ws`);
 * - `json`: must parse; `yaml`: a policy (it has an `aarm:` key) must pass `aarm policy lint`, any
 *   other YAML must parse;
 * - `text`, `jsonc`, `toml`, `scheme`, `ini`: illustrations (expected output, formats), not run;
 * - any block with `no-run: REASON` after its language is skipped, and listed with its reason.
 *
 * The blocks of one document run in order in one fresh HOME (so a file one block exports, the next
 * can verify), in a workspace `~/project`, with `aarm` on PATH (`npx aarm` works too) and a daemon of
 * that HOME running (started on a free port when the document first needs it). A block without a
 * language fails: say what it is.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { CLI, REPO, tempDir } from '../helpers/env.js';

const ILLUSTRATIONS = new Set(['text', 'jsonc', 'toml', 'scheme', 'ini']);
const BLOCK_TIMEOUT_MS = 60_000;
/** Starts the line before each command's output in a console block. */
const MARK = '@@aarm-docs-step-';

interface Block {
  file: string;
  line: number;
  lang: string;
  noRun?: string;
  /** a yaml policy as a repository's `.aarm/` file */
  workspace: boolean;
  body: string;
}

/** The fenced code blocks of a Markdown file, with their info strings. */
export function codeBlocks(file: string, text: string): Block[] {
  const blocks: Block[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const open = /^(\s*)(`{3,}|~{3,})(.*)$/.exec(lines[i]!);
    if (!open) continue;
    const [, indent, fence, info] = open;
    const body: string[] = [];
    let j = i + 1;
    for (; j < lines.length; j++) {
      if (lines[j]!.trim() === fence) break;
      body.push(lines[j]!.startsWith(indent!) ? lines[j]!.slice(indent!.length) : lines[j]!);
    }
    const [lang = '', ...rest] = info!.trim().split(/\s+/);
    const attributes = rest.join(' ');
    const noRun = /no-run:\s*(.+)/.exec(attributes)?.[1];
    blocks.push({
      file,
      line: i + 1,
      lang,
      ...(noRun ? { noRun } : {}),
      workspace: /(^|\s)workspace(\s|$)/.test(attributes),
      body: body.join('\n') + '\n',
    });
    i = j;
  }
  return blocks;
}

/** One document's world: a fresh HOME with a workspace, `aarm` on PATH, a daemon when needed. */
class World {
  readonly temp = tempDir('aarm-docs-');
  readonly home = join(this.temp.dir, 'home');
  readonly workspace = join(this.home, 'project');
  readonly bin = join(this.temp.dir, 'bin');
  readonly modules = join(this.temp.dir, 'scripts');
  daemon?: ChildProcess;
  readonly env: NodeJS.ProcessEnv;

  constructor() {
    mkdirSync(this.workspace, { recursive: true });
    mkdirSync(this.bin);
    for (const name of ['aarm', 'aarm-shell']) {
      const target = name === 'aarm' ? CLI : join(REPO, 'dist', 'aarm-shell.js');
      writeFileSync(join(this.bin, name), `#!/bin/sh\nexec '${process.execPath}' '${target}' "$@"\n`);
      chmodSync(join(this.bin, name), 0o755);
    }
    // `npx aarm` finds the same CLI as in a checkout: a project (here the home folder) that has it in
    // node_modules/.bin; and npm stays offline, so a name it does not find is never fetched.
    mkdirSync(join(this.home, 'node_modules', '.bin'), { recursive: true });
    for (const name of ['aarm', 'aarm-shell'])
      symlinkSync(join(this.bin, name), join(this.home, 'node_modules', '.bin', name));
    // `import … from 'aarm/sdk'` resolves as it does where the package is installed,
    mkdirSync(join(this.modules, 'node_modules'), { recursive: true });
    symlinkSync(REPO, join(this.modules, 'node_modules', 'aarm'));
    // and so does \`ws\`, the WebSocket package a client of the protocol would install.
    symlinkSync(join(REPO, 'node_modules', 'ws'), join(this.modules, 'node_modules', 'ws'));
    const env: NodeJS.ProcessEnv = { ...process.env };
    for (const name of Object.keys(env))
      if (/^(AARM_|XDG_|CODEX_HOME$|CLAUDE_|NODE_OPTIONS$)/.test(name)) delete env[name];
    this.env = {
      ...env,
      HOME: this.home,
      PATH: `${this.bin}:${process.env.PATH ?? ''}`,
      npm_config_offline: 'true',
      npm_config_update_notifier: 'false',
      TERM: 'dumb',
      NO_COLOR: '1',
    };
  }

  async ensureDaemon(): Promise<void> {
    if (this.daemon) return;
    const child = spawn(process.execPath, [CLI, 'daemon'], {
      cwd: this.workspace,
      env: this.env,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    this.daemon = child;
    let log = '';
    await new Promise<void>((resolve, reject) => {
      child.stderr!.on('data', (d: Buffer) => {
        log += d.toString();
        if (log.includes('listening on')) resolve();
      });
      child.once('exit', (code) => reject(new Error(`the docs' daemon exited with ${code}: ${log}`)));
    });
  }

  async close(): Promise<void> {
    const child = this.daemon;
    if (child && child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    this.temp.cleanup();
  }

  /** A program run to its end, with nothing on its standard input (as a block has none). */
  run(program: string, args: string[]): Promise<{ code: number | null; output: string }> {
    return new Promise((resolve, reject) => {
      const child = spawn(program, args, {
        cwd: this.workspace,
        env: this.env,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let output = '';
      child.stdout.on('data', (d: Buffer) => (output += d.toString()));
      child.stderr.on('data', (d: Buffer) => (output += d.toString()));
      const timer = setTimeout(() => child.kill('SIGKILL'), BLOCK_TIMEOUT_MS);
      child.once('error', reject);
      child.once('close', (code) => {
        clearTimeout(timer);
        resolve({ code, output });
      });
    });
  }
}

/** The commands of a `console` block and what each should print. */
export function consoleSession(body: string): { command: string; expected: string[] }[] {
  const steps: { command: string; expected: string[] }[] = [];
  const lines = body.replace(/\n$/, '').split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.startsWith('$ ')) {
      let command = line.slice(2);
      while (command.endsWith('\\') && i + 1 < lines.length) command += '\n' + lines[++i];
      steps.push({ command, expected: [] });
    } else if (steps.length > 0) steps.at(-1)!.expected.push(line);
    else throw new Error(`a console block starts with output, not a \`$ \` command: ${line}`);
  }
  return steps;
}

/** `…` matches any text within a line; a line of only `…`, any number of lines. */
export function outputMatches(expected: string[], actual: string): boolean {
  while (expected.length > 0 && expected.at(-1)!.trim() === '') expected = expected.slice(0, -1);
  if (expected.length === 0) return true;
  const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const pattern = expected
    .map((line) =>
      line.trim() === '…' ? '(?:[^\\n]*\\n)*?' : escape(line.trimEnd()).replaceAll('…', '[^\\n]*') + '\\n',
    )
    .join('');
  const normalised = actual
    .split('\n')
    .map((l) => l.trimEnd())
    .join('\n')
    .replace(/\n*$/, '\n');
  return new RegExp(`^${pattern}$`).test(normalised);
}

export async function check(block: Block, world: World): Promise<string | undefined> {
  const where = `${block.file}:${block.line}`;
  switch (block.lang) {
    case 'sh':
    case 'bash': {
      await world.ensureDaemon();
      const result = await world.run('bash', ['-e', '-o', 'pipefail', '-c', block.body]);
      assert.equal(
        result.code,
        0,
        `${where}: the ${block.lang} block exited ${result.code}:\n${result.output}`,
      );
      return;
    }
    case 'console': {
      await world.ensureDaemon();
      // One shell for the block, as in a terminal (`cd`, variables and `$?` carry over), both streams
      // in one pipe in the order they were written; a marker line before each command splits the output.
      const steps = consoleSession(block.body);
      const script = ['exec 2>&1'];
      steps.forEach((step, i) =>
        script.push(`__status=$?; printf '\\n${MARK}${i}\\n'; (exit $__status)`, step.command),
      );
      const result = await world.run('bash', ['-o', 'pipefail', '-c', script.join('\n')]);
      const outputs = result.output.split(new RegExp(`\\n${MARK}\\d+\\n`)).slice(1);
      steps.forEach((step, i) => {
        const output = outputs[i] ?? '';
        assert.ok(
          outputMatches(step.expected, output),
          `${where}: \`${step.command}\` printed:\n${output}\nexpected:\n${step.expected.join('\n')}`,
        );
      });
      return;
    }
    case 'js': {
      await world.ensureDaemon();
      const script = join(world.modules, `block-${block.line}.mjs`);
      writeFileSync(script, block.body);
      const result = await world.run(process.execPath, [script]);
      assert.equal(result.code, 0, `${where}: the js block exited ${result.code}:\n${result.output}`);
      return;
    }
    case 'json':
      assert.doesNotThrow(() => JSON.parse(block.body), `${where}: not JSON`);
      return;
    case 'yaml':
    case 'yml': {
      const parsed: unknown = parseYaml(block.body);
      if (parsed && typeof parsed === 'object' && 'aarm' in parsed) {
        // Your own policy unless marked `workspace` (a repository's `.aarm/`, which can only tighten).
        const file = join(
          world.temp.dir,
          block.workspace ? `.aarm/policy-${block.line}.yaml` : `policy-${block.line}.yaml`,
        );
        mkdirSync(dirname(file), { recursive: true });
        writeFileSync(file, block.body);
        const result = await world.run(process.execPath, [CLI, 'policy', 'lint', file]);
        assert.equal(result.code, 0, `${where}: aarm policy lint says:\n${result.output}`);
      }
      return;
    }
    default:
      if (ILLUSTRATIONS.has(block.lang)) return 'illustration';
      assert.fail(
        `${where}: a code block needs a language this test knows (sh, console, js, json, yaml, or text for an illustration), or \`no-run: REASON\`; it has \`${block.lang}\``,
      );
  }
}

const documents = ['README.md', ...readdirSync(join(REPO, 'docs')).map((f) => `docs/${f}`)].filter((f) =>
  f.endsWith('.md'),
);

// Each document has its own HOME and daemon, so three can run at once.
describe('the code blocks of the documents', { concurrency: 3 }, () => {
  for (const file of documents) {
    test(`every code block of ${file} works as written`, async (t) => {
      const blocks = codeBlocks(file, readFileSync(join(REPO, file), 'utf8'));
      const world = new World();
      const skipped: string[] = [];
      let ran = 0;
      let illustrations = 0;
      try {
        for (const block of blocks) {
          if (block.noRun !== undefined) {
            skipped.push(`${file}:${block.line} (${block.lang}): ${block.noRun}`);
            continue;
          }
          if ((await check(block, world)) === 'illustration') illustrations++;
          else ran++;
        }
      } finally {
        await world.close();
      }
      t.diagnostic(
        `${file}: ${ran} block(s) checked, ${illustrations} illustration(s), ${skipped.length} not run`,
      );
      for (const line of skipped) t.diagnostic(`not run: ${line}`);
    });
  }
});

test('docs/cli.md is what `aarm COMMAND --help` says (npm run docs:cli rewrites it)', async () => {
  const world = new World();
  try {
    const result = await world.run(process.execPath, [join(REPO, 'scripts', 'cli-doc.mjs'), '--check']);
    assert.equal(result.code, 0, result.output);
  } finally {
    await world.close();
  }
});

/** The anchors GitHub gives a Markdown file's headings. */
function anchors(text: string): Set<string> {
  const slugs = [...prose(text).matchAll(/^#{1,6} (.+)$/gm)].map(([, heading]) =>
    heading!
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, '')
      .replace(/\s/g, '-'),
  );
  return new Set(slugs);
}

/** A Markdown file without its code blocks. */
const prose = (text: string) => text.replace(/^([ \t]*)```[^]*?^\1```/gm, '');

test('every link between the documents leads to a file of the repository, and to a heading it has', () => {
  for (const file of documents) {
    const text = readFileSync(join(REPO, file), 'utf8');
    const links = prose(text).replace(/`[^`\n]*`/g, '');
    for (const [, target, anchor] of links.matchAll(/\]\(([^)\s#]*)(?:#([^)\s]*))?\)/g)) {
      if (/^[a-z]+:/.test(target!)) continue; // https:, mailto:
      const resolved = target ? resolve(REPO, dirname(file), target) : join(REPO, file);
      assert.ok(resolved.startsWith(REPO + sep), `${file} links outside the repository: ${target}`);
      assert.ok(existsSync(resolved), `${file} links to ${target}, which does not exist`);
      if (anchor !== undefined && resolved.endsWith('.md'))
        assert.ok(
          anchors(readFileSync(resolved, 'utf8')).has(anchor),
          `${file} links to ${target}#${anchor}, a heading that ${target || file} does not have`,
        );
    }
    assert.doesNotMatch(text, /\/work\/|\.\.\/shared/, `${file} names a path outside the repository`);
  }
});

test('no line of the documents (but a table row) is over 300 characters, and the README reads in a terminal', () => {
  for (const file of documents) {
    const lines = readFileSync(join(REPO, file), 'utf8').split('\n');
    // A table's rows cannot be wrapped; the README has none that long.
    const long = lines.flatMap((l, i) =>
      l.length > 300 && (file === 'README.md' || !l.startsWith('|')) ? [`${file}:${i + 1}`] : [],
    );
    assert.deepEqual(long, [], 'lines over 300 characters');
    if (file === 'README.md') {
      const wide = lines.filter((l) => l.length > 100 && !l.startsWith('|'));
      assert.ok(wide.length <= 5, `README lines over 100 characters:\n${wide.join('\n')}`);
    }
  }
});

test('the runner reads blocks and compares output as its header says, and can fail', async () => {
  const blocks = codeBlocks(
    'x.md',
    [
      '```sh no-run: needs VS Code',
      'code --install-extension x',
      '```',
      '  ```yaml workspace',
      '  aarm: 1',
      '  ```',
      '```',
      'unlabelled',
      '```',
    ].join('\n'),
  );
  assert.deepEqual(
    blocks.map((b) => [b.line, b.lang, b.noRun, b.workspace, b.body]),
    [
      [1, 'sh', 'needs VS Code', false, 'code --install-extension x\n'],
      [4, 'yaml', undefined, true, 'aarm: 1\n'],
      [7, '', undefined, false, 'unlabelled\n'],
    ],
  );
  await assert.rejects(check(blocks[2]!, undefined as unknown as World), /needs a language this test knows/);

  assert.deepEqual(consoleSession('$ echo a \\\n  b\na b\n$ true\n'), [
    { command: 'echo a \\\n  b', expected: ['a b'] },
    { command: 'true', expected: [] },
  ]);
  assert.ok(outputMatches(['id rcpt_…', '…', 'end'], 'id rcpt_12\nx\ny\nend\n'));
  assert.ok(outputMatches(['…', 'end'], 'end\n'));
  assert.ok(!outputMatches(['hello'], 'goodbye\n'));
  assert.ok(!outputMatches(['a'], 'a\nextra line\n'), 'output beyond what the doc shows fails');
  assert.ok(!outputMatches(['a …'], 'a b\nc\n'), '… stays within its line');
});
