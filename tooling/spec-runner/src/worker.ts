/** Pool worker: runs the scripts the main thread sends, one at a time, each with its own engine. */

import { readFileSync } from 'node:fs';
import { parentPort } from 'node:worker_threads';
import { Module, type Profile } from '@proj/interpreter';
import { validate } from '@proj/validator';
import { createWabtAssembler, featuresFromEnv } from './assemble.js';
import { fuelFromEnv, InterpreterEngine, printLogger, profileFromEnv } from './interp-engine.js';
import type { Reply, Task } from './pool.js';
import { describeCrash, runScript, type RunnerDeps } from './run-script.js';
import { spectestBytes } from './spectest.js';

const port = parentPort;
if (port === null) throw new Error('worker.js runs only as a worker thread');

const assembler = await createWabtAssembler(featuresFromEnv());
const spectest = spectestBytes(assembler);
const profile = profileFromEnv();
const fuel = fuelFromEnv();
const verbose = process.env.SPEC_VERBOSE === '1';

/** The runner's dependencies for one script: a fresh engine (and store) per script. */
function depsFor(file: string): RunnerDeps {
  const onPrint = verbose ? printLogger(file, (line) => console.log(line)) : undefined;
  return {
    validate,
    prepare: (bytes) => void new Module(bytes, { profile: profile as Profile | undefined }),
    assembler,
    createEngine: () => new InterpreterEngine({ spectest, profile, onPrint, fuel }),
  };
}

port.on('message', (task: Task) => {
  let reply: Reply;
  try {
    const text = readFileSync(task.path, 'utf8');
    reply = { file: task.file, result: runScript(task.file, text, depsFor(task.file)) };
  } catch (e) {
    reply = { file: task.file, error: describeCrash(e) };
  }
  port.postMessage(reply);
});
