// CONF10: the names printed on the forms — the city, the issuing authority and the office — with 枣阳市's defaults.

/** Who issues the forms; another city configures its own names (LEDGER_CITY, LEDGER_AUTHORITY, LEDGER_OFFICE). */
export interface FormNames {
  /** The city, in every title: 枣阳市营商环境投诉问题交办单, 枣阳市企业诉求“直通车”工作台账. */
  readonly city: string;
  /** The authority that signs and stamps the 交办单 and the 督办单 (附件3: 枣阳市发展和改革局). */
  readonly authority: string;
  /** The office the units report to (附件3: 向市营商办反馈). */
  readonly office: string;
}

export const DEFAULT_FORM_NAMES: FormNames = {
  city: '枣阳市',
  authority: '枣阳市发展和改革局',
  office: '市营商办',
};

/** Longest name accepted for any of the three (CONF10). */
export const FORM_NAME_MAX = 40;
