import { scanPython } from './daemon/src/mediation/shell/inline/python.js';
const cases = process.argv.slice(2);
for (const c of cases) {
  const r = scanPython(c);
  const brief = Object.fromEntries(Object.entries(r).filter(([, v]) => (Array.isArray(v) ? v.length > 0 : v)));
  console.log(JSON.stringify(c), '=>', JSON.stringify(brief));
}
