import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Ajv, type ValidateFunction, type ErrorObject } from 'ajv';
import formatsModule, { type FormatsPlugin } from 'ajv-formats';

/** The parts of GitHub's OpenAPI description the fake server reads. */
interface OpenApiParameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema?: JsonSchema;
  'x-multi-segment'?: boolean;
}
interface OpenApiOperation {
  operationId: string;
  parameters?: (OpenApiParameter | { $ref: string })[];
  requestBody?: { required?: boolean; content: Record<string, { schema?: JsonSchema }> };
}
interface OpenApiDocument {
  paths: Record<string, Record<string, OpenApiOperation>>;
  components: { schemas: Record<string, JsonSchema>; parameters: Record<string, OpenApiParameter> };
}
type JsonSchema = { [keyword: string]: unknown };

export interface RouteMatch {
  /** The template as GitHub's description spells it, e.g. /repos/{owner}/{repo}/pulls/{pull_number}. */
  route: string;
  operationId: string;
  params: Record<string, string>;
}

type SegmentMatcher =
  | { kind: 'literal'; text: string }
  | { kind: 'param'; name: string; multiSegment: boolean }
  | { kind: 'pattern'; regex: RegExp; names: string[] };

interface CompiledRoute {
  route: string;
  method: string;
  operation: OpenApiOperation;
  segments: SegmentMatcher[];
  literalCount: number;
}

interface OperationValidators {
  params: ValidateFunction;
  body: ValidateFunction | undefined;
  bodyRequired: boolean;
}

// ajv-formats is CommonJS with a default export; under NodeNext the callable sits on .default.
const addFormats: FormatsPlugin =
  (formatsModule as unknown as { default?: FormatsPlugin }).default ??
  (formatsModule as unknown as FormatsPlugin);

const require = createRequire(import.meta.url);

/** Resolved through the test package's dependencies, read as a file: importing the package loads 385 MB. */
export function openApiDescriptionPath(): string {
  const packageJson = require.resolve('@octokit/openapi/package.json');
  return packageJson.replace(/package\.json$/, 'generated/api.github.com.json');
}

/**
 * GitHub's REST description, matched and validated lazily: path templates are compiled up front
 * (cheap), Ajv validators only on an operation's first request.
 */
export class OpenApiCatalog {
  private readonly byMethod = new Map<string, CompiledRoute[]>();
  private readonly validators = new Map<string, OperationValidators>();
  private readonly bodyAjv: Ajv;
  private readonly paramAjv: Ajv;

  constructor(private readonly document: OpenApiDocument) {
    for (const [route, methods] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(methods)) {
        const segments = compileSegments(route, this.parametersOf(operation));
        const compiled: CompiledRoute = {
          route,
          method: method.toUpperCase(),
          operation,
          segments,
          literalCount: segments.filter((s) => s.kind === 'literal').length,
        };
        const list = this.byMethod.get(compiled.method) ?? [];
        list.push(compiled);
        this.byMethod.set(compiled.method, list);
      }
    }
    // Most specific first: more literal segments, then fewer segments that swallow slashes.
    for (const list of this.byMethod.values()) {
      list.sort((a, b) => b.literalCount - a.literalCount || multiCount(a) - multiCount(b));
    }
    this.bodyAjv = new Ajv({ strict: false, allErrors: true, validateSchema: false });
    addFormats(this.bodyAjv);
    this.paramAjv = new Ajv({ strict: false, allErrors: true, coerceTypes: 'array', validateSchema: false });
    addFormats(this.paramAjv);
  }

  static load(path = openApiDescriptionPath()): OpenApiCatalog {
    return new OpenApiCatalog(JSON.parse(readFileSync(path, 'utf8')) as OpenApiDocument);
  }

  /** Whether any method knows this path (to tell 404 from 405-ish misuse in messages). */
  match(method: string, pathname: string): RouteMatch | undefined {
    // Raw segments: an encoded slash (%2F) inside a branch name must not split the path.
    const parts = pathname.split('/').slice(1);
    for (const candidate of this.byMethod.get(method.toUpperCase()) ?? []) {
      const params = matchSegments(candidate.segments, parts);
      if (params) return { route: candidate.route, operationId: candidate.operation.operationId, params };
    }
    return undefined;
  }

  /** Problems with the request's parameters and body; empty when GitHub's description accepts it. */
  validate(
    method: string,
    match: RouteMatch,
    query: Record<string, string | string[]>,
    body: unknown,
    hasBody: boolean,
  ): string[] {
    const validators = this.validatorsFor(method.toUpperCase(), match.route);
    const problems: string[] = [];
    const params: Record<string, unknown> = { ...query, ...match.params };
    if (!validators.params(params)) {
      problems.push(...formatErrors(validators.params.errors, 'parameter'));
    }
    if (validators.body) {
      if (!hasBody) {
        if (validators.bodyRequired) problems.push('request body: required by the operation but missing');
      } else if (!validators.body(body)) {
        problems.push(...formatErrors(validators.body.errors, 'body'));
      }
    } else if (hasBody && method.toUpperCase() !== 'GET' && body !== null && !isEmptyObject(body)) {
      problems.push('request body: the operation takes no body');
    }
    return problems;
  }

  private validatorsFor(method: string, route: string): OperationValidators {
    const key = `${method} ${route}`;
    const cached = this.validators.get(key);
    if (cached) return cached;
    const operation = this.document.paths[route]?.[method.toLowerCase()];
    if (!operation) throw new Error(`no operation ${key}`);
    const properties: Record<string, JsonSchema> = {};
    const required: string[] = [];
    for (const parameter of this.parametersOf(operation)) {
      if (parameter.in !== 'path' && parameter.in !== 'query') continue;
      properties[parameter.name] = toAjvSchema(parameter.schema ?? {}, this.document, new Map());
      if (parameter.required) required.push(parameter.name);
    }
    const params = this.paramAjv.compile({
      type: 'object',
      properties,
      required,
      additionalProperties: false,
    });
    const jsonBody = operation.requestBody?.content['application/json']?.schema;
    let body: ValidateFunction | undefined;
    if (jsonBody) {
      const defs = new Map<string, JsonSchema>();
      const root = toAjvSchema(jsonBody, this.document, defs);
      // GitHub ignores unknown top-level fields; a fake that rejects them catches misspelt ones.
      if (root.type === 'object' && root.properties && root.additionalProperties === undefined) {
        root.additionalProperties = false;
      }
      body = this.bodyAjv.compile({ ...root, $defs: Object.fromEntries(defs) });
    }
    const validators = { params, body, bodyRequired: operation.requestBody?.required === true };
    this.validators.set(key, validators);
    return validators;
  }

  private parametersOf(operation: OpenApiOperation): OpenApiParameter[] {
    return (operation.parameters ?? []).map((p) => {
      if ('$ref' in p) {
        const resolved = this.document.components.parameters[p.$ref.split('/').pop() ?? ''];
        if (!resolved) throw new Error(`unresolved parameter ${p.$ref}`);
        return resolved;
      }
      return p;
    });
  }
}

function multiCount(route: CompiledRoute): number {
  return route.segments.filter((s) => s.kind === 'param' && s.multiSegment).length;
}

function compileSegments(route: string, parameters: OpenApiParameter[]): SegmentMatcher[] {
  const parts = route.split('/').slice(1);
  return parts.map((part): SegmentMatcher => {
    const whole = /^\{([^}]+)\}$/.exec(part);
    if (whole?.[1]) {
      const name = whole[1];
      const declared = parameters.find((p) => p.name === name && p.in === 'path');
      const multiSegment = declared?.['x-multi-segment'] === true;
      return { kind: 'param', name, multiSegment };
    }
    if (part.includes('{')) {
      const names: string[] = [];
      const source = part.replace(
        /\{([^}]+)\}|([^{]+)/g,
        (_all, name: string | undefined, text: string | undefined) => {
          if (name) {
            names.push(name);
            return '(.+?)';
          }
          return (text ?? '').replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
        },
      );
      return { kind: 'pattern', regex: new RegExp(`^${source}$`, 's'), names };
    }
    return { kind: 'literal', text: part };
  });
}

/**
 * Backtracking match: a parameter GitHub marks `x-multi-segment` (refs, branches, file paths) may span
 * several raw segments, also in the middle of a path (/commits/{ref}/check-runs with ref = feature/x).
 */
function matchSegments(
  segments: SegmentMatcher[],
  parts: string[],
  index = 0,
  cursor = 0,
  params: Record<string, string> = {},
): Record<string, string> | undefined {
  if (index === segments.length) return cursor === parts.length ? params : undefined;
  if (cursor >= parts.length) return undefined;
  const segment = segments[index]!;
  if (segment.kind === 'literal') {
    return safeDecode(parts[cursor]!) === segment.text
      ? matchSegments(segments, parts, index + 1, cursor + 1, params)
      : undefined;
  }
  const isLast = index === segments.length - 1;
  const multi = (segment.kind === 'param' && segment.multiSegment) || (segment.kind === 'pattern' && isLast);
  const maxSpan = multi ? parts.length - cursor : 1;
  for (let span = maxSpan; span >= 1; span--) {
    const value = safeDecode(parts.slice(cursor, cursor + span).join('/'));
    if (value === undefined || value === '') continue;
    const found: Record<string, string> = {};
    if (segment.kind === 'param') {
      found[segment.name] = value;
    } else {
      const groups = segment.regex.exec(value);
      if (!groups) continue;
      segment.names.forEach((name, i) => (found[name] = groups[i + 1] ?? ''));
    }
    const rest = matchSegments(segments, parts, index + 1, cursor + span, { ...params, ...found });
    if (rest) return rest;
  }
  return undefined;
}

/** OpenAPI 3.0 schema -> JSON Schema Ajv understands: `nullable` becomes anyOf null, refs point into $defs. */
function toAjvSchema(
  schema: JsonSchema,
  document: OpenApiDocument,
  defs: Map<string, JsonSchema>,
): JsonSchema {
  const convert = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(convert);
    if (node === null || typeof node !== 'object') return node;
    const source = node as JsonSchema;
    if (typeof source.$ref === 'string') {
      const name = source.$ref.replace('#/components/schemas/', '');
      if (!defs.has(name)) {
        const target = document.components.schemas[name];
        if (!target) throw new Error(`unresolved schema ${source.$ref}`);
        defs.set(name, {});
        defs.set(name, convert(target) as JsonSchema);
      }
      return { $ref: `#/$defs/${name}` };
    }
    const out: JsonSchema = {};
    for (const [key, value] of Object.entries(source)) {
      if (key === 'nullable' || key === 'example' || key === 'examples' || key === 'description') continue;
      // `properties` maps names to schemas; its keys are never keywords.
      out[key] =
        key === 'properties' && value && typeof value === 'object'
          ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, convert(v)]))
          : convert(value);
    }
    return source.nullable === true ? { anyOf: [out, { type: 'null' }] } : out;
  };
  return convert(schema) as JsonSchema;
}

function formatErrors(errors: ErrorObject[] | null | undefined, what: 'parameter' | 'body'): string[] {
  const seen = new Set<string>();
  const all = errors ?? [];
  // The branches Ajv tried for a nullable (anyOf [x, null]) only repeat the real complaint.
  const isNullableNoise = (e: ErrorObject) =>
    e.keyword === 'anyOf' || (e.keyword === 'type' && (e.params as { type?: string }).type === 'null');
  const meaningful = all.some((e) => !isNullableNoise(e)) ? all.filter((e) => !isNullableNoise(e)) : all;
  for (const error of meaningful) {
    const where = error.instancePath || '/';
    let message = `${what} ${where}: ${error.message ?? 'invalid'}`;
    if (error.keyword === 'additionalProperties') {
      message = `${what} ${where}: unknown ${what === 'body' ? 'field' : 'name'} '${String(
        (error.params as { additionalProperty?: string }).additionalProperty,
      )}'`;
    } else if (error.keyword === 'enum') {
      message += ` (${JSON.stringify((error.params as { allowedValues?: unknown }).allowedValues)})`;
    }
    seen.add(message);
  }
  return [...seen];
}

function safeDecode(text: string): string | undefined {
  try {
    return decodeURIComponent(text);
  } catch {
    return undefined;
  }
}

function isEmptyObject(value: unknown): boolean {
  return typeof value === 'object' && value !== null && Object.keys(value).length === 0;
}
