// The console's own CSS, script and icon, shipped in src/console/assets/ and
// served from memory: no CDN, works offline.
import type { FastifyInstance } from 'fastify';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const TYPES: Record<string, string> = {
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
};

export function assetsDir(): string | null {
  const candidates = [
    new URL('./assets/', import.meta.url),
    // Compiled into dist/console/, the assets are still next to the sources.
    new URL('../../src/console/assets/', import.meta.url),
  ].map((u) => fileURLToPath(u));
  return candidates.find((d) => existsSync(d)) ?? null;
}

export function assetRoutes(app: FastifyInstance): void {
  const dir = assetsDir();
  const assets = new Map<string, { body: Buffer; type: string; etag: string }>();
  if (dir === null) app.log.warn('printsim console: src/console/assets not found; pages are served without style or script');
  else {
    for (const name of readdirSync(dir)) {
      const type = TYPES[extname(name)];
      if (type === undefined) continue;
      const body = readFileSync(join(dir, name));
      assets.set(name, { body, type, etag: `"${createHash('sha1').update(body).digest('base64url').slice(0, 16)}"` });
    }
  }

  app.get('/console/assets/:name', { config: { kind: 'public' } }, async (req, reply) => {
    const { name } = req.params as { name: string };
    const asset = assets.get(name);
    if (asset === undefined) return reply.code(404).type('text/plain').send(`no console asset ${name}`);
    reply.header('etag', asset.etag).header('cache-control', 'no-cache');
    if (req.headers['if-none-match'] === asset.etag) return reply.code(304).send();
    return reply.type(asset.type).send(asset.body);
  });
}
