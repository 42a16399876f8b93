// Builds everything `npm start` and the tests run: the renderer (Vite) and the Node and
// Electron entry points (esbuild). Skips work when no source changed since the last build.
import { build as esbuild } from 'esbuild';
import { copyFileSync, readFileSync, statSync, readdirSync, writeFileSync, existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { build as viteBuild } from 'vite';

const root = new URL('..', import.meta.url).pathname;
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const force = process.argv.includes('--force');
const stamp = join(root, 'dist', '.build-stamp');

function newest(dir) {
  let t = 0;
  for (const entry of readdirSync(join(root, dir), { withFileTypes: true })) {
    const p = join(dir, entry.name);
    if (entry.isDirectory()) t = Math.max(t, newest(p));
    else t = Math.max(t, statSync(join(root, p)).mtimeMs);
  }
  return t;
}

const sources = ['common', 'db', 'main', 'preload', 'renderer', 'hub'].filter((d) => existsSync(join(root, d)));
const latest = Math.max(...sources.map(newest), statSync(join(root, 'package.json')).mtimeMs, statSync(join(root, 'vite.config.ts')).mtimeMs);
if (!force && existsSync(stamp) && statSync(stamp).mtimeMs >= latest) {
  console.log('build: up to date');
  process.exit(0);
}

const started = Date.now();
await viteBuild({ configFile: join(root, 'vite.config.ts'), logLevel: 'warn' });

const deps = Object.keys(pkg.dependencies ?? {});
// chunk names carry a content hash: clear the old ones rather than pile them up
rmSync(join(root, 'dist/host/chunks'), { recursive: true, force: true });
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  logLevel: 'warning',
  define: { __APP_VERSION__: JSON.stringify(pkg.version) },
};
await Promise.all([
  // the browser host carries its pure-JS libraries inside (one file parses faster than hundreds
  // of small ESM files); what only some calls need (the demo generator) is a chunk loaded then
  esbuild({ ...common, entryPoints: { cli: join(root, 'main/host/cli.ts') }, outdir: join(root, 'dist/host'), format: 'esm',
    splitting: true, chunkNames: 'chunks/[name]-[hash]', outExtension: { '.js': '.mjs' }, external: ['better-sqlite3'],
    banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" } }),
  // electron-store is ESM-only: bundle it into the CommonJS main
  esbuild({ ...common, entryPoints: [join(root, 'main/index.ts')], outfile: join(root, 'dist/main/index.cjs'), format: 'cjs',
    external: ['electron', ...deps.filter((d) => d !== 'electron-store')] }),
  esbuild({ ...common, entryPoints: [join(root, 'preload/index.ts')], outfile: join(root, 'dist/preload/index.cjs'), format: 'cjs', external: ['electron'] }),
  ...(existsSync(join(root, 'hub/cli.ts'))
    ? [esbuild({ ...common, entryPoints: [join(root, 'hub/cli.ts')], outfile: join(root, 'dist/hub/cli.mjs'), format: 'esm', external: deps,
        banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" } })]
    : []),
]);
// the patients' pages read their stylesheet from beside the hub's bundle (hub/patient/style.ts)
if (existsSync(join(root, 'hub/patient/portal.css'))) copyFileSync(join(root, 'hub/patient/portal.css'), join(root, 'dist/hub/portal.css'));
writeFileSync(stamp, new Date().toISOString());
console.log(`build: done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
