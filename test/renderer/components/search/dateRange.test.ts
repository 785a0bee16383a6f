// The date filter's calendar days become millisecond bounds: "from" at local midnight, "to" through the
// end of that day, and back to the day the input shows.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { dayEnd, dayStart, dayString } from '../../../../renderer/src/lib/components/search/dateRange.ts';

test('a day spans from its local midnight to the millisecond before the next', () => {
  const start = dayStart('2024-03-09')!;
  const end = dayEnd('2024-03-09')!;
  assert.equal(new Date(start).getHours(), 0);
  assert.equal(dayString(start), '2024-03-09');
  assert.equal(dayString(end), '2024-03-09');
  assert.equal(dayString(end + 1), '2024-03-10');
});

test('an empty or malformed input is no bound', () => {
  assert.equal(dayStart(''), undefined);
  assert.equal(dayEnd('09/03/2024'), undefined);
});
