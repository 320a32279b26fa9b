/**
 * JSON Schema of `.github/floodgate.yml`, published as `floodgate.schema.json` at the repository
 * root (`pnpm build` writes it) so editors can complete and check the file. Every section is
 * optional: what a file leaves out comes from the defaults.
 */
const stringList = (description: string) => ({
  type: 'array',
  items: { type: 'string', minLength: 1 },
  description,
});
const tierEnum = { enum: ['low', 'medium', 'high', 'critical'] };
const severityEnum = { enum: ['low', 'medium', 'high', 'critical'] };
const percent = (description: string) => ({ type: 'number', minimum: 0, maximum: 100, description });
const optionalPercent = (description: string) => ({
  type: ['number', 'null'],
  minimum: 0,
  maximum: 100,
  description: `${description} (null: off)`,
});
const ratio = (description: string) => ({ type: 'number', minimum: 0, description });
const duration = {
  description: "a duration: minutes as a number, or '90s', '60m', '2h'",
  anyOf: [
    { type: 'integer', minimum: 0 },
    { type: 'string', pattern: '^\\d+(\\.\\d+)?\\s*(s|m|h|d)?$' },
  ],
};

const factor = {
  type: 'object',
  additionalProperties: false,
  description:
    'A risk factor. Built-in factors can be tuned by naming them (only the keys you change); new factors need a kind.',
  properties: {
    kind: {
      enum: [
        'paths',
        'content',
        'lines-changed',
        'files-changed',
        'coverage',
        'findings',
        'ai-generated',
        'policy-change',
        'incomplete-diff',
        'judging-files',
        'dependencies',
      ],
      description: 'What the factor looks at',
    },
    score: {
      type: 'integer',
      minimum: -100,
      maximum: 100,
      description: 'Points added when the factor fires',
    },
    description: { type: 'string', minLength: 1, description: 'Shown as the reason when the factor fires' },
    'applies-to': {
      enum: ['all', 'ai', 'human'],
      description: 'Judge only AI-generated, only human, or all PRs',
    },
    enabled: { type: 'boolean' },
    paths: stringList(
      'paths: globs of changed files (minimatch, dot files included, a leading ! excludes); content: restrict to these files',
    ),
    pattern: {
      type: 'string',
      minLength: 1,
      description:
        'content: pattern tested on each added line, in RE2 syntax (no backreferences or lookaround) and matched in linear time; one RE2 cannot run is rejected when the policy loads, at its file:line:col',
    },
    flags: {
      type: 'string',
      pattern: '^[imsu]*$',
      description:
        'content: pattern flags: i ignores case, m makes ^ and $ match at line breaks, s lets . match a line break (u changes nothing)',
    },
    above: {
      type: 'integer',
      minimum: 0,
      description: 'lines-changed / files-changed: fires above this count',
    },
    below: percent('coverage: fires when line coverage is below this percentage'),
    'min-severity': { ...severityEnum, description: 'findings: lowest severity that counts' },
    change: {
      enum: ['major', 'minor', 'patch', 'added', 'removed', 'lockfile-only'],
      description:
        'dependencies: which change it scores (major also covers changes no version number bounds, e.g. a git ref)',
    },
    'except-authors': stringList('dependencies: author logins it does not judge, e.g. "dependabot[bot]"'),
  },
};

const tier = {
  type: 'object',
  additionalProperties: false,
  properties: {
    'min-score': { type: 'integer', description: 'Lowest score of this tier' },
    labels: stringList('Labels put on PRs of this tier (created if missing, removed when the tier changes)'),
    'label-color': { type: 'string', pattern: '^[0-9a-fA-F]{6}$', description: 'Color of created labels' },
    reviewers: {
      type: 'object',
      additionalProperties: false,
      properties: {
        count: { type: 'integer', minimum: 0, description: 'How many of `users` to request' },
        users: stringList('Candidate reviewers (logins); never the author'),
        teams: stringList('Team slugs to request'),
      },
    },
    qa: { enum: ['quick', 'standard', 'thorough', 'exhaustive'], description: 'QA strategy for this tier' },
    'requires-human': { type: 'boolean', description: 'PRs of this tier need a human review' },
  },
};

export const policySchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://floodgate.dev/floodgate.schema.json',
  title: 'Floodgate policy (.github/floodgate.yml)',
  type: 'object',
  additionalProperties: false,
  required: ['version'],
  properties: {
    version: { const: 1, description: 'Policy format version' },
    mode: {
      enum: ['observe', 'enforce'],
      description: 'observe: decide and report, never label, request, block or merge',
    },
    ai: {
      type: 'object',
      additionalProperties: false,
      description: 'How AI-generated PRs are recognised (any match counts)',
      properties: {
        authors: stringList('Author login globs, e.g. "*[bot]"'),
        labels: stringList('PR labels'),
        trailers: stringList('Globs matched against commit trailer lines, e.g. "Co-authored-by: *Claude*"'),
        requesters: {
          type: 'array',
          description:
            "Per agent, where its PRs name who asked for them (that person's approval does not count and they are not asked to review); assignees, 'Requested by @x' and noreply Co-authored-by trailers are always read",
          items: {
            type: 'object',
            additionalProperties: false,
            required: ['agents'],
            properties: {
              agents: stringList('Author login globs of the agent, e.g. "cursor[bot]"'),
              body: stringList('RE2 patterns with one capture group, the login, searched in the PR body'),
            },
          },
        },
      },
    },
    risk: {
      type: 'object',
      additionalProperties: false,
      properties: {
        factors: {
          type: 'object',
          description: 'Risk factors by name; scores add up',
          propertyNames: { pattern: '^[a-z0-9][a-z0-9-]*$' },
          additionalProperties: factor,
        },
        tiers: {
          type: 'object',
          additionalProperties: false,
          properties: { low: tier, medium: tier, high: tier, critical: tier },
        },
        overrides: {
          type: 'array',
          description: 'Adjustments for particular authors or teams',
          items: {
            type: 'object',
            additionalProperties: false,
            properties: {
              authors: stringList('Author login globs'),
              teams: stringList('org/team-slug the author belongs to'),
              score: { type: 'integer', minimum: -100, maximum: 100 },
              'min-tier': tierEnum,
              'max-tier': tierEnum,
              description: { type: 'string' },
            },
          },
        },
      },
    },
    coverage: {
      type: 'object',
      additionalProperties: false,
      properties: {
        minimum: percent('Total line coverage below this fails'),
        'patch-minimum': percent('Coverage of changed lines below this fails'),
        'patch-review-below': percent('Coverage of changed lines below this asks for review'),
        'allowed-drop': {
          type: 'number',
          minimum: 0,
          description: 'Points the total may drop vs base before review',
        },
        unmeasured: {
          enum: ['review', 'fail', 'ignore'],
          description:
            'What a changed code file with added lines that no report measures means: review (default), fail, or ignore (files excluded knowingly)',
        },
        'exclusion-comments': {
          enum: ['review', 'fail', 'ignore'],
          description:
            'What a coverage-exclusion comment added to code (istanbul ignore, pragma: no cover, LCOV_EXCL_LINE, @Generated, ...) means: review (default), fail, or ignore',
        },
        ignore: stringList(
          'Globs of files left out of coverage (totals, patch, components), as Codecov ignore: code not measured on purpose',
        ),
        components: {
          type: 'array',
          items: {
            type: 'object',
            additionalProperties: false,
            required: ['name', 'paths'],
            properties: {
              name: { type: 'string', minLength: 1 },
              paths: stringList('Globs of the files of this component'),
              minimum: optionalPercent('Component line coverage below this fails'),
              'patch-minimum': optionalPercent('Component patch coverage below this fails'),
            },
          },
        },
      },
    },
    perf: {
      type: 'object',
      additionalProperties: false,
      properties: {
        'review-threshold': ratio(
          'Relative slowdown a change must confidently pass to ask for review: its one-sided 95% lower bound above it (0.01 = 1%)',
        ),
        'fail-threshold': ratio('Relative slowdown that fails (0.10 = 10%)'),
        'error-rate-fail-points': {
          type: 'number',
          minimum: 0,
          description: 'Error-rate increase that fails, in points',
        },
        alpha: { type: 'number', exclusiveMinimum: 0, maximum: 0.5, description: 'Significance level' },
        correction: {
          enum: ['benjamini-hochberg', 'holm', 'none'],
          description: 'Multiple-comparison correction',
        },
        metrics: {
          type: 'array',
          description: 'Per-metric rules for metrics whose name matches a glob; later entries win',
          items: {
            type: 'object',
            additionalProperties: false,
            required: ['metric'],
            properties: {
              metric: {
                type: 'string',
                minLength: 1,
                description:
                  'Glob on the metric name, e.g. "BenchmarkParse*": the path globs\' dialect (a leading ! excludes), but / is an ordinary character that * matches',
              },
              direction: { enum: ['smaller', 'bigger'], description: 'Which way is better' },
              'fail-threshold': ratio('Relative change that fails'),
              'review-threshold': ratio(
                'Relative change a change must confidently pass to ask for review: its one-sided 95% lower bound above it',
              ),
              gate: { type: 'boolean', description: 'false: report only' },
              paths: stringList(
                'Globs of the files the benchmark measures: it gates only pull requests that change one of them, otherwise it is reported as informational',
              ),
            },
          },
        },
        slos: {
          type: 'array',
          description: 'Absolute limits, like k6 thresholds',
          items: {
            type: 'object',
            additionalProperties: false,
            required: ['metric'],
            properties: {
              metric: { type: 'string', minLength: 1 },
              stat: { type: 'string', description: 'e.g. p(95), avg, rate' },
              below: { type: 'number' },
              above: { type: 'number' },
            },
          },
        },
      },
    },
    merge: {
      type: 'object',
      additionalProperties: false,
      properties: {
        'auto-merge': { enum: ['all', 'ai', 'none'], description: 'Whose PRs may merge without a human' },
        forks: {
          enum: ['never', 'after-approval'],
          description: 'Fork PRs: never merged automatically, or only after a writer approves the exact head',
        },
        method: { enum: ['squash', 'merge', 'rebase'] },
        'delete-branch': { type: 'boolean' },
        wait: duration,
        'block-severity': { ...severityEnum, description: 'Findings at or above this severity block' },
        'review-severity': {
          ...severityEnum,
          description: 'Findings at or above this severity ask for review',
        },
        'min-ai-confidence': { type: 'number', minimum: 0, maximum: 1 },
        'max-lines-changed': { type: 'integer', minimum: 0 },
        'review-paths': stringList('Changed files matching these globs ask for review'),
        'review-tiers': { type: 'array', items: tierEnum },
        'perf-review-above': ratio('Perf regression above this asks for review'),
        'review-on-coverage-drop': { type: 'boolean' },
        'required-checks': stringList('Check runs / statuses that must succeed'),
        'pending-label': { type: 'string', minLength: 1 },
        'trusted-apps': stringList(
          'Apps (slugs) whose check runs count, e.g. github-actions; others are ignored',
        ),
        'trusted-status-logins': stringList(
          'Logins whose commit statuses (other than floodgate/*) count, e.g. github-actions[bot]',
        ),
        'deep-dive-rate': {
          type: 'number',
          minimum: 0,
          maximum: 1,
          description:
            'Share of PRs that would merge automatically sent to a person anyway (0.05 = 5%), drawn from the head SHA; 0: off',
        },
        'max-open-reviews': {
          type: 'integer',
          minimum: 0,
          description: 'Reviewers with this many open review requests are skipped when routing (0: no limit)',
        },
      },
    },
  },
} as const;
