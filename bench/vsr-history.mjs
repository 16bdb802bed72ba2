/**
 * A generated VSR watch history (the JSON Lines `sas-recette watch` appends, src/core/probe-record.ts),
 * for the PV VSR tests and benchmark: probes every `everyMinutes` from Paris midnight of `start` for
 * `days` days, three checks each (two searches and the CapabilityStatement), pseudo-random latencies
 * from a seed, and the events asked for: outages (every request times out or is refused), slow days
 * (latencies drawn in a range), and failing conformance rules. Instants are written in Paris time with
 * their offset, by Intl (not by sas-recette's own time code, so tests check it independently).
 *
 * Days of events are 1-based (day 1 = `start`); `from` / `to` are Paris wall-clock times "HH:MM".
 */

const PARIS = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Paris',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
  timeZoneName: 'longOffset',
});

/** `2026-04-06T10:15:00+02:00`: an instant in Paris time with its offset. */
export function parisIso(ms) {
  const p = Object.fromEntries(PARIS.formatToParts(new Date(ms)).map((x) => [x.type, x.value]));
  const offset = p.timeZoneName === 'GMT' ? '+00:00' : p.timeZoneName.replace('GMT', '');
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}:${p.second}${offset}`;
}

/** mulberry32: a small seeded generator, so a history is the same on every run. */
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const DEFAULT_EVENTS = {
  outages: [
    { day: 10, from: '10:00', minutes: 180, outcome: 'timeout' },
    { day: 30, from: '22:00', minutes: 45, outcome: 'refused' },
  ],
  slowDays: [{ day: 20, minMs: 2000, maxMs: 8000 }],
  rules: [{ fromDay: 40, from: '08:00', toDay: 41, to: '18:00', rule: 'SAS-TEL-001' }],
};

const CHECKS = [
  { caseId: 'TC-PS-SEARCH-01', useCase: 'psindiv' },
  { caseId: 'TC-CPTS-SEARCH-01', useCase: 'cpts' },
  { caseId: 'TC-CAPABILITY-01' },
];

const minutesOf = (hhmm) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/**
 * The history as records and as text (one JSON line each, newline-terminated). `start` is a Paris day
 * (YYYY-MM-DD); `startOffset` its offset at midnight (+02:00 in summer time, +01:00 in winter).
 */
export function generateHistory(o = {}) {
  const start = o.start ?? '2026-04-06';
  const startOffset = o.startOffset ?? '+02:00';
  const days = o.days ?? 60;
  const every = o.everyMinutes ?? 15;
  const events = o.events ?? DEFAULT_EVENTS;
  const baseUrl = o.baseUrl ?? 'https://agenda.editeur.example/fhir';
  const next = random(o.seed ?? 7);
  const t0 = Date.parse(`${start}T00:00:00${startOffset}`);
  const dayList = [];
  const records = [];
  for (let ms = t0; ; ms += every * 60_000) {
    const at = parisIso(ms);
    const date = at.slice(0, 10);
    if (dayList.at(-1) !== date) {
      if (dayList.length === days) break;
      dayList.push(date);
    }
    const day = dayList.length;
    const minute = minutesOf(at.slice(11, 16));
    const outage = events.outages.find((e) => e.day === day && minute >= minutesOf(e.from) && minute < minutesOf(e.from) + e.minutes);
    const slow = events.slowDays.find((e) => e.day === day);
    const rule = events.rules.find((e) => {
      const after = day > e.fromDay || (day === e.fromDay && minute >= minutesOf(e.from));
      const before = day < e.toDay || (day === e.toDay && minute < minutesOf(e.to));
      return after && before;
    });
    const checks = CHECKS.map((c, i) => {
      if (outage) {
        const latencyMs = outage.outcome === 'timeout' ? 7000 : 3; // a timed-out request: not an answer time
        return { ...c, outcome: outage.outcome, latencyMs, verdict: 'error', failingRules: [] };
      }
      const r = next();
      const latencyMs = Math.round(slow ? slow.minMs + r * (slow.maxMs - slow.minMs) : r < 0.01 ? 1000 + r * 50_000 : 80 + r * 820);
      const failing = rule && i === 1 ? [rule.rule] : [];
      return { ...c, outcome: 'ok', status: 200, latencyMs, verdict: failing.length ? 'failed' : 'passed', failingRules: failing };
    });
    const failingRules = [...new Set(checks.flatMap((c) => c.failingRules))].sort();
    const verdict = outage ? 'error' : failingRules.length ? 'failed' : 'passed';
    const record = {
      v: 1,
      at,
      baseUrl,
      tool: '1.4.0',
      ig: 'ans.fhir.fr.sas#1.2.0',
      available: !outage,
      verdict,
      checks,
      failingRules,
      durationMs: checks.reduce((s, c) => s + (c.latencyMs ?? 0), 0),
      tls: { protocol: 'TLSv1.3', cipher: 'TLS_AES_256_GCM_SHA384', peerValidTo: '2027-01-31T23:59:59Z' },
      ...(verdict === 'passed' ? {} : { evidence: { path: `evidence/${at.replace(/[:+]/g, '-')}.json`, sha256: 'ab'.repeat(32) } }),
    };
    records.push(record);
  }
  return { records, text: records.map((r) => `${JSON.stringify(r)}\n`).join(''), days: dayList };
}
