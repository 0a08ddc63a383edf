// Every Printer attribute, derived from the printer definition (the same one
// Graph capabilities come from) and the printer's live state: the PWG 5100.14
// (IPP Everywhere) required set, PWG 5100.12 (IPP/2.x), RFC 3995/3996
// (notifications), RFC 3380/3998 (administration).

import type { PrinterDefinition } from '../model/printer-definition.js';
import type { PrinterLocation } from '../model/print-types.js';
import type { PrinterRuntime } from '../core/printer-runtime.js';
import { attr, type IppAttribute } from './codec/index.js';
import type { IppDoor } from './ipp-door.js';
import { uriSchemes } from './document-uri.js';
import { COMPRESSIONS } from './open-document.js';
import { jobPasswordPrinterAttributes } from './job-password.js';
import { mediaColDatabase, TEMPLATE_TABLE } from './job-template-mapping.js';
import { printerAlerts, printerStateEnum, printerSupplies } from './printer-state.js';
import type { PrinterGroup, Tagged } from './requested-attributes.js';
import { NOTIFY_EVENTS } from './subscriptions.js';
import { consoleUrl, printerUri } from './uris.js';

/** What printsim prints, whatever a definition lists (the renderer's formats). */
export const OCTET_STREAM = 'application/octet-stream';

/** Formats whose document is one page: page ranges and number-up do not apply to them. */
const SINGLE_PAGE_FORMATS = new Set(['image/jpeg', 'image/png']);

/** Raster resolutions and types a 2-core machine takes in the conformance suites (issue 4). */
const RASTER_DPIS = [300, 600];

export const IPP_VERSIONS = ['1.1', '2.0', '2.1', '2.2'];

/** Attributes Set-Printer-Attributes may change (RFC 3380 §4.1). */
export const PRINTER_SETTABLE = ['printer-info', 'printer-location', 'printer-geo-location', 'printer-message-from-operator', 'printer-organization', 'printer-organizational-unit'];

/** Attributes Set-Job-Attributes may change (RFC 3380 §4.2), before the job is processed. */
export const JOB_SETTABLE = ['job-name', ...TEMPLATE_TABLE.map((r) => r.name).filter((n) => n !== 'overrides')];

export interface PrinterAttributeInput {
  door: IppDoor;
  printer: PrinterRuntime;
  host: string;
  operations: readonly number[];
  /** document-format of the request (printer-get-attributes-supported: document-format). */
  documentFormat: string | null;
}

/** The formats a printer takes over IPP: its Graph contentTypes plus auto-detection. */
export function documentFormats(p: PrinterDefinition): string[] {
  const listed = p.capabilities.contentTypes ?? ['application/pdf'];
  return [...new Set([...listed, OCTET_STREAM])];
}

export function printerAttributes(input: PrinterAttributeInput): Array<Tagged<PrinterGroup>> {
  const { door, printer: rt, host } = input;
  const def = rt.effectiveDefinition();
  const caps = def.capabilities;
  const status = rt.status();
  const extras = door.printerExtras(rt.id);
  const color = caps.isColorPrintingSupported !== false && (caps.colorModes ?? []).includes('color');
  const formats = documentFormats(def);
  const out: Array<Tagged<PrinterGroup>> = [];
  const t = (attribute: IppAttribute): void => void out.push({ group: 'job-template', attribute });
  const d = (attribute: IppAttribute): void => void out.push({ group: 'printer-description', attribute });
  const s = (attribute: IppAttribute): void => void out.push({ group: 'subscription-template', attribute });

  // Job Template xxx-default / xxx-supported, straight from the mapping table.
  for (const row of TEMPLATE_TABLE) for (const a of row.printer(def)) t(a);
  const database = mediaColDatabase(def);
  if (database !== undefined) out.push({ group: 'media-col-database', attribute: database });
  // Format-dependent values (printer-get-attributes-supported: document-format).
  if (input.documentFormat !== null && SINGLE_PAGE_FORMATS.has(input.documentFormat)) {
    for (const o of out) {
      if (o.attribute.name === 'page-ranges-supported') o.attribute = attr.boolean('page-ranges-supported', false);
      if (o.attribute.name === 'number-up-supported') o.attribute = attr.integer('number-up-supported', 1);
    }
  }

  // Printer Description.
  const uris = door.isDefault(rt) ? [printerUri(host, null), printerUri(host, def.name)] : [printerUri(host, def.name)];
  d(attr.charset('charset-configured', 'utf-8'));
  d(attr.charset('charset-supported', 'us-ascii', 'utf-8'));
  d(attr.boolean('color-supported', color));
  d(attr.keyword('compression-supported', ...COMPRESSIONS));
  // PWG 5100.5 §7.1: what Send-Document takes for each document (the Document object is offered).
  d(attr.keyword('document-creation-attributes-supported', ...DOCUMENT_CREATION));
  d(attr.mimeMediaType('document-format-default', OCTET_STREAM));
  d(attr.mimeMediaType('document-format-supported', formats[0]!, ...formats.slice(1)));
  d(attr.keyword('document-format-varying-attributes', 'number-up-supported', 'page-ranges-supported'));
  // PWG 5100.13 §6.5.2: the longest document-password taken; 0 = none, since only
  // PDFs that open without a password print (an encrypted PDF aborts the job).
  if (formats.includes('application/pdf')) d(attr.integer('document-password-supported', 0));
  d(attr.naturalLanguage('generated-natural-language-supported', 'en'));
  d(attr.keyword('identify-actions-default', 'sound'));
  d(attr.keyword('identify-actions-supported', 'display', 'sound'));
  d(attr.keyword('ipp-features-supported', 'ipp-everywhere'));
  d(attr.keyword('ipp-versions-supported', IPP_VERSIONS[0]!, ...IPP_VERSIONS.slice(1)));
  d(attr.integer('ippget-event-life', door.subscriptions.limits.eventLifeSeconds));
  const creation = ['copies', 'document-format', 'document-name', 'ipp-attribute-fidelity', 'job-name', 'job-password', 'job-password-encryption', ...TEMPLATE_TABLE.map((r) => r.name)];
  const creationAttrs = [...new Set(creation)].sort();
  d(attr.keyword('job-creation-attributes-supported', creationAttrs[0]!, ...creationAttrs.slice(1)));
  d(attr.boolean('job-ids-supported', true));
  d(attr.range('job-k-octets-supported', [0, Math.min(0x7fffffff, Math.ceil(door.service.maxDocumentBytes / 1024))]));
  for (const a of jobPasswordPrinterAttributes()) d(a);
  d(attr.keyword('job-settable-attributes-supported', JOB_SETTABLE[0]!, ...JOB_SETTABLE.slice(1)));
  d(attr.boolean('multiple-document-jobs-supported', true));
  d(attr.integer('multiple-operation-time-out', door.timeOutSeconds));
  d(attr.keyword('multiple-operation-time-out-action', 'abort-job'));
  d(attr.naturalLanguage('natural-language-configured', 'en'));
  d(attr.enum('operations-supported', input.operations[0]!, ...input.operations.slice(1)));
  d(attr.integer('pages-per-minute', Math.max(1, Math.round(def.speed.impressionsPerMinute))));
  if (color) d(attr.integer('pages-per-minute-color', Math.max(1, Math.round(def.speed.impressionsPerMinute))));
  d(attr.keyword('pdl-override-supported', 'attempted'));
  d(attr.boolean('preferred-attributes-supported', false));
  const alerts = printerAlerts(status);
  d(attr.octetString('printer-alert', ...(alerts.map((a) => new TextEncoder().encode(a.alert)) as [Uint8Array, ...Uint8Array[]])));
  d(attr.text('printer-alert-description', ...(alerts.map((a) => a.description) as [string, ...string[]])));
  d(attr.dateTime('printer-config-change-date-time', new Date(extras.configChangedAt)));
  d(attr.integer('printer-config-change-time', door.upTime(extras.configChangedAt)));
  d(attr.dateTime('printer-current-time', new Date(door.clock.now())));
  d(attr.text('printer-device-id', deviceId(def, formats)));
  const geo = geoUri(def.location);
  d(geo === null ? attr.oob('printer-geo-location', 'unknown') : attr.uri('printer-geo-location', geo));
  d(attr.keyword('printer-get-attributes-supported', 'document-format'));
  const icons = ['icon-sm.png', 'icon.png', 'icon-lg.png'].map((f) => `http://${host}/ipp/print/${def.name}/${f}`);
  d(attr.uri('printer-icons', icons[0]!, ...icons.slice(1)));
  d(attr.text('printer-info', clip(rt.displayName)));
  d(attr.boolean('printer-is-accepting-jobs', rt.state.isAcceptingJobs));
  d(attr.text('printer-location', clip(extras.location ?? locationText(def.location))));
  d(attr.text('printer-make-and-model', clip(`${def.manufacturer} ${def.model}`)));
  d(attr.text('printer-message-from-operator', clip(extras.messageFromOperator)));
  d(attr.uri('printer-more-info', consoleUrl(host)));
  d(attr.name('printer-name', clip(def.name)));
  const org = def.location?.organization ?? [];
  const unit = def.location?.subunit ?? [];
  d(attr.text('printer-organization', ...((org.length > 0 ? org : ['']) as [string, ...string[]])));
  d(attr.text('printer-organizational-unit', ...((unit.length > 0 ? unit : ['']) as [string, ...string[]])));
  d(attr.uriScheme('reference-uri-schemes-supported', ...uriSchemes(door.documentFolder)));
  d(attr.keyword('printer-settable-attributes-supported', PRINTER_SETTABLE[0]!, ...PRINTER_SETTABLE.slice(1)));
  d(attr.enum('printer-state', printerStateEnum(status)));
  d(attr.dateTime('printer-state-change-date-time', new Date(extras.stateChangedAt)));
  d(attr.integer('printer-state-change-time', door.upTime(extras.stateChangedAt)));
  d(attr.text('printer-state-message', clip(status.description ?? status.state)));
  const reasons = door.printerStateReasons(rt);
  d(attr.keyword('printer-state-reasons', reasons[0]!, ...reasons.slice(1)));
  const supplies = printerSupplies(status, color);
  d(attr.octetString('printer-supply', ...(supplies.map((x) => new TextEncoder().encode(x.supply)) as [Uint8Array, ...Uint8Array[]])));
  d(attr.text('printer-supply-description', ...(supplies.map((x) => x.description) as [string, ...string[]])));
  d(attr.uri('printer-supply-info-uri', consoleUrl(host)));
  d(attr.integer('printer-up-time', door.upTime()));
  d(attr.uri('printer-uri-supported', uris[0]!, ...uris.slice(1)));
  d(attr.uri('printer-uuid', `urn:uuid:${def.id.toLowerCase()}`));
  if (formats.includes('image/pwg-raster')) {
    d(attr.resolution('pwg-raster-document-resolution-supported', ...(RASTER_DPIS.map((x) => ({ x, y: x, units: 3 as const })) as [{ x: number; y: number; units: 3 }])));
    d(attr.keyword('pwg-raster-document-sheet-back', 'normal'));
    d(color ? attr.keyword('pwg-raster-document-type-supported', 'sgray_8', 'srgb_8') : attr.keyword('pwg-raster-document-type-supported', 'sgray_8'));
  }
  d(attr.integer('queued-job-count', door.service.listUnfinishedJobs(rt.id).filter((j) => j.leaf === 'pending' || j.leaf.startsWith('processing') || j.leaf.startsWith('stopped')).length));
  d(attr.keyword('uri-authentication-supported', ...(uris.map(() => 'requesting-user-name') as [string, ...string[]])));
  d(attr.keyword('uri-security-supported', ...(uris.map(() => 'none') as [string, ...string[]])));
  if (formats.includes('image/urf')) d(attr.keyword('urf-supported', ...urfSupported(def, color)));
  d(attr.keyword('which-jobs-supported', ...WHICH_JOBS));

  // Subscription template (RFC 3995 §5.3) and ippget (RFC 3996).
  s(attr.keyword('notify-events-default', 'job-completed'));
  s(attr.keyword('notify-events-supported', ...NOTIFY_EVENTS));
  s(attr.integer('notify-lease-duration-default', 86400));
  s(attr.range('notify-lease-duration-supported', [0, 67108863]));
  s(attr.integer('notify-max-events-supported', door.subscriptions.limits.maxEvents));
  s(attr.keyword('notify-pull-method-supported', 'ippget'));
  return out;
}

/** Operation attributes Send-Document and Print-Job take per document (readDocumentParams). */
const DOCUMENT_CREATION: [string, ...string[]] = ['compression', 'document-format', 'document-name'];

/**
 * which-jobs values of Get-Jobs (RFC 8011 §4.2.6.1, PWG 5100.7). Not
 * 'proof-print' (PWG 5100.11: printsim makes no proof prints) nor 'fetchable'
 * (PWG 5100.18: no INFRA operations): a value is listed only when supported.
 */
export const WHICH_JOBS: [string, ...string[]] = [
  'completed',
  'not-completed',
  'all',
  'aborted',
  'canceled',
  'pending',
  'pending-held',
  'processing',
  'processing-stopped',
];

/** IEEE 1284 device ID (PWG 5107.2): manufacturer, model, command sets. */
function deviceId(def: PrinterDefinition, formats: string[]): string {
  const cmd: Record<string, string> = {
    'application/pdf': 'PDF',
    'image/jpeg': 'JPEG',
    'image/png': 'PNG',
    'image/pwg-raster': 'PWGRaster',
    'image/urf': 'URF',
    'text/plain': 'TXT',
  };
  const sets = formats.map((f) => cmd[f]).filter((c): c is string => c !== undefined);
  const safe = (v: string): string => v.replace(/[;:]/g, ' ');
  return `MFG:${safe(def.manufacturer)};MDL:${safe(def.model)};CMD:${sets.join(',')};CLS:PRINTER;`;
}

/** AirPrint urf-supported: version, copies, qualities, resolutions, colour spaces, duplex. */
function urfSupported(def: PrinterDefinition, color: boolean): [string, ...string[]] {
  const q = { low: 3, medium: 4, high: 5 };
  const qualities = (def.capabilities.qualities ?? ['medium']).map((x) => q[x]).sort();
  const out: [string, ...string[]] = ['V1.4', 'CP1', `PQ${qualities.join('-')}`, `RS${RASTER_DPIS.join('-')}`, 'W8'];
  if (color) out.push('SRGB24');
  if ((def.capabilities.duplexModes ?? []).includes('flipOnLongEdge')) out.push('DM1');
  return out;
}

/** RFC 5870 geo URI of the Graph location, when it has coordinates. */
function geoUri(l: PrinterLocation | undefined): string | null {
  if (l == null || l.latitude == null || l.longitude == null) return null;
  return `geo:${l.latitude},${l.longitude}${l.altitudeInMeters != null ? `,${l.altitudeInMeters}` : ''}`;
}

/** printer-location text from the Graph location (room, floor, building, site, city). */
export function locationText(l: PrinterLocation | undefined): string {
  if (l == null) return '';
  const parts = [
    l.roomName ?? l.roomDescription,
    l.floor != null ? `Floor ${l.floor}` : null,
    l.building,
    l.site,
    l.city,
  ].filter((p): p is string => p != null && p !== '');
  return parts.join(', ');
}

/** text(127) / name(127) of RFC 8011 §5.4: printsim keeps its own strings within that. */
function clip(s: string): string {
  return s.length <= 127 ? s : s.slice(0, 127);
}
