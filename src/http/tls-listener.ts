// One port for plain HTTP and TLS, as CUPS serves ipp:// and ipps:// on 631:
// the first byte of a connection tells them apart (22 = a TLS handshake
// record, RFC 8446 §5.1), and a plain connection may still switch to TLS with
// HTTP/1.1 Upgrade (RFC 2817 §3). Both end in the same Node HTTP server, so
// every route answers either way; `request.socket.encrypted` tells which.

import { createServer, type IncomingMessage, type RequestListener, type Server } from 'node:http';
import type { Socket } from 'node:net';
import { TLSSocket, createSecureContext, type SecureContext } from 'node:tls';

/** TLS record content type 'handshake' (RFC 8446 §5.1): the first byte of every ClientHello. */
const TLS_HANDSHAKE = 0x16;
/** A connection that sends nothing, or stalls in its handshake, is dropped after this long (socket idle time). */
const HANDSHAKE_IDLE_MS = 30_000;

export interface TlsMaterial {
  cert: string;
  key: string;
}

/** The listener's TLS identity, set once it is known (at listen time); null = plain HTTP only. */
export class TlsSwitch {
  private context: SecureContext | null = null;

  set(material: TlsMaterial | null): void {
    this.context = material === null ? null : createSecureContext({ cert: material.cert, key: material.key, minVersion: 'TLSv1.2' });
  }

  get(): SecureContext | null {
    return this.context;
  }
}

/**
 * A Fastify `serverFactory`: a Node HTTP server whose connections are sniffed
 * for TLS once `tls` holds an identity; until then every connection is plain HTTP.
 */
export function dualProtocolServer(tls: TlsSwitch): (handler: RequestListener) => Server {
  return (handler) => {
    const server = createServer(handler);
    const [httpConnection] = server.listeners('connection') as Array<(socket: Socket) => void>;
    const serve = (socket: Socket): void => httpConnection!.call(server, socket);
    server.removeAllListeners('connection');
    server.on('connection', (socket: Socket) => {
      const context = tls.get();
      if (context === null) serve(socket);
      else sniff(socket, context, serve);
    });
    server.on('upgrade', (req: IncomingMessage, socket: Socket, head: Buffer) => upgrade(req, socket, head, tls.get(), serve));
    return server;
  };
}

function sniff(socket: Socket, context: SecureContext, serve: (s: Socket) => void): void {
  socket.setTimeout(HANDSHAKE_IDLE_MS, () => socket.destroy());
  socket.once('error', () => socket.destroy());
  socket.once('readable', () => {
    const first = socket.read(1) as Buffer | null;
    if (first === null) return void socket.destroy();
    socket.unshift(first);
    if (first[0] === TLS_HANDSHAKE) return startTls(socket, context, serve);
    socket.setTimeout(0);
    serve(socket);
  });
}

/** Runs the server side of a TLS handshake on `socket`, then serves HTTP on the secure socket. */
function startTls(socket: Socket, context: SecureContext, serve: (s: Socket) => void, afterHandshake?: (s: TLSSocket) => void): void {
  const secure = new TLSSocket(socket, { isServer: true, secureContext: context, ALPNProtocols: ['http/1.1'] });
  secure.setTimeout(HANDSHAKE_IDLE_MS, () => secure.destroy());
  // A client that refuses the certificate ends the handshake: nothing to answer.
  const failed = (): void => {
    secure.destroy();
    socket.destroy();
  };
  secure.once('error', failed);
  secure.once('secure', () => {
    secure.removeListener('error', failed);
    secure.setTimeout(0);
    socket.setTimeout(0);
    afterHandshake?.(secure);
    serve(secure);
  });
}

/**
 * RFC 2817 §3: `Upgrade: TLS/1.x` on a plain connection is answered 101, the
 * handshake follows on the same connection, and the request is then answered
 * over TLS (OPTIONS, which CUPS clients send for this, with 200 and Allow).
 * Any other Upgrade (h2c, websocket) is ignored: the request is served as if
 * the header were not there (RFC 9110 §7.8 lets a server ignore it).
 */
function upgrade(req: IncomingMessage, socket: Socket, head: Buffer, context: SecureContext | null, serve: (s: Socket) => void): void {
  const wantsTls = /(^|,)\s*TLS\/1\.[0-3]\s*(,|$)/i.test(req.headers.upgrade ?? '');
  const encrypted = (socket as Partial<TLSSocket>).encrypted === true;
  if (!wantsTls || encrypted || context === null) {
    socket.unshift(Buffer.concat([requestHead(req), head]));
    serve(socket);
    return;
  }
  socket.write('HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: TLS/1.2, HTTP/1.1\r\n\r\n');
  if (head.length > 0) socket.unshift(head);
  startTls(socket, context, serve, (secure) => {
    if (req.method === 'OPTIONS') {
      secure.write('HTTP/1.1 200 OK\r\nAllow: GET, HEAD, OPTIONS, POST\r\nContent-Length: 0\r\n\r\n');
    } else {
      secure.unshift(requestHead(req));
    }
  });
}

/** The request line and headers again, without the Upgrade request (for serving the request normally). */
function requestHead(req: IncomingMessage): Buffer {
  const lines = [`${req.method ?? 'GET'} ${req.url ?? '/'} HTTP/${req.httpVersion}`];
  for (let i = 0; i < req.rawHeaders.length; i += 2) {
    const name = req.rawHeaders[i]!;
    const value = req.rawHeaders[i + 1]!;
    if (/^upgrade$/i.test(name)) continue;
    if (/^connection$/i.test(name)) {
      const rest = value.split(',').map((s) => s.trim()).filter((s) => s !== '' && !/^upgrade$/i.test(s));
      if (rest.length > 0) lines.push(`${name}: ${rest.join(', ')}`);
      continue;
    }
    lines.push(`${name}: ${value}`);
  }
  return Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1');
}
