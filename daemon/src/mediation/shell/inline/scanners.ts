/** The scanner of each language that inline code is written in. */
import { scanMake } from './make.js';
import { emptyCodeEffects, type CodeScanner } from './types.js';

/**
 * A scanner that only recognises that code may act: any mention of a capability (running
 * commands, files, the network, dynamic code) is not understood. Used for languages without a
 * real scanner.
 */
export function keywordScanner(patterns: Array<[RegExp, string]>): CodeScanner {
  return (code) => {
    const effects = emptyCodeEffects();
    for (const [pattern, reason] of patterns) if (pattern.test(code)) effects.unknown.push(reason);
    return effects;
  };
}

const GENERAL: Array<[RegExp, string]> = [
  [/\b(system|exec\w*|spawn\w*|popen|subprocess|child_process|shell\w*|Process|Runtime|run)\b|`/, 'may run other commands'],
  [/\b(open|write\w*|unlink|remove|delete|rm\w*|rename|copy\w*|File\w*|fs|io)\b/, 'may read, write or delete files'],
  [/\b(socket|http\w*|url\w*|fetch|request\w*|connect|download\w*|curl\w*)\b/i, 'may use the network'],
  [/\b(eval|load\w*|require|import|include|dlopen|ffi|ctypes)\b/, 'may load or build code at run time'],
];

export const SCANNERS: Record<string, CodeScanner> = {
  python: keywordScanner(GENERAL),
  javascript: keywordScanner(GENERAL),
  perl: keywordScanner(GENERAL),
  ruby: keywordScanner(GENERAL),
  php: keywordScanner(GENERAL),
  lua: keywordScanner(GENERAL),
  r: keywordScanner(GENERAL),
  julia: keywordScanner(GENERAL),
  octave: keywordScanner(GENERAL),
  tcl: keywordScanner(GENERAL),
  groovy: keywordScanner(GENERAL),
  make: scanMake,
};
