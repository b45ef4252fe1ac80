import { createPolicySources } from '../../daemon/src/state/policy-files.js';
import { judge, type Judgement } from '../../daemon/src/pipeline/judge.js';
import { PACK_DIR } from './env.js';

/** The default pack as the daemon loads it, for a user with this home and workspace. */
export function createPackJudge(options: {
  home: string;
  workspace: string;
  stateDir: string;
  /** as a daemon that confines would judge (`confine:` rules allow, confined) */
  confine?: boolean;
}) {
  const policies = createPolicySources({
    home: options.home,
    stateDir: options.stateDir,
    packDir: PACK_DIR,
    watch: false,
  });
  const deps = { policies, home: options.home, ...(options.confine ? { confine: true } : {}) };
  // Actions come from an identified agent, as every adapter sends them (R6).
  const run = (raw: object): Judgement => {
    const identified = { identity: { agent: { name: 'test-agent' } }, ...raw };
    return judge(identified, JSON.stringify(identified), deps);
  };
  return {
    policies,
    run,
    shell: (command: string, cwd = options.workspace) =>
      run({
        tool: 'shell',
        operation: 'exec',
        parameters: { command, cwd },
        context: { workspace: options.workspace },
      }),
  };
}
