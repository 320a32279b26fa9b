import { InvalidInputError, parseDurationMinutes } from '@floodgate/core';

/** Where input values come from: `@actions/core`'s getInput in actions, a map in tests. */
export type InputReader = (name: string) => string;

/** Reads `INPUT_*` exactly as the runner sets them: uppercased, spaces to `_`, hyphens kept. */
export function envInputReader(env: NodeJS.ProcessEnv = process.env): InputReader {
  return (name) => (env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? '').trim();
}

/**
 * Typed views of action inputs. Every parser rejects what it does not understand with one line
 * naming the input and what it accepts, so a typo never falls back to a default silently.
 */
export class Inputs {
  constructor(private readonly read: InputReader) {}

  string(name: string): string | undefined {
    const value = this.read(name);
    return value === '' ? undefined : value;
  }

  required(name: string): string {
    const value = this.string(name);
    if (value === undefined) throw new InvalidInputError(name, 'is required and was not given');
    return value;
  }

  /** YAML 1.2 core booleans only, like @actions/core's getBooleanInput. */
  boolean(name: string, fallback: boolean): boolean {
    const value = this.string(name);
    if (value === undefined) return fallback;
    if (['true', 'True', 'TRUE'].includes(value)) return true;
    if (['false', 'False', 'FALSE'].includes(value)) return false;
    throw new InvalidInputError(name, `expected true or false, found '${value}'`);
  }

  oneOf<T extends string>(name: string, allowed: readonly T[], fallback: T): T;
  oneOf<T extends string>(name: string, allowed: readonly T[]): T | undefined;
  oneOf<T extends string>(name: string, allowed: readonly T[], fallback?: T): T | undefined {
    const value = this.string(name);
    if (value === undefined) return fallback;
    if (!(allowed as readonly string[]).includes(value)) {
      throw new InvalidInputError(name, `expected one of ${allowed.join(', ')}, found '${value}'`);
    }
    return value as T;
  }

  number(name: string, range: { min?: number; max?: number; integer?: boolean } = {}): number | undefined {
    const value = this.string(name);
    if (value === undefined) return undefined;
    const parsed = Number(value.replace(/%$/, ''));
    const kind = range.integer ? 'an integer' : 'a number';
    const bounds =
      range.min !== undefined && range.max !== undefined
        ? ` from ${range.min} to ${range.max}`
        : range.min !== undefined
          ? ` of at least ${range.min}`
          : '';
    if (
      !Number.isFinite(parsed) ||
      (range.integer && !Number.isInteger(parsed)) ||
      (range.min !== undefined && parsed < range.min) ||
      (range.max !== undefined && parsed > range.max)
    ) {
      throw new InvalidInputError(name, `expected ${kind}${bounds}, found '${value}'`);
    }
    return parsed;
  }

  /** Newline-separated (commas too, for one-line values) list; blank lines and `#` comments skipped. */
  list(name: string): string[] {
    const value = this.string(name);
    if (value === undefined) return [];
    return value
      .split(/\r?\n/)
      .flatMap((line) => (line.includes(',') && !/[{}]/.test(line) ? line.split(',') : [line]))
      .map((item) => item.trim())
      .filter((item) => item !== '' && !item.startsWith('#'));
  }

  /** A full 40-hex commit SHA (lowercased). */
  sha(name: string): string | undefined {
    const value = this.string(name);
    if (value === undefined) return undefined;
    if (!/^[0-9a-fA-F]{40}$/.test(value))
      throw new InvalidInputError(name, `expected a full 40-character commit SHA, found '${value}'`);
    return value.toLowerCase();
  }

  /** Minutes, from '60m', '1h', '90s' or a plain number of minutes. */
  durationMinutes(name: string): number | undefined {
    const value = this.string(name);
    if (value === undefined) return undefined;
    const minutes = parseDurationMinutes(value);
    if (minutes === undefined)
      throw new InvalidInputError(name, `expected a duration such as '60m', '2h' or '0', found '${value}'`);
    return minutes;
  }
}
