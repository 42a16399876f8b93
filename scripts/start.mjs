// `npm start`: the desktop window where Electron's binary is installed, otherwise the browser
// host, saying why. `npm run start:web` (or --web) always starts the browser host.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const args = process.argv.slice(2).filter((a) => a !== '--web');
const web = process.argv.includes('--web');

const built = spawnSync(process.execPath, [join(root, 'scripts/build.mjs')], { stdio: 'inherit' });
if (built.status !== 0) process.exit(built.status ?? 1);

function electronBinary() {
  try {
    const require = createRequire(import.meta.url);
    const path = require('electron'); // the package exports the binary's path, or throws
    return typeof path === 'string' && existsSync(path) ? { path } : { why: `the binary at ${path} is missing` };
  } catch {
    // installed with ELECTRON_SKIP_BINARY_DOWNLOAD=1 (the README's install), or its download failed
    return { why: "Electron's binary is not installed (npm ci ran with ELECTRON_SKIP_BINARY_DOWNLOAD=1, or its download failed)" };
  }
}

/**
 * better-sqlite3 in node_modules is built for Node (the tests need it so). Electron needs its own
 * ABI: build a copy once per Electron version into .electron-native/ and point main at it.
 * Packaged apps do not need this: electron-builder rebuilds native modules for Electron.
 */
function electronNativeBinding(electronPath) {
  const version = spawnSync(electronPath, ['--version'], { encoding: 'utf8' }).stdout.trim().replace(/^v/, '');
  const dir = join(root, '.electron-native', version, 'better-sqlite3');
  const binding = join(dir, 'build', 'Release', 'better_sqlite3.node');
  if (!existsSync(binding)) {
    console.log(`Building better-sqlite3 for Electron ${version} (once)…`);
    cpSync(join(root, 'node_modules', 'better-sqlite3'), dir, { recursive: true });
    const r = spawnSync('npx', ['--no-install', 'node-gyp', 'rebuild', `--target=${version}`, '--dist-url=https://electronjs.org/headers'], { cwd: dir, stdio: 'inherit' });
    if (r.status !== 0) return undefined;
  }
  return binding;
}

const run = (cmd, cmdArgs, env = process.env) => {
  const child = spawn(cmd, cmdArgs, { stdio: 'inherit', env });
  child.on('exit', (code) => process.exit(code ?? 0));
  for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
};

if (!web) {
  const electron = electronBinary();
  const binding = electron.path ? electronNativeBinding(electron.path) : undefined;
  if (electron.path && binding) {
    console.log('Starting the Portal Desk desktop window.');
    run(electron.path, [root, ...args], { ...process.env, PORTAL_NATIVE_BINDING: binding });
  } else {
    const why = electron.why ?? 'better-sqlite3 could not be built for Electron';
    console.log(`Starting the browser host instead of the desktop window: ${why}.`);
    run(process.execPath, [join(root, 'dist/host/cli.mjs'), ...args]);
  }
} else {
  run(process.execPath, [join(root, 'dist/host/cli.mjs'), ...args]);
}
