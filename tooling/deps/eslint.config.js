export { default } from '@proj/eslint-config';
