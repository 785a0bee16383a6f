"""A tiny safetensors reader and writer (Debian has no `safetensors` package): an 8-byte little-endian
header length, a JSON header {name: {dtype, shape, data_offsets}}, then the raw little-endian data."""
import json
import struct

import torch

_DTYPES = {
    'F32': torch.float32,
    'F16': torch.float16,
    'F64': torch.float64,
    'I32': torch.int32,
    'I64': torch.int64,
    'U8': torch.uint8,
}
_NAMES = {v: k for k, v in _DTYPES.items()}


def read_safetensors(path):
    """All tensors of a file, by name (CPU, contiguous, own memory)."""
    with open(path, 'rb') as f:
        data = f.read()
    (length,) = struct.unpack('<Q', data[:8])
    header = json.loads(data[8:8 + length])
    base = 8 + length
    out = {}
    for name, entry in header.items():
        if name == '__metadata__':
            continue
        start, end = entry['data_offsets']
        dtype = _DTYPES[entry['dtype']]
        raw = bytearray(data[base + start:base + end])
        flat = torch.frombuffer(raw, dtype=dtype) if len(raw) > 0 else torch.empty(0, dtype=dtype)
        out[name] = flat.reshape(entry['shape']).clone()
    return out


def write_safetensors(path, tensors):
    """Writes {name: tensor}; tensors are stored in name order, 8-byte aligned."""
    header = {}
    chunks = []
    offset = 0
    for name in sorted(tensors):
        t = tensors[name].detach().contiguous().cpu()
        raw = t.numpy().tobytes()
        header[name] = {'dtype': _NAMES[t.dtype], 'shape': list(t.shape), 'data_offsets': [offset, offset + len(raw)]}
        chunks.append(raw)
        offset += len(raw)
    text = json.dumps(header).encode('utf8')
    text += b' ' * ((8 - len(text) % 8) % 8)
    with open(path, 'wb') as f:
        f.write(struct.pack('<Q', len(text)))
        f.write(text)
        for raw in chunks:
            f.write(raw)
