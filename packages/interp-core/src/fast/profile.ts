/** The `fast` profile, for registerProfile. */
import type { FastSupport } from '../profiles.js';
import { runFast } from './run.js';
import { Translator } from './translate.js';

/** The `fast` profile: functions translated at load into register-style code for its loop. */
export const fastProfile: FastSupport = { name: 'fast', translator: (compiled, meter) => new Translator(compiled, meter), run: runFast };
