/**
 * The longest prefix of `text` within `length` UTF-16 code units that ends at a line break (the break
 * itself left out), or, when no line fits, the longest prefix that does not end in half a surrogate pair.
 */
export function cutAtLine(text: string, length: number): string {
  if (text.length <= length) return text;
  const lineEnd = text.lastIndexOf('\n', length);
  if (lineEnd > 0) return text.slice(0, lineEnd);
  const cut = text.slice(0, Math.max(0, length));
  return /[\uD800-\uDBFF]$/.test(cut) ? cut.slice(0, -1) : cut;
}
