/** `pnpm example:browser`: serves the browser example on 127.0.0.1 (PORT, else a free port) until interrupted. */
import { exampleSite } from './example.js';
import { startServer } from './server.js';

const server = await startServer(exampleSite(), Number(process.env.PORT ?? 0));
console.log(`the browser example is at ${server.url}/ (Ctrl-C stops the server)`);
