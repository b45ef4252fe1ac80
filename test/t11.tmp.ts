import { scanLua } from '../daemon/src/mediation/shell/inline/lua.js';
import { scanGroovy } from '../daemon/src/mediation/shell/inline/jvm.js';
const big = (n: number) => 'a b\\ '.repeat(n / 4);
for (let k = 0; k < 2; k++) for (const n of [1 << 18, 1 << 19, 1 << 20]) {
  for (const [name, f, s] of [['lua dot', scanLua, '.shell ' + big(n)], ['lua psql', scanLua, '\\! ' + big(n)], ['groovy edw', scanGroovy, 'w ' + big(n)]] as const) {
    const t = performance.now(); f(s); console.log(name, n, Math.round(performance.now() - t));
  }
}
