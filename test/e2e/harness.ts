/**
 * End-to-end harness: the extension in a real VS Code (code-server 4.100.3, installed by
 * `scripts/e2e-setup.sh`) driven by headless Chromium through playwright-core.
 * Why this route and every flag below: /work/shared/design/VSCODE-TESTING.md.
 */
import { spawn } from 'node:child_process';
import {
  closeSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import type { FrameLocator, Locator, Page } from 'playwright-core';

export const REPO = resolve(__dirname, '..', '..');
export const SCREENSHOTS = join(REPO, 'test', 'e2e', 'screenshots');
const CODE_SERVER =
  process.env.AARM_E2E_CODE_SERVER ??
  join(REPO, '.vscode-test', 'code-server', 'node_modules', '.bin', 'code-server');
const CHROMIUM = process.env.AARM_E2E_CHROMIUM ?? '/usr/bin/chromium';
/** Set AARM_E2E_KEEP=1 to keep the temporary folders (code-server.log, user data) after a run. */
const KEEP = process.env.AARM_E2E_KEEP === '1';

/** Settings that keep the first start quiet: no welcome page, walkthroughs, trust prompt or telemetry. */
export const DEFAULT_SETTINGS: Record<string, unknown> = {
  'workbench.startupEditor': 'none',
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'security.workspace.trust.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'extensions.ignoreRecommendations': true,
};

// Synchronous cleanups for when this process exits: what stop()/close() did not get to (a hard
// timeout's process.exit, Ctrl-C), and processes that left code-server's group (see sweep()).
const atExit = new Set<() => void>();
let exitHookInstalled = false;
function onExit(cleanup: () => void): () => void {
  atExit.add(cleanup);
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.on('exit', () => atExit.forEach((f) => f()));
    // Without these, a signal ends node without 'exit' and leaves the detached group running.
    for (const [signal, code] of [
      ['SIGINT', 130],
      ['SIGTERM', 143],
    ] as const)
      process.once(signal, () => process.exit(code));
  }
  return () => atExit.delete(cleanup);
}
function removeDir(dir: string): void {
  if (!KEEP) rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
}
/**
 * Kills the processes carrying `marker` (NAME=VALUE) in their environment: code-server's
 * descendants, including detached ones the group kill misses, like a daemon the extension starts.
 */
function sweep(marker: string): void {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      if (readFileSync(`/proc/${entry}/environ`, 'latin1').split('\0').includes(marker))
        process.kill(Number(entry), 'SIGKILL');
    } catch {
      // gone meanwhile, or not ours to read
    }
  }
}
function killGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // already gone
  }
}

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolvePort(port));
    });
  });
}

/** Polls `check` every 100 ms until it returns true; throws `message()` after `ms`. */
export async function until(
  check: () => Promise<boolean> | boolean,
  ms: number,
  message: () => string,
): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(message());
    await new Promise((r) => setTimeout(r, 100));
  }
}

export interface CodeServerOptions {
  /** Folder opened in the window. */
  workspace: string;
  /** Folder of the extension under development (its package.json). */
  extensionPath?: string;
  /** Or a packaged extension: installed into the fresh extensions folder before the start. */
  vsix?: string;
  /** Added to code-server's environment, after HOME/XDG_* are pointed into the temporary folder. */
  env?: Record<string, string>;
  /** A module exporting `run(): Promise<void>`, run inside the extension host (in-host tests). */
  extensionTestsPath?: string;
  /** User settings, merged over DEFAULT_SETTINGS. */
  settings?: Record<string, unknown>;
}

export interface CodeServer {
  /** Opens the workspace (with the extension loaded as a development extension, when given so). */
  url: string;
  /** The extensions folder (where a vsix was installed). */
  extensionsDir: string;
  port: number;
  /** The temporary folder (user data, HOME, code-server.log); removed by stop() unless AARM_E2E_KEEP=1. */
  dir: string;
  logFile: string;
  stop(): Promise<void>;
}

export async function startCodeServer(options: CodeServerOptions): Promise<CodeServer> {
  if (!existsSync(CODE_SERVER)) throw new Error(`${CODE_SERVER} is missing: run scripts/e2e-setup.sh`);
  const dir = mkdtempSync(join(tmpdir(), 'aarm-e2e-'));
  const home = join(dir, 'home');
  const userData = join(dir, 'user-data');
  const logFile = join(dir, 'code-server.log');
  for (const d of [home, join(userData, 'User'), join(dir, 'extensions'), join(dir, 'tmp')])
    mkdirSync(d, { recursive: true });
  writeFileSync(join(dir, 'config.yaml'), 'auth: none\ncert: false\n');
  writeFileSync(
    join(userData, 'User', 'settings.json'),
    JSON.stringify({ ...DEFAULT_SETTINGS, ...options.settings }, null, 2),
  );

  const env: Record<string, string | undefined> = { ...process.env };
  // VSCODE_IPC_HOOK_CLI (set in VS Code terminals) makes code-server hand the folder to that VS Code
  // instead of starting; the other VSCODE_* and AARM_* would leak the developer's setup into the test.
  for (const key of Object.keys(env)) if (/^(VSCODE_|ELECTRON_|AARM_)/.test(key)) delete env[key];
  const marker = `AARM_E2E_RUN=${dir}`; // inherited by every descendant: see sweep()
  Object.assign(env, {
    AARM_E2E_RUN: dir,
    HOME: home,
    XDG_CONFIG_HOME: join(home, '.config'),
    XDG_DATA_HOME: join(home, '.local', 'share'),
    XDG_STATE_HOME: join(home, '.local', 'state'),
    XDG_CACHE_HOME: join(home, '.cache'),
    TMPDIR: join(dir, 'tmp'),
    ...options.env,
  });

  const profile = ['--user-data-dir', userData, '--extensions-dir', join(dir, 'extensions')];
  if (options.vsix) {
    // As a user does: `code-server --install-extension FILE.vsix`.
    const installed = await new Promise<number | null>((done) => {
      const log = openSync(logFile, 'a');
      const install = spawn(CODE_SERVER, [...profile, '--install-extension', options.vsix!], {
        env,
        stdio: ['ignore', log, log],
      });
      closeSync(log);
      install.once('exit', done);
    });
    if (installed !== 0) {
      removeDir(dir);
      throw new Error(`installing ${options.vsix} failed:\n${readFileSync(logFile, 'utf8')}`);
    }
  }

  const port = await freePort();
  const log = openSync(logFile, 'a');
  const child = spawn(
    CODE_SERVER,
    [
      ...['--config', join(dir, 'config.yaml'), '--bind-addr', `127.0.0.1:${port}`],
      ...profile,
      ...['--disable-telemetry', '--disable-update-check', '--disable-workspace-trust'],
    ],
    { env, detached: true, stdio: ['ignore', log, log] }, // detached: own process group, killed as one
  );
  closeSync(log);
  const pid = child.pid!;
  let exited = false;
  let stopped = false;
  const exit = new Promise<void>((r) => child.once('exit', () => ((exited = true), r())));
  // Detached descendants (the extension starts the daemon so, to outlive the window) survive stop():
  // tests may hand one to the next test. They end when this process does.
  onExit(() => {
    if (!stopped) killGroup(pid, 'SIGKILL');
    sweep(marker);
    removeDir(dir);
  });

  const stop = async () => {
    if (stopped) return;
    killGroup(pid, 'SIGTERM');
    await Promise.race([exit, new Promise((r) => setTimeout(r, 5000))]);
    killGroup(pid, 'SIGKILL'); // the extension host and language servers too, whatever the leader did
    stopped = true;
    removeDir(dir);
  };

  try {
    const logTail = () => readFileSync(logFile, 'utf8').split('\n').slice(-20).join('\n');
    await until(
      async () => {
        if (exited) throw new Error(`code-server exited at start:\n${logTail()}`);
        return fetch(`http://127.0.0.1:${port}/healthz`).then(
          (r) => r.ok,
          () => false,
        );
      },
      60_000,
      () => `code-server did not answer on port ${port} in 60 s:\n${logTail()}`,
    );
  } catch (error) {
    await stop();
    throw error;
  }

  // The browser workbench reads extensionDevelopmentPath/extensionTestsPath from the `payload` query
  // (code-server has no flag for them); paths are URIs on the remote, i.e. this server.
  const remote = (path: string) => `vscode-remote://127.0.0.1:${port}${resolve(path)}`;
  const payload: Array<[string, string]> = [];
  if (options.extensionPath) payload.push(['extensionDevelopmentPath', remote(options.extensionPath)]);
  if (options.extensionTestsPath) payload.push(['extensionTestsPath', remote(options.extensionTestsPath)]);
  const url =
    `http://127.0.0.1:${port}/?folder=${encodeURIComponent(resolve(options.workspace))}` +
    (payload.length > 0 ? `&payload=${encodeURIComponent(JSON.stringify(payload))}` : '');
  return { url, port, dir, logFile, stop, extensionsDir: join(dir, 'extensions') };
}

export interface Browser {
  page: Page;
  /** Resolves with the code the workbench reports through codeAutomationExit (in-host test runs). */
  exitCode: Promise<number>;
  close(): Promise<void>;
}

/** Headless Chromium with a fresh profile, on `url`, once the workbench is shown. */
export async function openBrowser(
  url: string,
  options: { timeoutMs?: number; /** print the workbench's log, see forwardLog */ log?: boolean } = {},
): Promise<Browser> {
  const profile = mkdtempSync(join(tmpdir(), 'aarm-e2e-chromium-'));
  let closed = false;
  const forget = onExit(() => removeDir(profile)); // playwright kills the browser itself at exit
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    // Its own HOME too, so nothing (crash reports, caches) lands in the real one.
    env: {
      ...process.env,
      HOME: profile,
      XDG_CONFIG_HOME: join(profile, '.config'),
      XDG_CACHE_HOME: join(profile, '.cache'),
    },
    headless: true,
    viewport: { width: 1400, height: 900 },
    // VS Code's clipboard (copy buttons, env.clipboard) goes through navigator.clipboard.
    permissions: ['clipboard-read', 'clipboard-write'],
    args: [
      ...['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run'],
      ...['--disable-background-networking', '--disable-component-update', '--disable-sync'],
      '--disable-dev-shm-usage',
    ],
  });
  const close = async () => {
    if (closed) return;
    closed = true;
    await context.close().catch(() => {});
    forget();
    removeDir(profile);
  };
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    if (options.log) forwardLog(page);
    // Must exist before the workbench loads: it calls window.codeAutomationExit(code) after in-host tests.
    let resolveExit!: (code: number) => void;
    const exitCode = new Promise<number>((r) => (resolveExit = r));
    await page.exposeFunction('codeAutomationExit', (code: number) => resolveExit(code));
    await page.goto(url);
    await page
      .locator('.monaco-workbench')
      .waitFor({ state: 'visible', timeout: options.timeoutMs ?? 60_000 });
    return { page, exitCode, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/** Runs a command from the palette by its full title, e.g. "AARM: Show Daemon Status". */
export async function runCommand(page: Page, title: string, timeout = 30_000): Promise<void> {
  const input = page.locator('.quick-input-widget input.input');
  const row = page
    .locator('.quick-input-list .monaco-list-row', {
      has: page.locator('.label-name', { hasText: new RegExp(`^${escapeRegExp(title)}$`) }),
    })
    .first();
  // The palette lists the commands known when it opens, and an extension's commands register a few
  // seconds after the workbench shows: reopen it until the row is there. F1 may also come before the
  // workbench takes keys, so the quick input is awaited each time too.
  await until(
    async () => {
      if (await input.isVisible()) await page.keyboard.press('Escape');
      await page.keyboard.press('F1');
      if (!(await appears(input, 2000))) return false;
      await input.fill(`>${title}`); // fill, not type: no dropped keys; '>' keeps it in command mode
      return appears(row, 1000);
    },
    timeout,
    () => `no command "${title}" in the palette after ${timeout} ms`,
  );
  await row.click();
  // The palette is gone when the input hides, or holds another quick input the command opened.
  await until(
    async () => !(await input.isVisible()) || (await input.inputValue()) !== `>${title}`,
    timeout,
    () => `the palette stayed open after running "${title}"`,
  );
}

function appears(locator: Locator, timeout: number): Promise<boolean> {
  return locator.waitFor({ state: 'visible', timeout }).then(
    () => true,
    () => false,
  );
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The notification toast showing `text`, once visible. */
export async function notification(page: Page, text: string | RegExp, timeout = 20_000): Promise<Locator> {
  const toast = page.locator('.notification-toast', { hasText: text }).first();
  await toast.waitFor({ state: 'visible', timeout });
  return toast;
}

export async function clickNotificationButton(
  page: Page,
  text: string | RegExp,
  buttonName: string,
  timeout = 20_000,
): Promise<void> {
  const toast = await notification(page, text, timeout);
  await toast.getByRole('button', { name: buttonName, exact: true }).click({ timeout });
}

/** Saves test/e2e/screenshots/NAME.png and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const path = join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path, animations: 'disabled' }); // a toast still sliding in shows faded
  return path;
}

/**
 * The content of a visible webview: the first, or the one titled `title` (a panel's title, a webview
 * view's name). Each webview is an `iframe.webview` whose document holds the extension's HTML in
 * `iframe#active-frame`, and that inner frame carries the title. Waits until it exists.
 */
export async function webviewFrame(page: Page, title?: string, timeout = 20_000): Promise<FrameLocator> {
  const inner =
    title === undefined ? 'iframe#active-frame' : `iframe#active-frame[title=${JSON.stringify(title)}]`;
  let name: string | null = null;
  await until(
    async () => {
      for (const outer of await page.locator('iframe.webview.ready').filter({ visible: true }).all()) {
        if ((await outer.contentFrame().locator(inner).count()) === 0) continue;
        name = await outer.getAttribute('name'); // unique per webview: pins it, whatever opens later
        return true;
      }
      return false;
    },
    timeout,
    () => `no visible webview${title === undefined ? '' : ` titled "${title}"`} after ${timeout} ms`,
  );
  return page
    .locator(`iframe.webview[name="${name}"]`)
    .contentFrame()
    .locator('iframe#active-frame')
    .contentFrame();
}

export interface InHostTestOptions extends CodeServerOptions {
  extensionTestsPath: string;
  /** For the tests themselves, from the workbench shown to codeAutomationExit (default 180 s). */
  timeoutMs?: number;
  /** Take this screenshot (see screenshot()) at the end, passed or not. */
  screenshotName?: string;
}

/** Runs `extensionTestsPath` inside the extension host and returns its exit code (0 = passed). */
export async function runInHostTests(options: InHostTestOptions): Promise<number> {
  const timeoutMs = options.timeoutMs ?? 180_000;
  let timer: NodeJS.Timeout | undefined;
  let server: CodeServer | undefined;
  let browser: Browser | undefined;
  try {
    server = await startCodeServer(options); // both start steps have their own deadlines
    browser = await openBrowser(server.url, { log: true });
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`in-host tests did not finish in ${timeoutMs} ms`)),
        timeoutMs,
      );
    });
    return await Promise.race([browser.exitCode, timeout]);
  } finally {
    clearTimeout(timer);
    if (browser && options.screenshotName)
      await screenshot(browser.page, options.screenshotName).catch(() => {});
    await browser?.close();
    await server?.stop();
  }
}

/**
 * Prints what the workbench logs to the page console, which includes the extension host's console
 * (a test reporter's output) as "%c INFO color: #33f <text>". Drops the known harmless noise.
 */
export function forwardLog(page: Page): void {
  const noise = /open-vsx\.org|Creating a socket|Resolv(ing|ed) connection token|ChatSessionStore/;
  page.on('console', (message) => {
    const match = /^%c\s*(INFO|WARN|ERR)\s+color: \S+ ([^]*)$/.exec(message.text());
    if (match && !noise.test(match[2]!)) console.log(`[vscode ${match[1]}] ${match[2]}`);
  });
}
