import { InvalidFileError } from '../../shared/errors.js';
import type { CoverageInput } from './input.js';
import { LineHitsBuilder } from './line-hits.js';
import type { CoverageReport, CoverageTotals } from './model.js';
import type { PathOptions } from './paths.js';
import { ReportBuilder } from './report-builder.js';
import { countAttribute, lineAttribute, requiredAttribute, streamXml, type XmlWhere } from './xml.js';

/**
 * Clover XML (OpenClover, istanbul/c8 `clover`). Statements, branches (conditionals) and functions
 * (methods) are the file's own `<metrics>`, as Clover reports them; lines are the `stmt`/`cond` `<line>`s,
 * covered when `count > 0`.
 */
export async function parseClover(
  input: CoverageInput,
  file: string,
  paths: PathOptions = {},
): Promise<CoverageReport> {
  const builder = new ReportBuilder('clover', 'lines', paths);
  let current: { rawPath: string; lines: LineHitsBuilder; declared: Partial<CoverageTotals> } | undefined;
  let classDepth = 0;

  await streamXml(input, file, (where) => ({
    root: { element: 'coverage', format: 'Clover' },
    open(name, attributes) {
      switch (name) {
        case 'line': {
          if (!current) return;
          const type = attributes.type;
          const number = lineAttribute(attributes, 'num', 'line', where);
          if (type === 'stmt' || type === 'cond')
            current.lines.add(number, countAttribute(attributes, 'count', 'line', where, 0));
          return;
        }
        case 'file':
          current = {
            rawPath: attributes.path ?? requiredAttribute(attributes, 'name', 'file', where),
            lines: new LineHitsBuilder(),
            declared: {},
          };
          return;
        case 'class':
          classDepth++;
          return;
        case 'metrics':
          if (current && classDepth === 0) current.declared = fileMetrics(attributes, where);
          return;
      }
    },
    close(name) {
      if (name === 'class') classDepth--;
      if (name !== 'file' || !current) return;
      const path = builder.resolve(current.rawPath);
      if (path !== undefined) builder.add({ path, declared: current.declared, lines: current.lines.build() });
      current = undefined;
    },
  }));
  return builder.build(file);
}

function fileMetrics(attributes: Record<string, string>, where: XmlWhere): Partial<CoverageTotals> {
  const pair = (coveredName: string, totalName: string) => {
    const total = countAttribute(attributes, totalName, 'metrics', where, 0);
    const covered = countAttribute(attributes, coveredName, 'metrics', where, 0);
    if (covered > total)
      throw new InvalidFileError(where(), `expected ${coveredName} <= ${totalName} on <metrics>`);
    return { covered, total };
  };
  return {
    statements: pair('coveredstatements', 'statements'),
    branches: pair('coveredconditionals', 'conditionals'),
    functions: pair('coveredmethods', 'methods'),
  };
}
