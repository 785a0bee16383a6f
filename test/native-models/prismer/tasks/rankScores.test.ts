// Rank mode through the cached decoder (ask with an answer list, tag) against a hand recomputation from
// the full decoder graph's logits on each whole sequence question + answer: the k answers with the most
// probable first token, each scored −mean over its tokens of (1−ε)(−log p_target) + ε·mean_vocab(−log p),
// ε = 0.1, within 1e-4, in the same order.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import type { TaskContext } from '../../../../native-models/prismer/tasks/taskContext.ts';
import { tag } from '../../../../native-models/prismer/tasks/tagging.ts';
import { ask } from '../../../../native-models/prismer/tasks/vqa.ts';
import { classAnswerTokens, classificationPrompt, questionPrompt, vqaAnswerTokens } from '../../../../native-models/prismer/tokenizer/prismerText.ts';
import { fullLogits, loadTaskCase, ModelScratch, parityCases, skipWithoutShared, type TaskCase } from './fixtures.ts';
import { tinyTokenizer } from './tinyTokenizer.ts';

interface HandScore {
  readonly index: number;
  readonly score: number;
}

/** log-softmax in float64. */
function logProbs(logits: Float32Array): number[] {
  let max = -Infinity;
  for (const x of logits) max = Math.max(max, x);
  let sum = 0;
  for (const x of logits) sum += Math.exp(x - max);
  const logSum = max + Math.log(sum);
  return Array.from(logits, (x) => x - logSum);
}

async function handRank(scratch: ModelScratch, tc: TaskCase, context: TaskContext, question: readonly number[], answers: readonly number[][], k: number): Promise<HandScore[]> {
  const scored = [];
  for (const [index, answer] of answers.entries()) {
    const [positions] = await fullLogits(scratch, tc, context.memory, [[...question, ...answer]]);
    let loss = 0;
    for (const [j, target] of answer.entries()) {
      const lp = logProbs(positions![question.length - 1 + j]!);
      const meanNegative = -lp.reduce((a, b) => a + b, 0) / lp.length;
      loss += 0.9 * -lp[target]! + 0.1 * meanNegative;
    }
    const first = Math.exp(logProbs(positions![question.length - 1]!)[answer[0]!]!);
    scored.push({ index, score: -loss / answer.length, first });
  }
  return scored
    .sort((a, b) => b.first - a.first || a.index - b.index)
    .slice(0, k)
    .sort((a, b) => b.score - a.score);
}

function assertSame(got: readonly HandScore[], want: readonly HandScore[]): number {
  assert.deepEqual(got.map((g) => g.index), want.map((w) => w.index));
  let worst = 0;
  got.forEach((g, i) => {
    const err = Math.abs(g.score - want[i]!.score);
    worst = Math.max(worst, err);
    assert.ok(err <= 1e-4, `answer ${g.index}: ${g.score} vs ${want[i]!.score}`);
  });
  return worst;
}

describe('rank mode against a hand recomputation from the full decoder', { skip: skipWithoutShared }, () => {
  const scratch = new ModelScratch();
  const dir = mkdtempSync(join(tmpdir(), 'prismer-rank-'));
  after(async () => {
    await scratch.close();
    rmSync(dir, { recursive: true, force: true });
  });

  for (const name of parityCases) {
    test(name, async (t) => {
      const tc = await loadTaskCase(name, scratch);
      const tokenizer = await tinyTokenizer(mkdtempSync(join(dir, 'tok-')), tc.vocabulary);
      const context: TaskContext = { runner: scratch.runtime, graphs: tc.graphs, tokenizer, memory: tc.memory(1) };

      const answers = ['cat', 'dog', 'red', 'red car', 'two', 'a cat', 'this is a dog', 'w3', 'tree', 'bird'];
      const question = 'What color is this';
      const ranked = await ask(context, question, { answers, k: 6 });
      const wantAnswers = await handRank(scratch, tc, context, questionPrompt(tokenizer, question).ids, answers.map((a) => vqaAnswerTokens(tokenizer, a).ids), 6);
      const vqaErr = assertSame(ranked.candidates.map((c) => ({ index: c.index!, score: c.score })), wantAnswers);

      const classes = ['cat', 'dog', 'bird', 'tree', 'car', 'red car', 'w10', 'w11 w12'];
      const tags = await tag(context, classes, { k: 5 });
      const wantTags = await handRank(scratch, tc, context, classificationPrompt(tokenizer).ids, classes.map((c) => classAnswerTokens(tokenizer, c).ids), 5);
      const tagErr = assertSame(tags, wantTags);
      t.diagnostic(`max score error: VQA ${vqaErr.toExponential(2)}, tags ${tagErr.toExponential(2)}`);
    });
  }
});
