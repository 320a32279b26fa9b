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
  const report = 'coverage/lcov.info';
  if (uses('vitest'))
    return {
      name: 'Node.js with vitest',
      setup,
      test: 'npx vitest run --coverage.enabled --coverage.reporter=lcov',
      report,
      detected: true,
    };
  if (uses('jest'))
    return {
      name: 'Node.js with jest',
      setup,
      test: 'npm test -- --coverage --coverageReporters=lcov',
      report,
      detected: true,
    };
  if (uses('c8'))
    return {
      name: 'Node.js with c8',
      setup,
      test: 'npx c8 --reporter=lcov npm test',
      report,
      detected: true,
    };
  return {
    name: 'Node.js (coverage by c8)',
    setup,
    test: 'npx --yes c8 --reporter=lcov npm test',
    report,
    detected: true,
  };
}

function pythonTooling(dir: string): Tooling | undefined {
  const markers = ['pyproject.toml', 'setup.py', 'setup.cfg', 'requirements.txt', 'pytest.ini', 'tox.ini'];
  if (!markers.some((file) => existsSync(join(dir, file)))) return undefined;
  const project = existsSync(join(dir, 'requirements.txt'))
    ? ' -r requirements.txt'
    : existsSync(join(dir, 'pyproject.toml')) || existsSync(join(dir, 'setup.py'))
      ? ' -e .'
      : '';
  return {
    name: 'Python with pytest',
    setup: [...SETUP_PYTHON, `- run: python -m pip install pytest pytest-cov${project}`],
    test: 'python -m pytest --cov --cov-report=xml:coverage.xml',
    report: 'coverage.xml',
    detected: true,
  };
}

/** Looks at the repository's build files, most specific first. */
export function detectTooling(dir: string): Tooling {
  if (existsSync(join(dir, 'go.mod'))) {
    return {
      name: 'Go',
      setup: [...SETUP_GO, '- run: go mod download'],
      test: 'go test -coverprofile=coverage.out ./...',
      report: 'coverage.out',
      detected: true,
    };
  }
  if (existsSync(join(dir, 'pom.xml'))) {
    return {
      name: 'Maven (JaCoCo report; the jacoco-maven-plugin must be configured)',
      setup: SETUP_JAVA,
      test: 'mvn -B verify',
      report: 'target/site/jacoco/jacoco.xml',
      detected: true,
    };
  }
  if (existsSync(join(dir, 'build.gradle')) || existsSync(join(dir, 'build.gradle.kts'))) {
    return {
      name: 'Gradle (JaCoCo report; the jacoco plugin must be applied)',
      setup: SETUP_JAVA,
      test: './gradlew test jacocoTestReport',
      report: 'build/reports/jacoco/test/jacocoTestReport.xml',
      detected: true,
    };
  }
  return (
    nodeTooling(dir) ??
    pythonTooling(dir) ?? {
      name: 'unknown (no package.json, pyproject.toml, go.mod, pom.xml or build.gradle)',
      setup: [...SETUP_NODE, '- run: npm ci'],
      test: 'npm test -- --coverage --coverageReporters=lcov',
      report: 'coverage/lcov.info',
      detected: false,
    }
  );
}
