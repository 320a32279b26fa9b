export { describeJsonPath, locateJson, parseJson, type JsonPath } from './locate.js';
