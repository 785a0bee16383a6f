// Specification of the catalog's Prismer rows: the twelve released checkpoints of `shikunl/prismer`
// (`<purpose>_<variant>_<size>/pytorch_model.bin`, ids `<variant>-<size>-<purpose>`), under the
// non-commercial licence, with the four known sizes, each naming the RoBERTa tokenizer rows (MIT).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { catalogEntry, modelCatalog } from '../../../native-models/catalog/catalog.ts';

const checkpoints = modelCatalog.filter((e) => e.task === 'prismer');

describe('model catalog: Prismer', () => {
  test('lists the twelve released checkpoints with their variant, size and purpose', () => {
    assert.equal(checkpoints.length, 12);
    for (const variant of ['prismer', 'prismerz'] as const) {
      for (const size of ['base', 'large'] as const) {
        for (const purpose of ['caption', 'vqa', 'pretrain'] as const) {
          const e = catalogEntry(`${variant}-${size}-${purpose}`);
          assert.ok(e, `${variant}-${size}-${purpose}`);
          assert.deepEqual(e.source, { hub: { repo: 'shikunl/prismer', file: `${purpose}_${variant}_${size}/pytorch_model.bin`, revision: 'main' } });
          assert.equal(e.format, 'checkpoint');
          assert.deepEqual({ ...e.prismer, tokenizer: undefined }, { variant, size, purpose, tokenizer: undefined });
        }
      }
    }
    assert.deepEqual(checkpoints.filter((e) => e.recommended).map((e) => e.id), ['prismer-base-caption']);
  });

  test('the four known sizes are exact; the others unknown', () => {
    const sizes = Object.fromEntries(checkpoints.filter((e) => e.size !== null).map((e) => [e.id, e.size]));
    assert.deepEqual(sizes, {
      'prismer-base-caption': 1_467_097_067,
      'prismer-large-caption': 4_079_105_334,
      'prismerz-base-caption': 1_254_412_427,
      'prismerz-large-caption': 3_701_770_630,
    });
  });

  test('checkpoints are non-commercial (CC-BY-NC-SA-4.0, code NVIDIA NC) with a summary; the tokenizer is MIT', () => {
    for (const e of checkpoints) {
      assert.equal(e.licence.name, 'CC-BY-NC-SA-4.0', e.id);
      assert.equal(e.licence.nonCommercial, true, e.id);
      assert.match(e.licence.summary, /non-commercial/i, e.id);
      assert.match(e.licence.summary, /NVIDIA Source Code License-NC/, e.id);
    }
    for (const [id, file, approx] of [['roberta-base-vocab', 'vocab.json', 899_000], ['roberta-base-merges', 'merges.txt', 456_000]] as const) {
      const e = catalogEntry(id)!;
      assert.deepEqual(e.source, { hub: { repo: 'FacebookAI/roberta-base', file, revision: 'main' } });
      assert.equal(e.licence.name, 'MIT');
      assert.equal(e.licence.nonCommercial, false);
      assert.equal(e.approxSize, approx);
    }
  });

  test('every checkpoint names tokenizer rows that exist', () => {
    for (const e of checkpoints) {
      assert.deepEqual(e.prismer?.tokenizer, ['roberta-base-vocab', 'roberta-base-merges'], e.id);
      for (const id of e.prismer!.tokenizer) assert.equal(catalogEntry(id)?.task, 'prismer_tokenizer', id);
    }
  });
});
