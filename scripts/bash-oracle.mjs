// Regenerates test/fixtures/corpora/bash-oracle.json: what the real Bash (`bash -n`) says of each
// input of the shell-parser corpora. The parser test compares the analyser's parser with it.
// Usage: node scripts/bash-oracle.mjs
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';

const dir = new URL('../test/fixtures/corpora/', import.meta.url);
const jsonl = (name) =>
  readFileSync(new URL(name, dir), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l));
const inputs = new Set();
for (const r of jsonl('shell-parser-tests/mvdan-sh_filetests_inputs.jsonl'))
  for (const i of r.inputs) inputs.add(i);
for (const r of jsonl('shell-parser-tests/mvdan-sh_error_cases.jsonl')) inputs.add(r.input);
for (const r of jsonl('shell-parser-tests/tree-sitter-bash_corpus.jsonl')) inputs.add(r.input);
const verdicts = {};
for (const input of inputs) {
  const result = spawnSync('bash', ['-n', '-O', 'extglob'], { input, encoding: 'utf8', timeout: 5000 });
  verdicts[input] = result.status === 0 ? 'accepts' : 'rejects';
}
const version = execFileSync('bash', ['-c', 'echo $BASH_VERSION'], { encoding: 'utf8' }).trim();
writeFileSync(
  new URL('bash-oracle.json', dir),
  `${JSON.stringify({ bash: version, command: 'bash -n -O extglob < INPUT', verdicts }, null, 1)}\n`,
);
console.log(`${Object.keys(verdicts).length} inputs judged by bash ${version}`);
