import { baseName } from '../paths.js';
import { cargoDependencies } from './cargo.js';
import { goDependencies } from './go.js';
import { gradleDependencies, mavenDependencies, versionCatalogDependencies } from './jvm.js';
import { npmDependencies } from './npm.js';
import { pyprojectDependencies, requirementsDependencies } from './python.js';
import { gemDependencies } from './ruby.js';
import type { DependencyMap, Ecosystem } from './types.js';

export interface ManifestFormat {
  ecosystem: Ecosystem;
  /** `partial`: the text is a fragment from diff hunks, not the whole file */
  parse: (text: string, partial: boolean) => DependencyMap;
}

/** Vendored and installed copies are not this repository's manifests. */
const VENDORED = /(^|\/)(node_modules|vendor|\.venv|site-packages)\//;

/** The manifest format of a path, if it is a dependency manifest. */
export function manifestFormat(path: string): ManifestFormat | undefined {
  if (VENDORED.test(path)) return undefined;
  const name = baseName(path);
  if (name === 'package.json') return { ecosystem: 'npm', parse: npmDependencies };
  if (name === 'pyproject.toml') return { ecosystem: 'python', parse: pyprojectDependencies };
  if (/^requirements.*\.txt$/.test(name) || /(^|\/)requirements\/[^/]+\.txt$/.test(path))
    return { ecosystem: 'python', parse: requirementsDependencies };
  if (name === 'go.mod') return { ecosystem: 'go', parse: goDependencies };
  if (name === 'Cargo.toml') return { ecosystem: 'cargo', parse: cargoDependencies };
  if (name === 'pom.xml') return { ecosystem: 'maven', parse: mavenDependencies };
  if (name === 'build.gradle' || name === 'build.gradle.kts')
    return { ecosystem: 'gradle', parse: gradleDependencies };
  if (name.endsWith('.versions.toml')) return { ecosystem: 'gradle', parse: versionCatalogDependencies };
  if (name === 'Gemfile' || name === 'gems.rb') return { ecosystem: 'bundler', parse: gemDependencies };
  return undefined;
}

const LOCKFILES: Record<string, Ecosystem> = {
  'package-lock.json': 'npm',
  'npm-shrinkwrap.json': 'npm',
  'pnpm-lock.yaml': 'npm',
  'yarn.lock': 'npm',
  'bun.lock': 'npm',
  'poetry.lock': 'python',
  'uv.lock': 'python',
  'Pipfile.lock': 'python',
  'go.sum': 'go',
  'Cargo.lock': 'cargo',
  'Gemfile.lock': 'bundler',
  'gems.locked': 'bundler',
  'gradle.lockfile': 'gradle',
};

/** The ecosystem of a lockfile path, if it is one. */
export function lockfileEcosystem(path: string): Ecosystem | undefined {
  if (VENDORED.test(path)) return undefined;
  return LOCKFILES[baseName(path)];
}
