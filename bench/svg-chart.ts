/**
 * Draws small line and bar charts as standalone SVG, with no dependency, for bench/RESULTS.md.
 */
export interface Series {
  name: string;
  points: Array<[x: number, y: number]>;
}

const COLORS = ['#2563eb', '#dc2626', '#059669', '#d97706', '#7c3aed', '#0891b2'];
const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;');

function ticks(min: number, max: number, log: boolean): number[] {
  if (log) {
    const out: number[] = [];
    for (let p = Math.floor(Math.log10(min)); p <= Math.ceil(Math.log10(max)); p++) out.push(10 ** p);
    return out;
  }
  const step = 10 ** Math.floor(Math.log10((max - min) / 4 || 1));
  const out: number[] = [];
  for (let v = Math.floor(min / step) * step; v <= max + step / 2; v += step * Math.ceil((max - min) / step / 5 || 1)) out.push(v);
  return out;
}

/** A line chart with log-scale axes where asked, one line per series. */
export function lineChart(title: string, xLabel: string, yLabel: string, series: Series[], options: { logX?: boolean; logY?: boolean } = {}): string {
  const width = 640;
  const height = 360;
  const left = 70;
  const right = 160;
  const top = 40;
  const bottom = 50;
  const xs = series.flatMap((s) => s.points.map((p) => p[0]));
  const ys = series.flatMap((s) => s.points.map((p) => p[1])).filter((y) => y > 0);
  const [xMin, xMax] = [Math.min(...xs), Math.max(...xs)];
  const [yMin, yMax] = options.logY ? [10 ** Math.floor(Math.log10(Math.min(...ys))), 10 ** Math.ceil(Math.log10(Math.max(...ys)))] : [0, Math.max(...ys) * 1.1];
  const sx = (x: number) => left + ((options.logX ? Math.log10(x) - Math.log10(xMin) : x - xMin) / (options.logX ? Math.log10(xMax) - Math.log10(xMin) || 1 : xMax - xMin || 1)) * (width - left - right);
  const sy = (y: number) =>
    height - bottom - ((options.logY ? Math.log10(Math.max(y, yMin)) - Math.log10(yMin) : y - yMin) / (options.logY ? Math.log10(yMax) - Math.log10(yMin) || 1 : yMax - yMin || 1)) * (height - top - bottom);
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="sans-serif" font-size="12">`,
    `<rect width="100%" height="100%" fill="white"/>`,
    `<text x="${width / 2}" y="22" text-anchor="middle" font-size="15">${escape(title)}</text>`,
    `<line x1="${left}" y1="${height - bottom}" x2="${width - right}" y2="${height - bottom}" stroke="#444"/>`,
    `<line x1="${left}" y1="${top}" x2="${left}" y2="${height - bottom}" stroke="#444"/>`,
    `<text x="${(left + width - right) / 2}" y="${height - 12}" text-anchor="middle">${escape(xLabel)}</text>`,
    `<text transform="translate(16 ${(top + height - bottom) / 2}) rotate(-90)" text-anchor="middle">${escape(yLabel)}</text>`,
  ];
  for (const x of options.logX ? ticks(xMin, xMax, true) : [...new Set(xs)]) {
    if (x < xMin || x > xMax) continue;
    parts.push(`<text x="${sx(x)}" y="${height - bottom + 16}" text-anchor="middle">${x >= 1000 ? `10^${Math.round(Math.log10(x))}` : x}</text>`);
  }
  for (const y of ticks(yMin, yMax, options.logY === true)) {
    if (y < yMin || y > yMax) continue;
    parts.push(`<line x1="${left}" y1="${sy(y)}" x2="${width - right}" y2="${sy(y)}" stroke="#eee"/>`);
    parts.push(`<text x="${left - 6}" y="${sy(y) + 4}" text-anchor="end">${+y.toPrecision(3)}</text>`);
  }
  series.forEach((s, i) => {
    const color = COLORS[i % COLORS.length]!;
    const path = s.points.map(([x, y], j) => `${j === 0 ? 'M' : 'L'}${sx(x).toFixed(1)},${sy(y).toFixed(1)}`).join(' ');
    parts.push(`<path d="${path}" fill="none" stroke="${color}" stroke-width="2"/>`);
    for (const [x, y] of s.points) parts.push(`<circle cx="${sx(x).toFixed(1)}" cy="${sy(y).toFixed(1)}" r="3" fill="${color}"/>`);
    parts.push(`<rect x="${width - right + 12}" y="${top + i * 18}" width="12" height="3" fill="${color}"/>`);
    parts.push(`<text x="${width - right + 30}" y="${top + i * 18 + 5}">${escape(s.name)}</text>`);
  });
  parts.push('</svg>');
  return parts.join('\n');
}

/** A horizontal bar chart of ratios, with a marked goal per bar. */
export function barChart(title: string, bars: Array<{ name: string; value: number; goal?: number }>, unit: string): string {
  const width = 640;
  const rowHeight = 34;
  const left = 150;
  const top = 40;
  const height = top + bars.length * rowHeight + 30;
  const max = Math.max(1, ...bars.map((b) => Math.max(b.value, b.goal ?? 0)));
  const sx = (v: number) => left + (v / max) * (width - left - 60);
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="sans-serif" font-size="12">`,
    `<rect width="100%" height="100%" fill="white"/>`,
    `<text x="${width / 2}" y="22" text-anchor="middle" font-size="15">${escape(title)}</text>`,
  ];
  bars.forEach((bar, i) => {
    const y = top + i * rowHeight;
    parts.push(`<text x="${left - 8}" y="${y + 17}" text-anchor="end">${escape(bar.name)}</text>`);
    parts.push(`<rect x="${left}" y="${y + 4}" width="${(sx(bar.value) - left).toFixed(1)}" height="20" fill="${COLORS[i % COLORS.length]}"/>`);
    parts.push(`<text x="${sx(bar.value) + 6}" y="${y + 18}">${bar.value.toFixed(2)}${escape(unit)}</text>`);
    if (bar.goal !== undefined) parts.push(`<line x1="${sx(bar.goal)}" y1="${y}" x2="${sx(bar.goal)}" y2="${y + 28}" stroke="#111" stroke-dasharray="3,2"/>`);
  });
  parts.push(`<text x="${left}" y="${height - 8}" fill="#555">dashed line: goal</text>`);
  parts.push('</svg>');
  return parts.join('\n');
}
