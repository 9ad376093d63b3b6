// ADDIN66: signing out asks first and says what it costs: the token must be entered again; the sheet stops updating.
import { fill, h } from './dom';

/** Shown on the sign-in form after signing out: the 台账 sheet in the workbook is no longer kept up to date. */
export const SIGNED_OUT =
  '已退出登录。未连接：工作簿中的“台账”工作表不再更新，本机保存的台账副本已删除；重新登录后恢复同步。';

export function signOutConfirm(onConfirm: () => void, onCancel: () => void): HTMLElement {
  const panel = h(
    'div',
    {
      class: 'message tone-warn sign-out-confirm',
      attrs: { role: 'alertdialog', 'aria-label': '确认退出登录', 'data-test': 'sign-out-confirm' },
    },
    h(
      'p',
      {},
      '退出登录后需要重新输入令牌才能再次使用（令牌只在创建时显示一次，请确认您已保存好）；本机保存的台账副本会被删除，“台账”工作表将不再更新。',
    ),
    h(
      'div',
      { class: 'buttons' },
      h(
        'button',
        { class: 'danger', attrs: { type: 'button', 'data-test': 'sign-out-yes' }, on: { click: onConfirm } },
        '确认退出',
      ),
      h('button', { attrs: { type: 'button', 'data-test': 'sign-out-no' }, on: { click: onCancel } }, '取消'),
    ),
  );
  panel.addEventListener('keydown', (ev) => {
    if ((ev as KeyboardEvent).key === 'Escape') onCancel();
  });
  return panel;
}

/**
 * Shows the confirmation in `slot`, focused on 确认退出; 取消 or Esc closes it and gives the focus back to 退出登录
 * (ADDIN82), 确认退出 closes it and signs out.
 */
export function askSignOut(slot: HTMLElement, onConfirm: () => void): void {
  const close = () => fill(slot);
  fill(
    slot,
    signOutConfirm(
      () => {
        close();
        onConfirm();
      },
      () => {
        close();
        slot.ownerDocument.querySelector<HTMLElement>('[data-test=sign-out]')?.focus();
      },
    ),
  );
  slot.querySelector<HTMLElement>('button')?.focus();
}
