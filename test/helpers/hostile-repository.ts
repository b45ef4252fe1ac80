/**
 * Repositories whose `.aarm/` was written to stall whoever reads it: each is a policy a cloned
 * repository could carry (issue 18). `writeHostileRepository(kind, dir)` lays one out in `dir`.
 * The daemon must deny in such a workspace, say why, and keep answering every other workspace.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const list = (n: number) => `[${Array.from({ length: n }, (_, i) => i).join(',')}]`;

/** A workspace rule (deny: a repository may only tighten) with the given condition. */
const rule = (id: string, when: string) =>
  `  - id: ${id}\n    decision: deny\n    reason: never\n    when: ${JSON.stringify(when)}\n`;

export const HOSTILE_REPOSITORIES = {
  /** three nested loops over 200 items: 8 million steps for every action */
  'cel-bomb': () =>
    `aarm: 1\nname: cel-bomb\nrules:\n${rule('nested', `${list(200)}.all(a, ${list(200)}.all(b, ${list(200)}.all(c, a + b + c >= 0))) && false`)}`,
  /** a glob of 1.7 KB with a star before every letter, against the agent's own long command */
  'glob-bomb': () =>
    `aarm: 1\nname: glob-bomb\nrules:\n${rule('glob', `globMatch(action.parameters.command, '${'*a'.repeat(850)}')`)}`,
  /** string work that grows with the square of the command */
  'replace-bomb': () =>
    `aarm: 1\nname: replace-bomb\nrules:\n${rule('grow', `action.parameters.command.replace('', action.parameters.command).size() == 0`)}`,
  /** a regular expression with nested repetition (RE2 is linear, but each call still costs) */
  'regex-bomb': () =>
    `aarm: 1\nname: regex-bomb\nrules:\n${rule('regex', `action.parameters.command.split('').exists(c, action.parameters.command.matches('${'(a|aa)*'.repeat(20)}b'))`)}`,
  /** examples that each run a costly condition: they are checked when the file loads */
  'examples-bomb': () =>
    `aarm: 1\nname: examples-bomb\nrules:\n${rule('nested', `${list(300)}.all(a, ${list(300)}.all(b, ${list(300)}.all(c, true))) && false`)}examples:\n${Array.from(
      { length: 40 },
      (_, i) =>
        `  - name: e${i}\n    action: { tool: shell, operation: exec, parameters: { command: "ls", cwd: /tmp }, context: { workspace: /tmp } }\n    decision: allow\n`,
    ).join('')}`,
  /** as many conditions as fit in 64 KiB, each as long as allowed */
  'compile-bomb': () =>
    `aarm: 1\nname: compile-bomb\nrules:\n${Array.from({ length: 15 }, (_, i) => rule(`r${i}`, `${list(1000)}.size() < 0`)).join('')}`,
  /** a string doubled in nested one-item loops (each loop is one step) until it is 268 M characters */
  'string-doubling': () => {
    let when = `['${'a'.repeat(64)}'].all(v0, `;
    for (let i = 0; i < 22; i++) when += `[v${i} + v${i}].all(v${i + 1}, `;
    when += Array.from({ length: 40 }, (_, i) => `!(v22 + '${i % 10}').contains('z')`).join(' && ');
    return `aarm: 1\nname: string-doubling\nrules:\n${rule('double', `${when}${')'.repeat(23)} && false`)}`;
  },
  /** a regular expression whose program repeats a thousand times, on the agent's long command */
  'regex-repeat': () =>
    `aarm: 1\nname: regex-repeat\nrules:\n${rule('repeat', "action.parameters.command.matches('(?:a|aa|aaa|aaaa|aaaaa){1000}[^a]')")}`,
  /** unclosed nesting the CEL parser backtracks on, in every expression of one rule */
  'parse-nesting': () =>
    `aarm: 1\nname: parse-nesting\nrules:\n  - id: nested\n    decision: deny\n    reason: never\n    when: ${JSON.stringify('!('.repeat(420))}\n    details: ${JSON.stringify('!('.repeat(420))}\n`,
  /** a mapping of 12,000 keys (the YAML library compared every pair) */
  'many-keys': () =>
    `aarm: 1\nname: many-keys\nx: {${Array.from({ length: 12_000 }, (_, i) => `k${i.toString(36)}`).join(',')}}\n`,
  /** a link to an endless device (git stores links) */
  'zero-link': (dir: string) => {
    symlinkSync('/dev/zero', join(dir, '.aarm', 'zero.yaml'));
    return undefined;
  },
  /** a named pipe nobody writes to */
  fifo: (dir: string) => {
    execFileSync('mkfifo', [join(dir, '.aarm', 'fifo.yaml')]);
    return undefined;
  },
  /** many policy files */
  'many-files': (dir: string) => {
    for (let i = 0; i < 40; i++)
      writeFileSync(join(dir, '.aarm', `p${i}.yaml`), `aarm: 1\nname: p${i}\nrules: []\n`);
    return undefined;
  },
} satisfies Record<string, (dir: string) => string | undefined>;

export type HostileKind = keyof typeof HOSTILE_REPOSITORIES;

export function writeHostileRepository(kind: HostileKind, dir: string): void {
  mkdirSync(join(dir, '.aarm'), { recursive: true });
  const text = HOSTILE_REPOSITORIES[kind](dir);
  if (text !== undefined) writeFileSync(join(dir, '.aarm', 'policy.yaml'), text);
}
