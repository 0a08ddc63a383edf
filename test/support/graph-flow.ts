// Helpers shared by the Graph integration suites (test/graph): they drive the
// documented flow through the official SDK client and check Graph error bodies.
import { GraphError, RedirectHandlerOptions, ResponseType, type Client } from '@microsoft/microsoft-graph-client';
import { expect } from 'vitest';
import type { Emulator } from '../../src/emulator.js';

export interface GraphErrorBody {
  code: string;
  message: string;
  innerError?: Record<string, unknown>;
}

/**
 * Awaits a call that must fail and checks the HTTP status and Graph error code.
 * Returns the parsed error object (`error` of the Graph error body).
 */
export async function expectGraphError(call: Promise<unknown>, status: number, code: string): Promise<GraphErrorBody> {
  let caught: unknown;
  try {
    await call;
  } catch (e) {
    caught = e;
  }
  expect(caught, `expected a ${status} ${code} Graph error`).toBeInstanceOf(GraphError);
  const err = caught as GraphError;
  const body = JSON.parse(String(err.body)) as GraphErrorBody;
  expect({ statusCode: err.statusCode, code: err.code }, body.message).toEqual({ statusCode: status, code });
  expect(body.code).toBe(code);
  expect(typeof body.message).toBe('string');
  expect(body.message.length).toBeGreaterThan(0);
  expect(body.innerError?.['request-id']).toEqual(expect.any(String));
  return body;
}

/** Plain fetch for the pre-authenticated and /emulator URLs; checks a Graph error body. */
export async function expectFetchError(res: Response, status: number, code: string): Promise<GraphErrorBody> {
  const text = await res.text();
  expect(res.status, text).toBe(status);
  const body = JSON.parse(text) as { error: GraphErrorBody };
  expect(body.error.code).toBe(code);
  expect(body.error.message.length).toBeGreaterThan(0);
  return body.error;
}

/** A request through the SDK that returns the raw Response (status and headers visible). */
export function raw(client: Client, path: string) {
  return client.api(path).responseType(ResponseType.RAW);
}

/** The SDK call for `documents/{id}/$value`, told not to follow the 302. */
export function valueRequest(client: Client, path: string) {
  return client
    .api(path)
    .middlewareOptions([new RedirectHandlerOptions(0, () => false)])
    .responseType(ResponseType.RAW);
}

export interface CreatedJob {
  id: string;
  documentId: string;
  /** Graph path of the job, e.g. /print/printers/{id}/jobs/{jobId}. */
  path: string;
  body: Record<string, unknown>;
}

export async function createJob(
  client: Client,
  parentPath: string,
  configuration: Record<string, unknown> = {},
): Promise<CreatedJob> {
  const body = (await client.api(`${parentPath}/jobs`).post({ configuration })) as Record<string, unknown>;
  const documents = body.documents as Array<{ id: string }>;
  return { id: String(body.id), documentId: documents[0]!.id, path: `${parentPath}/jobs/${String(body.id)}`, body };
}

export interface UploadSessionJson {
  uploadUrl: string;
  expirationDateTime: string;
  nextExpectedRanges: string[];
}

export async function createUploadSession(
  client: Client,
  job: CreatedJob,
  size: number,
  opts: { documentName?: string; contentType?: string } = {},
): Promise<UploadSessionJson> {
  return (await client.api(`${job.path}/documents/${job.documentId}/createUploadSession`).post({
    properties: { documentName: opts.documentName ?? 'document.pdf', contentType: opts.contentType ?? 'application/pdf', size },
  })) as UploadSessionJson;
}

/** One PUT to an upload URL, without Authorization, as the Graph docs say. */
export function putRange(
  uploadUrl: string,
  bytes: Uint8Array,
  start: number,
  end: number,
  total: number,
  opts: { form?: 'space' | 'equals'; contentType?: string; body?: Uint8Array } = {},
): Promise<Response> {
  const sep = opts.form === 'equals' ? '=' : ' ';
  return fetch(uploadUrl, {
    method: 'PUT',
    headers: {
      'Content-Range': `bytes${sep}${start}-${end}/${total}`,
      'Content-Type': opts.contentType ?? 'application/octet-stream',
    },
    // A copy: fetch takes only ArrayBuffer-backed views.
    body: new Uint8Array(opts.body ?? bytes.subarray(start, end + 1)),
  });
}

/** Uploads all of `bytes` in one PUT; expects 201. */
export async function uploadAll(client: Client, job: CreatedJob, bytes: Uint8Array, opts: { contentType?: string } = {}): Promise<void> {
  const session = await createUploadSession(client, job, bytes.length, opts);
  const res = await putRange(session.uploadUrl, bytes, 0, bytes.length - 1, bytes.length);
  expect(res.status, await res.clone().text()).toBe(201);
  await res.arrayBuffer();
}

/** Creates a job on `parentPath`, uploads `bytes` and starts it. */
export async function submitJob(
  client: Client,
  parentPath: string,
  bytes: Uint8Array,
  configuration: Record<string, unknown> = {},
): Promise<CreatedJob> {
  const job = await createJob(client, parentPath, configuration);
  await uploadAll(client, job, bytes);
  await client.api(`${job.path}/start`).post({});
  return job;
}

export interface JobJson {
  id: string;
  status: { state: string; details: string[]; description: string; isAcquiredByPrinter: boolean };
  [key: string]: unknown;
}

export async function getJob(client: Client, path: string): Promise<JobJson> {
  return (await client.api(path).get()) as JobJson;
}

/**
 * Polls GET job until `predicate` holds, letting real I/O (rendering) run but
 * never moving the simulated clock, so printing deadlines stay exact. No
 * wall-clock deadline of its own: a busy machine only makes it slower, and a
 * job that never gets there is caught by the test's time-out.
 */
export async function waitForJob(client: Client, path: string, predicate: (job: JobJson) => boolean): Promise<JobJson> {
  for (;;) {
    const job = await getJob(client, path);
    if (predicate(job)) return job;
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** Waits until the job has been rendered and its printing time runs on the simulated clock. */
export function waitUntilPrinting(client: Client, path: string): Promise<JobJson> {
  return waitForJob(client, path, (j) => j.status.state === 'processing' && j.status.details.includes('transforming'));
}

/** Simulated milliseconds the device takes: impressions at `ipm`, plus the warm-up when leaving idle. */
export function printMs(impressions: number, ipm: number, warmUpSeconds = 0): number {
  return warmUpSeconds * 1000 + Math.round((impressions * 60_000) / ipm);
}

export function metadataUrl(emu: Emulator, fragment: string, version: 'v1.0' | 'beta' = 'v1.0'): string {
  return `${emu.baseUrl}/${version}/$metadata#${fragment}`;
}

/** Bytes that are certainly not a PDF. */
export function notAPdf(): Uint8Array {
  return new TextEncoder().encode('%PDF-1.7\nthis is not really a PDF: the cross-reference table is missing\n%%EOF\n');
}
