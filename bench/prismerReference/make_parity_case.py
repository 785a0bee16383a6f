"""Makes a parity case of a full-size model — `checkpoint.bin` (random weights with every key and shape of an
official layout), `fixture.json` and `fixture.safetensors` (random inputs for one image, a prompt, and the
`expected.memory` / `expected.logits` this reference computes; the reference itself passes the shared tiny
parity cases) — laid out like shared/prismer/parity/<name>/, so that

    prismer-studio models check-parity <out-dir> [--precision fp16|int8]

checks the studio's conversion (and measures the loss of a reduced precision) at full size.

    python3 make_parity_case.py <layout.json> <out-dir> --resolution 480 [--heads 12] [--seed S] [--tokens 12]"""
import argparse
import json
import os
import sys

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from make_inputs import make_inputs  # noqa: E402
from make_random_checkpoint import random_state_dict  # noqa: E402
from prismer_reference import expert_inputs, load_prismer  # noqa: E402
from safetensors_io import write_safetensors  # noqa: E402


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('layout')
    parser.add_argument('out_dir')
    parser.add_argument('--resolution', type=int, required=True)
    parser.add_argument('--heads', type=int, default=12, help='attention heads of the vision encoder and the decoder (BASE 12, LARGE 16)')
    parser.add_argument('--seed', type=int, default=0)
    parser.add_argument('--tokens', type=int, default=12)
    parser.add_argument('--threads', type=int, default=0)
    args = parser.parse_args()
    if args.threads > 0:
        torch.set_num_threads(args.threads)
    os.makedirs(args.out_dir, exist_ok=True)

    g = torch.Generator().manual_seed(args.seed)
    state_dict = random_state_dict(args.layout, g)
    checkpoint = os.path.join(args.out_dir, 'checkpoint.bin')
    torch.save(state_dict, checkpoint)

    experts = ['rgb', 'depth', 'normal', 'seg', 'edge', 'obj_detection', 'ocr_detection']
    experts = [e for e in experts if e == 'rgb' or any(k.startswith(f'expert_encoder.conv1.{e}.') for k in state_dict)]
    model = load_prismer(checkpoint, resolution=args.resolution, vision_heads=args.heads, decoder_heads=args.heads, experts=experts)
    tensors = make_inputs(args.resolution, experts, args.seed + 1)
    vocab = state_dict['text_decoder.roberta.embeddings.word_embeddings.weight'].shape[0]
    ids = torch.cat([torch.tensor([[0]]), torch.randint(3, vocab, (1, args.tokens - 1), generator=g)], dim=1).to(torch.int32)
    tensors['input_ids'] = ids
    tensors['attention_mask'] = torch.ones_like(ids)
    with torch.no_grad():
        memory = model.expert_encoder(tensors['rgb'], expert_inputs(tensors, experts))
        logits = model.text_decoder(ids.long(), tensors['attention_mask'].long(), memory)
    tensors['expected.memory'] = memory.contiguous()
    tensors['expected.logits'] = logits.contiguous()
    write_safetensors(os.path.join(args.out_dir, 'fixture.safetensors'), tensors)

    width = state_dict['expert_encoder.transformer.resblocks.0.0.ln_1.weight'].shape[0] if 'expert_encoder.transformer.resblocks.0.0.ln_1.weight' in state_dict else None
    hidden = state_dict['text_decoder.roberta.embeddings.word_embeddings.weight'].shape[1]
    fixture = {
        'seed': args.seed,
        'batch': 1,
        'image_resolution': args.resolution,
        'layout': os.path.basename(args.layout),
        'vision': {'width': width, 'heads': args.heads, 'experts': experts},
        'decoder': {'hidden_size': hidden, 'num_attention_heads': args.heads, 'vocab_size': vocab},
        'tensors': sorted(tensors.keys()),
        'memory_tokens': int(memory.shape[1]),
    }
    with open(os.path.join(args.out_dir, 'fixture.json'), 'w') as f:
        json.dump(fixture, f, indent=1)
    print(json.dumps({'dir': args.out_dir, 'memory': list(memory.shape), 'logits': list(logits.shape), 'experts': experts}))


if __name__ == '__main__':
    main()
