"""Writes a real PyTorch checkpoint (torch.save of a state dict, zip format) with every key, shape and dtype
of an official layout (shared/prismer/checkpoint-layout/<model>_<res>.json) and random weights that keep
activations finite: normal(0, 0.02) for weights, embeddings, latents and positional grids; zero biases;
LayerNorm weight 1; BatchNorm weight 1, bias 0, running mean 0, running var 1. As in the released
checkpoints, `lm_head.bias` and `lm_head.decoder.bias` are one tensor, and the LM head weight is stored apart
from the word embedding.

    python3 make_random_checkpoint.py <layout.json> <out.bin> [--seed S]"""
import argparse
import json
import re

import torch

BATCH_NORM = re.compile(r'^expert_encoder\.conv1\.[a-z_]+\.(2|5|8|11)\.')
NORM_WEIGHT = re.compile(r'(LayerNorm|layer_norm|ln_[a-z0-9]+|adaptor_ln)\.weight$')


def random_tensor(key, shape, dtype, generator):
    if dtype == 'int64':
        if key.endswith('position_ids'):
            return torch.arange(shape[-1], dtype=torch.int64).expand(shape).clone()
        return torch.zeros(shape, dtype=torch.int64)  # num_batches_tracked
    if BATCH_NORM.match(key):
        leaf = key.rsplit('.', 1)[1]
        return torch.ones(shape) if leaf in ('weight', 'running_var') else torch.zeros(shape)
    if NORM_WEIGHT.search(key):
        return torch.ones(shape)
    if key.endswith('bias'):
        return torch.zeros(shape)
    return torch.empty(shape).normal_(0.0, 0.02, generator=generator)


def random_state_dict(layout_path, generator):
    """Every key of the layout with a random tensor; the LM head's two bias keys share one tensor."""
    with open(layout_path) as f:
        layout = json.load(f)
    state_dict = {}
    for key, shape, dtype in layout['keys']:
        state_dict[key] = random_tensor(key, shape, dtype, generator)
    if 'text_decoder.lm_head.decoder.bias' in state_dict:
        state_dict['text_decoder.lm_head.decoder.bias'] = state_dict['text_decoder.lm_head.bias']
    return state_dict


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('layout')
    parser.add_argument('out')
    parser.add_argument('--seed', type=int, default=0)
    args = parser.parse_args()
    state_dict = random_state_dict(args.layout, torch.Generator().manual_seed(args.seed))
    torch.save(state_dict, args.out)
    print(json.dumps({'keys': len(state_dict), 'values': sum(t.numel() for t in state_dict.values())}))


if __name__ == '__main__':
    main()
