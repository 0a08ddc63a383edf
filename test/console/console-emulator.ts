// An emulator for the console suites: simulated clock, the default renderer
// (so jobs have sheet manifests to preview), listening on `host`.
import { createEmulator, type Emulator } from '../../src/emulator.js';

export async function startConsoleEmulator(host = '127.0.0.1'): Promise<Emulator> {
  const emu = await createEmulator({ clock: 'simulated' });
  await emu.listen({ port: 0, host });
  return emu;
}

/** The emulator's URL through loopback, whatever address it is bound to. */
export function loopbackUrl(emu: Emulator): string {
  const addr = emu.app.server.address();
  if (addr === null || typeof addr === 'string') throw new Error('emulator is not listening on a TCP port');
  return `http://127.0.0.1:${addr.port}`;
}
