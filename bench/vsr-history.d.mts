/** Types of the VSR history generator (bench/vsr-history.mjs), for the TypeScript tests that reuse it. */
import type { ProbeRecord } from '../src/core/probe-record.js';

export interface HistoryEvents {
  outages: Array<{ day: number; from: string; minutes: number; outcome: 'timeout' | 'refused' }>;
  slowDays: Array<{ day: number; minMs: number; maxMs: number }>;
  rules: Array<{ fromDay: number; from: string; toDay: number; to: string; rule: string }>;
}

export const DEFAULT_EVENTS: HistoryEvents;

export function parisIso(ms: number): string;

export function generateHistory(o?: {
  start?: string;
  startOffset?: string;
  days?: number;
  everyMinutes?: number;
  events?: HistoryEvents;
  baseUrl?: string;
  seed?: number;
}): { records: ProbeRecord[]; text: string; days: string[] };
