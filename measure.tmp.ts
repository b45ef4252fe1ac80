import { createPackJudge } from './test/helpers/pack.js';
import { readCases } from './test/helpers/adversarial.js';
import { readJsonl, fillPlaceholders } from './test/helpers/corpora.js';
const WS='/home/dev/project';
const { shell } = createPackJudge({ home: '/home/dev', workspace: WS, stateDir: '/var/lib/aarm-test' });
function report(name: string, cmds: string[]) {
  let nu = 0; const kinds = new Map<string, number>(); const withNet: string[] = []; const samples: string[] = [];
  for (const c of cmds) {
    const j = shell(c);
    if (j.decision.rule !== 'not-understood') continue;
    nu++;
    const e = j.effects!;
    if (e.network) withNet.push(c);
    for (const u of e.unknown) { const k = u.replace(/`[^`]*`/g, 'X'); kinds.set(k, (kinds.get(k) ?? 0) + 1); }
    if (samples.length < 15) samples.push(c.slice(0,100) + '  ::: ' + e.unknown.join(' | ').slice(0,150) + (e.network?' NET':'') + ' risks=' + e.risks);
  }
  console.log(`== ${name}: ${cmds.length} cmds, not-understood ${nu}, with network ${withNet.length}`);
  console.log([...kinds].sort((a,b)=>b[1]-a[1]).slice(0,25).map(([k,n])=>`${n}\t${k}`).join('\n'));
  console.log(samples.join('\n'));
}
report('attacks', readCases('attacks').map(c=>c.command));
report('ordinary', readCases('ordinary').map(c=>c.command));
report('review', readCases('review').map(c=>c.command));
report('tldr', readJsonl<{command:string}>('benign-commands/tldr_examples_sample3000.jsonl').map(e=>fillPlaceholders(e.command)).filter(c=>!/^<[^>]+>/.test(c)));
