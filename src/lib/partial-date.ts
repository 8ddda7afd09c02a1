import type { DatePrecision } from '../store/models.js';

export interface ParsedPartialDate {
  iso: string;
  precision: DatePrecision;
  /** The first day the value can denote, YYYY-MM-DD. */
  earliest: string;
  /** The last day the value can denote, YYYY-MM-DD. */
  latest: string;
}

const PARTIAL_DATE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/**
 * Reads a date whose precision is its form: `2026` is a year, `2025-12` a month, `2026-02-14` a
 * day. Returns null for anything else, including days that do not exist (`2026-02-30`). The
 * precision is never guessed beyond what is written: a month is the whole month, from its first
 * day to its last.
 */
export function parsePartialDate(value: string): ParsedPartialDate | null {
  const match = PARTIAL_DATE.exec(value);
  if (!match) return null;
  const year = Number(match[1]);
  if (match[2] === undefined) {
    return { iso: value, precision: 'YEAR', earliest: `${match[1]}-01-01`, latest: `${match[1]}-12-31` };
  }
  const month = Number(match[2]);
  if (month < 1 || month > 12) return null;
  const lastDay = daysInMonth(year, month);
  if (match[3] === undefined) {
    return {
      iso: value,
      precision: 'MONTH',
      earliest: `${match[1]}-${match[2]}-01`,
      latest: `${match[1]}-${match[2]}-${pad(lastDay)}`,
    };
  }
  const day = Number(match[3]);
  if (day < 1 || day > lastDay) return null;
  return { iso: value, precision: 'DAY', earliest: value, latest: value };
}
