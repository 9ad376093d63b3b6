// CONF1: configuration from the environment, with clear Chinese errors for bad values.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../sync-server/config';
import { NOTICE_2027 } from '../../fixtures/holiday-notices';

const dir = mkdtempSync(join(tmpdir(), 'ledger-conf-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('configuration', () => {
  it('CONF1: defaults are the embedded setup on localhost', () => {
    const c = loadConfig({});
    expect([c.port, c.host, c.demo, c.adminToken, c.tls]).toEqual([8787, '127.0.0.1', true, null, null]);
    expect(c.dataDir.endsWith('data')).toBe(true);
    expect(loadConfig({ LEDGER_DEMO: '0' }).demo).toBe(false);
  });

  it('CONF1: bad values stop the start with a Chinese message', () => {
    expect(() => loadConfig({ PORT: 'abc' })).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: '70000' })).toThrow(/PORT/);
    expect(() => loadConfig({ LEDGER_ADMIN_TOKEN: 'short' })).toThrow(/LEDGER_ADMIN_TOKEN/);
    expect(() => loadConfig({ TLS_CERT: '/nonexistent.crt' })).toThrow(/TLS_KEY/);
    expect(() => loadConfig({ HOLIDAYS_FILE: join(dir, 'missing.json') })).toThrow(/HOLIDAYS_FILE/);
  });

  it('CONF1/CAL2: HOLIDAYS_FILE takes one holiday-cn object or an array; a bad entry is named', () => {
    const good = join(dir, 'h2027.json');
    writeFileSync(good, JSON.stringify(NOTICE_2027));
    expect(loadConfig({ HOLIDAYS_FILE: good }).holidayFiles.map((f) => f.year)).toEqual([2027]);
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify([{ year: 2027, days: [{ name: '元旦', date: '2027-02-30', isOffDay: true }] }]));
    expect(() => loadConfig({ HOLIDAYS_FILE: bad })).toThrow(/节假日文件/);
  });

  it('CONF10: the names on the forms default to 枣阳市; set ones are used; a bad one stops the start', () => {
    expect(loadConfig({}).formNames).toEqual({ city: '枣阳市', authority: '枣阳市发展和改革局', office: '市营商办' });
    const other = loadConfig({
      LEDGER_CITY: ' 襄阳市 ',
      LEDGER_AUTHORITY: '襄阳市营商环境建设局',
      LEDGER_OFFICE: '  ',
    });
    expect(other.formNames).toEqual({ city: '襄阳市', authority: '襄阳市营商环境建设局', office: '市营商办' });
    expect(() => loadConfig({ LEDGER_CITY: '市'.repeat(41) })).toThrow(/LEDGER_CITY/);
    expect(() => loadConfig({ LEDGER_OFFICE: '市营商\u0007办' })).toThrow(/LEDGER_OFFICE/);
    expect(() => loadConfig({ LEDGER_AUTHORITY: '\uD800局' })).toThrow(/LEDGER_AUTHORITY/);
  });
});
