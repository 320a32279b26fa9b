/**
 * The part of GitHub Actions' expression language our workflows use, so the pipeline test
 * can run the reusable workflow file itself: literals, context lookups (`inputs.x`,
 * `needs.risk.outputs.tier`, `steps.id.outputs.y`, `secrets.t`, `github.token`), `!`, `==`, `!=`
 * (strings compared case-insensitively, as GitHub does), `&&`, `||` (returning an operand, as
 * GitHub does), parentheses, the status functions and `format()`. Anything else throws, so the
 * test cannot silently misread a workflow.
 */
export type Value = string | number | boolean | null | { [key: string]: Value };
export interface Context {
  [name: string]: Value;
}
export interface StatusFunctions {
  success: boolean;
  failure: boolean;
}

type Token = { kind: 'string' | 'number' | 'ident' | 'op'; text: string };

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const ch = source[i] as string;
    if (/\s/.test(ch)) {
      i++;
    } else if (ch === "'") {
      let text = '';
      i++;
      while (i < source.length) {
        if (source[i] === "'" && source[i + 1] === "'") {
          text += "'";
          i += 2;
        } else if (source[i] === "'") break;
        else text += source[i++];
      }
      i++;
      tokens.push({ kind: 'string', text });
    } else if (/[0-9]/.test(ch)) {
      const match = /^[0-9.]+/.exec(source.slice(i))![0];
      tokens.push({ kind: 'number', text: match });
      i += match.length;
    } else if (/[A-Za-z_]/.test(ch)) {
      const match = /^[A-Za-z_][A-Za-z0-9_.-]*/.exec(source.slice(i))![0];
      tokens.push({ kind: 'ident', text: match });
      i += match.length;
    } else {
      const op =
        ['==', '!=', '&&', '||'].find((o) => source.startsWith(o, i)) ??
        (['!', '(', ')', ','].includes(ch) ? ch : undefined);
      if (!op) throw new Error(`unsupported character '${ch}' in expression: ${source}`);
      tokens.push({ kind: 'op', text: op });
      i += op.length;
    }
  }
  return tokens;
}

const truthy = (value: Value): boolean => !(value === false || value === 0 || value === '' || value === null);

function equals(a: Value, b: Value): boolean {
  if (typeof a === 'string' && typeof b === 'string') return a.toLowerCase() === b.toLowerCase();
  if (typeof a === 'number' || typeof b === 'number') return Number(a) === Number(b);
  return a === b;
}

function lookup(path: string, context: Context): Value {
  let value: Value = context;
  for (const part of path.split('.')) {
    if (value === null || typeof value !== 'object') return null;
    value = (value as Record<string, Value>)[part] ?? null;
  }
  return value;
}

export function evaluate(
  source: string,
  context: Context,
  status: StatusFunctions = { success: true, failure: false },
): Value {
  const tokens = tokenize(source);
  let position = 0;
  const peek = () => tokens[position];
  const expect = (text: string) => {
    if (peek()?.text !== text) throw new Error(`expected '${text}' in expression: ${source}`);
    position++;
  };
  const primary = (): Value => {
    const token = tokens[position++];
    if (!token) throw new Error(`unexpected end of expression: ${source}`);
    if (token.kind === 'string') return token.text;
    if (token.kind === 'number') return Number(token.text);
    if (token.kind === 'op' && token.text === '(') {
      const value = or();
      expect(')');
      return value;
    }
    if (token.kind === 'op' && token.text === '!') return !truthy(primary());
    if (token.kind === 'ident') {
      if (token.text === 'true') return true;
      if (token.text === 'false') return false;
      if (token.text === 'null') return null;
      if (peek()?.text === '(') {
        expect('(');
        const args: Value[] = [];
        while (peek()?.text !== ')') {
          if (args.length > 0) expect(',');
          args.push(or());
        }
        expect(')');
        if (token.text === 'format') return format(args, source);
        if (args.length > 0)
          throw new Error(`unsupported arguments to ${token.text}() in expression: ${source}`);
        switch (token.text) {
          case 'always':
            return true;
          case 'success':
            return status.success;
          case 'failure':
            return status.failure;
          case 'cancelled':
            return false;
          default:
            throw new Error(`unsupported function ${token.text}() in expression: ${source}`);
        }
      }
      return lookup(token.text, context);
    }
    throw new Error(`unexpected '${token.text}' in expression: ${source}`);
  };
  const comparison = (): Value => {
    let left = primary();
    while (peek()?.text === '==' || peek()?.text === '!=') {
      const op = tokens[position++]!.text;
      const right = primary();
      left = op === '==' ? equals(left, right) : !equals(left, right);
    }
    return left;
  };
  const and = (): Value => {
    let left = comparison();
    while (peek()?.text === '&&') {
      position++;
      const right = comparison();
      left = truthy(left) ? right : left;
    }
    return left;
  };
  const or = (): Value => {
    let left = and();
    while (peek()?.text === '||') {
      position++;
      const right = and();
      left = truthy(left) ? left : right;
    }
    return left;
  };
  const value = or();
  if (position !== tokens.length) throw new Error(`unexpected '${peek()?.text}' in expression: ${source}`);
  return value;
}

const text = (value: Value): string =>
  value === null ? '' : typeof value === 'object' ? JSON.stringify(value) : String(value);

/** GitHub's format('{0}/x', a): `{N}` replaced by argument N, `{{` and `}}` escape braces. */
function format(args: Value[], source: string): string {
  const [template, ...values] = args;
  if (typeof template !== 'string') throw new Error(`format() needs a string template: ${source}`);
  return template.replace(/\{\{|\}\}|\{(\d+)\}/g, (match, index?: string) => {
    if (index === undefined) return match[0] as string;
    if (Number(index) >= values.length) throw new Error(`format() has no argument ${index}: ${source}`);
    return text(values[Number(index)] as Value);
  });
}

export function isTruthy(value: Value): boolean {
  return truthy(value);
}

/** A string with `${{ }}` templates, as in `with:` values; a value that is only one template keeps its type. */
export function interpolate(text: string, context: Context): string {
  return text.replace(/\$\{\{([\s\S]*?)\}\}/g, (_, expression: string) => {
    const value = evaluate(expression, context);
    return value === null ? '' : typeof value === 'object' ? JSON.stringify(value) : String(value);
  });
}

/** A job's or step's `if:` (with or without `${{ }}`); without a status function GitHub adds success(). */
export function condition(
  source: string | boolean | undefined,
  context: Context,
  status: StatusFunctions,
): boolean {
  if (source === undefined) return status.success;
  if (typeof source === 'boolean') return source && status.success;
  const expression = source.trim().replace(/^\$\{\{([\s\S]*)\}\}$/, '$1');
  const value = truthy(evaluate(expression, context, status));
  return /\b(always|success|failure|cancelled)\(\)/.test(expression) ? value : value && status.success;
}
