/** Runs scripts on a pool of worker threads; a crashed or stuck worker fails its script and is replaced. */

import { Worker } from 'node:worker_threads';
import { emptyResult, type FileResult } from './run-script.js';

/** A script to run: its name (for reports) and its path. */
export interface Task {
  file: string;
  path: string;
}

/** A worker's answer: the script's result, or an error that escaped the runner. */
export type Reply = { file: string; result: FileResult } | { file: string; error: string };

const WORKER_URL = new URL('./worker.js', import.meta.url);

/** A result for a script whose run broke down: one failure saying why. */
export function brokenResult(file: string, message: string): FileResult {
  const r = emptyResult(file);
  r.counts.failed = 1;
  r.failures.push({ line: 0, kind: 'worker', message });
  return r;
}

class PoolWorker {
  readonly worker = new Worker(WORKER_URL);
  exited = false;

  constructor() {
    // Errors are handled per task; this keeps one between tasks from being unhandled.
    this.worker.on('error', () => {});
    this.worker.on('exit', () => {
      this.exited = true;
    });
  }

  /** Runs one task; resolves with its result, or a failure if the worker dies or times out. */
  run(task: Task, timeoutMs: number): Promise<{ result: FileResult; healthy: boolean }> {
    const w = this.worker;
    return new Promise((resolve) => {
      const done = (result: FileResult, healthy: boolean) => {
        clearTimeout(timer);
        w.off('message', onMessage);
        w.off('error', onError);
        w.off('exit', onExit);
        resolve({ result, healthy });
      };
      const onMessage = (reply: Reply) =>
        done('result' in reply ? reply.result : brokenResult(task.file, `runner error: ${reply.error}`), true);
      const onError = (e: Error) => done(brokenResult(task.file, `worker crashed: ${e.name}: ${e.message}`), false);
      const onExit = (code: number) => done(brokenResult(task.file, `worker exited with code ${code}`), false);
      const timer = setTimeout(
        () => done(brokenResult(task.file, `timed out after ${timeoutMs / 1000} s`), false),
        timeoutMs,
      );
      w.on('message', onMessage);
      w.on('error', onError);
      w.on('exit', onExit);
      w.postMessage(task);
    });
  }
}

/** Runs all tasks on at most `size` workers (at least one) and returns the results by file. */
export async function runPool(tasks: Task[], size: number, timeoutMs: number): Promise<Map<string, FileResult>> {
  const queue = [...tasks];
  const results = new Map<string, FileResult>();
  const slot = async () => {
    let pw: PoolWorker | undefined;
    for (let task = queue.shift(); task !== undefined; task = queue.shift()) {
      if (pw === undefined || pw.exited) pw = new PoolWorker();
      const { result, healthy } = await pw.run(task, timeoutMs);
      results.set(task.file, result);
      if (!healthy) {
        await pw.worker.terminate();
        pw = undefined;
      }
    }
    await pw?.worker.terminate();
  };
  const n = Math.max(1, Math.min(size, tasks.length));
  await Promise.all(Array.from({ length: n }, slot));
  return results;
}
