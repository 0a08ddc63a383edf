// Small readers over decoded messages: find a group or an attribute by name and
// take its first value with the type a handler expects.

import type { IppAttribute, IppCollection, IppGroup, IppMessage, IppValue } from './message.js';

/** The first group with this delimiter tag. */
export function getGroup(message: IppMessage, tag: number): IppGroup | undefined {
  return message.groups.find((g) => g.tag === tag);
}

/** Every group with this delimiter tag, in order (one job group per job in Get-Jobs). */
export function getGroups(message: IppMessage, tag: number): IppGroup[] {
  return message.groups.filter((g) => g.tag === tag);
}

/** An attribute of a group, or a member of a collection value, by name. */
export function getAttr(from: IppGroup | IppCollection | undefined, name: string): IppAttribute | undefined {
  const attributes = from === undefined ? [] : Array.isArray(from) ? from : from.attributes;
  return attributes.find((a) => a.name === name);
}

export function firstValue(attribute: IppAttribute | undefined): IppValue | undefined {
  return attribute?.values[0];
}

/** A string value; textWithLanguage/nameWithLanguage give their text. */
export function firstString(from: IppGroup | IppCollection | undefined, name: string): string | undefined {
  const v = firstValue(getAttr(from, name));
  if (typeof v === 'string') return v;
  if (typeof v === 'object' && v !== null && 'lang' in v && typeof v.value === 'string') return v.value;
  return undefined;
}

/** An integer or enum value. */
export function firstNumber(from: IppGroup | IppCollection | undefined, name: string): number | undefined {
  const v = firstValue(getAttr(from, name));
  return typeof v === 'number' ? v : undefined;
}

export function firstBoolean(from: IppGroup | IppCollection | undefined, name: string): boolean | undefined {
  const v = firstValue(getAttr(from, name));
  return typeof v === 'boolean' ? v : undefined;
}
