// pdf-lib writes what it reads around (an object it could not parse, XFA data
// dropped, object 0 removed) to the console. A printer has no console: those
// messages are kept and reported as one warning of the job instead.
import { format } from 'node:util';

const METHODS = ['log', 'info', 'warn', 'error', 'debug'] as const;

/** Runs `fn` with the console's output collected; returns its result and the messages. */
export async function collectMessages<T>(fn: () => Promise<T>): Promise<{ result: T; messages: string[] }> {
  const messages: string[] = [];
  const saved = METHODS.map((m) => console[m]);
  for (const m of METHODS) console[m] = (...args: unknown[]) => void messages.push(format(...args));
  try {
    return { result: await fn(), messages };
  } finally {
    METHODS.forEach((m, i) => (console[m] = saved[i]!));
  }
}

/** The messages as one warning line, or none. */
export function messagesWarning(messages: readonly string[]): string[] {
  if (messages.length === 0) return [];
  const first = messages[0]!.split('\n')[0]!.trim();
  const more = messages.length > 1 ? ` (and ${messages.length - 1} more)` : '';
  return [`the PDF reader worked around damage in the file: ${first}${more}`];
}
