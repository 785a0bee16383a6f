// The headless command line (`prismer-studio`): the same services as the app, no window.
//   prismer-studio scan <folder> [--db FILE] [--json] [--no-thumbnails]
// The library lives in the user data folder unless --db or PRISMER_STUDIO_HOME says otherwise.
import { parseArgs } from 'node:util';
import { SchemaTooNewError } from '../db/open.ts';
import { scanCommand } from './cli/scanCommand.ts';
import { captionCommand, captionUsage } from './cli/captionCommands.ts';
import { batchCommand, batchUsage, isBatchInvocation } from './cli/batchCommands.ts';
import { exportCommand, exportUsage, importCaptionsCommand } from './cli/exportCommands.ts';
import { expertsCommand } from './cli/expertsCommand.ts';
import { modelsCommand } from './cli/modelsCommand.ts';
import { isPrismerModelsCommand, prismerModelsCommand } from './cli/prismerModelsCommands.ts';
import { dataDirForDatabase, defaultDataDir } from './dataDir.ts';
import { openStudio, type Studio } from './studio.ts';
import { appVersion } from './appInfo.ts';
import { fail } from './cli/errors.ts';
import { searchCommand } from './cli/searchCommand.ts';
import { showCommand } from './cli/showCommand.ts';
import { FileProblem } from './services/files/fileErrors.ts';

const usage = `Prismer Studio ${appVersion}

Usage:
  prismer-studio scan <folder> [--db FILE] [--json] [--no-thumbnails]
      Import a folder of photos, or rescan it, and print what changed.
  prismer-studio experts [--db FILE] [--only depth,normal,edge,seg,det,ocr] [--folder DIR] [--json]
      Run the experts over the library (or one folder) and store their maps.
  prismer-studio models list [--json]
      The model catalog: size, licence, whether installed and verified.
  prismer-studio models install <id> [--accept-licence] [--delete-checkpoint] [--json]
      Download a model from the Hugging Face Hub (resumes an interrupted download).
  prismer-studio models import <file.onnx> --task det|edge|seg|depth|normal [--family NAME] [--labels FILE] [--json]
      Add your own network for an expert: its family (RT-DETR, YOLOX, YOLOv5/v8, FastestDet; DexiNed,
      LDC; SegFormer, MaskFormer, DeepLab; DPT) is recognised from its inputs and outputs, or named with
      --family; class names come from --labels (one per line), the file's metadata, or the family's
      default (COCO-80, VOC-21), and classes without a counterpart in Prismer's label spaces are listed.
      Other tasks (ocr_det, ocr_rec, clip_text, …) must match a catalog model's signature.
  prismer-studio models remove <id> [--forget] [--json]
      Delete a downloaded or imported model.
  prismer-studio models install prismer-label-tables [--from DIR] [--accept-licence] [--json]
      Install Prismer's official label tables and OCR PCA (needed by Prismer models with experts), from GitHub or a local dataset/ folder.
  prismer-studio models convert <checkpoint> --name NAME [--variant prismer|prismerz] [--size base|large] [--resolution 480] [--tokenizer DIR] [--precision fp32|fp16|fp16-compute|int8] [--json]
      Convert a local Prismer checkpoint into a model bundle (ONNX graphs, config, tokenizer, manifest).
  prismer-studio models check-parity <dir> [--precision fp32|fp16|fp16-compute|int8] [--json]
      Convert a parity case (checkpoint.bin, fixture.json, fixture.safetensors) and compare its outputs.
  prismer-studio show <photo|id> [--db FILE] [--json]
      Everything stored for a photo: file facts, EXIF, each expert's output (model and version,
      detections, OCR words, segment shares, depth/normal statistics), captions, questions, tags.
  prismer-studio search "<text>" [--detected LABEL[:COUNT]]... [--segment LABEL[:MIN_SHARE]]... [--has-text]
                   [--review none|pending|accepted|rejected] [--flagged] [--duplicates exact|near|none]
                   [--camera MODEL] [--query JSON] [--limit N] [--db FILE] [--json]
      The app's search: text in captions, OCR and tags, and the filters; exits 1 when nothing matches.
${captionUsage}
${batchUsage}
${exportUsage}

Options:
  --db FILE       the library database (default: library.db in the data folder); its thumbnails,
                  maps and models go to FILE.cache/ beside it
  --json          print the result as JSON on stdout
  -h, --help      show this help

Environment:
  PRISMER_STUDIO_HOME   the data folder (database, thumbnails, models)
  PRISMER_STUDIO_HUB_URL  the Hugging Face Hub's address (default https://huggingface.co)
  HF_TOKEN              a Hub access token, for gated models
  HTTPS_PROXY, HTTP_PROXY, NO_PROXY   a proxy for downloads`;

export async function runCli(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    options: {
      db: { type: 'string' },
      json: { type: 'boolean', default: false },
      thumbnails: { type: 'boolean' },
      only: { type: 'string' },
      folder: { type: 'string' },
      'accept-licence': { type: 'boolean', default: false },
      'delete-checkpoint': { type: 'boolean', default: false },
      task: { type: 'string' },
      family: { type: 'string' },
      labels: { type: 'string' },
      forget: { type: 'boolean', default: false },
      variant: { type: 'string' },
      size: { type: 'string' },
      resolution: { type: 'string' },
      name: { type: 'string' },
      tokenizer: { type: 'string' },
      precision: { type: 'string' },
      model: { type: 'string' },
      beams: { type: 'string' },
      mode: { type: 'string' },
      answers: { type: 'string' },
      view: { type: 'string' },
      from: { type: 'string' },
      missing: { type: 'boolean', default: false },
      redo: { type: 'boolean', default: false },
      vocab: { type: 'string' },
      top: { type: 'string' },
      format: { type: 'string' },
      out: { type: 'string' },
      'accepted-only': { type: 'boolean', default: false },
      'beside-images': { type: 'boolean', default: false },
      'copy-images': { type: 'boolean', default: false },
      'with-facts': { type: 'boolean', default: false },
      detected: { type: 'string', multiple: true },
      segment: { type: 'string', multiple: true },
      'has-text': { type: 'boolean' },
      review: { type: 'string' },
      flagged: { type: 'boolean' },
      duplicates: { type: 'string' },
      camera: { type: 'string' },
      query: { type: 'string' },
      limit: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
    allowPositionals: true,
    allowNegative: true,
    strict: true,
  });
  const [command, ...rest] = positionals;
  if (values.help || !command) {
    console.log(usage);
    return command || values.help ? 0 : 2;
  }
  const dataDir = process.env.PRISMER_STUDIO_HOME || (values.db ? dataDirForDatabase(values.db) : defaultDataDir());
  const withStudio = async (run: (studio: Studio) => Promise<number>): Promise<number> => {
    let studio: Studio;
    try {
      studio = openStudio({ dataDir, database: values.db });
    } catch (error) {
      // A data folder or database that cannot be opened: one sentence (as JSON too with --json), exit 1.
      if (error instanceof FileProblem || error instanceof SchemaTooNewError) return fail(values.json, error.message, 1);
      throw error;
    }
    try {
      return await run(studio);
    } finally {
      await studio.close();
    }
  };
  switch (command) {
    case 'show':
      return withStudio(async (studio) => showCommand(studio, { args: rest, json: values.json }));
    case 'search':
      return withStudio(async (studio) =>
        searchCommand(studio, {
          args: rest,
          detected: values.detected,
          segment: values.segment,
          hasText: values['has-text'],
          review: values.review,
          flagged: values.flagged,
          duplicates: values.duplicates,
          camera: values.camera,
          query: values.query,
          limit: values.limit,
          json: values.json,
        }),
      );
    case 'scan': {
      if (rest.length !== 1) {
        console.error('Usage: prismer-studio scan <folder> [--db FILE] [--json]');
        return 2;
      }
      return withStudio(async (studio) => {
        return await scanCommand(studio, { folder: rest[0]!, json: values.json, thumbnails: values.thumbnails });
      });
    }
    case 'experts': {
      return withStudio(async (studio) => {
        return await expertsCommand(studio, { only: values.only, folder: values.folder, json: values.json });
      });
    }
    case 'models': {
      if (isPrismerModelsCommand(rest[0])) {
        return await prismerModelsCommand({ args: rest, dataDir, json: values.json, variant: values.variant, size: values.size, resolution: values.resolution, name: values.name, tokenizer: values.tokenizer, precision: values.precision });
      }
      return withStudio(async (studio) => {
        return await modelsCommand(studio, {
          args: rest,
          json: values.json,
          acceptLicence: values['accept-licence'],
          deleteCheckpoint: values['delete-checkpoint'],
          task: values.task,
          family: values.family,
          labels: values.labels,
          forget: values.forget,
          ...(values.from ? { from: values.from } : {}),
        });
      });
    }
    case 'caption':
    case 'ask':
    case 'tag': {
      return withStudio(async (studio) => {
        if (command === 'tag' || isBatchInvocation({ command, folder: values.folder, view: values.view, missing: values.missing })) {
          return await batchCommand(studio, {
            command,
            args: rest,
            folder: values.folder,
            view: values.view,
            missing: values.missing,
            model: values.model,
            beams: values.beams,
            redo: values.redo,
            mode: values.mode,
            answers: values.answers,
            vocab: values.vocab,
            top: values.top,
            json: values.json,
          });
        }
        return await captionCommand(studio, { command, args: rest, model: values.model, beams: values.beams, mode: values.mode, answers: values.answers, json: values.json });
      });
    }
    case 'export':
    case 'import-captions': {
      return withStudio(async (studio) => {
        if (command === 'import-captions') return await importCaptionsCommand(studio, { args: rest, json: values.json });
        if (rest.length > 0) {
          console.error(`Unexpected arguments: ${rest.join(' ')}`);
          return 2;
        }
        return await exportCommand(studio, {
          format: values.format,
          out: values.out,
          folder: values.folder,
          view: values.view,
          acceptedOnly: values['accepted-only'],
          besideImages: values['beside-images'],
          copyImages: values['copy-images'],
          withFacts: values['with-facts'],
          json: values.json,
        });
      });
    }
    default:
      console.error(`Unknown command "${command}".\n\n${usage}`);
      return 2;
  }
}

if (import.meta.main) {
  runCli(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      if (error instanceof SchemaTooNewError || error instanceof Error) console.error(error.message);
      else console.error(String(error));
      process.exit(1);
    },
  );
}
