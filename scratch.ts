import { analyseShell } from './daemon/src/mediation/shell/analyse.js';
const o = { cwd: '/w', home: '/h', workspace: '/w' };
for (const c of process.argv.slice(2)) {
  try { const e = analyseShell(c, o); console.log(JSON.stringify(c), JSON.stringify({p: e.programs, r: e.reads, w: e.writes, d: e.deletes, h: e.hosts, x: e.executes, risks: e.risks, u: e.unknown, s: e.signals, pk: e.packages, net: e.network})); }
  catch (err) { console.log(c, 'THREW', (err as Error).stack); }
}
