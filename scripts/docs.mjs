#!/usr/bin/env node
// Generates the README's reference tables from their sources, between markers:
//   <!-- generated:action <name> --> ... <!-- /generated -->   inputs and outputs of actions/<name>/action.yml
//   <!-- generated:policy --> ... <!-- /generated -->          every key of floodgate.schema.json
//   <!-- generated:defaults --> ... <!-- /generated -->        the default policy (packages/core: defaultPolicy)
//   <!-- generated:coverage-commands --> ... <!-- /generated --> `floodgate init`'s test and coverage command per
//                                                              ecosystem (packages/cli/src/init/detect.ts)
// `--check` fails when the README is stale instead of writing it.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'packages/core/package.json'));
const { parse } = require('yaml');

// Table cells: pipes escaped once; `*` and `_` outside code spans escaped so a glob such as
// "Co-authored-by: *Claude*" reads as written, not in italics.
const cell = (text) =>
  String(text ?? '')
    .replace(/\n+/g, ' ')
    .split(/(`[^`]*`)/)
    .map((part, index) => (index % 2 === 1 ? part : part.replace(/([*_])/g, '\\$1')))
    .join('')
    .replace(/\|/g, '\\|')
    .trim();
const code = (text) => (text === undefined || text === '' ? '' : `\`${String(text).replace(/`/g, "'")}\``);

function actionTables(name) {
  const action = parse(readFileSync(join(root, 'actions', name, 'action.yml'), 'utf8'));
  const inputs = Object.entries(action.inputs ?? {}).map(
    ([input, spec]) => `| \`${input}\` | ${code(spec.default)} | ${cell(spec.description)} |`,
  );
  const outputs = Object.entries(action.outputs ?? {}).map(
    ([output, spec]) => `| \`${output}\` | ${cell(spec.description)} |`,
  );
  return [
    '| input | default | description |',
    '| --- | --- | --- |',
    ...inputs,
    '',
    '| output | description |',
    '| --- | --- |',
    ...outputs,
  ].join('\n');
}

function describeType(schema) {
  // `a`, `b` or `c`: a pipe inside a table cell splits it on GitHub even when escaped twice.
  if (schema.enum) {
    const values = schema.enum.map((v) => code(v));
    return values.length < 2 ? values.join('') : `${values.slice(0, -1).join(', ')} or ${values.at(-1)}`;
  }
  if (schema.const !== undefined) return code(schema.const);
  if (schema.anyOf) return schema.anyOf.map(describeType).join(' or ');
  const type = Array.isArray(schema.type) ? schema.type.join(' or ') : schema.type;
  if (type === 'array') return `list of ${schema.items ? describeType(schema.items) : 'values'}`;
  const range = [
    schema.minimum !== undefined ? `≥ ${schema.minimum}` : '',
    schema.maximum !== undefined ? `≤ ${schema.maximum}` : '',
  ]
    .filter(Boolean)
    .join(', ');
  return `${type ?? 'value'}${range ? ` (${range})` : ''}`;
}

function policyRows(schema, path, rows) {
  for (const [key, child] of Object.entries(schema.properties ?? {})) {
    const name = path ? `${path}.${key}` : key;
    rows.push(`| \`${name}\` | ${cell(describeType(child))} | ${cell(child.description)} |`);
    if (child.type === 'object') policyRows(child, name, rows);
    if (child.type === 'array' && child.items?.type === 'object') policyRows(child.items, `${name}[]`, rows);
    if (child.additionalProperties && typeof child.additionalProperties === 'object') {
      rows.push(`| \`${name}.<name>\` | object | ${cell(child.additionalProperties.description)} |`);
      policyRows(child.additionalProperties, `${name}.<name>`, rows);
    }
  }
  return rows;
}

function policyTable() {
  const schema = JSON.parse(readFileSync(join(root, 'floodgate.schema.json'), 'utf8'));
  return ['| key | type | description |', '| --- | --- | --- |', ...policyRows(schema, '', [])].join('\n');
}

// The TypeScript sources, read once through tsx (a dev dependency), as scripts/build.mjs reads the schema.
let sources;
function tsSources() {
  sources ??= JSON.parse(
    execFileSync(
      process.execPath,
      [
        '--import',
        'tsx',
        '-e',
        `Promise.all([import('./packages/core/src/index.ts'), import('./packages/cli/src/init/detect.ts')]).then(
          ([core, detect]) => process.stdout.write(JSON.stringify({
            defaults: core.defaultPolicy(),
            withoutFile: core.policyWithoutFile().policy,
            commands: detect.COVERAGE_COMMANDS,
          })))`,
      ],
      { cwd: root, encoding: 'utf8' },
    ),
  );
  return sources;
}

const codeList = (values) => (values.length === 0 ? 'none' : values.map((value) => code(value)).join(', '));
const defaultValue = (value) =>
  value === null ? 'off (`null`)' : Array.isArray(value) ? codeList(value) : code(String(value));

function schemaAt(schema, path) {
  return path.reduce((node, key) => node?.properties?.[key], schema);
}

// Keys whose schema entry has no description of its own (the schema is packages/core's): what they mean.
const DEFAULT_NOTES = {
  'merge.method': 'How automatic merges merge: squash, merge or rebase',
  'merge.delete-branch': 'Delete the head branch after an automatic merge',
  'merge.wait': 'Wait after the head was first decided on before merging',
  'merge.min-ai-confidence': "An agent's confidence (0 to 1) below this asks for review",
  'merge.max-lines-changed': 'More lines changed than this asks for review',
  'merge.review-tiers': 'Risk tiers that ask for review',
  'merge.review-on-coverage-drop': 'A coverage drop against the base asks for review',
  'merge.pending-label': 'Label of PRs waiting for their automatic merge',
};

function defaultsTables() {
  const { defaults, withoutFile } = tsSources();
  const schema = JSON.parse(readFileSync(join(root, 'floodgate.schema.json'), 'utf8'));
  const tiers = Object.entries(defaults.risk.tiers).map(
    ([name, tier]) =>
      `| \`${name}\` | ≥ ${tier['min-score']} | ${codeList(tier.labels)} | ${tier.reviewers.count} | ${tier.qa} | ${tier['requires-human'] ? 'yes' : 'no'} |`,
  );
  const factors = Object.entries(defaults.risk.factors).map(
    ([name, factor]) =>
      `| \`${name}\` | ${factor.kind} | ${factor.score} | ${factor.enabled ? 'on' : 'off'} | ${cell(factor.description)} |`,
  );
  const scalars = [];
  for (const section of ['coverage', 'perf', 'merge']) {
    for (const [key, value] of Object.entries(defaults[section])) {
      // Lists of objects (components, metrics, slos) are empty by default and have their own reference rows.
      if (
        Array.isArray(value) &&
        value.length === 0 &&
        schemaAt(schema, [section, key])?.items?.type === 'object'
      )
        continue;
      const described = schemaAt(schema, [section, key])?.description;
      const note = DEFAULT_NOTES[`${section}.${key}`];
      const description = note && described ? `${note} (${described})` : (described ?? note);
      scalars.push(`| \`${section}.${key}\` | ${cell(defaultValue(value))} | ${cell(description)} |`);
    }
  }
  const differences = Object.entries(defaults.merge)
    .filter(([key, value]) => JSON.stringify(withoutFile.merge[key]) !== JSON.stringify(value))
    .map(([key]) => `\`merge.${key}\` is ${defaultValue(withoutFile.merge[key])}`);
  const requesters = defaults.ai.requesters.flatMap((entry) => entry.agents);
  return [
    `Mode ${code(defaults.mode)}. Without any policy file the same defaults apply, except that ${differences.join(', ')}: nothing merges automatically until a policy says so.`,
    '',
    '| tier | `min-score` | labels | reviewers | QA strategy | human review |',
    '| --- | --- | --- | --- | --- | --- |',
    ...tiers,
    '',
    '| risk factor | kind | score | enabled | description |',
    '| --- | --- | ---: | --- | --- |',
    ...factors,
    '',
    '| key | default | description |',
    '| --- | --- | --- |',
    ...scalars,
    '',
    '| AI-generated when (any match) | default |',
    '| --- | --- |',
    `| \`ai.authors\` (PR author login) | ${cell(codeList(defaults.ai.authors))} |`,
    `| \`ai.labels\` | ${cell(codeList(defaults.ai.labels))} |`,
    `| \`ai.trailers\` (commit message lines, globs) | ${cell(codeList(defaults.ai.trailers))} |`,
    `| \`ai.requesters\` (who asked the agent) | ${cell(`assignees, "Requested by @login" and noreply Co-authored-by trailers for every AI PR; agent-specific patterns for ${codeList(requesters)}`)} |`,
  ].join('\n');
}

function coverageCommandsTable() {
  const { commands } = tsSources();
  return [
    '| ecosystem | `floodgate init` picks it for | test step (`run:`) | coverage-gate `files` | the repository needs |',
    '| --- | --- | --- | --- | --- |',
    ...commands.map(
      (entry) =>
        `| ${cell(entry.name)} | ${cell(entry.when)} | ${code(entry.test)} | ${code(entry.report)} | ${cell(entry.needs)} |`,
    ),
  ].join('\n');
}

// A block's old body never reaches into the next block, and an empty block is fine.
const BLOCK = /(<!-- generated:(\S+)(?: (\S+))? -->\n)(?:(?!<!-- generated:)[\s\S])*?(<!-- \/generated -->)/g;

export function renderReadme(text) {
  return text.replace(BLOCK, (_, open, kind, name, close) => {
    const generators = {
      action: () => actionTables(name),
      policy: policyTable,
      defaults: defaultsTables,
      'coverage-commands': coverageCommandsTable,
    };
    const body = generators[kind]?.();
    if (body === undefined) throw new Error(`README: unknown generated block '${kind}'`);
    return `${open}${body}\n${close}`;
  });
}

const readmePath = join(root, 'README.md');
const current = readFileSync(readmePath, 'utf8');
// Formatted as `pnpm lint` expects, so a fresh build and the lint check agree.
const prettier = await import('prettier');
const options = (await prettier.resolveConfig(readmePath)) ?? {};
const next = await prettier.format(renderReadme(current), { ...options, filepath: readmePath });
if (process.argv.includes('--check')) {
  if (next !== current) {
    console.error(
      'README.md: the generated reference tables are stale: run `pnpm build` and commit README.md',
    );
    process.exit(1);
  }
  console.log('README.md: generated tables are current');
} else if (next !== current) {
  writeFileSync(readmePath, next);
  console.log('README.md: generated tables updated');
}
