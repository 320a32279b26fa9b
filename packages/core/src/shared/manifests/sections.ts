const HEADER = /^\s*\[\[?\s*([^\]]+?)\s*\]\]?\s*(?:[#;].*)?$/;

/**
 * The lines of each `[section]` of an INI or TOML file (setup.cfg, tox.ini, pyproject.toml,
 * Cargo.toml), trimmed, without blank or comment lines. Lines before the first header belong
 * to the section named ''. A repeated header (`[[array]]`) collects into one entry.
 */
export function sectionsOf(text: string): Map<string, string[]> {
  const sections = new Map<string, string[]>();
  let current = '';
  sections.set(current, []);
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || line.startsWith(';')) continue;
    const header = HEADER.exec(line);
    if (header && !line.includes('=')) {
      current = (header[1] as string).replace(/\s*\.\s*/g, '.').replace(/["']/g, '');
      if (!sections.has(current)) sections.set(current, []);
      continue;
    }
    sections.get(current)!.push(line);
  }
  return sections;
}

/** Names of the sections matching `wanted` whose lines differ between the two texts. */
export function changedSections(base: string, head: string, wanted: RegExp): string[] {
  const before = sectionsOf(base);
  const after = sectionsOf(head);
  const names = new Set([...before.keys(), ...after.keys()].filter((name) => wanted.test(name)));
  return [...names].filter(
    (name) => (before.get(name) ?? []).join('\n') !== (after.get(name) ?? []).join('\n'),
  );
}
