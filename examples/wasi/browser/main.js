// Runs cat.wasm with an in-memory file system and standard input that arrives a line at a time;
// its output goes into the page.
import { MemoryFs, runCommand } from '@proj/wasi';

const bytes = new Uint8Array(await (await fetch('../cat.wasm')).arrayBuffer());
const decoder = new TextDecoder();
const show = (id) => (chunk) => {
  document.getElementById(id).textContent += decoder.decode(chunk);
};

async function run() {
  for (const id of ['stdout', 'stderr']) document.getElementById(id).textContent = '';
  const lines = document.getElementById('input').value.split(/(?<=\n)/);
  const delayed = () => new Promise((resolve) => setTimeout(() => resolve(lines.shift() ?? null), 100));
  const status = await runCommand(bytes, {
    args: ['cat.wasm', '/data/note.txt'],
    stdin: delayed,
    stdout: show('stdout'),
    stderr: show('stderr'),
    preopens: { '/data': new MemoryFs({ 'note.txt': 'and a note from the in-memory file system\n' }) },
  });
  document.getElementById('stderr').textContent += `exit status ${status}\n`;
  document.body.dataset.done = 'true';
}

document.getElementById('run').addEventListener('click', run);
await run();
