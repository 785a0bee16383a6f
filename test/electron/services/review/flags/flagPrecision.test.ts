// Measures the caption flags against the hand-labelled set (handLabelledCases.ts): precision and recall
// per flag kind and overall, printed, with precision held to a floor. Precision is what the floor
// guards because a false flag costs a reviewer an inspection of a good caption, while a miss only costs
// the flag's help; 0.8 means at most one flag in five sends the reviewer on a fruitless look.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { flagCaption, flagKinds, type FlagKind } from '../../../../../electron/services/review/flags/captionFlags.ts';
import { cocoStyleCases, heldOutCases, labelledCases, type LabelledCase } from './handLabelledCases.ts';

interface Tally {
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
}

const precisionFloor = 0.8;

function ratio(numerator: number, denominator: number): number {
  return denominator === 0 ? 1 : numerator / denominator;
}

function measure(cases: readonly LabelledCase[]): { byKind: Map<FlagKind, Tally>; mistakes: string[] } {
  const byKind = new Map<FlagKind, Tally>(flagKinds.map((kind) => [kind, { truePositives: 0, falsePositives: 0, falseNegatives: 0 }]));
  const mistakes: string[] = [];
  for (const { name, input, expected } of cases) {
    const flags = flagCaption(input);
    const raised = new Set(flags.map((f) => f.kind));
    for (const kind of flagKinds) {
      const tally = byKind.get(kind)!;
      const want = expected.includes(kind);
      const got = raised.has(kind);
      if (want && got) tally.truePositives++;
      if (!want && got) {
        tally.falsePositives++;
        mistakes.push(`false ${kind} on "${name}": ${flags.filter((f) => f.kind === kind).map((f) => f.message).join(' ')}`);
      }
      if (want && !got) {
        tally.falseNegatives++;
        mistakes.push(`missed ${kind} on "${name}"`);
      }
    }
  }
  return { byKind, mistakes };
}

function report(title: string, cases: readonly LabelledCase[]): { byKind: Map<FlagKind, Tally>; total: Tally; lines: string[] } {
  const { byKind, mistakes } = measure(cases);
  const total: Tally = { truePositives: 0, falsePositives: 0, falseNegatives: 0 };
  const lines = [`${title}: ${cases.length} labelled pairs`, 'kind               flags  TP  FP  FN  precision  recall'];
  for (const [kind, tally] of byKind) {
    total.truePositives += tally.truePositives;
    total.falsePositives += tally.falsePositives;
    total.falseNegatives += tally.falseNegatives;
    lines.push(row(kind, tally));
  }
  lines.push(row('all', total), ...mistakes);
  return { byKind, total, lines };
}

function precisionOf(tally: Tally): number {
  return ratio(tally.truePositives, tally.truePositives + tally.falsePositives);
}

describe('caption flags on the hand-labelled set', () => {
  const allCases = [...labelledCases, ...heldOutCases, ...cocoStyleCases];

  test('the set is large enough to mean something and exercises every flag kind', () => {
    assert.ok(labelledCases.length >= 40, `${labelledCases.length} cases`);
    assert.ok(heldOutCases.length >= 20 && cocoStyleCases.length >= 20, 'later sets of at least 20 pairs each');
    for (const kind of flagKinds) assert.ok(allCases.some((c) => c.expected.includes(kind)), `no case expects ${kind}`);
    assert.ok(allCases.filter((c) => c.expected.length === 0).length >= 40, 'at least 40 cases where nothing should be flagged');
  });

  test(`precision is at least ${precisionFloor} per kind and overall (precision and recall printed)`, (t) => {
    const first = report('tuning set', labelledCases);
    const second = report('second set', heldOutCases);
    const third = report('COCO-style set', cocoStyleCases);
    const all = report('all sets', allCases);
    const lines = [...first.lines, '', ...second.lines, '', ...third.lines, '', ...all.lines.filter((line) => !/^(false|missed) /.test(line))];
    for (const line of lines) t.diagnostic(line);
    console.log(lines.join('\n'));
    for (const [kind, tally] of all.byKind) assert.ok(precisionOf(tally) >= precisionFloor, `${kind} precision ${precisionOf(tally).toFixed(2)} < ${precisionFloor}`);
    for (const set of [first, second, third, all]) assert.ok(precisionOf(set.total) >= precisionFloor, set.lines[0]);
  });
});

function row(kind: string, tally: Tally): string {
  const flags = tally.truePositives + tally.falsePositives;
  const precision = ratio(tally.truePositives, flags).toFixed(2);
  const recall = ratio(tally.truePositives, tally.truePositives + tally.falseNegatives).toFixed(2);
  return `${kind.padEnd(18)} ${String(flags).padStart(5)} ${String(tally.truePositives).padStart(3)} ${String(tally.falsePositives).padStart(3)} ${String(tally.falseNegatives).padStart(3)}  ${precision.padStart(9)}  ${recall.padStart(6)}`;
}
