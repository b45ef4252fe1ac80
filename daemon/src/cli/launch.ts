/**
 * `dist/aarm.js` and `dist/aarm-shell.js`: pick the bundle a command needs before loading any.
 * The hooks, `aarm shell` and friends run on every tool call, so they load the lean client
 * (dist/aarm-lean.js); the rest loads the full CLI (dist/aarm-full.js). Node built-ins only here.
 *
 * The lean bundle is compiled with V8's code cache when there is one for it: a file beside the
 * bundle per command and Node (`aarm-lean.js.hook.<node>.cache`), made by the first run of that
 * command that succeeds, holding the code V8 compiled for it. It saves a hook process the
 * compiling of what it runs. V8 refuses a cache of another V8 version or flags, so each Node
 * version and set of flags has its own (one shared would be refused and made again by every other
 * run); and V8 checks only the source's length, so the cache starts with the bundle's SHA-256. A
 * cache that is missing, stale or refused costs only the ordinary compile; whatever goes wrong
 * with it, the bundle loads as a plain `require` would.
 */
import { createHash } from 'node:crypto';
import { accessSync, constants, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Script } from 'node:vm';

const LEAN = new Set(['hook', 'shell', 'exec', 'confine', 'status', 'mcp-proxy']);

interface Cli {
  run(argv: string[]): Promise<number>;
}

export function launch(argv: string[]): void {
  const command = argv[0];
  const lean = command !== undefined && LEAN.has(command) && !argv.includes('--help') && !argv.includes('-h');
  const cli = lean
    ? loadWithCodeCache(join(__dirname, 'aarm-lean.js'), command)
    : // eslint-disable-next-line @typescript-eslint/no-require-imports
      (require(join(__dirname, 'aarm-full.js')) as Cli);
  void cli.run(argv).then((code) => {
    process.exitCode = code;
  });
}

/** What a cache file starts with: the SHA-256 of the bundle it was made from. */
const DIGEST_BYTES = 32;

/** The CommonJS bundle at `file`, compiled with its code cache for `command` when that cache fits. */
function loadWithCodeCache(file: string, command: string): Cli {
  let source: string;
  let script: Script;
  let digest: Buffer;
  let cached: Buffer | undefined;
  let cacheFile: string;
  try {
    const node = createHash('sha256')
      .update(
        JSON.stringify([process.version, process.arch, process.execArgv, process.env.NODE_OPTIONS ?? '']),
      )
      .digest('hex')
      .slice(0, 16);
    cacheFile = `${file}.${command}.${node}.cache`;
    source = readFileSync(file, 'utf8');
    digest = createHash('sha256').update(source).digest();
    cached = cacheFor(cacheFile, digest);
    // The wrapper Node puts round a CommonJS module, on the first line so that lines keep their numbers.
    script = new Script(`(function (exports, require, module, __filename, __dirname) { ${source}\n})`, {
      filename: file,
      ...(cached ? { cachedData: cached } : {}),
    });
  } catch {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require(file) as Cli;
  }
  // From here the bundle runs: an error is the bundle's own, and running it again would run it twice.
  const loaded = { exports: {} as Cli };
  // This launcher's own `require`: the bundle beside it resolves what it needs from the same folder.
  (script.runInThisContext() as (...args: unknown[]) => void).call(
    loaded.exports,
    loaded.exports,
    require,
    loaded,
    file,
    dirname(file),
  );
  if (cached === undefined || script.cachedDataRejected) remakeCacheOnSuccess(script, cacheFile, digest);
  return loaded.exports;
}

/** The code cache in `cacheFile` if it was made from the bundle with this digest. */
function cacheFor(cacheFile: string, digest: Buffer): Buffer | undefined {
  let data: Buffer;
  try {
    data = readFileSync(cacheFile);
  } catch {
    return undefined;
  }
  return data.length > DIGEST_BYTES && data.subarray(0, DIGEST_BYTES).equals(digest)
    ? data.subarray(DIGEST_BYTES)
    : undefined;
}

/**
 * When the process ends well, keep what V8 compiled for this run (a failed run compiled its error
 * path, not the one the next runs take). Written whole or not at all: to a file of this process,
 * then renamed over the cache. Where aarm's folder is not writable nothing is made or tried.
 */
function remakeCacheOnSuccess(script: Script, cacheFile: string, digest: Buffer): void {
  try {
    accessSync(dirname(cacheFile), constants.W_OK);
  } catch {
    return;
  }
  process.once('exit', (code) => {
    if (code !== 0) return;
    const temporary = `${cacheFile}.${process.pid}.tmp`;
    try {
      writeFileSync(temporary, Buffer.concat([digest, script.createCachedData()]), { mode: 0o644 });
      renameSync(temporary, cacheFile);
    } catch {
      try {
        unlinkSync(temporary);
      } catch {
        // nothing was written
      }
    }
  });
}
