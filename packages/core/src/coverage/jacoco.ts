import { InvalidFileError } from '../errors.js';
import type { CoverageInput } from './input.js';
import { LineHitsBuilder } from './line-hits.js';
import type { CoverageReport } from './model.js';
import type { PathOptions } from './paths.js';
import { ReportBuilder } from './report-builder.js';
import { countAttribute, requiredAttribute, streamXml } from './xml.js';

/**
 * JaCoCo XML report. Totals follow JaCoCo's counters: LINE (a line is covered when at least one of its
 * instructions ran, `ci > 0`), BRANCH (`cb` covered of `mb + cb`), METHOD (a method with a covered
 * instruction). Files are named `<package>/<sourcefile>` as in the report; pass `repoFiles` to resolve them
 * under their source root (`src/main/java/...`).
 */
export async function parseJacoco(
  input: CoverageInput,
  file: string,
  paths: PathOptions = {},
): Promise<CoverageReport> {
  const builder = new ReportBuilder('jacoco', 'lines', paths);
  let root: string | undefined;
  let packageName = '';
  let className: string | undefined;
  let classSource: string | undefined;
  let method: { key: string; covered: number } | undefined;
  let source: { name: string; lines: LineHitsBuilder; branches: Map<number, number[]> } | undefined;
  const functionsBySource = new Map<string, Map<string, number>>();

  const sourceKey = (name: string) => (packageName === '' ? name : `${packageName}/${name}`);

  await streamXml(input, file, (where) => ({
    open(name, attributes) {
      if (root === undefined) {
        root = name;
        if (name !== 'report')
          throw new InvalidFileError(where(), `expected a JaCoCo <report> root, found <${name}>`);
        return;
      }
      switch (name) {
        case 'line': {
          if (!source) return;
          const number = countAttribute(attributes, 'nr', 'line', where);
          const covered = countAttribute(attributes, 'ci', 'line', where, 0);
          countAttribute(attributes, 'mi', 'line', where, 0);
          const missedBranches = countAttribute(attributes, 'mb', 'line', where, 0);
          const coveredBranches = countAttribute(attributes, 'cb', 'line', where, 0);
          source.lines.add(number, covered);
          if (missedBranches + coveredBranches > 0) {
            source.branches.set(
              number,
              Array.from({ length: missedBranches + coveredBranches }, (_, index) =>
                index < coveredBranches ? 1 : 0,
              ),
            );
          }
          return;
        }
        case 'counter':
          if (method && attributes.type === 'METHOD')
            method.covered = countAttribute(attributes, 'covered', 'counter', where);
          return;
        case 'method':
          if (className !== undefined)
            method = { key: `${className}.${attributes.name ?? ''}${attributes.desc ?? ''}`, covered: 0 };
          return;
        case 'class':
          className = requiredAttribute(attributes, 'name', 'class', where);
          classSource = attributes.sourcefilename;
          return;
        case 'sourcefile':
          source = {
            name: requiredAttribute(attributes, 'name', 'sourcefile', where),
            lines: new LineHitsBuilder(),
            branches: new Map(),
          };
          return;
        case 'package':
          packageName = attributes.name ?? '';
          return;
      }
    },
    close(name) {
      switch (name) {
        case 'method':
          if (method && classSource !== undefined) {
            const key = sourceKey(classSource);
            let functions = functionsBySource.get(key);
            if (!functions) functionsBySource.set(key, (functions = new Map()));
            functions.set(method.key, method.covered);
          }
          method = undefined;
          return;
        case 'class':
          className = undefined;
          classSource = undefined;
          return;
        case 'sourcefile': {
          if (!source) return;
          const key = sourceKey(source.name);
          const path = builder.resolve(key);
          if (path !== undefined) {
            const functions = functionsBySource.get(key);
            builder.add({
              path,
              declared: {},
              lines: source.lines.build(),
              ...(source.branches.size > 0 ? { branches: source.branches } : {}),
              ...(functions ? { functions } : {}),
            });
          }
          source = undefined;
          return;
        }
      }
    },
  }));
  return builder.build(file);
}
