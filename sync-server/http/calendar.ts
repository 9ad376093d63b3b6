// GET /api/calendar (HTTP41) and PUT /api/calendar/:year (HTTP40): the years the calendar covers; the office loads a notice.
import { Hono } from 'hono';
import type { Context } from 'hono';
import type { Actor } from '../../shared/case';
import { builtInYears } from '../../shared/calendar';
import type { CalendarInfo, CalendarLoaded, CalendarYear } from '../../shared/contract/http';
import { provisionalDeadlines } from '../../shared/deadline-recount';
import { firstDuplicateKey } from '../../shared/json-duplicates';
import { mayLoadHolidays } from '../../shared/permissions';
import type { Ledger } from '../ledger/ledger';
import { loadHolidayYear } from '../ledger/holiday-upload';
import { actorOf } from './auth';
import type { AppDeps, AppEnv } from './env';
import { refuse, unwrap } from './errors';
import { readQuery } from './query';
import { sendJson } from './respond';

const JSON_TYPE = /^application\/(?:[a-z0-9.+-]+\+)?json\s*(?:;|$)/i;
const BAD = '节假日文件格式不正确：';

/** HTTP41: every covered year with its last source, and the caller's open cases whose deadline is an estimate. */
export function calendarInfo(ledger: Ledger, actor: Actor): CalendarInfo {
  const years = new Map<number, CalendarYear>();
  const plain = (year: number, source: CalendarYear['source']): CalendarYear => ({
    year,
    source,
    uploadedBy: null,
    uploadedAt: null,
    days: null,
  });
  for (const year of builtInYears()) years.set(year, plain(year, 'builtIn'));
  for (const f of ledger.holidayFiles) years.set(f.year, plain(f.year, 'file'));
  for (const u of ledger.uploadedHolidayYears()) {
    years.set(u.year, {
      year: u.year,
      source: 'uploaded',
      uploadedBy: u.uploadedByName,
      uploadedAt: u.uploadedAt,
      days: u.days.length,
    });
  }
  return {
    years: [...years.values()].sort((a, b) => a.year - b.year),
    provisional: provisionalDeadlines(ledger.visibleCases(actor)),
  };
}

/** HTTP40: the notice as JSON; a body that is empty or does not parse is INVALID_HOLIDAY_FILE (HTTP9: JSON type only). */
async function readNotice(c: Context<AppEnv>): Promise<unknown> {
  const body = await c.req.text();
  if (body.trim() === '') return refuse('INVALID_HOLIDAY_FILE', `${BAD}没有收到文件内容`);
  if (!JSON_TYPE.test(c.req.header('Content-Type') ?? '')) refuse('INVALID_INPUT', '请求内容类型应为 application/json');
  let json: unknown;
  try {
    json = JSON.parse(body) as unknown;
  } catch {
    return refuse('INVALID_HOLIDAY_FILE', `${BAD}文件内容不是有效的 JSON`);
  }
  const twice = firstDuplicateKey(body);
  if (twice !== null) {
    const name = [...twice].length > 40 ? `${[...twice].slice(0, 40).join('')}…` : twice;
    refuse('INVALID_HOLIDAY_FILE', `${BAD}同一对象中的键 ${JSON.stringify(name)} 出现了两次，无法确定以哪一个为准`);
  }
  return json;
}

export function calendarApp({ ledger }: Pick<AppDeps, 'ledger'>): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get('/', (c) => {
    readQuery(c, []);
    return sendJson(c, calendarInfo(ledger, actorOf(c)) satisfies CalendarInfo);
  });
  app.put('/:year', async (c) => {
    const actor = actorOf(c);
    unwrap(mayLoadHolidays(actor)); // a unit or viewer is refused before its body is read
    readQuery(c, []);
    const raw = c.req.param('year');
    if (!/^\d{4}$/.test(raw)) {
      refuse('INVALID_HOLIDAY_FILE', `${BAD}年份应为 4 位数字，实为 ${JSON.stringify(raw.slice(0, 20))}`, 'year');
    }
    const result = unwrap(await loadHolidayYear(ledger, actor, Number(raw), await readNotice(c)));
    return sendJson(c, result satisfies CalendarLoaded, result.replaced ? 200 : 201);
  });
  return app;
}
