export { describeJsonPath, locateJson, type JsonPath } from './locate.js';
export { jsonSyntaxError, parseJson, type ParseJsonOptions } from './parse.js';
export { isRecord, JsonFile } from './reader.js';
