export { notIndependent, type AuthorshipFacts } from './independence.js';
