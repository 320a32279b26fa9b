// Types of schema-validator.js, which scripts/build.mjs generates from schema.ts with ajv.
import type { ValidateFunction } from 'ajv';

declare const validate: ValidateFunction;
export { validate };
export default validate;
