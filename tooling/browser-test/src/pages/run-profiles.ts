// Runs the test module in every profile through the bundled @proj/interpreter and leaves the
// outcome on `window.outcome` for the test to read.
import { Module, Store, Val, type Profile } from '@proj/interpreter';
import { runProfile } from './drive.js';

const bytes = new Uint8Array(await (await fetch('/module.wasm')).arrayBuffer());
const profiles: Record<string, unknown> = {};
for (const profile of ['fast', 'compact', 'compiled'] as Profile[]) {
  profiles[profile] = runProfile({ Module, Store, Val }, bytes, profile);
}
(window as unknown as { profiles: unknown }).profiles = profiles;
