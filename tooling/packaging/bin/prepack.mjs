// A published package's `prepack`: build it and the packages it depends on (turbo, cached),
// and put the repository's LICENSE beside its package.json, where npm and pnpm pack it.
import { execFileSync } from 'node:child_process';
import { copyFileSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const { name } = JSON.parse(readFileSync('package.json', 'utf8'));
if (!process.env.PROJ_PACK_PREBUILT) {
  execFileSync('pnpm', ['exec', 'turbo', 'run', 'build', `--filter=${name}...`, '--output-logs=errors-only'], {
    cwd: root,
    stdio: 'inherit',
  });
}
copyFileSync(join(root, 'LICENSE'), 'LICENSE');
