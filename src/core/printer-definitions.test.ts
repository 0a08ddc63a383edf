import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isPrintsimError } from '../model/errors.js';
import {
  bundledPrintersDir,
  loadPrinterDefinitions,
  PrinterDefinitionError,
  validatePrinterDefinition,
} from './printer-definitions.js';
import { GRAPH_ERRORS } from '../graph/graph-error.js';

const bundled = () => loadPrinterDefinitions(bundledPrintersDir());
// A fresh, valid definition to break one field at a time.
const office = (): Record<string, any> => JSON.parse(readFileSync(path.join(bundledPrintersDir(), '01-office-color.json'), 'utf8')); // eslint-disable-line @typescript-eslint/no-explicit-any

function refusal(raw: unknown, source = 'fixtures/printers/x.json'): PrinterDefinitionError {
  try {
    validatePrinterDefinition(raw, source);
  } catch (e) {
    expect(e).toBeInstanceOf(PrinterDefinitionError);
    return e as PrinterDefinitionError;
  }
  throw new Error('definition was accepted');
}

describe('bundled printers', () => {
  it('load in file order with the default office printer first', () => {
    const printers = bundled();
    expect(printers.map((p) => p.name)).toEqual(['office-color', 'letter-mono', 'production-finisher']);
    expect(new Set(printers.map((p) => p.id)).size).toBe(printers.length);
  });

  it('the default printer offers everything the renderer implements', () => {
    const [p] = bundled();
    const c = p.capabilities;
    for (const size of [
      'A3', 'A4', 'A5', 'A6', 'JIS B4', 'JIS B5', 'JPN Hagaki', 'North America Letter', 'North America Legal',
      'North America Ledger', 'North America Executive', 'North America Invoice', 'North America 5x7in',
      'North America Index 3x5in', 'North America Index 4x8in', 'North America Index 5x8in', 'Photo l 3.5x5in',
      'Business Card', 'North America 4x6in', 'na_number-10_4.125x9.5in', 'iso_dl_110x220mm', 'iso_c5_162x229mm',
    ]) {
      expect(c.mediaSizes).toContain(size);
    }
    expect(c.pagesPerSheet).toEqual([1, 2, 4, 6, 9, 16]);
    expect(c.multipageLayouts).toHaveLength(8);
    expect(c.duplexModes).toHaveLength(3);
    expect(c.scalings).toHaveLength(5);
    expect(c.orientations).toHaveLength(4);
    expect(c.colorModes).toEqual(expect.arrayContaining(['blackAndWhite', 'grayscale', 'color', 'auto']));
    expect(c.inputBins).toContain('by-pass-tray');
    expect(c.topMargins).toContain(0);
    expect(c.copiesPerJob).toEqual({ start: 1, end: 999 });
    expect(p.defaults).toMatchObject({ duplexMode: 'oneSided', copiesPerJob: 1, mediaSize: 'A4', orientation: 'portrait' });
    expect(p.speed).toEqual({ impressionsPerMinute: 30, warmUpSeconds: 8, coolDownSeconds: 300 });
  });

  it('the mono printer cannot print colour', () => {
    const mono = bundled().find((p) => p.name === 'letter-mono')!;
    expect(mono.capabilities.isColorPrintingSupported).toBe(false);
    expect(mono.capabilities.colorModes).toEqual(['blackAndWhite', 'grayscale']);
  });

  it('a single file works as well as a directory', () => {
    const one = loadPrinterDefinitions(path.join(bundledPrintersDir(), '02-letter-mono.json'));
    expect(one.map((p) => p.name)).toEqual(['letter-mono']);
  });
});

describe('a definition with a mistake is refused naming the file and field', () => {
  it('unknown enum member', () => {
    const raw = office();
    raw.capabilities.duplexModes = ['oneSided', 'twoSided'];
    expect(refusal(raw).message).toBe(
      'fixtures/printers/x.json: capabilities.duplexModes[1]: "twoSided" is not a printDuplexMode (flipOnLongEdge, flipOnShortEdge, oneSided)',
    );
  });

  it('default not within capabilities', () => {
    const raw = office();
    raw.defaults.mediaSize = 'A2';
    expect(refusal(raw).message).toMatch(/^fixtures\/printers\/x\.json: defaults\.mediaSize: "A2" is not in capabilities\.mediaSizes \(A4, A3, /);
    const raw2 = office();
    raw2.defaults.copiesPerJob = 1000;
    expect(refusal(raw2).message).toContain('defaults.copiesPerJob: 1000 is outside capabilities.copiesPerJob (1-999)');
    const raw3 = office();
    raw3.defaults.finishings = ['foldZ'];
    expect(refusal(raw3).message).toContain('defaults.finishings[0]: "foldZ" is not in capabilities.finishings');
  });

  it('missing required fields', () => {
    const raw = office();
    delete raw.id;
    delete raw.capabilities.mediaSizes;
    const e = refusal(raw);
    expect(e.message).toContain('fixtures/printers/x.json: id: is required');
    expect(e.message).toContain('fixtures/printers/x.json: capabilities.mediaSizes: is required');
    expect(e.problems.map((p) => p.field)).toEqual(['id', 'capabilities.mediaSizes']);
  });

  it('bad speed', () => {
    for (const [speed, field] of [
      [{ impressionsPerMinute: 0, warmUpSeconds: 8 }, 'speed.impressionsPerMinute'],
      [{ impressionsPerMinute: '30', warmUpSeconds: 8 }, 'speed.impressionsPerMinute'],
      [{ impressionsPerMinute: 30, warmUpSeconds: -1 }, 'speed.warmUpSeconds'],
      [{ impressionsPerMinute: 30 }, 'speed.warmUpSeconds'],
      [30, 'speed'],
    ] as const) {
      const raw = office();
      raw.speed = speed;
      expect(refusal(raw).message).toMatch(new RegExp(`^fixtures/printers/x\\.json: ${field.replace('.', '\\.')}: `));
    }
  });

  it('bad id, name, unknown property, wrong types and colour on a mono device', () => {
    const raw = office();
    raw.id = 'printer-1';
    raw.name = 'Office Color';
    raw.colour = true;
    raw.capabilities.dpis = [600, '1200'];
    raw.capabilities.copiesPerJob = { start: 5, end: 2 };
    raw.capabilities.isColorPrintingSupported = false;
    const fields = refusal(raw).problems.map((p) => p.field);
    expect(fields).toEqual(['colour', 'id', 'name', 'capabilities.dpis[1]', 'capabilities.copiesPerJob', 'capabilities.colorModes']);
  });

  it('is a PrintsimError, so a door that validates a PATCH answers 400', () => {
    const raw = office();
    raw.defaults.duplexMode = 'sideways';
    const e = refusal(raw);
    expect(isPrintsimError(e)).toBe(true);
    expect(GRAPH_ERRORS[e.kind].status).toBe(400);
    expect(e.fields).toEqual(['defaults.duplexMode']);
  });
});

describe('loading files', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'printsim-defs-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const write = (name: string, value: unknown) => {
    const file = path.join(dir, name);
    writeFileSync(file, typeof value === 'string' ? value : JSON.stringify(value));
    return file;
  };
  const loadError = (p: string): PrinterDefinitionError => {
    try {
      loadPrinterDefinitions(p);
    } catch (e) {
      expect(e).toBeInstanceOf(PrinterDefinitionError);
      return e as PrinterDefinitionError;
    }
    throw new Error('accepted');
  };

  it('reads *.json in file-name order, arrays included', () => {
    const a = office();
    const b = { ...office(), id: '00000000-0000-4000-8000-000000000002', name: 'b' };
    const c = { ...office(), id: '00000000-0000-4000-8000-000000000003', name: 'c' };
    write('20-b.json', [b, c]);
    write('10-a.json', a);
    write('notes.txt', 'ignored');
    expect(loadPrinterDefinitions(dir).map((p) => p.name)).toEqual(['office-color', 'b', 'c']);
  });

  it('names the file and the field inside an array', () => {
    const bad = { ...office(), id: '00000000-0000-4000-8000-000000000002', name: 'b', speed: { impressionsPerMinute: -5, warmUpSeconds: 1 } };
    const file = write('list.json', [office(), bad]);
    expect(loadError(file).message).toMatch(/list\.json: \[1\]\.speed\.impressionsPerMinute: expected a number/);
  });

  it('duplicate ids and names across files', () => {
    write('01-a.json', office());
    const second = write('02-b.json', { ...office(), name: 'other' });
    const e = loadError(dir);
    expect(e.message).toBe(`${second}: id: "9a3b3956-ce5b-4d06-a605-5b0bd3e9ddea" is already used by ${path.join(dir, '01-a.json')}`);

    rmSync(second);
    write('02-b.json', { ...office(), id: '00000000-0000-4000-8000-000000000002' });
    expect(loadError(dir).message).toContain(`02-b.json: name: "office-color" is already used by ${path.join(dir, '01-a.json')}`);
  });

  it('invalid JSON, an empty directory and a missing path', () => {
    const file = write('broken.json', '{ "id": ');
    expect(loadError(file).message).toMatch(/broken\.json: not valid JSON/);
    rmSync(file);
    expect(loadError(dir).message).toContain('holds no *.json printer definitions');
    expect(loadError(path.join(dir, 'nope.json')).message).toContain('nope.json: no such file or directory');
  });
});
