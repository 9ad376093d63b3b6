// manifest.xml checked offline: well-formed, documented element order, resources, shared runtime, ribbon = names.ts, icons.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  FUNCTION_COMMANDS,
  RIBBON_COMMANDS,
  RIBBON_GROUP_ID,
  RIBBON_TAB_ID,
  TASKPANE_ID,
} from '../../addin/commands/names';
import { iconFiles, iconPixels } from '../../scripts/make-icons';
import { pngInfo, pngPixels } from './png';
import type { XmlElement } from './xml';
import { childrenNamed, only, walk } from './xml';
import {
  BASE,
  ROOT,
  controls,
  desktop,
  doc,
  group,
  host,
  overrides,
  path,
  resources,
  tab,
  urlsIn,
} from './manifest-source';

const all = [...walk(doc)];
/** ADDIN2, in ribbon order. */
const RIBBON_BUTTONS = [
  '连接台账',
  '登记',
  '交办',
  '签收',
  '反馈',
  '申请延期',
  '回访',
  '回头看',
  '督办/标记超期',
  '归档',
  '导出单据',
  '统计',
];

function resourceMap(container: string, item: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const el of childrenNamed(only(resources, container), item)) {
    expect(map.has(el.attrs.id!), `duplicate resource ${el.attrs.id}`).toBe(false);
    map.set(el.attrs.id!, el.attrs.DefaultValue!);
  }
  return map;
}
const images = resourceMap('bt:Images', 'bt:Image');
const urls = resourceMap('bt:Urls', 'bt:Url');
const shortStrings = resourceMap('bt:ShortStrings', 'bt:String');
const longStrings = resourceMap('bt:LongStrings', 'bt:String');

/** Children appear in the schema's order (unknown children fail), and the required ones are present. */
function expectOrder(el: XmlElement, order: string[], required: string[] = []): void {
  let last = -1;
  for (const c of el.children) {
    const at = order.indexOf(c.name);
    expect(at, `<${c.name}> is not a child of <${el.name}> (line ${c.line})`).toBeGreaterThanOrEqual(0);
    expect(at, `<${c.name}> out of order in <${el.name}> (line ${c.line})`).toBeGreaterThanOrEqual(last);
    last = at;
  }
  for (const r of required) expect(childrenNamed(el, r).length, `<${el.name}> needs <${r}>`).toBeGreaterThan(0);
}

const labelOf = (el: XmlElement) => shortStrings.get(only(el, 'Label').attrs.resid!);

describe('ADDIN1: manifest.xml structure', () => {
  it('is a TaskPaneApp for Excel in zh-CN, elements in the documented order', () => {
    expect([doc.name, doc.attrs.xmlns, doc.attrs['xsi:type']]).toEqual([
      'OfficeApp',
      'http://schemas.microsoft.com/office/appforoffice/1.1',
      'TaskPaneApp',
    ]);
    expectOrder(
      doc,
      [
        'Id',
        'AlternateId',
        'Version',
        'ProviderName',
        'DefaultLocale',
        'DisplayName',
        'Description',
        'IconUrl',
        'HighResolutionIconUrl',
        'SupportUrl',
        'AppDomains',
        'Hosts',
        'Requirements',
        'DefaultSettings',
        'Permissions',
        'Dictionary',
        'VersionOverrides',
        'ExtendedOverrides',
      ],
      [
        'Id',
        'Version',
        'ProviderName',
        'DefaultLocale',
        'DisplayName',
        'Description',
        'IconUrl',
        'HighResolutionIconUrl',
        'DefaultSettings',
        'Permissions',
        'VersionOverrides',
      ],
    );
    expect(path('Id').text).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(path('Version').text).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    expect(path('DefaultLocale').text).toBe('zh-CN');
    expect(path('DisplayName').attrs.DefaultValue).toBe('企业诉求直通车台账');
    expect(path('Permissions').text).toBe('ReadWriteDocument');
    expect(path('Hosts', 'Host').attrs.Name).toBe('Workbook');
    expect(path('DisplayName').attrs.DefaultValue!.length).toBeLessThanOrEqual(125);
    expect(path('Description').attrs.DefaultValue!.length).toBeLessThanOrEqual(250);
  });

  it('requires ExcelApi 1.14 (triggerSource) and SharedRuntime 1.1', () => {
    const sets = Object.fromEntries(
      childrenNamed(path('Requirements', 'Sets'), 'Set').map((s) => [s.attrs.Name, s.attrs.MinVersion]),
    );
    expect(sets).toEqual({ ExcelApi: '1.14', SharedRuntime: '1.1' });
  });

  it('orders VersionOverrides, host, form factor, tab, group, controls and resources as the schema does', () => {
    expect(overrides.attrs.xmlns).toBe('http://schemas.microsoft.com/office/taskpaneappversionoverrides');
    expect(overrides.attrs['xsi:type']).toBe('VersionOverridesV1_0');
    expectOrder(
      overrides,
      ['Description', 'Requirements', 'Hosts', 'Resources', 'WebApplicationInfo', 'EquivalentAddins'],
      ['Hosts', 'Resources'],
    );
    expect(host.attrs['xsi:type']).toBe('Workbook');
    expectOrder(host, ['Runtimes', 'AllFormFactors', 'DesktopFormFactor'], ['Runtimes', 'DesktopFormFactor']);
    expectOrder(desktop, ['GetStarted', 'FunctionFile', 'ExtensionPoint'], ['FunctionFile', 'ExtensionPoint']);
    expectOrder(
      only(desktop, 'GetStarted'),
      ['Title', 'Description', 'LearnMoreUrl'],
      ['Title', 'Description', 'LearnMoreUrl'],
    );
    expect(only(desktop, 'ExtensionPoint').attrs['xsi:type']).toBe('PrimaryCommandSurface');
    expectOrder(tab, ['Group', 'OfficeGroup', 'Label', 'InsertAfter', 'InsertBefore'], ['Group', 'Label']);
    expectOrder(group, ['OverriddenByRibbonApi', 'Label', 'Icon', 'Control'], ['Label', 'Icon', 'Control']);
    for (const c of controls) {
      expect(c.attrs['xsi:type']).toBe('Button');
      expectOrder(
        c,
        ['OverriddenByRibbonApi', 'Label', 'Supertip', 'Icon', 'Action', 'Enabled', 'Items'],
        ['Label', 'Supertip', 'Icon', 'Action'],
      );
      expectOrder(only(c, 'Supertip'), ['Title', 'Description'], ['Title', 'Description']);
      const action = only(c, 'Action');
      if (action.attrs['xsi:type'] === 'ShowTaskpane')
        expectOrder(action, ['TaskpaneId', 'SourceLocation', 'Title'], ['SourceLocation']);
      else expectOrder(action, ['FunctionName'], ['FunctionName']);
    }
    expectOrder(resources, ['bt:Images', 'bt:Urls', 'bt:ShortStrings', 'bt:LongStrings']);
  });

  it('defines every resid it uses, uses every resource it defines, and fits the length limits', () => {
    const used = new Set(all.filter((e) => e.attrs.resid !== undefined).map((e) => e.attrs.resid!));
    const defined = [...images.keys(), ...urls.keys(), ...shortStrings.keys(), ...longStrings.keys()];
    expect(new Set(defined).size, 'resource ids are unique across kinds').toBe(defined.length);
    expect(
      [...used].filter((r) => !defined.includes(r)),
      'used but not defined',
    ).toEqual([]);
    expect(
      defined.filter((r) => !used.has(r)),
      'defined but not used',
    ).toEqual([]);
    for (const r of defined) expect(r.length, r).toBeLessThanOrEqual(32);
    for (const v of shortStrings.values()) expect(v.length, v).toBeLessThanOrEqual(125);
    for (const v of longStrings.values()) expect(v.length, v).toBeLessThanOrEqual(250);
    // each reference points at the right kind of resource
    for (const e of all.filter((x) => x.attrs.resid !== undefined)) {
      const r = e.attrs.resid!;
      if (e.name === 'bt:Image') expect(images.has(r), r).toBe(true);
      else if (['Runtime', 'FunctionFile', 'SourceLocation', 'LearnMoreUrl'].includes(e.name))
        expect(urls.has(r), r).toBe(true);
      else if (e.name === 'Description') expect(longStrings.has(r), r).toBe(true);
      else expect(shortStrings.has(r), `${e.name} ${r}`).toBe(true);
    }
  });

  it('has unique ids for the tab, the group and the controls', () => {
    const ids = all.filter((e) => ['CustomTab', 'Group', 'Control'].includes(e.name)).map((e) => e.attrs.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(tab.attrs.id).toBe(RIBBON_TAB_ID);
    expect(group.attrs.id).toBe(RIBBON_GROUP_ID);
  });

  it('uses one shared runtime: the runtime, the function file and the task pane are the same page', () => {
    const runtime = only(only(host, 'Runtimes'), 'Runtime');
    expect(runtime.attrs.lifetime).toBe('long');
    const resid = runtime.attrs.resid!;
    expect(only(desktop, 'FunctionFile').attrs.resid).toBe(resid);
    const panes = all.filter((e) => e.name === 'Action' && e.attrs['xsi:type'] === 'ShowTaskpane');
    expect(panes.length).toBeGreaterThan(0);
    for (const p of panes) {
      expect(only(p, 'SourceLocation').attrs.resid).toBe(resid);
      expect(only(p, 'TaskpaneId').text).toBe(TASKPANE_ID);
    }
    expect(urls.get(resid)).toBe(path('DefaultSettings', 'SourceLocation').attrs.DefaultValue);
    expect(urls.get(resid)).toBe(`${BASE}/addin/taskpane.html`);
  });

  it('keeps every URL on one https origin, served from files that exist', () => {
    const found = urlsIn(doc);
    expect(found.length).toBeGreaterThan(40);
    for (const u of found) {
      expect(new URL(u).protocol, u).toBe('https:');
      expect(new URL(u).origin, u).toBe(BASE);
    }
    expect(path('AppDomains', 'AppDomain').text).toBe(BASE);
    for (const u of found.filter((x) => x.startsWith(`${BASE}/addin/`))) {
      const rel = u.slice(`${BASE}/addin/`.length);
      const file = rel === 'taskpane.html' ? join(ROOT, 'addin/taskpane/taskpane.html') : join(ROOT, 'addin', rel);
      expect(existsSync(file), `${u} → ${file}`).toBe(true);
    }
  });
});

describe('ADDIN2: the ribbon', () => {
  it('is the group 企业诉求直通车 on the tab 直通车台账 with its buttons in order', () => {
    expect(labelOf(group)).toBe('企业诉求直通车');
    expect(labelOf(tab)).toBe('直通车台账');
    expect(controls.map(labelOf)).toEqual(RIBBON_BUTTONS);
    expect(RIBBON_COMMANDS.map((c) => c.label)).toEqual(RIBBON_BUTTONS);
  });

  it('matches names.ts control by control: id, FunctionName, action kind, initial state, tip', () => {
    expect(controls.map((c) => c.attrs.id)).toEqual(RIBBON_COMMANDS.map((c) => c.controlId));
    RIBBON_COMMANDS.forEach((cmd, k) => {
      const c = controls[k]!;
      const action = only(c, 'Action');
      if (cmd.action === 'taskpane') {
        expect(action.attrs['xsi:type']).toBe('ShowTaskpane');
      } else {
        expect(action.attrs['xsi:type']).toBe('ExecuteFunction');
        expect(only(action, 'FunctionName').text).toBe(cmd.id);
      }
      const enabled = childrenNamed(c, 'Enabled').map((e) => e.text);
      expect(enabled, cmd.id).toEqual(cmd.requiresSelection ? ['false'] : []);
      expect(shortStrings.get(only(only(c, 'Supertip'), 'Title').attrs.resid!)).toBe(cmd.label);
      expect(longStrings.get(only(only(c, 'Supertip'), 'Description').attrs.resid!)).toMatch(/[\u4e00-\u9fff]/);
    });
    const functionNames = all.filter((e) => e.name === 'FunctionName').map((e) => e.text);
    expect([...functionNames].sort()).toEqual(FUNCTION_COMMANDS.map((c) => c.id).sort());
  });

  it('BIND34: the 导出单据 tip describes what the button does (the 附件4 row in the pane), not a worksheet it never makes', () => {
    const tip = longStrings.get('ExportForms.Tip') ?? '';
    expect(tip).toContain('附件4');
    expect(tip).toContain('复制');
    expect(tip).not.toMatch(/生成到新的工作表|交办单|承办单/);
  });

  it('gives the group and every control 16/32/80 px icons whose PNGs exist at that size', () => {
    for (const el of [group, ...controls]) {
      const imgs = childrenNamed(only(el, 'Icon'), 'bt:Image');
      expect(imgs.map((i) => i.attrs.size)).toEqual(['16', '32', '80']);
      for (const img of imgs) {
        const url = images.get(img.attrs.resid!)!;
        const buf = readFileSync(join(ROOT, 'addin', url.slice(`${BASE}/addin/`.length)));
        expect(pngInfo(buf), url).toMatchObject({ width: Number(img.attrs.size), height: Number(img.attrs.size) });
      }
    }
    RIBBON_COMMANDS.forEach((cmd, k) => {
      const first = childrenNamed(only(controls[k]!, 'Icon'), 'bt:Image')[0]!;
      expect(images.get(first.attrs.resid!)).toBe(`${BASE}/addin/assets/${cmd.icon}-16.png`);
    });
    for (const [el, size] of [
      ['IconUrl', 32],
      ['HighResolutionIconUrl', 64],
    ] as const) {
      const url = path(el).attrs.DefaultValue!;
      expect(pngInfo(readFileSync(join(ROOT, 'addin', url.slice(`${BASE}/addin/`.length)))).width, url).toBe(size);
    }
  });

  it('ships exactly the icons scripts/make-icons.ts draws (regenerate with `tsx scripts/make-icons.ts`)', () => {
    const files = iconFiles();
    expect(
      readdirSync(join(ROOT, 'addin/assets'))
        .filter((f) => f.endsWith('.png'))
        .sort(),
    ).toEqual(files.map((f) => f.name).sort());
    for (const f of files) {
      const expected = iconPixels(f);
      expect(
        Buffer.from(pngPixels(readFileSync(join(ROOT, 'addin/assets', f.name)))).equals(Buffer.from(expected)),
        f.name,
      ).toBe(true);
    }
  });
});
