// WIRE2/CONF1: which Origin headers may open the sync endpoint, and how ALLOWED_ORIGINS entries are read.
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../sync-server/config';
import { originAllowed, parseOrigin } from '../../../sync-server/origin';

const NONE = new Set<string>();

describe('WIRE2: the Origin of a sync handshake', () => {
  it('allows a handshake without Origin (Node clients) and a page of this server itself', () => {
    expect(originAllowed(undefined, 'ledger.example.gov.cn:8787', NONE)).toBe(true);
    expect(originAllowed('https://ledger.example.gov.cn:8787', 'ledger.example.gov.cn:8787', NONE)).toBe(true);
    expect(originAllowed('http://127.0.0.1:8787', '127.0.0.1:8787', NONE)).toBe(true);
    expect(originAllowed('https://Ledger.Example.gov.cn', 'ledger.example.gov.cn:443', NONE)).toBe(true);
    expect(originAllowed('http://[::1]:8787', '[::1]:8787', NONE)).toBe(true);
  });

  it('refuses another site, another port, an opaque origin, and any origin when Host is missing or odd', () => {
    const host = 'ledger.example.gov.cn:8787';
    for (const origin of [
      'https://evil.example',
      'https://ledger.example.gov.cn:9999',
      'https://ledger.example.gov.cn',
      'null',
      '',
      'file://',
      'chrome-extension://abc',
    ]) {
      expect(originAllowed(origin, host, NONE), origin).toBe(false);
    }
    expect(originAllowed('https://ledger.example.gov.cn:8787', undefined, NONE)).toBe(false);
    expect(originAllowed('https://evil.example', 'evil.example/@ledger.example.gov.cn:8787', NONE)).toBe(false);
  });

  it('allows exactly the origins listed (scheme, host and port)', () => {
    const listed = new Set(['https://excel.example.gov.cn']);
    expect(originAllowed('https://excel.example.gov.cn', 'ledger:8787', listed)).toBe(true);
    expect(originAllowed('https://EXCEL.example.gov.cn:443', 'ledger:8787', listed)).toBe(true);
    expect(originAllowed('http://excel.example.gov.cn', 'ledger:8787', listed)).toBe(false);
    expect(originAllowed('https://excel.example.gov.cn:8443', 'ledger:8787', listed)).toBe(false);
  });
});

describe('CONF1: ALLOWED_ORIGINS', () => {
  it('reads comma-separated origins, normalised; none by default', () => {
    expect(loadConfig({}).allowedOrigins).toEqual([]);
    const c = loadConfig({
      ALLOWED_ORIGINS: ' https://Proxy.example.gov.cn/ , http://10.0.0.5:8080,https://proxy.example.gov.cn:443 ',
    });
    expect(c.allowedOrigins).toEqual(['https://proxy.example.gov.cn', 'http://10.0.0.5:8080']);
    expect(parseOrigin('https://a.example:443')).toEqual({ origin: 'https://a.example' });
  });

  it('stops the start with a Chinese message naming the bad entry', () => {
    for (const bad of [
      'proxy.example.gov.cn',
      'ftp://a.example',
      'https://a.example/ledger',
      'https://u:p@a.example',
      'https://a.example/?x=1',
      '*',
      'null',
    ]) {
      expect(() => loadConfig({ ALLOWED_ORIGINS: `https://ok.example,${bad}` }), bad).toThrow(ConfigError);
      expect(() => loadConfig({ ALLOWED_ORIGINS: bad }), bad).toThrow(/^ALLOWED_ORIGINS 中的来源不正确/);
    }
  });
});
