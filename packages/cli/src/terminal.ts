/** Colour only for a person at a terminal: never in pipes, files, CI logs, or with NO_COLOR set. */
export function useColour(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv): boolean {
  return stream.isTTY === true && (env.NO_COLOR ?? '') === '' && env.TERM !== 'dumb';
}

export type Paint = (style: 'bold' | 'red' | 'yellow' | 'green' | 'dim', text: string) => string;

const CODES = { bold: 1, red: 31, yellow: 33, green: 32, dim: 2 } as const;

export function painter(colour: boolean): Paint {
  return colour ? (style, text) => `\u001b[${CODES[style]}m${text}\u001b[0m` : (_style, text) => text;
}

/**
 * Text from the repository (paths, report lines) printed to a terminal: control characters are
 * shown escaped, so a file name cannot move the cursor or recolour the output.
 */
export function printable(text: string): string {
  return text.replace(
    // eslint-disable-next-line no-control-regex
    /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g,
    (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`,
  );
}
