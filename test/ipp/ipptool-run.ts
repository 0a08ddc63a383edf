// Runs one of printsim's own ipptool files (test/fixtures/ipp/everywhere/)
// against a listening emulator and reads ipptool's -t report.

import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export interface IpptoolResult {
  passed: string[];
  failed: string[];
  output: string;
}

const FIXTURES = fileURLToPath(new URL('../fixtures/ipp/everywhere/', import.meta.url));

/** ipptool -I -t [-f file] [-d name=value...] URI FILE, with requesting-user-name 'ipptool'. */
export function ipptool(uri: string, file: string, opts: { document?: string; defines?: Record<string, string> } = {}): Promise<IpptoolResult> {
  const args = ['-I', '-t', '-T', '30'];
  if (opts.document !== undefined) args.push('-f', opts.document);
  for (const [k, v] of Object.entries(opts.defines ?? {})) args.push('-d', `${k}=${v}`);
  args.push(uri, `${FIXTURES}${file}`);
  return new Promise((resolve, reject) => {
    const child = spawn('ipptool', args, { env: { ...process.env, CUPS_USER: 'ipptool' } });
    let output = '';
    child.stdout.on('data', (b: Buffer) => (output += b.toString()));
    child.stderr.on('data', (b: Buffer) => (output += b.toString()));
    child.on('error', reject);
    child.on('close', () => {
      const passed: string[] = [];
      const failed: string[] = [];
      for (const line of output.split('\n')) {
        const m = /^ {4}(\S.*?)\s+\[(PASS|FAIL|SKIP)\]$/.exec(line);
        if (m?.[2] === 'PASS') passed.push(m[1]!);
        else if (m?.[2] === 'FAIL') failed.push(m[1]!);
      }
      resolve({ passed, failed, output });
    });
  });
}
