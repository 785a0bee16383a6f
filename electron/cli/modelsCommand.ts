// `prismer-studio models …`: the model catalog with each model's state, installing one from the Hub (its
// licence printed first; a non-commercial one needs --accept-licence or a yes at the prompt) with a byte
// progress bar (a Prismer checkpoint's bar goes on through its conversion; its TASK column shows variant,
// size, purpose and, once installed, the bundle's resolution), importing a local ONNX file for a task,
// and removing one. Errors print one sentence and
// exit non-zero (2 for bad usage).
import { createInterface } from 'node:readline/promises';
import type { ImportedModelFacts, ModelInfo, ModelInstallJobResult } from '../api/models.ts';
import { formatBytes } from '../services/files/byteSizes.ts';
import type { LabelTablesInstallResult } from '../services/models/labelTablesInstall.ts';
import type { Studio } from '../studio.ts';
import { fail, messageOf } from './errors.ts';
import { followJob } from './followJob.ts';

export const modelsUsage = `Usage:
  prismer-studio models list [--json]
  prismer-studio models install <id> [--accept-licence] [--delete-checkpoint] [--json]
  prismer-studio models install prismer-label-tables [--from DIR] [--accept-licence] [--json]
  prismer-studio models import <file.onnx> --task det|edge|seg|depth|normal [--family NAME] [--labels FILE] [--json]
  prismer-studio models remove <id> [--forget] [--json]
  prismer-studio models convert <checkpoint> --name NAME [--variant prismer|prismerz] [--size base|large] [--resolution 480] [--tokenizer DIR] [--json]
  prismer-studio models check-parity <dir> [--json]`;

export interface ModelsCommandOptions {
  /** The words after `models`. */
  readonly args: readonly string[];
  readonly json: boolean;
  readonly acceptLicence: boolean;
  readonly task: string | undefined;
  /** `import`: the family of the file, where its signature fits several; a file of its class names. */
  readonly family?: string | undefined;
  readonly labels?: string | undefined;
  readonly forget: boolean;
  /** Prismer models: delete the downloaded checkpoint once converted (default: keep it). */
  readonly deleteCheckpoint?: boolean;
  /** `install prismer-label-tables --from DIR`: a local copy of the official repository's dataset/ folder. */
  readonly from?: string;
  /** Asks a yes/no question; null where nobody can answer (default: a prompt when on a terminal). */
  readonly ask?: ((question: string) => Promise<boolean>) | null;
}

function sizeText(model: ModelInfo): string {
  if (model.size === null) return '?';
  return `${model.sizeIsApproximate ? '~' : ''}${formatBytes(model.size)}`;
}

function licenceText(model: ModelInfo): string {
  if (!model.licence) return 'unknown';
  return `${model.licence.name.split(' (')[0]}${model.licence.nonCommercial ? ' (non-commercial)' : ''}`;
}

function taskText(model: ModelInfo): string {
  const p = model.prismer;
  if (!p) return model.task;
  return `${p.variant} ${p.size} ${p.purpose}${p.resolution !== null ? ` ${p.resolution} px` : ''}`;
}

function statusText(model: ModelInfo): string {
  switch (model.status) {
    case 'downloading':
      return `downloading (job ${model.jobId})`;
    case 'not-installed':
      return model.partialBytes ? `not installed (${formatBytes(model.partialBytes)} kept)` : 'not installed';
    default:
      return model.status;
  }
}

export function modelsTable(models: readonly ModelInfo[]): string {
  const header = ['ID', 'TASK', 'SIZE', 'LICENCE', 'STATUS', 'VERIFIED'];
  const rows = models.map((m) => [
    `${m.id}${m.recommended ? ' *' : ''}`,
    taskText(m),
    sizeText(m),
    licenceText(m),
    statusText(m),
    m.verified ? 'yes' : m.installed?.hashChecked ? 'sha256 ok' : 'no',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!))).join('  ');
  const lines = [line(header), ...rows.map(line)];
  for (const m of models) if (m.status === 'failed' && m.error) lines.push(`  ${m.id}: ${m.error}`);
  lines.push(
    '',
    '* recommended. VERIFIED: yes = the catalog entry was checked against the real file; sha256 ok = the downloaded file matched its expected sha256.',
  );
  return lines.join('\n');
}

function describeSource(model: ModelInfo): string {
  if (!model.source) return 'imported file';
  if ('hub' in model.source) return `${model.source.hub.repo}, ${model.source.hub.file} @ ${model.source.hub.revision}`;
  return `npm ${model.source.npm.package}, ${model.source.npm.file}`;
}

/** Who answers the licence question: the caller's asker, else a prompt when on a terminal, else nobody. */
function asker(options: ModelsCommandOptions): ((question: string) => Promise<boolean>) | null {
  return options.ask === undefined ? (process.stdin.isTTY && process.stderr.isTTY ? terminalAsk : null) : options.ask;
}

async function terminalAsk(question: string): Promise<boolean> {
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return /^y(es)?$/i.test((await rl.question(question)).trim());
  } finally {
    rl.close();
  }
}

export async function modelsCommand(studio: Studio, options: ModelsCommandOptions): Promise<number> {
  const [sub, ...rest] = options.args;
  try {
    switch (sub) {
      case 'list': {
        if (rest.length > 0) return fail(options.json, `Usage: prismer-studio models list [--json]`, 2);
        const models = studio.models.list();
        console.log(options.json ? JSON.stringify(models, null, 2) : modelsTable(models));
        return 0;
      }
      case 'install':
        if (rest[0] === labelTablesId && rest.length === 1) return await installTables(studio, options);
        if (rest.length !== 1) return fail(options.json, 'Usage: prismer-studio models install <id> [--accept-licence] [--delete-checkpoint] [--json]', 2);
        return await install(studio, rest[0]!, options);
      case 'import': {
        if (rest.length !== 1 || !options.task) {
          return fail(options.json, 'Usage: prismer-studio models import <file.onnx> --task det|edge|seg|depth|normal [--family NAME] [--labels FILE] [--json]', 2);
        }
        const model = await studio.models.import(rest[0]!, options.task, { family: options.family, labels: options.labels });
        if (options.json) console.log(JSON.stringify(model, null, 2));
        else {
          const file = model.installed!;
          console.log(`Imported ${rest[0]} as ${model.id} (task ${model.task}, ${formatBytes(file.size ?? 0)}, sha256 ${file.sha256}) into ${file.path}.`);
          if (model.imported) for (const line of importedLines(model.imported)) console.log(line);
        }
        return 0;
      }
      case 'remove': {
        if (rest.length !== 1) return fail(options.json, 'Usage: prismer-studio models remove <id> [--forget] [--json]', 2);
        const result = await studio.models.remove(rest[0]!, { forget: options.forget });
        if (options.json) console.log(JSON.stringify(result, null, 2));
        else console.log(result.removed ? `Removed ${rest[0]}.` : `${rest[0]} was not installed; nothing to remove.`);
        return 0;
      }
      default:
        return fail(options.json, sub ? `Unknown models command "${sub}".\n${modelsUsage}` : modelsUsage, 2);
    }
  } catch (error) {
    return fail(options.json, messageOf(error));
  }
}

const labelTablesId = 'prismer-label-tables';

/** Prismer's label tables: not a catalog model (they come from GitHub, or a local folder), same licence gate. */
async function installTables(studio: Studio, options: ModelsCommandOptions): Promise<number> {
  const say = (text: string) => (options.json ? console.error(text) : console.log(text));
  const status = studio.models.labelTables();
  say(`Prismer's label tables (${options.from ? `from ${options.from}` : 'NVlabs/prismer on GitHub'}) into ${status.dir}`);
  say(`Licence: ${status.licence}`);
  let accepted = options.acceptLicence;
  if (!accepted) {
    const ask = asker(options);
    if (!ask) return fail(options.json, `The label tables are under a non-commercial licence; run again with --accept-licence to accept it.`);
    accepted = await ask('Accept this licence and install? [y/N] ');
    if (!accepted) return fail(options.json, 'The label tables were not installed: their licence was not accepted.');
  }
  const { jobId } = studio.models.installLabelTables({ acceptLicence: accepted, ...(options.from ? { from: options.from } : {}) });
  const job = await followJob(studio, jobId, { json: options.json, unit: 'bytes' });
  if (job.state === 'cancelled') return fail(options.json, 'The install of the label tables was cancelled; nothing was changed.', 130);
  if (job.state === 'failed') return fail(options.json, `Could not install the label tables: ${job.error}`);
  const result = job.result as LabelTablesInstallResult;
  if (options.json) console.log(JSON.stringify(result, null, 2));
  else {
    console.log(`Installed Prismer's label tables (COCO ${result.rows.coco}, ADE ${result.rows.ade}, detection ${result.rows.detection} classes, and the OCR PCA) at ${result.dir}.`);
    for (const f of result.files) console.log(`  ${f.file.padEnd(24)} ${formatBytes(f.size).padStart(9)}  sha256 ${f.sha256} (${f.checkedAgainst ? 'matches the first install' : 'recorded for later installs'})`);
  }
  return 0;
}

async function install(studio: Studio, id: string, options: ModelsCommandOptions): Promise<number> {
  const model = studio.models.get(id);
  const say = (text: string) => (options.json ? console.error(text) : console.log(text));
  if (model.origin === 'npm' || model.status === 'installed') {
    if (options.json) console.log(JSON.stringify(model, null, 2));
    else {
      console.log(
        model.origin === 'npm'
          ? `${model.id} ships with Prismer Studio (${model.installed?.path}); there is nothing to download.`
          : `${model.id} is already installed at ${model.installed?.path}.`,
      );
    }
    return 0;
  }
  if (model.origin === 'imported') return fail(options.json, `${model.id} is an imported file; there is nothing to download.`);
  say(`${model.name} (${describeSource(model)}), ${sizeText(model)}`);
  if (model.licence) say(`Licence: ${model.licence.name}. ${model.licence.summary} ${model.licence.url}`);
  let accepted = options.acceptLicence;
  if (model.licence?.nonCommercial && !accepted) {
    const ask = asker(options);
    if (!ask) {
      return fail(options.json, `${model.id} is under a non-commercial licence (${model.licence.name}); run again with --accept-licence to accept it.`);
    }
    accepted = await ask('Accept this licence and download? [y/N] ');
    if (!accepted) return fail(options.json, `${model.id} was not installed: its licence was not accepted.`);
  }

  const { jobId } = studio.models.install(id, { acceptLicence: accepted, ...(options.deleteCheckpoint ? { deleteCheckpoint: true } : {}) });
  if (jobId === null) return fail(options.json, `${model.id} has nothing to download.`);
  const job = await followJob(studio, jobId, { json: options.json, unit: 'bytes' });
  if (job.state === 'cancelled') {
    return fail(options.json, `The download of ${id} was cancelled; the partial download is kept and \`prismer-studio models install ${id}\` resumes it.`, 130);
  }
  if (job.state === 'failed') return fail(options.json, `Could not install ${id}: ${job.error}`);
  const result = job.result as ModelInstallJobResult;
  if (options.json) console.log(JSON.stringify(result, null, 2));
  else {
    const check = result.checkedAgainst
      ? `matches ${result.checkedAgainst}`
      : result.recorded
        ? 'recorded as the reference for later downloads'
        : 'not checked';
    const resumed = result.resumedFrom > 0 ? `, resumed from ${formatBytes(result.resumedFrom)}` : '';
    console.log(`Installed ${id}: ${formatBytes(result.size)}${resumed}, sha256 ${result.sha256} (${check}), at ${result.path}.`);
    if (result.bundle) {
      const kept = result.bundle.checkpoint ? `the checkpoint is kept at ${result.bundle.checkpoint}` : 'the checkpoint was deleted';
      console.log(`Converted for ${result.bundle.resolution} px (converter ${result.bundle.converterVersion}); ${kept}.`);
    }
  }
  return 0;
}

/** What an imported network was recognised as, and which of its classes Prismer cannot use, in words. */
export function importedLines(facts: ImportedModelFacts): string[] {
  const from = { file: 'from the labels file', model: "from the model's metadata", default: `${facts.familyName}'s default list` } as const;
  const lines = [`Family: ${facts.familyName} (${facts.family}).`];
  if (facts.classes !== null) lines.push(`Classes: ${facts.classes}, ${facts.labelsFrom ? from[facts.labelsFrom] : ''}${facts.labelSpace ? `; maps saved in ${facts.labelSpace === 'coco133' ? 'COCO-133' : 'ADE-150'}` : ''}.`);
  const space = facts.labelSpace === 'ade150' ? 'ADE-150' : 'COCO-133';
  if (facts.unmapped.length > 0) lines.push(`Not in ${space} (${facts.unmapped.length}): ${facts.unmapped.join(', ')}${facts.labelSpace ? ' — their pixels are saved as no class' : ''}.`);
  if (facts.unmappedDetection && facts.unmappedDetection.length > 0) {
    lines.push(`Not among Prismer's 722 detection classes (${facts.unmappedDetection.length}): ${facts.unmappedDetection.join(', ')} — Prismer sees them as background.`);
  } else if (facts.unmappedDetection === null && facts.classes !== null && facts.labelSpace === null) {
    lines.push("Mapping to Prismer's 722 detection classes is checked once its label tables are installed.");
  }
  return lines;
}
