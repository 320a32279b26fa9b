import { InvalidFileError } from '../../shared/errors.js';
import type { Fraction } from './fraction.js';
import type { CoverageInput } from './input.js';
import { anonymousArms, ArmBudget, MAX_ARMS_PER_LINE } from './limits.js';
import { LineHitsBuilder } from './line-hits.js';
import type { CoverageReport, CoverageTotals } from './model.js';
import type { PathOptions } from './paths.js';
import { ReportBuilder } from './report-builder.js';
import {
  countAttribute,
  lineAttribute,
  requiredAttribute,
  streamXml,
  type XmlOffset,
  type XmlWhere,
} from './xml.js';

/** The lines of one `<sourcefile>` (JaCoCo) or one `<class>` that holds `<lines>` itself (gcovr). */
interface SourceRecord {
  /** as the report names it: `<package>/<sourcefile>`, or gcovr's `sourcefilename` */
  key: string;
  lines: LineHitsBuilder;
  branches: Map<number, number[]>;
  /** a `<line>` without `ci`/`mi` (gcovr writes none): per-line hits are unknown, the counters decide */
  hitsUnknown: boolean;
  counters: Partial<Record<'LINE' | 'BRANCH', Fraction>>;
}

/**
 * JaCoCo XML report. Totals follow JaCoCo's counters: LINE (a line is covered when at least one of its
 * instructions ran, `ci > 0`), BRANCH (`cb` covered of `mb + cb`), METHOD (a method with a covered
 * instruction). Files are named `<package>/<sourcefile>` as in the report; pass `repoFiles` to resolve them
 * under their source root (`src/main/java/...`).
 *
 * gcovr's JaCoCo output puts `<lines>` in each `<class>` (named by `sourcefilename`), with only `mb`/`cb`
 * on a line: line totals then come from the class's LINE counter, and patch coverage cannot use the file.
 */
export async function parseJacoco(
  input: CoverageInput,
  file: string,
  paths: PathOptions = {},
): Promise<CoverageReport> {
  const builder = new ReportBuilder('jacoco', 'lines', paths);
  let packageName = '';
  let className: string | undefined;
  let classSource: string | undefined;
  let method: { key: string; covered: number } | undefined;
  let source: SourceRecord | undefined;
  /** gcovr: the class being read holds its own lines */
  let classLines: SourceRecord | undefined;
  const functionsBySource = new Map<string, Map<string, number>>();
  const arms = new ArmBudget();

  const sourceKey = (name: string) => (packageName === '' ? name : `${packageName}/${name}`);
  const newRecord = (key: string): SourceRecord => ({
    key,
    lines: new LineHitsBuilder(),
    branches: new Map(),
    hitsUnknown: false,
    counters: {},
  });

  const finish = (record: SourceRecord, functions: Map<string, number> | undefined) => {
    const path = builder.resolve(record.key);
    if (path === undefined) return;
    const declared: Partial<CoverageTotals> = {};
    if (record.counters.LINE) declared.lines = record.counters.LINE;
    if (record.counters.BRANCH) declared.branches = record.counters.BRANCH;
    builder.add({
      path,
      declared,
      ...(record.hitsUnknown ? {} : { lines: record.lines.build() }),
      ...(record.branches.size > 0 ? { branches: record.branches } : {}),
      ...(functions ? { functions } : {}),
    });
  };

  await streamXml(input, file, (where, offset) => ({
    root: { element: 'report', format: 'JaCoCo' },
    open(name, attributes) {
      switch (name) {
        case 'line': {
          if (!source && className !== undefined && classSource !== undefined) {
            classLines ??= newRecord(classSource);
          }
          const record = source ?? classLines;
          if (record) readLine(record, attributes, where, offset, arms);
          return;
        }
        case 'counter': {
          if (method) {
            if (attributes.type === 'METHOD')
              method.covered = countAttribute(attributes, 'covered', 'counter', where);
            return;
          }
          const record = source ?? classLines;
          const type = attributes.type;
          if (record && (type === 'LINE' || type === 'BRANCH')) {
            const covered = countAttribute(attributes, 'covered', 'counter', where);
            const missed = countAttribute(attributes, 'missed', 'counter', where);
            record.counters[type] = { covered, total: covered + missed };
          }
          return;
        }
        case 'method':
          if (className !== undefined)
            method = { key: `${className}.${attributes.name ?? ''}${attributes.desc ?? ''}`, covered: 0 };
          return;
        case 'class':
          className = requiredAttribute(attributes, 'name', 'class', where);
          classSource = attributes.sourcefilename;
          return;
        case 'sourcefile':
          source = newRecord(sourceKey(requiredAttribute(attributes, 'name', 'sourcefile', where)));
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
          if (classLines) finish(classLines, undefined);
          classLines = undefined;
          className = undefined;
          classSource = undefined;
          return;
        case 'sourcefile': {
          if (!source) return;
          finish(source, functionsBySource.get(source.key));
          source = undefined;
          return;
        }
      }
    },
  }));
  return builder.build(file);
}

function readLine(
  record: SourceRecord,
  attributes: Record<string, string>,
  where: XmlWhere,
  offset: XmlOffset,
  budget: ArmBudget,
): void {
  const number = lineAttribute(attributes, 'nr', 'line', where);
  if (attributes.ci === undefined && attributes.mi === undefined) record.hitsUnknown = true;
  const covered = countAttribute(attributes, 'ci', 'line', where, 0);
  countAttribute(attributes, 'mi', 'line', where, 0);
  const missedBranches = countAttribute(attributes, 'mb', 'line', where, 0);
  const coveredBranches = countAttribute(attributes, 'cb', 'line', where, 0);
  record.lines.add(number, covered);
  if (missedBranches + coveredBranches > MAX_ARMS_PER_LINE) {
    throw new InvalidFileError(
      where(),
      `expected at most ${MAX_ARMS_PER_LINE} branches on one line, found mb=${missedBranches} cb=${coveredBranches}`,
    );
  }
  const total = missedBranches + coveredBranches;
  if (total > 0) {
    const problem = budget.claim(total, offset());
    if (problem) throw new InvalidFileError(where(), problem);
    record.branches.set(number, anonymousArms(coveredBranches, total));
  }
}
