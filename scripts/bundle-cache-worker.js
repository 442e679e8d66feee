// The build's conversion worker (build-bundle.js): the worker bundle, as worker-start.js runs it, plus
// a control port on which it writes the bundle's code cache once the samples are converted.
import { workerData } from 'node:worker_threads';
import { loadBundle } from '../dist/io/bundle.js';
import { writeCodeCaches } from '../dist/io/cached-script.js';

loadBundle('worker');
workerData.control.once('message', () => {
  workerData.control.postMessage(writeCodeCaches().length > 0);
  workerData.control.close();
});
