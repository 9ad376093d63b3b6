// Renders a FormSpec as a DOM form: labelled inputs, dropdowns, unit checkboxes, live length counters, an error line.
import type { Child } from './dom';
import { fill, h } from './dom';
import type { FormField, FormSpec, FormValues } from './forms';
import { counters } from './forms';

export interface RenderedForm {
  element: HTMLFormElement;
  values(): FormValues;
  /** Shows an error under its field when the form has it, else under the form. */
  showError(message: string, field?: string | null): void;
  /** VAL21: every problem under its field at once, the first invalid field focused; each cleared when its field changes. */
  showErrors(problems: readonly { field: string; message: string }[]): void;
  setBusy(busy: boolean): void;
  /** ADDIN63: disables submitting with the reason shown above the buttons (null: allowed again). */
  setBlocked(reason: string | null): void;
}

type Control = HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement;

function control(f: FormField, today: string | null): { node: HTMLElement; read: () => string | string[] } {
  const name = f.key;
  const initial = typeof f.initial === 'string' ? f.initial : '';
  // ADDIN82: required announced; the hint read with the field (its error is added while there is one)
  const aria: Record<string, string> = {
    ...(f.required ? { 'aria-required': 'true' } : {}),
    ...(f.hint ? { 'aria-describedby': `fhint-${name}` } : {}),
  };
  if (f.kind === 'select' || f.kind === 'yesno') {
    const select = h(
      'select',
      { attrs: { name, id: `f-${name}`, ...aria } },
      h('option', { attrs: { value: '' } }, '请选择…'),
      ...(f.choices ?? []).map((c) => h('option', { attrs: { value: c.value } }, c.label)),
    );
    select.value = initial;
    return { node: select, read: () => select.value };
  }
  if (f.kind === 'checks') {
    const boxes = (f.choices ?? []).map((c) => {
      const box = h('input', { attrs: { type: 'checkbox', name, value: c.value } });
      return { box, label: h('label', { class: 'check' }, box, c.label) };
    });
    return {
      node: h(
        'div',
        { class: 'checks', attrs: { id: `f-${name}`, role: 'group', 'aria-labelledby': `label-${name}` } },
        ...boxes.map((b) => b.label),
      ),
      read: () => boxes.filter((b) => b.box.checked && !b.box.disabled).map((b) => b.box.value),
    };
  }
  let input: Control;
  if (f.kind === 'textarea') {
    input = h('textarea', { attrs: { name, id: `f-${name}`, rows: '4', ...aria } });
  } else {
    const type = f.kind === 'date' ? 'date' : f.kind === 'number' ? 'number' : 'text';
    input = h('input', {
      attrs: {
        name,
        id: `f-${name}`,
        type,
        ...aria,
        ...(type === 'number' ? { min: '1', step: '1' } : {}),
        // VAL21: the dates a clerk enters (受理, 反馈, 告知, 回访) are never later than today
        ...(type === 'date' && today !== null ? { max: today } : {}),
      },
    });
  }
  input.value = initial;
  const read = () => input.value;
  return { node: input, read };
}

/** Builds the form; `onSubmit` gets the raw values (collectInput turns them into the command's input). */
export function renderForm(
  spec: FormSpec,
  subtitle: string | null,
  onSubmit: (values: FormValues) => void,
  onCancel: () => void,
  today: string | null = null,
): RenderedForm {
  const readers = new Map<string, () => string | string[]>();
  const rows: Child[] = [];
  for (const f of spec.fields) {
    const { node, read } = control(f, today);
    readers.set(f.key, read);
    const mark = f.required ? h('span', { class: 'req', attrs: { 'aria-hidden': 'true' } }, '*') : null;
    const label =
      f.kind === 'checks'
        ? h('span', { class: 'label', attrs: { id: `label-${f.key}` } }, f.label, mark)
        : h('label', { class: 'label', attrs: { for: `f-${f.key}` } }, f.label, mark);
    rows.push(
      h(
        'div',
        { class: 'field', attrs: { 'data-field': f.key } },
        label,
        node,
        f.hint ? h('div', { class: 'hint', attrs: { id: `fhint-${f.key}` } }, f.hint) : null,
        h('div', { class: 'field-error', attrs: { id: `err-${f.key}`, 'data-test': 'field-error', hidden: '' } }),
      ),
    );
  }
  const counterBox = h('div', { class: 'counters', attrs: { 'data-test': 'counters' } });
  // ADDIN82: not a live region of its own (the message list is the pane's one); focused when it is the only error
  const error = h('div', { class: 'form-error', attrs: { tabindex: '-1', 'data-test': 'form-error' } });
  const submit = h('button', { class: 'primary', attrs: { type: 'submit' } }, spec.submit);
  const blocked = h('p', { class: 'blocked tone-warn', attrs: { 'data-test': 'form-blocked', hidden: '' } });
  let busyNow = false;
  let blockedNow = false;
  const refreshSubmit = () => {
    submit.disabled = busyNow || blockedNow;
    submit.textContent = busyNow ? '正在提交…' : spec.submit;
  };
  const cancel = h('button', { attrs: { type: 'button' }, on: { click: () => onCancel() } }, '取消');
  const values = (): FormValues => Object.fromEntries([...readers].map(([k, read]) => [k, read()]));

  const element = h(
    'form',
    { class: 'command-form', attrs: { 'data-form': spec.kind, novalidate: '' } },
    h('h3', {}, spec.title, subtitle ? h('span', { class: 'subtitle' }, ` · ${subtitle}`) : null),
    spec.context ? h('p', { class: 'form-context', attrs: { 'data-test': 'form-context' } }, spec.context) : null,
    spec.confirm ? h('p', { class: 'confirm' }, spec.confirm) : null,
    ...rows,
    counterBox,
    error,
    blocked,
    h('div', { class: 'buttons' }, submit, cancel),
  );

  const refreshCounters = () => {
    fill(
      counterBox,
      ...counters(spec, values()).map((c) =>
        h('div', { class: c.over ? 'counter over' : 'counter' }, `${c.label}：${c.used} / ${c.max} 字`),
      ),
    );
  };
  /** 交办: the lead unit cannot also cooperate. */
  const syncLead = () => {
    const lead = element.querySelector<HTMLSelectElement>('select[name="leadUnit"]')?.value ?? '';
    element.querySelectorAll<HTMLInputElement>('input[name="coUnits"]').forEach((box) => {
      box.disabled = box.value === lead;
      if (box.disabled) box.checked = false;
    });
  };
  element.addEventListener('input', () => {
    refreshCounters();
    syncLead();
  });
  element.addEventListener('change', syncLead);
  element.addEventListener('submit', (ev) => {
    ev.preventDefault();
    onSubmit(values());
  });
  // ADDIN82: Esc closes the form like 取消
  element.addEventListener('keydown', (ev) => {
    if ((ev as KeyboardEvent).key === 'Escape') {
      ev.preventDefault();
      onCancel();
    }
  });
  refreshCounters();

  const fieldControl = (key: string): HTMLElement | null => element.querySelector<HTMLElement>(`#f-${key}`);
  /** The control to focus for a field: itself, or the first box of a group of checkboxes. */
  const focusField = (key: string): void => {
    const ctl = fieldControl(key);
    (ctl?.matches('input, select, textarea') ? ctl : ctl?.querySelector<HTMLElement>('input'))?.focus();
  };
  const markField = (key: string, message: string | null) => {
    const box = element.querySelector<HTMLElement>(`#err-${key}`);
    const ctl = fieldControl(key);
    box?.closest('.field')?.classList.toggle('invalid', message !== null);
    if (box) box.textContent = message ?? '';
    const hint = element.querySelector(`#fhint-${key}`) === null ? [] : [`fhint-${key}`];
    if (message === null) {
      box?.setAttribute('hidden', '');
      ctl?.removeAttribute('aria-invalid');
      if (hint.length > 0) ctl?.setAttribute('aria-describedby', hint.join(' '));
      else ctl?.removeAttribute('aria-describedby');
    } else {
      box?.removeAttribute('hidden');
      ctl?.setAttribute('aria-invalid', 'true');
      ctl?.setAttribute('aria-describedby', [`err-${key}`, ...hint].join(' '));
    }
  };
  const keys = spec.fields.map((f) => f.key);
  const clearAll = () => keys.forEach((k) => markField(k, null));
  // a field's error goes as soon as the field is changed
  const clearOne = (ev: Event) => {
    const t = ev.target as Element | null;
    const key = t?.closest('.field')?.getAttribute('data-field');
    if (key) markField(key, null);
  };
  element.addEventListener('input', clearOne);
  element.addEventListener('change', clearOne);

  return {
    element,
    values,
    showError(message, field) {
      clearAll();
      if (field && keys.includes(field)) {
        error.textContent = '';
        markField(field, message);
        focusField(field);
      } else {
        error.textContent = message;
        error.focus();
      }
    },
    showErrors(problems) {
      clearAll();
      for (const p of problems) markField(p.field, p.message);
      const loose = problems.filter((p) => !keys.includes(p.field)).map((p) => p.message);
      error.textContent = [problems.length > 1 ? `有 ${problems.length} 处需要修改，见各项下方的说明` : '', ...loose]
        .filter((t) => t !== '')
        .join('；');
      const first = problems[0];
      if (first === undefined) return;
      if (keys.includes(first.field)) focusField(first.field);
      else error.focus();
    },
    setBusy(busy) {
      busyNow = busy;
      refreshSubmit();
    },
    setBlocked(reason) {
      blockedNow = reason !== null;
      blocked.textContent = reason ?? '';
      if (reason === null) blocked.setAttribute('hidden', '');
      else blocked.removeAttribute('hidden');
      refreshSubmit();
    },
  };
}
