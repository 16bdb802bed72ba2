/**
 * Booking URL: Slot.comment carries the absolute http(s) URL of the editor's booking page; it is
 * required when the slot can be booked (appointmentType ROUTINE, the default) and optional for
 * WALKIN (no appointment needed).
 */
import { asStr, codings, type Node } from './graph.js';
import { ALL, defineRule, q, SEARCHED_SLOTS } from './kit.js';
import type { Rule } from './types.js';

export function appointmentCode(slot: Node): string | undefined {
  return codings(slot.resource.appointmentType).find((c) => c.code === 'ROUTINE' || c.code === 'WALKIN')?.code;
}

/** Absolute http(s) URL with a host and no whitespace. */
export function isBookingUrl(s: string): boolean {
  if (/\s/.test(s)) return false;
  try {
    const u = new URL(s);
    return (u.protocol === 'http:' || u.protocol === 'https:') && u.hostname !== '';
  } catch {
    return false;
  }
}

export const bookingUrl = defineRule({
  id: 'SAS-URL-001',
  title: { fr: 'Slot.comment : URL de prise de rendez-vous', en: 'Slot.comment: booking URL' },
  requirements: ['agg-psindiv@25', 'sas-sos@11'],
  useCases: ALL,
  severity: 'error',
  each: SEARCHED_SLOTS,
  check(s, { report }) {
    const comment = asStr(s.resource.comment);
    const walkin = appointmentCode(s) === 'WALKIN';
    if (comment === undefined || comment.trim() === '') {
      if (!walkin) {
        report(`${s.path}.comment`, s, {
          fr: `${s.label} (rendez-vous ROUTINE) n'a pas d'URL de prise de rendez-vous dans comment.`,
          en: `${s.label} (ROUTINE appointment) has no booking URL in comment.`,
        });
      }
      return;
    }
    if (!isBookingUrl(comment)) {
      report(`${s.path}.comment`, s, {
        fr: `${s.label} : comment ${q(comment)} n'est pas une URL http(s) absolue ouvrant la page de réservation.`,
        en: `${s.label}: comment ${q(comment)} is not an absolute http(s) URL opening the booking page.`,
      });
    }
  },
});

export const BOOKING_RULES: Rule[] = [bookingUrl];
