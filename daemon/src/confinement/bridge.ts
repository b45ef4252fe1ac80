/**
 * Inside the sandbox (dist/aarm-egress-bridge.js, Node built-ins only): a confined command with
 * `network: proxy` has its own network namespace with nothing but loopback. This bridge listens on
 * that loopback, passes each connection to the daemon's egress socket bound in from outside, and
 * starts the command with the proxy variables pointing at it. Tools that ignore those variables
 * get no network at all: the proxy is the only way out, never a way around.
 *
 *   aarm-egress-bridge.js SOCKET [--direct-loopback] -- CMD ARGS...   run CMD behind the proxy
 *   aarm-egress-bridge.js --connect SOCKET HOST PORT                   one CONNECT tunnel on stdio
 *                                                                      (ssh's ProxyCommand)
 */
import { spawn } from 'node:child_process';
import { createServer, connect, type Socket } from 'node:net';

const PROXY_VARIABLES = ['HTTP_PROXY', 'HTTPS_PROXY', 'ALL_PROXY', 'http_proxy', 'https_proxy', 'all_proxy'];

function fail(message: string): never {
  process.stderr.write(`aarm egress bridge: ${message}\n`);
  process.exit(126);
}

function tunnel(socketPath: string, host: string, port: string): void {
  const upstream = connect(socketPath);
  upstream.write(`CONNECT ${host}:${port} HTTP/1.1\r\nHost: ${host}:${port}\r\n\r\n`);
  let head = Buffer.alloc(0);
  const onData = (chunk: Buffer) => {
    head = Buffer.concat([head, chunk]);
    const end = head.indexOf('\r\n\r\n');
    if (end < 0) {
      if (head.length > 16_384) fail('the proxy answered with an oversized header');
      return;
    }
    upstream.off('data', onData);
    const status = head.subarray(0, head.indexOf('\r\n')).toString();
    if (!/^HTTP\/1\.[01] 200/.test(status))
      fail(
        head
          .subarray(end + 4)
          .toString()
          .trim() || status,
      );
    const rest = head.subarray(end + 4);
    if (rest.length > 0) process.stdout.write(rest);
    upstream.pipe(process.stdout);
    process.stdin.pipe(upstream);
  };
  upstream.on('data', onData);
  upstream.on('error', (error) => fail(error.message));
  upstream.on('close', () => process.exit(0));
}

function run(socketPath: string, directLoopback: boolean, argv: string[]): void {
  const server = createServer((client: Socket) => {
    const upstream = connect(socketPath);
    client.pipe(upstream).pipe(client);
    const end = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on('error', end);
    upstream.on('error', end);
  });
  server.on('error', (error) => fail(error.message));
  server.listen(0, '127.0.0.1', () => {
    const address = server.address();
    if (address === null || typeof address === 'string') fail('no port to listen on');
    const proxy = `http://127.0.0.1:${address.port}`;
    const env: NodeJS.ProcessEnv = { ...process.env };
    for (const name of PROXY_VARIABLES) env[name] = proxy;
    env.npm_config_proxy = proxy;
    env.npm_config_https_proxy = proxy;
    // Loopback inside is the sandbox's own (a test's server) unless the decision named the
    // machine's loopback services, which only the proxy can reach.
    delete env.NO_PROXY;
    delete env.no_proxy;
    if (directLoopback) env.NO_PROXY = env.no_proxy = 'localhost,127.0.0.1,::1';
    // git over ssh goes through the proxy too, when nothing else is set for it.
    if (env.GIT_SSH_COMMAND === undefined && env.GIT_SSH === undefined)
      env.GIT_SSH_COMMAND = `ssh -o ProxyCommand='${process.execPath} ${__filename} --connect ${socketPath} %h %p'`;
    const child = spawn(argv[0]!, argv.slice(1), { stdio: 'inherit', env });
    for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const)
      process.on(signal, () => child.kill(signal));
    child.on('error', (error) => {
      process.stderr.write(`${argv[0]}: ${error.message}\n`);
      process.exit(127);
    });
    child.on('exit', (code, signal) => {
      server.close();
      if (signal) {
        process.removeAllListeners(signal);
        process.kill(process.pid, signal);
      }
      process.exit(code ?? 1);
    });
  });
}

const args = process.argv.slice(2);
if (args[0] === '--connect') {
  if (args.length !== 4) fail('usage: --connect SOCKET HOST PORT');
  tunnel(args[1]!, args[2]!, args[3]!);
} else {
  const separator = args.indexOf('--');
  if (separator < 1 || separator === args.length - 1)
    fail('usage: SOCKET [--direct-loopback] -- CMD ARGS...');
  run(args[0]!, args.slice(1, separator).includes('--direct-loopback'), args.slice(separator + 1));
}
