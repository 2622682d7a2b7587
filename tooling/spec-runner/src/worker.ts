/** Pool worker: runs the scripts the main thread sends, one at a time. */

import { readFileSync } from 'node:fs';
import { parentPort } from 'node:worker_threads';
import { validate } from '@proj/validator';
import { createWabtAssembler } from './assemble.js';
import type { Reply, Task } from './pool.js';
import { describeCrash, runScript } from './run-script.js';

const port = parentPort;
if (port === null) throw new Error('worker.js runs only as a worker thread');

const assembler = await createWabtAssembler();

port.on('message', (task: Task) => {
  let reply: Reply;
  try {
    const text = readFileSync(task.path, 'utf8');
    reply = { file: task.file, result: runScript(task.file, text, { validate, assembler }) };
  } catch (e) {
    reply = { file: task.file, error: describeCrash(e) };
  }
  port.postMessage(reply);
});
