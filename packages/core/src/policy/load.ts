import type { ErrorObject } from 'ajv';
import { LineCounter, parseDocument, type Document } from 'yaml';
import { InvalidFileError } from '../shared/errors.js';
import { defaultPolicy } from './defaults.js';
import validateSchema from './schema-validator.js';
import { checkPolicy } from './semantics.js';
import type { Policy } from './types.js';
import { describePath, locate, type PathSegment } from './yaml-positions.js';

export interface LoadedPolicy {
  policy: Policy;
  /** the file it came from, or undefined when the defaults apply */
  file?: string;
}

function pathOf(instancePath: string): PathSegment[] {
  if (instancePath === '') return [];
  return instancePath
    .slice(1)
    .split('/')
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

function show(value: unknown): string {
  if (typeof value === 'string') return `'${value}'`;
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return String(value);
}

function explain(
  error: ErrorObject,
  data: unknown,
): { path: PathSegment[]; atKey: boolean; problem: string } {
  const path = pathOf(error.instancePath);
  const where = describePath(path);
  const actual = path.reduce<unknown>(
    (value, segment) => (value as Record<string | number, unknown> | undefined)?.[segment],
    data,
  );
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'additionalProperties': {
      const key = String(params.additionalProperty);
      const schemaProperties = (error.parentSchema as { properties?: Record<string, unknown> } | undefined)
        ?.properties;
      const allowed = schemaProperties ? Object.keys(schemaProperties).join(', ') : '';
      return {
        path: [...path, key],
        atKey: true,
        problem: `unknown key '${key}' in ${where}${allowed ? ` (expected one of: ${allowed})` : ''}`,
      };
    }
    case 'enum':
      return {
        path,
        atKey: false,
        problem: `expected one of ${(params.allowedValues as unknown[]).map(show).join(', ')} at ${where}, found ${show(actual)}`,
      };
    case 'const':
      return {
        path,
        atKey: false,
        problem: `expected ${show(params.allowedValue)} at ${where}, found ${show(actual)}`,
      };
    case 'type':
      return {
        path,
        atKey: false,
        problem: `expected ${String(params.type)} at ${where}, found ${show(actual)}`,
      };
    case 'required':
      return {
        path,
        atKey: false,
        problem: `missing required key '${String(params.missingProperty)}' in ${where}`,
      };
    case 'propertyNames':
      return {
        path: [...path, String(params.propertyName)],
        atKey: true,
        problem: `invalid name '${String(params.propertyName)}' in ${where} (expected lowercase letters, digits and '-')`,
      };
    case 'anyOf': {
      const description = (error.parentSchema as { description?: string } | undefined)?.description;
      return {
        path,
        atKey: false,
        problem: `expected ${description ?? 'a valid value'} at ${where}, found ${show(actual)}`,
      };
    }
    default:
      return {
        path,
        atKey: false,
        problem: `${where} ${error.message ?? 'is invalid'}, found ${show(actual)}`,
      };
  }
}

function parseYaml(text: string, file: string): { doc: Document; counter: LineCounter; data: unknown } {
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, uniqueKeys: true, prettyErrors: false });
  const first = doc.errors[0];
  if (first) {
    const { line, col } = counter.linePos(first.pos[0]);
    const reason = first.message.split('\n')[0] ?? 'invalid YAML';
    throw new InvalidFileError({ file, line, column: col }, `expected valid YAML: ${reason}`);
  }
  return { doc, counter, data: doc.toJS({ maxAliasCount: 100 }) as unknown };
}

/**
 * Reads a policy file's text (undefined when the repository has none) into a complete policy:
 * the file's values over the defaults. Any problem (bad YAML, unknown key, wrong type, a rule
 * that cannot work) is one `file:line:col: what was expected` error, never a silent default.
 */
export function loadPolicy(text: string | undefined, file: string): LoadedPolicy {
  if (text === undefined) return { policy: defaultPolicy() };
  const { doc, counter, data } = parseYaml(text, file);
  if (data === null || data === undefined || typeof data !== 'object' || Array.isArray(data)) {
    throw new InvalidFileError(
      locate(doc, counter, file, []),
      `expected a mapping starting with 'version: 1', found ${data === null || data === undefined ? 'an empty file' : show(data)}`,
    );
  }
  // schema.ts compiled by ajv at build time (allErrors, verbose): no schema compile at run time.
  if (!validateSchema(data)) {
    const all = validateSchema.errors ?? [];
    // An anyOf explains itself better than each of its branches' complaints.
    const anyOfPaths = all.filter((error) => error.keyword === 'anyOf').map((error) => error.schemaPath);
    const errors = all.filter(
      (error) =>
        error.keyword === 'anyOf' || !anyOfPaths.some((path) => error.schemaPath.startsWith(`${path}/`)),
    );
    // Report the error nearest the top of the file: that is the one users fix first.
    const located = errors.map((error) => {
      const explained = explain(error, data);
      return { ...explained, position: locate(doc, counter, file, explained.path, explained.atKey) };
    });
    located.sort(
      (a, b) =>
        (a.position.line ?? 0) - (b.position.line ?? 0) ||
        (a.position.column ?? 0) - (b.position.column ?? 0),
    );
    const first = located[0];
    if (first) throw new InvalidFileError(first.position, first.problem);
  }
  const policy = checkPolicy(data as Record<string, unknown>, (path, problem, atKey = false) => {
    throw new InvalidFileError(locate(doc, counter, file, path, atKey), problem);
  });
  return { policy, file };
}
