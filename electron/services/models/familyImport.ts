// What an imported network is and how its expert runs: the family (recognised from the ONNX signature,
// or the one the user named — refused with the reason when it does not fit), the class names (a labels
// file, the file's own metadata, or the family's default — and their count must be the model's), and
// where those names land in Prismer's label spaces (COCO-133 or ADE-150 for segmentation; COCO-133 and,
// once the label tables are installed, the 722-class detection space for detectors), with every class
// that has no counterpart listed.
import { readFile } from 'node:fs/promises';
import { labelsFromMetadata, parseLabelsText } from '../../../native-models/experts/classNames.ts';
import { UnifiedClassIndex } from '../../../native-models/experts/det/unifiedClasses.ts';
import { familiesFor, familyById, fixedInputSize, type FamilyParams, type FamilyTask, type ModelFamily, type ModelIo } from '../../../native-models/experts/families.ts';
import { mapLabels, segLabelSpaces, segSpaceFor, type SegLabelSpaceId } from '../../../native-models/experts/labelMapping.ts';
import { coco133Classes } from '../../../native-models/experts/labelSpaces.ts';
import type { ImportedModelFacts } from '../../api/models.ts';
import { StudioError } from '../../api/protocol.ts';

/** The family of a file: the one named (if it fits), else the only one that fits. */
export function chooseFamily(task: FamilyTask, io: ModelIo, requested: string | undefined, fileName: string): ModelFamily {
  const families = familiesFor(task);
  const misfits = families.map((family) => ({ family, why: family.misfit(io) }));
  const fits = misfits.filter((m) => m.why === null).map((m) => m.family);
  const ids = (list: readonly ModelFamily[]) => list.map((f) => f.id).join(', ');
  if (requested !== undefined) {
    const family = familyById(requested);
    if (!family || family.task !== task) {
      throw new StudioError('invalid-params', `There is no ${task} family "${requested}"; the ${task} families are ${ids(families)}.`);
    }
    const why = family.misfit(io);
    if (why) {
      throw new StudioError(
        'invalid-model',
        `${fileName} is not a ${family.name} model: ${why} (${family.name} has ${family.expects}).${fits.length ? ` It fits --family ${fits.map((f) => f.id).join(' or ')}.` : ''} Nothing was imported.`,
      );
    }
    return family;
  }
  if (fits.length === 1) return fits[0]!;
  if (fits.length > 1) {
    throw new StudioError(
      'invalid-model',
      `${fileName} fits several ${task} families: ${fits.map((f) => `${f.id} (${f.name}: ${f.expects})`).join('; ')}. Say which with --family ${fits.map((f) => f.id).join('|')}. Nothing was imported.`,
    );
  }
  throw new StudioError(
    'invalid-model',
    `${fileName} is not a ${task} model of a family Prismer Studio knows: ${misfits.map((m) => `${m.family.id} — ${m.why}`).join('; ')}. Nothing was imported.`,
  );
}

export interface ResolvedImport {
  readonly family: ModelFamily;
  readonly params: FamilyParams;
  /** The catalog task the row is filed under (seg_coco / seg_ade for segmentation). */
  readonly rowTask: string;
  readonly facts: ImportedModelFacts;
}

async function labelsFromFile(path: string): Promise<string[]> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new StudioError('not-found', `Cannot read the labels file ${path}${code === 'ENOENT' ? ': there is no such file' : code ? ` (${code})` : ''}.`);
  }
  const labels = parseLabelsText(text);
  if (!labels || labels.length === 0) {
    throw new StudioError('invalid-params', `${path} holds no class names: give one name per line, a JSON list, or a config.json with id2label.`);
  }
  return labels;
}

/** The family, class names and label-space mapping of an imported file, or a clear refusal. */
export async function resolveImport(options: {
  readonly task: FamilyTask;
  readonly io: ModelIo;
  readonly modelId: string;
  readonly fileName: string;
  readonly family?: string | undefined;
  readonly labelsPath?: string | undefined;
  readonly metadata: Readonly<Record<string, string>>;
  /** Forced by a task name that says it (seg_coco, seg_ade). */
  readonly labelSpace?: SegLabelSpaceId | undefined;
  /** The 722 unified detection classes, when Prismer's label tables are installed. */
  readonly detectionClasses: readonly string[] | null;
}): Promise<ResolvedImport> {
  const family = chooseFamily(options.task, options.io, options.family, options.fileName);
  const classes = family.classCount(options.io);
  let labels: readonly string[] | null = null;
  let labelsFrom: ImportedModelFacts['labelsFrom'] = null;
  if (family.defaultLabels !== null || options.labelsPath) {
    const fromFile = options.labelsPath ? await labelsFromFile(options.labelsPath) : null;
    const fromModel = fromFile ? null : labelsFromMetadata(options.metadata);
    labels = fromFile ?? fromModel ?? family.defaultLabels;
    labelsFrom = fromFile ? 'file' : fromModel ? 'model' : 'default';
    if (labels && classes !== null && labels.length !== classes) {
      const where = labelsFrom === 'file' ? options.labelsPath! : labelsFrom === 'model' ? "the model's metadata" : `${family.name}'s default list`;
      throw new StudioError(
        'invalid-model',
        `${options.fileName} has ${classes} classes but ${where} names ${labels.length}.${labelsFrom === 'file' ? '' : ' Give its class names with --labels FILE (one per line).'} Nothing was imported.`,
      );
    }
  }
  const layout = family.id === 'deeplab' ? 'nhwc' : 'nchw';
  const base = { family: family.id, modelId: options.modelId, inputName: options.io.inputs[0]?.name ?? 'input', inputSize: fixedInputSize(options.io, layout), labels };
  if (family.task === 'seg' && labels) {
    const chosen = segSpaceFor(labels);
    const space = options.labelSpace ?? chosen.space;
    const mapping = space === chosen.space ? chosen.mapping : mapLabels(labels, segLabelSpaces[space]);
    const identical = space === chosen.space && chosen.identical;
    const params: FamilyParams = { ...base, labelSpace: space, ...(identical ? {} : { toLabelSpace: mapping.ids }) };
    return {
      family,
      params,
      rowTask: space === 'ade150' ? 'seg_ade' : 'seg_coco',
      facts: { family: family.id, familyName: family.name, classes: labels.length, labelsFrom, labelSpace: space, unmapped: [...mapping.unmapped], unmappedDetection: null },
    };
  }
  const detectionIndex = family.task === 'det' && labels && options.detectionClasses ? new UnifiedClassIndex(options.detectionClasses) : null;
  const facts: ImportedModelFacts = {
    family: family.id,
    familyName: family.name,
    classes: labels?.length ?? null,
    labelsFrom,
    labelSpace: null,
    unmapped: family.task === 'det' && labels ? [...mapLabels(labels, coco133Classes).unmapped] : [],
    unmappedDetection: detectionIndex && labels ? labels.filter((l) => detectionIndex.lookup(l) === null) : null,
  };
  return { family, params: base, rowTask: family.task, facts };
}
