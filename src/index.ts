export * from './model/document.js';
export * from './model/intermediate.js';
export * from './model/warning.js';
export * from './model/build.js';
export { InputError } from './errors.js';
export { extract } from './extract/index.js';
