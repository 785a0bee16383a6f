// The real pretrained networks and photographs beside the repository (../shared/real-models; absent in a
// plain clone, where the tests that use them skip with this reason).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../../electron/packageRoot.ts';

export const realModelsDir = join(packageRoot, '..', 'shared', 'real-models');
export const skipWithoutRealModels: string | false = existsSync(join(realModelsDir, 'README.md')) ? false : `needs the real networks in ${realModelsDir} (absent in a plain clone)`;

export const realNetwork = {
  yoloxNano: join(realModelsDir, 'detection', 'yolox_nano.onnx'),
  fastestDet: join(realModelsDir, 'detection', 'FastestDet.onnx'),
  coco80Names: join(realModelsDir, 'detection', 'coco80.names'),
  ldc: join(realModelsDir, 'edges', 'LDC_640x360.onnx'),
  deeplabVoc: join(realModelsDir, 'segmentation', 'deeplabv3_mobilenetv2_voc21.onnx'),
} as const;

export const realPhoto = (name: 'dog.jpg' | 'horses.jpg' | 'person.jpg' | 'giraffe.jpg'): string => join(realModelsDir, 'photos', name);
