// operation-id values (RFC 8011 §5.4.15 operations-supported) with the later
// registrations: RFC 3380, RFC 3995/3996 (subscriptions, ippget Get-Notifications),
// RFC 3998, PWG 5100.5 (documents), PWG 5100.7 (job extensions), PWG 5100.13.

export const OPERATIONS = {
  'Print-Job': 0x0002,
  'Print-URI': 0x0003,
  'Validate-Job': 0x0004,
  'Create-Job': 0x0005,
  'Send-Document': 0x0006,
  'Send-URI': 0x0007,
  'Cancel-Job': 0x0008,
  'Get-Job-Attributes': 0x0009,
  'Get-Jobs': 0x000a,
  'Get-Printer-Attributes': 0x000b,
  'Hold-Job': 0x000c,
  'Release-Job': 0x000d,
  'Restart-Job': 0x000e,
  'Pause-Printer': 0x0010,
  'Resume-Printer': 0x0011,
  'Purge-Jobs': 0x0012,
  'Set-Printer-Attributes': 0x0013, // RFC 3380
  'Set-Job-Attributes': 0x0014, // RFC 3380
  'Get-Printer-Supported-Values': 0x0015, // RFC 3380
  'Create-Printer-Subscriptions': 0x0016, // RFC 3995
  'Create-Job-Subscriptions': 0x0017, // RFC 3995
  'Get-Subscription-Attributes': 0x0018, // RFC 3995
  'Get-Subscriptions': 0x0019, // RFC 3995
  'Renew-Subscription': 0x001a, // RFC 3995
  'Cancel-Subscription': 0x001b, // RFC 3995
  'Get-Notifications': 0x001c, // RFC 3996 ippget
  'Enable-Printer': 0x0022, // RFC 3998
  'Disable-Printer': 0x0023, // RFC 3998
  'Pause-Printer-After-Current-Job': 0x0024, // RFC 3998
  'Hold-New-Jobs': 0x0025, // RFC 3998
  'Release-Held-New-Jobs': 0x0026, // RFC 3998
  'Deactivate-Printer': 0x0027, // RFC 3998
  'Activate-Printer': 0x0028, // RFC 3998
  'Restart-Printer': 0x0029, // RFC 3998
  'Shutdown-Printer': 0x002a, // RFC 3998
  'Startup-Printer': 0x002b, // RFC 3998
  'Reprocess-Job': 0x002c, // RFC 3998
  'Cancel-Current-Job': 0x002d, // RFC 3998
  'Suspend-Current-Job': 0x002e, // RFC 3998
  'Resume-Job': 0x002f, // RFC 3998
  'Promote-Job': 0x0030, // RFC 3998
  'Schedule-Job-After': 0x0031, // RFC 3998
  'Cancel-Document': 0x0033, // PWG 5100.5
  'Get-Document-Attributes': 0x0034, // PWG 5100.5
  'Get-Documents': 0x0035, // PWG 5100.5
  'Delete-Document': 0x0036, // PWG 5100.5
  'Set-Document-Attributes': 0x0037, // PWG 5100.5
  'Cancel-Jobs': 0x0038, // PWG 5100.7
  'Cancel-My-Jobs': 0x0039, // PWG 5100.7
  'Resubmit-Job': 0x003a, // PWG 5100.7
  'Close-Job': 0x003b, // PWG 5100.7
  // Issue 4 needs Identify-Printer, one past the 0x3B of PWG 5100.7.
  'Identify-Printer': 0x003c, // PWG 5100.13
  'Validate-Document': 0x003d, // PWG 5100.13
} as const;

export type OperationName = keyof typeof OPERATIONS;

const BY_ID = new Map<number, OperationName>(Object.entries(OPERATIONS).map(([k, v]) => [v, k as OperationName]));

export function operationId(name: OperationName): number {
  return OPERATIONS[name];
}

/** The name of an operation-id, or undefined when it is not registered here. */
export function operationName(id: number): OperationName | undefined {
  return BY_ID.get(id);
}
