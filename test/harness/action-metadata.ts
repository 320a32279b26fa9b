import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface ActionInputMetadata {
  description?: string;
  required?: boolean;
  default?: string | number | boolean;
}
export interface ActionMetadata {
  directory: string;
  /** Absolute path of the script the runner starts (runs.main). */
  main: string;
  inputs: Record<string, ActionInputMetadata>;
  outputs: Record<string, { description?: string }>;
}

/** An action by name (actions/<name>) or by absolute directory, read from its action.yml. */
export function loadAction(action: string): ActionMetadata {
  const directory = isAbsolute(action) ? action : join(REPO_ROOT, 'actions', action);
  const file = ['action.yml', 'action.yaml'].map((n) => join(directory, n)).find((p) => existsSync(p));
  if (!file) throw new Error(`no action.yml in ${directory}`);
  const metadata = (parse(readFileSync(file, 'utf8')) ?? {}) as {
    inputs?: Record<string, ActionInputMetadata>;
    outputs?: Record<string, { description?: string }>;
    runs?: { using?: string; main?: string };
  };
  if (!metadata.runs?.using?.startsWith('node'))
    throw new Error(`${file}: runs.using must be a node runtime`);
  if (!metadata.runs.main) throw new Error(`${file}: runs.main is missing`);
  return {
    directory,
    main: join(directory, metadata.runs.main),
    inputs: metadata.inputs ?? {},
    outputs: metadata.outputs ?? {},
  };
}

/** The runner's env name for an input: upper case, spaces to underscores, hyphens kept (INPUT_MERGE-METHOD). */
export function inputEnvName(name: string): string {
  return `INPUT_${name.replace(/ /g, '_').toUpperCase()}`;
}

/**
 * Evaluates the `${{ github.* }}` expressions action.yml defaults use (github.token,
 * github.event.pull_request.number, ...). Anything else is refused rather than guessed.
 */
export function expandDefault(value: string, github: Record<string, unknown>): string {
  return value.replace(/\$\{\{\s*([^}]*?)\s*\}\}/g, (_all, expression: string) => {
    if (!/^github(\.[A-Za-z_][\w-]*)+$/.test(expression)) {
      throw new Error(`harness cannot evaluate \${{ ${expression} }} in an action.yml default`);
    }
    let current: unknown = github;
    for (const key of expression.split('.').slice(1)) {
      current =
        current !== null && typeof current === 'object'
          ? (current as Record<string, unknown>)[key]
          : undefined;
    }
    if (current === undefined || current === null) return '';
    return typeof current === 'object' ? JSON.stringify(current) : String(current);
  });
}
