import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COVERAGE_COMMANDS, detectTooling } from '../src/init/detect.js';
import { adaptTemplate, templateText } from '../src/init/templates.js';
import { installed } from '../../../test/harness/tools.js';
import { makeRepo, repoRoot, samples, writeFiles } from './support.js';

// One coverage command per ecosystem, in one list (packages/cli/src/init/detect.ts): the README's
// table is generated from it (scripts/docs.mjs, checked by `node scripts/build.mjs --check`),
// `floodgate init` writes it into the templates' test job, and the templates run its jest line.

const command = (id: string) => COVERAGE_COMMANDS.find((entry) => entry.id === id)!;
const cli = join(repoRoot, 'packages/cli/dist/index.js');

describe('coverage commands', () => {
  it("every workflow template that gates coverage runs the table's jest line and uploads its report", () => {
    const jest = command('jest');
    const templates = readdirSync(join(repoRoot, 'workflow-templates')).filter((file) =>
      file.endsWith('.yml'),
    );
    const gating = templates.filter((file) =>
      readFileSync(join(repoRoot, 'workflow-templates', file), 'utf8').includes('coverage-artifact'),
    );
    expect(gating.length).toBeGreaterThan(0);
    for (const file of gating) {
      const text = readFileSync(join(repoRoot, 'workflow-templates', file), 'utf8');
      expect(text, file).toContain(`- run: ${jest.test}\n`);
      expect(text, file).toContain(`path: ${jest.report}\n`);
    }
    // Every coverage test step of a template is that line: no template runs another command.
    for (const file of templates) {
      const text = readFileSync(join(repoRoot, 'workflow-templates', file), 'utf8');
      for (const line of text.split('\n').filter((l) => /- run: .*--coverage/.test(l)))
        expect(line.trim(), file).toBe(`- run: ${jest.test}`);
    }
  });

  const repos: Record<string, Record<string, string>> = {
    vitest: { 'package.json': '{"scripts":{"test":"vitest run"},"devDependencies":{"vitest":"4"}}' },
    jest: { 'package.json': '{"scripts":{"test":"jest"}}', 'package-lock.json': '{}' },
    c8: { 'package.json': '{"scripts":{"test":"c8 node --test"}}' },
    node: { 'package.json': '{"scripts":{"test":"node --test"}}' },
    pytest: { 'requirements.txt': 'requests\n' },
    go: { 'go.mod': 'module example.com/demo\n' },
    maven: { 'pom.xml': '<project/>\n' },
    gradle: { 'build.gradle.kts': 'plugins { jacoco }\n' },
  };

  it.each(COVERAGE_COMMANDS.map((entry) => [entry.id, entry] as const))(
    '%s: init detects it and writes its line and report path into the template',
    (id, entry) => {
      const dir = mkdtempSync(join(tmpdir(), `floodgate-tooling-${id}-`));
      writeFiles(dir, repos[id]!);
      const tooling = detectTooling(dir);
      expect(tooling).toMatchObject({ test: entry.test, report: entry.report, detected: true });
      const adapted = adaptTemplate(templateText('floodgate-auto-merge.yml')!, tooling);
      expect(adapted.testReplaced).toBe(true);
      expect(adapted.text).toContain(`- run: ${entry.test}\n`);
      expect(adapted.text).toContain(`path: ${entry.report}\n`);
      expect(adapted.text).not.toContain(id === 'jest' ? '\0' : command('jest').test);
    },
  );

  const go = installed('go', ['version']);
  it.skipIf(!go)("Go: the table's command writes the report it names, and check reads go's own total", () => {
    const repo = makeRepo({}, join(samples, 'go'));
    const home = mkdtempSync(join(tmpdir(), 'floodgate-go-'));
    const env = {
      PATH: process.env.PATH ?? '',
      HOME: home,
      GOCACHE: join(home, 'cache'),
      GOPATH: join(home, 'path'),
      GOFLAGS: '-mod=mod',
      GOPROXY: 'off',
      GOTOOLCHAIN: 'local',
    };
    const entry = command('go');
    execFileSync('sh', ['-c', entry.test], { cwd: repo, env, encoding: 'utf8' });
    const func = execFileSync('go', ['tool', 'cover', `-func=${entry.report}`], {
      cwd: repo,
      env,
      encoding: 'utf8',
    });
    const total = /total:\s+\(statements\)\s+([\d.]+)%/.exec(func)![1]!;
    const run = spawnSync(process.execPath, [cli, 'check', '--json', '--coverage', entry.report], {
      cwd: repo,
      encoding: 'utf8',
    });
    const result = JSON.parse(run.stdout) as { coverage: { line: string } };
    expect(Number(result.coverage.line).toFixed(1)).toBe(total);
  });

  // The workflow's `python` is setup-python's; here Debian's python3 with python3-pytest-cov, if installed.
  const python = installed('/usr/bin/python3', ['-c', 'import pytest, pytest_cov']);
  it.skipIf(!python)(
    "Python: the table's pytest-cov command writes the coverage.xml check reads, with coverage.py's total",
    () => {
      const repo = makeRepo({
        'app/__init__.py': '',
        'app/calc.py':
          'def add(a, b):\n    return a + b\n\n\ndef div(a, b):\n    if b == 0:\n        raise ZeroDivisionError("b")\n    return a / b\n',
        'tests/test_calc.py': 'from app.calc import add\n\n\ndef test_add():\n    assert add(1, 2) == 3\n',
      });
      const bin = mkdtempSync(join(tmpdir(), 'floodgate-python-'));
      mkdirSync(join(bin, 'bin'));
      symlinkSync('/usr/bin/python3', join(bin, 'bin/python'));
      const env = { PATH: `${join(bin, 'bin')}:${process.env.PATH ?? ''}`, HOME: bin };
      const entry = command('pytest');
      execFileSync('sh', ['-c', entry.test], { cwd: repo, env, encoding: 'utf8' });
      const report = execFileSync('python', ['-m', 'coverage', 'report', '--precision=2'], {
        cwd: repo,
        env,
        encoding: 'utf8',
      });
      const total = /^TOTAL\s+\d+\s+\d+\s+([\d.]+)%/m.exec(report)![1]!;
      const run = spawnSync(process.execPath, [cli, 'check', '--json', '--coverage', entry.report], {
        cwd: repo,
        encoding: 'utf8',
      });
      const result = JSON.parse(run.stdout) as { coverage: { line: string } };
      expect(result.coverage.line).toBe(total);
    },
  );
});
