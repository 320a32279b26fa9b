import { globProblem } from '../shared/glob/validate.js';
import { isRecord } from '../shared/json/reader.js';
import { section, writtenMetricGlobs, writtenPathGlobs } from './path-globs.js';
import { linearPatternProblem } from '../shared/text/linear-pattern.js';
import { requesterPatternProblem } from './review/requesters.js';
import { defaultPolicy } from './defaults.js';
import { parseDurationMinutes } from './duration.js';
import {
  SEVERITIES,
  TIERS,
  type FactorKind,
  type Policy,
  type RiskFactorRule,
  type RiskOverride,
  type Tier,
  type TierRoute,
} from './types.js';
import type { PathSegment } from './yaml-positions.js';

export type Fail = (path: PathSegment[], problem: string, atKey?: boolean) => never;
type Raw = Record<string, unknown>;

const COMMON_KEYS = ['kind', 'score', 'description', 'applies-to', 'enabled'];
const KIND_KEYS: Record<FactorKind, { allowed: string[]; required: string[] }> = {
  paths: { allowed: ['paths'], required: ['paths'] },
  content: { allowed: ['pattern', 'flags', 'paths'], required: ['pattern'] },
  'lines-changed': { allowed: ['above'], required: ['above'] },
  'files-changed': { allowed: ['above'], required: ['above'] },
  coverage: { allowed: ['below'], required: ['below'] },
  findings: { allowed: ['min-severity'], required: ['min-severity'] },
  'ai-generated': { allowed: [], required: [] },
  'policy-change': { allowed: [], required: [] },
  'incomplete-diff': { allowed: [], required: [] },
  'judging-files': { allowed: [], required: [] },
  dependencies: { allowed: ['change', 'except-authors'], required: ['change'] },
};

function mergeFactor(name: string, raw: Raw, base: RiskFactorRule | undefined, fail: Fail): RiskFactorRule {
  const path = ['risk', 'factors', name];
  const kind = (raw.kind as FactorKind | undefined) ?? base?.kind;
  if (!kind) {
    fail(
      path,
      `factor '${name}' is not a built-in factor, so it needs a 'kind' (${Object.keys(KIND_KEYS).join(', ')})`,
      true,
    );
  }
  const inherits = base !== undefined && base.kind === kind;
  const rules = KIND_KEYS[kind];
  for (const key of Object.keys(raw)) {
    if (!COMMON_KEYS.includes(key) && !rules.allowed.includes(key)) {
      fail(
        [...path, key],
        `'${key}' does not apply to a factor of kind '${kind}' (it takes: ${[...COMMON_KEYS, ...rules.allowed].join(', ')})`,
        true,
      );
    }
  }
  const merged: Raw = inherits
    ? { ...base, ...raw }
    : {
        'applies-to': 'all',
        enabled: true,
        description: name,
        flags: '',
        paths: [],
        ...(kind === 'dependencies' ? { 'except-authors': [] } : {}),
        ...raw,
      };
  if (!inherits) merged.kind = kind;
  for (const key of rules.required) {
    if (merged[key] === undefined) fail(path, `factor '${name}' of kind '${kind}' needs '${key}'`, true);
  }
  if (merged.score === undefined) fail(path, `factor '${name}' needs a 'score'`, true);
  if (kind === 'content') {
    const problem = linearPatternProblem(String(merged.pattern), String(merged.flags ?? ''));
    if (problem) {
      const where = raw.flags !== undefined && problem.startsWith('flag ') ? 'flags' : 'pattern';
      fail([...path, where], `expected a pattern the linear-time engine can run: ${problem}`);
    }
  }
  return merged as unknown as RiskFactorRule;
}

function mergeTiers(raw: Raw, fail: Fail): Record<Tier, TierRoute> {
  const defaults = defaultPolicy().risk.tiers;
  const tiers = {} as Record<Tier, TierRoute>;
  for (const tier of TIERS) {
    const given = section(raw, tier);
    tiers[tier] = {
      ...defaults[tier],
      ...given,
      reviewers: { ...defaults[tier].reviewers, ...section(given, 'reviewers') },
    } as TierRoute;
  }
  for (let i = 1; i < TIERS.length; i++) {
    const lower = TIERS[i - 1] as Tier;
    const tier = TIERS[i] as Tier;
    if (tiers[tier]['min-score'] <= tiers[lower]['min-score']) {
      fail(
        ['risk', 'tiers', tier, 'min-score'],
        `expected tier '${tier}' to start above tier '${lower}' (min-score ${tiers[lower]['min-score']}), found ${tiers[tier]['min-score']}`,
      );
    }
  }
  return tiers;
}

function mergeOverrides(raw: unknown, fail: Fail): RiskOverride[] {
  if (!Array.isArray(raw)) return [];
  return raw.map((item: Raw, index) => {
    const override: RiskOverride = {
      authors: [],
      teams: [],
      score: 0,
      description: 'Author override',
      ...item,
    };
    if (override.authors.length === 0 && override.teams.length === 0) {
      fail(
        ['risk', 'overrides', index],
        'an override needs `authors` or `teams` to say whose PRs it adjusts',
      );
    }
    const min = override['min-tier'];
    const max = override['max-tier'];
    if (min && max && TIERS.indexOf(min) > TIERS.indexOf(max)) {
      fail(
        ['risk', 'overrides', index, 'max-tier'],
        `expected max-tier at or above min-tier '${min}', found '${max}'`,
      );
    }
    return override;
  });
}

/** Applies a schema-valid file over the defaults and checks what a schema cannot express. */
export function checkPolicy(data: Raw, fail: Fail): Policy {
  for (const { path, glob } of writtenPathGlobs(data)) {
    const problem = typeof glob === 'string' ? globProblem(glob) : undefined;
    if (problem) fail(path, `expected a glob that can match a changed file: ${problem}`);
  }
  for (const { path, glob } of writtenMetricGlobs(data)) {
    const problem = typeof glob === 'string' ? globProblem(glob, 'name') : undefined;
    if (problem) fail(path, `expected a glob that can match a metric name: ${problem}`);
  }
  const defaults = defaultPolicy();
  const risk = section(data, 'risk');
  const factors: Record<string, RiskFactorRule> = { ...defaults.risk.factors };
  for (const [name, raw] of Object.entries(section(risk, 'factors'))) {
    factors[name] = mergeFactor(name, isRecord(raw) ? raw : {}, defaults.risk.factors[name], fail);
  }
  const merge = { ...defaults.merge, ...section(data, 'merge') } as Raw;
  const wait = parseDurationMinutes(merge.wait as string | number);
  if (wait === undefined)
    fail(['merge', 'wait'], `expected a duration such as '60m', found '${String(merge.wait)}'`);
  merge.wait = wait;
  const review = SEVERITIES.indexOf(merge['review-severity'] as Policy['merge']['review-severity']);
  const block = SEVERITIES.indexOf(merge['block-severity'] as Policy['merge']['block-severity']);
  if (review > block) {
    fail(
      ['merge', 'review-severity'],
      `expected review-severity at or below block-severity '${String(merge['block-severity'])}'`,
    );
  }
  const perf = { ...defaults.perf, ...section(data, 'perf') } as Policy['perf'];
  perf.metrics.forEach((rule, index) => {
    if (
      (rule['review-threshold'] ?? perf['review-threshold']) >
      (rule['fail-threshold'] ?? perf['fail-threshold'])
    ) {
      fail(
        ['perf', 'metrics', index, 'review-threshold'],
        'expected review-threshold at or below fail-threshold',
      );
    }
  });
  perf.slos.forEach((slo, index) => {
    if (slo.below === undefined && slo.above === undefined)
      fail(['perf', 'slos', index], "an SLO needs 'below' or 'above'");
  });
  if (perf['review-threshold'] > perf['fail-threshold']) {
    fail(
      ['perf', 'review-threshold'],
      `expected review-threshold at or below fail-threshold (${perf['fail-threshold']})`,
    );
  }
  const ai = { ...defaults.ai, ...section(data, 'ai') } as Policy['ai'];
  ai.requesters = ai.requesters.map((rule, index) => {
    rule.body?.forEach((source, at) => {
      const problem = requesterPatternProblem(source);
      if (problem) fail(['ai', 'requesters', index, 'body', at], problem);
    });
    return { agents: rule.agents, body: rule.body ?? [] };
  });
  return {
    version: 1,
    mode: (data.mode as Policy['mode'] | undefined) ?? defaults.mode,
    ai,
    risk: {
      factors,
      tiers: mergeTiers(section(risk, 'tiers'), fail),
      overrides: mergeOverrides(risk.overrides, fail),
    },
    coverage: { ...defaults.coverage, ...section(data, 'coverage') } as Policy['coverage'],
    perf,
    merge: merge as unknown as Policy['merge'],
  };
}
