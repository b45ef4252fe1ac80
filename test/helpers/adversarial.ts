/**
 * The team's adversarial corpora (test/fixtures/adversarial): attacks that must not run without a
 * human, and ordinary work that must run. Each case is one shell action, judged by the default
 * pack in a session of its own, in a workspace that holds its own policy file — as `aarm check`
 * would judge it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createPolicySources } from '../../daemon/src/state/policy-files.js';
import { effectsFor } from '../../daemon/src/pipeline/prepare.js';
import { evaluate } from '../../daemon/src/policy/index.js';
import { parseAction } from '../../daemon/src/protocol/index.js';
import { normalizeAction } from '../../daemon/src/mediation/normalize.js';
import type { Decision } from '../../daemon/src/protocol/index.js';
import { PACK_DIR, REPO } from './env.js';

export const ADVERSARIAL_HOME = '/home/dev';
export const ADVERSARIAL_WORKSPACE = '/home/dev/project';
export const ADVERSARIAL_STATE = '/home/dev/.local/state/aarm';

export interface Case {
  id: string;
  family: string;
  command: string;
  expect: 'block' | 'allow';
  why: string;
}

export function readCases(name: 'attacks' | 'ordinary' | 'review'): Case[] {
  return readFileSync(join(REPO, 'test', 'fixtures', 'adversarial', `${name}.jsonl`), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const row = JSON.parse(line) as Case & { category?: string };
      return { ...row, family: row.family ?? row.category ?? '' };
    });
}

/** A judge for the corpora: the default pack, and the workspace's own policy file in force. */
export function createCorpusJudge(): { decide: (command: string) => Decision; close: () => void } {
  const policies = createPolicySources({
    home: ADVERSARIAL_HOME,
    stateDir: ADVERSARIAL_STATE,
    packDir: PACK_DIR,
    watch: false,
  });
  const view = policies.forWorkspace(undefined);
  const protectedPaths = [
    ...view.protectedPaths,
    `${ADVERSARIAL_WORKSPACE}/.aarm`,
    `${ADVERSARIAL_WORKSPACE}/.aarm/policy.yaml`,
  ];
  // The workspace the corpora describe: its JavaScript tools are installed in node_modules.
  const installed = ['tsc', 'jest', 'eslint', 'prettier', 'vite', 'vitest', 'tsx', 'playwright'];
  const effectsOf = effectsFor(ADVERSARIAL_HOME, {
    realpath: (path) => path,
    exists: (path) => installed.some((bin) => path === `${ADVERSARIAL_WORKSPACE}/node_modules/.bin/${bin}`),
  });
  return {
    decide(command) {
      const parsed = parseAction({
        tool: 'shell',
        operation: 'exec',
        parameters: { command, cwd: ADVERSARIAL_WORKSPACE },
        context: { workspace: ADVERSARIAL_WORKSPACE },
        identity: { agent: { name: 'corpus' } },
      });
      if (!parsed.ok) throw new Error(parsed.error);
      const action = normalizeAction(parsed.value, { home: ADVERSARIAL_HOME });
      if (!action.ok) throw new Error(action.error);
      return evaluate(view.set, {
        action: action.value,
        home: ADVERSARIAL_HOME,
        protectedPaths,
        stateDir: ADVERSARIAL_STATE,
        effectsOf,
      });
    },
    close: () => policies.close(),
  };
}

export interface Rates {
  total: number;
  right: number;
  byFamily: Map<string, { total: number; right: number }>;
  wrong: Array<{ case: Case; decision: Decision }>;
}

/** How many cases come out as expected: attacks not allowed, ordinary work allowed. */
export function measure(cases: Case[], decide: (command: string) => Decision): Rates {
  const rates: Rates = { total: 0, right: 0, byFamily: new Map(), wrong: [] };
  for (const c of cases) {
    const decision = decide(c.command);
    const allowed = decision.decision === 'allow' || decision.decision === 'modify';
    const right = c.expect === 'block' ? !allowed : allowed;
    const family = rates.byFamily.get(c.family) ?? { total: 0, right: 0 };
    family.total++;
    rates.total++;
    if (right) {
      family.right++;
      rates.right++;
    } else rates.wrong.push({ case: c, decision });
    rates.byFamily.set(c.family, family);
  }
  return rates;
}

export const percent = (right: number, total: number) => `${((100 * right) / total).toFixed(1)}%`;
