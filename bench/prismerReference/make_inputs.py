"""Random inputs for one image in the parity fixtures' form (what the studio's encoder graph takes): `rgb`
[1, 3, R, R] (CLIP-normalised scale); depth/normal/edge [1, C, 224, 224] in [-1, 1]; for seg,
obj_detection and ocr_detection a blocky `<e>.label_map` [1, 224, 224] indexing a `<e>.features` table
[K + 1, 64] (last row: background); obj_detection's instance map with its distinct ids and the chosen
instance-table rows. Written as safetensors.

    python3 make_inputs.py <out.safetensors> --resolution R [--experts a,b,…] [--seed S]"""
import argparse
import os
import sys

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from safetensors_io import write_safetensors  # noqa: E402

LOW_LEVEL_CHANNELS = {'depth': 1, 'normal': 3, 'edge': 1}
CLASSES = {'seg': 133, 'obj_detection': 12, 'ocr_detection': 5}
BLOCK = 28  # label blocks of 28 px: objects span several patches, not one


def blocky(values, generator, size=224):
    """[1, size, size] int32: a random choice among `values` per BLOCK×BLOCK square."""
    side = size // BLOCK
    picks = torch.tensor(values)[torch.randint(len(values), (side * side,), generator=generator)]
    grid = picks.reshape(1, side, side)
    return grid.repeat_interleave(BLOCK, 1).repeat_interleave(BLOCK, 2).to(torch.int32)


def make_inputs(resolution, experts, seed):
    g = torch.Generator().manual_seed(seed)
    out = {'rgb': torch.randn(1, 3, resolution, resolution, generator=g)}
    for expert in experts:
        if expert in LOW_LEVEL_CHANNELS:
            out[expert] = torch.rand(1, LOW_LEVEL_CHANNELS[expert], 224, 224, generator=g) * 2 - 1
        elif expert != 'rgb':
            k = CLASSES.get(expert, 20)
            out[f'{expert}.features'] = torch.randn(k + 1, 64, generator=g)
            out[f'{expert}.label_map'] = blocky(list(range(k + 1)), g)
    if 'obj_detection' in experts:
        # Instances 0…11 and background 255, each with its row of the 128-row instance table.
        instance = blocky(list(range(CLASSES['obj_detection'])) + [255], g).unsqueeze(0)
        ids = torch.unique(instance).to(torch.int32)
        out['obj_detection.instance'] = instance
        out['obj_detection.instance_ids'] = ids
        out['obj_detection.instance_embedding_index'] = torch.randint(128, (ids.numel(),), generator=g).to(torch.int32)
    return out


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('out')
    parser.add_argument('--resolution', type=int, required=True)
    parser.add_argument('--experts', default='depth,normal,edge,seg,obj_detection,ocr_detection')
    parser.add_argument('--seed', type=int, default=0)
    args = parser.parse_args()
    experts = [e for e in args.experts.split(',') if e]
    write_safetensors(args.out, make_inputs(args.resolution, experts, args.seed))


if __name__ == '__main__':
    main()
