import type { PrintService } from './core/print-service.js';

/** What the emulator writes down (doorState 'emulator') so a share a user deleted stays deleted. */
interface EmulatorSeed {
  defaultSharesCreated?: boolean;
}

/**
 * Out of the box every printer has a share open to all users, so a user who is
 * not a Printer Administrator can print through Graph (`POST
 * /print/shares/{id}/jobs`) without an admin creating one first. Made once per
 * data folder: a share deleted or changed later is left as the user left it.
 */
export function createDefaultShares(service: PrintService): void {
  const seed = service.doorState<EmulatorSeed>('emulator') ?? {};
  if (seed.defaultSharesCreated === true) return;
  for (const id of service.printerIds()) {
    if (service.listShares().some((s) => s.printerId === id)) continue;
    service.createShare({ printerId: id, displayName: service.runtime(id).displayName, allowAllUsers: true });
  }
  service.saveDoorState('emulator', { ...seed, defaultSharesCreated: true });
}
