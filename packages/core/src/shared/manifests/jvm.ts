import { tomlEntries } from './toml.js';
import type { DependencyMap } from './types.js';

const tag = (block: string, name: string) =>
  new RegExp(`<${name}>\\s*([^<]*?)\\s*</${name}>`).exec(block)?.[1];

/** `${name}` references resolved from the POM's `<properties>` (one level, as Maven does mostly). */
function resolver(text: string): (value: string) => string {
  const properties = new Map<string, string>();
  const section = /<properties>([\s\S]*?)<\/properties>/.exec(text)?.[1] ?? '';
  for (const match of section.matchAll(/<([\w.-]+)>\s*([^<]*?)\s*<\/\1>/g))
    properties.set(match[1] as string, match[2] as string);
  return (value) => value.replace(/\$\{([^}]+)\}/g, (ref, name: string) => properties.get(name) ?? ref);
}

/**
 * pom.xml `<dependency>`, `<plugin>` and `<parent>` coordinates (`groupId:artifactId` → version,
 * properties resolved). A fragment rarely shows a whole element, so there any
 * `<artifactId>` followed by its `<version>` counts.
 */
export function mavenDependencies(text: string, partial: boolean): DependencyMap {
  const map: DependencyMap = new Map();
  const resolve = resolver(text);
  const add = (group: string | undefined, artifact: string, version: string | undefined) => {
    const name = group ? `${group}:${artifact}` : artifact;
    if (!map.has(name)) map.set(name, version === undefined ? '' : resolve(version));
  };
  if (partial) {
    const pair =
      /(?:<groupId>\s*([^<]*?)\s*<\/groupId>\s*)?<artifactId>\s*([^<]*?)\s*<\/artifactId>\s*<version>\s*([^<]*?)\s*<\/version>/g;
    for (const match of text.matchAll(pair)) add(match[1], match[2] as string, match[3]);
    return map;
  }
  const body = text.replace(/<!--[\s\S]*?-->/g, '');
  for (const match of body.matchAll(/<(dependency|plugin|parent)>([\s\S]*?)<\/\1>/g)) {
    const block = (match[2] as string).replace(/<(exclusions|configuration|executions)>[\s\S]*?<\/\1>/g, '');
    const artifact = tag(block, 'artifactId');
    if (artifact) add(tag(block, 'groupId'), artifact, tag(block, 'version'));
  }
  return map;
}

const COORDINATE =
  /\b[A-Za-z]\w*\s*\(?\s*(?:platform\(\s*|enforcedPlatform\(\s*)?["']([^"':\s]+):([^"':\s]+):([^"'\s@]+)(?:@\w+)?["']/g;
const PLUGIN = /\bid\s*\(?\s*["']([^"']+)["']\s*\)?\s*version\s*\(?\s*["']([^"']+)["']/g;

/**
 * build.gradle(.kts) coordinates `configuration("group:artifact:version")` in any configuration,
 * and `id("plugin") version "x"` plugins. Line-based, so fragments read the same way.
 */
export function gradleDependencies(text: string): DependencyMap {
  const map: DependencyMap = new Map();
  for (const line of text.split('\n')) {
    const code = line.replace(/\/\/.*$/, '');
    for (const match of code.matchAll(COORDINATE)) {
      const name = `${match[1] as string}:${match[2] as string}`;
      if (!map.has(name)) map.set(name, match[3] as string);
    }
    for (const match of code.matchAll(PLUGIN))
      if (!map.has(match[1] as string)) map.set(match[1] as string, match[2] as string);
  }
  return map;
}

/**
 * A Gradle version catalog (`gradle/libs.versions.toml`): `[versions]` entries (named
 * `versions.<key>`, since libraries refer to them), and `[libraries]` / `[plugins]` with a
 * version of their own (`"group:artifact:1.2"`, `{ module = …, version = "1.2" }`).
 */
export function versionCatalogDependencies(text: string, partial: boolean): DependencyMap {
  const map: DependencyMap = new Map();
  const add = (name: string, spec: string) => {
    if (!map.has(name)) map.set(name, spec);
  };
  for (const entry of tomlEntries(text)) {
    if (entry.key === undefined) continue;
    const section = entry.section ?? (partial ? 'versions' : '');
    if (section === 'versions' && entry.strings[0] !== undefined)
      add(`versions.${entry.key}`, entry.strings[0]);
    if (section !== 'libraries' && section !== 'plugins') continue;
    const coordinate = /^([^:]+:[^:]+):(.+)$/.exec(entry.strings[0] ?? '');
    if (coordinate) add(coordinate[1] as string, coordinate[2] as string);
    else if (entry.version !== undefined) add(entry.key, entry.version);
  }
  return map;
}
