// `printsim render`: renders a document offline with a job configuration and a
// printer's capabilities, so job configurations can be tested in CI without a
// server. Errors are one line on stderr; the stack only with --debug.
import { closeSync, existsSync, openSync, readFileSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import path from 'node:path';
import { setFlagsFromString } from 'node:v8';
import type { PrintJobConfiguration } from '../model/print-types.js';
import type { PrinterDefinition } from '../model/printer-definition.js';
import { bundledPrintersDir, loadPrinterDefinitions } from '../core/printer-definitions.js';
import { parseConfiguration, resolveConfiguration } from '../core/validate-configuration.js';
import { impose } from '../render/render.js';

export interface RenderCommandArgs {
  input: string;
  config: string;
  printer?: string;
  output: string;
  manifest?: string;
  debug?: boolean;
  /** Draw proof marks (label band, finishing positions) on every side. */
  proof?: boolean;
}

export interface RenderCommandIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  /** stderr is a terminal: show a progress bar for long documents. */
  isTTY: boolean;
}

/** A mistake the user can fix, reported without a stack. */
class CommandError extends Error {}

const CONTENT_TYPES: Record<string, string> = {
  '.pdf': 'application/pdf',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.png': 'image/png',
  '.txt': 'text/plain',
  '.text': 'text/plain',
};

// Below this many steps a bar would only flicker.
const PROGRESS_MIN_STEPS = 200;
const BAR_WIDTH = 30;

function readFile(file: string, what: string): Buffer {
  try {
    return readFileSync(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : (e as Error).message;
    throw new CommandError(`cannot read ${what} ${file}: ${why}`);
  }
}

/** JOB.json holds a printJobConfiguration, or `{"configuration": {...}}` as in a Graph job body. */
export function readJobConfiguration(file: string): PrintJobConfiguration {
  let raw: unknown;
  try {
    raw = JSON.parse(readFile(file, 'the job configuration').toString('utf8'));
  } catch (e) {
    if (e instanceof CommandError) throw e;
    throw new CommandError(`${file} is not valid JSON (${(e as Error).message})`);
  }
  const wrapped = raw !== null && typeof raw === 'object' && !Array.isArray(raw) && 'configuration' in raw;
  return parseConfiguration(wrapped ? (raw as { configuration: unknown }).configuration : raw);
}

/** --printer: a bundled printer's id, name or display name, or a definition file. */
export function choosePrinter(choice: string | undefined): PrinterDefinition {
  const bundled = loadPrinterDefinitions(bundledPrintersDir());
  if (choice === undefined) return bundled[0]!;
  const wanted = choice.toLowerCase();
  const match = bundled.find((p) => p.id.toLowerCase() === wanted || p.name === choice || p.displayName.toLowerCase() === wanted);
  if (match) return match;
  if (existsSync(choice) && statSync(choice).isFile()) {
    const defs = loadPrinterDefinitions(choice);
    if (defs.length > 1) throw new CommandError(`${choice} holds ${defs.length} printers; give a file with one, or one of their names`);
    return defs[0]!;
  }
  throw new CommandError(`no printer '${choice}': use a file path or one of ${bundled.map((p) => p.name).join(', ')}`);
}

function contentTypeOf(file: string): string {
  return CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

function progressBar(stderr: NodeJS.WritableStream): { update: (done: number, total: number) => void; end: () => void } {
  let shown = -1;
  let active = false;
  return {
    update(done, total) {
      if (total < PROGRESS_MIN_STEPS) return;
      const pct = Math.floor((done / total) * 100);
      if (pct === shown) return;
      shown = pct;
      active = true;
      const filled = Math.round((pct / 100) * BAR_WIDTH);
      stderr.write(`\rrendering [${'#'.repeat(filled)}${' '.repeat(BAR_WIDTH - filled)}] ${String(pct).padStart(3)}%`);
    },
    end() {
      if (active) stderr.write(`\r${' '.repeat(BAR_WIDTH + 20)}\r`);
    },
  };
}

const GROWTH_FLAG = 'semi-space-growth-factor';
const V8_DEFAULT_GROWTH = 2;

/**
 * Parsing a big PDF keeps nearly everything it allocates, so V8 keeps doubling
 * the young generation (to 2 × 16 MB) although scavenges find little garbage.
 * Holding it at its starting size cuts the peak RSS of a 5,000-page render by
 * about 25 MB at no measured cost in time. V8 reads this flag at each growth
 * step, so setting it at run time works; a flag the user gave is left alone.
 */
function holdYoungGeneration(): () => void {
  const given = [...process.execArgv, process.env.NODE_OPTIONS ?? ''].some((a) => a.includes(GROWTH_FLAG));
  if (given) return () => {};
  setFlagsFromString(`--${GROWTH_FLAG}=1`);
  return () => setFlagsFromString(`--${GROWTH_FLAG}=${V8_DEFAULT_GROWTH}`);
}

async function writeFile(file: string, write: (sink: (chunk: Uint8Array) => void) => Promise<void>): Promise<void> {
  const fd = openSync(file, 'w');
  try {
    await write((chunk) => {
      for (let at = 0; at < chunk.length; ) at += writeSync(fd, chunk, at);
    });
  } catch (e) {
    // No half-written PDF left behind for a later step to pick up.
    closeSync(fd);
    rmSync(file, { force: true });
    throw e;
  }
  closeSync(fd);
}

/** Refuses an output path whose folder is missing before any work is done, naming what is wrong. */
function assertWritableTarget(file: string, what: string): void {
  const dir = path.dirname(path.resolve(file));
  if (!existsSync(dir)) throw new CommandError(`cannot write ${what} ${file}: the folder ${path.dirname(file)} does not exist`);
  if (!statSync(dir).isDirectory()) throw new CommandError(`cannot write ${what} ${file}: ${path.dirname(file)} is not a folder`);
  if (existsSync(file) && statSync(file).isDirectory()) throw new CommandError(`cannot write ${what} ${file}: it is a folder`);
}

export async function renderCommand(args: RenderCommandArgs, io: RenderCommandIo): Promise<number> {
  const bar = io.isTTY ? progressBar(io.stderr) : undefined;
  const releaseYoungGeneration = holdYoungGeneration();
  try {
    assertWritableTarget(args.output, 'the output');
    if (args.manifest !== undefined) assertWritableTarget(args.manifest, 'the manifest');
    const bytes = readFile(args.input, 'the document');
    const job = readJobConfiguration(args.config);
    const printer = choosePrinter(args.printer);
    const configuration = resolveConfiguration(job, printer);
    const result = await impose({
      bytes,
      contentType: contentTypeOf(args.input),
      configuration,
      printer,
      documentName: path.basename(args.input),
      ...(args.proof ? { proof: true } : {}),
      ...(bar ? { onProgress: bar.update } : {}),
    });
    // Streamed: the whole output never sits in memory next to the document graph.
    await writeFile(args.output, result.write);
    bar?.end();
    if (args.manifest !== undefined) writeFileSync(args.manifest, `${JSON.stringify(result.manifest, null, 2)}\n`);
    for (const w of result.warnings) io.stderr.write(`printsim render: warning: ${w}\n`);
    const t = result.manifest.totals;
    io.stdout.write(
      `${args.output}: ${t.impressions} side(s) on ${t.sheets} sheet(s) of ${configuration.mediaSize}, ` +
        `${t.sourcePagesPrinted} source page(s) placed, printer ${printer.name}\n`,
    );
    return 0;
  } catch (e) {
    bar?.end();
    const err = e instanceof Error ? e : new Error(String(e));
    const message = err.message.split('\n').filter((l) => l.trim() !== '').join('; ');
    io.stderr.write(`printsim render: ${message}\n`);
    if (args.debug && err.stack !== undefined) io.stderr.write(`${err.stack}\n`);
    return 1;
  } finally {
    releaseYoungGeneration();
  }
}
