// Questions about one image, from the per-image panel: answered at once (generate mode, or rank mode
// over a list of answers with the top alternatives and their scores) and kept in the image's history.
import type { StudioDb } from '../../../db/open.ts';
import { answersTo, askedQuestions, insertVqa, vqaOfImage, type VqaRecord } from '../../../db/queries/vqa.ts';
import { StudioError } from '../../api/protocol.ts';
import type { PrismerService } from '../prismer/prismerService.ts';

export class QuestionService {
  readonly #db: StudioDb;
  readonly #prismer: PrismerService;
  readonly #now: () => number;

  constructor(db: StudioDb, prismer: PrismerService, now: () => number = Date.now) {
    this.#db = db;
    this.#prismer = prismer;
    this.#now = now;
  }

  async ask(imageId: number, question: string, options: { answers?: readonly string[]; model?: string } = {}): Promise<VqaRecord> {
    const q = question.trim();
    if (q.length === 0) throw new StudioError('invalid', 'The question is empty.');
    const bundleDir = this.#prismer.resolveBundle(options.model);
    const identity = this.#prismer.bundleIdentity(bundleDir);
    const answers = options.answers?.map((a) => a.trim()).filter(Boolean);
    const result = await this.#prismer.run(imageId, bundleDir, { task: 'ask', question: q, ...(answers && answers.length > 0 ? { options: { answers } } : {}) });
    if (result.task !== 'ask') throw new StudioError('failed', 'The model did not answer the question.');
    const record: Omit<VqaRecord, 'id'> = {
      imageId,
      question: q,
      answer: result.answer.answer,
      mode: result.answer.mode,
      score: result.answer.candidates[0]?.score ?? null,
      alternatives: result.answer.candidates.slice(0, 5).map((c) => ({ answer: c.answer, score: c.score })),
      modelId: identity.name,
      modelHash: identity.hash,
      createdAt: this.#now(),
    };
    return { ...record, id: insertVqa(this.#db, record) };
  }

  history(imageId: number): VqaRecord[] {
    return vqaOfImage(this.#db, imageId);
  }

  /** The newest answer of each image to a question: the column "ask across a selection" adds. */
  answers(question: string): VqaRecord[] {
    return answersTo(this.#db, question.trim());
  }

  questions(): ReturnType<typeof askedQuestions> {
    return askedQuestions(this.#db);
  }
}
