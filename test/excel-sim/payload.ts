// Request and response sizes as Excel counts them against its 5 MB payload limit: UTF-8 bytes of the JSON.

export const PAYLOAD_LIMIT_BYTES = 5 * 1024 * 1024;

export function utf8Length(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

export function jsonBytes(value: unknown): number {
  return utf8Length(JSON.stringify(value) ?? '');
}
