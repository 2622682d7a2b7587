/**
 * The public API with the `compiled` profile registered, and `fast`, on which it runs:
 * `profile: 'compact'` throws UnsupportedError unless another entry point registered it.
 */
import { compiledProfile, registerProfile } from '@proj/interp-core';

registerProfile(compiledProfile);

export * from './api.js';
