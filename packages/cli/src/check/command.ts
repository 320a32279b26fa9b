import { parseArgs } from 'node:util';
import type { Decision } from '../../../core/src/gates/decision/types.js';
import { localGit, repositoryRoot } from '../git.js';
import type { Io } from '../io.js';
import { painter, useColour } from '../terminal.js';
import { EXIT, UsageError } from '../usage.js';
import { checkJson } from './json.js';
import { printCheck } from './print.js';
import { runCheck, type CheckOptions } from './run.js';

const EXIT_OF: Record<Decision, number> = {
  'auto-merge': EXIT.ok,
  blocked: EXIT.blocked,
  'human-review': EXIT.review,
};

function parseCheckArgs(args: string[]): CheckOptions & { json: boolean; failOnReview: boolean } {
  const { values } = parseArgs({
    args,
    strict: true,
    allowPositionals: false,
    options: {
      staged: { type: 'boolean', default: false },
      base: { type: 'string' },
      policy: { type: 'string' },
      coverage: { type: 'string', multiple: true, default: [] },
      'coverage-base': { type: 'string', multiple: true, default: [] },
      'perf-base': { type: 'string', multiple: true, default: [] },
      perf: { type: 'string', multiple: true, default: [] },
      sarif: { type: 'string', multiple: true, default: [] },
      tests: { type: 'string' },
      author: { type: 'string', default: '' },
      label: { type: 'string', multiple: true, default: [] },
      'ai-confidence': { type: 'string' },
      json: { type: 'boolean', default: false },
      'fail-on': { type: 'string', default: 'human-review' },
    },
  });
  if (values['fail-on'] !== 'human-review' && values['fail-on'] !== 'blocked')
    throw new UsageError(`--fail-on expects blocked or human-review, found '${values['fail-on']}'`);
  if (values.staged && values.base !== undefined)
    throw new UsageError('--staged and --base exclude each other');
  if (values.base === '') throw new UsageError('--base needs a ref, e.g. --base main');
  if (values['coverage-base'].length > 0 && values.coverage.length === 0)
    throw new UsageError(
      '--coverage-base needs --coverage: the base reports are compared with the change reports',
    );
  if ((values['perf-base'].length === 0) !== (values.perf.length === 0))
    throw new UsageError('--perf-base and --perf go together: the base results and the change results');
  if (values.tests !== undefined && values.tests !== 'success' && values.tests !== 'failure')
    throw new UsageError(`--tests expects success or failure, found '${values.tests}'`);
  let aiConfidence: number | undefined;
  if (values['ai-confidence'] !== undefined) {
    aiConfidence = Number(values['ai-confidence']);
    if (values['ai-confidence'].trim() === '' || !(aiConfidence >= 0 && aiConfidence <= 1))
      throw new UsageError(
        `--ai-confidence expects a number from 0 to 1, found '${values['ai-confidence']}'`,
      );
  }
  return {
    mode: values.base !== undefined ? 'base' : values.staged ? 'staged' : 'worktree',
    ...(values.base !== undefined ? { base: values.base } : {}),
    ...(values.policy !== undefined ? { policyFile: values.policy } : {}),
    coverage: values.coverage,
    coverageBase: values['coverage-base'],
    perfBase: values['perf-base'],
    perf: values.perf,
    sarif: values.sarif,
    ...(values.tests ? { tests: values.tests } : {}),
    author: values.author,
    labels: values.label,
    ...(aiConfidence !== undefined ? { aiConfidence } : {}),
    json: values.json,
    failOnReview: values['fail-on'] === 'human-review',
  };
}

/** `floodgate check`: the exit code says the decision (0 auto-merge, 1 blocked, 2 human review). */
export async function checkCommand(args: string[], io: Io): Promise<number> {
  const options = parseCheckArgs(args);
  const root = await repositoryRoot(io.cwd);
  const git = localGit(root);
  const listed = await git(['ls-files', '-z', '--cached', '--others', '--exclude-standard']);
  const result = await runCheck(options, {
    git,
    root,
    cwd: io.cwd,
    repoFiles: (listed ?? '').split('\0').filter(Boolean),
    progress: (message) => io.stderr(`${message}\n`),
  });
  // --fail-on blocked: a hook that stops only what could never merge; a person reviews the rest.
  const decided = EXIT_OF[result.decision.decision];
  const code = decided === EXIT.review && !options.failOnReview ? EXIT.ok : decided;
  if (options.json) io.stdout(`${JSON.stringify(checkJson(result, code), null, 2)}\n`);
  else io.stdout(printCheck(result, painter(useColour(io.stdoutTty, io.env))));
  return code;
}
