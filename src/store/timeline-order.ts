/**
 * How timeline entries sort after their first day (see TimelineQuery): finer precision first, then
 * name, then kind. Shared by both stores, which put these ranks in their positions.
 */
export const PRECISION_RANK = { DAY: 0, MONTH: 1, YEAR: 2 } as const;
export const KIND_RANK = { CONCLUDED: 0, STARTS: 1, ENDS: 2, PUBLISHED: 3 } as const;
