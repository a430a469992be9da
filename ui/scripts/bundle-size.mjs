// The JavaScript a browser must load before the first screen: the entry chunk and every chunk it
// imports statically (lazy routes and noVNC excluded), gzipped. Fails the build over the budget.
import { readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { join } from "node:path";

const out = "target/classes/static";
const budget = 250 * 1024;
// Vite writes its manifest inside the output; it is not for browsers, so it leaves static/.
renameSync(join(out, ".vite/manifest.json"), "target/bundle-manifest.json");
rmSync(join(out, ".vite"), { recursive: true, force: true });
const manifest = JSON.parse(readFileSync("target/bundle-manifest.json", "utf8"));
const entry = Object.values(manifest).find((chunk) => chunk.isEntry);
const seen = new Set();
const visit = (key) => {
  if (seen.has(key)) return;
  seen.add(key);
  for (const next of manifest[key].imports ?? []) visit(next);
};
visit(Object.keys(manifest).find((key) => manifest[key] === entry));

const files = [...seen].map((key) => manifest[key].file);
const sizes = files.map((file) => {
  const bytes = readFileSync(join(out, file));
  return { file, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
});
const total = sizes.reduce((sum, s) => sum + s.gzip, 0);
const lazy = Object.values(manifest)
  .filter((chunk) => chunk.isDynamicEntry)
  .map((chunk) => chunk.file);
const report = { initial_js_gzip_bytes: total, budget_bytes: budget, initial: sizes, lazy };
writeFileSync("target/bundle-size.json", JSON.stringify(report, null, 2));
console.log(`initial JavaScript: ${(total / 1024).toFixed(1)} KiB gzipped (budget 250 KiB)`);
for (const s of sizes) console.log(`  ${s.file}: ${(s.gzip / 1024).toFixed(1)} KiB gzipped`);
if (total > budget) {
  console.error("initial JavaScript is over the budget: load more of it on demand");
  process.exit(1);
}
