import { lex, listEnds, brackets } from './daemon/src/mediation/shell/inline/lexer.js';
const t = lex('from os import system as s; s("ls -la")', 'python');
console.log(t.map((x, i) => `${i}:${x.text}`).join(' '));
const ends = listEnds(t, (i) => (t[i]!.nl) || t[i]!.text === ';');
console.log([...ends].join(','));
