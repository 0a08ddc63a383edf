import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PrintsimError } from '../model/errors.js';
import type { PrintJobConfiguration } from '../model/print-types.js';
import { bundledPrintersDir, loadPrinterDefinitions } from './printer-definitions.js';
import {
  mergeConfiguration,
  parseConfiguration,
  resolveConfiguration,
  validateAgainstCapabilities,
} from './validate-configuration.js';
import { GRAPH_ERRORS } from '../graph/graph-error.js';

const [office, mono, production] = loadPrinterDefinitions(bundledPrintersDir());
const fixture = (name: string) => JSON.parse(readFileSync(new URL(`../../fixtures/configs/${name}`, import.meta.url), 'utf8'));

function caught(fn: () => unknown): PrintsimError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(PrintsimError);
    return e as PrintsimError;
  }
  throw new Error('no error thrown');
}

describe('the Graph docs examples', () => {
  it('the redirect example targets the default printer and validates there, every field kept', () => {
    const body = fixture('redirect-example.json');
    expect(body.destinationPrinterId).toBe(office.id);
    const config = parseConfiguration(body.configuration);
    expect(config).toEqual(body.configuration);
    const eff = resolveConfiguration(config, office);
    expect(eff).toMatchObject({
      inputBin: 'by-pass-tray', outputBin: 'output-tray', dpi: 600, mediaType: 'stationery', quality: 'medium',
      orientation: 'landscape', feedOrientation: 'longEdgeFirst', duplexMode: 'oneSided',
      multipageLayout: 'clockwiseFromBottomLeft', pagesPerSheet: 1, margin: { top: 0, bottom: 0, left: 0, right: 0 },
      mediaSize: 'A4', scaling: 'shrinkToFit', fitPdfToPage: false, colorMode: 'blackAndWhite', collate: false,
      copies: 1, pageRanges: [{ start: 1, end: 1 }], finishings: [],
    });
  });

  it('the create-job example validates verbatim, @odata.type annotations dropped', () => {
    const body = fixture('create-job-example.json');
    const config = parseConfiguration(body.configuration);
    expect(config).not.toHaveProperty('@odata.type');
    expect(config.pageRanges).toEqual([{ start: 1, end: 1 }]);
    expect(() => validateAgainstCapabilities(config, office)).not.toThrow();
  });
});

describe('parseConfiguration', () => {
  it('drops OData annotations at every level', () => {
    const config = parseConfiguration({
      '@odata.type': '#microsoft.graph.printJobConfiguration',
      'finishings@odata.type': '#Collection(microsoft.graph.printFinishing)',
      finishings: ['staple'],
      margin: { '@odata.type': 'microsoft.graph.printMargin', top: 0 },
    });
    expect(config).toEqual({ finishings: ['staple'], margin: { top: 0 } });
  });

  it('keeps explicit nulls (unset, or cleared in a PATCH)', () => {
    expect(parseConfiguration({ finishings: null, copies: null })).toEqual({ finishings: null, copies: null });
  });

  it.each([
    [{ colour: 'color' }, 'configuration.colour: unknown property of printJobConfiguration', 'colour'],
    [{ copies: '2' }, 'configuration.copies: expected an Int32 integer, got "2"', 'copies'],
    [{ copies: 1.5 }, 'configuration.copies: expected an Int32 integer, got 1.5', 'copies'],
    [{ dpi: 2 ** 31 }, 'configuration.dpi: expected an Int32 integer', 'dpi'],
    [{ collate: 'yes' }, 'configuration.collate: expected true or false, got "yes"', 'collate'],
    [{ duplexMode: 2 }, 'configuration.duplexMode: expected a printDuplexMode string, got 2', 'duplexMode'],
    [{ finishings: 'staple' }, 'configuration.finishings: expected an array, got "staple"', 'finishings'],
    [{ margin: { top: 0, middle: 1 } }, 'configuration.margin.middle: unknown property of printMargin', 'margin'],
    [{ pageRanges: [{ start: 1 }] }, 'configuration.pageRanges[0].end: is required', 'pageRanges'],
    [{ pageRanges: [{ start: 1, end: 2, step: 1 }] }, 'configuration.pageRanges[0].step: unknown property of integerRange', 'pageRanges'],
  ])('refuses %j as badRequest naming the field', (input, message, field) => {
    const e = caught(() => parseConfiguration(input));
    expect(e.kind).toBe('badRequest');
    expect(e.message).toContain(message);
    expect(e.fields).toEqual([field]);
  });

  it('refuses unknown enum members as invalidConfiguration, listing the allowed values', () => {
    const e = caught(() => parseConfiguration({ duplexMode: 'twoSided', finishings: ['staple', 'glue'] }));
    expect(e.kind).toBe('invalidConfiguration');
    expect(e.message).toContain('configuration.duplexMode: "twoSided" is not a printDuplexMode (allowed: flipOnLongEdge, flipOnShortEdge, oneSided)');
    expect(e.message).toContain('configuration.finishings[1]: "glue" is not a printFinishing (allowed: none, staple, punch,');
    expect(e.fields).toEqual(['duplexMode', 'finishings']);
  });

  it('refuses a body that is not an object, using the given path', () => {
    const e = caught(() => parseConfiguration([], 'redirect.configuration'));
    expect(e.kind).toBe('badRequest');
    expect(e.message).toBe('redirect.configuration: expected a printJobConfiguration object, got an array');
  });
});

describe('validateAgainstCapabilities', () => {
  const refuse = (config: PrintJobConfiguration, printer = office) => {
    const e = caught(() => validateAgainstCapabilities(config, printer));
    expect(e.kind).toBe('invalidConfiguration');
    expect(GRAPH_ERRORS[e.kind].status).toBe(400);
    return e;
  };

  it('names the field, the printer and the supported values', () => {
    expect(refuse({ duplexMode: 'flipOnShortEdge' }, mono).message).toBe(
      'configuration.duplexMode: "flipOnShortEdge" is not supported by printer "Letter Mono" (supported: oneSided, flipOnLongEdge)',
    );
  });

  it.each<[PrintJobConfiguration, string, string]>([
    [{ mediaSize: 'A4' }, 'mediaSize', 'configuration.mediaSize: "A4" is not supported by printer "Letter Mono" (supported: North America Letter, North America Legal, North America Executive)'],
    [{ colorMode: 'auto' }, 'colorMode', 'configuration.colorMode: "auto" is not supported by printer "Letter Mono" (supported: blackAndWhite, grayscale)'],
    [{ dpi: 1200 }, 'dpi', 'configuration.dpi: 1200 is not supported by printer "Letter Mono" (supported: 600)'],
    [{ quality: 'low' }, 'quality', 'configuration.quality: "low" is not supported by printer "Letter Mono" (supported: medium, high)'],
    [{ pagesPerSheet: 6 }, 'pagesPerSheet', '(supported: 1, 2, 4)'],
    [{ multipageLayout: 'clockwiseFromBottomRight' }, 'multipageLayout', 'configuration.multipageLayout: "clockwiseFromBottomRight" is not supported'],
    [{ orientation: 'reversePortrait' }, 'orientation', '(supported: portrait, landscape)'],
    [{ scaling: 'fill' }, 'scaling', '(supported: auto, shrinkToFit, fit, none)'],
    [{ finishings: ['staple'] }, 'finishings', 'configuration.finishings[0]: "staple" is not supported by printer "Letter Mono" (supported: none)'],
    [{ inputBin: 'by-pass-tray' }, 'inputBin', '(supported: tray-1, manual)'],
    [{ outputBin: 'output-tray' }, 'outputBin', '(supported: face-down)'],
    [{ mediaType: 'photographic' }, 'mediaType', '(supported: stationery, stationery-heavyweight, labels, envelope)'],
    [{ feedOrientation: 'longEdgeFirst' }, 'feedOrientation', '(supported: shortEdgeFirst)'],
    [{ margin: { top: 0 } }, 'margin', 'configuration.margin.top: 0 is not supported by printer "Letter Mono" (supported: 4230 microns)'],
    [{ copies: 100 }, 'copies', 'configuration.copies: 100 is outside the copies range of printer "Letter Mono" (supported: 1-99)'],
    [{ copies: 0 }, 'copies', '(supported: 1-99)'],
    [{ colorMode: 'color' }, 'colorMode', 'configuration.colorMode: "color" is not supported by printer "Letter Mono", which cannot print in colour (supported: blackAndWhite, grayscale)'],
  ])('mono printer refuses %j', (config, field, message) => {
    const e = refuse(config, mono);
    expect(e.message).toContain(message);
    expect(e.fields).toEqual([field]);
  });

  it.each<[PrintJobConfiguration['pageRanges'], string]>([
    [[], 'configuration.pageRanges: is empty'],
    [[{ start: 3, end: 2 }], 'configuration.pageRanges[0]: start 3 is after end 2'],
    [[{ start: 0, end: 2 }], 'configuration.pageRanges[0]: pages are numbered from 1'],
    [[{ start: 1, end: 5 }, { start: 9, end: 9 }, { start: 4, end: 6 }], 'configuration.pageRanges[2]: 4-6 overlaps configuration.pageRanges[0] 1-5'],
  ])('refuses pageRanges %j', (pageRanges, message) => {
    const e = refuse({ pageRanges });
    expect(e.message).toContain(message);
    expect(e.fields).toEqual(['pageRanges']);
  });

  it('refuses collate and fitPdfToPage where unsupported, and page ranges on a printer without them', () => {
    const plain = { ...mono, capabilities: { ...mono.capabilities, collation: false, supportsFitPdfToPage: false, isPageRangeSupported: false } };
    const e = refuse({ collate: true, fitPdfToPage: true, pageRanges: [{ start: 1, end: 1 }] }, plain);
    expect(e.fields).toEqual(['collate', 'fitPdfToPage', 'pageRanges']);
    expect(e.message).toContain('configuration.collate: true is not supported by printer "Letter Mono" (supported: false)');
    expect(() => validateAgainstCapabilities({ collate: false, fitPdfToPage: false }, plain)).not.toThrow();
  });

  it('refuses "none" combined with a finishing, and a finishing listed twice', () => {
    const e = refuse({ finishings: ['none', 'staple', 'staple'] }, production);
    expect(e.message).toContain('configuration.finishings[2]: "staple" is listed twice');
    expect(e.message).toContain('"none" cannot be combined');
  });

  it('reports every problem at once', () => {
    const e = refuse({ mediaSize: 'A0', copies: 5000, duplexMode: 'flipOnShortEdge' }, mono);
    expect(e.fields).toEqual(['mediaSize', 'duplexMode', 'copies']);
  });

  it('accepts adjacent ranges in any order, and everything the production printer offers', () => {
    expect(() => validateAgainstCapabilities({ pageRanges: [{ start: 5, end: 9 }, { start: 1, end: 4 }] }, office)).not.toThrow();
    expect(() => validateAgainstCapabilities({
      inputBin: 'tray-4', outputBin: 'stacker-2', finishings: ['stapleDualLeft', 'punchDualLeft', 'foldHalf'],
      mediaSize: 'North America Ledger', copies: 9999,
    }, production)).not.toThrow();
  });
});

describe('resolveConfiguration', () => {
  it('fills every unset field from the printer defaults', () => {
    expect(resolveConfiguration({}, office)).toEqual({
      collate: true,
      colorMode: 'color',
      copies: 1,
      dpi: 600,
      duplexMode: 'oneSided',
      feedOrientation: null,
      finishings: [],
      fitPdfToPage: false,
      inputBin: 'auto',
      // The normal (smallest non-zero) margin: borderless only when asked for.
      margin: { top: 3000, bottom: 3000, left: 3000, right: 3000 },
      mediaSize: 'A4',
      mediaType: 'stationery',
      multipageLayout: 'clockwiseFromTopLeft',
      orientation: 'portrait',
      outputBin: 'output-tray',
      pageRanges: [],
      pagesPerSheet: 1,
      quality: 'medium',
      scaling: 'auto',
    });
    expect(resolveConfiguration({ copies: null, margin: { left: 4230, top: null } }, mono)).toMatchObject({
      colorMode: 'blackAndWhite', mediaSize: 'North America Letter', copies: 1,
      margin: { top: 4230, bottom: 4230, left: 4230, right: 4230 },
    });
  });

  it('job values win, and page ranges come back in page order', () => {
    const eff = resolveConfiguration({ duplexMode: 'flipOnLongEdge', pageRanges: [{ start: 7, end: 8 }, { start: 2, end: 3 }] }, production);
    expect(eff.duplexMode).toBe('flipOnLongEdge');
    expect(eff.pageRanges).toEqual([{ start: 2, end: 3 }, { start: 7, end: 8 }]);
    expect(eff.outputBin).toBe('stacker-1');
  });

  it('falls back on the capabilities when a printer has no defaults', () => {
    const bare = { ...mono, defaults: {} };
    expect(resolveConfiguration({}, bare)).toMatchObject({
      colorMode: 'blackAndWhite', dpi: 600, duplexMode: 'oneSided', mediaSize: 'North America Letter',
      quality: 'medium', scaling: 'auto', inputBin: 'tray-1', outputBin: 'face-down', copies: 1,
    });
  });

  it('validates first', () => {
    expect(caught(() => resolveConfiguration({ mediaSize: 'A4' }, mono)).kind).toBe('invalidConfiguration');
  });
});

describe('mergeConfiguration', () => {
  it('replaces provided keys, clears nulls, keeps the rest', () => {
    const base: PrintJobConfiguration = { copies: 2, margin: { top: 0, left: 0 }, finishings: ['staple'], duplexMode: 'flipOnLongEdge' };
    const merged = mergeConfiguration(base, { copies: 3, margin: { top: 3000 }, finishings: null });
    expect(merged).toEqual({ copies: 3, margin: { top: 3000 }, duplexMode: 'flipOnLongEdge' });
    expect(base.copies).toBe(2);
  });
});
