// Where the shared Prismer data lives (../shared/prismer beside the repository, absent in a plain clone):
// one definition for the fixtures of the Prismer tests, which re-export these under their own names.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../../../electron/packageRoot.ts';

export const sharedPrismer = join(packageRoot, '..', 'shared', 'prismer');
export const parityDir = join(sharedPrismer, 'parity');
/** The parity case folders, sorted; none without the shared data. */
export const parityCases: string[] = existsSync(parityDir) ? readdirSync(parityDir).sort() : [];
export const skipWithoutParity: string | false = existsSync(parityDir) ? false : `needs ${parityDir} (absent in a plain clone)`;
