// The closed table of error codes, each with its default Chinese message, and the one error type.

export const ERROR_CODES = {
  // input
  INVALID_JSON: '请求内容不是有效的 JSON',
  INVALID_INPUT: '输入内容不正确',
  REQUIRED: '此项为必填项',
  TOO_LONG: '内容超过长度限制',
  INVALID_PHONE: '联系电话格式不正确（手机号如 13812345678，固话如 0710-6331373）',
  INVALID_DATE: '日期格式不正确，应为 YYYY-MM-DD 且为真实存在的日期',
  INVALID_TIME: '时间格式不正确，应为 ISO 8601 时间（如 2026-09-30T10:00:00+08:00）',
  DATE_IN_FUTURE: '日期不能晚于当前时间',
  DATE_BEFORE_RECEIVED: '日期不能早于受理日期',
  INVALID_CHOICE: '取值不在可选范围内',
  INVALID_NUMBER: '数值不正确',
  UNKNOWN_FIELD: '未知字段',
  UNKNOWN_UNIT: '承办单位不存在',
  INVALID_UNITS: '牵头单位与配合单位设置不正确',
  EXTENSION_TOO_LONG: '延长时限不得超过原办理时限的1倍',
  INVALID_HOLIDAY_FILE: '节假日文件格式不正确',
  PAYLOAD_TOO_LARGE: '请求内容过大',
  INVALID_STRUCTURE: '同步内容的结构不符合台账格式，已整体拒绝',
  IMPORT_NO_HEADER: '没有找到台账表头（附件4 的列名）',
  INVALID_PERIOD: '统计期间不正确',
  // authentication and authorization
  UNAUTHORIZED: '未登录或令牌无效',
  FORBIDDEN_ROLE: '当前角色无权执行此操作',
  READ_ONLY: '只读用户不能修改台账',
  NOT_LEAD_UNIT: '仅牵头办理单位可以执行此操作',
  NOT_CO_UNIT: '仅配合办理单位可以执行此操作',
  FIELD_SERVER_OWNED: '此列由系统根据办理流程填写，不能直接修改',
  FIELD_OWNED_BY_OFFICE: '此列由市营商办登记填写，承办单位不能修改',
  FIELD_OWNED_BY_LEAD: '此列由牵头办理单位填写',
  FIELD_LOCKED_IN_STATUS: '当前办理状态下此列不能修改',
  CASE_CREATE_FORBIDDEN: '不能通过编辑表格新增诉求，请使用“登记”',
  CASE_DELETE_FORBIDDEN: '不能通过编辑表格删除诉求',
  WRONG_ROOM: '无权访问该台账',
  // state
  CASE_NOT_FOUND: '诉求不存在',
  NOT_FOUND: '资源不存在',
  SUPERVISION_NOT_FOUND: '没有找到该督办单',
  INVALID_STATE: '当前办理状态下不能执行此操作',
  DEADLINE_PASSED: '已超过办理时限，不能再申请延期',
  EXTENSION_PENDING: '已有待审批的延期申请',
  NO_PENDING_EXTENSION: '没有待审批的延期申请',
  NO_OPEN_SUPERVISION: '没有待回复的督办单',
  ROUND_LIMIT: '二次办理仅限一次，本诉求已进行过二次办理',
  NOT_SECOND_ROUND: '仅二次办理后仍不满意的诉求可以移送纪检监察',
  SUPERVISION_OPEN: '已有未回复的督办单，请等待承办单位回复',
  CONFLICT: '操作冲突，请刷新后重试',
  TOO_MANY_REQUESTS: '操作过于频繁，请稍后再试',
  // server
  INTERNAL: '服务器内部错误',
  STORAGE_UNAVAILABLE: '服务器暂时无法保存数据（如磁盘空间不足），本次操作未保存，请稍后重试',
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

/** What a refused operation reports: a stable code, a Chinese message, and the field it concerns. */
export interface Refusal {
  readonly code: ErrorCode;
  readonly message: string;
  readonly field?: string;
}

export type Result<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: Refusal };

export function refusal(code: ErrorCode, message?: string, field?: string): Refusal {
  const base = message ?? ERROR_CODES[code];
  return field === undefined ? { code, message: base } : { code, message: base, field };
}

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function fail<T = never>(code: ErrorCode, message?: string, field?: string): Result<T> {
  return { ok: false, error: refusal(code, message, field) };
}

/** The one error type thrown across the code base; it carries a Refusal. */
export class LedgerError extends Error {
  readonly code: ErrorCode;
  readonly field: string | undefined;
  constructor(code: ErrorCode, message?: string, field?: string) {
    super(message ?? ERROR_CODES[code]);
    this.name = 'LedgerError';
    this.code = code;
    this.field = field;
  }
  static from(r: Refusal): LedgerError {
    return new LedgerError(r.code, r.message, r.field);
  }
  toRefusal(): Refusal {
    return refusal(this.code, this.message, this.field);
  }
}

export function isErrorCode(s: unknown): s is ErrorCode {
  return typeof s === 'string' && Object.prototype.hasOwnProperty.call(ERROR_CODES, s);
}
