import { createPackJudge } from './test/helpers/pack.js';
const { shell } = createPackJudge({ home: '/home/dev', workspace: '/home/dev/project', stateDir: '/var/lib/aarm-test' });
for (const c of ['foo --bar','./build.sh','make','python3 script.py','node x.js','cargo run','npm test','npm run build','pytest','terraform plan','jira open x','pulumi env init e','mytool build src', 'kubectl get pods','docker run x','gradle build','bash script.sh','sh -c "$X"','eval "$CMD"']) {
  const j = shell(c); console.log(c.padEnd(24), j.decision.decision, j.decision.rule, JSON.stringify(j.effects?.unknown), j.effects?.network);
}
