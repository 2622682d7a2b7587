/** The `compact` profile, for registerProfile. */
import type { CompactSupport } from '../profiles.js';
import { CompactPreparer } from './prepare.js';
import { runCompact } from './run.js';

/** The `compact` profile: functions run in place from the module's bytes (see the README). */
export const compactProfile: CompactSupport = { name: 'compact', preparer: (bytes, meter) => new CompactPreparer(bytes, meter), run: runCompact };
