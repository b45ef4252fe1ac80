import { scanDc, scanAwk } from '../daemon/src/mediation/shell/inline/commands.js';
const MiB = 1 << 20;
const rep = (s: string, n = MiB) => s.repeat(Math.ceil(n / s.length)).slice(0, n);
for (const n of [MiB / 8, MiB / 4, MiB / 2]) {
  for (const [name, s] of [['sql', rep("select ';", n)], ['bs', rep('\\', n)], ['plain', rep('abc ', n)]] as const) {
    const t = performance.now(); scanDc(s); console.log('dc', name, n, Math.round(performance.now() - t));
  }
}
