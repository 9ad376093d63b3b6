// Demo data for the embedded default: five units, one user per role and unit, cases in several states (one overdue).
import type { Actor } from '../shared/case';
import { LedgerError } from '../shared/errors';
import { addDays, formatShanghai, shanghaiDate } from '../shared/time';
import type { CommandName } from '../shared/workflow';
import type { Accounts } from './accounts';
import { actorOf } from './accounts';
import type { Ledger } from './ledger/ledger';

export const DEMO_UNITS = [
  '市市场监督管理局',
  '市住房和城乡建设局',
  '市自然资源和规划局',
  '市税务局',
  '市人力资源和社会保障局',
];

export interface DemoUser {
  name: string;
  role: string;
  unit: string | null;
  token: string;
}

const DAY = 86_400_000;

/** Seeds the demo ledger; returns the users with their tokens (to print once). */
export async function seedDemo(ledger: Ledger, accounts: Accounts, now: number): Promise<DemoUser[]> {
  const units = [];
  for (const name of DEMO_UNITS) units.push(await ledger.createUnit(name, null));
  const [scjg, zjj, zrzy, swj, rsj] = units.map((u) => u.id) as [string, string, string, string, string];
  const users: DemoUser[] = [];
  const add = async (name: string, role: 'office' | 'unit' | 'viewer', unitId: string | null): Promise<Actor> => {
    const { user, token } = await accounts.create(name, role, unitId);
    users.push({ name, role, unit: unitId === null ? null : (ledger.unit(unitId)?.name ?? null), token });
    return actorOf(user);
  };
  const office = await add('营商办 王科长', 'office', null);
  await add('市领导（只读）', 'viewer', null);
  const unitActors = new Map<string, Actor>();
  for (const u of units) unitActors.set(u.id, await add('业务联络员', 'unit', u.id));
  const lead = (unitId: string) => unitActors.get(unitId) as Actor;

  const day = (n: number) => addDays(shanghaiDate(now), -n);
  const time = (n: number) => formatShanghai(now - n * DAY);
  const register = async (
    daysAgo: number,
    company: string,
    summary: string,
    category: string,
    channel = '热线电话',
  ) => {
    const r = await ledger.register(office, {
      receivedAt: day(daysAgo),
      channel,
      company,
      address: '枣阳市南城街道',
      contactName: '张经理',
      contactPhone: '13812345678',
      target: '',
      summary,
      category,
    });
    if (!r.ok) throw LedgerError.from(r.error);
    return r.value.id;
  };
  const run = async (actor: Actor, id: string, command: CommandName, input: unknown = {}) => {
    const r = await ledger.run(actor, id, command, input);
    if (!r.ok) throw LedgerError.from(r.error);
  };
  const feedback = {
    findings: '经查，反映问题属实。',
    measures: '已督促经办科室当日办结，并向企业说明。',
    feedbackAt: day(0),
    feedbackMethod: '电话',
    companyVerdict: '满意',
    writtenReply: '否',
    handler: '李明',
    handlerPhone: '0710-6331373',
  };

  await register(
    0,
    '枣阳市汉光机械有限公司',
    '厂房扩建项目施工许可申请材料齐全，超过承诺时限仍未办结。',
    '1.行政许可、政务服务不予受理或不按程序时限办理',
  );

  const a = await register(1, '湖北鑫源食品有限公司', '申请的稳岗补贴至今未兑现。', '3.涉企优惠政策不落实', '电子邮件');
  await run(office, a, 'assign', { leadUnit: rsj, kind: 'general', note: '请核实补贴申报情况并答复企业。' });

  const b = await register(
    12,
    '枣阳市宏达建材有限公司',
    '土地证办理过程中被要求提供与审批无关的材料。',
    '4.利用职权“索、拿、卡、要”或故意刁难',
    '走访',
  );
  await run(office, b, 'assign', {
    leadUnit: zrzy,
    coUnits: [zjj],
    kind: 'general',
    note: '限期核查，书面反馈。',
    assignedAt: time(11),
  });
  await run(lead(zrzy), b, 'accept', { handler: '周强', handlerPhone: '13907101234' });

  const c = await register(
    6,
    '枣阳市恒通物流有限公司',
    '税务稽查结果与事实不符，企业提出异议。',
    '6.违规检查、违法处罚或检查结果不公',
  );
  await run(office, c, 'assign', { leadUnit: swj, kind: 'complex', note: '会同相关科室复核。', assignedAt: time(5) });
  await run(lead(swj), c, 'accept');

  const d = await register(
    8,
    '枣阳市绿野农业科技有限公司',
    '食品经营许可证变更登记被多次退回。',
    '1.行政许可、政务服务不予受理或不按程序时限办理',
    '门户网站',
  );
  await run(office, d, 'assign', { leadUnit: scjg, kind: 'general', assignedAt: time(7) });
  await run(lead(scjg), d, 'accept');
  await run(lead(scjg), d, 'feedback', feedback);
  await run(lead(scjg), d, 'visit', { result: '满意', method: '电话回访', visitedOn: day(0) });

  const e = await register(
    3,
    '枣阳市个体户刘某',
    '与邻居商户之间的租赁纠纷。',
    '13.其他损害营商环境的行为',
    '行政服务大厅',
  );
  await run(office, e, 'reject', { ground: '1.经营主体之间民事纠纷', note: '建议通过人民调解或诉讼解决。' });

  const f = await register(
    0,
    '枣阳市晨光电子有限公司',
    '咨询高新技术企业认定的申报时间。',
    '14.政策建议、合理需求事项',
    '热线电话',
  );
  await run(office, f, 'answer', { reply: '已电话告知申报时间及所需材料。' });

  const g = await register(
    9,
    '枣阳市永兴纺织有限公司',
    '厂区停电通知未提前告知，造成损失。',
    '7.违规或不合理采取停产停业停水停电停气等措施',
  );
  await run(office, g, 'assign', { leadUnit: zjj, kind: 'general', assignedAt: time(8) });
  await run(lead(zjj), g, 'accept');
  await run(lead(zjj), g, 'feedback', {
    ...feedback,
    companyVerdict: '不满意',
    dissatisfaction: '损失未得到补偿。',
    nextPlan: '协调供电部门协商补偿方案。',
  });
  await run(lead(zjj), g, 'visit', { result: '不满意', method: '实地走访', visitedOn: day(0), note: '企业仍不满意' });
  await run(office, g, 'supervise', { note: '请于5日内说明情况并提出整改措施。' });
  return users;
}
