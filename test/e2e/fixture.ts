/** What both e2e runners share: the workspace the extension opens, and the in-host suite, built. */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { tempDir } from '../helpers/env.js';
import { REPO } from './harness.js';

export interface E2eWorkspace {
  /** AARM_HOME of the daemon the extension starts */
  home: string;
  /** the folder VS Code opens */
  workspace: string;
  /** a folder outside the workspace, for exports */
  exports: string;
  /** environment for VS Code: the in-host suite reads it */
  env: Record<string, string>;
  /** stops the daemon the extension started, removes everything */
  cleanup(): void;
}

export function e2eWorkspace(): E2eWorkspace {
  const root = tempDir();
  const home = join(root.dir, 'aarm-home');
  const workspace = join(root.dir, 'project');
  for (const dir of ['.aarm', 'drafts', '.vscode']) mkdirSync(join(workspace, dir), { recursive: true });
  const exports = join(root.dir, 'exports');
  mkdirSync(exports);
  // A workspace policy (it activates the extension; a critical step-up gets a modal prompt) and a
  // broken draft the daemon does not load.
  writeFileSync(
    join(workspace, '.aarm', 'project.yaml'),
    [
      'aarm: 1',
      'name: project',
      'rules:',
      '  - id: prod-deploy',
      '    match: { tool: shell }',
      "    when: action.parameters.command.startsWith('./deploy-prod')",
      '    decision: step_up',
      '    risk: critical',
      '    reason: deploys to production',
      '',
    ].join('\n'),
  );
  writeFileSync(
    join(workspace, 'drafts', 'broken.aarm.yaml'),
    'aarm: 1\nname: draft\nrules:\n  - id: push\n    decision: allow\n    match: { tool: shell }\n    when: "action.parameters.command.startsWith("\n',
  );
  // A draft the user replays against what agents did (not in force: no .aarm in its name).
  writeFileSync(
    join(workspace, 'drafts', 'stricter.yaml'),
    [
      'aarm: 1',
      'name: stricter',
      'rules:',
      '  - id: no-agent-push',
      '    match: { tool: shell }',
      "    when: action.parameters.command.startsWith('git push')",
      '    decision: deny',
      '    reason: agents do not push; I push myself',
      '',
    ].join('\n'),
  );
  // What an agent might write to loosen things: machine-scoped settings ignore it.
  writeFileSync(
    join(workspace, '.vscode', 'settings.json'),
    JSON.stringify({ 'aarm.home': '/tmp/aarm-elsewhere' }),
  );
  return {
    home,
    workspace,
    exports,
    env: { AARM_HOME: home, AARM_E2E_WORKSPACE: workspace },
    cleanup() {
      try {
        const { pid } = JSON.parse(readFileSync(join(home, 'daemon.json'), 'utf8')) as { pid: number };
        process.kill(pid, 'SIGTERM');
      } catch {
        // no daemon left
      }
      root.cleanup();
    },
  };
}

/** Bundles test/e2e/suite for the extension host; returns the module's path. */
export async function buildInHostSuite(): Promise<string> {
  const suite = join(REPO, 'out', 'e2e', 'suite.js');
  await build({
    entryPoints: [join(REPO, 'test', 'e2e', 'suite', 'index.ts')],
    outfile: suite,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode', 'bufferutil', 'utf-8-validate'],
    logLevel: 'warning',
  });
  return suite;
}
