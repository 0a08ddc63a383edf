// Loads the hex byte vectors in test/fixtures/ipp (format in its README.md).

import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const DIR = fileURLToPath(new URL('../fixtures/ipp/', import.meta.url));

export function loadVector(name: string): Uint8Array {
  const text = readFileSync(`${DIR}${name}.hex`, 'utf8');
  const hex = text
    .split('\n')
    .filter((line) => !line.startsWith('#'))
    .join('')
    .replace(/\s+/g, '');
  if (!/^([0-9a-f]{2})*$/.test(hex)) throw new Error(`${name}.hex is not hex`);
  return new Uint8Array(Buffer.from(hex, 'hex'));
}

/** Names (without .hex) of every vector. */
export function vectorNames(): string[] {
  return readdirSync(DIR)
    .filter((f) => f.endsWith('.hex'))
    .map((f) => f.slice(0, -4))
    .sort();
}
