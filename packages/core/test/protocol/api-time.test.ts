import assert from 'node:assert/strict';
import { ApiTimeFormat } from '../../src/protocol/api-time.js';

describe('ApiTimeFormat.iso (the event contract\'s TIME)', () => {
  it('writes ISO 8601 to the millisecond with the zone\'s offset at that instant, summer and winter', () => {
    const berlin = new ApiTimeFormat('Europe/Berlin');
    assert.equal(berlin.iso(Date.UTC(2026, 11, 2, 8, 0, 0, 123)), '2026-12-02T09:00:00.123+01:00');
    assert.equal(berlin.iso(Date.UTC(2026, 6, 2, 8, 0, 0, 5)), '2026-07-02T10:00:00.005+02:00');
    assert.equal(new ApiTimeFormat('America/New_York').iso(Date.UTC(2026, 0, 1, 3, 4, 5, 999)), '2025-12-31T22:04:05.999-05:00');
    assert.equal(new ApiTimeFormat('Asia/Kolkata').iso(Date.UTC(2026, 0, 1)), '2026-01-01T05:30:00.000+05:30');
    assert.equal(new ApiTimeFormat('UTC').iso(Date.UTC(2026, 0, 1, 23, 59, 59)), '2026-01-01T23:59:59.000+00:00');
  });

  it('gives every millisecond of a second its own text, and the next second its own (the per-second cache)', () => {
    const utc = new ApiTimeFormat('UTC');
    const at = Date.UTC(2026, 2, 29, 0, 59, 59);
    assert.deepEqual([at, at + 1, at + 999, at + 1000].map((ms) => utc.iso(ms).slice(11)), ['00:59:59.000+00:00', '00:59:59.001+00:00', '00:59:59.999+00:00', '01:00:00.000+00:00']);
    const berlin = new ApiTimeFormat('Europe/Berlin');
    // 2026-03-29 01:00 UTC: Berlin moves from +01:00 to +02:00
    assert.deepEqual([berlin.iso(at + 999), berlin.iso(at + 1000)], ['2026-03-29T01:59:59.999+01:00', '2026-03-29T03:00:00.000+02:00']);
  });
});
