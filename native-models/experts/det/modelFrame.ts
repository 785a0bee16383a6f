// How a detector's input frame relates to the photo: stretched to the input size (RT-DETR, FastestDet) or
// letterboxed — scaled to fit, aspect kept, padded with grey (YOLOX pads bottom-right, YOLOv5/v8 centre the
// photo). The frame turns boxes in input pixels back into photo pixels.
import { sampleRgbBilinear } from '../../imageOps/sampleRgbBilinear.ts';
import type { Detection, RgbImage } from '../expert.ts';

export interface ModelFrame {
  readonly inputWidth: number;
  readonly inputHeight: number;
  /** Input pixels per photo pixel, horizontally and vertically. */
  readonly scaleX: number;
  readonly scaleY: number;
  /** Where the photo starts inside the input (letterbox padding on the left and top). */
  readonly padX: number;
  readonly padY: number;
}

export interface PixelLayout {
  /** Channel order of the input tensor. */
  readonly bgr: boolean;
  /** Each byte is divided by this (1: 0–255 values, 255: 0–1). */
  readonly divisor: number;
}

export type FrameFit = 'stretch' | 'letterbox-corner' | 'letterbox-centre';

/** The photo as a float NCHW tensor's data in the given frame, with the frame. Padding is grey 114. */
export async function framedChw(image: RgbImage, width: number, height: number, fit: FrameFit, layout: PixelLayout): Promise<{ data: Float32Array; frame: ModelFrame }> {
  const scale = fit === 'stretch' ? null : Math.min(width / image.width, height / image.height);
  const drawnWidth = scale === null ? width : Math.max(1, Math.min(width, Math.round(image.width * scale)));
  const drawnHeight = scale === null ? height : Math.max(1, Math.min(height, Math.round(image.height * scale)));
  const padX = fit === 'letterbox-centre' ? Math.floor((width - drawnWidth) / 2) : 0;
  const padY = fit === 'letterbox-centre' ? Math.floor((height - drawnHeight) / 2) : 0;
  const resized = sampleRgbBilinear(image, drawnWidth, drawnHeight);
  const plane = width * height;
  const data = new Float32Array(plane * 3).fill(114 / layout.divisor);
  for (let y = 0; y < drawnHeight; y++) {
    for (let x = 0; x < drawnWidth; x++) {
      const source = (y * drawnWidth + x) * 3;
      const target = (y + padY) * width + x + padX;
      for (let c = 0; c < 3; c++) data[c * plane + target] = resized.data[source + (layout.bgr ? 2 - c : c)]! / layout.divisor;
    }
  }
  return {
    data,
    frame: { inputWidth: width, inputHeight: height, scaleX: drawnWidth / image.width, scaleY: drawnHeight / image.height, padX, padY },
  };
}

/** A box given by centre and size in input pixels, as photo pixels clipped to the photo. */
export function photoBox(frame: ModelFrame, image: Pick<RgbImage, 'width' | 'height'>, cx: number, cy: number, w: number, h: number): Detection['box'] {
  const x = (v: number) => Math.min(image.width, Math.max(0, (v - frame.padX) / frame.scaleX));
  const y = (v: number) => Math.min(image.height, Math.max(0, (v - frame.padY) / frame.scaleY));
  return [x(cx - w / 2), y(cy - h / 2), x(cx + w / 2), y(cy + h / 2)];
}
