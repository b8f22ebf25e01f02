#!/usr/bin/env node
// Prints, comma-separated, the functions of the shared reference set (../shared/golden) that the
// built package exports, so CI checks every implemented op and the list never goes stale.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const root = resolve(import.meta.dirname, '..');
const manifest = JSON.parse(readFileSync(resolve(root, '../shared/golden/public/manifest.json'), 'utf8'));
const lib = await import(pathToFileURL(resolve(root, 'dist/index.js')).href);
const calls = [...new Set(manifest.cases.map((c) => c.call))].filter((name) => typeof lib[name] === 'function');
console.log(calls.sort().join(','));
