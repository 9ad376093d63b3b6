// IMP2: 联系人及联系方式 → name + phone (VAL2) for the company and the unit; 办理单位 → lead and cooperating units.
import { describe, expect, it } from 'vitest';
import { splitContact } from '../../../shared/import/contact';
import { splitUnits } from '../../../shared/import/units';
import { draftOf, readOne } from './grids';

describe('IMP2: contacts', () => {
  it.each([
    ['王立新 13972560001', '王立新', '13972560001'],
    ['陈梅/139 7256 0002', '陈梅', '13972560002'],
    ['李国强（15871230003）', '李国强', '15871230003'],
    ['赵敏 0710-6512004', '赵敏', '0710-6512004'],
    ['王立新13972560001', '王立新', '13972560001'],
    ['王立新：13972560001', '王立新', '13972560001'],
    ['13972560001 王立新', '王立新', '13972560001'],
    ['王立新（手机：13972560001）', '王立新', '13972560001'],
    ['刘科长 （0710）6221345', '刘科长', '0710-6221345'],
    ['王立新 13972560001、0710-6512004', '王立新', '13972560001 / 0710-6512004'],
    ['王立新 13972560001 13972560002', '王立新', '13972560001 / 13972560002'],
    ['王立新 13972560001；李四 13972560002', '王立新、李四', '13972560001 / 13972560002'],
    ['王立新 １３９７２５６０００１', '王立新', '13972560001'],
    ['赵敏 0710-6512004转801', '赵敏', '0710-6512004-801'],
  ])('IMP2: %s → %s, %s', (raw, name, phone) => {
    const c = splitContact(raw);
    expect(c.name).toBe(name);
    const d = draftOf({ contact: raw });
    expect([d.fields.contactName, d.fields.contactPhone]).toEqual([name, phone]);
  });

  it('IMP2: the unit’s 联系人及联系方式 gives 经办人 and 经办人电话', () => {
    const d = draftOf({ handlerContact: '李国强（15871230003）' });
    expect([d.fields.handler, d.fields.handlerPhone]).toEqual(['李国强', '15871230003']);
  });

  it('IMP2: a name without a phone is a warning and the row is still a draft (contactPhone null)', () => {
    const read = readOne({ contact: '王立新', handlerContact: '刘科长' });
    expect(read.drafts).toHaveLength(1);
    expect(read.drafts[0]?.fields.contactPhone).toBeUndefined();
    expect(read.problems.map((p) => [p.column, p.severity, p.message])).toEqual([
      ['D', 'warning', '第3行 D列（联系人及联系方式）：只有联系人“王立新”，没有联系电话'],
      ['G', 'warning', '第3行 G列（联系人及联系方式）：只有联系人“刘科长”，没有联系电话'],
    ]);
  });

  it('IMP2: an empty company contact is a warning; an empty unit contact is nothing', () => {
    const read = readOne({ contact: '', handlerContact: '' });
    expect(read.drafts).toHaveLength(1);
    expect(read.problems.map((p) => [p.column, p.severity])).toEqual([['D', 'warning']]);
  });

  it('IMP2: a phone VAL2 cannot read is an error naming the row and column', () => {
    const read = readOne({ contact: '王立新 1397256000' });
    expect(read.drafts).toEqual([]);
    expect(read.problems[0]).toMatchObject({ row: 3, column: 'D', code: 'INVALID_PHONE', severity: 'error' });
  });

  it('IMP2: a name over 50 characters is TOO_LONG with the field’s message', () => {
    const read = readOne({ contact: `${'王'.repeat(51)} 13972560001` });
    expect(read.problems[0]).toMatchObject({ column: 'D', code: 'TOO_LONG' });
    expect(read.problems[0]?.message).toContain('“联系人”不能超过 50 字');
  });
});

describe('IMP2: units', () => {
  it.each([
    ['市财政局', '市财政局', []],
    ['市住房和城乡建设局、市消防救援大队', '市住房和城乡建设局', ['市消防救援大队']],
    ['市住房和城乡建设局；市消防救援大队', '市住房和城乡建设局', ['市消防救援大队']],
    ['市住建局;市消防救援大队', '市住建局', ['市消防救援大队']],
    ['市住建局，市消防救援大队,市财政局', '市住建局', ['市消防救援大队', '市财政局']],
    ['市住建局 / 市消防救援大队', '市住建局', ['市消防救援大队']],
    ['市住建局\n市消防救援大队', '市住建局', ['市消防救援大队']],
    ['市住建局（配合：市消防救援大队、市财政局）', '市住建局', ['市消防救援大队', '市财政局']],
    ['牵头：市住建局；配合：市消防救援大队', '市住建局', ['市消防救援大队']],
    ['市消防救援大队（配合）、市住建局（牵头）', '市住建局', ['市消防救援大队']],
    [' 市住建局 、 市住建局、市财政局、市财政局 ', '市住建局', ['市财政局']],
    ['ＡＢＣ公司', 'ABC公司', []],
  ])('IMP2: %s → lead %s, co %j', (raw, lead, co) => {
    expect(splitUnits(raw)).toEqual({ lead, co });
    const d = draftOf({ units: raw });
    expect([d.leadUnitName, d.coUnitNames]).toEqual([lead, co]);
  });

  it('IMP2: no unit → no lead; a unit name over 50 characters is an error', () => {
    expect(splitUnits('')).toEqual({ lead: null, co: [] });
    const read = readOne({ units: `市财政局、${'局'.repeat(51)}` });
    expect(read.problems[0]).toMatchObject({ column: 'F', code: 'TOO_LONG', severity: 'error' });
  });
});
