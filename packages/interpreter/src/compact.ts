/**
 * The public API with the `compact` profile registered (beside `fast`, which is always there):
 * `profile: 'compiled'` throws UnsupportedError unless another entry point registered it.
 */
import { compactProfile, registerProfile } from '@proj/interp-core';

registerProfile(compactProfile);

export * from './api.js';
