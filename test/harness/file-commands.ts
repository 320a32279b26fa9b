/**
 * Parses a GITHUB_OUTPUT / GITHUB_ENV / GITHUB_STATE file in the runner's format: `name=value` lines
 * and `name<<DELIMITER` heredocs that end at a line equal to DELIMITER. Later writes win.
 */
export function parseFileCommands(text: string, file = 'GITHUB_OUTPUT'): Record<string, string> {
  const values: Record<string, string> = {};
  const lines = text.split(/\r?\n/);
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]!;
    if (line === '') continue;
    const heredoc = line.indexOf('<<');
    const equals = line.indexOf('=');
    if (heredoc > 0 && (equals < 0 || heredoc < equals)) {
      const name = line.slice(0, heredoc);
      const delimiter = line.slice(heredoc + 2);
      if (delimiter === '') throw new Error(`${file}:${index + 1}: empty heredoc delimiter for '${name}'`);
      const body: string[] = [];
      let closed = false;
      while (++index < lines.length) {
        if (lines[index] === delimiter) {
          closed = true;
          break;
        }
        body.push(lines[index]!);
      }
      // The runner fails the step on an unterminated heredoc; so does the harness.
      if (!closed) throw new Error(`${file}: matching delimiter not found '${delimiter}'`);
      values[name] = body.join('\n');
    } else if (equals > 0) {
      values[line.slice(0, equals)] = line.slice(equals + 1);
    } else {
      throw new Error(`${file}:${index + 1}: invalid format '${line}'`);
    }
  }
  return values;
}
