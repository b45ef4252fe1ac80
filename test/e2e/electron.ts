/**
 * The same in-host suite in desktop VS Code through @vscode/test-electron, for machines with
 * internet (it downloads VS Code). Here and in CI, `npm run test:e2e` runs it in code-server.
 * Run with `npm run test:e2e:electron`.
 */
import { runTests } from '@vscode/test-electron';
import { REPO } from './harness.js';
import { buildInHostSuite, e2eWorkspace } from './fixture.js';

async function main(): Promise<void> {
  const fixture = e2eWorkspace();
  try {
    await runTests({
      extensionDevelopmentPath: REPO,
      extensionTestsPath: await buildInHostSuite(),
      launchArgs: [fixture.workspace, '--disable-extensions', '--disable-workspace-trust'],
      extensionTestsEnv: fixture.env,
    });
  } finally {
    fixture.cleanup();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
