#!/usr/bin/env node
// docs/cli.md is made from the CLI's own help (`aarm --help`, `aarm COMMAND --help`), so it cannot
// drift: `node scripts/cli-doc.mjs` rewrites it from the built CLI (`npm run docs:cli` builds first);
// `--check` exits 1 when the file differs (test/integration/docs.test.ts runs that).
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..');
const target = join(repo, 'docs', 'cli.md');

// `aarm … --help` always runs the full CLI bundle (daemon/src/cli/launch.ts): run it here, in this
// one process, and keep what it prints (a Node start per command took ~1 s each on a busy machine).
const { run } = createRequire(import.meta.url)(join(repo, 'dist', 'aarm-full.js'));
async function aarm(...args) {
  let printed = '';
  const write = process.stdout.write;
  process.stdout.write = (chunk) => ((printed += chunk), true);
  try {
    const code = await run(args);
    if (code !== 0) throw new Error(`aarm ${args.join(' ')} exited ${code}`);
  } finally {
    process.stdout.write = write;
  }
  return printed;
}

// The command list of `aarm --help`: "  name   summary" lines; the state directory line names this machine.
const top = (await aarm('--help'))
  .split('\n')
  .filter((line) => !line.startsWith('State directory:'))
  .join('\n')
  .trimEnd();
const commands = [...top.matchAll(/^ {2}(\S+) +(.+)$/gm)].map(([, name, summary]) => ({ name, summary }));

// `aarm shell --help` names the aarm-shell that works where it runs (a checkout, the PATH, the copy
// `aarm install` keeps): a path of this machine, so the document shows a placeholder instead.
const helps = [];
for (const { name } of commands)
  helps.push((await aarm(name, '--help')).replace(/SHELL="[^"\n]*"/, 'SHELL="/path/to/aarm-shell"'));

const sections = commands.map(
  ({ name, summary }, i) => `## aarm ${name}

${summary[0].toUpperCase()}${summary.slice(1)}.

\`\`\`text
${helps[i].trimEnd()}
\`\`\`
`,
);

const doc = `# The aarm command line

<!-- Generated from \`aarm --help\` and \`aarm COMMAND --help\` by scripts/cli-doc.mjs: do not edit by
hand; change the command's usage text and run \`npm run docs:cli\`. A test fails when they differ. -->

Every command prints this help with \`--help\`. From a checkout, run the CLI as \`npx aarm\` (or put it
on your PATH with \`npm link\`). Every command works on the state directory \`$AARM_HOME\` (default
\`$XDG_STATE_HOME/aarm\`, else \`~/.local/state/aarm\`).

Exit codes: 0 success; 1 failure (the daemon is not running, a check failed, a file cannot be read);
2 a usage mistake (an unknown command or option gets the nearest one: "did you mean \`aarm status\`?").
\`aarm exec\` and \`aarm shell\` exit with the command's own status, 126 when it was denied and 125 when
the daemon could not be reached (nothing ran in either case).

\`\`\`text
${top}
\`\`\`

${sections.join('\n')}`;

if (process.argv.includes('--check')) {
  let current = '';
  try {
    current = readFileSync(target, 'utf8');
  } catch {
    // missing: reported below
  }
  if (current !== doc) {
    process.stderr.write("docs/cli.md differs from the CLI's --help: run `npm run docs:cli`\n");
    process.exit(1);
  }
} else {
  writeFileSync(target, doc);
  process.stdout.write(`wrote docs/cli.md (${commands.length} commands)\n`);
}
