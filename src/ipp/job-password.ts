// Job passwords, "PIN printing" (PWG 5100.11 §6.1.2-§6.1.3, §6.2.6-§6.2.8): a
// job-password sent with Print-Job or Create-Job holds the job
// (job-password-wait) until Release-Job brings the same password, as a user
// would type it at the printer's panel. Only job-password-encryption 'none'
// is taken, so the password is compared as sent.

import { timingSafeEqual } from 'node:crypto';
import { attr, getAttr, ValueTag, type IppAttribute } from './codec/index.js';
import { IppError } from './ipp-error.js';
import { opString, type OperationContext } from './operation-context.js';

/** job-password-supported: the longest password, in octets (PWG 5100.11 §6.2.6). */
export const JOB_PASSWORD_MAX = 255;
/** job-password-length-supported: shortest and longest (PWG 5100.11 §6.2.8); a PIN has at least 4 digits. */
export const JOB_PASSWORD_LENGTHS: [number, number] = [4, JOB_PASSWORD_MAX];

/** The Printer attributes that say job passwords are taken. */
export function jobPasswordPrinterAttributes(): IppAttribute[] {
  return [
    attr.integer('job-password-supported', JOB_PASSWORD_MAX),
    attr.keyword('job-password-encryption-supported', 'none'),
    attr.range('job-password-length-supported', JOB_PASSWORD_LENGTHS),
  ];
}

/**
 * The job-password operation attribute of a job creation request, base64, or
 * null. A password the printer cannot honour is refused whatever
 * ipp-attribute-fidelity says: printing it without the wait would give the
 * document to whoever stands at the printer.
 */
export function readJobPassword(ctx: OperationContext): string | null {
  const a = getAttr(ctx.operation, 'job-password');
  if (a === undefined) return null;
  const password = passwordBytes(a);
  const encryption = opString(ctx, 'job-password-encryption', [ValueTag.keyword]) ?? 'none';
  if (encryption !== 'none') {
    throw new IppError('client-error-attributes-or-values-not-supported', `job-password-encryption '${encryption}' is not supported (supported: none).`, [
      attr.keyword('job-password-encryption', encryption),
    ]);
  }
  if (password.length < JOB_PASSWORD_LENGTHS[0] || password.length > JOB_PASSWORD_LENGTHS[1]) {
    throw new IppError(
      'client-error-attributes-or-values-not-supported',
      `job-password must be ${JOB_PASSWORD_LENGTHS[0]} to ${JOB_PASSWORD_LENGTHS[1]} octets (job-password-length-supported), got ${password.length}.`,
      [a],
    );
  }
  return Buffer.from(password).toString('base64');
}

/** Whether the request's job-password operation attribute is the job's password. */
export function passwordMatches(ctx: OperationContext, stored: string): boolean {
  const a = getAttr(ctx.operation, 'job-password');
  if (a === undefined) return false;
  const given = Buffer.from(passwordBytes(a));
  const expected = Buffer.from(stored, 'base64');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

function passwordBytes(a: IppAttribute): Uint8Array {
  if (a.tag !== ValueTag.octetString || a.values.length !== 1) {
    throw new IppError('client-error-bad-request', 'job-password is one octetString (PWG 5100.11 §6.1.2).', [a]);
  }
  return a.values[0] as Uint8Array;
}
