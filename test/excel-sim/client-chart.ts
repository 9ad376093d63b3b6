// XSIM30–XSIM32: chart proxies of the simulator — a worksheet's chart collection, a chart, its title.
import { parseAddress } from './address';
import type { SimContext } from './client-base';
import { parseLoad, SimObject } from './client-base';
import { SimRange } from './client-range';
import { notSimulated, propertyNotLoaded, SimError } from './errors';
import { addChart, deleteChart, renameChart, setChartTitle } from './host-charts';
import type { ChartState, SimSheet } from './sheet';

type ChartTarget = { sheet: SimSheet; chart: ChartState };

class SimChartTitle extends SimObject<ChartTarget> {
  constructor(context: SimContext, path: string, resolver: () => ChartTarget) {
    super(context, 'ChartTitle', path, resolver, {
      text: { get: (t) => t.chart.title, set: (t, v) => setChartTitle(t.chart, v) },
    });
  }
}

export class SimChart extends SimObject<ChartTarget> {
  readonly title: SimChartTitle;

  constructor(context: SimContext, path: string, resolver: () => ChartTarget | null, nullable = false) {
    super(
      context,
      'Chart',
      path,
      resolver,
      {
        id: { get: (t) => t.chart.id },
        name: { get: (t) => t.chart.name, set: (t, v) => renameChart(t.chart, v) },
        chartType: { get: (t) => t.chart.type },
      },
      { nullable },
    );
    this.title = new SimChartTitle(context, `${path}.title`, () => this.target());
  }

  /** Chart.delete: the chart leaves its sheet; this proxy then fails with ItemNotFound (assumed code). */
  delete(): void {
    this.invoke('delete', [], (t) => deleteChart(t.sheet, t.chart));
  }

  /** Chart.setPosition(startCell, endCell?) with A1 addresses of this sheet (Range arguments are not simulated). */
  setPosition(startCell: unknown, endCell?: unknown): void {
    this.invoke('setPosition', [startCell, endCell ?? null], (t) => {
      if (typeof startCell !== 'string' || (endCell !== undefined && typeof endCell !== 'string'))
        throw notSimulated('Chart.setPosition with Range arguments');
      const start = parseAddress(startCell);
      const end = endCell === undefined ? null : parseAddress(endCell);
      for (const p of [start, end])
        if (p?.sheet !== undefined && p.sheet.toLowerCase() !== t.sheet.name.toLowerCase())
          throw new SimError('InvalidArgument', 'The argument is invalid or missing or has an incorrect format.');
      t.chart.position = { start: start.rect, end: end?.rect ?? null };
    });
  }
}

/** Worksheet.charts (https://learn.microsoft.com/javascript/api/excel/excel.chartcollection). */
export class SimCharts extends SimObject<SimSheet> {
  #items: SimChart[] | undefined;

  constructor(context: SimContext, path: string, resolver: () => SimSheet) {
    super(context, 'ChartCollection', path, resolver, { count: { get: (s) => s.charts.length } });
  }

  private live(sheet: SimSheet, chart: ChartState | undefined | null): ChartTarget | null {
    return chart !== undefined && chart !== null && sheet.charts.includes(chart) ? { sheet, chart } : null;
  }

  get items(): SimChart[] {
    if (this.#items === undefined) throw propertyNotLoaded('items', this.typeName);
    return this.#items;
  }

  /** 'count', 'items', 'items/name' or item properties, as a collection loads in Office.js. */
  override load(spec?: unknown): this {
    const names = parseLoad(spec);
    if (names !== null && names.every((n) => n === 'count')) return super.load(names);
    const props = (names ?? ['items'])
      .filter((n) => n !== 'count' && n !== 'items')
      .map((n) => n.replace(/^items\//, ''));
    if (names?.includes('count')) super.load('count');
    this.context.enqueue({ o: 'load', p: this.path, s: names ?? ['items'] }, () => {
      const sheet = this.target();
      const items = sheet.charts.map(
        (ch) =>
          new SimChart(this.context, `${this.path}.getItem(${JSON.stringify(ch.id)})`, () => this.live(sheet, ch)),
      );
      const values = items.map((c) => c.snapshot(props.length === 0 ? null : props));
      this.context.respond(values, () => {
        items.forEach((c, i) => c.prime(values[i] ?? {}));
        this.#items = items;
      });
    });
    return this;
  }

  /** "Creates a new chart." — type, source range, seriesBy (host-charts.ts checks them at sync). */
  add(type: unknown, sourceData: unknown, seriesBy?: unknown): SimChart {
    if (!(sourceData instanceof SimRange)) throw notSimulated('ChartCollection.add with a source that is not a Range');
    let created: ChartTarget | null = null;
    this.invoke('add', [type, sourceData.path, seriesBy ?? null], (sheet) => {
      created = { sheet, chart: addChart(this.context.wb, sheet, type, sourceData.target(), seriesBy) };
    });
    return new SimChart(this.context, `${this.path}.add()`, () =>
      created === null ? null : this.live(created.sheet, created.chart),
    );
  }

  /**
   * "If there are multiple charts with the same name, the first one will be returned." ItemNotFound otherwise. The proxy
   * stays bound to the chart it found (assumed, stricter: deleting it never lets it drift to another of that name).
   */
  getItem(name: string): SimChart {
    let bound: ChartState | undefined;
    return new SimChart(this.context, `${this.path}.getItem(${JSON.stringify(name)})`, () => {
      const sheet = this.target();
      bound ??= sheet.charts.find((c) => c.name === name);
      const found = this.live(sheet, bound);
      if (found === null) throw new SimError('ItemNotFound', `The requested resource doesn't exist. (chart '${name}')`);
      return found;
    });
  }

  getItemOrNullObject(name: string): SimChart {
    return new SimChart(
      this.context,
      `${this.path}.getItemOrNullObject(${JSON.stringify(name)})`,
      () => {
        const sheet = this.target();
        return this.live(
          sheet,
          sheet.charts.find((c) => c.name === name),
        );
      },
      true,
    );
  }
}
