/**
 * JSON with positions at the size of a big Istanbul coverage-final.json (~100 MB). Each measurement runs in
 * its own process so that peak RSS (getrusage maxRSS) belongs to it alone. Run: npx tsx bench/json.bench.ts
 * Shows why the readers take the value from JSON.parse and ask jsonc-parser only where an error must be
 * placed: the parse tree of a big file costs several times JSON.parse's time and memory.
 */
import { spawnSync } from 'node:child_process';
import { createReadStream, createWriteStream, existsSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { parseCoverage, reportTotals } from '../packages/core/src/gates/coverage/index.js';
import type * as Jsonc from '../packages/core/node_modules/jsonc-parser/lib/umd/main.js';
import { locateJson, parseJson } from '../packages/core/src/shared/json/index.js';

// jsonc-parser is core's dependency, not the root's.
const { parseTree, visit } = createRequire(new URL('../packages/core/package.json', import.meta.url))(
  'jsonc-parser',
) as typeof Jsonc;

const FILES = 4_000;
const STATEMENTS = 300;

async function writeIstanbul(path: string, files: number): Promise<void> {
  const out = createWriteStream(path);
  out.write('{');
  for (let file = 0; file < files; file++) {
    const name = `/home/runner/work/app/app/src/module${file % 100}/file${file}.ts`;
    const statementMap: Record<number, unknown> = {};
    const s: Record<number, number> = {};
    for (let index = 0; index < STATEMENTS; index++) {
      statementMap[index] = { start: { line: index + 1, column: 2 }, end: { line: index + 1, column: 40 } };
      s[index] = (file * 31 + index * 17) % 7 === 0 ? 0 : ((file + index) % 5) + 1;
    }
    const fnMap = {
      0: {
        name: 'main',
        decl: { start: { line: 1, column: 0 }, end: { line: 1, column: 10 } },
        loc: { start: { line: 1, column: 0 }, end: { line: STATEMENTS, column: 1 } },
        line: 1,
      },
    };
    const entry = { path: name, statementMap, fnMap, branchMap: {}, s, f: { 0: 1 }, b: {} };
    const chunk = `${file === 0 ? '' : ','}${JSON.stringify(name)}:${JSON.stringify(entry)}`;
    if (!out.write(chunk)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
  }
  out.end('}\n');
  await new Promise<void>((resolve, reject) => out.on('finish', () => resolve()).on('error', reject));
}

function time<T>(run: () => T): [T, string] {
  const started = performance.now();
  const cpu = process.cpuUsage();
  const value = run();
  const used = process.cpuUsage(cpu);
  return [
    value,
    `${(performance.now() - started).toFixed(0)} ms wall, ${((used.user + used.system) / 1000).toFixed(0)} ms CPU`,
  ];
}

async function child(kind: string, path: string): Promise<string> {
  if (kind === 'coverage') {
    const started = performance.now();
    const report = await parseCoverage(createReadStream(path, { encoding: 'utf8', highWaterMark: 1 << 20 }), {
      file: path,
    });
    const totals = reportTotals(report);
    return `${(performance.now() - started).toFixed(0)} ms wall, ${report.files.size} files, lines ${totals.lines.covered}/${totals.lines.total}`;
  }
  const text = readFileSync(path, 'utf8');
  const base = process.memoryUsage().rss;
  const extra = () => `, +${((process.memoryUsage().rss - base) / 2 ** 20).toFixed(0)} MB RSS after`;
  switch (kind) {
    case 'JSON.parse':
      return time(() => JSON.parse(text) as unknown)[1] + extra();
    case 'parseJson':
      return time(() => parseJson(text, path))[1] + extra();
    case 'parseTree':
      return time(() => parseTree(text))[1] + extra();
    case 'visit':
      return time(() => visit(text, {}))[1] + extra();
    case 'error-at-end': {
      // Truncated by one character: the error is found at the very end, after scanning everything.
      const broken = text.slice(0, text.lastIndexOf('}'));
      const [message, took] = time(() => {
        try {
          parseJson(broken, 'coverage-final.json');
          return 'parsed?';
        } catch (error) {
          return (error as Error).message;
        }
      });
      return `${took}${extra()} (${message})`;
    }
    case 'locate-last': {
      const key = `/home/runner/work/app/app/src/module${(FILES - 1) % 100}/file${FILES - 1}.ts`;
      const [at, took] = time(() => locateJson(text, path, [key, 's', String(STATEMENTS - 1)]));
      return `${took}${extra()} (${at.line}:${at.column})`;
    }
    default:
      throw new Error(`unknown kind ${kind}`);
  }
}

async function main(): Promise<void> {
  const [kind, path] = process.argv.slice(2);
  if (kind) {
    const result = await child(kind, path ?? '');
    console.log(`${result}, peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
    return;
  }
  const istanbulPath = join(tmpdir(), 'floodgate-bench-coverage-final.json');
  const smallPath = join(tmpdir(), 'floodgate-bench-coverage-final-small.json');
  if (!existsSync(istanbulPath)) await writeIstanbul(istanbulPath, FILES);
  if (!existsSync(smallPath)) await writeIstanbul(smallPath, FILES / 20);
  const self = fileURLToPath(import.meta.url);
  const mb = (path: string) => `${(statSync(path).size / 1e6).toFixed(0)} MB`;
  const size = mb(istanbulPath);
  const run = (label: string, kind: string, path = istanbulPath) => {
    const result = spawnSync(process.execPath, [...process.execArgv, self, kind, path], {
      encoding: 'utf8',
    });
    if (result.status !== 0) throw new Error(`${label} failed: ${result.stderr}`);
    console.log(`${label}: ${result.stdout.trim()}`);
  };
  console.log(`Istanbul coverage-final.json, ${size}, ${FILES} files x ${STATEMENTS} statements`);
  run('reading the text alone, then JSON.parse (floor)', 'JSON.parse');
  run('parseJson (what every reader calls)', 'parseJson');
  // On the whole file parseTree ran out of a 4 GB heap after more than 3 minutes: it is measured on a
  // twentieth of it, next to JSON.parse of the same.
  run(`JSON.parse of a twentieth (${mb(smallPath)})`, 'JSON.parse', smallPath);
  run(`jsonc-parser's parseTree of the same twentieth`, 'parseTree', smallPath);
  run("jsonc-parser's visit, no callbacks (a scan)", 'visit');
  run('parseJson of the file cut before its last brace', 'error-at-end');
  run('locateJson of the last statement count', 'locate-last');
  run('parseCoverage end to end (stream in, report out)', 'coverage');
}

await main();
