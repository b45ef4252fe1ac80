/**
 * The one catalogue of secret shapes (T9), and the scrubber that replaces each secret it finds by
 * its digest. Receipts use it at rest (redact.ts), telemetry and `aarm export` when an event leaves
 * (telemetry/events.ts): one list, so what is hidden at rest is hidden on export too.
 *
 * A shape is one of:
 * - a pattern: a provider's token (`ghp_…`, `AKIA…`, `sk_live_…`), a private key block, a value
 *   after a name that says it is secret (`password=…`, `--token …`, `Authorization: Bearer …`);
 * - a program: a flag that is a password only for that program (`mysql -pX`, `curl -u user:pw`,
 *   `sshpass -p X`, `htpasswd -b file user pw`), read from the command's words.
 * Each carries examples with the secret marked `⟦…⟧`; test/unit/redaction.test.ts checks that every
 * example comes out exactly as marked. To add a shape: append it to `SECRET_SHAPES` with an example.
 *
 * Every repetition in every pattern is bounded and every pattern starts where a token can start
 * (a left boundary), so that scanning is linear: agents write these strings, and a quadratic
 * pattern would let a crafted command stall the daemon. The test checks both.
 */
import { isRecord } from '../protocol/index.js';
import { sha256Hex } from './keys.js';

/** What a secret becomes: its digest, so a receipt still proves what was sent without holding it. */
export function digestOf(text: string): string {
  return `[redacted sha256:${sha256Hex(text)} ${Buffer.byteLength(text)} bytes]`;
}

const DIGEST_WHOLE = /^\[redacted sha256:[0-9a-f]{64} [0-9]{1,16} bytes\]$/;

/** Strings longer than this (an action is at most 1 MiB) leave as one digest, unscanned. */
export const MAX_SCANNED = 1024 * 1024;
/** More secrets than this in one text: the whole text becomes one digest (its output stays small). */
export const MAX_DIGESTS = 1000;
/** The most a digest's text takes (`[redacted sha256:<64 hex> <bytes> bytes]`). */
const DIGEST_LENGTH = 100;
/** Nesting scrubbed value by value; anything deeper becomes one digest of the subtree. */
export const MAX_SCRUB_DEPTH = 64;

type Span = readonly [start: number, end: number];

interface ShapeBase {
  /** stable, kebab-case */
  name: string;
  /** what it finds, for a human */
  what: string;
  /** texts holding a secret this shape finds, the secret marked ⟦…⟧ (there may be several) */
  examples: readonly string[];
}

/**
 * A regular expression over any text, global (with indices, `d`, when it has a `secret` group).
 * Without `value`, the secret is the first of its named groups `secret`, `secret2`, `secret3` that
 * matched, or else the whole match. With `value` (sticky, `yd`), `pattern` finds only what comes
 * before the secret (a name and its separator), `acceptName` may refuse the name before anything
 * more is read, and `value` reads the secret after it.
 */
export interface PatternShape extends ShapeBase {
  kind: 'pattern';
  pattern: RegExp;
  /** the secret after what `pattern` found, by the `name` it found */
  value?: RegExp | ((name: string) => RegExp);
  /** with `value`: whether the name found says secret (checked before the value is read) */
  acceptName?: (name: string) => boolean;
  /** whether this match is a secret (`name`: the `name` group; `after`: the character after it) */
  accept?: (secret: string, name: string | undefined, after: string) => boolean;
  /** with `value`: whether what `pattern` found, where it is in the text, may have a value at all */
  acceptMatch?: (text: string, start: number, end: number) => boolean;
}

/** A program's word as the command spells it: `start`/`end` in the text, `word` without quotes. */
export interface Arg {
  start: number;
  end: number;
  raw: string;
  word: string;
}

/** Flags that are secrets only for one program, found in the words after the program's name. */
export interface ProgramShape extends ShapeBase {
  kind: 'program';
  /** the programs' file names (no directory) */
  programs: readonly string[];
  /** `before`: the command piping into this one (`echo X | docker login --password-stdin`) */
  find: (args: readonly Arg[], before?: readonly Arg[]) => Span[];
}

export type SecretShape = PatternShape | ProgramShape;

// ───────────────────────────── names that say a value is secret ─────────────────────────────

/** A word of the name ending so (`PGPASSWORD`, `clientSecret`, `GITHUB_TOKEN`). */
const SECRET_ENDINGS = [
  'password',
  'passwords',
  'passwd',
  'passphrase',
  'passcode',
  'secret',
  'secrets',
  'token',
  'apikey',
  'accesskey',
  'secretkey',
  'privatekey',
  'credential',
  'credentials',
  'cookie',
  'cookies',
  'authorization',
  'storepass',
  'keypass',
  'sshpass',
];
/** A word of the name that is exactly so (`pass` but not `bypass`). */
const SECRET_WORDS = new Set(['pwd', 'pass', 'pw', 'psk', 'sig', 'bearer', 'creds', 'pat']);
/** Two words in a row (`api_key`, `AccountKey`, `Ocp-Apim-Subscription-Key`). */
const SECRET_PAIRS = new Set([
  'api key',
  'access key',
  'secret key',
  'private key',
  'account key',
  'client key',
  'master key',
  'encryption key',
  'signing key',
  'subscription key',
  'shared key',
  'auth key',
  'app key',
  'license key',
  'session key',
  'id token',
  'age key',
]);
/** `X-…-Key`, `X-…-Token`: a custom credential header. */
const X_HEADER_LAST = new Set(['key', 'token', 'secret', 'auth', 'signature', 'sig', 'password', 'apikey']);
/** A name ending so is about a secret, not one: `--password-file`, `token_type`, `secretName`. */
const META_LAST = new Set(
  (
    'file files filename path paths dir directory folder type types url uri urls endpoint host hostname ' +
    'name names id ids count length len size limit expiry expires expiration expire expired ttl timeout ' +
    'lifetime hint prompt policy required optional enabled disabled format var variable env field prefix ' +
    'suffix label kind mode method provider command cmd helper source location algorithm alg version scope ' +
    'scopes stdin fd jar manager ref arn rotation created updated age exists valid allowed audience issuer ' +
    'strength regex pattern placeholder template store backend engine mount filter index usage status ' +
    'config configs settings options opts schema spec min max only days seconds minutes hours retries ' +
    'attempts level'
  ).split(' '),
);
/** A name starting so is a switch, not a value: `--no-password`, `--ask-pass`, `--with-token`. */
const SWITCH_FIRST = new Set(
  (
    'no ask prompt use show reset forgot require generate gen rotate revoke list print read with without ' +
    'skip disable enable allow deny check verify validate remove delete rm unset clear save remember hide ' +
    'mask expire change get has is max min num create add'
  ).split(' '),
);

function wordsOf(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z])([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]{1,64}/)
    .filter((w) => w !== '');
}

/** Whether a name (a variable, a flag, a header, an object key) says its value is a secret. */
export function namesSecret(name: string): boolean {
  if (name.length === 0 || name.length > 128) return false;
  let known = NAMES_SEEN.get(name);
  if (known === undefined) {
    known = judgeName(wordsOf(name));
    if (NAMES_SEEN.size >= 4096) NAMES_SEEN.clear();
    NAMES_SEEN.set(name, known);
  }
  return known;
}
/** Names recur (every receipt has the same keys): each is judged once. */
const NAMES_SEEN = new Map<string, boolean>();

function judgeName(words: readonly string[]): boolean {
  const first = words[0];
  const last = words.at(-1);
  if (first === undefined || last === undefined) return false;
  if (words.length > 1 && SWITCH_FIRST.has(first)) return false;
  if (META_LAST.has(last)) return false;
  if (last === 'auth') return true;
  if (words.some((w) => SECRET_WORDS.has(w) || SECRET_ENDINGS.some((e) => w.endsWith(e)))) return true;
  for (let i = 1; i < words.length; i++) if (SECRET_PAIRS.has(`${words[i - 1]} ${words[i]}`)) return true;
  return first === 'x' && words.length > 1 && X_HEADER_LAST.has(last);
}

/** A name ending in KEY that may hold one (`STRIPE_KEY`), not a database's or a sort's (`PRIMARY_KEY`). */
function maybeKey(name: string): boolean {
  if (name.length > 64) return false;
  const words = wordsOf(name);
  return (
    words.length >= 2 &&
    words.at(-1) === 'key' &&
    !SWITCH_FIRST.has(words[0]!) &&
    !NOT_KEYS.has(words.at(-2)!)
  );
}
const NOT_KEYS = new Set(
  (
    'primary foreign sort partition range hash cache composite unique public pub idempotency lookup map ' +
    'dict object row cluster shortcut hot short group routing shard index search foreign dedup dedupe ' +
    'order join parent child node entry item field column table'
  ).split(' '),
);

/** A value that looks like a credential: long enough, letters and digits mixed (`rk1Ab2…`, not `created_at`). */
function looksLikeCredential(value: string, min: number): boolean {
  if (value.length < min || /\s/.test(value)) return false;
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/].filter((c) => c.test(value)).length;
  return classes >= 2 && /[0-9]/.test(value);
}

/** Values that are not secrets themselves: references, placeholders, switches, code. */
function isLiteralSecret(value: string, after: string): boolean {
  if (value.length === 0 || value.startsWith('[redacted') || /[\uE000-\uE00F]/.test(value)) return false;
  if (/^\$[{(A-Za-z_]/.test(value) || /^%[A-Za-z_][A-Za-z0-9_]{0,64}%$/.test(value)) return false;
  // `Bearer ${TOKEN}` in a double-quoted word: the `$` before the braces the bare value stops at
  if (value === '$' && (after === '{' || after === '(')) return false;
  // a search pattern, not a value: `sed "s/password: .*/…/"`, `grep "token: \S+"`
  if (/^(?:\.[*+?]|\\[sSdDwWbB]|\[\^|\(\.|\^)/.test(value)) return false;
  if (/^(?:\{\{|<[^>]{0,64}>$|-----BEGIN|[*.…]{3}|x{3,8}$|[:=])/i.test(value)) return false;
  if (/^(?:true|false|null|none|nil|undefined|yes|no|on|off)$/i.test(value)) return false;
  // the scheme alone, its credential already a digest: `Authorization: Bearer [redacted …]`
  if (/^(?:bearer|basic|token|digest|bot|negotiate|ntlm|ssws|apikey|oauth|jwt)\s{0,8}$/i.test(value))
    return false;
  if (/^(?:~|\.{1,2})\//.test(value)) return false;
  if (
    /\.(?:pem|key|p12|pfx|jks|keystore|json|txt|gpg|asc|crt|cer|der|ppk|pub|env|ya?ml|toml|ini|conf|cfg|properties|sig|kdbx)$/i.test(
      value,
    )
  )
    return false;
  // code reading a secret is not the secret: `os.environ[…]`, `getpass()`, `process.env.TOKEN`
  if (after.startsWith('(') || after.startsWith('[')) return false;
  return !/^(?:process\.env|os\.environ|os\.getenv|env\.|ENV\.|secrets\.|vars\.|settings\.|config\.)/.test(
    value,
  );
}

/** Several `NAME=x` pairs separated by `,` or `;`: a list of settings (`id=npmrc,src=…`), not one value. */
const SETTINGS_LIST =
  /^[A-Za-z_][A-Za-z0-9_]{0,64}=[^=\s,;]{0,256}[,;][ \t]{0,4}[A-Za-z_][A-Za-z0-9_]{0,64}=/;

/** A name's value, when the name says it is secret and the value is not a path or a reference. */
function acceptNamed(secret: string, name: string | undefined, after: string): boolean {
  if (name === undefined || !namesSecret(name) || !isLiteralSecret(secret, after)) return false;
  // a list of settings, not a value: `--secret id=npmrc,src=…` (a secret inside is found by its own name)
  if (SETTINGS_LIST.test(secret)) return false;
  // a flag where a value would be (`curl -H Authorization: -H …`), or a word saying what it is not
  if (/^-[A-Za-z]$|^--[a-z][a-z-]{1,30}$/.test(secret) || PROSE_WORDS.has(secret.toLowerCase())) return false;
  const last = wordsOf(name).at(-1);
  // `PWD=/home/me` is the working directory; `--private-key /path/id` names a file
  if ((last === 'pwd' || last === 'key') && secret.startsWith('/')) return false;
  // a path, not a password: `--passwd path/to/dir` (lowercase segments; a key's base64 is mixed case)
  if (/^(?:~|\.{1,2})?\/?(?:[a-z0-9_.@+-]{1,128}\/){1,32}[a-z0-9_.@+-]{0,128}$/.test(secret)) return false;
  // `ffmpeg -pass 1`: a pass number
  if (last === 'pass' && /^[0-9]{1,2}$/.test(secret)) return false;
  return true;
}

// ───────────────────────────── the patterns ─────────────────────────────

/**
 * While a text is scrubbed, each digest (and each digest already in it) is held out of it as a few
 * private-use characters, which no pattern reads: a pattern never matches across or inside a digest,
 * and the text need not be split around them (one pass per shape, however many secrets it holds).
 */
const HELD = String.raw`\uE000-\uE00F`;
/** Where a name may start: not inside a longer run of name characters. */
const L = String.raw`(?<![A-Za-z0-9_-])`;
/** A provider's token starts and ends at any non-alphanumeric: `TOKEN-ghp_…`, `MY_ghp_…`, `ghp_…_`. */
const LP = String.raw`(?<![A-Za-z0-9])`;
const RP = String.raw`(?![A-Za-z0-9])`;
// indices only where a group marks the secret: they cost an allocation per match
const rx = (source: string, flags = '') =>
  new RegExp(source, `g${source.includes('(?<secret') ? 'd' : ''}${flags}`);
const sticky = (source: string, flags = '') => new RegExp(source, `yd${flags}`);

/** `Bearer`, `Basic`, … before a credential: kept, so the receipt still says which scheme was used. */
const SCHEME = String.raw`(?:(?:bearer|basic|token|digest|bot|negotiate|ntlm|ssws|apikey|oauth|jwt|aws4-hmac-sha256)(?:[ \t]|\\\r?\n){1,8})?`;
/** A value: double-quoted (JSON escapes end it), single-quoted, or a bare word. */
const valueSource = (scheme: string) =>
  String.raw`(?:(?:[fFrRbBuU]{1,2}(?=\\?["']))?\\?"${scheme}(?<secret>[^"\\\r\n${HELD}]{1,1024})|(?:[fFrRbBuU]{1,2}(?=\\?'))?\\?'${scheme}(?<secret2>[^'\\\r\n${HELD}]{1,1024})|${scheme}(?![A-Za-z_][A-Za-z0-9_]{0,64}=[^=\s,;]{0,256}[,;][ \t]{0,4}[A-Za-z_][A-Za-z0-9_]{0,64}=)(?<secret3>[^\s"'\\,;&|<>(){}\[\]\x60${HELD}]{1,4096}))`;
const VALUE = sticky(valueSource(''));
/** The value of an `Authorization` header: its scheme kept (`Bearer`), the credential after it. */
const SCHEMED_VALUE = sticky(valueSource(SCHEME), 'i');
const schemed = (name: string) => /authoriz|(?:^|[^a-z])auth$/i.test(name);
/** A name that may say "secret": the lookahead skips most names without scanning further. */
const NAME = String.raw`(?=[A-Za-z0-9_.-]{0,60}?(?:pass|pw|secret|token|key|auth|cred|cookie|sig|bearer|psk|pat))(?<name>[A-Za-z_][A-Za-z0-9_.-]{0,63})`;

/** Deterministic filler for examples (and tests): no real-looking credential sits in the source. */
export const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
export const HEX = '0123456789abcdef';
const B64 = `${ALNUM}+/`;
export function fake(length: number, alphabet = ALNUM, seed = length): string {
  let x = (seed * 2654435761) >>> 0 || 1;
  let out = '';
  for (let i = 0; i < length; i++) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    out += alphabet[(x >>> 16) % alphabet.length];
  }
  return out;
}
/** A secret in an example. */
const S = (secret: string) => `⟦${secret}⟧`;
const JWT = `eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.${fake(43, ALNUM, 7)}`;

function token(name: string, what: string, source: string, examples: string[], flags = ''): PatternShape {
  return { kind: 'pattern', name, what, pattern: rx(source, flags), examples };
}

/** Provider tokens, recognisable wherever they are. */
const TOKENS: PatternShape[] = [
  token(
    'aws-access-key-id',
    'AWS access key id (AKIA…, ASIA… temporary)',
    String.raw`${LP}(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}${RP}`,
    [
      `aws s3 ls --profile x ${S(`AKIA${fake(16, UPPER)}`)}`,
      `AWS_ACCESS_KEY_ID=${S(`ASIA${fake(16, UPPER, 3)}`)} aws sts get-caller-identity`,
    ],
  ),
  token(
    'aws-secret-access-key',
    'AWS secret access key after its name, in any syntax (`aws configure set aws_secret_access_key X`)',
    String.raw`(?<![A-Za-z0-9])secret_?access_?key\\?["']?[ \t]{0,8}[=:,]?[ \t]{0,8}\\?["']?(?<secret>[A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])`,
    [
      `aws configure set aws_secret_access_key ${S(fake(40, B64))}`,
      `{"SecretAccessKey": "${S(fake(40, B64, 9))}"}`,
    ],
    'i',
  ),
  token(
    'github-token',
    'GitHub tokens: ghp_ (classic), gho_ (OAuth), ghs_ (app), ghu_ (user-to-server), ghr_ (refresh)',
    String.raw`${LP}gh[pousr]_[A-Za-z0-9]{36,251}${RP}`,
    [
      `git push https://${S(`ghp_${fake(36)}`)}@github.com/o/r.git`,
      `cp x /tmp/token-${S(`ghp_${fake(36, ALNUM, 11)}`)}_old`,
      `export GH=${S(`ghs_${fake(36, ALNUM, 2)}`)}`,
    ],
  ),
  token(
    'github-fine-grained-token',
    'GitHub fine-grained personal access token (github_pat_)',
    String.raw`${LP}github_pat_[A-Za-z0-9_]{22,255}${RP}`,
    [`gh api user -H "X: ${S(`github_pat_11${fake(20, UPPER)}_${fake(59)}`)}"`],
  ),
  token(
    'gitlab-token',
    'GitLab tokens: glpat- (personal), gldt- (deploy), glrt- (runner), glptt-, glcbt-, glft-, glsoat-, glimt-, glagent-',
    String.raw`${LP}gl(?:pat|dt|rt|ptt|cbt|ft|soat|imt|agent)-[A-Za-z0-9_-]{20,64}${RP}`,
    [`glab auth login --hostname h ${S(`glpat-${fake(20)}`)}`],
  ),
  token(
    'gitlab-runner-registration',
    'GitLab runner registration token (GR1348941…)',
    String.raw`${LP}GR1348941[A-Za-z0-9_-]{20,64}${RP}`,
    [`gitlab-runner register --registration-token-x ${S(`GR1348941${fake(20)}`)}`],
  ),
  token(
    'slack-token',
    'Slack tokens: xoxb-, xoxp-, xoxa-, xoxo-, xoxs-, xoxr-, xoxe-',
    String.raw`${LP}xox[abposre]-[A-Za-z0-9-]{10,255}${RP}`,
    [
      `curl -d text=hi -d channel=C1 -H "X: ${S(`xoxb-123456789012-${fake(24)}`)}" https://slack.com/api/chat.postMessage`,
    ],
  ),
  token(
    'slack-app-token',
    'Slack app-level token (xapp-)',
    String.raw`${LP}xapp-[0-9]-[A-Z0-9]{9,12}-[0-9]{10,16}-[a-f0-9]{32,80}${RP}`,
    [`SOCKET=${S(`xapp-1-A${fake(10, UPPER)}-1234567890123-${fake(64, HEX)}`)} node bot.js`],
  ),
  token(
    'slack-webhook',
    'Slack incoming-webhook URL (hooks.slack.com/services/…)',
    String.raw`hooks\.slack\.com/(?:services|workflows|triggers)/(?<secret>[A-Za-z0-9_/-]{16,256})`,
    [
      `curl -X POST https://hooks.slack.com/services/${S(`T${fake(8, UPPER)}/B${fake(8, UPPER)}/${fake(24)}`)} -d @msg.json`,
    ],
  ),
  token(
    'discord-webhook',
    'Discord webhook URL',
    String.raw`discord(?:app)?\.com/api/webhooks/(?<secret>[0-9]{5,30}/[A-Za-z0-9_-]{20,100})`,
    [`curl -d '{}' https://discord.com/api/webhooks/${S(`123456789012345678/${fake(68)}`)}`],
  ),
  token(
    'teams-webhook',
    'Microsoft Teams incoming-webhook URL',
    String.raw`\.webhook\.office\.com/webhookb2/(?<secret>[A-Za-z0-9@/_-]{20,512})`,
    [
      `curl https://acme.webhook.office.com/webhookb2/${S(`${fake(36)}@${fake(36)}/IncomingWebhook/${fake(32, HEX)}`)} -d x`,
    ],
  ),
  token(
    'anthropic-key',
    'Anthropic API key (sk-ant-api03-…, sk-ant-admin01-…)',
    String.raw`${LP}sk-ant-(?:api|admin|oat|ort)[0-9]{2}-[A-Za-z0-9_-]{20,255}${RP}`,
    [`ANTHROPIC=${S(`sk-ant-api03-${fake(93)}`)} claude`, `KEY_${S(`sk-ant-api03-${fake(93, ALNUM, 3)}`)}`],
  ),
  token(
    'openai-key',
    'OpenAI-style API key (sk-, sk-proj-, sk-svcacct-; also OpenRouter sk-or-, DeepSeek)',
    String.raw`${LP}sk-(?:proj-|svcacct-|admin-|or-v1-|None-)?[A-Za-z0-9_-]{20,255}${RP}`,
    [`python run.py --key-x ${S(`sk-proj-${fake(48)}`)}`, `echo ${S(`sk-${fake(48, ALNUM, 5)}`)} | pbcopy`],
  ),
  token(
    'stripe-secret-key',
    'Stripe secret and restricted keys (sk_live_, rk_live_, sk_test_)',
    String.raw`${LP}(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{10,255}${RP}`,
    [
      `curl https://api.stripe.com/v1/charges -H "X: ${S(`sk_live_${fake(24)}`)}"`,
      `stripe listen --x ${S(`rk_live_${fake(99, ALNUM, 4)}`)}`,
    ],
  ),
  token(
    'stripe-webhook-secret',
    'Stripe webhook signing secret (whsec_)',
    String.raw`${LP}whsec_[A-Za-z0-9+/=]{24,128}`,
    [`WH=${S(`whsec_${fake(32)}`)} node server.js`],
  ),
  token('google-api-key', 'Google API key (AIza…)', String.raw`${LP}AIza[A-Za-z0-9_-]{35}${RP}`, [
    `curl "https://maps.googleapis.com/maps/api/geocode/json?address=x&key=${S(`AIza${fake(35)}`)}"`,
  ]),
  token(
    'google-oauth-client-secret',
    'Google OAuth client secret (GOCSPX-)',
    String.raw`${LP}GOCSPX-[A-Za-z0-9_-]{28}${RP}`,
    [`gcloud x --client-x ${S(`GOCSPX-${fake(28)}`)}`],
  ),
  token(
    'google-oauth-token',
    'Google OAuth access token (ya29.)',
    String.raw`${LP}ya29\.[A-Za-z0-9_-]{20,2048}${RP}`,
    [`curl -H "X: ${S(`ya29.${fake(120)}`)}" https://www.googleapis.com/drive/v3/files`],
  ),
  token(
    'google-refresh-token',
    'Google OAuth refresh token (1//0…)',
    String.raw`(?<![A-Za-z0-9_/-])1//0[A-Za-z0-9_-]{40,512}${RP}`,
    [`echo ${S(`1//0${fake(100)}`)} > /dev/null`],
  ),
  token(
    'private-key-in-json',
    'the private_key of a service-account JSON (GCP) or any JSON holding a PEM key, escapes and all',
    String.raw`\\?"private_?key\\?"[ \t]{0,8}:[ \t]{0,8}\\?"(?<secret>(?:[^"\\${HELD}]|\\[^"${HELD}]){1,16384})`,
    [
      `{"type": "service_account", "private_key": "${S(`-----BEGIN PRIVATE KEY-----\\n${fake(64, B64)}\\n-----END PRIVATE KEY-----\\n`)}", "client_email": "x@p.iam.gserviceaccount.com"}`,
    ],
    'i',
  ),
  token(
    'pem-private-key',
    'PEM private key block (RSA, EC, DSA, PKCS#8, ENCRYPTED): the body between BEGIN and END',
    String.raw`-----BEGIN (?:(?:RSA|EC|DSA|ENCRYPTED|ANY) )?PRIVATE KEY-----(?<secret>(?:[^${HELD}-]|-(?!----)){1,65536})`,
    [
      `cat > k.pem <<EOF\n-----BEGIN RSA PRIVATE KEY-----${S(`\nMIIE${fake(60, B64)}\n${fake(40, B64, 3)}==\n`)}-----END RSA PRIVATE KEY-----\nEOF`,
    ],
  ),
  token(
    'openssh-private-key',
    'OpenSSH private key block',
    String.raw`-----BEGIN OPENSSH PRIVATE KEY-----(?<secret>(?:[^${HELD}-]|-(?!----)){1,65536})`,
    [
      `printf '%s' '-----BEGIN OPENSSH PRIVATE KEY-----${S(`\nb3BlbnNzaC1rZXktdjEAAAAA${fake(50, B64)}\n`)}-----END OPENSSH PRIVATE KEY-----' > id`,
    ],
  ),
  token(
    'pgp-private-key',
    'PGP private key block (armored)',
    String.raw`-----BEGIN PGP PRIVATE KEY BLOCK-----(?<secret>(?:[^${HELD}-]|-(?!----)){1,65536})`,
    [
      `gpg --import <<'K'\n-----BEGIN PGP PRIVATE KEY BLOCK-----${S(`\n\nlQOYBF${fake(60, B64)}\n=${fake(4, B64)}\n`)}-----END PGP PRIVATE KEY BLOCK-----\nK`,
    ],
  ),
  token(
    'putty-private-key',
    'PuTTY private key (.ppk) private lines',
    String.raw`Private-Lines:[ \t]{0,8}[0-9]{1,4}\r?\n(?<secret>(?:[A-Za-z0-9+/=]{1,128}\r?\n){1,256})`,
    [
      `PuTTY-User-Key-File-3: ssh-ed25519\nPrivate-Lines: 1\n${S(`AAAAI${fake(40, B64)}\n`)}Private-MAC: ${fake(64, HEX)}`,
    ],
  ),
  token('age-secret-key', 'age encryption secret key', String.raw`${LP}AGE-SECRET-KEY-1[0-9A-Z]{58}${RP}`, [
    `echo ${S(`AGE-SECRET-KEY-1${fake(58, UPPER)}`)} > key.txt`,
  ]),
  token('npm-token', 'npm access token (npm_)', String.raw`${LP}npm_[A-Za-z0-9]{36}${RP}`, [
    `npm publish --x ${S(`npm_${fake(36)}`)}`,
  ]),
  token(
    'pypi-token',
    'PyPI / TestPyPI upload token (pypi-AgE…)',
    String.raw`${LP}pypi-AgE[A-Za-z0-9_-]{50,1000}${RP}`,
    [`twine upload -u __token__ --x ${S(`pypi-AgEIcHlwaS5vcmc${fake(70)}`)} dist/*`],
  ),
  token(
    'docker-hub-token',
    'Docker Hub personal access token (dckr_pat_)',
    String.raw`${LP}dckr_pat_[A-Za-z0-9_-]{20,64}${RP}`,
    [`echo ${S(`dckr_pat_${fake(27)}`)} | docker login -u me --password-stdin`],
  ),
  token('twilio-api-key', 'Twilio API key SID (SK + 32 hex)', String.raw`${LP}SK[0-9a-fA-F]{32}${RP}`, [
    `twilio api:core:messages:create --x ${S(`SK${fake(32, HEX)}`)}`,
  ]),
  token(
    'sendgrid-key',
    'SendGrid API key (SG.)',
    String.raw`${LP}SG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}${RP}`,
    [`SENDGRID=${S(`SG.${fake(22)}.${fake(43, ALNUM, 8)}`)} node mail.js`],
  ),
  token('mailgun-key', 'Mailgun API key (key- + 32)', String.raw`${LP}key-[0-9a-zA-Z]{32}${RP}`, [
    `curl -s --user-x ${S(`key-${fake(32)}`)} https://api.mailgun.net/v3/x`,
  ]),
  token('mailchimp-key', 'Mailchimp API key (32 hex -usN)', String.raw`${LP}[0-9a-f]{32}-us[0-9]{1,2}${RP}`, [
    `MC=${S(`${fake(32, HEX)}-us21`)} ./sync`,
  ]),
  token('heroku-key', 'Heroku API key (HRKU-)', String.raw`${LP}HRKU-[A-Za-z0-9_-]{20,128}${RP}`, [
    `heroku apps --x ${S(`HRKU-${fake(60)}`)}`,
  ]),
  token(
    'digitalocean-token',
    'DigitalOcean tokens (dop_v1_, doo_v1_, dor_v1_)',
    String.raw`${LP}do[opr]_v1_[a-f0-9]{64}${RP}`,
    [`doctl auth init --context x ${S(`dop_v1_${fake(64, HEX)}`)}`],
  ),
  token('huggingface-token', 'Hugging Face token (hf_)', String.raw`${LP}hf_[A-Za-z0-9]{34,40}${RP}`, [
    `HF=${S(`hf_${fake(34)}`)} python train.py`,
  ]),
  token(
    'shopify-token',
    'Shopify tokens (shpat_, shpca_, shppa_, shpss_)',
    String.raw`${LP}shp(?:at|ca|pa|ss)_[a-fA-F0-9]{32}${RP}`,
    [`curl -H "X: ${S(`shpat_${fake(32, HEX)}`)}" https://shop.myshopify.com/admin/api`],
  ),
  token(
    'square-token',
    'Square access and OAuth tokens (sq0atp-, sq0csp-)',
    String.raw`${LP}sq0(?:atp|csp)-[A-Za-z0-9_-]{22,60}${RP}`,
    [`SQ=${S(`sq0atp-${fake(22)}`)} ./pay`],
  ),
  token(
    'meta-square-eaa-token',
    'Square production (EAAA…) and Meta/Facebook (EAA…) access tokens',
    String.raw`${LP}EAA[A-Za-z0-9]{60,400}${RP}`,
    [`curl "https://graph.facebook.com/me?fields=id&x=${S(`EAAG${fake(120)}`)}"`],
  ),
  token(
    'atlassian-token',
    'Atlassian API token (ATATT3…) and Bitbucket app password (ATBB…)',
    String.raw`${LP}(?:ATATT3[A-Za-z0-9_=-]{20,300}|ATBB[A-Za-z0-9_=.-]{24,100})${RP}`,
    [`curl -u me@x.com:${S(`ATATT3xFfGF0${fake(180)}`)} https://x.atlassian.net/rest/api/3/myself`],
  ),
  token(
    'azure-storage-account-key',
    'Azure storage AccountKey= (and SharedAccessKey=) in a connection string',
    String.raw`(?:Account|SharedAccess)Key=(?<secret>[A-Za-z0-9+/]{20,100}={0,2})`,
    [
      `az storage blob list --connection-string "DefaultEndpointsProtocol=https;AccountName=a;AccountKey=${S(`${fake(86, B64)}==`)};EndpointSuffix=core.windows.net"`,
    ],
  ),
  token(
    'azure-sas-signature',
    'Azure shared access signature (sig= in a SAS URL or token)',
    String.raw`[?&]sig=(?<secret>[A-Za-z0-9%+/=]{10,256})`,
    [`azcopy copy x "https://a.blob.core.windows.net/c?sv=2022-11-02&ss=b&sig=${S(`${fake(40, B64)}%3D`)}"`],
  ),
  token(
    'signed-url-signature',
    'the signature of a pre-signed URL (AWS X-Amz-Signature, GCS X-Goog-Signature, CloudFront Signature)',
    String.raw`[?&](?:X-Amz-Signature|X-Goog-Signature|Signature|signature)=(?<secret>[A-Za-z0-9%+/=_-]{8,1024})`,
    [
      `curl "https://b.s3.amazonaws.com/k?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Expires=60&X-Amz-Signature=${S(fake(64, HEX))}"`,
    ],
  ),
  token(
    'azure-ad-client-secret',
    'Microsoft Entra (Azure AD) client secret (…Q~…)',
    String.raw`(?<![A-Za-z0-9_~.-])[A-Za-z0-9_~.-]{3}[0-9]Q~[A-Za-z0-9_~.-]{31,34}(?![A-Za-z0-9_~.-])`,
    [`az login --service-principal -u app -t tenant --x ${S(`abc8Q~${fake(34)}`)}`],
  ),
  token(
    'jwt',
    'JSON Web Token (three base64url parts, header and payload starting eyJ)',
    String.raw`${LP}eyJ[A-Za-z0-9_-]{8,4096}\.eyJ[A-Za-z0-9_-]{8,8192}\.[A-Za-z0-9_-]{8,4096}${RP}`,
    [`kubectl --x ${S(JWT)} get pods`],
  ),
  token(
    'vault-token',
    'HashiCorp Vault tokens (hvs., hvb., hvr.)',
    String.raw`${LP}hv[sbr]\.[A-Za-z0-9_-]{24,255}${RP}`,
    [`VAULT=${S(`hvs.${fake(90)}`)} vault kv get x`],
  ),
  token(
    'terraform-cloud-token',
    'Terraform Cloud / Enterprise token (….atlasv1.…)',
    String.raw`${LP}[A-Za-z0-9]{14}\.atlasv1\.[A-Za-z0-9_-]{60,120}${RP}`,
    [`TFC=${S(`${fake(14)}.atlasv1.${fake(67)}`)} terraform plan`],
  ),
  token(
    'doppler-token',
    'Doppler tokens (dp.pt., dp.st., dp.sa., dp.ct., dp.scim., dp.audit.)',
    String.raw`${LP}dp\.(?:pt|st|sa|ct|scim|audit)\.[A-Za-z0-9]{40,64}${RP}`,
    [`doppler run --x ${S(`dp.st.${fake(43)}`)} -- node app.js`],
  ),
  token('linear-key', 'Linear API key (lin_api_)', String.raw`${LP}lin_(?:api|oauth)_[A-Za-z0-9]{40}${RP}`, [
    `LINEAR=${S(`lin_api_${fake(40)}`)} ./triage`,
  ]),
  token(
    'notion-token',
    'Notion integration tokens (ntn_, secret_ + 43)',
    String.raw`${LP}(?:ntn_[A-Za-z0-9]{40,50}|secret_[A-Za-z0-9]{43})${RP}`,
    [`NOTION=${S(`ntn_${fake(46)}`)} ./sync`],
  ),
  token('postman-key', 'Postman API key (PMAK-)', String.raw`${LP}PMAK-[a-f0-9]{24}-[a-f0-9]{34}${RP}`, [
    `newman run c.json --x ${S(`PMAK-${fake(24, HEX)}-${fake(34, HEX)}`)}`,
  ]),
  token('newrelic-key', 'New Relic user API key (NRAK-)', String.raw`${LP}NRAK-[A-Z0-9]{27}${RP}`, [
    `NR=${S(`NRAK-${fake(27, UPPER)}`)} newrelic apm`,
  ]),
  token(
    'grafana-token',
    'Grafana service-account (glsa_) and cloud (glc_) tokens',
    String.raw`${LP}(?:glsa_[A-Za-z0-9]{32}_[a-f0-9]{8}|glc_[A-Za-z0-9+/]{32,400}={0,2})${RP}`,
    [`GRAFANA=${S(`glsa_${fake(32)}_${fake(8, HEX)}`)} ./dash`],
  ),
  token(
    'databricks-token',
    'Databricks personal access token (dapi…)',
    String.raw`${LP}dapi[a-f0-9]{32}(?:-[0-9])?${RP}`,
    [`databricks fs ls --x ${S(`dapi${fake(32, HEX)}`)}`],
  ),
  token(
    'sentry-token',
    'Sentry auth tokens (sntrys_, sntryu_)',
    String.raw`${LP}sntry[su]_[A-Za-z0-9+/=_-]{50,400}`,
    [`SENTRY=${S(`sntrys_${fake(80)}`)} sentry-cli releases new 1`],
  ),
  token(
    'planetscale-token',
    'PlanetScale tokens and passwords (pscale_tkn_, pscale_pw_)',
    String.raw`${LP}pscale_(?:tkn|pw|oauth)_[A-Za-z0-9_.-]{32,64}${RP}`,
    [`mysql -h aws.connect.psdb.cloud --x ${S(`pscale_pw_${fake(43)}`)}`],
  ),
  token('supabase-token', 'Supabase personal access token (sbp_)', String.raw`${LP}sbp_[a-f0-9]{40}${RP}`, [
    `supabase link --x ${S(`sbp_${fake(40, HEX)}`)}`,
  ]),
  token(
    'telegram-bot-token',
    'Telegram bot token (id:AA…)',
    String.raw`(?:(?<=bot)|(?<![A-Za-z0-9_-]))[0-9]{8,10}:AA[A-Za-z0-9_-]{33}${RP}`,
    [`curl https://api.telegram.org/bot${S(`123456789:AA${fake(33)}`)}/getMe`],
  ),
  token('replicate-token', 'Replicate API token (r8_)', String.raw`${LP}r8_[A-Za-z0-9]{37}${RP}`, [
    `REPLICATE=${S(`r8_${fake(37)}`)} python gen.py`,
  ]),
  token('groq-key', 'Groq API key (gsk_)', String.raw`${LP}gsk_[A-Za-z0-9]{48,56}${RP}`, [
    `GROQ=${S(`gsk_${fake(52)}`)} python chat.py`,
  ]),
  token('xai-key', 'xAI API key (xai-)', String.raw`${LP}xai-[A-Za-z0-9]{60,100}${RP}`, [
    `XAI=${S(`xai-${fake(80)}`)} python chat.py`,
  ]),
  token('perplexity-key', 'Perplexity API key (pplx-)', String.raw`${LP}pplx-[A-Za-z0-9]{40,60}${RP}`, [
    `PPLX=${S(`pplx-${fake(48)}`)} python ask.py`,
  ]),
  token(
    'alibaba-access-key',
    'Alibaba Cloud AccessKey id (LTAI…)',
    String.raw`${LP}LTAI[A-Za-z0-9]{12,20}${RP}`,
    [`aliyun configure set --x ${S(`LTAI${fake(20)}`)}`],
  ),
  token(
    'mapbox-secret-token',
    'Mapbox secret token (sk.eyJ…)',
    String.raw`${LP}sk\.eyJ[A-Za-z0-9_-]{20,512}\.[A-Za-z0-9_-]{20,128}${RP}`,
    [`MAPBOX=${S(`sk.eyJ${fake(60)}.${fake(22)}`)} npm run tiles`],
  ),
  token('pulumi-token', 'Pulumi access token (pul-)', String.raw`${LP}pul-[a-f0-9]{40}${RP}`, [
    `PULUMI=${S(`pul-${fake(40, HEX)}`)} pulumi up`,
  ]),
  token(
    'flyio-token',
    'Fly.io tokens (fo1_, FlyV1 fm1_/fm2_)',
    String.raw`${LP}(?:fo1_[A-Za-z0-9_-]{43}|fm[12][ar]?_[A-Za-z0-9+/=_-]{20,1024})`,
    [`FLY=${S(`fo1_${fake(43)}`)} fly deploy`],
  ),
  token(
    'dropbox-token',
    'Dropbox short-lived access token (sl.)',
    String.raw`${LP}sl\.[A-Za-z0-9_-]{130,1400}${RP}`,
    [`DBX=${S(`sl.${fake(140)}`)} ./backup`],
  ),
];

/**
 * Whether a name and its separator found inside quotes may have a value: not when the quotes close
 * right after them (`grep "password:" src/`, `grep -rn "secret_key =" config/`): a search for the
 * name, not a setting of it.
 */
function notClosed(text: string, start: number, end: number): boolean {
  let at = start;
  while (text[at] === '-') at++;
  const quote = text[start - 1];
  if (quote !== '"' && quote !== "'") return true;
  const found = text.slice(at, end);
  if (found.includes('"') || found.includes("'")) return true;
  return text[end] !== quote && !(text[end] === '\\' && text[end + 1] === quote);
}

/** Where a name says the value after it is secret, in every syntax agents write. */
const NAMED: PatternShape[] = [
  {
    kind: 'pattern',
    name: 'url-token-userinfo',
    what: 'a token as the user of an http(s), git or ssh URL: https://TOKEN@github.com, https://TOKEN:x-oauth-basic@…',
    pattern: rx(
      String.raw`(?<![A-Za-z0-9+.-])(?:https?|git|ssh|git\+ssh|git\+https)://(?:(?<secret>[^\s:/@'"${HELD}]{1,256})(?=:(?:x-oauth-basic|x-access-token|oauth2|x-token-auth|token|api_key)?@)|(?<secret2>[^\s:/@'"${HELD}]{20,256})(?=@|:[^\s/@'"]{1,1024}@))`,
      'i',
    ),
    examples: [
      `git clone https://${S(`tok${fake(24)}`)}@github.com/o/r.git`,
      `git remote set-url origin https://${S('short1')}:x-oauth-basic@github.com/o/r`,
    ],
  },
  {
    kind: 'pattern',
    name: 'url-userinfo',
    what: 'the password of a URL (https://user:pw@host, postgres://, mongodb+srv://, redis://:pw@, ftp://…)',
    pattern: rx(
      String.raw`(?<![A-Za-z0-9+.-])[A-Za-z][A-Za-z0-9+.-]{0,31}://[^\s:/@'"${HELD}]{0,256}:(?![0-9]{1,5}/)(?<secret>[^\s/@'"${HELD}]{1,1024}(?:/[^\s/@'"${HELD}]{1,256}){0,4})(?=@)`,
    ),
    examples: [
      `git clone https://bob:${S('hunter2')}@git.example/r.git`,
      `psql "postgresql://app:${S('s3cr3t-Pa55')}@db.internal:5432/prod"`,
      `redis-cli -u redis://:${S('r3dis')}@cache:6379`,
      `psql postgresql://u:${S('ab/slashPw')}@h/db`,
    ],
  },
  {
    kind: 'pattern',
    name: 'cookie-header',
    what: 'Cookie and Set-Cookie header values, all of their pairs',
    pattern: rx(String.raw`${L}(?:set-)?cookie\\?["']?[ \t]{0,8}:[ \t]{0,8}\\?["']?`, 'i'),
    value: sticky(String.raw`(?<secret>[^\r\n"'\\${HELD}]{1,4096})`),
    accept: (secret) => isLiteralSecret(secret, ''),
    examples: [
      `curl -H 'Cookie: ${S('session=abc123; csrftoken=xyz789')}' https://app.example/api`,
      `{"headers": {"Set-Cookie": "${S('sid=Zm9vYmFy; HttpOnly')}"}}`,
    ],
  },
  {
    kind: 'pattern',
    name: 'name-value-pair',
    what: 'a {name: X_PASSWORD, value: …} pair (Kubernetes env, ECS task definitions)',
    pattern: rx(
      String.raw`["']?\b(?:[Nn]ame|[Kk]ey)["']?[ \t]{0,8}[:=][ \t]{0,8}["']?(?<name>[A-Za-z_][A-Za-z0-9_.-]{0,63})["']?[ \t]{0,8},?\s{0,16}-?[ \t]{0,8}["']?value["']?[ \t]{0,8}[:=][ \t]{0,8}`,
    ),
    value: VALUE,
    acceptName: namesSecret,
    accept: acceptNamed,
    examples: [
      `kubectl set env deploy/x --x '{"name": "DB_PASSWORD", "value": "${S('pa55word')}"}'`,
      `env:\n  - name: API_TOKEN\n    value: ${S('tok-123456')}`,
      `<add key="Password" value="${S('cfgPw-1')}"/>`,
    ],
  },
  {
    kind: 'pattern',
    name: 'key-named-value',
    what:
      'the value of a name that says secret, in every syntax: KEY=v, KEY: v, "key": "v", \'key\': \'v\', key => v, ' +
      'key := v, --flag=v, ?token=v&, Password=v; (connection strings), Authorization: Bearer v, X-Api-Key: v, Private-Token: v',
    // after a bare name, `:` only before a space or a quote: `force:user:password:generate` is not one
    pattern: rx(
      String.raw`(?<![A-Za-z0-9_.-])-{0,2}${NAME}(?:\\?["'][ \t]{0,8}(?::=|=>|=|:)|[ \t]{0,8}(?::=|=>|=|:(?=[ \t]|\\?["']|(?<=(?:authorization|token):)[^\s])))[ \t]{0,8}`,
      'i',
    ),
    value: (name) => (schemed(name) ? SCHEMED_VALUE : VALUE),
    acceptName: (name) => namesSecret(name) || maybeKey(name),
    acceptMatch: notClosed,
    // `STRIPE_KEY=…`: a name ending in KEY only with a value that looks like a credential
    accept: (secret, name, after) =>
      name !== undefined &&
      (namesSecret(name)
        ? acceptNamed(secret, name, after)
        : looksLikeCredential(secret, 16) && isLiteralSecret(secret, after) && !secret.includes('/')),
    examples: [
      `DB_PASSWORD=${S('hunter2')} ./run`,
      `mysql --password=${S('hunter2')} db`,
      `curl -H "Authorization: Bearer ${S('abc.def')}" https://x`,
      `requests.get(u, headers={'Authorization': 'Bearer ${S('tok_123')}'})`,
      `fetch(u, {headers: {Authorization: "token ${S('gh-abc123')}"}})`,
      `curl -H 'X-Auth-Token: ${S('a1b2c3d4')}' -H 'X-Api-Key: ${S('k-987')}' -H 'Private-Token: ${S('pt-555')}' https://x`,
      `sqlcmd -Q x "Server=db;Database=app;User Id=sa;Password=${S('P@ssw0rd')};"`,
      `dotnet run "Server=db;Uid=app;Pwd=${S('s3cret')};"`,
      `{"client_secret": "${S('cs-000111')}", "grant_type": "client_credentials"}`,
      `config = { :api_key => '${S('ak-42x')}' }`,
      `curl "https://api.example/v1/x?user=me&access_token=${S('at-999')}&page=2"`,
      `az ad sp create --client-secret=${S('cs-555')}`,
      `curl -H "Authorization: Basic ${S('dXNlcjpCYXNpY1B3MTI=')}" https://x`,
      `DB_PASSWORD=${S('Pa55=word')} ./run`,
      `STRIPE_KEY=${S('rk1Ab2Cd3Ef4Gh5Ij6')} node app.js`,
      `curl -H "Authorization:token ${S('gh-nospace1')}" https://x`,
      `curl -H "Authorization: Bearer \\\n  ${S('continued-1')}" https://x`,
      `requests.get(u, headers={"Authorization": f"Bearer ${S('fstr-tok-1')}"})`,
    ],
  },
  {
    kind: 'pattern',
    name: 'xml-element',
    what: 'an XML element named so: <password>X</password>, <apiKey>X</apiKey>',
    pattern: rx(String.raw`<${NAME}>`, 'i'),
    value: sticky(String.raw`(?<secret>[^<>\s${HELD}][^<>\r\n${HELD}]{0,1023})(?=</)`),
    acceptName: namesSecret,
    accept: acceptNamed,
    examples: [`<settings><password>${S('xmlPw-1')}</password></settings>`],
  },
  {
    kind: 'pattern',
    name: 'call-argument',
    what: "a name and its value as a call's arguments or a subscript: define('DB_PASSWORD', 'X'), os.Setenv(\"API_TOKEN\", \"X\"), setHeader('Authorization', 'Bearer X'), os.environ['API_KEY'] = 'X'",
    pattern: rx(
      String.raw`[(\[][ \t]{0,8}(?<q>["'])${NAME}\k<q>(?:[ \t]{0,8},|[ \t]{0,8}\][ \t]{0,8}=(?!=))[ \t]{0,8}`,
      'i',
    ),
    value: (name) => (schemed(name) ? SCHEMED_VALUE : VALUE),
    acceptName: namesSecret,
    accept: acceptNamed,
    examples: [
      `define('DB_PASSWORD', '${S('phpPw-1')}');`,
      `os.Setenv("API_TOKEN", "${S('goTok-1')}")`,
      `res.setHeader('Authorization', 'Bearer ${S('nodeTok-1')}')`,
      `headers.set("X-Api-Key", "${S('fetchKey-1')}")`,
      `os.environ['API_KEY'] = '${S('pyEnv-1')}'`,
    ],
  },
  {
    kind: 'pattern',
    name: 'query-parameter',
    what: 'a secret query parameter (key=, appid=, code=, and names that say secret, percent-escaped or not: access%5Ftoken=)',
    pattern: rx(String.raw`[?&](?<name>[A-Za-z0-9_.%-]{1,96})=`),
    value: sticky(String.raw`(?<secret>[^&#\s"'<>\\${HELD}]{1,2048})`),
    acceptName: (name) => {
      const decoded = /%[0-9A-Fa-f]{2}/.test(name)
        ? name.replace(/%([0-9A-Fa-f]{2})/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16)))
        : name;
      return QUERY_SECRETS.has(decoded.toLowerCase()) || (decoded !== name && namesSecret(decoded));
    },
    accept: (secret, _name, after) =>
      isLiteralSecret(secret, after) && !PROSE_WORDS.has(secret.toLowerCase()),
    examples: [
      `curl "https://api.example/v1/x?key=${S('qKey-123')}&page=2"`,
      `curl "https://api.openweathermap.org/data/2.5/weather?q=x&appid=${S('owm-123')}"`,
      `open "https://app.example/callback?code=${S('oauthCode1')}&state=s"`,
      `curl "https://api.example/me?access%5Ftoken=${S('pctTok-1')}"`,
    ],
  },
  {
    kind: 'pattern',
    name: 'credential-flag',
    what: 'the word after a credential flag: --password X, --token X, --auth-token X, --api-key X, --client-secret X, --secret X, --access-key X, -storepass X',
    pattern: rx(String.raw`(?<![A-Za-z0-9_.-])-{1,2}${NAME}[ \t]{1,8}(?=[^\s-])`, 'i'),
    value: VALUE,
    acceptName: namesSecret,
    accept: acceptNamed,
    examples: [
      `wget --user bob --password ${S('hunter2')} https://x/f`,
      `az ad sp credential reset --client-secret ${S('cs-12345')}`,
      `vercel deploy --auth-token ${S('vt-abcdef')}`,
      `openai --api-key ${S('ak-0000')} chat`,
      `keytool -importkeystore -storepass ${S('changeit')} -srcstorepass ${S('srcpass1')}`,
      `docker login -u me --password "${S('my pass')}" registry.example`,
    ],
  },
  {
    kind: 'pattern',
    name: 'netrc',
    what: 'a .netrc entry: machine h login u password X',
    pattern: rx(String.raw`${L}login\s{1,8}[^\s${HELD}]{1,256}\s{1,8}password\s{1,8}`),
    value: VALUE,
    accept: (secret, _name, after) => isLiteralSecret(secret, after),
    examples: [`printf 'machine api.heroku.com login me@x.com password ${S('hk-0123')}\\n' >> ~/.netrc`],
  },
  {
    kind: 'pattern',
    name: 'prose',
    what: 'a secret told in words: "the password is X", "my api key was X", "token = X"',
    pattern: rx(
      String.raw`${L}(?:password|passphrase|passwd|passcode|pin|pw|pwd|pass|token|secret|api[ _-]?key|access[ _-]?key|secret[ _-]?key|private[ _-]?key|(?<name>[A-Za-z]{2,16})[ \t]{1,4}key)s?[ \t]{1,4}(?:is|was|are|=|:|equals)[ \t]{1,4}(?:set[ \t]{1,4}to[ \t]{1,4}|now[ \t]{1,4})?`,
      'i',
    ),
    value: sticky(String.raw`["'\x60“‘]?(?<secret>[^\s"'\x60”’${HELD}]{0,255}[^\s"'\x60”’.,;:!?)${HELD}])`),
    // "the X key is …": only what looks like a credential (the primary key is `id`)
    accept: (secret, name) =>
      isLiteralSecret(secret, '') &&
      !PROSE_WORDS.has(secret.toLowerCase()) &&
      (name === undefined || looksLikeCredential(secret, 8)),
    examples: [
      'the db password is ' + S('hunter2') + '.',
      'and the pw is ' + S('pw-in-prose1'),
      'My OpenAI key is ' + S(`sk9${fake(20)}`),
      'use it, my api key is "' + S('k3y-v4lue') + '" for staging',
    ],
  },
];

/** Query parameters that hold a credential whatever their name says (`key`, `appid`, an OAuth `code`). */
const QUERY_SECRETS = new Set(['key', 'appid', 'app_id', 'code', 'apikey', 'api-key', 'auth', 'pwd', 'pass']);

/** Words after "the password is" that are not the password. */
const PROSE_WORDS = new Set(
  (
    'a an the not no wrong incorrect invalid expired missing empty required correct valid set stored saved ' +
    'too being still in on at for of to from and or now here there this that it used needed shown hidden ' +
    'encrypted hashed rotated revoked leaked exposed same different new old long short weak strong secure ' +
    'insecure case sensitive optional generated ignored unset blank reset changed also only just my your ' +
    'our their its stored read written given provided sent passed configured available unavailable'
  ).split(' '),
);

// ───────────────────────────── programs ─────────────────────────────

const QUOTES = new Set([`'`, `"`]);

/** An argument's value from `offset` on (after `-p`, after `--user=`…), without surrounding quotes. */
function valueOf(arg: Arg, offset = 0): Span {
  const raw = arg.raw.slice(offset);
  const first = raw[0];
  if (raw.length >= 2 && first !== undefined && QUOTES.has(first) && raw.endsWith(first))
    return [arg.start + offset + 1, arg.end - 1];
  return [arg.start + offset, arg.end];
}

/** After the first `sep` in an argument's value: `user:pw` → `pw`. */
function afterSeparator(arg: Arg, span: Span, sep: string): Span | undefined {
  const at = arg.raw.indexOf(sep, span[0] - arg.start);
  if (at < 0 || arg.start + at >= span[1]) return undefined;
  return [arg.start + at + 1, span[1]];
}

/** `-pX` (attached) and/or `-p X` (separate): the spans of X. */
function flagValues(
  args: readonly Arg[],
  flags: readonly string[],
  how: { attached?: boolean; separate?: boolean; equals?: boolean },
): Array<{ arg: Arg; span: Span }> {
  const found: Array<{ arg: Arg; span: Span }> = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    for (const flag of flags) {
      if (arg.word === flag) {
        const next = args[i + 1];
        if (how.separate && next && !next.word.startsWith('-'))
          found.push({ arg: next, span: valueOf(next) });
      } else if (how.equals && arg.raw.startsWith(`${flag}=`)) {
        found.push({ arg, span: valueOf(arg, flag.length + 1) });
      } else if (
        how.attached &&
        arg.raw.startsWith(flag) &&
        arg.raw.length > flag.length &&
        !flag.startsWith('--')
      ) {
        found.push({ arg, span: valueOf(arg, flag.length) });
      }
    }
  }
  return found;
}

function program(
  name: string,
  what: string,
  programs: readonly string[],
  find: (args: readonly Arg[], before?: readonly Arg[]) => Span[],
  examples: string[],
): ProgramShape {
  return { kind: 'program', name, what, programs, find, examples };
}

const spans = (found: Array<{ span: Span }>) => found.map((f) => f.span);
/** `-u user:pw` → pw (a bare `-u user` prompts for it). */
const afterColon = (found: Array<{ arg: Arg; span: Span }>, sep = ':') =>
  found.flatMap(({ arg, span }) => {
    const after = afterSeparator(arg, span, sep);
    return after ? [after] : [];
  });
const positional = (args: readonly Arg[]) => args.filter((a) => !a.word.startsWith('-'));
const hasWord = (args: readonly Arg[], ...words: string[]) => args.some((a) => words.includes(a.word));

/** Flags of `cargo login`, `wandb login`, `vault login`… that take a value (the token comes after). */
const LOGIN_VALUE_FLAGS = new Set([
  '--registry',
  '--host',
  '--hostname',
  '--config',
  '--profile',
  '--region',
  '--cloud',
  '--address',
  '--path',
  '-method',
  '--method',
  '-path',
  '-address',
  '-Z',
]);

/** What a command before a pipe writes: `echo X`, `printf '%s' X`, `printf X`. */
function echoed(before: readonly Arg[] | undefined): Span[] {
  const program = before?.[0]?.word;
  if (!before || (program !== 'echo' && program !== 'printf')) return [];
  const words = before.slice(1).filter((x) => !/^-[neE]{1,3}$/.test(x.word));
  if (program === 'printf' && words.length > 1 && words[0]!.word.includes('%')) words.shift();
  return words.length === 1 ? [valueOf(words[0]!)] : [];
}

/** A here-string: `<<< X`, `<<<X`. */
function hereStrings(a: readonly Arg[]): Span[] {
  const found: Span[] = [];
  for (let i = 0; i < a.length; i++) {
    const arg = a[i]!;
    if (arg.word === '<<<' && a[i + 1]) found.push(valueOf(a[i + 1]!));
    else if (arg.raw.startsWith('<<<') && arg.raw.length > 3) found.push(valueOf(arg, 3));
  }
  return found;
}

const PROGRAMS: ProgramShape[] = [
  program(
    'stdin-secret',
    'a secret given on the standard input of a login or a secret store: docker/podman/helm login --password-stdin, gh auth login --with-token, glab auth login --stdin, gh secret set, vercel env add (<<< X, echo X |)',
    [
      'docker',
      'podman',
      'nerdctl',
      'buildah',
      'helm',
      'oras',
      'crane',
      'skopeo',
      'regctl',
      'gh',
      'glab',
      'vercel',
    ],
    (a, before) => {
      const login =
        hasWord(a, 'login') && hasWord(a, '--password-stdin', '--with-token', '--stdin', '--token-stdin');
      const store =
        (hasWord(a, 'secret', 'variable') &&
          hasWord(a, 'set') &&
          !hasWord(a, '--body', '-b', '-f', '--env-file')) ||
        (hasWord(a, 'env') && hasWord(a, 'add'));
      return login || store ? [...hereStrings(a), ...echoed(before)] : [];
    },
    [
      `docker login -u me --password-stdin <<< ${S('dockerStdin1')}`,
      `echo ${S('dockerStdin2')} | podman login -u me --password-stdin quay.io`,
      `gh auth login --with-token <<< '${S('ghStdin3')}'`,
      `printf '%s' ${S('ghSecret4')} | gh secret set API_TOKEN`,
      `echo ${S('vercelEnv5')} | vercel env add API_TOKEN production`,
    ],
  ),
  program(
    'jq-arg',
    'jq --arg NAME X / --argjson NAME X, when NAME says secret',
    ['jq', 'gojq', 'jaq', 'yq'],
    (a) => {
      const found: Span[] = [];
      for (let i = 0; i + 2 < a.length; i++)
        if ((a[i]!.word === '--arg' || a[i]!.word === '--argjson') && namesSecret(a[i + 1]!.word))
          found.push(valueOf(a[i + 2]!));
      return found;
    },
    [`jq -n --arg token ${S('jqTok123')} '{t: $token}'`],
  ),
  program(
    'fish-set',
    'fish: set -gx NAME X, when NAME says secret',
    ['set'],
    (a) => {
      let i = 0;
      while (
        i < a.length &&
        /^-[A-Za-z]{1,6}$|^--(?:global|export|universal|local|function)$/.test(a[i]!.word)
      )
        i++;
      const name = a[i];
      const value = a[i + 1];
      if (i === 0 || !name || !value || !/^[A-Za-z_][A-Za-z0-9_]{0,127}$/.test(name.word)) return [];
      return namesSecret(name.word) && !value.word.startsWith('-') ? [valueOf(value)] : [];
    },
    [`set -gx OPENAI_API_KEY ${S('fishKey123')}`],
  ),
  program(
    'mysql-password',
    'MySQL and MariaDB clients: -pSECRET (attached; a bare -p prompts)',
    [
      'mysql',
      'mariadb',
      'mysqldump',
      'mysqladmin',
      'mysqlimport',
      'mysqlshow',
      'mysqlcheck',
      'mysqlpump',
      'mysqlsh',
      'mysqlbinlog',
      'mysqlslap',
      'mariadb-dump',
      'mariadb-admin',
      'mariadb-import',
      'mariadb-check',
      'mariadb-show',
      'mariadb-binlog',
    ],
    (a) => spans(flagValues(a, ['-p'], { attached: true })),
    [
      `mysql -u root -p${S('hunter2')} -h db shop`,
      `docker exec db mysqldump -uroot -p'${S('r00t pw')}' app > dump.sql`,
    ],
  ),
  program(
    'sshpass',
    'sshpass -p SECRET / -pSECRET',
    ['sshpass'],
    (a) => spans(flagValues(a, ['-p'], { attached: true, separate: true })),
    [`sshpass -p ${S('hunter2')} ssh admin@10.0.0.5`],
  ),
  program(
    'curl-user',
    'curl -u user:SECRET, --user, -U/--proxy-user (the part after the colon)',
    ['curl'],
    (a) =>
      afterColon(
        flagValues(a, ['-u', '--user', '-U', '--proxy-user'], {
          attached: true,
          separate: true,
          equals: true,
        }),
      ),
    [
      `curl -u alice:${S('pa55word')} https://api.example/x`,
      `curl --user "bob:${S('s3cret')}" -X POST https://x`,
    ],
  ),
  program(
    'curl-header-split',
    'curl -H "Authorization:" -H X: a credential header whose value comes as the next header',
    ['curl'],
    (a) => {
      const found: Span[] = [];
      for (let i = 0; i + 3 < a.length; i++) {
        const header = /^([A-Za-z0-9-]{1,64})[ \t]{0,8}:[ \t]{0,8}$/.exec(a[i + 1]!.word);
        if (['-H', '--header'].includes(a[i]!.word) && header && namesSecret(header[1]!))
          if (['-H', '--header'].includes(a[i + 2]!.word)) found.push(valueOf(a[i + 3]!));
      }
      return found;
    },
    [`curl -H Authorization: -H ${S('splitHdr1')} https://x`],
  ),
  program(
    'curl-cookie',
    'curl -b/--cookie NAME=VALUE… (a cookie string, not a cookie file)',
    ['curl'],
    (a) =>
      spans(
        flagValues(a, ['-b', '--cookie'], { separate: true, equals: true }).filter(({ arg }) =>
          arg.word.includes('='),
        ),
      ),
    [`curl -b '${S('session=deadbeef42')}' https://app/x`],
  ),
  program(
    'httpie-auth',
    'HTTPie and xh: -a/--auth user:SECRET',
    ['http', 'https', 'xh', 'xhs'],
    (a) => afterColon(flagValues(a, ['-a', '--auth'], { separate: true, equals: true })),
    [`http -a me:${S('t0ps3cret')} GET https://api.example/me`],
  ),
  program(
    'lftp-user',
    'lftp -u user,SECRET',
    ['lftp'],
    (a) => afterColon(flagValues(a, ['-u'], { separate: true }), ','),
    [`lftp -u deploy,${S('ftpPa55')} ftp.example.com`],
  ),
  program(
    'registry-login',
    'docker, podman, nerdctl, buildah, helm, oras, crane, skopeo, twine: login -p SECRET',
    ['docker', 'podman', 'nerdctl', 'buildah', 'helm', 'oras', 'crane', 'skopeo', 'regctl', 'twine', 'az'],
    (a) => (hasWord(a, 'login', 'upload') ? spans(flagValues(a, ['-p'], { separate: true })) : []),
    [
      `docker login -u me -p ${S('dckr-pw-1')} registry.example`,
      `az login -u me@x.com -p ${S('azLoginPw1')}`,
    ],
  ),
  program(
    'htpasswd',
    'htpasswd -b FILE USER SECRET, htpasswd -nb USER SECRET',
    ['htpasswd'],
    (a) => {
      const flags = a
        .filter((x) => /^-[a-zA-Z]{1,10}$/.test(x.word))
        .map((x) => x.word)
        .join('');
      if (!flags.includes('b')) return [];
      const words = positional(a);
      const secret = words[flags.includes('n') ? 1 : 2];
      return secret ? [valueOf(secret)] : [];
    },
    [`htpasswd -bc /etc/nginx/.htpasswd admin ${S('adm1nPw')}`, `htpasswd -nb admin ${S('adm1nPw2')}`],
  ),
  program(
    'redis-cli',
    'redis-cli -a SECRET',
    ['redis-cli', 'valkey-cli', 'keydb-cli'],
    (a) => spans(flagValues(a, ['-a'], { separate: true })),
    [`redis-cli -h cache -a ${S('r3d1s')} PING`],
  ),
  program(
    'mongo',
    'mongo, mongosh and the MongoDB tools: -p SECRET',
    [
      'mongo',
      'mongosh',
      'mongodump',
      'mongorestore',
      'mongoexport',
      'mongoimport',
      'mongostat',
      'mongotop',
      'mongofiles',
    ],
    (a) => spans(flagValues(a, ['-p'], { separate: true })),
    [`mongosh --host db -u admin -p ${S('m0ngoPw')} --authenticationDatabase admin`],
  ),
  program(
    'capital-p-password',
    'sqlcmd, bcp, ipmitool, zip, unzip: -P SECRET',
    ['sqlcmd', 'bcp', 'osql', 'ipmitool', 'zip', 'unzip', 'zipcloak', 'mssql-cli'],
    (a) => spans(flagValues(a, ['-P'], { separate: true, attached: true })),
    [`sqlcmd -S db -U sa -P ${S('Sql$ecret1')} -Q "select 1"`, `unzip -P ${S('zipPw9')} secrets.zip`],
  ),
  program(
    'ldap',
    'ldapsearch, ldapadd, ldapmodify, …: -w SECRET',
    [
      'ldapsearch',
      'ldapadd',
      'ldapmodify',
      'ldapdelete',
      'ldapwhoami',
      'ldappasswd',
      'ldapcompare',
      'ldapmodrdn',
      'ldapexop',
    ],
    (a) => spans(flagValues(a, ['-w'], { separate: true, attached: true })),
    [`ldapsearch -x -D cn=admin,dc=x -w ${S('ld4pPw')} -b dc=x`],
  ),
  program(
    'archive-password',
    '7z, rar, unrar: -pSECRET, rar -hpSECRET',
    ['7z', '7za', '7zr', '7zz', 'rar', 'unrar'],
    (a) => spans(flagValues(a, ['-hp', '-p'], { attached: true })),
    [`7z x -p${S('arch1vePw')} backup.7z`, `rar a -hp${S('hdrPw1')} backup.rar docs`],
  ),
  program(
    'smb-user',
    'smbclient and Samba tools: -U user%SECRET',
    ['smbclient', 'rpcclient', 'smbget', 'smbcacls', 'smbmap', 'smbcquotas'],
    (a) => afterColon(flagValues(a, ['-U', '--user'], { separate: true, attached: true, equals: true }), '%'),
    [`smbclient //fs/share -U admin%${S('smbPw1')} -c ls`],
  ),
  program(
    'ssh-keygen-passphrase',
    'ssh-keygen -N / -P SECRET (new and old passphrase)',
    ['ssh-keygen'],
    (a) => spans(flagValues(a, ['-N', '-P'], { separate: true, attached: true })).filter(([s, e]) => e > s),
    [`ssh-keygen -t ed25519 -N '${S('k3yPhrase')}' -f id`],
  ),
  program(
    'openssl-pass',
    'openssl -pass/-passin/-passout pass:SECRET, enc -k SECRET',
    ['openssl'],
    (a) => [
      ...flagValues(a, ['-pass', '-passin', '-passout', '-password'], { separate: true }).flatMap(
        ({ arg, span }) => (arg.word.startsWith('pass:') ? [[span[0] + 5, span[1]] as const] : []),
      ),
      ...spans(flagValues(a, ['-k'], { separate: true })),
      // -kSECRET attached (not -key, -keyform, -kdf, -kekcipher…)
      ...spans(
        flagValues(a, ['-k'], { attached: true }).filter(({ arg }) => !/^-k(?:ey|df|ek)/.test(arg.word)),
      ),
    ],
    [
      `openssl pkcs12 -export -in c.pem -passout pass:${S('p12Pw')} -out c.p12`,
      `openssl enc -aes-256-cbc -k ${S('encPw')} -in f`,
      `openssl enc -aes-256-cbc -k${S('encPwAttached')} -in f -out f.enc`,
    ],
  ),
  program(
    'freerdp',
    'xfreerdp /p:SECRET',
    ['xfreerdp', 'xfreerdp3', 'wlfreerdp', 'sdl-freerdp'],
    (a) => a.filter((x) => x.raw.startsWith('/p:') && x.raw.length > 3).map((x) => valueOf(x, 3)),
    [`xfreerdp /v:host /u:admin /p:${S('rdpPw')}`],
  ),
  program(
    'sqlplus',
    'sqlplus, rman, expdp, impdp, sqlldr: user/SECRET@db',
    ['sqlplus', 'rman', 'expdp', 'impdp', 'sqlldr', 'exp', 'imp'],
    (a) => {
      const first = positional(a)[0];
      if (!first || !/^[A-Za-z0-9_$#"]{1,128}\//.test(first.word)) return [];
      const span = valueOf(first);
      const slash = first.raw.indexOf('/', span[0] - first.start);
      const at = first.raw.lastIndexOf('@');
      return [[first.start + slash + 1, at > slash ? first.start + at : span[1]]];
    },
    [`sqlplus scott/${S('tiger')}@orcl @report.sql`],
  ),
  program(
    'config-set',
    'git config, npm/yarn/pnpm config set, aws configure set, poetry config: a secret-named key and its value',
    ['git', 'npm', 'yarn', 'pnpm', 'aws', 'poetry'],
    (a) => {
      const words = positional(a);
      const at = words.findIndex((w) => w.word === 'config' || w.word === 'configure');
      if (at < 0) return [];
      let rest = words.slice(at + 1);
      if (rest[0]?.word === 'set') rest = rest.slice(1);
      const [key, value, value2] = rest;
      if (!key || !value) return [];
      if (key.word.startsWith('http-basic.')) return value2 ? [valueOf(value2)] : [];
      return namesSecret(key.word) ? [valueOf(value)] : [];
    },
    [
      `git config --global github.token ${S('gt-1234abcd')}`,
      `npm config set //registry.npmjs.org/:_authToken ${S('nt-5678')}`,
      `poetry config http-basic.private me ${S('poetryPw')}`,
    ],
  ),
  program(
    'secret-store-set',
    'values stored as secrets: gh secret set --body, kubectl create secret --from-literal, fly secrets set, az keyvault secret set --value, dotnet user-secrets set, security add-*-password -w, aws ssm put-parameter SecureString',
    ['gh', 'kubectl', 'oc', 'fly', 'flyctl', 'az', 'dotnet', 'security', 'aws'],
    (a) => {
      const words = a.map((x) => x.word);
      if (words.includes('secret') && words.includes('set'))
        return spans([
          ...flagValues(a, ['--body', '-b', '--value'], { separate: true, equals: true }),
          ...flagValues(a, ['-b'], { attached: true }),
        ]);
      if (words.includes('create') && words.includes('secret'))
        return flagValues(a, ['--from-literal'], { separate: true, equals: true }).flatMap(
          ({ arg, span }) => {
            const after = afterSeparator(arg, span, '=');
            return after ? [after] : [];
          },
        );
      if (words.includes('secrets') && words.includes('set'))
        return a
          .filter((x) => /^[A-Za-z_][A-Za-z0-9_]{0,127}=/.test(x.word))
          .flatMap((x) => {
            const after = afterSeparator(x, valueOf(x), '=');
            return after ? [after] : [];
          });
      if (words.includes('user-secrets') && words.includes('set')) {
        const p = positional(a);
        const value = p[p.findIndex((x) => x.word === 'set') + 2];
        return value ? [valueOf(value)] : [];
      }
      if (words.some((w) => /^add-(?:generic|internet)-password$/.test(w)))
        return spans(flagValues(a, ['-w'], { separate: true }));
      if (words.includes('put-parameter') && words.includes('SecureString'))
        return spans(flagValues(a, ['--value'], { separate: true, equals: true }));
      return [];
    },
    [
      `gh secret set DEPLOY_KEY --body ${S('dk-0001')}`,
      `gh secret set N -b${S('dk-0002')}`,
      `kubectl create secret generic db --from-literal=username=${S('app')} --from-literal=password=${S('k8sPw')}`,
      `fly secrets set SMTP_USER=${S('mailer')} SMTP_PASS=${S('m4ilPw')}`,
      `dotnet user-secrets set "Stripe:Key" ${S('stripe-key-1')}`,
    ],
  ),
  program(
    'login-token',
    'a token given as the argument of a login: cargo login X, wandb login X, ngrok authtoken X, snyk auth X, vault login X',
    ['cargo', 'wandb', 'ngrok', 'snyk', 'vault'],
    (a) => {
      const at = a.findIndex((w) => ['login', 'authtoken', 'add-authtoken', 'auth'].includes(w.word));
      if (at < 0) return [];
      // the first word after it that is not a flag nor a flag's value (`--registry x`, `--relogin`)
      for (let i = at + 1; i < a.length; i++) {
        const word = a[i]!.word;
        if (LOGIN_VALUE_FLAGS.has(word)) i++;
        else if (!word.startsWith('-'))
          return word.includes('=') || word.startsWith('<') ? [] : [valueOf(a[i]!)];
      }
      return [];
    },
    [
      `cargo login ${S('cio-0123456789')}`,
      `ngrok config add-authtoken ${S('ngrok-2x')}`,
      `cargo login --registry my-reg ${S('cio-9876543210')}`,
      `wandb login --relogin ${S('wb-0123456789')}`,
    ],
  ),
];

// ───────────────────────────── the catalogue ─────────────────────────────

/** Key blocks go first, whole: the lines inside them look like `Name: value`. */
const BLOCKS = [
  'private-key-in-json',
  'pem-private-key',
  'openssh-private-key',
  'pgp-private-key',
  'putty-private-key',
];

/**
 * Every shape, in the order they are applied: programs (their flags, before anything reads the
 * words as something else), then names (a whole value: `Bearer sk-…` becomes one digest, not a
 * digest inside a digest), then provider tokens wherever they are left.
 */
export const SECRET_SHAPES: readonly SecretShape[] = [
  ...PROGRAMS,
  ...TOKENS.filter((t) => BLOCKS.includes(t.name)),
  ...NAMED,
  ...TOKENS.filter((t) => !BLOCKS.includes(t.name)),
];

// ───────────────────────────── the scrubber ─────────────────────────────

/** The secret's span in a match: its first `secret…` group that matched, or the whole match. */
function secretSpan(match: RegExpExecArray): Span {
  const groups = match.indices?.groups;
  if (groups)
    for (const key of ['secret', 'secret2', 'secret3']) {
      const span = groups[key];
      if (span) return span;
    }
  return [match.index, match.index + match[0].length];
}

/** Digests held out of the text being scrubbed (see `HELD`), and the characters that stand for them. */
class Held {
  readonly texts: string[] = [];
  /** `text` held out: what stands in its place */
  hold(text: string): string {
    this.texts.push(text);
    let code = '';
    for (const digit of String(this.texts.length - 1)) code += String.fromCharCode(0xe002 + Number(digit));
    return `\uE000${code}\uE001`;
  }
  /** the text with what was held put back */
  restore(text: string): string {
    return text.replace(/\uE000([\uE002-\uE00B]{1,12})\uE001/g, (_m, code: string) => {
      let index = 0;
      for (const c of code) index = index * 10 + (c.charCodeAt(0) - 0xe002);
      return this.texts[index]!;
    });
  }
  /** how many secrets were replaced (each time, not each distinct one) */
  found = 0;
  /** a secret's digest held out (the same secret again: the same characters) */
  secret(text: string): string {
    this.found++;
    let code = this.bySecret.get(text);
    if (code === undefined) {
      code = this.hold(digestOf(text));
      this.bySecret.set(text, code);
    }
    return code;
  }
  /** the secrets digested, each once */
  secrets(): string[] {
    return [...this.bySecret.keys()];
  }
  private readonly bySecret = new Map<string, string>();
}

function applyPattern(text: string, shape: PatternShape, held: Held): string {
  const { pattern, value } = shape;
  pattern.lastIndex = 0;
  let out = '';
  let last = 0;
  let match: RegExpExecArray | null;
  while ((match = pattern.exec(text)) !== null) {
    const end = match.index + match[0].length;
    const name = match.groups?.name;
    let span: Span;
    if (value) {
      // the name first, without reading on: a name that is not secret costs nothing more
      if (
        (shape.acceptName && !shape.acceptName(name ?? '')) ||
        (shape.acceptMatch && !shape.acceptMatch(text, match.index, end))
      ) {
        pattern.lastIndex = Math.max(end, match.index + 1);
        continue;
      }
      const reader = typeof value === 'function' ? value(name ?? '') : value;
      reader.lastIndex = end;
      const read = reader.exec(text);
      if (!read) {
        pattern.lastIndex = Math.max(end, match.index + 1);
        continue;
      }
      span = secretSpan(read);
    } else span = secretSpan(match);
    const secret = text.slice(span[0], span[1]);
    const accepted =
      secret.length > 0 && (!shape.accept || shape.accept(secret, name, text.slice(span[1], span[1] + 1)));
    if (!accepted) {
      // not a secret (a reference, a path, a placeholder): on after it
      pattern.lastIndex = Math.max(span[1], end, match.index + 1);
      continue;
    }
    out += text.slice(last, span[0]) + held.secret(secret);
    last = span[1];
    pattern.lastIndex = Math.max(span[1], end, match.index + 1);
    // too many: the whole text becomes one digest (see scrubSecrets), no need to read on
    if (held.found > MAX_DIGESTS) break;
  }
  return last === 0 && out === '' ? text : out + text.slice(last);
}

// The command's words, as a shell would split them (quotes kept in `raw`, removed in `word`), in
// simple commands split at ; | & ( ) ` and newlines. A quoted word holding a command
// (`bash -c "mysql -pX"`) is read again, a few levels deep. Linear: each character is read once per level.
const MAX_NESTED_COMMANDS = 3;

/** A word without its quotes and escapes, as the program receives it. */
function unquote(raw: string): string {
  let word = '';
  let quote = '';
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i]!;
    if (quote !== '') {
      if (c === quote) quote = '';
      else if (c === '\\' && quote === '"' && i + 1 < raw.length) word += raw[++i];
      else word += c;
    } else if (c === '"' || c === `'`) quote = c;
    else if (c === '\\' && i + 1 < raw.length) word += raw[++i];
    else word += c;
  }
  return word;
}

/** A command and the one piping into it. */
const PIPED_FROM = new WeakMap<readonly Arg[], readonly Arg[]>();

function commandsIn(text: string, from: number, to: number, depth: number, out: Arg[][]): void {
  let command: Arg[] = [];
  let start = -1;
  let quote = 0;
  let plain = true;
  const endWord = (end: number) => {
    const raw = text.slice(start, end);
    command.push({ start, end, raw, word: plain ? raw : unquote(raw) });
    const first = raw.charCodeAt(0);
    // a quoted word holding a command: `bash -c "mysql -pX"`
    if (
      depth < MAX_NESTED_COMMANDS &&
      (first === 34 || first === 39) &&
      raw.length > 2 &&
      raw.charCodeAt(raw.length - 1) === first &&
      /\s/.test(raw)
    )
      commandsIn(text, start + 1, end - 1, depth + 1, out);
    start = -1;
    plain = true;
  };
  let i = from;
  for (; i < to; i++) {
    const c = text.charCodeAt(i);
    if (quote !== 0) {
      if (c === quote) quote = 0;
      else if (c === 92 && quote === 34) i++;
      continue;
    }
    // space, tab, CR end a word; newline ; | & ( ) ` also end the command
    if (c === 32 || c === 9 || c === 13) {
      if (start >= 0) endWord(i);
    } else if (c === 10 || c === 59 || c === 124 || c === 38 || c === 40 || c === 41 || c === 96) {
      if (start >= 0) endWord(i);
      if (command.length > 0) out.push(command);
      const previous = command;
      command = [];
      // `a | b` (not `a || b`): what b reads on its standard input, a wrote
      if (
        c === 124 &&
        text.charCodeAt(i + 1) !== 124 &&
        text.charCodeAt(i - 1) !== 124 &&
        previous.length > 0
      )
        PIPED_FROM.set(command, previous);
    } else {
      if (start < 0) start = i;
      if (c === 34 || c === 39) {
        quote = c;
        plain = false;
      } else if (c === 92) {
        i++;
        plain = false;
      }
    }
  }
  if (start >= 0) endWord(Math.min(i, to));
  if (command.length > 0) out.push(command);
}

/** The shapes by program name, and a test whether a text names any of them at all (most do not). */
const programIndex = new WeakMap<
  readonly ProgramShape[],
  { byName: Map<string, ProgramShape[]>; any: RegExp }
>();
function indexOf(shapes: readonly ProgramShape[]) {
  let index = programIndex.get(shapes);
  if (!index) {
    const byName = new Map<string, ProgramShape[]>();
    for (const shape of shapes)
      for (const name of shape.programs) byName.set(name, [...(byName.get(name) ?? []), shape]);
    const names = [...byName.keys()].map((n) => n.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&'));
    index = {
      byName,
      any: new RegExp(String.raw`(?<![A-Za-z0-9_.-])(?:${names.join('|')})(?![A-Za-z0-9_.-])`),
    };
    programIndex.set(shapes, index);
  }
  return index;
}

/** The program shapes of a catalogue, filtered once (the index below is keyed by this array). */
const programLists = new WeakMap<readonly SecretShape[], readonly ProgramShape[]>();
function programsOf(shapes: readonly SecretShape[]): readonly ProgramShape[] {
  let programs = programLists.get(shapes);
  if (!programs) {
    programs = shapes.filter((s): s is ProgramShape => s.kind === 'program');
    programLists.set(shapes, programs);
  }
  return programs;
}

function applyPrograms(text: string, shapes: readonly ProgramShape[], held: Held): string {
  const { byName, any } = indexOf(shapes);
  if (!any.test(text)) return text;
  const commands: Arg[][] = [];
  commandsIn(text, 0, text.length, 0, commands);
  const found: Span[] = [];
  for (const command of commands) {
    const seen = new Set<ProgramShape>();
    for (let at = 0; at < command.length; at++) {
      const word = command[at]!.word;
      for (const shape of byName.get(word.slice(word.lastIndexOf('/') + 1)) ?? [])
        if (!seen.has(shape)) {
          // the words after the program's first mention, up to the end of its simple command
          seen.add(shape);
          for (const span of shape.find(command.slice(at + 1), PIPED_FROM.get(command))) found.push(span);
        }
    }
  }
  if (found.length === 0) return text;
  found.sort((a, b) => a[0] - b[0]);
  let out = '';
  let last = 0;
  for (const [start, end] of found) {
    const secret = text.slice(start, end);
    if (start < last || end <= start || !isLiteralSecret(secret, '')) continue;
    out += text.slice(last, start) + held.secret(secret);
    last = end;
    if (held.found > MAX_DIGESTS) break;
  }
  return out + text.slice(last);
}

/**
 * The text with every secret the catalogue recognises replaced by its digest. Idempotent: a digest
 * already in the text is left as it is. Longer than `MAX_SCANNED`: one digest of the whole.
 */
export function scrubSecrets(text: string, shapes: readonly SecretShape[] = SECRET_SHAPES): string {
  if (text.length > MAX_SCANNED) return DIGEST_WHOLE.test(text) ? text : digestOf(text);
  return LOOKALIKE.test(text) ? scrubLookalikes(text, shapes) : scrubText(text, shapes);
}

/** Characters that hide a name from the patterns: zero-width ones, and look-alikes of ASCII. */
const ZERO_WIDTH = /[\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]/;
const LOOKALIKE =
  /[\u00a0\u00ad\u0370-\u03ff\u0400-\u04ff\u1680\u180e\u2000-\u206f\u3000\uff01-\uff5e\ufeff]/;
/** Greek and Cyrillic letters that look like Latin ones. */
const HOMOGLYPHS: Record<string, string> = Object.fromEntries(
  [
    ['АВЕЅІЈКМНОРСТХУ', 'ABESIJKMHOPCTXY'],
    ['аеѕіјорсухԁһ', 'aesijopcyxdh'],
    ['ΑΒΕΖΗΙΚΜΝΟΡΤΥΧ', 'ABEZHIKMNOPTYX'],
    ['οντ', 'ovt'],
  ].flatMap(([from, to]) => [...from!].map((c, i) => [c, to![i]!])),
);

/**
 * A text holding look-alikes: scrubbed as a copy with zero-width characters removed and the rest
 * folded to ASCII (NFKC, homoglyphs), so that `PASS\u200bWORD=`, `PАSSWORD=` (Cyrillic А),
 * `password：` and `PASSWORD\u00a0=` are read as names; what is found there is digested in the
 * text as it was (each character of the copy knows where it came from).
 */
function scrubLookalikes(text: string, shapes: readonly SecretShape[]): string {
  let copy = '';
  const from: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (ZERO_WIDTH.test(c)) continue;
    let folded = HOMOGLYPHS[c] ?? c;
    if (folded === c && LOOKALIKE.test(c)) {
      const nfkc = c.normalize('NFKC');
      if (nfkc.length === 1) folded = nfkc;
    }
    copy += folded;
    from.push(i);
  }
  from.push(text.length);
  const secrets: string[] = [];
  const scrubbed = scrubText(copy, shapes, secrets);
  if (scrubbed === copy) return text;
  if (DIGEST_WHOLE.test(scrubbed) && !DIGEST_WHOLE.test(copy)) return digestOf(text);
  if (secrets.length > 64) return digestOf(text);
  // where each secret is in the copy (not inside a digest already there), and so in the text
  const digests: Span[] = [...copy.matchAll(/\[redacted sha256:[0-9a-f]{64} [0-9]{1,16} bytes\]/g)].map(
    (m) => [m.index, m.index + m[0].length],
  );
  const found: Span[] = [];
  for (const secret of secrets)
    for (let at = copy.indexOf(secret); at >= 0; at = copy.indexOf(secret, at + secret.length)) {
      if (!digests.some(([s, e]) => at < e && at + secret.length > s))
        found.push([from[at]!, from[at + secret.length - 1]! + 1]);
      if (found.length > MAX_DIGESTS) return digestOf(text);
    }
  found.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  let out = '';
  let last = 0;
  for (const [start, end] of found) {
    if (start < last) continue;
    out += text.slice(last, start) + digestOf(text.slice(start, end));
    last = end;
  }
  return out + text.slice(last);
}

/** The scrubber proper (see scrubSecrets); `secrets`, when given, receives each secret it digested. */
function scrubText(text: string, shapes: readonly SecretShape[], secrets?: string[]): string {
  const held = new Held();
  // digests already there, and whatever of the text looks like what stands for one, are held as
  // they are (runs at once: a text of them costs no more than any other). Our other characters are
  // left in place: no pattern reads them, and what stands for a digest starts with one no run ends in.
  let work = /\[redacted sha256:|\uE000[\uE002-\uE00B]/.test(text)
    ? text.replace(
        /\[redacted sha256:[0-9a-f]{64} [0-9]{1,16} bytes\]|(?:\uE000[\uE002-\uE00B]{1,12}\uE001){1,256}/g,
        (m) => held.hold(m),
      )
    : text;
  const programs = programsOf(shapes);
  if (programs.length > 0) work = applyPrograms(work, programs, held);
  for (const shape of shapes) {
    if (held.found > MAX_DIGESTS) break;
    if (shape.kind === 'pattern') work = applyPattern(work, shape, held);
  }
  if (held.texts.length === 0) return text;
  secrets?.push(...held.secrets());
  // a text made of secrets (`mysql -pX -pX -pX …`) would grow many times over: one digest instead
  if (held.found > MAX_DIGESTS || work.length + held.found * DIGEST_LENGTH > 2 * text.length + 4096)
    return digestOf(text);
  return held.restore(work);
}

/** The value under a secret-naming key, as a digest (booleans and null say nothing, and stay). */
function digestValue(value: unknown): unknown {
  if (typeof value === 'string') return DIGEST_WHOLE.test(value) ? value : digestOf(value);
  if (typeof value === 'number' || typeof value === 'bigint') return digestOf(String(value));
  if (typeof value === 'object' && value !== null) return digestOf(serialize(value));
  return value;
}

/** Nodes (values, keys) scrubbed one by one in one value; past this, subtrees become one digest. */
export const MAX_SCRUB_NODES = 10_000;
/** Characters scanned in one value (strings and keys together); past this, the same. */
export const MAX_SCRUB_CHARS = 2 * MAX_SCANNED;
/** A container over the budget with at most this many entries is entered (its parts judged one by one). */
const MAX_ENTERED = 64;

/** What is left to scrub of one value: one budget over the whole tree, so any value costs linear time. */
interface Budget {
  nodes: number;
  chars: number;
}

/** Whether a subtree fits in the budget: counted without recursion, stopping as soon as it does not. */
function fits(root: object, budget: Budget): boolean {
  let nodes = 0;
  let chars = 0;
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const value = stack.pop();
    if (++nodes > budget.nodes) return false;
    if (typeof value === 'string') chars += value.length;
    else if (Array.isArray(value)) for (const item of value as unknown[]) stack.push(item);
    else if (isRecord(value))
      for (const key in value) {
        if (!Object.hasOwn(value, key)) continue;
        nodes++;
        chars += key.length;
        stack.push(value[key]);
      }
    if (chars > budget.chars || nodes > budget.nodes) return false;
  }
  return true;
}

/** The parameter-like name a string item says (`--password` → `password`), when it names a secret. */
function secretFlag(item: unknown): boolean {
  if (typeof item !== 'string' || item.length > 130 || !item.startsWith('-')) return false;
  const name = item.replace(/^-{1,2}/, '');
  return /^[A-Za-z_][A-Za-z0-9_.-]{0,127}$/.test(name) && namesSecret(name);
}

/** `{name: "Authorization", value: …}`, `{key: "Password", value: …}`: the field holding the value. */
function pairValueKey(record: Record<string, unknown>): string | undefined {
  const keys = Object.keys(record);
  if (keys.length < 2 || keys.length > 8) return undefined;
  const nameKey = keys.find((k) => /^(?:name|key)$/i.test(k));
  const valueKey = keys.find((k) => /^value$/i.test(k));
  if (nameKey === undefined || valueKey === undefined) return undefined;
  const name = record[nameKey];
  return typeof name === 'string' && namesSecret(name) ? valueKey : undefined;
}

/**
 * A JSON value with its secrets replaced: every string scrubbed, every object key scrubbed, and the
 * value under a key that names a secret (`password`, `apiKey`, `Authorization`, …) digested, at any
 * depth; so are the pairs a structure spells out: `["Authorization", "Bearer …"]`,
 * `{name: "DB_PASSWORD", value: …}`, and an argv-like list's `"--password", "…"`.
 * One budget covers the whole value (`MAX_SCRUB_NODES` nodes, `MAX_SCRUB_CHARS` characters): a
 * subtree that does not fit what is left becomes one digest (entered instead when it has only a few
 * entries, so that a large argument does not take the whole receipt with it), as does anything below
 * `MAX_SCRUB_DEPTH` levels. So any value is scrubbed in linear time and never overflows the stack.
 */
export function scrubDeep(value: unknown): unknown {
  return scrubNode(value, 0, { nodes: MAX_SCRUB_NODES, chars: MAX_SCRUB_CHARS }, false);
}

function scrubString(text: string, budget: Budget): string {
  budget.nodes--;
  if (text.length > budget.chars) return DIGEST_WHOLE.test(text) ? text : digestOf(text);
  budget.chars -= text.length;
  return scrubSecrets(text);
}

function scrubNode(value: unknown, depth: number, budget: Budget, counted: boolean): unknown {
  if (typeof value === 'string') return scrubString(value, budget);
  if (typeof value !== 'object' || value === null) {
    budget.nodes--;
    return value;
  }
  if (!Array.isArray(value) && !isRecord(value)) return value;
  if (depth >= MAX_SCRUB_DEPTH) {
    budget.nodes--;
    return digestOf(serialize(value));
  }
  if (!counted) {
    if (fits(value, budget)) counted = true;
    else if (
      budget.nodes <= 0 ||
      (Array.isArray(value) ? value.length : Object.keys(value).length) > MAX_ENTERED
    ) {
      budget.nodes--;
      return digestOf(serialize(value));
    }
  }
  budget.nodes--;
  if (Array.isArray(value)) {
    const items: unknown[] = value;
    const out: unknown[] = new Array<unknown>(items.length);
    const pair = items.length === 2 && typeof items[0] === 'string' && namesSecret(items[0]);
    for (let i = 0; i < items.length; i++) {
      const before = items[i - 1];
      const item = items[i];
      if (
        i > 0 &&
        typeof item === 'string' &&
        ((i === 1 && pair) || secretFlag(before)) &&
        isLiteralSecret(item, '') &&
        !item.startsWith('-')
      ) {
        budget.nodes--;
        out[i] = digestValue(item);
      } else out[i] = scrubNode(item, depth + 1, budget, counted);
    }
    return out;
  }
  const record = value;
  const valueKey = pairValueKey(record);
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(record)) {
    const item = record[key];
    const secret = key === valueKey || namesSecret(key);
    const name = scrubString(key, budget);
    out[name] = secret ? (budget.nodes--, digestValue(item)) : scrubNode(item, depth + 1, budget, counted);
  }
  return out;
}

/** JSON with sorted keys, built without recursion (any depth): what a too-deep subtree's digest is of. */
function serialize(root: unknown): string {
  const out: string[] = [];
  // [value to write] or [text to write as is]
  const stack: Array<{ value: unknown } | { text: string }> = [{ value: root }];
  while (stack.length > 0) {
    const item = stack.pop()!;
    if ('text' in item) {
      out.push(item.text);
      continue;
    }
    const value = item.value;
    if (typeof value === 'string') out.push(JSON.stringify(value));
    else if (typeof value === 'number') out.push(Number.isFinite(value) ? JSON.stringify(value) : 'null');
    else if (typeof value === 'boolean') out.push(value ? 'true' : 'false');
    else if (typeof value === 'bigint') out.push(value.toString());
    else if (Array.isArray(value)) {
      const items: unknown[] = value;
      // a list of strings, numbers, booleans and nulls at once: JSON writes them the same way
      if (items.every((i) => i === null || ['string', 'number', 'boolean'].includes(typeof i))) {
        out.push(JSON.stringify(items));
        continue;
      }
      out.push('[');
      stack.push({ text: ']' });
      for (let i = items.length - 1; i >= 0; i--) {
        stack.push({ value: items[i] });
        if (i > 0) stack.push({ text: ',' });
      }
    } else if (isRecord(value)) {
      const keys = Object.keys(value)
        .filter((k) => value[k] !== undefined)
        .sort();
      out.push('{');
      stack.push({ text: '}' });
      for (let i = keys.length - 1; i >= 0; i--) {
        stack.push({ value: value[keys[i]!] });
        stack.push({ text: `${i > 0 ? ',' : ''}${JSON.stringify(keys[i])}:` });
      }
    } else out.push('null');
  }
  return out.join('');
}
