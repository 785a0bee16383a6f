"""The benchmark's reference side, run in its own process so its peak memory is its own: loads a
checkpoint as the official code does, then, for every "run" line on stdin, times the encoder and the
captioning (beam search that re-runs the full decoder every step) on one image's inputs. Speaks JSON lines
on stdout: {"ready"} once loaded, {"run": timings (ms), generated ids, score} per run, and after "end"
{"summary": versions, load time, RSS after loading / after the first run, peak RSS (MiB)}. With --profile,
each run also says where the decoding time goes (decoder forward; in it, the cross-attention key/value
projections of the memory, which the official code recomputes every step).

    python3 run_reference.py --checkpoint F --inputs F --prompt 0,36,4290,290 [--resolution 480]
        [--heads 12] [--threads 2] [--profile]"""
import argparse
import json
import os
import platform
import resource
import sys
import time

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from prismer_reference import beam_search, expert_inputs, load_prismer  # noqa: E402
from safetensors_io import read_safetensors  # noqa: E402


def rss_mib():
    with open('/proc/self/status') as f:
        for line in f:
            if line.startswith('VmRSS:'):
                return int(line.split()[1]) / 1024
    return None


def blas_library():
    """The BLAS this torch build calls (Debian's is built with a generic BLAS: whatever libblas.so.3 is)."""
    with open('/proc/self/maps') as f:
        names = {line.split()[-1].rsplit('/', 1)[-1] for line in f if 'blas' in line.lower() or 'mkl' in line.lower()}
    return sorted(n for n in names if n.endswith('.so') or '.so.' in n)


def peak_rss_mib():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kB on Linux


class CrossProjectionTimer:
    """Times the cross-attention key/value projections (forward hooks on `layer.i.1.self.key/value`)."""

    def __init__(self, decoder):
        self.seconds = 0.0
        self._start = {}
        for layer in decoder.roberta.encoder.layer:
            for linear in (layer[1].self.key, layer[1].self.value):
                linear.register_forward_pre_hook(self._before)
                linear.register_forward_hook(self._after)

    def _before(self, module, _inputs):
        self._start[id(module)] = time.perf_counter()

    def _after(self, module, _inputs, _output):
        self.seconds += time.perf_counter() - self._start.pop(id(module))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('--checkpoint', required=True)
    parser.add_argument('--inputs', required=True)
    parser.add_argument('--prompt', required=True, help='prompt ids, comma-separated (<s> A Ġpicture Ġof)')
    parser.add_argument('--resolution', type=int, default=480)
    parser.add_argument('--heads', type=int, default=12)
    parser.add_argument('--threads', type=int, default=2)
    parser.add_argument('--profile', action='store_true', help='time the decoder forward and cross projections (adds hooks)')
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    prompt = [int(t) for t in args.prompt.split(',')]

    started = time.perf_counter()
    model = load_prismer(args.checkpoint, args.resolution, args.heads, args.heads)
    load_seconds = time.perf_counter() - started
    tensors = read_safetensors(args.inputs)
    experts = expert_inputs(tensors, model.expert_encoder.config.experts)
    rgb = tensors['rgb']
    rss_after_load = rss_mib()

    decoder = model.text_decoder
    forward_seconds = [0.0]
    calls = [0]
    plain_forward = decoder.forward

    def timed_forward(*a, **k):
        t = time.perf_counter()
        out = plain_forward(*a, **k)
        forward_seconds[0] += time.perf_counter() - t
        calls[0] += 1
        return out

    cross = None
    if args.profile:
        decoder.forward = timed_forward
        cross = CrossProjectionTimer(decoder)

    def one_run():
        forward_seconds[0] = 0.0
        calls[0] = 0
        if cross:
            cross.seconds = 0.0
        with torch.no_grad():
            t0 = time.perf_counter()
            memory = model.expert_encoder(rgb, experts)
            t1 = time.perf_counter()
            tokens, score = beam_search(decoder, memory, prompt, num_beams=3, max_length=20, min_length=8, length_penalty=1.0)
            t2 = time.perf_counter()
        run = {'encoderMs': (t1 - t0) * 1000, 'captionMs': (t2 - t1) * 1000, 'totalMs': (t2 - t0) * 1000, 'tokens': tokens, 'score': score}
        if args.profile:
            run.update({'decoderForwardMs': forward_seconds[0] * 1000, 'decoderCalls': calls[0], 'crossProjectionMs': cross.seconds * 1000})
        return run

    def say(message):
        print(json.dumps(message), flush=True)

    # One run per "run" line on stdin, so the benchmark can alternate the two paths; "end" gives the summary.
    say({'ready': True, 'loadMs': load_seconds * 1000})
    runs = 0
    rss_warm = None
    for line in sys.stdin:
        command = line.strip()
        if command == 'run':
            say({'run': one_run()})
            runs += 1
            if runs == 1:
                rss_warm = rss_mib()
        elif command == 'end':
            break
    say({
        'summary': {
            'torch': torch.__version__,
            'python': platform.python_version(),
            'threads': torch.get_num_threads(),
            'blas': blas_library(),
            'openblasThreads': os.environ.get('OPENBLAS_NUM_THREADS'),
            'loadMs': load_seconds * 1000,
            'memoryTokens': int(model.expert_encoder.config.resolution // model.expert_encoder.config.patch) ** 2 + model.expert_encoder.config.latents,
            'rssAfterLoadMiB': rss_after_load,
            'rssWarmMiB': rss_warm,
            'peakRssMiB': peak_rss_mib(),
        }
    })


if __name__ == '__main__':
    main()
