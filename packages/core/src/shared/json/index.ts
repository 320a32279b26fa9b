export { describeJsonPath, locateJson, positionAt, type JsonPath } from './locate.js';
export { parseJson, type ParseJsonOptions } from './parse.js';
export { isRecord, JsonFile } from './reader.js';
