import { InvalidFileError } from '../errors.js';
import {
  describeJsonPath,
  isRecord as isObject,
  locateJson,
  parseJson,
  type JsonPath,
} from '../json/index.js';
import { severityFromLevel, severityFromScore } from './severity.js';
import type { Finding } from './types.js';

type Json = Record<string, unknown>;

interface Rule {
  id?: string;
  properties?: Json;
  defaultConfiguration?: { level?: string };
}

function ruleOf(run: Json, result: Json): Rule | undefined {
  const driver = isObject(run.tool) && isObject(run.tool.driver) ? run.tool.driver : {};
  const rules = Array.isArray(driver.rules) ? (driver.rules as Rule[]) : [];
  const ruleRef = isObject(result.rule) ? result.rule : {};
  const index = typeof result.ruleIndex === 'number' ? result.ruleIndex : ruleRef.index;
  if (typeof index === 'number' && rules[index]) return rules[index];
  const id = result.ruleId ?? ruleRef.id;
  return rules.find((rule) => rule.id === id);
}

function scoreOf(properties: unknown): number | undefined {
  if (!isObject(properties)) return undefined;
  const raw = properties['security-severity'];
  if (raw === undefined) return undefined;
  const score = typeof raw === 'number' ? raw : Number(raw);
  return Number.isFinite(score) ? score : NaN;
}

export interface SarifOptions {
  /** the checkout's absolute path: absolute URIs under it become repository-relative */
  root?: string;
}

function relativeUri(uri: string, root: string | undefined, fail: (expected: string) => never): string {
  let decoded: string;
  try {
    decoded = decodeURIComponent(uri.replace(/^file:\/\//, ''));
  } catch {
    return fail(`a percent-encoded artifactLocation.uri, found '${uri.slice(0, 200)}'`);
  }
  let path = decoded.replace(/\\/g, '/');
  if (root) {
    const prefix = root.replace(/\\/g, '/').replace(/\/?$/, '/');
    if (path.startsWith(prefix)) path = path.slice(prefix.length);
  }
  return path.replace(/^\.\//, '');
}

function locationOf(
  result: Json,
  root: string | undefined,
  fail: (expected: string) => never,
): { file?: string; line?: number } {
  const location = Array.isArray(result.locations) ? result.locations[0] : undefined;
  const physical =
    isObject(location) && isObject(location.physicalLocation) ? location.physicalLocation : undefined;
  const artifact = physical && isObject(physical.artifactLocation) ? physical.artifactLocation : undefined;
  const region = physical && isObject(physical.region) ? physical.region : undefined;
  const uri = typeof artifact?.uri === 'string' ? relativeUri(artifact.uri, root, fail) : undefined;
  const line = typeof region?.startLine === 'number' ? region.startLine : undefined;
  return { ...(uri ? { file: uri } : {}), ...(line ? { line } : {}) };
}

/**
 * Reads the results of a SARIF 2.1.0 log that count as findings: `kind` "fail" (the default),
 * not suppressed outside the source, not absent from the current baseline. Severity follows GitHub code scanning:
 * the `security-severity` property (of the result or its rule) when present, else the level.
 */
export function parseSarif(text: string, file: string, options: SarifOptions = {}): Finding[] {
  const log = parseJson(text, file);
  const fail = (path: JsonPath, expected: string): never => {
    throw new InvalidFileError(
      locateJson(text, file, path),
      `expected ${expected} at ${describeJsonPath(path)}`,
    );
  };
  if (!isObject(log)) fail([], 'a SARIF log object');
  const root = log as Json;
  if (!Array.isArray(root.runs)) fail(['runs'], "a 'runs' array (is this a SARIF file?)");
  const findings: Finding[] = [];
  (root.runs as unknown[]).forEach((run, runIndex) => {
    if (!isObject(run)) fail(['runs', runIndex], 'a run object');
    const runObject = run as Json;
    const driver =
      isObject(runObject.tool) && isObject(runObject.tool.driver) ? runObject.tool.driver : undefined;
    if (!driver || typeof driver.name !== 'string') fail(['runs', runIndex, 'tool'], "'tool.driver.name'");
    const tool = (driver as Json).name as string;
    if (runObject.results === undefined || runObject.results === null) return;
    if (!Array.isArray(runObject.results)) fail(['runs', runIndex, 'results'], 'a results array');
    (runObject.results as unknown[]).forEach((result, resultIndex) => {
      const path = ['runs', runIndex, 'results', resultIndex];
      if (!isObject(result)) fail(path, 'a result object');
      const item = result as Json;
      if ((item.kind ?? 'fail') !== 'fail') return;
      if (item.baselineState === 'absent') return;
      const suppressions = (Array.isArray(item.suppressions) ? (item.suppressions as unknown[]) : []).filter(
        isObject,
      );
      const accepted = suppressions.filter((s) => (s.status ?? 'accepted') === 'accepted');
      // A suppression written in the source (a `// nosemgrep`, `# noqa`, `@SuppressWarnings`) is
      // something the PR itself can add: it is reported, never allowed to hide the finding. Only
      // suppressions kept outside the code (dismissals in the scanning service) drop it.
      if (accepted.some((s) => s.kind !== 'inSource')) return;
      const suppressedInSource = accepted.length > 0;
      const rule = ruleOf(runObject, item);
      const score = scoreOf(item.properties) ?? scoreOf(rule?.properties);
      if (score !== undefined && Number.isNaN(score)) {
        fail([...path, 'properties', 'security-severity'], 'a numeric security-severity such as "7.5"');
      }
      const level = String(item.level ?? rule?.defaultConfiguration?.level ?? 'warning');
      if (!['none', 'note', 'warning', 'error'].includes(level)) {
        fail([...path, 'level'], `level 'none', 'note', 'warning' or 'error', found '${level}'`);
      }
      const fromScore = score !== undefined ? severityFromScore(score) : undefined;
      const severity = score !== undefined ? fromScore : severityFromLevel(level);
      if (!severity) return;
      const message =
        isObject(item.message) && typeof item.message.text === 'string' ? item.message.text : '';
      findings.push({
        tool,
        ruleId: String(item.ruleId ?? rule?.id ?? 'unknown-rule'),
        severity,
        severitySource: score !== undefined ? 'security-severity' : 'level',
        message,
        source: file,
        ...locationOf(item, options.root, (expected) => fail([...path, 'locations', 0], expected)),
        ...(suppressedInSource ? { suppressedInSource: true } : {}),
      });
    });
  });
  return findings;
}
