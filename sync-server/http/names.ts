// AUTH5: unit and user names as they are stored — normalised, checked again after normalisation, compared by key.
import { charCount } from '../../shared/validation';
import { hasLoneSurrogate, normalizeName } from '../../shared/text';
import { refuse } from './errors';

// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/**
 * The stored form of a name read from a request (`raw` already typed as text and trimmed): NFKC, invisible characters
 * removed, white space collapsed (normalizeName). Refused with 400 INVALID_INPUT when it holds a control character or an
 * unpaired surrogate, or when nothing visible is left; TOO_LONG when the normalised name exceeds `max` characters.
 */
export function storedName(raw: string, key: string, label: string, max: number): string {
  if (hasLoneSurrogate(raw)) refuse('INVALID_INPUT', `“${label}”含有无法保存的字符（不成对的代理项）`, key);
  const name = normalizeName(raw);
  if (CONTROL.test(name)) refuse('INVALID_INPUT', `“${label}”含有不可见的控制字符`, key);
  if (name === '') refuse('INVALID_INPUT', `“${label}”不能只由空白或不可见字符组成`, key);
  if (charCount(name) > max) refuse('TOO_LONG', `“${label}”不能超过 ${max} 字`, key);
  return name;
}
