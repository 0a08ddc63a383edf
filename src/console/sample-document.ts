// A built-in document for "Try a configuration": numbered A4 pages with a
// coloured band at the top, so N-up order, rotation, duplex and colour mode
// are visible at a glance. Written as PDF syntax directly (a few objects,
// base-14 fonts), so it needs no PDF library and never changes.

const WIDTH = 595.28;
const HEIGHT = 841.89;
const BANDS: Array<[number, number, number]> = [
  [0.86, 0.2, 0.2], [0.95, 0.55, 0.1], [0.2, 0.6, 0.25], [0.15, 0.45, 0.8], [0.5, 0.3, 0.75], [0.1, 0.6, 0.6],
];

function pageContent(n: number, pages: number): string {
  const [r, g, b] = BANDS[(n - 1) % BANDS.length]!;
  const digits = String(n);
  // Helvetica-Bold digits are 556/1000 em wide.
  const size = 300;
  const x = (WIDTH - digits.length * 0.556 * size) / 2;
  return [
    `0.6 G 2 w 18 18 ${WIDTH - 36} ${HEIGHT - 36} re S`,
    `${r} ${g} ${b} rg 18 ${HEIGHT - 90} ${WIDTH - 36} 72 re f`,
    `BT /F1 30 Tf 1 g 40 ${HEIGHT - 66} Td (TOP) Tj ET`,
    `1 g ${WIDTH - 70} ${HEIGHT - 78} m ${WIDTH - 40} ${HEIGHT - 78} l ${WIDTH - 55} ${HEIGHT - 36} l f`,
    `BT /F1 ${size} Tf 0.12 g ${x.toFixed(2)} 300 Td (${digits}) Tj ET`,
    `BT /F2 18 Tf 0.25 g 40 40 Td (Page ${n} of ${pages} - printsim sample) Tj ET`,
  ].join('\n');
}

export function sampleDocument(pages = 6): Uint8Array {
  const objects: string[] = [];
  const pageIds: number[] = [];
  // 1 catalog, 2 page tree, 3-4 fonts, then a page and its content per page.
  objects[3] = '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>';
  objects[4] = '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>';
  for (let n = 1; n <= pages; n++) {
    const pageId = 3 + n * 2;
    const contentId = pageId + 1;
    const content = pageContent(n, pages);
    objects[pageId] =
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${WIDTH} ${HEIGHT}] ` +
      `/Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> /Contents ${contentId} 0 R >>`;
    objects[contentId] = `<< /Length ${content.length} >>\nstream\n${content}\nendstream`;
    pageIds.push(pageId);
  }
  objects[1] = '<< /Type /Catalog /Pages 2 0 R >>';
  objects[2] = `<< /Type /Pages /Kids [${pageIds.map((id) => `${id} 0 R`).join(' ')}] /Count ${pages} >>`;

  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  for (let id = 1; id < objects.length; id++) {
    offsets[id] = out.length;
    out += `${id} 0 obj\n${objects[id]}\nendobj\n`;
  }
  const xref = out.length;
  out += `xref\n0 ${objects.length}\n0000000000 65535 f \n`;
  for (let id = 1; id < objects.length; id++) out += `${String(offsets[id]).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new TextEncoder().encode(out);
}
