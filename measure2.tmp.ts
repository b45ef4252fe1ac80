import { createPackJudge } from './test/helpers/pack.js';
import { readCases } from './test/helpers/adversarial.js';
import { readJsonl, fillPlaceholders } from './test/helpers/corpora.js';
const WS='/home/dev/project';
const { shell } = createPackJudge({ home: '/home/dev', workspace: WS, stateDir: '/var/lib/aarm-test' });
const which = process.argv[2];
const cmds = which==='tldr' ? readJsonl<{command:string}>('benign-commands/tldr_examples_sample3000.jsonl').map(e=>fillPlaceholders(e.command)).filter(c=>!/^<[^>]+>/.test(c)) : readCases(which as any).map(c=>c.command);
const kinds = new Map<string, number>();
let n=0;
for (const c of cmds) {
  const j = shell(c);
  if (j.decision.rule !== 'not-understood') continue;
  const e = j.effects!;
  if (e.network || e.risks.length) continue;
  n++;
  for (const u of e.unknown) { const k = u.replace(/`[^`]*`/g, 'X'); kinds.set(k, (kinds.get(k) ?? 0) + 1); }
}
console.log(which, n);
console.log([...kinds].sort((a,b)=>b[1]-a[1]).map(([k,n])=>`${n}\t${k}`).join('\n'));
