import { readFile } from 'node:fs/promises';
import { relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { formatPosition, InvalidFileError } from '../../../core/src/shared/errors.js';
import { DEFAULT_POLICY_PATH, loadPolicy } from '../../../core/src/policy/index.js';
import { policyWarnings } from '../../../core/src/policy/warnings.js';
import { localGit, trackedFiles } from '../git.js';
import type { Io } from '../io.js';
import { EXIT, UsageError } from '../usage.js';

/**
 * `floodgate validate [FILE]`: the policy against the schema and its semantics (core's loadPolicy:
 * the first problem as `file:line:col: error: …`, exit 1), then warnings (exit 0): globs that match
 * no tracked file, tiers that require review but name nobody.
 */
export async function validateCommand(args: string[], io: Io): Promise<number> {
  const { positionals } = parseArgs({ args, allowPositionals: true, strict: true, options: {} });
  if (positionals.length > 1) throw new UsageError('validate takes at most one file');
  const git = localGit(io.cwd);
  const top = (await git(['rev-parse', '--show-toplevel']))?.trim();
  const path = positionals[0] ? resolve(io.cwd, positionals[0]) : resolve(top ?? io.cwd, DEFAULT_POLICY_PATH);
  const name = positionals[0] ?? (relative(io.cwd, path) || DEFAULT_POLICY_PATH);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    throw new UsageError(`${name}: cannot read the file (expected a Floodgate policy)`);
  }
  let policy;
  try {
    ({ policy } = loadPolicy(text, name));
  } catch (error) {
    if (!(error instanceof InvalidFileError)) throw error;
    io.stdout(`${formatPosition(error.position)}: error: ${error.problem}\n`);
    return EXIT.blocked;
  }
  const repoFiles = top ? await trackedFiles(localGit(top)) : undefined;
  const warnings = policyWarnings(text, name, policy, repoFiles ?? []).filter(
    (warning) => repoFiles || !warning.message.includes('matches no file'),
  );
  for (const warning of warnings)
    io.stdout(`${formatPosition(warning.position)}: warning: ${warning.message}\n`);
  if (!repoFiles) io.stdout('Not in a git repository: globs were not checked against its files.\n');
  io.stdout(
    `${name}: valid Floodgate policy (mode ${policy.mode})${warnings.length > 0 ? `, ${warnings.length} warning${warnings.length === 1 ? '' : 's'}` : ''}\n`,
  );
  return EXIT.ok;
}
