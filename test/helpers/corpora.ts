import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO } from './env.js';

/** The shared corpora (copied from the project's shared corpora; written by others — see test/fixtures/corpora/README.md for provenance and licences). */
export const CORPORA = join(REPO, 'test', 'fixtures', 'corpora');

export function readJsonl<T>(relative: string): T[] {
  return readFileSync(join(CORPORA, relative), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as T);
}

/** A tldr example with its `{{placeholders}}` filled in the way a user would: the first alternative, the literal path. */
export function fillPlaceholders(command: string): string {
  return command.replace(/\{\{(.*?)\}\}/g, (_m, inner: string) => {
    let text = inner;
    if (text.startsWith('[') && text.endsWith(']')) text = text.slice(1, -1);
    if (text.includes('|')) text = text.split('|')[0]!;
    return text.replace(/\.\.\.$/, '');
  });
}
