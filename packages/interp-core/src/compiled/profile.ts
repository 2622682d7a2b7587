/** The `compiled` profile, for registerProfile. */
import type { CompiledSupport } from '../profiles.js';
import { fastProfile } from '../fast/profile.js';
import { codeGenerationAllowed, compileFunction } from './compile.js';

/** The `compiled` profile: fast code made JavaScript where code generation is allowed. */
export const compiledProfile: CompiledSupport = { name: 'compiled', fast: fastProfile, compile: compileFunction, allowed: codeGenerationAllowed };
