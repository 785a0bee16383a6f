// The media paths both shells serve, after their prefix (`/media` in web mode, `studio-media://media` in
// the desktop app): `/thumb/<imageId>`, `/original/<imageId>` and an expert's label map `/map/<imageId>/<expert>`.
import { expertIds, type ExpertId } from '../native-models/experts/expert.ts';

export type MediaRoute =
  | { readonly kind: 'thumb' | 'original'; readonly imageId: number }
  | { readonly kind: 'map'; readonly imageId: number; readonly expert: ExpertId };

const mapPath = new RegExp(`^/map/(\\d{1,15})/(${expertIds.join('|')})$`);
const imagePath = /^\/(thumb|original)\/(\d{1,15})$/;

/** What a media path asks for, or null when it is none of them. */
export function mediaRoute(path: string): MediaRoute | null {
  const map = mapPath.exec(path);
  if (map) return { kind: 'map', imageId: Number(map[1]), expert: map[2] as ExpertId };
  const image = imagePath.exec(path);
  if (image) return { kind: image[1] as 'thumb' | 'original', imageId: Number(image[2]) };
  return null;
}
