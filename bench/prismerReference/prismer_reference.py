"""Prismer and PrismerZ in plain PyTorch, written from docs/prismer-spec (shared) as the official code runs
them: the vision encoder with expert stems, Experts Resampler and a CLIP ViT with adaptors; the RoBERTa-style
decoder with cross-attention and adaptors; the LM head; and captioning with the official decoding (beam
search, transformers 4.26 semantics) that re-runs the whole decoder over the whole sequence at every step,
with no key/value cache, as the official code does. It loads the official state-dict key names.

This is the benchmark's reference (bench/prismerCaption.bench.ts) and is checked against the parity cases
(check_parity.py). It is deliberately not optimised beyond what the official code does."""
import math
from dataclasses import dataclass

import torch
import torch.nn.functional as F
from torch import nn

LOW_LEVEL = ('depth', 'normal', 'edge')
LABEL_RESOLUTION = 224
RESAMPLER_HEADS = 8
PAD_ID = 1
FLOAT_MIN = torch.finfo(torch.float32).min


def stem_name(expert):
    """Every expert whose name contains "seg" shares the `seg` stem (seg_coco, seg_ade)."""
    return 'seg' if 'seg' in expert else expert


# ----------------------------------------------------------------------------------------------- vision

class LayerNorm(nn.LayerNorm):
    """CLIP's LayerNorm: computed in float32 whatever the input type."""

    def forward(self, x):
        return super().forward(x.type(torch.float32)).type(x.dtype)


class QuickGELU(nn.Module):
    def forward(self, x):
        return x * torch.sigmoid(1.702 * x)


class SquaredReLU(nn.Module):
    def forward(self, x):
        return torch.square(torch.relu(x))


class Mlp(nn.Sequential):
    def __init__(self, width, act):
        super().__init__()
        self.c_fc = nn.Linear(width, width * 4)
        self.act = act
        self.c_proj = nn.Linear(width * 4, width)


class ResidualAttentionBlock(nn.Module):
    """CLIP block (sequence-first, as CLIP runs it): x += attn(ln_1 x); x += mlp(ln_2 x). The adaptor sits
    between the two (see VisionBlock)."""

    def __init__(self, width, heads):
        super().__init__()
        self.attn = nn.MultiheadAttention(width, heads)
        self.ln_1 = LayerNorm(width)
        self.mlp = Mlp(width, QuickGELU())
        self.ln_2 = LayerNorm(width)

    def attention(self, x):
        y = self.ln_1(x)
        return self.attn(y, y, y, need_weights=False)[0]


class Adaptor(nn.Module):
    """down → squared ReLU → up, with its own LayerNorm (applied by the caller: pre-norm in the vision
    encoder, post-norm in the decoder)."""

    def __init__(self, width, norm):
        super().__init__()
        self.adaptor = nn.Sequential()
        self.adaptor.add_module('down_proj', nn.Linear(width, width))
        self.adaptor.add_module('act', SquaredReLU())
        self.adaptor.add_module('up_proj', nn.Linear(width, width))
        self.adaptor_ln = norm


class VisionBlock(nn.ModuleList):
    """`resblocks.i.0` (CLIP block) and `resblocks.i.1` (adaptor)."""

    def __init__(self, width, heads):
        super().__init__([ResidualAttentionBlock(width, heads), Adaptor(width, LayerNorm(width))])

    def forward(self, x):
        block, adaptor = self[0], self[1]
        x = x + block.attention(x)
        x = x + adaptor.adaptor(adaptor.adaptor_ln(x))
        return x + block.mlp(block.ln_2(x))


class PerceiverBlock(nn.Module):
    def __init__(self, width, heads):
        super().__init__()
        self.attn = nn.MultiheadAttention(width, heads)
        self.ln_1 = LayerNorm(width)
        self.ln_2 = LayerNorm(width)
        self.ln_ff = LayerNorm(width)
        self.mlp = Mlp(width, SquaredReLU())

    def forward(self, latents, x):
        queries = self.ln_1(latents)
        keys = torch.cat([queries, self.ln_2(x)], dim=0)
        latents = latents + self.attn(queries, keys, keys, need_weights=False)[0]
        return latents + self.mlp(self.ln_ff(latents))


class ExpertsResampler(nn.Module):
    def __init__(self, width, layers, latents):
        super().__init__()
        self.latents = nn.Parameter(torch.zeros(latents, width))
        self.perceiver_blocks = nn.ModuleList([PerceiverBlock(width, RESAMPLER_HEADS) for _ in range(layers)])

    def forward(self, x):
        """x: expert tokens, sequence-first [N, B, D] → latents [L, B, D]."""
        latents = self.latents.unsqueeze(1).expand(-1, x.shape[1], -1)
        for block in self.perceiver_blocks:
            latents = block(latents, x)
        return latents


def expert_stem(expert, channels, width, patch):
    """resize → 4 × (3×3 conv, BN, ReLU) with widths D/8…D → 1×1 conv. Low-level experts are upsampled by
    16/patch and every conv has stride 2; high-level ones resized by 4/patch with strides 2, 2, 1, 1."""
    low = expert in LOW_LEVEL
    layers = [nn.UpsamplingBilinear2d(scale_factor=(16 if low else 4) / patch)]
    strides = (2, 2, 2, 2) if low else (2, 2, 1, 1)
    widths = (width // 8, width // 4, width // 2, width)
    previous = channels
    for stride, out in zip(strides, widths):
        layers += [nn.Conv2d(previous, out, 3, stride, 1, bias=False), nn.BatchNorm2d(out), nn.ReLU()]
        previous = out
    layers.append(nn.Conv2d(width, width, 1, bias=False))
    return nn.Sequential(*layers)


def bicubic_grid(table, grid):
    """A row-major [g², D] positional table resized (PyTorch bicubic, align_corners=False) to grid×grid."""
    side = math.isqrt(table.shape[0])
    if side == grid:
        return table
    image = table.reshape(1, side, side, -1).permute(0, 3, 1, 2)
    resized = F.interpolate(image, size=(grid, grid), mode='bicubic', align_corners=False)
    return resized.permute(0, 2, 3, 1).reshape(grid * grid, -1)


@dataclass
class VisionConfig:
    width: int
    layers: int
    heads: int
    patch: int
    resolution: int
    experts: tuple
    expert_channels: dict
    resampler_layers: int
    latents: int


class ExpertEncoder(nn.Module):
    def __init__(self, c: VisionConfig):
        super().__init__()
        self.config = c
        grid = c.resolution // c.patch
        self.positional_embedding = nn.Parameter(torch.zeros(grid * grid, c.width))
        self.conv1 = nn.ModuleDict({'rgb': nn.Conv2d(3, c.width, c.patch, c.patch, bias=False)})
        for expert in c.experts:
            if stem_name(expert) not in self.conv1:
                self.conv1[stem_name(expert)] = expert_stem(expert, c.expert_channels[expert], c.width, c.patch)
        if 'obj_detection' in c.experts:
            self.instance_embedding = nn.Parameter(torch.zeros(128, c.width))
        if c.experts:
            self.resampler = ExpertsResampler(c.width, c.resampler_layers, c.latents)
        self.ln_pre = LayerNorm(c.width)
        self.transformer = nn.Module()
        self.transformer.resblocks = nn.ModuleList([VisionBlock(c.width, c.heads) for _ in range(c.layers)])
        self.ln_post = LayerNorm(c.width)

    def forward(self, rgb, experts=None):
        """rgb [B, 3, R, R]; experts {name: [B, C, 224, 224]} (semantic ones already as 64 channels), and
        for obj_detection `instance` {'map': [B, 1, 224, 224], 'ids': [N], 'rows': [N]}.
        Returns the memory [B, tokens, D]."""
        experts = experts or {}
        x = self.conv1['rgb'](rgb)
        x = x.flatten(2).permute(0, 2, 1) + self.positional_embedding
        if self.config.experts:
            tokens = []
            for expert in self.config.experts:
                y = self.conv1[stem_name(expert)](experts[expert])
                if expert == 'obj_detection':
                    y = y + self.instance_rows(experts['instance'], y.shape[-1])
                grid = y.shape[-1]
                tokens.append(y.flatten(2).permute(0, 2, 1) + bicubic_grid(self.positional_embedding, grid))
            latents = self.resampler(torch.cat(tokens, dim=1).permute(1, 0, 2))
            x = torch.cat([x, latents.permute(1, 0, 2)], dim=1)
        x = self.ln_pre(x).permute(1, 0, 2)
        for block in self.transformer.resblocks:
            x = block(x)
        return self.ln_post(x.permute(1, 0, 2))

    def instance_rows(self, instance, grid):
        """[B, D, grid, grid]: for each instance id k, the chosen table row added where the map says k."""
        small = F.interpolate(instance['map'].float(), size=(grid, grid), mode='nearest').long()
        out = torch.zeros(small.shape[0], self.instance_embedding.shape[1], grid, grid)
        for k, row in zip(instance['ids'].tolist(), instance['rows'].tolist()):
            out = out + (small == k).float() * self.instance_embedding[row][None, :, None, None]
        return out


# ---------------------------------------------------------------------------------------------- decoder

class SelfAttentionProjections(nn.Module):
    """RoBERTa's `self.{query,key,value}`; heads are contiguous channel slices."""

    def __init__(self, hidden, memory_width, heads):
        super().__init__()
        self.heads = heads
        self.query = nn.Linear(hidden, hidden)
        self.key = nn.Linear(memory_width, hidden)
        self.value = nn.Linear(memory_width, hidden)

    def split(self, x):
        b, t, d = x.shape
        return x.view(b, t, self.heads, d // self.heads).permute(0, 2, 1, 3)

    def forward(self, h, source, mask):
        q, k, v = self.split(self.query(h)), self.split(self.key(source)), self.split(self.value(source))
        scores = torch.matmul(q, k.transpose(-1, -2)) / math.sqrt(q.shape[-1])
        if mask is not None:
            scores = torch.clamp(scores + mask, min=FLOAT_MIN)
        context = torch.matmul(torch.softmax(scores, dim=-1), v)
        b, _, t, _ = context.shape
        return context.permute(0, 2, 1, 3).reshape(b, t, -1)


class DenseLayerNorm(nn.Module):
    """`output.{dense, LayerNorm}`: LN(dense(x) + residual) (post-LN)."""

    def __init__(self, inner, hidden, eps):
        super().__init__()
        self.dense = nn.Linear(inner, hidden)
        self.LayerNorm = nn.LayerNorm(hidden, eps=eps)

    def forward(self, x, residual):
        return self.LayerNorm(self.dense(x) + residual)


class AttentionBlock(nn.Module):
    def __init__(self, hidden, memory_width, heads, eps):
        super().__init__()
        self.self = SelfAttentionProjections(hidden, memory_width, heads)
        self.output = DenseLayerNorm(hidden, hidden, eps)

    def forward(self, h, source, mask):
        return self.output(self.self(h, source, mask), h)


class Intermediate(nn.Module):
    def __init__(self, hidden, inner):
        super().__init__()
        self.dense = nn.Linear(hidden, inner)

    def forward(self, h):
        return F.gelu(self.dense(h))


class RobertaLayer(nn.Module):
    """`layer.i.0` / `output_layer`: self-attention and feed-forward (run apart in a Prismer layer)."""

    def __init__(self, hidden, inner, heads, eps):
        super().__init__()
        self.attention = AttentionBlock(hidden, hidden, heads, eps)
        self.intermediate = Intermediate(hidden, inner)
        self.output = DenseLayerNorm(inner, hidden, eps)

    def self_attention(self, h, mask):
        return self.attention(h, h, mask)

    def feed_forward(self, h):
        return self.output(self.intermediate(h), h)


class DecoderAdaptor(Adaptor):
    def forward(self, h):
        return self.adaptor_ln(self.adaptor(h) + h)


class PrismerLayer(nn.ModuleList):
    """`.0` self-attention → `.1` cross-attention → `.2` adaptor → `.0` feed-forward."""

    def __init__(self, hidden, inner, heads, memory_width, eps):
        super().__init__([
            RobertaLayer(hidden, inner, heads, eps),
            AttentionBlock(hidden, memory_width, heads, eps),
            DecoderAdaptor(hidden, nn.LayerNorm(hidden, eps=eps)),
        ])

    def forward(self, h, memory, mask):
        h = self[0].self_attention(h, mask)
        h = self[1](h, memory, None)
        h = self[2](h)
        return self[0].feed_forward(h)


@dataclass
class DecoderConfig:
    hidden: int
    layers: int
    heads: int
    inner: int
    vocabulary: int
    max_positions: int
    memory_width: int
    eps: float = 1e-5


class Embeddings(nn.Module):
    def __init__(self, c: DecoderConfig):
        super().__init__()
        self.word_embeddings = nn.Embedding(c.vocabulary, c.hidden, padding_idx=PAD_ID)
        self.position_embeddings = nn.Embedding(c.max_positions, c.hidden, padding_idx=PAD_ID)
        self.token_type_embeddings = nn.Embedding(1, c.hidden)
        self.LayerNorm = nn.LayerNorm(c.hidden, eps=c.eps)
        # Stored in the checkpoints but not used: positions come from the ids.
        self.register_buffer('position_ids', torch.arange(c.max_positions).expand((1, -1)))

    def forward(self, ids):
        real = ids.ne(PAD_ID).int()
        positions = (torch.cumsum(real, dim=1) * real).long() + PAD_ID
        x = self.word_embeddings(ids) + self.token_type_embeddings(torch.zeros_like(ids))
        x = x + self.position_embeddings(positions)
        return self.LayerNorm(x)


class LmHead(nn.Module):
    def __init__(self, c: DecoderConfig):
        super().__init__()
        self.dense = nn.Linear(c.hidden, c.hidden)
        self.layer_norm = nn.LayerNorm(c.hidden, eps=c.eps)
        self.decoder = nn.Linear(c.hidden, c.vocabulary)
        self.bias = self.decoder.bias  # one tensor under two keys, as in transformers

    def forward(self, h):
        return self.decoder(self.layer_norm(F.gelu(self.dense(h))))


class TextDecoder(nn.Module):
    def __init__(self, c: DecoderConfig):
        super().__init__()
        self.config = c
        self.roberta = nn.Module()
        self.roberta.embeddings = Embeddings(c)
        self.roberta.encoder = nn.Module()
        self.roberta.encoder.layer = nn.ModuleList([PrismerLayer(c.hidden, c.inner, c.heads, c.memory_width, c.eps) for _ in range(c.layers)])
        self.roberta.encoder.output_layer = RobertaLayer(c.hidden, c.inner, c.heads, c.eps)
        self.lm_head = LmHead(c)

    def forward(self, ids, mask, memory):
        """ids, mask [B, T]; memory [B, M, Dm] → logits [B, T, V] (every position, as transformers does)."""
        t = ids.shape[1]
        allowed = torch.tril(torch.ones(t, t, dtype=torch.bool))[None, None] & mask.bool()[:, None, None, :]
        additive = (1.0 - allowed.float()) * FLOAT_MIN
        h = self.roberta.embeddings(ids)
        for layer in self.roberta.encoder.layer:
            h = layer(h, memory, additive)
        out = self.roberta.encoder.output_layer
        h = out.feed_forward(out.self_attention(h, additive))
        return self.lm_head(h)


# ------------------------------------------------------------------------------------------------ model

class Prismer(nn.Module):
    def __init__(self, vision: VisionConfig, decoder: DecoderConfig):
        super().__init__()
        self.expert_encoder = ExpertEncoder(vision)
        self.text_decoder = TextDecoder(decoder)


def _count(prefix, state_dict):
    return len({k[len(prefix):].split('.')[0] for k in state_dict if k.startswith(prefix)})


def configs_from_state_dict(state_dict, resolution, vision_heads, decoder_heads, experts=None):
    """Sizes read from the tensors; the head counts are not in a state dict (BASE 12, LARGE 16)."""
    rgb = state_dict['expert_encoder.conv1.rgb.weight']
    width, patch = rgb.shape[0], rgb.shape[-1]
    stems = {k.split('.')[2] for k in state_dict if k.startswith('expert_encoder.conv1.')} - {'rgb'}
    if experts is None:
        experts = sorted(stems)
    experts = tuple(e for e in experts if e != 'rgb')
    channels = {e: state_dict[f'expert_encoder.conv1.{stem_name(e)}.1.weight'].shape[1] for e in experts}
    latents = state_dict.get('expert_encoder.resampler.latents')
    vision = VisionConfig(
        width=width,
        layers=_count('expert_encoder.transformer.resblocks.', state_dict),
        heads=vision_heads,
        patch=patch,
        resolution=resolution,
        experts=experts,
        expert_channels=channels,
        resampler_layers=_count('expert_encoder.resampler.perceiver_blocks.', state_dict),
        latents=0 if latents is None else latents.shape[0],
    )
    words = state_dict['text_decoder.roberta.embeddings.word_embeddings.weight']
    decoder = DecoderConfig(
        hidden=words.shape[1],
        layers=_count('text_decoder.roberta.encoder.layer.', state_dict),
        heads=decoder_heads,
        inner=state_dict['text_decoder.roberta.encoder.output_layer.intermediate.dense.weight'].shape[0],
        vocabulary=words.shape[0],
        max_positions=state_dict['text_decoder.roberta.embeddings.position_embeddings.weight'].shape[0],
        memory_width=state_dict['text_decoder.roberta.encoder.layer.0.1.self.key.weight'].shape[1],
    )
    return vision, decoder


def load_prismer(path, resolution, vision_heads, decoder_heads, experts=None):
    """Builds the model for `resolution` and loads an official checkpoint into it, as the official code
    does (model built, then load_state_dict). A positional grid saved for another resolution is resized
    bicubically first, as fine-tuning at a new resolution does. The LM head is tied to the word embedding
    when the checkpoint stores it once."""
    state_dict = torch.load(path, map_location='cpu')
    vision, decoder = configs_from_state_dict(state_dict, resolution, vision_heads, decoder_heads, experts)
    key = 'expert_encoder.positional_embedding'
    state_dict[key] = bicubic_grid(state_dict[key], resolution // vision.patch)
    if 'text_decoder.lm_head.decoder.weight' not in state_dict:
        state_dict['text_decoder.lm_head.decoder.weight'] = state_dict['text_decoder.roberta.embeddings.word_embeddings.weight']
    model = Prismer(vision, decoder)
    # Stems of experts not used by this run are left out, as a model built for fewer experts has them not.
    used = set(model.state_dict())
    model.load_state_dict({k: v for k, v in state_dict.items() if k in used}, strict=True)
    del state_dict
    return model.eval()


def expert_inputs(tensors, experts, batch_slice=slice(None)):
    """The encoder's expert dict from fixture-style tensors: low-level maps as given; semantic ones as
    `features[label_map]` channels first; obj_detection's instance map and chosen rows."""
    out = {}
    for expert in experts:
        if expert == 'rgb':
            continue
        if expert in LOW_LEVEL:
            out[expert] = tensors[expert][batch_slice]
        else:
            table = tensors[f'{expert}.features']
            labels = tensors[f'{expert}.label_map'][batch_slice].long()
            out[expert] = table[labels].permute(0, 3, 1, 2).contiguous()
    if 'obj_detection' in experts:
        out['instance'] = {
            'map': tensors['obj_detection.instance'][batch_slice],
            'ids': tensors['obj_detection.instance_ids'],
            'rows': tensors['obj_detection.instance_embedding_index'],
        }
    return out


# ------------------------------------------------------------------------------------------- generation

class BeamHypotheses:
    """transformers 4.26 `BeamHypotheses`: finished hypotheses are stored without their `</s>`."""

    def __init__(self, num_beams, length_penalty):
        self.num_beams = num_beams
        self.length_penalty = length_penalty
        self.beams = []
        self.worst_score = 1e9

    def add(self, tokens, sum_logprobs):
        score = sum_logprobs / (tokens.shape[-1] ** self.length_penalty)
        if len(self.beams) < self.num_beams or score > self.worst_score:
            self.beams.append((score, tokens))
            if len(self.beams) > self.num_beams:
                ranked = sorted([(s, i) for i, (s, _) in enumerate(self.beams)])
                del self.beams[ranked[0][1]]
                self.worst_score = ranked[1][0]
            else:
                self.worst_score = min(score, self.worst_score)

    def is_done(self, best_sum_logprobs, cur_len):
        if len(self.beams) < self.num_beams:
            return False
        return self.worst_score >= best_sum_logprobs / cur_len ** self.length_penalty


@torch.no_grad()
def beam_search(decoder, memory, prompt, num_beams=3, max_length=20, min_length=8, length_penalty=1.0, eos=2, on_step=None):
    """One image's beam search as transformers 4.26 runs it for the official code: num_beams copies of the
    prompt (beam 0 scored 0, the others -1e9), the memory repeated per beam, and at every step the full
    decoder over the whole sequence (no cache). Lengths count the prompt. Returns the best sequence
    (prompt + generated, `</s>` appended when it finished by `</s>`) and its score."""
    memory = memory.repeat_interleave(num_beams, dim=0)
    ids = torch.tensor([prompt] * num_beams, dtype=torch.long)
    beam_scores = torch.zeros(num_beams, dtype=torch.float32)
    beam_scores[1:] = -1e9
    hyps = BeamHypotheses(num_beams, length_penalty)
    done = False
    while True:
        cur_len = ids.shape[1]
        logits = decoder(ids, torch.ones_like(ids), memory)[:, -1, :]
        scores = torch.log_softmax(logits, dim=-1)
        if cur_len < min_length:
            scores[:, eos] = -float('inf')
        vocab = scores.shape[-1]
        scores = (scores + beam_scores[:, None]).view(1, num_beams * vocab)
        top_scores, top = torch.topk(scores, 2 * num_beams, dim=1, largest=True, sorted=True)
        origins, tokens = top[0] // vocab, top[0] % vocab
        next_scores, next_tokens, next_origins = [], [], []
        for rank, (token, score, origin) in enumerate(zip(tokens.tolist(), top_scores[0].tolist(), origins.tolist())):
            if token == eos:
                if rank >= num_beams:
                    continue
                hyps.add(ids[origin].clone(), score)
            else:
                next_scores.append(score)
                next_tokens.append(token)
                next_origins.append(origin)
            if len(next_tokens) == num_beams:
                break
        done = done or hyps.is_done(top_scores[0].max().item(), cur_len)
        beam_scores = torch.tensor(next_scores, dtype=torch.float32)
        ids = torch.cat([ids[next_origins], torch.tensor(next_tokens, dtype=torch.long)[:, None]], dim=1)
        if on_step is not None:
            on_step(ids)
        if done or ids.shape[1] >= max_length:
            break
    if not done:
        for beam in range(num_beams):
            hyps.add(ids[beam], beam_scores[beam].item())
    score, best = sorted(hyps.beams, key=lambda x: x[0])[-1]
    tokens = best.tolist()
    if len(tokens) < max_length:
        tokens.append(eos)
    return tokens, score


@torch.no_grad()
def caption(model, rgb, experts, prompt, **options):
    """Encoder once, then beam search over its memory: the official captioning path for one image."""
    memory = model.expert_encoder(rgb, experts)
    return beam_search(model.text_decoder, memory, prompt, **options)
