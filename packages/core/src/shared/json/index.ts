export { describeJsonPath, locateJson, type JsonPath } from './locate.js';
export { parseJson, type ParseJsonOptions } from './parse.js';
export { isRecord, JsonFile } from './reader.js';
