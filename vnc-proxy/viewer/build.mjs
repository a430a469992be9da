// Lays out what the server serves from its classpath (run by Maven after `npm ci`):
//   <out>/novnc/  noVNC's ES modules (core/, vendor/) and licences, served at /novnc/**
//   <out>/page/   the viewer page, its script and style, served at /view/{session_id} and /view/assets/**
// noVNC 1.7 ships plain ES modules that browsers load as they are, so nothing is bundled or transpiled:
// the page's own script imports ../../novnc/core/rfb.js.
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const out = resolve(process.argv[2] ?? join(here, '..', 'target', 'classes', 'io', 'streamspace', 'vnc', 'viewer'));
const novnc = join(here, 'node_modules', '@novnc', 'novnc');

if (!existsSync(join(novnc, 'core', 'rfb.js'))) {
  console.error(`viewer build: ${novnc} has no core/rfb.js; run npm ci in ${here} first`);
  process.exit(1);
}
const version = JSON.parse(readFileSync(join(novnc, 'package.json'), 'utf8')).version;

// The page's script is an external module: a Content-Security-Policy of script-src 'self' must hold.
const html = readFileSync(join(here, 'src', 'viewer.html'), 'utf8');
for (const tag of html.match(/<script\b[^>]*>/gi) ?? []) {
  if (!/\bsrc=/.test(tag)) {
    console.error(`viewer build: inline script in src/viewer.html (${tag}); scripts must be external files`);
    process.exit(1);
  }
}
if (/\son[a-z]+\s*=/i.test(html)) {
  console.error('viewer build: an inline event handler (on...=) in src/viewer.html; use addEventListener');
  process.exit(1);
}

rmSync(join(out, 'novnc'), { recursive: true, force: true });
rmSync(join(out, 'page'), { recursive: true, force: true });
mkdirSync(join(out, 'novnc', 'docs'), { recursive: true });
mkdirSync(join(out, 'page'), { recursive: true });

cpSync(join(novnc, 'core'), join(out, 'novnc', 'core'), { recursive: true });
cpSync(join(novnc, 'vendor'), join(out, 'novnc', 'vendor'), { recursive: true });
for (const file of ['AUTHORS', 'LICENSE.txt']) {
  cpSync(join(novnc, file), join(out, 'novnc', file));
}
for (const file of ['LICENSE.MPL-2.0', 'LICENSE.BSD-2-Clause', 'LICENSE.BSD-3-Clause', 'LICENSE.OFL-1.1']) {
  if (existsSync(join(novnc, 'docs', file))) {
    cpSync(join(novnc, 'docs', file), join(out, 'novnc', 'docs', file));
  }
}
writeFileSync(join(out, 'novnc', 'VERSION'), `${version}\n`);

for (const file of ['viewer.html', 'viewer.js', 'viewer.css']) {
  cpSync(join(here, 'src', file), join(out, 'page', file));
}
console.log(`viewer build: noVNC ${version} and the viewer page in ${out}`);
