import { parse as parseYaml } from 'yaml';
import type { FileContents } from '../../shared/manifests/types.js';
import { baseName } from '../../shared/paths.js';
import { asRecord } from './check.js';

interface LockfileFormat {
  /** the added line that marks an entry as running an install script */
  marker: RegExp;
  /** entry → whether it runs an install script, from the whole lockfile */
  entries: (text: string) => Map<string, boolean>;
}

function flags(packages: unknown, key: string): Map<string, boolean> {
  return new Map(
    Object.entries(asRecord(packages)).map(([name, entry]) => [name, asRecord(entry)[key] === true]),
  );
}

const FORMATS: Record<string, LockfileFormat> = {
  npm: {
    marker: /"hasInstallScript"\s*:\s*true/,
    entries: (text) => flags(asRecord(JSON.parse(text) as unknown).packages, 'hasInstallScript'),
  },
  pnpm: {
    marker: /^\s*requiresBuild:\s*true\b/,
    entries: (text) => flags(asRecord(parseYaml(text) as unknown).packages, 'requiresBuild'),
  },
};

function formatOf(path: string): LockfileFormat | undefined {
  const name = baseName(path);
  if (name === 'package-lock.json' || name === 'npm-shrinkwrap.json') return FORMATS.npm;
  if (name === 'pnpm-lock.yaml') return FORMATS.pnpm;
  return undefined;
}

/** Lockfiles that record install scripts: the ones whose text a runner should read when no diff shows. */
export function recordsInstallScripts(path: string): boolean {
  return formatOf(path) !== undefined;
}

const entriesWord = (count: number) => `${count} ${count === 1 ? 'entry is' : 'entries are'}`;

/**
 * Whether a lockfile change newly marks entries as running an install script: from its added
 * lines when the diff shows them, else from its base and head text, else it cannot be ruled out.
 */
export function judgeLockfile(
  path: string,
  addedLines: readonly string[] | undefined,
  contents: FileContents | undefined,
): string | undefined {
  const format = formatOf(path);
  if (!format) return undefined;
  if (addedLines !== undefined) {
    const count = addedLines.filter((line) => format.marker.test(line)).length;
    return count > 0 ? `${entriesWord(count)} newly marked as running an install script` : undefined;
  }
  if (contents?.kind !== 'texts')
    return 'its diff was not shown, so new install scripts could not be ruled out';
  let before: Map<string, boolean>;
  let after: Map<string, boolean>;
  try {
    before = contents.base === undefined ? new Map() : format.entries(contents.base);
    after = contents.head === undefined ? new Map() : format.entries(contents.head);
  } catch {
    return 'it does not parse, so new install scripts could not be ruled out';
  }
  const added = [...after].filter(([name, runs]) => runs && before.get(name) !== true).map(([name]) => name);
  if (added.length === 0) return undefined;
  const shown = added.slice(0, 3).join(', ') + (added.length > 3 ? ', …' : '');
  return `${entriesWord(added.length)} newly marked as running an install script: ${shown}`;
}
