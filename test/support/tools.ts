import { spawnSync } from 'node:child_process';

/**
 * Debian tools some tests drive (poppler-utils, cups-ipp-utils, chromium).
 * On a laptop without them those tests skip with the reason printed; in CI,
 * `.ci/run` sets PRINTSIM_REQUIRE_TOOLS=1 and a missing tool fails the run.
 */
export function hasTool(name: string): boolean {
  const r = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' });
  return r.status === 0 && r.stdout.trim() !== '';
}

export function toolsRequired(): boolean {
  return process.env.PRINTSIM_REQUIRE_TOOLS === '1';
}

/**
 * Returns a skip reason when a tool is missing, or null when every tool is there.
 * Throws when PRINTSIM_REQUIRE_TOOLS=1 so CI can never skip silently.
 * Use as: `const skip = missingTools('pdftotext'); describe.skipIf(skip)(...)`
 * and the reason is logged once.
 */
export function missingTools(...names: string[]): string | false {
  const missing = names.filter((n) => !hasTool(n));
  if (missing.length === 0) return false;
  const reason = `missing Debian tool(s): ${missing.join(', ')} (apt-get install poppler-utils cups-ipp-utils chromium)`;
  if (toolsRequired()) throw new Error(`${reason}; PRINTSIM_REQUIRE_TOOLS=1 forbids skipping`);
  console.warn(`SKIP: ${reason}`);
  return reason;
}
