/**
 * The public API with the `fast` profile only: a Module with `profile: 'compact'` or
 * `'compiled'` throws UnsupportedError unless another entry point registered that profile.
 */
import { fastProfile, registerProfile } from '@proj/interp-core';

registerProfile(fastProfile);

export * from './api.js';
