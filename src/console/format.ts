// Small formatters shared by the console pages.
import type { JobLeaf } from '../model/records.js';
import type { JobRecord } from '../model/records.js';
import { html, type Html } from './html.js';

/** Graph enum members as words: "flipOnLongEdge" → "flip on long edge". */
export function humanize(member: string): string {
  return member
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z])([A-Z][a-z])/g, '$1 $2')
    .toLowerCase();
}

/** "mediaJam" → "Media jam", for button labels. */
export function sentence(member: string): string {
  const words = humanize(member);
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** A UTC timestamp a person can scan ("2026-01-01 00:00:05"), machine-readable in datetime. */
export function time(iso: string | null | undefined): Html {
  if (iso === null || iso === undefined) return html`<span class="muted">—</span>`;
  const shown = iso.replace('T', ' ').replace(/(\.\d+)?Z$/, '');
  return html`<time datetime="${iso}" title="UTC">${shown}</time>`;
}

/** Who submitted a job: the UPN when there is one (IPP jobs may only have a name). */
export function ownerOf(job: JobRecord): string {
  return job.createdBy.userPrincipalName ?? job.createdBy.displayName ?? '';
}

export function jobTitle(job: JobRecord): string {
  return job.displayName ?? job.documents[0]?.displayName ?? '';
}

/** "processing.transforming" → "processing · transforming". */
export function leafLabel(leaf: JobLeaf): string {
  return leaf.replace('.', ' · ');
}

export function doorLabel(door: string): string {
  return door === 'ipp' ? 'IPP' : 'Graph';
}

export function stateChip(state: string, details: readonly string[] = []): Html {
  return html`<span class="chip chip-${state}">${state}</span>${details.length > 0 ? html` <span class="details">${details.join(', ')}</span>` : ''}`;
}

export function bytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

/** Margins come in microns; people read millimetres. */
export function millimetres(microns: number): string {
  return `${Number((microns / 1000).toFixed(2))} mm`;
}
