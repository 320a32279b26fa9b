import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { localGit } from '../git.js';
import type { Io } from '../io.js';
import { EXIT, UsageError } from '../usage.js';
import { detectTooling } from './detect.js';
import { starterPolicy } from './policy.js';
import { adaptTemplate, templateNames, templateText } from './templates.js';

interface Planned {
  path: string;
  text: string;
}

/**
 * `floodgate init`: a starter `.github/floodgate.yml` (observe mode) and the workflow of the chosen
 * template with its test job adapted to the repository's tooling. Never overwrites without --force.
 */
export async function initCommand(args: string[], io: Io): Promise<number> {
  const { values } = parseArgs({
    args,
    strict: true,
    allowPositionals: false,
    options: {
      template: { type: 'string', default: 'auto-merge' },
      force: { type: 'boolean', default: false },
    },
  });
  const names = templateNames();
  if (!names.includes(values.template))
    throw new UsageError(`--template expects one of ${names.join(', ')}, found '${values.template}'`);
  const root = (await localGit(io.cwd)(['rev-parse', '--show-toplevel']))?.trim() ?? io.cwd;
  const tooling = detectTooling(root);

  const main = adaptTemplate(templateText(`floodgate-${values.template}.yml`)!, tooling);
  const planned: Planned[] = [
    { path: '.github/floodgate.yml', text: starterPolicy() },
    { path: '.github/workflows/floodgate.yml', text: main.text },
  ];
  const companion = templateText(`floodgate-${values.template}-publish.yml`);
  if (companion)
    planned.push({ path: `.github/workflows/floodgate-${values.template}-publish.yml`, text: companion });

  const existing = planned.filter((file) => existsSync(join(root, file.path)));
  if (existing.length > 0 && !values.force) {
    throw new UsageError(
      `${existing.map((file) => file.path).join(', ')} already exist${existing.length === 1 ? 's' : ''}: nothing was written (--force overwrites)`,
    );
  }
  for (const file of planned) {
    const path = join(root, file.path);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, file.text);
    io.stdout(`wrote ${relative(io.cwd, path) || file.path}\n`);
  }
  io.stdout(`\nTest tooling: ${tooling.name}; coverage report ${tooling.report}.\n`);
  const steps = [
    'Commit these files and open a pull request: Floodgate reports on it in observe mode (job summary only).',
    'In branch protection for the default branch, require the `floodgate-ok` check and the `floodgate/decision` status.',
    'For merges that trigger your other workflows, add a GitHub App token as the secret FLOODGATE_MERGE_TOKEN and uncomment the merge-token lines in .github/workflows/floodgate.yml.',
  ];
  if (!tooling.detected || !main.testReplaced)
    steps.unshift(
      'Edit the test job in .github/workflows/floodgate.yml: set your test command and coverage report path.',
    );
  io.stdout(`\nLeft to do:\n${steps.map((step, index) => `  ${index + 1}. ${step}`).join('\n')}\n`);
  return EXIT.ok;
}
