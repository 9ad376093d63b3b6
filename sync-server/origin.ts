// WIRE2: which browser origins may open a sync connection — this server's own host, plus ALLOWED_ORIGINS.

/**
 * One entry of ALLOWED_ORIGINS as the browser sends it in `Origin` (`https://host[:port]`, default port dropped, host in
 * lower case), or a Chinese reason why it is not an origin.
 */
export function parseOrigin(raw: string): { origin: string } | { error: string } {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { error: `不是有效的网址：${raw}` };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return { error: `应以 https:// 或 http:// 开头：${raw}` };
  if (url.username || url.password || url.search || url.hash || url.pathname !== '/') {
    return { error: `只能是“协议://主机[:端口]”，不能带路径、用户名、查询参数或 #：${raw}` };
  }
  return { origin: url.origin };
}

/** The host an origin names (`host[:port]` without its default port), or null when it is no http(s) origin (`null` …). */
function originHost(origin: string): { protocol: string; host: string } | null {
  try {
    const url = new URL(origin);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
    return { protocol: url.protocol, host: url.host };
  } catch {
    return null;
  }
}

/** The request's Host read with the origin's scheme, so `host:443` and `host` are the same for https. */
function sameHost(protocol: string, originHostPort: string, hostHeader: string | undefined): boolean {
  if (hostHeader === undefined || hostHeader === '' || /[/\\@?#\s]/.test(hostHeader)) return false;
  try {
    return new URL(`${protocol}//${hostHeader}`).host === originHostPort;
  } catch {
    return false;
  }
}

/**
 * WIRE2: a handshake without `Origin` (Node clients, scripts) is allowed; with one, only when the origin's host is the
 * request's `Host` (the add-in is served by this server) or the origin is in `allowed` (normalised by parseOrigin).
 */
export function originAllowed(
  origin: string | undefined,
  hostHeader: string | undefined,
  allowed: ReadonlySet<string>,
): boolean {
  if (origin === undefined) return true;
  const parsed = originHost(origin);
  if (parsed === null) return false;
  if (allowed.has(`${parsed.protocol}//${parsed.host}`)) return true;
  return sameHost(parsed.protocol, parsed.host, hostHeader);
}
