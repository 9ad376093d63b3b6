// Cell formats of the Excel simulator: immutable, interned records so rows of cells can share and copy them cheaply.

export interface ListValidation {
  /** Inline comma list ('a,b') or a range reference ('=Sheet!$A$1:$A$9'). */
  readonly source: string;
  readonly inCellDropDown: boolean;
}

export interface Format {
  readonly numberFormat: string;
  readonly locked: boolean;
  readonly fill: string | null;
  readonly font: string | null;
  readonly bold: boolean;
  readonly wrap: boolean;
  readonly validation: ListValidation | null;
}

const interned = new Map<string, Format>();

function intern(f: Format): Format {
  const key = JSON.stringify([
    f.numberFormat,
    f.locked,
    f.fill,
    f.font,
    f.bold,
    f.wrap,
    f.validation?.source,
    f.validation?.inCellDropDown,
  ]);
  let found = interned.get(key);
  if (found === undefined) {
    found = Object.freeze({ ...f });
    interned.set(key, found);
  }
  return found;
}

/** Excel's defaults: General, locked (locking only matters once the sheet is protected), no fill. */
export const DEFAULT_FORMAT: Format = intern({
  numberFormat: 'General',
  locked: true,
  fill: null,
  font: null,
  bold: false,
  wrap: false,
  validation: null,
});

export function withFormat(f: Format, patch: Partial<Format>): Format {
  return intern({ ...f, ...patch });
}

/** Colours as Excel reports them: '#RRGGBB' upper case. Names other than a few basics are refused. */
export function normalizeColor(color: unknown): string {
  const named: Record<string, string> = {
    red: '#FF0000',
    yellow: '#FFFF00',
    white: '#FFFFFF',
    black: '#000000',
    green: '#008000',
    blue: '#0000FF',
  };
  if (typeof color === 'string') {
    const c = named[color.toLowerCase()] ?? color;
    if (/^#[0-9a-fA-F]{6}$/.test(c)) return c.toUpperCase();
  }
  throw new TypeError(`bad colour ${JSON.stringify(color)}`);
}
