import { isNpmSpec } from '../../shared/manifests/npm.js';
import { asRecord, type ContentCheck } from './check.js';

/** package.json keys whose value configures a test runner, coverage or pnpm's build rules. */
const PACKAGE_CONFIG_KEYS = ['jest', 'nyc', 'c8', 'mocha', 'ava', 'pnpm'];
const PACKAGE_METADATA = new Set([
  'name',
  'version',
  'description',
  'license',
  'author',
  'homepage',
  'main',
  'module',
  'types',
  'typings',
  'packageManager',
  'url',
  'email',
]);

function packageObject(text: string, side: string): Record<string, unknown> {
  if (text.trim() === '') return {};
  const data: unknown = JSON.parse(text);
  if (typeof data !== 'object' || data === null || Array.isArray(data))
    throw new Error(`the ${side} package.json is not a JSON object`);
  return data as Record<string, unknown>;
}

function packageJsonTexts(base: string, head: string): string | undefined {
  let before: Record<string, unknown>;
  let after: Record<string, unknown>;
  try {
    before = packageObject(base, 'base');
    after = packageObject(head, 'head');
  } catch {
    return 'package.json is not valid JSON, so its scripts could not be compared';
  }
  const found: string[] = [];
  const scriptsBefore = asRecord(before.scripts);
  const scriptsAfter = asRecord(after.scripts);
  for (const name of new Set([...Object.keys(scriptsBefore), ...Object.keys(scriptsAfter)])) {
    const was = scriptsBefore[name];
    const is = scriptsAfter[name];
    if (was === is) continue;
    found.push(`scripts.${name} ${was === undefined ? 'added' : is === undefined ? 'removed' : 'changed'}`);
  }
  for (const key of PACKAGE_CONFIG_KEYS)
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) found.push(`"${key}" settings changed`);
  return found.length > 0 ? found.join(', ') : undefined;
}

const ENTRY = /^\s*"([^"]+)"\s*:\s*"([^"]*)"\s*,?\s*$/;

function packageJsonHunk(hunk: readonly string[], changed: readonly string[]): string | undefined {
  const section = hunk
    .map((line) => /"(scripts|jest|nyc|c8|mocha|ava|pnpm)"\s*:/.exec(line)?.[1])
    .find(Boolean);
  if (section) return `a change near "${section}" (only the diff was available)`;
  for (const line of changed) {
    const entry = ENTRY.exec(line);
    if (entry && !PACKAGE_METADATA.has(entry[1] as string) && !isNpmSpec(entry[2] as string))
      return `"${entry[1] as string}" changed to something that is not a version, as scripts are (only the diff was available)`;
  }
  return undefined;
}

/** package.json: its scripts (compared one by one) and the test, coverage and pnpm settings it holds. */
export const packageJson: ContentCheck = { texts: packageJsonTexts, hunk: packageJsonHunk };
