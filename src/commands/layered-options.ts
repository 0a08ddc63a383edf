// Where `printsim serve` takes its settings from, strongest first: the command
// line, PRINTSIM_* environment variables, a JSON config file (--config or
// PRINTSIM_CONFIG), then the built-in defaults. Every option has all three
// spellings: --render-threads, PRINTSIM_RENDER_THREADS, "renderThreads".
import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';

export interface OptionSpec {
  type: 'string' | 'boolean';
  short?: string;
  /** A path: resolved against the config file's folder when it comes from there. */
  path?: boolean;
}

export type OptionValues = Record<string, string | boolean | undefined>;

/** A mistake in a setting: reported as one line, exit 2. */
export class SettingError extends Error {}

/** PRINTSIM_RENDER_THREADS for render-threads. */
export function envName(option: string): string {
  return `PRINTSIM_${option.toUpperCase().replace(/-/g, '_')}`;
}

/** renderThreads for render-threads. */
export function configKey(option: string): string {
  return option.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
}

const TRUE = new Set(['1', 'true', 'yes', 'on']);
const FALSE = new Set(['0', 'false', 'no', 'off', '']);

function fromEnv(option: string, spec: OptionSpec, raw: string): string | boolean {
  if (spec.type === 'string') return raw;
  const v = raw.trim().toLowerCase();
  if (TRUE.has(v)) return true;
  if (FALSE.has(v)) return false;
  throw new SettingError(`${envName(option)} must be true or false (1/0, yes/no), got '${raw}'`);
}

function fromConfig(file: string, option: string, spec: OptionSpec, raw: unknown): string | boolean {
  const key = configKey(option);
  if (spec.type === 'boolean') {
    if (typeof raw !== 'boolean') throw new SettingError(`${file}: "${key}" must be true or false, got ${JSON.stringify(raw)}`);
    return raw;
  }
  if (typeof raw !== 'string' && typeof raw !== 'number') {
    throw new SettingError(`${file}: "${key}" must be a string or a number, got ${JSON.stringify(raw)}`);
  }
  const s = String(raw);
  return spec.path === true && !isAbsolute(s) ? resolve(dirname(file), s) : s;
}

/** Reads a config file: a JSON object whose keys are the options in camelCase (kebab-case also accepted). */
export function readConfigFile(file: string, specs: Record<string, OptionSpec>): OptionValues {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new SettingError(`cannot read the config file ${file}: ${code === 'ENOENT' ? 'no such file' : (e as Error).message}`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new SettingError(`${file} is not valid JSON (${(e as Error).message})`);
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) throw new SettingError(`${file} must hold a JSON object of settings`);
  const byKey = new Map<string, string>();
  for (const option of Object.keys(specs)) {
    byKey.set(configKey(option), option);
    byKey.set(option, option);
  }
  const out: OptionValues = {};
  for (const [key, value] of Object.entries(raw)) {
    if (key === '$schema') continue;
    const option = byKey.get(key);
    if (option === undefined || option === 'config' || option === 'debug' || option === 'help') {
      const known = Object.keys(specs).filter((o) => o !== 'config' && o !== 'help').map(configKey);
      throw new SettingError(`${file}: unknown setting "${key}" (settings: ${known.join(', ')})`);
    }
    out[option] = fromConfig(file, option, specs[option]!, value);
  }
  return out;
}

/**
 * Fills what the command line left unset from the environment, then from the
 * config file named by --config / PRINTSIM_CONFIG (relative to `cwd`).
 */
export function layerOptions(
  given: OptionValues,
  specs: Record<string, OptionSpec>,
  env: NodeJS.ProcessEnv,
  cwd: string,
): OptionValues {
  const out: OptionValues = { ...given };
  for (const [option, spec] of Object.entries(specs)) {
    if (out[option] !== undefined || option === 'config' || option === 'help') continue;
    const raw = env[envName(option)];
    if (raw !== undefined) out[option] = fromEnv(option, spec, raw);
  }
  const configFile = (given.config as string | undefined) ?? env.PRINTSIM_CONFIG;
  if (configFile !== undefined && configFile !== '') {
    const fromFile = readConfigFile(resolve(cwd, configFile), specs);
    for (const [option, value] of Object.entries(fromFile)) out[option] ??= value;
  }
  return out;
}
