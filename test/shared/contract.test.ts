// CON1–CON3: the add-in/server agreement is declared once: command inputs, the pane's forms drawn from them, the wire bytes.
import * as decoding from 'lib0/decoding';
import { describe, expect, expectTypeOf, it } from 'vitest';
import * as syncProtocol from 'y-protocols/sync';
import { messageAuth, messageAwareness, messageQueryAwareness, messageSync } from 'y-websocket';
import { formSpec } from '../../addin/taskpane/forms';
import type { CommandInput, InputName, ReadInput } from '../../shared/contract/commands';
import { COMMAND_INPUTS, inputsOf } from '../../shared/contract/commands';
import { readErrorBody } from '../../shared/contract/http';
import { readInput } from '../../shared/contract/read-input';
import {
  MESSAGE_AUTH,
  MESSAGE_AWARENESS,
  MESSAGE_QUERY_AWARENESS,
  MESSAGE_REJECTION,
  MESSAGE_SYNC,
  SYNC_STEP1,
  SYNC_STEP2,
  SYNC_UPDATE,
  encodeRejection,
  readRejection,
} from '../../shared/contract/sync';
import { REGISTRATION_FIELDS, fieldDef } from '../../shared/fields';
import { COMMANDS } from '../../shared/workflow';

const NAMES: InputName[] = ['register', ...COMMANDS];
const ctx = { case: null, units: [{ id: 'u1', name: '市税务局' }], today: '2026-11-27' };

describe('CON1: command inputs', () => {
  it('CON1: every command and registration has a declared input; registration is exactly the registration fields', () => {
    expect(Object.keys(COMMAND_INPUTS).sort()).toEqual([...NAMES].sort());
    expect(Object.keys(COMMAND_INPUTS.register)).toEqual([...REGISTRATION_FIELDS]);
    for (const [key, s] of inputsOf('register')) {
      expect(s.required === true, key).toBe(fieldDef(key as (typeof REGISTRATION_FIELDS)[number]).required === true);
      expect(s.label).toBe(fieldDef(key as (typeof REGISTRATION_FIELDS)[number]).header);
    }
  });

  it('CON1: the reader refuses unknown keys first, then the first bad input in declared order', () => {
    expect(readInput('visit', { result: '满意', method: '电话回访', extra: 1 })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', field: 'extra' },
    });
    expect(readInput('visit', { result: '好', method: 'x' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_CHOICE', field: 'result' },
    });
    expect(readInput('supervise', {})).toMatchObject({
      ok: false,
      error: { code: 'REQUIRED', field: 'note', message: '“督办事项”为必填项' },
    });
    expect(readInput('supervise', { note: '督'.repeat(501) })).toMatchObject({
      ok: false,
      error: { code: 'TOO_LONG', field: 'note' },
    });
    expect(readInput('extension-decision', { approve: 'yes' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', field: 'approve' },
    });
    expect(readInput('archive', [])).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(readInput('assign', { leadUnit: 'u1', kind: 'general', assignedAt: '2026-11-27T09:00:00+08:00' })).toEqual({
      ok: true,
      value: {
        leadUnit: 'u1',
        category: null,
        kind: 'general',
        coUnits: [],
        note: null,
        assignedAt: Date.parse('2026-11-27T01:00:00Z'),
      },
    });
  });

  it('CON1: an input required by another is refused with the reason (企业不满意 → 不满意原因)', () => {
    const base = {
      findings: '查',
      measures: '办',
      feedbackAt: '2026-11-27',
      feedbackMethod: '电话',
      companyVerdict: '不满意',
      writtenReply: '否',
    };
    expect(readInput('feedback', base)).toMatchObject({
      ok: false,
      error: { code: 'REQUIRED', field: 'dissatisfaction', message: '企业不满意时“不满意原因”为必填项' },
    });
    expect(readInput('feedback', { ...base, dissatisfaction: '慢' })).toMatchObject({
      ok: false,
      error: { field: 'nextPlan' },
    });
    expect(readInput('feedback', { ...base, companyVerdict: '满意' }).ok).toBe(true);
  });

  it('CON1: the client and handler types come from the declaration', () => {
    expectTypeOf<CommandInput<'visit'>>().toEqualTypeOf<
      {
        result: '非常满意' | '满意' | '基本满意' | '不满意' | '非常不满意';
        method: '电话回访' | '实地走访' | '系统评价';
        visitedOn: string;
      } & { note?: string }
    >();
    expectTypeOf<CommandInput<'extension-decision'>['approve']>().toEqualTypeOf<boolean>();
    expectTypeOf<ReadInput<'assign'>['assignedAt']>().toEqualTypeOf<number | null>();
    expectTypeOf<ReadInput<'assign'>['coUnits']>().toEqualTypeOf<string[]>();
  });

  it("CON1: each pane form is its command's declared inputs: same keys in order, labels, limits, choices, requirements", () => {
    for (const name of NAMES) {
      const form = formSpec(name, ctx);
      const declared = new Map(inputsOf(name));
      const keys = form.fields.map((f) => f.key);
      expect(keys, name).toEqual([...declared.keys()].filter((k) => keys.includes(k)));
      for (const f of form.fields) {
        const s = declared.get(f.key);
        if (s === undefined) throw new Error(`${name}.${f.key} is not declared`);
        expect(f.label.startsWith(s.label), `${name}.${f.key}: ${f.label}`).toBe(true);
        if (s.required === true) expect(f.required, `${name}.${f.key}`).toBe(true);
        if (s.kind === 'text') expect(f.max).toBe(s.max);
        if (s.kind === 'field') expect(f.max).toBe(fieldDef(s.field).max);
        if (s.kind === 'choice') expect(f.choices?.map((c) => c.value)).toEqual([...s.choices]);
      }
    }
    // the pane hides only inputs the server can default: 交办日期 (now), 签收's 经办人, 归档说明 — and, with no
    // extension pending, 反馈's 撤回延期申请 (WF40: asked only when there is one to withdraw)
    const hidden = NAMES.flatMap((n) =>
      inputsOf(n)
        .filter(([k]) => !formSpec(n, ctx).fields.some((f) => f.key === k))
        .map(([k, s]) => `${n}.${k}:${String(s.required)}`),
    );
    expect(hidden).toEqual([
      'assign.assignedAt:undefined',
      'accept.handler:undefined',
      'accept.handlerPhone:undefined',
      'feedback.withdrawExtension:undefined',
      'archive.note:undefined',
    ]);
  });
});

describe('CON2: sync messages', () => {
  it("CON2: the message and sync types are y-websocket's and y-protocols' own numbers; the rejection is 100", () => {
    expect([MESSAGE_SYNC, MESSAGE_AWARENESS, MESSAGE_AUTH, MESSAGE_QUERY_AWARENESS]).toEqual([
      messageSync,
      messageAwareness,
      messageAuth,
      messageQueryAwareness,
    ]);
    expect([SYNC_STEP1, SYNC_STEP2, SYNC_UPDATE]).toEqual([
      syncProtocol.messageYjsSyncStep1,
      syncProtocol.messageYjsSyncStep2,
      syncProtocol.messageYjsUpdate,
    ]);
    expect(MESSAGE_REJECTION).toBe(100);
  });

  it('CON2: a rejection frame is varUint 100, varUint byte length, UTF-8 JSON of exactly four keys (docs/PROTOCOL.md)', () => {
    const r = { caseId: 'c1', field: 'company', code: 'FIELD_OWNED_BY_OFFICE', message: '此列' } as const;
    const frame = encodeRejection({ ...r, extra: 'dropped' } as typeof r);
    const json = '{"caseId":"c1","field":"company","code":"FIELD_OWNED_BY_OFFICE","message":"此列"}';
    const body = new TextEncoder().encode(json);
    expect([...frame]).toEqual([100, body.length, ...body]);
    const d = decoding.createDecoder(frame);
    expect(decoding.readVarUint(d)).toBe(MESSAGE_REJECTION);
    expect(readRejection(d)).toEqual(r);
  });
});

describe('CON3: HTTP shapes', () => {
  it('CON3: an error body is read only when its code is in the closed table', () => {
    expect(readErrorBody({ error: { code: 'READ_ONLY', message: '只读', field: 'x' } })).toEqual({
      code: 'READ_ONLY',
      message: '只读',
      field: 'x',
    });
    expect(readErrorBody({ error: { code: 'NOPE', message: '?' } })).toBeNull();
    expect(readErrorBody({ error: { code: 'READ_ONLY' } })).toBeNull();
    expect(readErrorBody('<html>')).toBeNull();
  });
});
