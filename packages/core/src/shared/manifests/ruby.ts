import type { DependencyMap } from './types.js';

const GEM = /^\s*gem\s*\(?\s*["']([^"']+)["']\s*(.*)$/;
const CONSTRAINT = /^\s*,\s*["']([~<>=!]*\s*\d[^"']*)["']/;

/** Gemfile `gem 'name', '~> 1.2', '>= 1.2.3'` lines; a gem without a constraint has spec ''. */
export function gemDependencies(text: string): DependencyMap {
  const map: DependencyMap = new Map();
  for (const line of text.split('\n')) {
    const gem = GEM.exec(line.replace(/(^|\s)#.*$/, ''));
    if (!gem) continue;
    const constraints: string[] = [];
    let rest = gem[2] as string;
    for (let match = CONSTRAINT.exec(rest); match; match = CONSTRAINT.exec(rest)) {
      constraints.push((match[1] as string).trim());
      rest = rest.slice(match[0].length);
    }
    if (!map.has(gem[1] as string)) map.set(gem[1] as string, constraints.join(', '));
  }
  return map;
}
