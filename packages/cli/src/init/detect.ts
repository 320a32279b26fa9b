import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The test and coverage tooling a repository uses, as `floodgate init` adapts the test job to it. */
export interface Tooling {
  /** for people: `Node.js with vitest` */
  name: string;
  /** the workflow steps that set up the toolchain and install dependencies (YAML, 0-indented) */
  setup: string[];
  /** the command that runs the tests and writes the coverage report */
  test: string;
  /** where that report is written */
  report: string;
  /** false when nothing was recognised: the user edits the test job */
  detected: boolean;
}

const SETUP_NODE = [
  '- uses: actions/setup-node@49933ea5288caeca8642d1e84afbd3f7d6820020 # v4.4.0',
  '  with:',
  '    node-version: 24',
];
const SETUP_PYTHON = [
  '- uses: actions/setup-python@a26af69be951a213d495a4c3e4e4022e16d87065 # v5.6.0',
  '  with:',
  "    python-version: '3.12'",
];
const SETUP_GO = [
  '- uses: actions/setup-go@d35c59abb061a4a6fb18e82ac0862c26744d6ab5 # v5.5.0',
  '  with:',
  '    go-version-file: go.mod',
];
const SETUP_JAVA = [
  '- uses: actions/setup-java@c5195efecf7bdfc987ee8bae7a71cb8b11521c00 # v4.7.1',
  '  with:',
  '    distribution: temurin',
  "    java-version: '21'",
];

/**
 * The test-and-coverage command of each ecosystem `floodgate init` recognises: the command its workflow
 * runs in the test job and the report coverage-gate reads. The README's table of coverage commands is
 * generated from this list (scripts/docs.mjs), so the two cannot disagree.
 */
export interface CoverageCommand {
  id: 'vitest' | 'jest' | 'c8' | 'node' | 'pytest' | 'go' | 'maven' | 'gradle';
  /** for people: `Node.js with vitest` */
  name: string;
  /** what init looks for */
  when: string;
  test: string;
  report: string;
  /** what the repository must already have for the report to be written */
  needs: string;
}

export const COVERAGE_COMMANDS: readonly CoverageCommand[] = [
  {
    id: 'vitest',
    name: 'Node.js with vitest',
    when: '`vitest` in package.json (test script or dependencies)',
    test: 'npx vitest run --coverage.enabled --coverage.reporter=lcov',
    report: 'coverage/lcov.info',
    needs: '`@vitest/coverage-v8` (or `-istanbul`) as a dev dependency',
  },
  {
    id: 'jest',
    name: 'Node.js with jest',
    when: "`jest` in package.json; also the templates' own test step",
    test: 'npm test -- --coverage --coverageReporters=lcov',
    report: 'coverage/lcov.info',
    needs: '`npm test` runs jest',
  },
  {
    id: 'c8',
    name: 'Node.js with c8',
    when: '`c8` in package.json',
    test: 'npx c8 --reporter=lcov npm test',
    report: 'coverage/lcov.info',
    needs: '',
  },
  {
    id: 'node',
    name: 'Node.js (coverage by c8)',
    when: 'another package.json (node:test, mocha, …)',
    test: 'npx --yes c8 --reporter=lcov npm test',
    report: 'coverage/lcov.info',
    needs: 'c8 is fetched when the job runs',
  },
  {
    id: 'pytest',
    name: 'Python with pytest',
    when: 'pyproject.toml, setup.py, setup.cfg, requirements.txt, pytest.ini or tox.ini',
    test: 'python -m pytest --cov=. --cov-report=xml:coverage.xml',
    report: 'coverage.xml',
    needs:
      'installed by the job: `python -m pip install pytest pytest-cov` (with `-r requirements.txt` or `-e .`)',
  },
  {
    id: 'go',
    name: 'Go',
    when: 'go.mod',
    test: 'go test -coverprofile=coverage.out ./...',
    report: 'coverage.out',
    needs: '',
  },
  {
    id: 'maven',
    name: 'Maven with JaCoCo',
    when: 'pom.xml',
    test: 'mvn -B verify',
    report: 'target/site/jacoco/jacoco.xml',
    needs: 'jacoco-maven-plugin with its `prepare-agent` and `report` goals in pom.xml',
  },
  {
    id: 'gradle',
    name: 'Gradle with JaCoCo',
    when: 'build.gradle or build.gradle.kts',
    test: './gradlew test jacocoTestReport',
    report: 'build/reports/jacoco/test/jacocoTestReport.xml',
    needs:
      'the `jacoco` plugin, and `jacocoTestReport { reports { xml.required = true } }`: Gradle writes no XML by default',
  },
];

function command(id: CoverageCommand['id']): CoverageCommand {
  return COVERAGE_COMMANDS.find((entry) => entry.id === id)!;
}

function tooling(id: CoverageCommand['id'], setup: string[]): Tooling {
  const entry = command(id);
  const needs = entry.needs && !entry.needs.startsWith('installed by') ? `; needs ${entry.needs}` : '';
  return {
    name: `${entry.name}${needs.replaceAll('`', '')}`,
    setup,
    test: entry.test,
    report: entry.report,
    detected: true,
  };
}

function readJson(path: string): Record<string, unknown> | undefined {
  try {
    const data: unknown = JSON.parse(readFileSync(path, 'utf8'));
    return typeof data === 'object' && data !== null && !Array.isArray(data)
      ? (data as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

function nodeTooling(dir: string): Tooling | undefined {
  const pkg = readJson(join(dir, 'package.json'));
  if (!pkg) return undefined;
  const record = (value: unknown) =>
    typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
  const test = String(record(pkg.scripts).test ?? '');
  const deps = { ...record(pkg.dependencies), ...record(pkg.devDependencies) };
  const uses = (tool: string) => new RegExp(`\\b${tool}\\b`).test(test) || tool in deps;
  const install = existsSync(join(dir, 'package-lock.json')) ? 'npm ci' : 'npm install';
  const setup = [...SETUP_NODE, `- run: ${install}`];
  const runner = (['vitest', 'jest', 'c8'] as const).find(uses) ?? 'node';
  return tooling(runner, setup);
}

function pythonTooling(dir: string): Tooling | undefined {
  const markers = ['pyproject.toml', 'setup.py', 'setup.cfg', 'requirements.txt', 'pytest.ini', 'tox.ini'];
  if (!markers.some((file) => existsSync(join(dir, file)))) return undefined;
  const project = existsSync(join(dir, 'requirements.txt'))
    ? ' -r requirements.txt'
    : existsSync(join(dir, 'pyproject.toml')) || existsSync(join(dir, 'setup.py'))
      ? ' -e .'
      : '';
  return tooling('pytest', [...SETUP_PYTHON, `- run: python -m pip install pytest pytest-cov${project}`]);
}

/** Looks at the repository's build files, most specific first. */
export function detectTooling(dir: string): Tooling {
  if (existsSync(join(dir, 'go.mod'))) return tooling('go', [...SETUP_GO, '- run: go mod download']);
  if (existsSync(join(dir, 'pom.xml'))) return tooling('maven', SETUP_JAVA);
  if (existsSync(join(dir, 'build.gradle')) || existsSync(join(dir, 'build.gradle.kts')))
    return tooling('gradle', SETUP_JAVA);
  const jest = command('jest');
  return (
    nodeTooling(dir) ??
    pythonTooling(dir) ?? {
      name: 'unknown (no package.json, pyproject.toml, go.mod, pom.xml or build.gradle)',
      setup: [...SETUP_NODE, '- run: npm ci'],
      test: jest.test,
      report: jest.report,
      detected: false,
    }
  );
}
