import { randomUUID } from 'node:crypto';
import { appendFileSync, constants, existsSync } from 'node:fs';
import { access, appendFile } from 'node:fs/promises';
import { EOL } from 'node:os';
import type { AnnotationProperties } from '@actions/core';

/**
 * The few runner commands an action writes, byte for byte as @actions/core 3 writes them
 * (workflow commands on stdout, GITHUB_OUTPUT and GITHUB_STEP_SUMMARY file commands). Importing
 * @actions/core itself loads its OIDC client, @actions/http-client and undici (about 1 MB of
 * bundle, more than the rest of an offline run costs to start); the API client loads them only
 * when a token is given.
 */
export type { AnnotationProperties };

function commandValue(input: unknown): string {
  if (input === null || input === undefined) return '';
  if (typeof input === 'string' || input instanceof String) return String(input);
  return JSON.stringify(input);
}

const escapeData = (text: unknown) =>
  commandValue(text).replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const escapeProperty = (text: unknown) => escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');

export function issueCommand(
  command: string,
  properties: Record<string, string | number | undefined>,
  message: unknown,
): void {
  const set = Object.entries(properties).filter(([, value]) => value);
  const props =
    set.length > 0 ? ` ${set.map(([key, value]) => `${key}=${escapeProperty(value)}`).join(',')}` : '';
  process.stdout.write(`::${command}${props}::${escapeData(message)}${EOL}`);
}

/** @actions/core's toCommandProperties: annotation fields under the runner's names. */
function annotation(properties: AnnotationProperties = {}): Record<string, string | number | undefined> {
  if (Object.keys(properties).length === 0) return {};
  return {
    title: properties.title,
    file: properties.file,
    line: properties.startLine,
    endLine: properties.endLine,
    col: properties.startColumn,
    endColumn: properties.endColumn,
  };
}

export function info(message: string): void {
  process.stdout.write(message + EOL);
}

export function debug(message: string): void {
  issueCommand('debug', {}, message);
}

export function notice(message: string, properties?: AnnotationProperties): void {
  issueCommand('notice', annotation(properties), message);
}

export function warning(message: string, properties?: AnnotationProperties): void {
  issueCommand('warning', annotation(properties), message);
}

export function error(message: string, properties?: AnnotationProperties): void {
  issueCommand('error', annotation(properties), message);
}

export function setOutput(name: string, value: unknown): void {
  const file = process.env['GITHUB_OUTPUT'] || '';
  if (!file) {
    process.stdout.write(EOL);
    issueCommand('set-output', { name }, commandValue(value));
    return;
  }
  const delimiter = `ghadelimiter_${randomUUID()}`;
  const text = commandValue(value);
  if (name.includes(delimiter) || text.includes(delimiter)) {
    throw new Error(`Unexpected input: the output ${name} contains the delimiter "${delimiter}"`);
  }
  if (!existsSync(file)) throw new Error(`Missing file at path: ${file}`);
  appendFileSync(file, `${name}<<${delimiter}${EOL}${text}${EOL}${delimiter}${EOL}`, { encoding: 'utf8' });
}

/** Appends Markdown (and a line end) to the job summary file named by GITHUB_STEP_SUMMARY. */
export async function appendSummary(markdown: string): Promise<void> {
  const file = process.env['GITHUB_STEP_SUMMARY'];
  if (!file) {
    throw new Error(
      'Unable to find environment variable for $GITHUB_STEP_SUMMARY. Check if your runtime environment supports job summaries.',
    );
  }
  try {
    await access(file, constants.R_OK | constants.W_OK);
  } catch {
    throw new Error(
      `Unable to access summary file: '${file}'. Check if the file has correct read/write permissions.`,
    );
  }
  await appendFile(file, markdown + EOL, { encoding: 'utf8' });
}
