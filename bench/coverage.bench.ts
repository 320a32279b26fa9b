/**
 * Coverage parsing and patch coverage at scale. Each measurement runs in its own process so that peak RSS
 * (getrusage maxRSS) belongs to that measurement alone. Run: npx tsx bench/coverage.bench.ts
 * Targets (brief): LCOV 20,000 files x 500 lines (~91 MB) < 1.5 s, < 300 MB; Cobertura of similar size
 * (~151 MB) < 4 s, < 400 MB; patch coverage of a 3000-file diff < 200 ms.
 */
import { spawnSync } from 'node:child_process';
import { createReadStream, createWriteStream, existsSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DiffFile } from '../packages/core/src/shared/diff/index.js';
import {
  computePatchCoverage,
  parseCoverage,
  reportTotals,
} from '../packages/core/src/gates/coverage/index.js';
import { streamXml } from '../packages/core/src/gates/coverage/xml.js';

const FILES = 20_000;
const LCOV_LINES = 500;
const COBERTURA_LINES = 250;

function hits(file: number, line: number): number {
  return (file * 31 + line * 17) % 7 === 0 ? 0 : ((file + line) % 5) + 1;
}

async function write(path: string, produce: (emit: (text: string) => void) => void): Promise<void> {
  const out = createWriteStream(path);
  let buffer = '';
  produce((text) => {
    buffer += text;
    if (buffer.length > 1 << 20) {
      out.write(buffer);
      buffer = '';
    }
  });
  out.end(buffer);
  await new Promise<void>((resolve, reject) => out.on('finish', () => resolve()).on('error', reject));
}

function writeLcov(path: string): Promise<void> {
  return write(path, (emit) => {
    for (let file = 0; file < FILES; file++) {
      let lines = `TN:\nSF:/home/runner/work/app/app/src/module${file % 100}/file${file}.ts\n`;
      let covered = 0;
      for (let line = 1; line <= LCOV_LINES; line++) {
        const count = hits(file, line);
        if (count > 0) covered++;
        lines += `DA:${line},${count}\n`;
      }
      emit(`${lines}LF:${LCOV_LINES}\nLH:${covered}\nend_of_record\n`);
    }
  });
}

function writeCobertura(path: string): Promise<void> {
  return write(path, (emit) => {
    emit(
      '<?xml version="1.0" ?>\n<coverage lines-valid="0" lines-covered="0" line-rate="0" version="bench">\n',
    );
    emit(
      '\t<sources>\n\t\t<source>/home/runner/work/app/app</source>\n\t</sources>\n\t<packages>\n\t\t<package name="src">\n\t\t\t<classes>\n',
    );
    for (let file = 0; file < FILES; file++) {
      let text = `\t\t\t\t<class name="file${file}" filename="src/module${file % 100}/file${file}.py" line-rate="0">\n\t\t\t\t\t<methods/>\n\t\t\t\t\t<lines>\n`;
      for (let line = 1; line <= COBERTURA_LINES; line++) {
        text += `\t\t<line number="${line}" hits="${hits(file, line)}"/>\n`;
      }
      emit(`${text}\t\t\t\t\t</lines>\n\t\t\t\t</class>\n`);
    }
    emit('\t\t\t</classes>\n\t\t</package>\n\t</packages>\n</coverage>\n');
  });
}

async function measureParse(path: string): Promise<string> {
  const started = performance.now();
  const cpu = process.cpuUsage();
  const report = await parseCoverage(createReadStream(path, { encoding: 'utf8', highWaterMark: 1 << 20 }), {
    file: path,
  });
  const elapsed = performance.now() - started;
  const used = process.cpuUsage(cpu);
  const totals = reportTotals(report);
  // CPU time next to wall time: on a shared 2-core machine the wall clock also measures the neighbours.
  return `${elapsed.toFixed(0)} ms wall, ${((used.user + used.system) / 1000).toFixed(0)} ms CPU, ${report.files.size} files, lines ${totals.lines.covered}/${totals.lines.total}`;
}

/** The floor for any saxes-based parser: the same file through saxes with an empty handler. */
async function measureSaxes(path: string): Promise<string> {
  let elements = 0;
  const started = performance.now();
  await streamXml(createReadStream(path, { encoding: 'utf8', highWaterMark: 1 << 20 }), path, () => ({
    open() {
      elements++;
    },
  }));
  return `${(performance.now() - started).toFixed(0)} ms wall, ${elements} elements`;
}

async function measurePatch(): Promise<string> {
  const files = 3000;
  let lcov = '';
  for (let file = 0; file < files; file++) {
    lcov += `SF:src/file${file}.ts\n`;
    for (let line = 1; line <= LCOV_LINES; line++) lcov += `DA:${line},${hits(file, line)}\n`;
    lcov += 'end_of_record\n';
  }
  const report = await parseCoverage(lcov, { file: 'bench.info' });
  const diff: DiffFile[] = Array.from({ length: files }, (_, file) => ({
    path: `src/file${file}.ts`,
    status: 'modified',
    additions: 60,
    deletions: 0,
    patchAvailable: true,
    binary: false,
    addedLines: Array.from({ length: 60 }, (_, index) => ({ line: 100 + index * 3, text: 'x' })),
  }));
  const started = performance.now();
  const patch = computePatchCoverage(report, diff);
  const elapsed = performance.now() - started;
  return `${elapsed.toFixed(1)} ms, ${patch.files.length} files, patch lines ${patch.lines.covered}/${patch.lines.total}`;
}

async function child(kind: string, path: string): Promise<void> {
  const result =
    kind === 'patch'
      ? await measurePatch()
      : kind === 'saxes'
        ? await measureSaxes(path)
        : await measureParse(path);
  const peakMb = process.resourceUsage().maxRSS / 1024;
  console.log(`${result}, peak RSS ${peakMb.toFixed(0)} MB`);
}

async function main(): Promise<void> {
  const [kind, path] = process.argv.slice(2);
  if (kind) return child(kind, path ?? '');
  const lcovPath = join(tmpdir(), 'floodgate-bench-coverage.info');
  const coberturaPath = join(tmpdir(), 'floodgate-bench-coverage.xml');
  if (!existsSync(lcovPath)) await writeLcov(lcovPath);
  if (!existsSync(coberturaPath)) await writeCobertura(coberturaPath);
  const self = fileURLToPath(import.meta.url);
  const run = (label: string, args: string[]) => {
    const result = spawnSync(process.execPath, [...process.execArgv, self, ...args], { encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`${label} failed: ${result.stderr}`);
    console.log(`${label}: ${result.stdout.trim()}`);
  };
  const mb = (path: string) => (statSync(path).size / 1e6).toFixed(0);
  run(`parse LCOV (${mb(lcovPath)} MB, ${FILES} files x ${LCOV_LINES} lines)`, ['lcov', lcovPath]);
  run(`parse Cobertura (${mb(coberturaPath)} MB, ${FILES} files x ${COBERTURA_LINES} lines)`, [
    'cobertura',
    coberturaPath,
  ]);
  run('saxes alone on the same Cobertura (floor)', ['saxes', coberturaPath]);
  run('patch coverage (3000-file diff, 180,000 added lines)', ['patch']);
}

await main();
