// Printer and job URIs. Each printer is ipp://HOST/ipp/print/NAME, the first
// printer is also ipp://HOST/ipp/print, and its jobs are .../NAME/jobs/ID.
// HOST is the Host header of the request, so the URIs a client gets back are
// the ones it can reach (RFC 8011 §4.4.1 printer-uri-supported).

/** The URL path prefix of the IPP door. */
export const IPP_PATH = '/ipp/print';

export interface IppTarget {
  /** Printer name from the path; null = the default printer (/ipp/print). */
  printerName: string | null;
  /** Job id when the URI names a job. */
  jobId: string | null;
}

export function printerUri(host: string, printerName: string | null): string {
  return `ipp://${host}${IPP_PATH}${printerName === null ? '' : `/${printerName}`}`;
}

export function jobUri(host: string, printerName: string, jobId: string): string {
  return `ipp://${host}${IPP_PATH}/${printerName}/jobs/${jobId}`;
}

/** http://HOST/ (the console), for printer-more-info and job-more-info. */
export function consoleUrl(host: string): string {
  return `http://${host}/`;
}

/**
 * Reads a printer-uri or job-uri. The host is not compared: clients reach
 * printsim as localhost, 127.0.0.1 or a container name. Any of ipp, ipps, http
 * and https is accepted since clients such as npm `ipp` send what they were given.
 */
export function parseTarget(uri: string): IppTarget | null {
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    return null;
  }
  if (!['ipp:', 'ipps:', 'http:', 'https:'].includes(url.protocol)) return null;
  return parsePath(url.pathname);
}

/** /ipp/print[/NAME[/jobs/ID]] as a target; null for any other path. */
export function parsePath(path: string): IppTarget | null {
  const rest = path.replace(/\/+$/, '');
  if (rest === IPP_PATH) return { printerName: null, jobId: null };
  if (!rest.startsWith(`${IPP_PATH}/`)) return null;
  let parts: string[];
  try {
    parts = rest.slice(IPP_PATH.length + 1).split('/').map(decodeURIComponent);
  } catch {
    return null;
  }
  if (parts.length === 1 && parts[0] !== '') return { printerName: parts[0]!, jobId: null };
  if (parts.length === 3 && parts[1] === 'jobs' && /^\d+$/.test(parts[2]!)) return { printerName: parts[0]!, jobId: parts[2]! };
  return null;
}

/**
 * job-printer-uri / document-printer-uri of a job: the printer URI its create
 * request was sent to, /ipp/print or /ipp/print/NAME (RFC 8011 §5.3.3: "the
 * URI of the Printer object that created this Job object").
 */
export function jobPrinterUri(host: string, printerName: string, viaDefaultUri: boolean): string {
  return printerUri(host, viaDefaultUri ? null : printerName);
}
