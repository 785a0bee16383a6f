// caption, ask and tag end to end on each tiny parity model, with a hand-made tokenizer the size of the
// model's vocabulary: the official defaults and the user options give well-formed results (lengths
// within the limits, text decoded, candidates best first, seeded sampling reproducible).
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { caption } from '../../../../native-models/prismer/tasks/caption.ts';
import { OnnxStepDecoder } from '../../../../native-models/prismer/tasks/onnxStepDecoder.ts';
import type { TaskContext } from '../../../../native-models/prismer/tasks/taskContext.ts';
import { tag } from '../../../../native-models/prismer/tasks/tagging.ts';
import { ask } from '../../../../native-models/prismer/tasks/vqa.ts';
import type { ByteLevelBpeTokenizer } from '../../../../native-models/prismer/tokenizer/byteLevelBpeTokenizer.ts';
import { captionPrompt, questionPrompt } from '../../../../native-models/prismer/tokenizer/prismerText.ts';
import { loadTaskCase, ModelScratch, parityCases, skipWithoutShared } from './fixtures.ts';
import { tinyTokenizer } from './tinyTokenizer.ts';

const sortedDescending = (scores: readonly number[]) => scores.every((s, i) => i === 0 || scores[i - 1]! >= s);
const answers = ['cat', 'dog', 'red', 'two', 'a cat', 'red car', 'bird', 'tree', 'yes', 'no', 'blue', 'this is a dog', 'car', 'w1', 'w2', 'w3', 'w4', 'w5', 'w6', 'w7'];
const classes = Array.from({ length: 40 }, (_, i) => ['cat', 'dog', 'bird', 'tree', 'car'][i] ?? `w${i}`);

describe('caption, ask and tag on the tiny models', { skip: skipWithoutShared }, () => {
  const scratch = new ModelScratch();
  const dir = mkdtempSync(join(tmpdir(), 'prismer-tasks-'));
  after(async () => {
    await scratch.close();
    rmSync(dir, { recursive: true, force: true });
  });

  for (const name of parityCases) {
    describe(name, () => {
      let context: TaskContext;
      let tokenizer: ByteLevelBpeTokenizer;
      before(async () => {
        const tc = await loadTaskCase(name, scratch);
        tokenizer = await tinyTokenizer(mkdtempSync(join(dir, 'tok-')), tc.vocabulary);
        assert.equal(tokenizer.vocabSize, tc.vocabulary);
        context = { runner: scratch.runtime, graphs: tc.graphs, tokenizer, memory: tc.memory(0) };
      });

      test('caption with the official settings', async () => {
        const prompt = captionPrompt(tokenizer);
        assert.deepEqual(prompt.tokens, ['<s>', 'A', 'Ġpicture', 'Ġof']);
        const result = await caption(context);
        assert.equal(result.candidates.length, 1);
        const [best] = result.candidates;
        assert.deepEqual(best!.tokens.slice(0, 4), prompt.ids);
        assert.ok(best!.tokens.length <= 20);
        if (best!.finishedByEos) assert.ok(best!.tokens.length - 1 >= 8, 'no </s> before min_length 8');
        else assert.equal(best!.tokens.length, 20);
        assert.equal(result.caption, best!.text);
        assert.ok(result.caption.endsWith('.'));
        assert.ok(Number.isFinite(best!.score) && best!.score < 0);
      });

      test('caption options: beams, lengths, candidates, greedy, seeded sampling', async () => {
        const decoder = new OnnxStepDecoder(context.runner, context.graphs, context.memory);
        const shared = { ...context, decoder };
        const beams = await caption(shared, { numBeams: 4, candidates: 3, maxLength: 12, minLength: 6, lengthPenalty: 0.5 });
        assert.equal(beams.candidates.length, 3);
        assert.ok(sortedDescending(beams.candidates.map((c) => c.score)));
        for (const c of beams.candidates) assert.ok(c.tokens.length <= 12 && c.tokens.length >= 6);

        const greedy = await caption(shared, { strategy: 'greedy', maxLength: 10, minLength: 7, prefix: '' });
        assert.equal(greedy.candidates.length, 1);
        assert.equal(greedy.candidates[0]!.tokens[0], 0);
        assert.ok(greedy.candidates[0]!.tokens.length <= 10);

        const sampled = await caption(shared, { strategy: 'sample', candidates: 4, seed: 7, topK: 20, temperature: 0.9 });
        assert.equal(sampled.candidates.length, 4);
        assert.ok(sortedDescending(sampled.candidates.map((c) => c.score)));
        for (const c of sampled.candidates) assert.ok(c.tokens.length <= 20 && (c.finishedByEos ? c.tokens.length >= 9 : c.tokens.length === 20));
        const again = await caption(context, { strategy: 'sample', candidates: 4, seed: 7, topK: 20, temperature: 0.9 });
        assert.deepEqual(again.candidates.map((c) => c.tokens), sampled.candidates.map((c) => c.tokens));
      });

      test('ask in generate mode', async () => {
        const question = 'what is this';
        const length = questionPrompt(tokenizer, question).ids.length;
        const result = await ask(context, question, { candidates: 2 });
        assert.equal(result.mode, 'generate');
        assert.equal(result.candidates.length, 2);
        assert.ok(sortedDescending(result.candidates.map((c) => c.score)));
        assert.equal(result.answer, result.candidates[0]!.answer);
        assert.equal(result.answer, result.answer.toLowerCase());
        for (const c of result.candidates) {
          const n = c.tokens!.length;
          assert.ok(n <= length + 10, `${n} tokens`);
          assert.ok(c.tokens![n - 1] === 2 ? n - 1 >= length + 2 : n === length + 10);
        }
      });

      test('ask in rank mode and tag', async () => {
        const ranked = await ask(context, 'What color is the car?', { answers });
        assert.equal(ranked.mode, 'rank');
        assert.equal(ranked.candidates.length, 16);
        assert.ok(sortedDescending(ranked.candidates.map((c) => c.score)));
        for (const c of ranked.candidates) assert.equal(answers[c.index!], c.answer);
        assert.equal(ranked.answer, ranked.candidates[0]!.answer);

        const tags = await tag(context, classes);
        assert.equal(tags.length, 32);
        assert.ok(sortedDescending(tags.map((t) => t.score)));
        assert.equal(new Set(tags.map((t) => t.index)).size, 32);
        for (const t of tags) assert.equal(classes[t.index], t.className);
        const few = await tag(context, classes.slice(0, 5), { k: 3 });
        assert.equal(few.length, 3);
      });
    });
  }
});
