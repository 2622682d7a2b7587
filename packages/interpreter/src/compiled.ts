/**
 * The public API with the `compiled` profile registered (beside `fast`, which is always there):
 * `profile: 'compact'` throws UnsupportedError unless another entry point registered it.
 */
import { compiledProfile, registerProfile } from '@proj/interp-core';

registerProfile(compiledProfile);

export * from './api.js';
