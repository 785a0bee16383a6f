"""Runs a parity case (shared/prismer/parity/<name>: checkpoint.bin, fixture.json, fixture.safetensors)
through the PyTorch reference and compares the encoder memory and the logits with `expected.*`. A tensor
passes when its largest absolute error ≤ 1e-4 × max(1, largest |expected|), the criterion the studio's own
parity check uses. Prints one JSON line; exit status 0 when both pass, 1 when not, 2 on bad input.

With --caption IDS (a prompt, comma-separated ids) it also captions the case's first image with the official
decoding (3 beams, 20/8 tokens) and adds the ids to the output, so the decoding can be compared with another
implementation on the same weights.

    python3 check_parity.py <case-dir> [--threads N] [--caption 0,10,11,12]"""
import argparse
import json
import os
import sys

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from prismer_reference import beam_search, expert_inputs, load_prismer  # noqa: E402
from safetensors_io import read_safetensors  # noqa: E402

TOLERANCE = 1e-4


def errors(actual, expected):
    if tuple(actual.shape) != tuple(expected.shape):
        raise ValueError(f'shape {list(actual.shape)} but expected {list(expected.shape)}')
    max_abs = (actual - expected).abs().max().item()
    max_expected = expected.abs().max().item()
    allowed = TOLERANCE * max(1.0, max_expected)
    return {'maxAbs': max_abs, 'maxExpected': max_expected, 'allowed': allowed, 'ok': max_abs <= allowed}


def check(case_dir, caption_prompt=None):
    with open(os.path.join(case_dir, 'fixture.json')) as f:
        fixture = json.load(f)
    tensors = read_safetensors(os.path.join(case_dir, 'fixture.safetensors'))
    experts = fixture['vision']['experts']
    model = load_prismer(
        os.path.join(case_dir, 'checkpoint.bin'),
        resolution=fixture['image_resolution'],
        vision_heads=fixture['vision']['heads'],
        decoder_heads=fixture['decoder']['num_attention_heads'],
        experts=experts,
    )
    with torch.no_grad():
        memory = model.expert_encoder(tensors['rgb'], expert_inputs(tensors, experts))
        logits = model.text_decoder(tensors['input_ids'].long(), tensors['attention_mask'].long(), memory)
    memory_errors = errors(memory, tensors['expected.memory'])
    logits_errors = errors(logits, tensors['expected.logits'])
    result = {
        'case': os.path.basename(os.path.normpath(case_dir)),
        'memory': memory_errors,
        'logits': logits_errors,
        'ok': memory_errors['ok'] and logits_errors['ok'],
    }
    if caption_prompt:
        tokens, score = beam_search(model.text_decoder, memory[:1], caption_prompt)
        result['caption'] = {'tokens': tokens, 'score': score}
    return result


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('case_dir')
    parser.add_argument('--threads', type=int, default=0)
    parser.add_argument('--caption', default='', help='prompt ids: also caption the first image')
    args = parser.parse_args()
    if args.threads > 0:
        torch.set_num_threads(args.threads)
    for f in ('checkpoint.bin', 'fixture.json', 'fixture.safetensors'):
        if not os.path.exists(os.path.join(args.case_dir, f)):
            print(json.dumps({'error': f'{args.case_dir} is not a parity case: it has no {f}'}))
            sys.exit(2)
    prompt = [int(t) for t in args.caption.split(',')] if args.caption else None
    result = check(args.case_dir, prompt)
    print(json.dumps(result))
    sys.exit(0 if result['ok'] else 1)


if __name__ == '__main__':
    main()
