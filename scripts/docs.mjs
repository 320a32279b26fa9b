#!/usr/bin/env node
// Generates the README's reference tables from their sources, between markers:
//   <!-- generated:action <name> --> ... <!-- /generated -->   inputs and outputs of actions/<name>/action.yml
//   <!-- generated:policy --> ... <!-- /generated -->          every key of floodgate.schema.json
// `--check` fails when the README is stale instead of writing it.
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

// A block's old body never reaches into the next block, and an empty block is fine.
const BLOCK = /(<!-- generated:(\S+)(?: (\S+))? -->\n)(?:(?!<!-- generated:)[\s\S])*?(<!-- \/generated -->)/g;

export function renderReadme(text) {
  return text.replace(BLOCK, (_, open, kind, name, close) => {
    const body = kind === 'action' ? actionTables(name) : kind === 'policy' ? policyTable() : undefined;
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
