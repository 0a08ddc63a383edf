// Rendered "try a configuration" outputs, kept briefly so their thumbnails
// can be fetched; they are never jobs and never touch the spool.
import { randomUUID } from 'node:crypto';

export interface StoredPreview {
  id: string;
  pdf: Uint8Array;
}

export class PreviewStore {
  private readonly previews = new Map<string, StoredPreview>();
  private bytes = 0;

  constructor(
    private readonly maxEntries = 16,
    private readonly maxBytes = 256 * 1024 * 1024,
    private readonly onEvict: (id: string) => void = () => undefined,
  ) {}

  add(pdf: Uint8Array): StoredPreview {
    const p: StoredPreview = { id: randomUUID(), pdf };
    this.previews.set(p.id, p);
    this.bytes += pdf.length;
    for (const old of this.previews.values()) {
      if (this.previews.size <= 1 || (this.previews.size <= this.maxEntries && this.bytes <= this.maxBytes)) break;
      this.previews.delete(old.id);
      this.bytes -= old.pdf.length;
      this.onEvict(old.id);
    }
    return p;
  }

  get(id: string): StoredPreview | undefined {
    return this.previews.get(id);
  }
}
