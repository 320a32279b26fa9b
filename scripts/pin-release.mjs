#!/usr/bin/env node
// Pins the reusable workflows of a release to the code they were released with.
//
// On main, .github/workflows/floodgate*.yml call Floodgate's own actions by the moving tag
// (`floodgate-dev/floodgate/actions/risk-assess@v1`). A user who pins such a workflow to a
// commit would still run whatever v1 points at later, with their merge token. The release
// workflow therefore runs, on a commit of main that it is about to release:
//
//   node scripts/pin-release.mjs --sha <that commit's full SHA> --version vX.Y.Z
//
// which rewrites every reference to Floodgate's own actions and workflows in the reusable
// workflows to `@<sha> # vX.Y.Z`, and commits that on top (the release commit, which the
// immutable tag vX.Y.Z points at). The actions' code in the release commit is the same as in
// <sha>: only these references differ. Running it twice changes nothing the second time.
//
//   node scripts/pin-release.mjs --check
//
// exits 1, naming file and line, while any reusable workflow still has a moving reference to
// Floodgate (what a release tree must never have). `--root <dir>` works on another tree.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

// Only Floodgate's own references: `floodgate-dev/floodgate/` followed by an action or a
// workflow path; `floodgate-dev/floodgate-extras/...` or third-party actions never match.
const OWN_REF =
  /^(\s*(?:-\s+)?uses:\s*)(['"]?)(floodgate-dev\/floodgate\/(?:actions\/[\w.-]+|\.github\/workflows\/[\w.-]+))@([^\s'"#]+)\2([ \t]*#.*)?$/gm;
const FULL_SHA = /^[0-9a-f]{40}$/;
const VERSION = /^v\d+\.\d+\.\d+$/;

function fail(message) {
  console.error(`pin-release: ${message}`);
  process.exit(1);
}

/** The reusable workflows (those called with workflow_call): what users pin and run. */
function reusableWorkflows(root) {
  const dir = join(root, '.github/workflows');
  return readdirSync(dir)
    .filter((name) => /\.ya?ml$/.test(name))
    .map((name) => join('.github/workflows', name))
    .filter((path) => /^\s+workflow_call:/m.test(readFileSync(join(root, path), 'utf8')));
}

function pin(text, sha, version) {
  return text.replace(
    OWN_REF,
    (_line, lead, quote, target) => `${lead}${quote}${target}@${sha}${quote} # ${version}`,
  );
}

function movingRefs(text) {
  return [...text.matchAll(OWN_REF)]
    .filter((match) => !FULL_SHA.test(match[4]))
    .map((match) => ({
      line: text.slice(0, match.index).split('\n').length,
      ref: `${match[3]}@${match[4]}`,
    }));
}

const args = process.argv.slice(2);
const option = (name) => {
  const index = args.indexOf(name);
  if (index < 0) return undefined;
  const value = args[index + 1];
  if (value === undefined || value.startsWith('--')) fail(`${name} needs a value`);
  return value;
};
const known = new Set(['--sha', '--version', '--root', '--check']);
for (const arg of args.filter((a) => a.startsWith('--'))) if (!known.has(arg)) fail(`unknown option ${arg}`);

const root = option('--root') ?? join(dirname(fileURLToPath(import.meta.url)), '..');
const files = reusableWorkflows(root);
if (files.length === 0) fail(`no reusable workflow in ${join(root, '.github/workflows')}`);

if (args.includes('--check')) {
  const found = files.flatMap((path) =>
    movingRefs(readFileSync(join(root, path), 'utf8')).map(({ line, ref }) => `${path}:${line}: ${ref}`),
  );
  for (const line of found) console.log(`${line} is a moving reference; a release pins a full commit SHA`);
  if (found.length > 0) process.exit(1);
  console.log(`pin-release: ${files.length} reusable workflows reference Floodgate only by commit SHA`);
} else {
  const sha = option('--sha');
  const version = option('--version');
  if (!sha || !FULL_SHA.test(sha)) fail(`--sha must be a full 40-character commit SHA, got '${sha ?? ''}'`);
  if (!version || !VERSION.test(version)) fail(`--version must look like v1.2.3, got '${version ?? ''}'`);
  for (const path of files) {
    const before = readFileSync(join(root, path), 'utf8');
    const after = pin(before, sha, version);
    if (after === before) continue;
    writeFileSync(join(root, path), after);
    console.log(`pinned ${path} to ${sha} (${version})`);
  }
}
