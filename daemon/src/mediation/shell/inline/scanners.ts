/** The scanner of each language that inline code is written in (see types.ts for what they report). */
import {
  scanAwk,
  scanDc,
  scanEd,
  scanElisp,
  scanGdb,
  scanM4,
  scanMysql,
  scanPsql,
  scanSqlite,
  scanVimEx,
} from './commands.js';
import { scanJavaScript } from './javascript.js';
import { scanJulia } from './julia.js';
import { scanGroovy } from './jvm.js';
import { scanLua } from './lua.js';
import { scanMake } from './make.js';
import { scanOctave } from './octave.js';
import { scanPerl } from './perl.js';
import { scanPhp } from './php.js';
import { scanPython } from './python.js';
import { scanR } from './r.js';
import { scanRuby } from './ruby.js';
import { scanTcl } from './tcl.js';
import type { CodeScanner } from './types.js';

export const SCANNERS: Record<string, CodeScanner> = {
  python: scanPython,
  javascript: scanJavaScript,
  perl: scanPerl,
  ruby: scanRuby,
  php: scanPhp,
  lua: scanLua,
  r: scanR,
  julia: scanJulia,
  octave: scanOctave,
  tcl: scanTcl,
  groovy: scanGroovy,
  awk: scanAwk,
  vim: scanVimEx,
  gdb: scanGdb,
  sqlite: scanSqlite,
  psql: scanPsql,
  mysql: scanMysql,
  m4: scanM4,
  elisp: scanElisp,
  ed: scanEd,
  dc: scanDc,
  make: scanMake,
};
