// Server configuration from the environment, checked at start with clear Chinese errors.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { HolidayFile } from '../shared/calendar';
import { parseNotice } from '../shared/holiday-notice';
import type { FormNames } from '../shared/forms/names';
import { DEFAULT_FORM_NAMES, FORM_NAME_MAX } from '../shared/forms/names';
import { hasLoneSurrogate } from '../shared/text';
import { parseOrigin } from './origin';

export interface ServerConfig {
  port: number;
  host: string;
  dataDir: string;
  adminToken: string | null;
  holidayFiles: HolidayFile[];
  demo: boolean;
  tls: { cert: Buffer; key: Buffer } | null;
  /** Where the built add-in lives (served under /addin/). */
  addinDir: string;
  /** WIRE2: browser origins besides this server's own host that may open /sync (ALLOWED_ORIGINS); none when absent. */
  allowedOrigins?: readonly string[];
  /** CONF10: the city, issuing authority and office printed on the forms and the 台账 (枣阳市 … by default). */
  formNames?: FormNames;
}

export class ConfigError extends Error {}

function readHolidayFiles(path: string): HolidayFile[] {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new ConfigError(`HOLIDAYS_FILE 无法读取或不是 JSON：${path}（${(e as Error).message}）`);
  }
  const list = Array.isArray(json) ? json : [json];
  return list.map((entry) => {
    const r = parseNotice(entry);
    if (!r.ok) throw new ConfigError(`HOLIDAYS_FILE ${path}：${r.error.message}`);
    return r.value;
  });
}

/** WIRE2/CONF1: ALLOWED_ORIGINS, comma-separated `https://host[:port]` origins, normalised; a bad entry stops the start. */
function readAllowedOrigins(raw: string | undefined): string[] {
  const out = new Set<string>();
  for (const entry of (raw ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '')) {
    const r = parseOrigin(entry);
    if ('error' in r) throw new ConfigError(`ALLOWED_ORIGINS 中的来源不正确，${r.error}`);
    out.add(r.origin);
  }
  return [...out];
}

// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/** CONF10: LEDGER_CITY, LEDGER_AUTHORITY, LEDGER_OFFICE; blank means the default, a bad name stops the start. */
function readFormNames(env: NodeJS.ProcessEnv): FormNames {
  const one = (key: string, fallback: string): string => {
    const raw = env[key]?.trim() ?? '';
    if (raw === '') return fallback;
    if ([...raw].length > FORM_NAME_MAX || CONTROL.test(raw) || hasLoneSurrogate(raw))
      throw new ConfigError(`${key} 应为不超过 ${FORM_NAME_MAX} 个字的名称，且不含控制字符`);
    return raw;
  };
  return {
    city: one('LEDGER_CITY', DEFAULT_FORM_NAMES.city),
    authority: one('LEDGER_AUTHORITY', DEFAULT_FORM_NAMES.authority),
    office: one('LEDGER_OFFICE', DEFAULT_FORM_NAMES.office),
  };
}

/** CONF1: PORT, HOST, DATA_DIR, LEDGER_ADMIN_TOKEN, HOLIDAYS_FILE, LEDGER_DEMO, TLS_CERT/TLS_KEY, ALLOWED_ORIGINS. */
export function loadConfig(env: NodeJS.ProcessEnv): ServerConfig {
  const port = Number(env.PORT ?? '8787');
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new ConfigError(`PORT 应为 0–65535 的整数，现为 ${env.PORT}`);
  const adminToken = env.LEDGER_ADMIN_TOKEN?.trim() || null;
  if (adminToken !== null && (adminToken.length < 16 || adminToken.length > 200)) {
    throw new ConfigError('LEDGER_ADMIN_TOKEN 长度应为 16–200 个字符');
  }
  const demo =
    env.LEDGER_DEMO === undefined ? true : !['0', 'false', 'no', 'off'].includes(env.LEDGER_DEMO.toLowerCase());
  let tls: ServerConfig['tls'] = null;
  if (env.TLS_CERT || env.TLS_KEY) {
    if (!env.TLS_CERT || !env.TLS_KEY) throw new ConfigError('启用 HTTPS 需同时设置 TLS_CERT 和 TLS_KEY');
    try {
      tls = { cert: readFileSync(env.TLS_CERT), key: readFileSync(env.TLS_KEY) };
    } catch (e) {
      throw new ConfigError(`证书文件无法读取：${(e as Error).message}`);
    }
  }
  return {
    port,
    host: env.HOST?.trim() || '127.0.0.1',
    dataDir: resolve(env.DATA_DIR?.trim() || './data'),
    adminToken,
    holidayFiles: env.HOLIDAYS_FILE ? readHolidayFiles(env.HOLIDAYS_FILE) : [],
    demo,
    tls,
    addinDir: resolve(env.ADDIN_DIR?.trim() || './dist/addin'),
    allowedOrigins: readAllowedOrigins(env.ALLOWED_ORIGINS),
    formNames: readFormNames(env),
  };
}
