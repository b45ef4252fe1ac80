/**
 * Redaction that holds (T9). One catalogue of secret shapes (daemon/src/receipts/secrets.ts) is
 * applied at rest (the stored receipt) and again on the way out (telemetry, `aarm export`). A table
 * of secrets, each in the context an agent writes it, must be absent from: (a) the receipts a real
 * daemon stores, (b) every `aarm export` format and syslog, (c) `redactEvent`. Digests are
 * deterministic, everyday commands are left alone, scanning is linear, and depth never throws.
 *
 * The export half runs the built CLI (`npm run build` first).
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, startTestDaemon, storedReceipts, type TestDaemon } from '../helpers/env.js';
import { fillPlaceholders, readJsonl } from '../helpers/corpora.js';
import {
  ALNUM,
  digestOf,
  fake,
  HEX,
  MAX_SCRUB_DEPTH,
  namesSecret,
  scrubDeep,
  scrubSecrets,
  SECRET_SHAPES,
} from '../../daemon/src/receipts/secrets.js';
import { redactAction } from '../../daemon/src/receipts/redact.js';
import { openReceiptStore } from '../../daemon/src/receipts/store.js';
import {
  redactEvent,
  toCef,
  toOcsfEvent,
  toSyslog,
  type TelemetryEvent,
} from '../../daemon/src/telemetry/index.js';
import type { Action, SignedReceipt } from '../../daemon/src/protocol/index.js';

// ───────────────────────────── the table ─────────────────────────────

type Params = Record<string, unknown>;
interface Case {
  name: string;
  /** what must never be stored or leave in clear */
  secret: string;
  /** exactly what is digested, when more than the secret (`session=…` of a cookie) */
  digested?: string;
  /** the action as the agent sends it */
  action: Action;
}

const shell = (command: string, request?: string): Action => ({
  tool: 'shell',
  operation: 'exec',
  parameters: { command, cwd: '/work/project' },
  context: { workspace: '/work/project', ...(request ? { request } : {}) },
});
const mcp = (args: Params): Action => ({
  tool: 'mcp',
  operation: 'call',
  parameters: { server: 'tools', tool: 'run', arguments: args },
  context: { workspace: '/work/project' },
});
const net = (url: string, headers?: Record<string, string>): Action => ({
  tool: 'net',
  operation: 'request',
  parameters: { method: 'GET', url, ...(headers ? { headers } : {}) },
  context: { workspace: '/work/project' },
});

function kase(
  name: string,
  secret: string,
  action: (s: string) => Action,
  digested?: (s: string) => string,
): Case {
  return { name, secret, action: action(secret), ...(digested ? { digested: digested(secret) } : {}) };
}

const pem = (label: string, body: string) => `-----BEGIN ${label}-----${body}-----END ${label}-----`;
const keyBody = (seed: number) =>
  `\n${fake(64, `${ALNUM}+/`, seed)}\n${fake(40, `${ALNUM}+/`, seed + 1)}==\n`;

const CASES: Case[] = [
  // what the attacker review found leaking (16 of 27), and what was stored in clear
  kase('curl -u user:pw', 'Cu7rlPassw0rd', (s) => shell(`curl -u alice:${s} https://api.example.com/v1/me`)),
  kase('Stripe sk_live_', `sk_live_${fake(24, ALNUM, 1)}`, (s) =>
    shell(`curl https://api.stripe.com/v1/charges -u ${s}:`),
  ),
  kase('Authorization in a Python dict', `pyTok${fake(20, ALNUM, 2)}`, (s) =>
    shell(`python -c "import requests; requests.get(u, headers={'Authorization': 'Bearer ${s}'})"`),
  ),
  kase('Authorization in a JS object', `jsTok${fake(20, ALNUM, 3)}`, (s) =>
    shell(`node -e 'fetch(u, {headers: {Authorization: "token ${s}"}})'`),
  ),
  kase('PGP private key block', keyBody(4), (s) =>
    shell(`gpg --import <<'KEY'\n${pem('PGP PRIVATE KEY BLOCK', s)}\nKEY`),
  ),
  kase('mysql -pX', 'MyS9lPw', (s) => shell(`mysql -u root -p${s} -h db shop`)),
  kase('mysql --password=X', 'MqSqlEqPw', (s) => shell(`mysql -u root --password=${s} shop < dump.sql`)),
  kase('sshpass -p X', 'Ssh9assPw', (s) => shell(`sshpass -p ${s} ssh admin@10.0.0.5 uptime`)),
  kase(
    'Cookie header in curl -H',
    'Ck7sessionVal',
    (s) => shell(`curl -H "Cookie: session=${s}" https://app.example.com/api`),
    (s) => `session=${s}`,
  ),
  kase('Azure SAS sig=', `${fake(43, ALNUM, 5)}%3D`, (s) =>
    net(`https://acct.blob.core.windows.net/c/blob?sv=2022-11-02&sp=r&se=2030-01-01&sig=${s}`),
  ),
  kase('--client-secret X', 'Cl1entSecretV', (s) =>
    shell(`az ad sp credential reset --id app --client-secret ${s}`),
  ),
  kase('--auth-token X', 'Auth7okenV', (s) => shell(`vercel deploy --prod --auth-token ${s}`)),
  kase('X-Auth-Token header', 'XAuthT0kV', (s) =>
    shell(`curl -H 'X-Auth-Token: ${s}' https://api.example.com`),
  ),
  kase('X-Api-Key header', 'XApiK3yV', (s) => shell(`curl -H "X-Api-Key: ${s}" https://api.example.com`)),
  kase('Private-Token header', 'Pr1vTokV', (s) =>
    shell(`curl --header "Private-Token: ${s}" https://gitlab.example.com/api/v4/projects`),
  ),
  kase('a secret as an object key', `ghp_${fake(36, ALNUM, 6)}`, (s) => mcp({ grants: { [s]: 'read' } })),
  kase('"password is X" in prose', 'Pr0sePw', (s) =>
    mcp({ note: `the staging password is ${s}, keep it safe` }),
  ),
  kase('Pwd= in a connection string', 'C0nnPwd', (s) => shell(`dotnet run -- "Server=db;Uid=app;Pwd=${s};"`)),
  kase('Password= in a connection string', 'C0nnPassw', (s) =>
    shell(`sqlcmd -Q "select 1" -C "Server=tcp:db,1433;User ID=sa;Password=${s};Encrypt=true"`),
  ),
  kase('MCP password argument', 'McpPassw0rd', (s) => mcp({ host: 'db', user: 'app', password: s })),
  kase('URL password (net)', 'UrlPassw0rd', (s) => net(`https://deploy:${s}@git.example.com/r.git`)),
  kase('URL password (shell)', 'GitUrlPw9', (s) => shell(`git clone https://bob:${s}@git.example.com/r.git`)),
  // provider tokens
  kase('AWS access key id', `AKIA${fake(16, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 7)}`, (s) =>
    shell(`AWS_ACCESS_KEY_ID=${s} aws s3 ls`),
  ),
  kase('AWS secret access key after its name', fake(40, `${ALNUM}+/`, 8), (s) =>
    shell(`aws configure set aws_secret_access_key ${s}`),
  ),
  kase('GitHub OAuth token', `gho_${fake(36, ALNUM, 9)}`, (s) => shell(`gh api user -H "X-Gh: ${s}"`)),
  kase('GitHub fine-grained token', `github_pat_11${fake(20, ALNUM, 10)}_${fake(59, ALNUM, 11)}`, (s) =>
    mcp({ token_value: s }),
  ),
  kase('GitLab glpat-', `glpat-${fake(20, ALNUM, 12)}`, (s) => shell(`glab auth login --stdin <<< ${s}`)),
  kase('Slack xoxb-', `xoxb-123456789012-${fake(24, ALNUM, 13)}`, (s) => mcp({ text: `post with ${s}` })),
  kase('Slack webhook URL', `T${fake(8, ALNUM, 14)}/B${fake(8, ALNUM, 15)}/${fake(24, ALNUM, 16)}`, (s) =>
    net(`https://hooks.slack.com/services/${s}`),
  ),
  kase('Anthropic sk-ant-', `sk-ant-api03-${fake(93, ALNUM, 17)}`, (s) =>
    shell(`ANTHROPIC_API_KEY=${s} claude -p hi`),
  ),
  kase('OpenAI sk-proj-', `sk-proj-${fake(48, ALNUM, 18)}`, (s) =>
    mcp({ config: { provider: 'openai', note: s } }),
  ),
  kase('Google API key in a query', `AIza${fake(35, ALNUM, 19)}`, (s) =>
    net(`https://maps.googleapis.com/maps/api/geocode/json?address=x&key=${s}`),
  ),
  kase(
    'GCP service-account private_key JSON',
    `-----BEGIN PRIVATE KEY-----\\n${fake(64, ALNUM, 20)}\\n-----END PRIVATE KEY-----\\n`,
    (s) =>
      mcp({
        path: 'sa.json',
        content: `{"type": "service_account", "private_key": "${s}", "client_email": "x@p.iam.gserviceaccount.com"}`,
      }),
  ),
  kase('npm token', `npm_${fake(36, ALNUM, 21)}`, (s) =>
    shell(`echo "//registry.npmjs.org/:_authToken=${s}" > .npmrc`),
  ),
  kase('PyPI token', `pypi-AgEIcHlwaS5vcmc${fake(70, ALNUM, 22)}`, (s) =>
    shell(`twine upload -u __token__ -p ${s} dist/*`),
  ),
  kase('Docker Hub PAT', `dckr_pat_${fake(27, ALNUM, 23)}`, (s) =>
    shell(`echo ${s} | docker login -u me --password-stdin`),
  ),
  kase('Twilio API key', `SK${fake(32, HEX, 24)}`, (s) => mcp({ sid: s })),
  kase('SendGrid key', `SG.${fake(22, ALNUM, 25)}.${fake(43, ALNUM, 26)}`, (s) =>
    shell(`export SENDGRID=${s}`),
  ),
  kase('Mailgun key', `key-${fake(32, ALNUM, 27)}`, (s) =>
    shell(`curl -s --user 'api:${s}' https://api.mailgun.net/v3/x`),
  ),
  kase('Heroku key', `HRKU-${fake(60, ALNUM, 28)}`, (s) => shell(`heroku apps --json ${s}`)),
  kase('DigitalOcean token', `dop_v1_${fake(64, HEX, 29)}`, (s) => shell(`doctl auth init -t ${s}`)),
  kase('Hugging Face token', `hf_${fake(34, ALNUM, 30)}`, (s) => shell(`huggingface-cli login --token ${s}`)),
  kase('Shopify token', `shpat_${fake(32, HEX, 31)}`, (s) =>
    net('https://shop.myshopify.com/admin/api/2024-01/shop.json', { 'X-Shopify-Access-Token': s }),
  ),
  kase('Square token', `sq0atp-${fake(22, ALNUM, 32)}`, (s) => mcp({ args: ['--square', s] })),
  kase('Atlassian token', `ATATT3xFfGF0${fake(180, ALNUM, 33)}`, (s) =>
    shell(`curl -u me@x.com:${s} https://x.atlassian.net/rest/api/3/myself`),
  ),
  kase('Azure storage AccountKey=', `${fake(86, ALNUM, 34)}==`, (s) =>
    shell(
      `az storage blob list --connection-string "DefaultEndpointsProtocol=https;AccountName=a;AccountKey=${s};EndpointSuffix=core.windows.net"`,
    ),
  ),
  kase('JWT after --token=', `eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.${fake(43, ALNUM, 35)}`, (s) =>
    shell(`kubectl --token=${s} get pods`),
  ),
  kase('PEM RSA private key', keyBody(36), (s) =>
    shell(`cat > key.pem <<EOF\n${pem('RSA PRIVATE KEY', s)}\nEOF`),
  ),
  kase('OpenSSH private key', keyBody(38), (s) => mcp({ key: pem('OPENSSH PRIVATE KEY', s) })),
  kase('Vault token', `hvs.${fake(90, ALNUM, 40)}`, (s) => shell(`VAULT_TOKEN=${s} vault kv get secret/app`)),
  kase('age secret key', `AGE-SECRET-KEY-1${fake(58, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789', 41)}`, (s) =>
    mcp({ identity: s }),
  ),
  kase('Telegram bot token', `123456789:AA${fake(33, ALNUM, 42)}`, (s) =>
    net(`https://api.telegram.org/bot${s}/getMe`),
  ),
  kase('Discord webhook', `123456789012345678/${fake(68, ALNUM, 43)}`, (s) =>
    net(`https://discord.com/api/webhooks/${s}`),
  ),
  kase('Databricks token', `dapi${fake(32, HEX, 44)}`, (s) =>
    shell(`databricks fs ls dbfs:/ --profile x ${s}`),
  ),
  // key-named values in every syntax
  kase('KEY=v (export)', 'ExportPw9', (s) => shell(`export DB_PASSWORD=${s} && ./migrate`)),
  kase('YAML password: v', 'YamlPw9x', (s) =>
    mcp({ file: 'config.yml', text: `db:\n  host: x\n  password: ${s}\n` }),
  ),
  kase('JSON "api_key": "v" in curl -d', 'JsonApiK', (s) =>
    shell(`curl -X POST -d '{"name": "x", "api_key": "${s}"}' https://api.example.com`),
  ),
  kase("Python 'secret': 'v'", 'PySecretV', (s) =>
    shell(`python -c "cfg = {'secret': '${s}', 'debug': True}"`),
  ),
  kase('Ruby key => v', 'RubyTokV', (s) => shell(`ruby -e 'c = { :access_token => "${s}" }'`)),
  kase('--password v (generic flag)', 'GenericPw9', (s) =>
    shell(`wget --user bob --password ${s} https://x/f`),
  ),
  kase('--api-key=v', 'ApiKeyEqV', (s) => shell(`openai --api-key=${s} models list`)),
  kase('docker login -p', 'DockerLogPw', (s) => shell(`docker login -u me -p ${s} registry.example.com`)),
  kase('htpasswd -b', 'HtpasswdPw', (s) => shell(`htpasswd -bc /etc/nginx/.htpasswd admin ${s}`)),
  kase('redis-cli -a', 'RedisAuthV', (s) => shell(`redis-cli -h cache -a ${s} PING`)),
  kase('PGPASSWORD=', 'PgPassV9', (s) => shell(`PGPASSWORD=${s} psql -h db -U app`)),
  kase('postgres:// URL', 'PgUrlPw9', (s) => mcp({ dsn: `postgresql://app:${s}@db.internal:5432/prod` })),
  kase('mongodb+srv:// URL', 'MongoUrlPw', (s) =>
    shell(`mongosh "mongodb+srv://admin:${s}@cluster0.example.net/db"`),
  ),
  kase(
    'Proxy-Authorization header',
    'ProxyAuthV',
    (s) => net('https://example.com', { 'Proxy-Authorization': `Basic ${s}` }),
    (s) => `Basic ${s}`,
  ),
  kase('custom header holding a token', `ghp_${fake(36, ALNUM, 45)}`, (s) =>
    net('https://api.github.com/user', { 'X-Debug': s }),
  ),
  kase('?access_token= in a URL', 'QueryTokV', (s) =>
    net(`https://graph.example.com/me?fields=id&access_token=${s}&v=2`),
  ),
  kase('netrc', 'NetrcPw9', (s) =>
    shell(`printf 'machine api.example.com login me password ${s}\\n' >> ~/.netrc`),
  ),
  kase('deep MCP argument', 'DeepApiK', (s) => mcp({ a: { b: [{ c: { d: { apiKey: s } } }] } })),
  kase(
    'Authorization header object in MCP arguments',
    'McpAuthV',
    (s) => mcp({ request: { url: 'https://x', headers: { Authorization: `Bearer ${s}` } } }),
    (s) => `Bearer ${s}`,
  ),
  kase('secret in the user request', 'ReqPassw0rd', (s) =>
    shell('npm run deploy', `deploy to staging, the db password is ${s}`),
  ),
  kase('ssh-keygen -N', 'SshKeyPhr', (s) => shell(`ssh-keygen -t ed25519 -N '${s}' -f id`)),
  kase('openssl pass:', 'OpensslPw', (s) =>
    shell(`openssl pkcs12 -export -in c.pem -passout pass:${s} -out c.p12`),
  ),
  kase('kubectl create secret --from-literal', 'K8sLitPw', (s) =>
    shell(`kubectl create secret generic db --from-literal=password=${s}`),
  ),
  kase('git config token', 'GitCfgTok', (s) => shell(`git config --global github.token ${s}`)),
  kase('bash -c "mysql -pX"', 'NestedPw9', (s) => shell(`bash -c "mysql -uroot -p${s} -e 'select 1'"`)),
  // the second attacker review: single `=` padding, header spacing, stdin, program flags, code, URLs
  kase('Basic credential ending in =', 'dXNlcjpCYXNpY1B3MTI=', (s) =>
    shell(`curl -H "Authorization: Basic ${s}" https://api.example.com`),
  ),
  kase('X-Api-Key ending in =', 'Q2xpZW50S2V5MTIzNA=', (s) =>
    shell(`curl -H "X-Api-Key: ${s}" https://api.example.com`),
  ),
  kase('DB_PASSWORD=Pa55=word', 'Pa55=word', (s) => shell(`DB_PASSWORD=${s} ./migrate`)),
  kase('docker run -e SECRET_KEY=abc=def', 'abc=def9', (s) => shell(`docker run -e SECRET_KEY=${s} app`)),
  kase('Authorization:S (no space)', 'NoSpaceAuthV', (s) => shell(`curl -H "Authorization:${s}" https://x`)),
  kase('Authorization:token S', 'NoSpaceTokV', (s) => shell(`curl -H "Authorization:token ${s}" https://x`)),
  kase('Authorization continued on the next line', 'ContinuedV9', (s) =>
    shell(`curl -H "Authorization: Bearer \\\n  ${s}" https://x`),
  ),
  kase('Python f-string header', 'FStringTokV', (s) =>
    shell(`python -c 'requests.get(u, headers={"Authorization": f"Bearer ${s}"})'`),
  ),
  kase('curl -H Authorization: -H S', 'SplitHdrV9', (s) => shell(`curl -H Authorization: -H ${s} https://x`)),
  kase('docker login --password-stdin <<<', 'DockStdinV', (s) =>
    shell(`docker login -u me --password-stdin registry.example.com <<< ${s}`),
  ),
  kase('podman login --password-stdin <<<', 'PodStdinV', (s) =>
    shell(`podman login --password-stdin quay.io <<< ${s}`),
  ),
  kase('echo S | docker login --password-stdin', 'EchoDockV', (s) =>
    shell(`echo ${s} | docker login -u me --password-stdin`),
  ),
  kase('gh auth login --with-token <<<', `gho_${fake(36, ALNUM, 50)}`, (s) =>
    shell(`gh auth login --with-token <<< ${s}`),
  ),
  kase('glab auth login --stdin <<<', 'GlabStdinV', (s) => shell(`glab auth login --stdin <<< ${s}`)),
  kase('echo S | gh secret set', 'GhSecretStdV', (s) => shell(`echo ${s} | gh secret set DEPLOY`)),
  kase('echo S | vercel env add', 'VercelEnvV', (s) => shell(`echo ${s} | vercel env add API production`)),
  kase('az login -p', 'AzLoginPw9', (s) => shell(`az login -u me@x.com -p ${s}`)),
  kase('7z a -pS', 'SevenZipPw', (s) => shell(`7z a -p${s} backup.7z docs`)),
  kase('openssl enc -kS', 'OsslKAttV', (s) => shell(`openssl enc -aes-256-cbc -k${s} -in f -out f.enc`)),
  kase('gh secret set -bS', 'GhBodyAttV', (s) => shell(`gh secret set DEPLOY -b${s}`)),
  kase('mssql-cli -P', 'MssqlPw9', (s) => shell(`mssql-cli -S db -U sa -P ${s}`)),
  kase('cargo login --registry x S', 'CargoRegTokV', (s) => shell(`cargo login --registry my-reg ${s}`)),
  kase('wandb login --relogin S', 'WandbReloginV', (s) => shell(`wandb login --relogin ${s}`)),
  kase('jq --arg token S', 'JqArgTokV', (s) => shell(`jq -n --arg token ${s} '{t: $token}'`)),
  kase('fish set -gx', 'FishSetKeyV', (s) => shell(`set -gx OPENAI_API_KEY ${s}`)),
  kase('SSHPASS=S sshpass -e', 'SshpassEnvV', (s) => shell(`SSHPASS=${s} sshpass -e ssh admin@h`)),
  kase('SOPS_AGE_KEY=', 'SopsAgeKeyV', (s) => shell(`SOPS_AGE_KEY=${s} sops -d secrets.enc.yaml`)),
  kase('STRIPE_KEY= (a name ending in KEY)', 'rk9Ab2Cd3Ef4Gh5Ij6', (s) =>
    shell(`STRIPE_KEY=${s} node app.js`),
  ),
  kase('<password>S</password>', 'XmlElemPw9', (s) =>
    mcp({ path: 'settings.xml', content: `<server><password>${s}</password></server>` }),
  ),
  kase('<add key="Password" value="S"/>', 'XmlAddPw9', (s) =>
    mcp({ content: `<appSettings><add key="Password" value="${s}"/></appSettings>` }),
  ),
  kase("define('DB_PASSWORD','S')", 'PhpDefinePw', (s) => mcp({ content: `define('DB_PASSWORD','${s}');` })),
  kase('os.Setenv("API_TOKEN","S")', 'GoSetenvTok', (s) => mcp({ content: `os.Setenv("API_TOKEN","${s}")` })),
  kase("setHeader('Authorization','Bearer S')", 'NodeSetHdrV', (s) =>
    mcp({ content: `res.setHeader('Authorization','Bearer ${s}')` }),
  ),
  kase('headers.set("X-Api-Key","S")', 'FetchSetKeyV', (s) =>
    mcp({ content: `headers.set("X-Api-Key","${s}")` }),
  ),
  kase("os.environ['API_KEY']='S'", 'PyEnvironV9', (s) => mcp({ content: `os.environ['API_KEY']='${s}'` })),
  kase('https://TOKEN@github.com', `Tk${fake(30, ALNUM, 51)}`, (s) =>
    shell(`git clone https://${s}@github.com/o/r.git`),
  ),
  kase('https://TOKEN:x-oauth-basic@', 'OauthBasicUserV', (s) =>
    shell(`git clone https://${s}:x-oauth-basic@github.com/o/r.git`),
  ),
  kase('postgresql://u:ab/S@h', 'ab/PgSlashPw', (s) => shell(`psql postgresql://u:${s}@h/db`)),
  kase('?key= in a URL', 'QueryKeyV9', (s) => net(`https://api.example.com/v1/x?key=${s}&page=2`)),
  kase('?appid= in a URL', 'QueryAppidV', (s) =>
    net(`https://api.openweathermap.org/data/2.5/weather?q=x&appid=${s}`),
  ),
  kase('?code= in a URL', 'QueryCodeV9', (s) => net(`https://app.example.com/callback?code=${s}&state=x`)),
  kase('?access%5Ftoken= in a URL', 'QueryPctTokV', (s) =>
    net(`https://graph.example.com/me?access%5Ftoken=${s}`),
  ),
  kase('token:S in prose', 'ProseTokColV', (s) => mcp({ note: `use token:${s} for the API` })),
  kase('"the pw is S" in prose', 'ProsePwIsV', (s) => mcp({ note: `fyi the pw is ${s}` })),
  kase('"My OpenAI key is S" in prose', `Ok9${fake(24, ALNUM, 52)}`, (s) =>
    shell('npm start', `My OpenAI key is ${s}`),
  ),
  kase('zero-width space in the name', 'ZeroWidthPw9', (s) => shell(`PASS\u200bWORD=${s} ./run`)),
  kase('Cyrillic look-alike in the name', 'CyrillicPw9', (s) => shell(`P\u0410SSWORD=${s} ./run`)),
  kase('fullwidth colon', 'FullColonPw9', (s) => mcp({ note: `password\uff1a ${s}` })),
  kase('NBSP around =', 'NbspEqPw9', (s) => shell(`PASSWORD\u00a0=\u00a0${s} ./run`)),
  kase('TOKEN-ghp_…', `ghp_${fake(36, ALNUM, 53)}`, (s) => shell(`echo TOKEN-${s}`)),
  kase('/tmp/token-ghp_…', `ghp_${fake(36, ALNUM, 54)}`, (s) => shell(`cat /tmp/token-${s}`)),
  kase('MY_ghp_…', `ghp_${fake(36, ALNUM, 55)}`, (s) => shell(`export X=MY_${s}`)),
  kase('ghp_…_', `ghp_${fake(36, ALNUM, 56)}`, (s) => shell(`echo ${s}_`)),
  kase('KEY_sk-ant-…', `sk-ant-api03-${fake(93, ALNUM, 57)}`, (s) => shell(`echo KEY_${s}`)),
  kase(
    'MCP headers as [name, value] pairs',
    'PairHdrV9',
    (s) => mcp({ url: 'https://x', headers: [['Authorization', `Bearer ${s}`]] }),
    (s) => `Bearer ${s}`,
  ),
  kase(
    'MCP headers as {name, value} objects',
    'NameValHdrV',
    (s) => mcp({ url: 'https://x', headers: [{ name: 'Authorization', value: `Bearer ${s}` }] }),
    (s) => `Bearer ${s}`,
  ),
  kase('MCP argv ["--password", S]', 'ArgvPw9x', (s) => mcp({ command: 'db', args: ['--password', s] })),
];

const digestedOf = (c: Case) => c.digested ?? c.secret;

/** Whether `text` holds `secret` in clear, in any escaping a format applies (JSON, CEF). */
function leaks(text: string, secret: string): boolean {
  const json = (s: string) => JSON.stringify(s).slice(1, -1);
  const cef = (s: string) => s.replace(/[\\=]/g, (c) => `\\${c}`).replace(/\n/g, '\\n');
  return [secret, json(secret), cef(secret), json(cef(secret)), json(json(secret))].some((form) =>
    text.includes(form),
  );
}

function assertHidden(text: string, where: string, cases = CASES) {
  const leaked = cases.filter((c) => leaks(text, c.secret));
  assert.deepEqual(
    leaked.map((c) => c.name),
    [],
    `${where}: secrets in clear:\n${leaked.map((c) => `${c.name}: ${c.secret}`).join('\n')}`,
  );
}

test('the table: at least 50 secrets, each in the context an agent writes it, each distinct', () => {
  assert.ok(CASES.length >= 50, `${CASES.length} cases`);
  assert.equal(new Set(CASES.map((c) => c.name)).size, CASES.length);
  for (const c of CASES) {
    assert.ok(JSON.stringify(c.action).includes(JSON.stringify(c.secret).slice(1, -1)), c.name);
    for (const other of CASES)
      if (other !== c) assert.ok(!other.secret.includes(c.secret), `${c.name} is inside ${other.name}`);
  }
});

// ───────────────────────────── (a) the stored receipt, (b) every export ─────────────────────────────

let t: TestDaemon;
before(async () => {
  // the default pack: the table meets real rules (whose reasons must not quote a secret either)
  t = await startTestDaemon({ deferTimeoutMs: 200 });
  const client = await t.client({ session: 'redaction' });
  for (const c of CASES) await client.submit(c.action as Parameters<typeof client.submit>[0]);
  // an outcome whose error (a tool's own output) repeats a secret, in another session
  const other = await t.client({ session: 'redaction-outcome' });
  const ran = await other.submit({ ...shell('npm test'), session: 'redaction-outcome' });
  assert.notEqual(ran.verdict, 'deny', JSON.stringify(ran.decision));
  await other.reportOutcome(ran.receiptId, {
    status: 'error',
    exitCode: 128,
    error: `fatal: unable to access 'https://bob:${OUTCOME_SECRET}@git.example.com/r.git/': 403`,
  });
});
const OUTCOME_SECRET = 'OutcomeUrlPw9';
after(async () => {
  await t.close();
});

test('(a) the stored receipts hold no secret of the table, and hold each one’s digest', () => {
  const receipts = storedReceipts(t.homeDir).filter((r) => r.kind === 'action' && r.session === 'redaction');
  assert.equal(receipts.length, CASES.length);
  const stored = JSON.stringify(receipts);
  assertHidden(stored, 'stored receipts');
  for (const c of CASES)
    assert.ok(stored.includes(digestOf(digestedOf(c))), `${c.name}: the digest of what was sent is kept`);
  // an outcome's error is scrubbed too
  const outcomes = JSON.stringify(storedReceipts(t.homeDir).filter((r) => r.kind === 'outcome'));
  assert.ok(outcomes.includes('unable to access') && !outcomes.includes(OUTCOME_SECRET), outcomes);
  assert.ok(outcomes.includes(digestOf(OUTCOME_SECRET)));
  // what is not a secret is kept as it was: the working directory, the program, the host
  const first = receipts[0]!.kind === 'action' ? receipts[0]!.action : null;
  assert.deepEqual(first?.parameters, {
    command: `curl -u alice:${digestOf('Cu7rlPassw0rd')} https://api.example.com/v1/me`,
    cwd: '/work/project',
  });
});

test('(b) no secret of the table in any `aarm export` format, nor in syslog', async () => {
  const env = { env: { AARM_HOME: t.homeDir, HOME: t.userHome } };
  const out = (name: string) => join(t.root, name);
  for (const [format, file] of [
    ['bundle', 'all.jsonl'],
    ['ocsf', 'all.ocsf.json'],
    ['otlp', 'all.otlp.jsonl'],
    ['cef', 'all.cef'],
  ] as const) {
    const exported = await runCli(['export', '--all', '--format', format, '--out', out(file)], env);
    assert.equal(exported.code, 0, exported.stderr);
    const text = readFileSync(out(file), 'utf8');
    assert.ok(text.length > 1000, `${format}: ${text.length} bytes`);
    assertHidden(text, `aarm export --format ${format}`);
    if (format !== 'cef')
      for (const c of CASES.slice(0, 5))
        assert.ok(
          text.includes(JSON.stringify(digestOf(digestedOf(c))).slice(1, -1)),
          `${format}: ${c.name} leaves as its digest, not a digest of a digest`,
        );
  }
  // syslog (RFC 5424 + CEF), as the live exporter formats it
  const store = openReceiptStore(join(t.homeDir, 'receipts.db'), { readonly: true });
  try {
    const origin = { version: '0.1.0', hostname: 'box', pid: 1 };
    const lines = [...store.list()].map((record) =>
      toSyslog(redactEvent({ type: 'receipt', record }, []), origin, 13),
    );
    assertHidden(lines.join('\n'), 'syslog');
  } finally {
    store.close();
  }
});

// ───────────────────────────── (c) telemetry ─────────────────────────────

/** A receipt as a stored one would be if it had kept the action as sent (before redaction at rest). */
function rawReceipt(action: unknown, id = 'rcpt_1'): TelemetryEvent {
  return {
    type: 'receipt',
    record: {
      body: {
        kind: 'action',
        v: 1,
        id,
        seq: 1,
        prevHash: 'a'.repeat(64),
        sessionSeq: 1,
        sessionPrevHash: 'b'.repeat(64),
        keyId: 'ed25519:k',
        time: '2026-11-26T01:00:00.000Z',
        session: 's',
        action,
        identity: { human: { user: 'alice' }, agent: { name: 'claude-code' } },
        decision: {
          decision: 'allow',
          rule: 'r',
          reason: 'ok',
          risk: 'low',
          layer: 'policy',
          policyHash: 'p',
        },
        verdict: 'allow',
        approval: { status: 'not_required' },
        deferral: null,
      },
      canonical: '',
      sig: 'sig',
      hash: 'c'.repeat(64),
    } as unknown as SignedReceipt,
  };
}

test('(c) redactEvent: no secret of the table leaves in telemetry, in any format', () => {
  const origin = { version: '0.1.0', hostname: 'box', pid: 1 };
  for (const c of CASES) {
    const out = redactEvent(rawReceipt(c.action), []);
    const texts = [
      JSON.stringify(out),
      JSON.stringify(toOcsfEvent(out, origin)),
      toCef(out, origin),
      toSyslog(out, origin, 13),
    ];
    assertHidden(texts.join('\n'), `telemetry of ${c.name}`, [c]);
    assert.ok(texts[0]!.includes(JSON.stringify(digestOf(digestedOf(c))).slice(1, -1)), c.name);
  }
  // a drift finding's text is scrubbed too
  const drift = redactEvent(
    {
      type: 'drift',
      finding: {
        uid: 'u',
        signal: 'secret-in-parameters',
        title: 't',
        detail: `seen: token=${CASES[0]!.secret}`,
        risk: 'critical',
        session: 's',
        receiptId: 'r',
        time: '',
      },
    },
    [],
  );
  assertHidden(JSON.stringify(drift), 'drift', [CASES[0]!]);
});

test('redaction applies to what is recorded, not to what is judged: the action passed in is untouched', () => {
  const action = CASES[0]!.action;
  const before = JSON.stringify(action);
  const recorded = JSON.stringify(redactAction(action));
  assert.equal(JSON.stringify(action), before, 'redactAction copies, it does not edit the judged action');
  assert.ok(!recorded.includes(CASES[0]!.secret));
  // file paths are kept as they are, even when they name a secret; contents are digested
  const fs = redactAction({
    tool: 'fs',
    operation: 'write',
    parameters: { path: '/home/me/.config/password=hunter2/token.txt', content: 'hunter2' },
  });
  assert.deepEqual(fs.parameters, {
    path: '/home/me/.config/password=hunter2/token.txt',
    content: digestOf('hunter2'),
  });
  // environment values are digested whole; the names stay
  const env = redactAction({
    tool: 'shell',
    operation: 'exec',
    parameters: { command: 'make', cwd: '/w', env: { CI: 'true' } },
  });
  assert.deepEqual(env.parameters, { command: 'make', cwd: '/w', env: { CI: digestOf('true') } });
});

// ───────────────────────────── the catalogue ─────────────────────────────

const plain = (example: string) => example.replace(/[⟦⟧]/g, '');
const expected = (example: string) => example.replace(/⟦([\s\S]*?)⟧/g, (_m, s: string) => digestOf(s));

test('the catalogue: at least 50 shapes, each with an example it redacts exactly as marked', () => {
  assert.ok(SECRET_SHAPES.length >= 50, `${SECRET_SHAPES.length} shapes`);
  assert.equal(new Set(SECRET_SHAPES.map((s) => s.name)).size, SECRET_SHAPES.length, 'names are unique');
  for (const shape of SECRET_SHAPES) {
    assert.ok(shape.examples.length > 0, `${shape.name} has an example`);
    for (const example of shape.examples) {
      assert.ok(example.includes('⟦'), `${shape.name}: an example marks its secret`);
      assert.equal(scrubSecrets(plain(example), [shape]), expected(example), `${shape.name} alone`);
      assert.equal(scrubSecrets(plain(example)), expected(example), `${shape.name} with all the others`);
    }
  }
});

test('every repetition in every pattern is bounded (no *, +, {n,})', () => {
  const unbounded = (source: string) =>
    source
      .replace(/\\./g, '') // escapes
      .replace(/\[(?:[^\]\\]|\\.)*\]/g, '') // character classes
      .match(/[*+]|\{\d+,\}/);
  for (const shape of SECRET_SHAPES) {
    if (shape.kind !== 'pattern') continue;
    for (const re of [shape.pattern, typeof shape.value === 'object' ? shape.value : undefined]) {
      if (!re) continue;
      assert.equal(unbounded(re.source), null, `${shape.name}: ${re.source}`);
    }
  }
});

test('digests are deterministic: the same secret gives the same digest, wherever it is', () => {
  const secret = `ghp_${fake(36, ALNUM, 99)}`;
  const a = scrubSecrets(`git push https://${secret}@github.com/o/r`);
  const b = scrubSecrets(`echo ${secret}`);
  assert.equal(a, scrubSecrets(`git push https://${secret}@github.com/o/r`));
  assert.ok(a.includes(digestOf(secret)) && b.includes(digestOf(secret)));
  assert.match(digestOf(secret), /^\[redacted sha256:[0-9a-f]{64} 40 bytes\]$/);
  // idempotent: what is scrubbed is scrubbed no further (telemetry scrubs stored receipts again)
  for (const c of CASES) {
    const once = JSON.stringify(scrubDeep(c.action));
    assert.equal(JSON.stringify(scrubDeep(JSON.parse(once))), once, c.name);
  }
});

test('everyday commands are left alone: the benign corpus changes only where a credential goes', () => {
  const commands = readJsonl<{ command: string }>('benign-commands/tldr_examples_sample3000.jsonl').flatMap(
    (e) => [e.command, fillPlaceholders(e.command)],
  );
  const changed = commands.filter((c) => scrubSecrets(c) !== c);
  // 23 of 6,000 (3,000 as written, 3,000 with their placeholders filled in): each puts a placeholder
  // where a credential goes (`--password password`, `redis-cli -a password`, `mysql://user:pass@`)
  assert.ok(changed.length <= 25, `${changed.length} changed:\n${changed.join('\n')}`);
  for (const command of changed) {
    assert.match(command, /pass|token|secret|key|:\/\/\w+:/i, command);
    // what is replaced is only the value, one word: the rest of the command stays as it was
    const sizes = [...scrubSecrets(command).matchAll(/\[redacted sha256:[0-9a-f]{64} (\d+) bytes\]/g)];
    assert.ok(sizes.length > 0 && sizes.every((m) => Number(m[1]) <= 24), command);
  }
  // commands that name no credential at all are all unchanged
  const everyday = commands.filter(
    (c) => !/pass|pwd|token|secret|key|auth|cred|cookie|sig|:\/\/[^\s/]*:[^\s/]*@/i.test(c),
  );
  assert.ok(everyday.length > 5000);
  assert.deepEqual(
    everyday.filter((c) => scrubSecrets(c) !== c),
    [],
  );
});

test('names that say secret, and names that do not', () => {
  for (const name of [
    'password',
    'DB_PASSWORD',
    'PGPASSWORD',
    'clientSecret',
    'api_key',
    'X-Api-Key',
    'X-Auth-Token',
    'Private-Token',
    'Authorization',
    'Proxy-Authorization',
    'Cookie',
    'Set-Cookie',
    'AccountKey',
    'sig',
    'Pwd',
    '_authToken',
    'X-Amz-Signature',
    'storepass',
    'access-key',
    'auth',
  ])
    assert.ok(namesSecret(name), name);
  for (const name of [
    'token_type',
    'max_tokens',
    'tokenizer',
    'password-file',
    'secretName',
    'keyId',
    'no-password',
    'ask-pass',
    'with-token',
    'passwordless',
    'key',
    'signature',
    'publicKey',
    'approverKey',
    'PATH',
    'monkey',
  ])
    assert.ok(!namesSecret(name), name);
});

// ───────────────────────────── linear time, depth ─────────────────────────────

test(
  'linear time: 1 MiB of adversarial filler is scrubbed in well under a second',
  // a quadratic pattern takes minutes on these; the wall-clock bound only catches that
  { timeout: 120_000 },
  () => {
    const MiB = 1024 * 1024;
    const fill = (unit: string) => unit.repeat(Math.ceil(MiB / unit.length)).slice(0, MiB);
    // what comes before each example's secret, all shapes in one text, and the old stalls
    const prefixes = SECRET_SHAPES.flatMap((s) => s.examples.map((e) => e.slice(0, e.indexOf('⟦'))));
    const fillers = [
      prefixes.join(''),
      SECRET_SHAPES.flatMap((s) => s.examples.map(plain)).join('\n'),
      'a-',
      'a.',
      `x://${'a'.repeat(60)}`,
      '-----BEGIN PRIVATE KEY-----',
      '-----BEGIN PRIVATE KEY-----a',
      'eyJaaaaaaaaa.',
      'password=',
      'password: ',
      'token_file:a ',
      '"password": "',
      'a://b:',
      'mysql -p',
      'curl -u a:',
      '7z x -p',
      'Cookie: ',
      'Authorization: Bearer ',
      `"private_key": "`,
      'name: X_TOKEN\n',
      "bash -c 'mysql -pX ",
    ];
    const slow: string[] = [];
    let worst = 0;
    for (const unit of fillers) {
      const text = fill(unit);
      const cpu = process.cpuUsage();
      const out = scrubSecrets(text);
      const used = process.cpuUsage(cpu);
      const ms = (used.user + used.system) / 1000;
      worst = Math.max(worst, ms);
      assert.ok(out.length > 0);
      if (ms >= 1000) slow.push(`${ms.toFixed(0)} ms: ${JSON.stringify(unit.slice(0, 60))}`);
    }
    assert.deepEqual(slow, [], `worst ${worst.toFixed(0)} ms`);
  },
);

test('deep values never throw: below the depth bound a subtree becomes one digest', () => {
  let deep: unknown = { password: 'DeepDownPw' };
  for (let i = 0; i < 100_000; i++) deep = { a: [deep] };
  const scrubbed = JSON.stringify(scrubDeep(deep));
  assert.ok(!scrubbed.includes('DeepDownPw'));
  assert.match(scrubbed, /\[redacted sha256:[0-9a-f]{64} \d+ bytes\]/);
  // through redactAction and redactEvent, as an MCP argument
  const action = mcp({ nested: deep as Params });
  const recorded = redactAction(action);
  assert.ok(!JSON.stringify(recorded).includes('DeepDownPw'));
  assert.doesNotThrow(() => redactEvent(rawReceipt(action), ['action.parameters.arguments']));
  // within the bound, structure is kept and the secret-named value digested in place
  let shallow: unknown = { password: 'ShallowPw' };
  for (let i = 0; i < MAX_SCRUB_DEPTH - 2; i++) shallow = { a: shallow };
  const kept = JSON.stringify(scrubDeep(shallow));
  assert.ok(kept.includes(`"password":"${digestOf('ShallowPw')}"`), 'digested where it was');
  // the same deep value gives the same digest
  assert.equal(JSON.stringify(scrubDeep(deep)), scrubbed);
});

// ───────────────────────────── the second attacker review ─────────────────────────────

test('not secrets: a shell variable after a scheme, a key name searched for in quotes', () => {
  for (const command of [
    'curl -H "Authorization: Bearer ${GITHUB_TOKEN}" https://api.github.com/user',
    'curl -H "Authorization: Bearer $GITHUB_TOKEN" https://api.github.com/user',
    'curl -H "Authorization: token $(gh auth token)" https://api.github.com/user',
    'grep "Authorization:" access.log | head',
    'grep -rn "password:" src/',
    'rg "password:" -g "*.yml"',
    'git grep "secret:" -- "*.yaml"',
    'grep -rn "secret_key =" config/',
    "grep -rn 'api_key=' .",
    'npm test -- --grep "token: expired"',
    'sed "s/password: .*/password: REDACTED/" config.yml',
    'grep -E "token: \\S+" log.txt',
    'PRIMARY_KEY=id SORT_KEY=created_at ./seed',
    'export PARTITION_KEY=tenant_id',
    'curl https://fullnode.testnet.sui.io:443',
    'git clone https://git@github.com/o/r.git',
    'ssh://deploy@host.example.com/srv/repo',
  ])
    assert.equal(scrubSecrets(command), command, command);
});

test('scrubDeep reads the pairs a structure spells out, and leaves the rest', () => {
  const out = scrubDeep({
    headers: [
      ['Authorization', 'Bearer PairA1'],
      ['Accept', 'application/json'],
    ],
    env: [
      { name: 'DB_PASSWORD', value: 'PairB2' },
      { name: 'LOG_LEVEL', value: 'debug' },
    ],
    settings: [{ Key: 'ApiKey', Value: 'PairC3' }],
    args: ['--user', 'me', '--password', 'PairD4', '--verbose', '--token', '$TOKEN'],
  });
  const text = JSON.stringify(out);
  for (const secret of ['PairA1', 'PairB2', 'PairC3', 'PairD4']) assert.ok(!text.includes(secret), secret);
  for (const kept of ['application/json', 'debug', '"me"', '--verbose', '$TOKEN'])
    assert.ok(text.includes(kept), kept);
  assert.deepEqual((out as { args: unknown[] }).args, [
    '--user',
    'me',
    '--password',
    digestOf('PairD4'),
    '--verbose',
    '--token',
    '$TOKEN',
  ]);
});

test('output stays small: a text made of secrets becomes one digest', () => {
  const MiB = 1024 * 1024;
  const command = `mysql ${'-pX '.repeat((MiB - 16) / 4)}`;
  const out = scrubSecrets(command);
  assert.equal(out, digestOf(command));
  // a few secrets are digested one by one, as always
  const few = `mysql -pA1 -e x; mysql -pB2 -e y`;
  assert.equal(scrubSecrets(few), `mysql -p${digestOf('A1')} -e x; mysql -p${digestOf('B2')} -e y`);
  // private-use characters (what stands for a digest while scrubbing) are text like any other
  const privateUse = `\uE000\uE002\uE001 password=PrivUsePw \uE000`;
  assert.equal(scrubSecrets(privateUse), `\uE000\uE002\uE001 password=${digestOf('PrivUsePw')} \uE000`);
});

test(
  'one budget over a whole value: the worst shapes at 1 MiB, strings and JSON, each in well under a second',
  { timeout: 120_000 },
  () => {
    const MiB = 1024 * 1024;
    const fill = (unit: string) => unit.repeat(Math.ceil((MiB - 64) / unit.length)).slice(0, MiB - 64);
    const wide: Record<string, string> = {};
    for (let i = 0; i < 100_000; i++) wide[`k${i}`] = 'v';
    let deepWide: unknown = Array<string>(100_000).fill('a');
    for (let i = 0; i < 60; i++) deepWide = { a: deepWide, b: 'x' };
    let chain: unknown = 'x';
    for (let i = 0; i < 100_000; i++) chain = [chain, 'a'];
    const inputs: Array<[string, () => unknown]> = [
      ['MCP arguments: 255k one-letter strings', () => scrubDeep({ a: Array<string>(255 * 1024).fill('a') })],
      ['100k keys', () => scrubDeep(wide)],
      ['deep and then wide', () => scrubDeep(deepWide)],
      ['a 100k-deep chain of pairs', () => scrubDeep(chain)],
      [
        '1k secret-named strings of 1 KiB',
        () => scrubDeep(Array<string>(1024).fill(`password=${'x'.repeat(1000)}`)),
      ],
      ['argv of 200k secret flags', () => scrubDeep(Array<string>(200_000).fill('--password'))],
      [
        '60×60×60 arrays',
        () =>
          scrubDeep(
            Array.from({ length: 60 }, () =>
              Array.from({ length: 60 }, () => Array<string>(60).fill('--token')),
            ),
          ),
      ],
      ['mysql -pX ×256k', () => scrubSecrets(`mysql ${fill('-pX ')}`)],
      ['pw=x ×200k', () => scrubSecrets(fill('pw=x '))],
      ['private-use characters', () => scrubSecrets(fill('\uE000'))],
      ['what stands for a digest', () => scrubSecrets(fill('\uE000\uE002\uE001'))],
      ['digests', () => scrubSecrets(fill(`${digestOf('x')} `))],
      ['Cyrillic', () => scrubSecrets(fill('А'))],
      ['NBSP', () => scrubSecrets(fill('\u00a0a'))],
      ['look-alike names', () => scrubSecrets(fill('PАSSWORD=abc '))],
      ['zero-width', () => scrubSecrets(fill('\u200b'))],
    ];
    const slow: string[] = [];
    const times: string[] = [];
    for (const [name, run] of inputs) {
      const cpu = process.cpuUsage();
      const out = run();
      const used = process.cpuUsage(cpu);
      const ms = (used.user + used.system) / 1000;
      times.push(`${name}: ${ms.toFixed(0)} ms`);
      // the output is no larger than the input, give or take a digest
      assert.ok(JSON.stringify(out).length < 2 * MiB, name);
      // measured ≤ 0.5 s each; 4× headroom for a loaded machine
      if (ms >= 2000) slow.push(`${name}: ${ms.toFixed(0)} ms`);
    }
    assert.deepEqual(slow, [], times.join('\n'));
  },
);

test('a large MCP argument is one digest in the receipt; the rest of the action stays', () => {
  const big = Array<string>(255 * 1024).fill('a');
  const recorded = redactAction(mcp({ small: 'kept', big, password: 'BigNeighbourPw' })) as {
    parameters: { arguments: Record<string, unknown> };
  };
  const args = recorded.parameters.arguments;
  assert.equal(args.small, 'kept');
  assert.equal(args.password, digestOf('BigNeighbourPw'));
  assert.match(String(args.big), /^\[redacted sha256:[0-9a-f]{64} \d+ bytes\]$/);
  // and the same again (telemetry scrubs stored receipts again): idempotent
  assert.deepEqual(scrubDeep(args), args);
});
