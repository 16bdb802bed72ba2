import { describe, expect, it } from 'vitest';
import { checkPrimitive, isPrimitiveType } from './primitives.js';

describe('checkPrimitive', () => {
  it.each([
    ['instant', '2025-03-10T09:00:00.000+01:00'],
    ['instant', '2025-03-10T09:00:00Z'],
    ['dateTime', '2025'],
    ['dateTime', '2025-03'],
    ['dateTime', '2025-03-10T09:00:00+14:00'],
    ['date', '2024-02-29'],
    ['time', '23:59:60'],
    ['code', 'a b'],
    ['id', 'cr-martin.20250310'],
    ['oid', 'urn:oid:1.2.250.1.71.4.2.1'],
    ['uuid', 'urn:uuid:6f1c2a8e-3b7d-4e09-9a51-2d4c8b0f7e13'],
    ['uri', 'https://<base_URl>/Slot/x'],
    ['base64Binary', 'QUJD RA=='],
    ['positiveInt', 1],
    ['unsignedInt', 0],
    ['integer', -2147483648],
    ['decimal', 1.5],
    ['boolean', false],
    ['string', ' '],
  ])('%s %j conforms', (type, value) => expect(checkPrimitive(type, value)).toBeUndefined());

  it.each([
    ['instant', '2025-03-10T09:00:00', 'format'],
    ['instant', '2025-03-10', 'format'],
    ['dateTime', '2025-03-10T09:00', 'format'],
    ['date', '2023-02-29', 'format'],
    ['date', '2024-04-31', 'format'],
    ['time', '24:00:00', 'format'],
    ['code', 'PUBLIC ', 'format'],
    ['id', 'a_b', 'format'],
    ['id', 'x'.repeat(65), 'format'],
    ['oid', 'urn:oid:3.1', 'format'],
    ['uuid', 'urn:uuid:6F1C2A8E-3B7D-4E09-9A51-2D4C8B0F7E13', 'format'],
    ['uri', 'a b', 'format'],
    ['base64Binary', 'QUJ', 'format'],
    ['base64Binary', 'QU=J', 'format'],
    ['string', '', 'format'],
    ['positiveInt', 0, 'range'],
    ['unsignedInt', -1, 'range'],
    ['integer', 1.5, 'format'],
    ['integer', 2147483648, 'format'],
    ['boolean', 'true', 'json'],
    ['decimal', '1.5', 'json'],
    ['string', 12, 'json'],
  ])('%s %j → %s', (type, value, kind) => expect(checkPrimitive(type, value)?.kind).toBe(kind));

  it('knows which types are primitive', () => {
    expect(isPrimitiveType('canonical')).toBe(true);
    expect(isPrimitiveType('Coding')).toBe(false);
  });
});
