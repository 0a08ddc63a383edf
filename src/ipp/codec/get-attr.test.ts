import { describe, expect, it } from 'vitest';
import { attr } from './attr.js';
import { firstBoolean, firstNumber, firstString, firstValue, getAttr, getGroup, getGroups } from './get-attr.js';
import type { IppMessage } from './message.js';

const message: IppMessage = {
  version: { major: 2, minor: 0 },
  code: 0,
  requestId: 1,
  groups: [
    {
      tag: 1,
      attributes: [
        attr.nameWithLanguage('requesting-user-name', 'en', 'ann'),
        attr.uri('printer-uri', 'ipp://h/ipp/print'),
        attr.boolean('last-document', true),
      ],
    },
    { tag: 2, attributes: [attr.integer('job-id', 1), attr.collection('media-col', [attr.keyword('media-source', 'main')])] },
    { tag: 2, attributes: [attr.integer('job-id', 2)] },
  ],
};

describe('readers', () => {
  it('find groups by tag, attributes by name, members of collections', () => {
    expect(getGroup(message, 2)?.attributes[0]).toStrictEqual(attr.integer('job-id', 1));
    expect(getGroups(message, 2).map((g) => firstNumber(g, 'job-id'))).toEqual([1, 2]);
    expect(getGroup(message, 4)).toBeUndefined();
    const mediaCol = firstValue(getAttr(getGroup(message, 2), 'media-col'));
    expect(Array.isArray(mediaCol) && firstString(mediaCol, 'media-source')).toBe('main');
    expect(getAttr(undefined, 'x')).toBeUndefined();
  });

  it('typed first values, undefined when absent or of another type', () => {
    const op = getGroup(message, 1);
    expect(firstString(op, 'requesting-user-name')).toBe('ann');
    expect(firstString(op, 'printer-uri')).toBe('ipp://h/ipp/print');
    expect(firstBoolean(op, 'last-document')).toBe(true);
    expect(firstNumber(op, 'printer-uri')).toBeUndefined();
    expect(firstString(op, 'last-document')).toBeUndefined();
    expect(firstBoolean(op, 'missing')).toBeUndefined();
  });
});
