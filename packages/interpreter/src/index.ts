/**
 * The public API of the engine (see API.md), with every profile: `fast` (the default),
 * `compact` and `compiled`. A bundle that needs one profile only imports `@proj/interpreter/fast`,
 * `@proj/interpreter/compact` or `@proj/interpreter/compiled` instead, and holds that one.
 */
import { compactProfile, compiledProfile, fastProfile, registerProfile } from '@proj/interp-core';

registerProfile(fastProfile);
registerProfile(compactProfile);
registerProfile(compiledProfile);

export * from './api.js';
