/** dist/aarm-lean.js: the commands of every tool call (loaded by the launcher, launch.ts). */
export { lean as run } from './lean.js';
