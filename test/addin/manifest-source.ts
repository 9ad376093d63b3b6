// The source manifest.xml, parsed once, and what more than one manifest test reads of it.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { XmlElement } from './xml';
import { childrenNamed, only, parseXml, walk } from './xml';

export const ROOT = resolve(import.meta.dirname, '../..');
/** The development origin the source manifest points at. */
export const BASE = 'https://localhost:8787';
const source = readFileSync(join(ROOT, 'manifest.xml'), 'utf8');
export const doc = parseXml(source);

export const path = (...names: string[]): XmlElement => names.reduce((el, n) => only(el, n), doc);
export const overrides = path('VersionOverrides');
export const host = only(only(overrides, 'Hosts'), 'Host');
export const desktop = only(host, 'DesktopFormFactor');
/** The ribbon: its tab, its one group and the group's controls in order. */
export const tab = only(only(desktop, 'ExtensionPoint'), 'CustomTab');
export const group = only(tab, 'Group');
export const controls = childrenNamed(group, 'Control');
export const resources = only(overrides, 'Resources');

/** Every URL of the manifest (attribute values and AppDomain), namespace names excepted. */
export const urlsIn = (xml: XmlElement): string[] =>
  [...walk(xml)].flatMap((e) => [
    ...Object.entries(e.attrs)
      .filter(([k, v]) => !k.startsWith('xmlns') && /^https?:/.test(v))
      .map(([, v]) => v),
    ...(e.name === 'AppDomain' ? [e.text] : []),
  ]);
