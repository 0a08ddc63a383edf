// Server-sent events for the console: every job transition and printer change
// as it happens (from service.events), so pages update without polling.
import type { FastifyReply } from 'fastify';
import type { ServerResponse } from 'node:http';
import type { JobTransition, PrintService, PrinterChange } from '../core/print-service.js';
import { ownerOf } from './format.js';
import { jobRow } from './job-rows.js';

const HEARTBEAT_MS = 20_000;
/** A client this far behind is cut off; it reconnects and refreshes what it shows. */
const MAX_BUFFERED_BYTES = 4 * 1024 * 1024;

export class ConsoleEvents {
  private readonly clients = new Set<ServerResponse>();
  private heartbeat: NodeJS.Timeout | null = null;
  private readonly onJob = (t: JobTransition): void => this.job(t);
  private readonly onPrinter = (c: PrinterChange): void => this.printer(c);

  constructor(private readonly service: PrintService) {}

  get size(): number {
    return this.clients.size;
  }

  /** Takes over the response and keeps it open as an event stream. */
  attach(reply: FastifyReply): void {
    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    res.write('retry: 2000\n\n');
    if (this.clients.size === 0) this.subscribe();
    this.clients.add(res);
    // The response closes when the browser goes away (the request closes as soon as it is read).
    res.on('close', () => this.detach(res));
  }

  close(): void {
    for (const res of this.clients) res.end();
    this.clients.clear();
    this.unsubscribe();
  }

  private detach(res: ServerResponse): void {
    this.clients.delete(res);
    if (this.clients.size === 0) this.unsubscribe();
  }

  // Listening only while someone watches keeps a console-less run free of the cost.
  private subscribe(): void {
    this.service.events.on('job', this.onJob);
    this.service.events.on('printer', this.onPrinter);
    this.heartbeat = setInterval(() => this.broadcast(': ping\n\n'), HEARTBEAT_MS);
    this.heartbeat.unref();
  }

  private unsubscribe(): void {
    this.service.events.off('job', this.onJob);
    this.service.events.off('printer', this.onPrinter);
    if (this.heartbeat !== null) clearInterval(this.heartbeat);
    this.heartbeat = null;
  }

  private job(t: JobTransition): void {
    const job = this.service.findJob(t.jobId);
    if (job === undefined) return;
    this.send('job', {
      jobId: t.jobId,
      seq: job.seq,
      printerId: t.printerId,
      from: t.from,
      to: t.to,
      state: t.status.state,
      details: t.status.details,
      at: t.at,
      reason: t.reason,
      owner: ownerOf(job),
      door: job.door,
      row: jobRow(this.service, job).value,
    });
  }

  private printer(c: PrinterChange): void {
    this.send('printer', { printerId: c.printerId, status: c.status, at: c.at });
  }

  private send(event: string, data: unknown): void {
    this.broadcast(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  }

  private broadcast(chunk: string): void {
    for (const res of this.clients) {
      if (res.writableLength > MAX_BUFFERED_BYTES) {
        res.destroy();
        this.detach(res);
        continue;
      }
      res.write(chunk);
    }
  }
}
