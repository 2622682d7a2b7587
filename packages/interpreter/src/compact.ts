/**
 * The public API with the `compact` profile only, which is then the default: `profile: 'fast'` or
 * `'compiled'` throws UnsupportedError unless another entry point registered that profile.
 */
import { compactProfile, registerProfile } from '@proj/interp-core';

registerProfile(compactProfile);

export * from './api.js';
