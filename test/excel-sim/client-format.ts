// Format proxies of a simulated range: fill, font, wrap, width, cell locking, data validation and conditional formats.
import type { Prop, SimContext } from './client-base';
import { SimObject } from './client-base';
import type { RangeTarget } from './client-range';
import { SimError } from './errors';
import type { Format } from './format';
import { normalizeColor, withFormat } from './format';
import { checkAllowed, formatCells, uniform } from './host-cells';
import {
  addConditionalFormat,
  clearConditionalFormats,
  clearValidation,
  setConditionalFormat,
  setValidation,
} from './host-rules';
import type { ConditionalFormat, SimSheet } from './sheet';
import { DEFAULT_COLUMN_WIDTH } from './sheet';

function bool(v: unknown, what: string): boolean {
  if (typeof v !== 'boolean')
    throw new SimError(
      'InvalidArgument',
      `The argument is invalid or missing or has an incorrect format. (${what} ${JSON.stringify(v)})`,
    );
  return v;
}

function color(v: unknown): string {
  try {
    return normalizeColor(v);
  } catch {
    throw new SimError(
      'InvalidArgument',
      `The argument is invalid or missing or has an incorrect format. (colour ${JSON.stringify(v)})`,
    );
  }
}

/** A cell-format property: read as the uniform value over the range, written to every cell (needs allowFormatCells when protected). */
function cellProp(
  key: keyof Format,
  check: (v: unknown) => unknown,
  shown: (v: unknown) => unknown = (v) => v,
  allowedBy: 'allowFormatCells' | null = 'allowFormatCells',
): Prop<RangeTarget> {
  return {
    get: (t) => uniform(t.sheet, t.rect, (f) => shown(f[key])),
    set: (t, v) => {
      checkAllowed(t.sheet, allowedBy, `format.${String(key)}`);
      const value = check(v);
      formatCells(t.sheet, t.rect, (f) => withFormat(f, { [key]: value }));
    },
  };
}

export class SimRangeFormat extends SimObject<RangeTarget> {
  readonly fill: SimObject<RangeTarget>;
  readonly font: SimObject<RangeTarget>;
  readonly protection: SimObject<RangeTarget>;

  constructor(context: SimContext, path: string, resolver: () => RangeTarget) {
    super(context, 'RangeFormat', path, resolver, {
      wrapText: cellProp('wrap', (v) => bool(v, 'wrapText')),
      columnWidth: {
        get: (t) => {
          const widths = new Set(
            Array.from(
              { length: Math.min(t.rect.cols, 256) },
              (_, c) => t.sheet.columnWidths.get(t.rect.col + c) ?? DEFAULT_COLUMN_WIDTH,
            ),
          );
          return widths.size === 1 ? [...widths][0] : null;
        },
        set: (t, v) => {
          checkAllowed(t.sheet, 'allowFormatColumns', 'format.columnWidth');
          if (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || v > 1800)
            throw new SimError(
              'InvalidArgument',
              `The argument is invalid or missing or has an incorrect format. (columnWidth ${JSON.stringify(v)})`,
            );
          for (let c = t.rect.col; c < t.rect.col + t.rect.cols; c++) t.sheet.columnWidths.set(c, v);
        },
      },
    });
    this.fill = new SimObject(context, 'RangeFill', `${path}.fill`, resolver, {
      color: cellProp('fill', color, (v) => v ?? '#FFFFFF'),
    });
    this.font = new SimObject(context, 'RangeFont', `${path}.font`, resolver, {
      color: cellProp('font', color, (v) => v ?? '#000000'),
      bold: cellProp('bold', (v) => bool(v, 'bold')),
    });
    // Changing whether cells are locked is refused on a protected sheet whatever the options say.
    this.protection = new SimObject(context, 'FormatProtection', `${path}.protection`, resolver, {
      locked: cellProp(
        'locked',
        (v) => bool(v, 'locked'),
        (v) => v,
        null,
      ),
    });
  }
}

export class SimDataValidation extends SimObject<RangeTarget> {
  constructor(context: SimContext, path: string, resolver: () => RangeTarget) {
    super(context, 'DataValidation', path, resolver, {
      rule: {
        get: (t) => {
          const v = uniform(t.sheet, t.rect, (f) => f.validation);
          return v === null ? null : { list: { inCellDropDown: v.inCellDropDown, source: v.source } };
        },
        set: (t, v) => setValidation(context.wb, t.sheet, t.rect, v),
      },
      type: {
        get: (t) => {
          const v = uniform(t.sheet, t.rect, (f) => f.validation?.source ?? '');
          return v === null ? 'Inconsistent' : v === '' ? 'None' : 'List';
        },
      },
    });
  }

  clear(): void {
    this.invoke('clear', [], (t) => clearValidation(t.sheet, t.rect));
  }
}

interface RuleTarget {
  sheet: SimSheet;
  cf: ConditionalFormat;
}

export class SimConditionalFormats extends SimObject<RangeTarget> {
  constructor(context: SimContext, path: string, resolver: () => RangeTarget) {
    super(context, 'ConditionalFormatCollection', path, resolver, {});
  }

  /** Adds a rule at the top priority (only 'Custom' rules are simulated). */
  add(type: unknown): SimConditionalFormat {
    let created: RuleTarget | null = null;
    this.invoke('add', [type], (t) => {
      created = { sheet: t.sheet, cf: addConditionalFormat(t.sheet, t.rect, type) };
    });
    return new SimConditionalFormat(this.context, `${this.path}.add(${JSON.stringify(type)})`, () => created);
  }

  clearAll(): void {
    this.invoke('clearAll', [], (t) => clearConditionalFormats(t.sheet, t.rect));
  }
}

export class SimConditionalFormat extends SimObject<RuleTarget> {
  readonly custom: {
    rule: SimObject<RuleTarget>;
    format: { fill: SimObject<RuleTarget>; font: SimObject<RuleTarget> };
  };

  constructor(context: SimContext, path: string, resolver: () => RuleTarget | null) {
    super(context, 'ConditionalFormat', path, resolver, { type: { get: () => 'Custom' } });
    const prop = (key: 'formula' | 'fill' | 'font'): Prop<RuleTarget> => ({
      get: (t) => t.cf[key],
      set: (t, v) => setConditionalFormat(t.sheet, t.cf, { [key]: v }),
    });
    this.custom = {
      rule: new SimObject(context, 'ConditionalFormatRule', `${path}.custom.rule`, resolver, {
        formula: prop('formula'),
      }),
      format: {
        fill: new SimObject(context, 'ConditionalRangeFill', `${path}.custom.format.fill`, resolver, {
          color: prop('fill'),
        }),
        font: new SimObject(context, 'ConditionalRangeFont', `${path}.custom.format.font`, resolver, {
          color: prop('font'),
        }),
      },
    };
  }
}
