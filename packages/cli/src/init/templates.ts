import { existsSync, readdirSync, readFileSync, realpathSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { COVERAGE_COMMANDS, type Tooling } from './detect.js';

/**
 * The workflow templates: copied from workflow-templates/ into dist/templates/ by scripts/build.mjs,
 * so the installed package carries them; from the source checkout, read where they live.
 */
function templatesDir(): string {
  const candidates: string[] = [];
  const script = process.argv[1];
  if (script) {
    try {
      candidates.push(join(dirname(realpathSync(script)), 'templates'));
    } catch {
      // not a file (node -e): fall through to the source checkout
    }
  }
  candidates.push(join(dirname(fileURLToPath(import.meta.url)), '../../../../workflow-templates'));
  const found = candidates.find((dir) => existsSync(join(dir, 'floodgate-auto-merge.yml')));
  if (!found) throw new Error(`workflow templates not found in ${candidates.join(' or ')}`);
  return found;
}

/** Template names (`auto-merge`, `risk-tiers`, …), from `floodgate-<name>.yml`. */
export function templateNames(): string[] {
  return readdirSync(templatesDir())
    .map((file) => /^floodgate-(.+)\.yml$/.exec(file)?.[1])
    .filter((name): name is string => name !== undefined && !name.endsWith('-publish'))
    .sort();
}

export function templateText(file: string): string | undefined {
  const path = join(templatesDir(), file);
  return existsSync(path) ? readFileSync(path, 'utf8') : undefined;
}

const SETUP_NODE =
  /^(\s*)- uses: actions\/setup-node@[^\n]*\n\1 {2}with:\n\1 {4}node-version: [^\n]*\n\1- run: npm ci\n/m;
/** The templates' own test step: the jest line of the coverage commands (the README's table). */
const TEMPLATE_TEST = COVERAGE_COMMANDS.find((entry) => entry.id === 'jest')!;
const NPM_TEST = new RegExp(
  `^(\\s*)- run: ${TEMPLATE_TEST.test.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`,
  'm',
);

/**
 * The template with its test job adapted to the repository's tooling: the toolchain setup and
 * install steps, the test command, and the coverage report's path. Returns whether the test
 * command could be replaced (templates with their own suites keep theirs).
 */
export function adaptTemplate(text: string, tooling: Tooling): { text: string; testReplaced: boolean } {
  let adapted = text.replace(SETUP_NODE, (_match, indent: string) =>
    tooling.setup.map((line) => `${indent}${line}\n`).join(''),
  );
  const testReplaced = NPM_TEST.test(adapted);
  adapted = adapted.replace(NPM_TEST, (_match, indent: string) => `${indent}- run: ${tooling.test}`);
  adapted = adapted.split(TEMPLATE_TEST.report).join(tooling.report);
  return { text: adapted, testReplaced };
}
