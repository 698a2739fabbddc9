// What `firebase deploy` uploads: src/index.ts bundled with the workspace package @panong/shared
// inlined (it is not on the npm registry), every npm dependency left to `npm install` on Cloud Build,
// and the functions' own modules split where index.ts imports them lazily.
import { builtinModules } from 'node:module';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'rolldown';

const shared = fileURLToPath(new URL('../shared/src/index.ts', import.meta.url));
const isNpmPackage = (id) =>
  !id.startsWith('.') && !id.startsWith('/') && !id.startsWith('\0') && id !== '@panong/shared';

export default defineConfig({
  input: { index: fileURLToPath(new URL('src/index.ts', import.meta.url)) },
  platform: 'node',
  logLevel: 'warn',
  resolve: { alias: { '@panong/shared': shared } },
  external: (id) => builtinModules.includes(id) || id.startsWith('node:') || isNpmPackage(id),
  output: { dir: fileURLToPath(new URL('dist', import.meta.url)), format: 'cjs', cleanDir: true, sourcemap: true },
});
