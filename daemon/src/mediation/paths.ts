/**
 * Sensitive-path classes, shared by `fs/*` actions and the files shell commands touch. Pure.
 */
import { globMatch, globNames, globsOverlap, hasGlob } from '../protocol/paths.js';

/** Environment variables whose values are secrets, by name (`GITHUB_TOKEN`, `AWS_SECRET_ACCESS_KEY`). */
export const SECRET_VARIABLE =
  /(TOKEN|SECRET|PASS(WORD|WD)?|CREDENTIAL|API_?KEY|PRIVATE|AUTH|COOKIE|SESSION|ACCESS_?KEY)/i;

const SECRET_CLASSES = ['ssh', 'cloud-credentials', 'credentials', 'secret-file', 'environment'] as const;
/** Classes whose content is a secret or credential (R2 data classification). */
export const SECRET_PATH_CLASSES: readonly string[] = SECRET_CLASSES;
/** Classes where a write makes something run later or loosens a guard (persistence). */
export const PERSISTENCE_PATH_CLASSES: readonly string[] = [
  'shell-rc',
  'git-hooks',
  'git-config',
  'ci-config',
  'agent-settings',
  'autostart',
  'tool-config',
];

type Rule = [cls: string, patterns: (home: string) => string[]];

const RULES: Rule[] = [
  [
    'ssh',
    (h) => [
      `${h}/.ssh/**`,
      '/etc/ssh/ssh_host_*',
      '**/id_rsa*',
      '**/id_ed25519*',
      '**/id_ecdsa*',
      '**/id_dsa*',
    ],
  ],
  [
    'cloud-credentials',
    (h) => [
      `${h}/.aws/**`,
      `${h}/.config/gcloud/**`,
      `${h}/.azure/**`,
      `${h}/.kube/**`,
      `${h}/.docker/config.json`,
      `${h}/.oci/**`,
      `${h}/.terraform.d/credentials*`,
    ],
  ],
  [
    'credentials',
    (h) => [
      `${h}/.netrc`,
      `${h}/.git-credentials`,
      `${h}/.npmrc`,
      `${h}/.pypirc`,
      `${h}/.config/gh/**`,
      `${h}/.gnupg/**`,
      `${h}/.password-store/**`,
      `${h}/.local/share/keyrings/**`,
      '/etc/shadow',
      '/etc/gshadow',
      '/etc/sudoers',
      '/etc/sudoers.d/**',
      `${h}/.cargo/credentials*`,
      `${h}/.config/hub`,
    ],
  ],
  [
    'secret-file',
    () => [
      '**/.env',
      '**/.env.*',
      '**/*.pem',
      '**/*.key',
      '**/*.p12',
      '**/*.pfx',
      '**/*.keystore',
      '**/secrets.*',
      '**/.secrets/**',
      '**/credentials.json',
      '**/service-account*.json',
    ],
  ],
  // the environment, and what other processes hold: their environments, open files and memory
  [
    'environment',
    () => [
      'env:environment',
      '/proc/*/environ',
      '/proc/self/environ',
      '/proc/*/task/*/environ',
      '/proc/*/fd/**',
      '/proc/*/map_files/**',
      '/proc/*/mem',
    ],
  ],
  [
    'shell-rc',
    (h) =>
      [
        '.bashrc',
        '.bash_profile',
        '.bash_login',
        '.profile',
        '.zshrc',
        '.zshenv',
        '.zprofile',
        '.zlogin',
        '.cshrc',
        '.tcshrc',
        '.config/fish/config.fish',
        '.inputrc',
      ]
        .map((f) => `${h}/${f}`)
        .concat(['/etc/profile', '/etc/profile.d/**', '/etc/bash.bashrc', '/etc/zsh/**', '/etc/environment']),
  ],
  [
    'git-hooks',
    () => [
      '**/.git/hooks/**',
      '**/.git/modules/**/hooks/**',
      '**/.husky/**',
      '**/.githooks/**',
      '**/.pre-commit-config.yaml',
      '**/lefthook.yml',
      '**/.lefthook.yml',
    ],
  ],
  [
    'git-config',
    (h) => [
      '**/.git/config',
      '**/.git/modules/**/config',
      '**/.git/info/attributes',
      '**/.git/info/**',
      // files that point git at other configuration or objects
      '**/.git/config.worktree',
      '**/.git/commondir',
      '**/.git/objects/info/alternates',
      '**/.git/worktrees/**',
      // git's older remote definitions: `git push NAME` goes where `remotes/NAME` or `branches/NAME` says
      '**/.git/remotes/**',
      '**/.git/branches/**',
      // a `.git` file (`gitdir: …`) makes a folder a repository configured elsewhere
      '**/.git',
      // other version control systems' configuration: hooks, aliases, extensions
      '**/.hg/hgrc',
      `${h}/.hgrc`,
      `${h}/.subversion/**`,
      '**/.jj/repo/config.toml',
      `${h}/.config/jj/**`,
      '**/_darcs/prefs/**',
      `${h}/.gitconfig`,
      `${h}/.config/git/**`,
      '**/.gitattributes',
      '**/.gitmodules',
    ],
  ],
  [
    'ci-config',
    () => [
      '**/.github/workflows/**',
      '**/.github/actions/**',
      '**/.gitlab-ci.yml',
      '**/.circleci/**',
      '**/Jenkinsfile',
      '**/.travis.yml',
      '**/azure-pipelines.yml',
      '**/.buildkite/**',
      '**/bitbucket-pipelines.yml',
    ],
  ],
  [
    'agent-settings',
    (h) => [
      '**/.claude/settings*.json',
      `${h}/.claude/**`,
      '**/.cursor/**',
      `${h}/.codex/**`,
      '**/.codex/**',
      '**/.mcp.json',
      '**/.vscode/settings.json',
      '**/.vscode/tasks.json',
      '**/.vscode/launch.json',
      // VS Code's MCP servers (each a command it starts) and a workspace file's settings
      // (`chat.useHooks: false` turns aarm's hooks off when the workspace is opened from it)
      '**/.vscode/mcp.json',
      '**/*.code-workspace',
      `${h}/.config/Code/User/**`,
      '**/.continue/**',
      '**/.aider*',
      `${h}/.gemini/**`,
      '**/.clinerules',
      '**/.clinerules/**',
      '**/.claude/**',
      '**/.gemini/**',
      '**/.windsurf/**',
      '**/.windsurfrules',
      '**/.roo/**',
      '**/.kiro/**',
      '**/.amazonq/**',
      '**/.github/copilot-instructions.md',
      '**/.github/instructions/**',
      '**/.github/prompts/**',
      // VS Code agent mode's hook files (a hook runs its command unjudged, or aarm's is taken out),
      // custom agents (their frontmatter may hold hooks) and skills; Copilot's user folder holds
      // the same for every workspace
      '**/.github/hooks/**',
      '**/.github/agents/**',
      '**/.github/skills/**',
      `${h}/.copilot/**`,
      `${h}/.local/share/code-server/User/**`,
      // remote and code-server machine settings apply like the user's (`chat.useHooks`)
      `${h}/.local/share/code-server/Machine/**`,
      `${h}/.vscode-server/data/User/**`,
      `${h}/.vscode-server/data/Machine/**`,
      '**/AGENTS.md',
      '**/CLAUDE.md',
      '**/GEMINI.md',
      '**/.cursorrules',
      '**/.devcontainer/**',
      '**/.devcontainer.json',
      '**/.envrc',
      '**/.vscode/extensions.json',
      '**/.idea/workspace.xml',
      `${h}/.config/Code*/User/**`,
      `${h}/.config/Cursor/User/**`,
      `${h}/Library/Application Support/Code*/User/**`,
    ],
  ],
  [
    // Settings of build tools that name programs they run (npm's script-shell, cargo runners …).
    'tool-config',
    () => [
      '**/.npmrc',
      '**/.yarnrc',
      '**/.yarnrc.yml',
      '**/bunfig.toml',
      '**/.cargo/config',
      '**/.cargo/config.toml',
      '**/pip.conf',
      '**/.bazelrc',
      '**/.mvn/jvm.config',
      '**/.mvn/maven.config',
      '**/.pnpmfile.cjs',
    ],
  ],
  [
    'autostart',
    (h) => [
      `${h}/.config/systemd/**`,
      `${h}/.config/autostart/**`,
      `${h}/Library/LaunchAgents/**`,
      '/Library/LaunchAgents/**',
      '/Library/LaunchDaemons/**',
      '/etc/cron*',
      '/etc/cron*/**',
      '/var/spool/cron/**',
      '/etc/systemd/**',
      '/etc/init.d/**',
      '/etc/rc.local',
      `${h}/.config/upstart/**`,
    ],
  ],
  [
    // the system's account lists: not secret, but a copy of them is reconnaissance
    'accounts',
    () => [
      '/etc/passwd',
      '/etc/group',
      '/etc/master.passwd',
      '/etc/subuid',
      '/etc/subgid',
      '/etc/login.defs',
    ],
  ],
  [
    'system',
    () => [
      '/etc/**',
      '/usr/**',
      '/bin/**',
      '/sbin/**',
      '/boot/**',
      '/lib/**',
      '/lib64/**',
      '/opt/**',
      '/var/lib/**',
      '/sys/**',
      '/dev/sd*',
      '/dev/nvme*',
    ],
  ],
];

const compiled = new Map<string, Array<[string, string[]]>>();

const cache = new Map<string, string[]>();

/**
 * Every sensitive class `path` belongs to: a glob path (`~/.a?s/*`) belongs to the classes its
 * matches could; `dir/**` to those of what lies below dir. With `caseInsensitive`, `.GIT` is `.git`.
 */
export function pathClasses(path: string, home: string, caseInsensitive = false): string[] {
  const key = `${caseInsensitive ? 'i' : ''}${home}\0${path}`;
  let classes = cache.get(key);
  if (classes === undefined) {
    classes = caseInsensitive
      ? computeClasses(path.toLowerCase(), home.toLowerCase())
      : computeClasses(path, home);
    if (cache.size >= 10_000) cache.clear();
    cache.set(key, classes);
  }
  return classes;
}

function computeClasses(path: string, home: string): string[] {
  let rules = compiled.get(home);
  if (rules === undefined) {
    rules = RULES.map(([cls, patterns]) => [cls, patterns(home)]);
    compiled.set(home, rules);
  }
  const recursive = path.endsWith('/**');
  const base = recursive ? path.slice(0, -3) : path;
  const glob = hasGlob(base);
  // Templates committed next to the real thing (`.env.example`) hold no secrets.
  const template = /\/\.env\.(example|sample|template|dist|defaults?|schema)$/i.test(base);
  return rules
    .filter(([cls]) => !(template && cls === 'secret-file'))
    .filter(([, patterns]) =>
      patterns.some((pattern) => {
        if (!glob)
          return (
            globMatch(base, pattern) ||
            (recursive && (isAncestorOfPattern(path, pattern) || holdsNamedPlace(base, pattern)))
          );
        // A place (`~/.aws/**`): any glob that can reach it (`~/.a?s/*`).
        if (!pattern.startsWith('**/')) return globsOverlap(path, pattern, { dotRuleA: true });
        // A name anywhere (`**/.env`, `**/*.pem`): a glob that names it (`.e*`, `*.pem`), not one
        // that lists files by another extension (`src/*.ts` is not `secrets.*`).
        return globNames(base, pattern);
      }),
    )
    .map(([cls]) => cls);
}

/**
 * `dir/**` where dir is itself a place that a name-anywhere pattern covers (a `.claude` folder, a
 * `.git/hooks` folder, wherever they are): what lies directly below dir is in it. (A `dir/**` whose
 * content is not known, like the workspace's, is not.)
 */
function holdsNamedPlace(base: string, pattern: string): boolean {
  return pattern.startsWith('**/') && pattern.endsWith('/**') && globMatch(`${base}/x`, pattern);
}

/** `rm -rf ~/.ssh/..` style deletes and `dir/**` effects cover what is below them. */
function isAncestorOfPattern(path: string, pattern: string): boolean {
  if (!path.endsWith('/**')) return false;
  const dir = path.slice(0, -3);
  const literal = pattern.split(/[*?[]/)[0] ?? '';
  return literal.startsWith(`${dir}/`) || dir === '' || literal === `${dir}/`;
}
