// Phone numbers as people write them: mobiles, landlines with area codes, spaces, dashes, several numbers.

const MOBILE = /^1[3-9]\d{9}$/;
const SEPARATORS = /[/／、,，;；]|\s{2,}/;
const MAX_NUMBERS = 3;

/** Chinese area codes: 010 and 02x have three digits and 8-digit numbers; the rest 4 digits and 7–8. */
function landline(area: string, local: string): string | null {
  if (!/^0\d{2,3}$/.test(area) || !/^\d{7,8}$/.test(local)) return null;
  const big = /^0(10|2\d)$/.test(area);
  if (area.length === 3 && !(big && local.length === 8)) return null;
  if (area.length === 4 && big) return null;
  return `${area}-${local}`;
}

/** Normalises one number (mobile → 11 digits, landline → 0710-6331373[-ext]) or returns null. */
export function normalizePhone(raw: string): string | null {
  let s = raw
    .trim()
    .replace(/[\s\u3000]/g, '')
    .replace(/[（(]/g, '')
    .replace(/[）)]/g, '-');
  s = s.replace(/^(\+86|0086)-?/, '');
  let extension = '';
  const ext = /(?:转|ext\.?|x)(\d{1,6})$/i.exec(s);
  if (ext) {
    extension = ext[1] ?? '';
    s = s.slice(0, ext.index).replace(/-$/, '');
  }
  if (!/^[\d-]+$/.test(s)) return null;
  const digits = s.replace(/-/g, '');
  if (MOBILE.test(digits)) return extension === '' && /^1\d{2}-?\d{4}-?\d{4}$/.test(s) ? digits : null;
  const parts = s.split('-').filter((p) => p !== '');
  let number: string | null;
  if (parts.length === 1) {
    const areaLength = /^0(10|2\d)/.test(digits) ? 3 : 4;
    number = landline(digits.slice(0, areaLength), digits.slice(areaLength));
  } else if (parts.length === 2 || parts.length === 3) {
    number = landline(parts[0] ?? '', parts[1] ?? '');
    if (parts.length === 3) {
      if (extension !== '' || !/^\d{1,6}$/.test(parts[2] ?? '')) return null;
      extension = parts[2] ?? '';
    }
  } else {
    return null;
  }
  if (number === null) return null;
  return extension === '' ? number : `${number}-${extension}`;
}

/**
 * Validates a contact-phone cell: one to three numbers separated by / 、 , ; or wide spaces.
 * Returns the normalised text ("13812345678 / 0710-6331373") or null when any part is not a phone.
 */
export function normalizePhoneList(raw: string): string | null {
  const trimmed = raw.trim();
  if (trimmed === '') return null;
  const parts = trimmed
    .split(SEPARATORS)
    .map((p) => p.trim())
    .filter((p) => p !== '');
  if (parts.length === 0 || parts.length > MAX_NUMBERS) return null;
  const out: string[] = [];
  for (const p of parts) {
    const n = normalizePhone(p);
    if (n === null) return null;
    out.push(n);
  }
  return out.join(' / ');
}
