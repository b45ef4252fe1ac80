/** Which kind of policy a file is, by where it sits: the built-in pack, the user's policies, or (anything else) a workspace's. */
import { resolve } from 'node:path';
import { isWithin } from '../protocol/paths.js';
import { aarmHome, resolveHomeDir } from '../protocol/state-layout.js';

export function policyScopeOf(packDir: string, env: NodeJS.ProcessEnv = process.env) {
  const userDir = aarmHome(resolveHomeDir(env)).policiesDir;
  return (source: string): 'pack' | 'user' | undefined => {
    const path = resolve(source);
    return isWithin(path, packDir) ? 'pack' : isWithin(path, userDir) ? 'user' : undefined;
  };
}
