export type { AddedLine, DiffFile, FileStatus } from './types.js';
export { parsePatch, type ParsedPatch } from './patch.js';
export { parseUnifiedDiff } from './unified.js';
