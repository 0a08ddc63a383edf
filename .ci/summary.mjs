// Prints the closing "N passed, N failed" line CI reads, from vitest's JSON report.
// When the report is missing (typecheck or lint failed first) the run counts as one failure.
import { existsSync, readFileSync } from 'node:fs';

const [file, status] = process.argv.slice(2);
let passed = 0;
let failed = 0;
let skipped = 0;
if (file !== undefined && existsSync(file)) {
  const r = JSON.parse(readFileSync(file, 'utf8'));
  passed = r.numPassedTests ?? 0;
  failed = (r.numFailedTests ?? 0) + (r.numFailedTestSuites ?? 0);
  skipped = (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
}
if (failed === 0 && status !== '0') failed = 1;
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
