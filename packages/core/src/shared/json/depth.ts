/**
 * The offset of the first `[` or `{` that opens a level past `max`, or undefined when the text nests no deeper.
 * Strings are skipped whole, so brackets inside them do not count. Only the structure is looked at: a text
 * that is not JSON is JSON.parse's to refuse. One pass, no allocation: a JSON report as deep as its size
 * allows would otherwise make JSON.parse build that many nested values (3 times an ordinary report's memory).
 */
export function nestingPastDepth(text: string, max: number): number | undefined {
  let depth = 0;
  const length = text.length;
  for (let i = 0; i < length; i++) {
    const code = text.charCodeAt(i);
    if (code === 0x22) {
      // To the closing quote: one not preceded by an odd number of backslashes.
      let end = text.indexOf('"', i + 1);
      while (end !== -1) {
        let slashes = 0;
        while (text.charCodeAt(end - 1 - slashes) === 0x5c) slashes++;
        if (slashes % 2 === 0) break;
        end = text.indexOf('"', end + 1);
      }
      if (end === -1) return undefined;
      i = end;
    } else if (code === 0x5b || code === 0x7b) {
      if (++depth > max) return i;
    } else if (code === 0x5d || code === 0x7d) {
      depth--;
    }
  }
  return undefined;
}
