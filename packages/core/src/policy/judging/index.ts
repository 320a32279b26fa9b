export {
  judgedFile,
  judgingByPath,
  judgingFiles,
  needsContents,
  type JudgedFile,
  type JudgingFile,
} from './judge.js';
export { JUDGING_PATHS, contentKind, type ContentKind } from './paths.js';
export { CONTENTS_READ_LIMIT, gatherContents, type ContentsRequest } from './gather.js';
