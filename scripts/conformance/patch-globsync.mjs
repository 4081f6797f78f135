// Node 20 compatibility patch for @modelcontextprotocol/conformance 0.1.16, applied by scripts/conformance.sh after
// `npm ci`, never by hand. The CLI's bundle imports `globSync` from "fs", which exists only from Node 22; Node 20
// refuses to load the whole module. Its one use (`globSync("**/checks.json", {cwd})`, in the tier-check command we do
// not run) has the same signature in the `glob` package, so this takes that one import from "glob" instead.
// Exact-text replacement: it fails loudly if the bundle differs from the pinned one, and is idempotent.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const bundle = require.resolve('@modelcontextprotocol/conformance/dist/index.js', { paths: [process.argv[2] ?? process.cwd()] });
const original = 'import{existsSync as a,globSync as o,mkdtempSync as s,promises as c,readFileSync as l}from"fs";';
const patched = 'import{existsSync as a,mkdtempSync as s,promises as c,readFileSync as l}from"fs";import{globSync as o}from"glob";';
const text = readFileSync(bundle, 'utf8');
if (text.includes(patched)) {
  console.log(`conformance: globSync patch already applied to ${bundle}`);
} else if (text.split(original).length === 2) {
  writeFileSync(bundle, text.replace(original, patched));
  console.log(`conformance: took globSync from the glob package in ${bundle}`);
} else {
  console.error(`conformance: ${bundle} is not the pinned 0.1.16 bundle (fs import not found exactly once); not patched`);
  process.exit(1);
}
