// `prismer-studio models install prismer-label-tables`, as a user runs it: the licence is shown and must
// be accepted; files that are not the official ones are refused with the reason and exit 1.
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { labelTableSources } from '../../electron/services/models/labelTablesInstall.ts';
import { runCli } from '../helpers/cli.ts';
import { tempDir } from '../helpers/tempDir.ts';

const cli = (args: string[], home: string) => runCli(args, { PRISMER_STUDIO_HOME: home });

test('the label tables need the licence accepted, and files of the wrong size are refused', (t) => {
  const home = tempDir(t);
  const refused = cli(['models', 'install', 'prismer-label-tables'], home);
  assert.equal(refused.code, 1);
  assert.match(refused.stdout, /NVIDIA Source Code License-NC/);
  assert.match(refused.stderr, /run again with --accept-licence/);

  const folder = join(home, 'dataset');
  mkdirSync(folder);
  for (const s of labelTableSources) writeFileSync(join(folder, s.file), 'not the file');
  const wrong = cli(['models', 'install', 'prismer-label-tables', '--from', folder, '--accept-licence'], home);
  assert.equal(wrong.code, 1);
  assert.match(wrong.stderr, /coco_features\.pt is 12 bytes, but the official file .* is 36,651/);
});
