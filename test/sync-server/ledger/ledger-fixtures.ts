// What the ledger tests over a real store share: the office acting, and one valid registration.
import type { Actor } from '../../../shared/case';

export const office: Actor = { userId: 'admin', name: '营商办', role: 'office', unitId: null };

export const REGISTRATION = {
  receivedAt: '2026-09-28',
  channel: '热线电话',
  company: '某公司',
  address: '',
  contactName: '刘经理',
  contactPhone: '13812345678',
  target: '',
  summary: '诉求',
  category: '14.政策建议、合理需求事项',
};
