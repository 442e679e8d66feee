import { loadBundle } from '../io/bundle.js';

/** A conversion worker's entry: the build's bundle of worker.ts (io/bundle.ts), else the module itself. */
if (loadBundle('worker') === null) await import('./worker.js');
