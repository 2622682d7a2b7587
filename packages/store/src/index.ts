export { Store, type StoreOptions, type InstId, type RunResult, type Call } from './store.js';
