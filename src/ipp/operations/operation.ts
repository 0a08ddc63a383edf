// The shape of an operation handler module.

import type { OperationName } from '../codec/index.js';
import type { OperationContext } from '../operation-context.js';

export interface Operation {
  name: OperationName;
  /** 'job' operations need job-uri, or printer-uri + job-id (RFC 8011 §4.3). */
  target: 'printer' | 'job';
  handle(ctx: OperationContext): void | Promise<void>;
}
