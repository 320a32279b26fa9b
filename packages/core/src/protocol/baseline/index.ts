export {
  BASELINE_KINDS,
  BASELINE_RECORD_VERSION,
  serializeRecord,
  type BaselineAcknowledgment,
  type BaselineKind,
  type BaselineRecord,
} from './record.js';
export { parseBaselineRecord, type BaselineDataParser } from './parse.js';
