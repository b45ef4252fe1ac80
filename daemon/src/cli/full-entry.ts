/** dist/aarm-full.js: every command (loaded by the launcher, launch.ts). */
export { main as run } from './main.js';
