/**
 * Every built-in pattern and the default pack run in time linear in what the agent sends (issue 18):
 * an agent writes commands, paths, URLs and MCP arguments, and one quadratic pattern (a 400 KB MCP
 * argument once held every client for 154 s) is a denial of service. Each input here is about
 * 1 MiB of a shape that makes naive patterns backtrack; a quadratic path would take minutes.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MAX_ACTION_BYTES } from '../../daemon/src/protocol/index.js';
import { MAX_COMMAND_BYTES } from '../../daemon/src/mediation/shell/analyse.js';
import { createPackJudge } from '../helpers/pack.js';

const HOME = '/home/dev';
const WS = '/home/dev/project';
const { run } = createPackJudge({ home: HOME, workspace: WS, stateDir: '/home/dev/.local/state/aarm' });

/** Just under the action size limit once wrapped in JSON. */
const fill = (unit: string, bytes = MAX_ACTION_BYTES - 4096) =>
  unit.repeat(Math.floor(bytes / Buffer.byteLength(JSON.stringify(unit).slice(1, -1))));

// Shapes aimed at the patterns we have: policy-file names, paths, URLs, secrets, quoting, nesting.
const UNITS = [
  'a',
  '.aarm',
  'x.aarm.y',
  '/.aarm/',
  '~/.',
  '$HOME/',
  'a-',
  '-----BEGIN ',
  'AKIA',
  'http://',
  'a:a@',
  '=a&',
  '%2e',
  '\\',
  '"\'',
  '$(',
  '${',
  '*?[',
  ' ',
  '\t\n',
  'é',
  // Shapes that cost the shell analysis most per byte: brace groups (each multiplies the words),
  // commands, pipelines, expansions, substitutions, assignments and function definitions.
  '{a,b}',
  'a;',
  'a|',
  '$x',
  '`a`',
  'a&&',
  '$(a)',
  '<(a)',
  'a=b ',
  'f(){ a; }; ',
];

// Under 5 s on a loaded 2-core machine for each input (the slowest takes ~1 s here, most well
// under); quadratic work on these sizes takes minutes.
const SLOW = 5_000;

function timed(label: string, raw: object) {
  const started = performance.now();
  const judgement = run(raw);
  const took = performance.now() - started;
  if (process.env.AARM_TIMES)
    console.log(label, Math.round(took), judgement.decision.decision, judgement.decision.rule);
  assert.ok(took < SLOW, `${label}: ${Math.round(took)} ms`);
  assert.ok(['allow', 'deny', 'step_up', 'defer', 'modify'].includes(judgement.decision.decision), label);
  // The default pack stays within its conditions' budget however large the input.
  assert.notEqual(
    judgement.decision.rule,
    'builtin.evaluation-error',
    `${label}: ${judgement.decision.reason}`,
  );
  return judgement;
}

test('a shell command of any shape, as large as is analysed and 1 MiB, is judged in linear time', () => {
  for (const unit of UNITS)
    for (const bytes of [MAX_COMMAND_BYTES - 64, MAX_ACTION_BYTES - 4096]) {
      const command = `echo ${fill(unit, bytes)}`;
      timed(`command of ${bytes} bytes of ${JSON.stringify(unit)}`, {
        tool: 'shell',
        operation: 'exec',
        parameters: { command, cwd: WS },
        context: { workspace: WS },
      });
    }
});

test('1 MiB paths, URLs and MCP arguments of any shape are judged in linear time', () => {
  for (const unit of UNITS) {
    const text = fill(unit);
    const label = JSON.stringify(unit);
    timed(`fs path of ${label}`, {
      tool: 'fs',
      operation: 'write',
      parameters: { path: `${WS}/${text}`, content: 'x' },
      context: { workspace: WS },
    });
    timed(`url of ${label}`, {
      tool: 'net',
      operation: 'request',
      parameters: { method: 'GET', url: `https://example.com/${text}` },
      context: { workspace: WS },
    });
    timed(`mcp argument of ${label}`, {
      tool: 'mcp',
      operation: 'call',
      parameters: { server: 'srv', tool: 'run', arguments: { text } },
      context: { workspace: WS },
    });
  }
});
