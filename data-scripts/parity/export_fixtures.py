#!/usr/bin/env python3
"""Exports the parity fixtures of ginr-java from the authors' own code (kakaobrain/ginr-ipc).

For each tiny config below, this script builds the authors' model with their unmodified classes, gives every
parameter a fixed random value, runs one training forward pass on a fixed batch (for the meta-learning models through
their second-order inner loop), and writes one safetensors file with

  param/<our name>   every parameter and buffer, renamed and reshaped to ginr-java's layout,
  batch/values       the batch as (B, H W, C) channel-last values in [0, 1],
  batch/grid         the clean coordinate grid (H W, 2) of the authors' coordinate sampler,
  batch/coords       the query coordinates (B, H W, 2): the grid plus a fixed jitter of up to half a pixel,
  out/prediction     the model's output at the query coordinates, (B, H W, C),
  out/loss           the training loss (mean over instances of the per-instance MSE), shape (1,),
  grad/<our name>    d loss / d parameter for every trainable parameter,

and metadata holding the YAML config (in the authors' schema) that ginr-java reads to build the same model.
Weights are float32; the reference forward and backward run in float64 on those float32 values, so the fixture
holds the exact result up to one float32 rounding.

Run by hand (not part of the build or the tests), with Debian's python3-torch and python3-omegaconf installed and the
authors' unmodified source on PYTHONPATH, e.g.

  PYTHONPATH=/path/to/ginr-ipc/src /usr/bin/python3 data-scripts/parity/export_fixtures.py \\
      --out inr-lib/src/test/resources/parity --reference-commit "$(git -C /path/to/ginr-ipc rev-parse HEAD)"

Two shims make their 2022 code import on Debian 12's Python 3.11 without editing it: dataclass fields whose default is
a dataclass instance get a default_factory (Python 3.11 refuses such mutable defaults), and when the einops package is
missing, a stand-in provides the one function they call, einops.repeat, for the patterns they use.
"""

import argparse
import copy
import dataclasses
import json
import struct
import sys
import types
from pathlib import Path

import numpy as np
import torch


def install_shims():
    original = dataclasses.dataclass

    def lenient_dataclass(cls=None, /, **kwargs):
        def wrap(c):
            for name, value in list(vars(c).items()):
                if dataclasses.is_dataclass(value) and not isinstance(value, type):
                    setattr(c, name, dataclasses.field(default_factory=lambda v=value: copy.deepcopy(v)))
            return original(c, **kwargs)

        return wrap if cls is None else wrap(cls)

    dataclasses.dataclass = lenient_dataclass
    try:
        import einops  # noqa: F401
    except ImportError:
        stand_in = types.ModuleType("einops")

        def repeat(tensor, pattern, b):
            if pattern in ("n m -> b n m", "n d -> b n d", "... -> b ..."):
                return tensor.unsqueeze(0).expand(b, *tensor.shape)
            raise NotImplementedError(pattern)

        stand_in.repeat = repeat
        sys.modules["einops"] = stand_in


SIDE, BATCH, HIDDEN, FF_DIM, EMBED = 4, 2, 8, 4, 8

HYPONET = f"""
  hyponet:
    type: mlp
    n_layer: 5
    hidden_dim: [{HIDDEN}]
    use_bias: true
    input_dim: 2
    output_dim: 3
    output_bias: 0.5
    fourier_mapping: {{type: deterministic_transinr, trainable: false, use_ff: true, ff_sigma: 8, ff_dim: {FF_DIM}}}
    activation: {{type: relu, siren_w0: null}}
    initialization: {{weight_init_type: kaiming_uniform, bias_init_type: zero}}
    normalize_weight: true
"""

TRANSFORMER = f"""
  coord_sampler: {{data_type: image, coord_range: [-1.0, 1.0], train_strategy: null, val_strategy: null}}
  data_encoder:
    type: unfold
    n_channel: 3
    trainable: false
    encoder_spec: {{patch_size: 2, padding: 0}}
  latent_mapping:
    type: linear
    n_patches: 4
    n_layer: 1
    activation: relu
    hidden_dim: [{EMBED}]
    latent_dim: {EMBED}
    use_pe: true
  transformer:
    n_layer: 1
    embed_dim: {EMBED}
    block: {{n_head: 2, resid_pdrop: 0.0, attn_pdrop: 0.0}}
"""

RUN = f"""
dataset:
  type: image_folder
  resolution: {SIDE}
loss: {{type: mse, subsample: {{type: null, ratio: 1.0}}, coord_noise: coordwise}}
optimizer: {{type: adam, init_lr: 0.0001, weight_decay: 0.0, betas: [0.9, 0.999], max_gn: null}}
experiment: {{batch_size: {BATCH}, total_batch_size: {BATCH}, epochs: 1, save_ckpt_freq: 1, test_freq: 1}}
"""


META = """  n_inner_step: 2
  inner_lr: 0.01
  coord_sampler: {data_type: image, coord_range: [-1.0, 1.0], train_strategy: null, val_strategy: null}
"""


def config(trainer, arch_type, arch_keys, sections):
    """A config in the authors' schema: the arch type and its keys, then the shared sections."""
    return f"\ntrainer: {trainer}\narch:\n  type: {arch_type}\n  ema: null\n{arch_keys}{sections}{RUN}"


def fixtures():
    """(file stem, YAML config) of every fixture."""
    out = []
    for layer in range(5):
        out.append((f"low_rank_transinr_layer{layer}", config(
            "stage_inr", "low_rank_modulated_transinr", f"  n_weight_groups: [4]\n  modulated_layer_idxs: [{layer}]\n",
            TRANSFORMER + HYPONET)))
    out.append(("transinr", config("stage_inr", "transinr",
                                   "  n_weight_groups: [2, 4, 8, 2, 3]\n  modulated_layer_idxs: null\n",
                                   TRANSFORMER + HYPONET)))
    for layer in range(5):
        out.append((f"meta_low_rank_layer{layer}", config(
            "stage_meta_inr", "meta_low_rank_modulated_inr",
            f"  rank: [4]\n  modulated_layer_idxs: [{layer}]\n  use_factorization: true\n" + META, HYPONET)))
    for stem, layers in (("learned_init", "null"), ("learned_init_layers_1_3", "[1, 3]")):
        out.append((stem, config(
            "stage_meta_inr", "meta_low_rank_modulated_inr",
            f"  rank: [{HIDDEN}]\n  modulated_layer_idxs: {layers}\n  use_factorization: false\n" + META, HYPONET)))
    return out


def build_model(yaml_text):
    from omegaconf import OmegaConf
    from models import create_model
    from models.generalizable_INR.configs import (LowRankModulatedTransINRConfig, MetaLowRankModulatedINRConfig,
                                                  TransINRConfig)

    arch = OmegaConf.create(yaml_text).arch
    config_class = {"transinr": TransINRConfig, "low_rank_modulated_transinr": LowRankModulatedTransINRConfig,
                    "meta_low_rank_modulated_inr": MetaLowRankModulatedINRConfig}[arch.type]
    arch = OmegaConf.merge(config_class.create(arch), arch)
    model, _ = create_model(arch)
    return model, arch


def randomise(model, generator):
    """Every parameter gets a fixed random value near its initialisation, so that no bias is zero and no scale one."""
    with torch.no_grad():
        for name, p in model.named_parameters():
            if not p.requires_grad:
                continue
            scale = p.abs().mean().item() if p.abs().mean().item() > 0 else 1.0
            p.add_(0.1 * scale * torch.randn(p.shape, generator=generator, dtype=p.dtype) + 0.02 * torch.randn(
                p.shape, generator=generator, dtype=p.dtype))


def our_name(their_name, modulated):
    """The parameter's name in ginr-java, or None for an authors' parameter ginr-java does not keep."""
    parts = their_name.split(".")
    if parts[0] == "hyponet" and parts[1] == "params_dict":
        layer = int(parts[2][len("linear_wb"):])
        return f"hyponet.b{layer}" if layer in modulated else f"hyponet.wb{layer}"
    if their_name == "weight_groups.weight_groups":
        return "hypernet.weight_tokens"
    if their_name == "latent_mapping.pos_emb_latent":
        return "hypernet.latent_mapping.positional_embedding"
    if parts[0] == "latent_mapping":
        return "hypernet.latent_mapping.linear." + parts[-1]
    if parts[0] == "transformer":
        block, module = parts[2], parts[3]
        leaf = {"weight": "gamma", "bias": "beta"} if module.startswith("ln") else {"weight": "weight", "bias": "bias"}
        if module == "attn":
            module = "attn." + {"query": "q", "key": "k", "value": "v", "proj": "out"}[parts[4]]
        elif module == "mlp":
            module = "mlp." + {"0": "fc1", "2": "fc2"}[parts[4]]
        return f"hypernet.transformer.block{block}.{module}.{leaf[parts[-1]]}"
    if parts[0] == "group_modulation_postfc":
        layer = int(parts[1][len("linear_wb"):])
        if parts[2] == "0":
            return f"hypernet.head{layer}.ln." + {"weight": "gamma", "bias": "beta"}[parts[3]]
        return f"hypernet.head{layer}.linear.{parts[3]}"
    if parts[0] in ("shared_factor", "factors") and "shared_factor" in their_name:
        return f"composers.U{int(parts[-1][len('linear_wb'):])}"
    if parts[0] == "factors" and parts[1] == "init_modulation_factors":
        return None  # named by the caller: meta.phi<l> (composers) or meta.init<l> (Learned Init)
    raise KeyError(their_name)


def our_value(their_name, tensor, modulated):
    """The tensor in ginr-java's layout."""
    if their_name.startswith("hyponet.params_dict.") and int(their_name.split("linear_wb")[1]) in modulated:
        return tensor[-1:, :]  # (1, fan_out): only the shared bias row is kept
    if their_name == "latent_mapping.pos_emb_latent" or "shared_factor" in their_name:
        return tensor.reshape(tensor.shape[-2], tensor.shape[-1])  # drop the leading 1
    return tensor


def fourier_matrix(model):
    """ginr-java's (input_dim, ff_dim) frequency matrix from the authors' per-axis frequencies, block-diagonal."""
    freqs = model.hyponet.ff_linear.detach()
    k, dim = freqs.shape[0], model.hyponet.config.input_dim
    b = torch.zeros(dim, k * dim, dtype=freqs.dtype)
    for axis in range(dim):
        b[axis, axis * k:(axis + 1) * k] = freqs
    return b


def modulated_layers(model, arch):
    if arch.type == "meta_low_rank_modulated_inr":
        return [int(n[len("linear_wb"):]) for n in model.factors.modulated_param_names]
    if arch.type == "low_rank_modulated_transinr":
        return [int(n[len("linear_wb"):]) for n in model.weight_groups.group_idx_dict]
    return []


def run_one(yaml_text, generator):
    model, arch = build_model(yaml_text)
    randomise(model, generator)
    model = model.double()
    model.train()
    torch.set_default_dtype(torch.float64)  # the tensors their code makes on the fly (grids, ones) follow it
    xs = torch.rand(BATCH, 3, SIDE, SIDE, generator=generator, dtype=torch.float32).double()
    grid = model.sample_coord_input(xs)  # (B, H, W, 2)
    jitter = (torch.rand(grid.shape, generator=generator, dtype=torch.float32).double() - 0.5) * 2.0 / SIDE
    coords = (grid + jitter).float().double()
    if arch.type == "meta_low_rank_modulated_inr":
        outputs, _, _ = model(xs, coord=coords, is_training=True)
    else:
        outputs = model(xs, coords)
    loss = model.compute_loss(outputs, xs)["loss_total"]
    loss.backward()
    torch.set_default_dtype(torch.float32)

    modulated = modulated_layers(model, arch)
    tensors = {}
    for name, p in model.named_parameters():
        if not p.requires_grad:
            continue  # the Fourier frequencies: exported below in our layout
        ours = our_name(name, modulated)
        if ours is None:
            layer = int(name.split("linear_wb")[1])
            ours = f"meta.phi{layer}" if arch.use_factorization else f"meta.init{layer}"
        tensors["param/" + ours] = our_value(name, p.detach(), modulated)
        grad = p.grad if p.grad is not None else torch.zeros_like(p)
        tensors["grad/" + ours] = our_value(name, grad, modulated)
    tensors["param/hyponet.fourier.B"] = fourier_matrix(model)
    channel_last = lambda t: t.permute(0, 2, 3, 1).reshape(BATCH, SIDE * SIDE, -1)  # (B, C, H, W) -> (B, H W, C)
    tensors["batch/values"] = channel_last(xs)
    tensors["batch/grid"] = grid[0].reshape(SIDE * SIDE, 2)
    tensors["batch/coords"] = coords.reshape(BATCH, SIDE * SIDE, 2)
    tensors["out/prediction"] = channel_last(outputs.detach())
    tensors["out/loss"] = loss.detach().reshape(1)
    return {k: v.float().contiguous() for k, v in tensors.items()}


def write_safetensors(path, tensors, metadata):
    header, chunks, offset = {}, [], 0
    for name in sorted(tensors):
        data = tensors[name].numpy().astype("<f4").tobytes()
        header[name] = {"dtype": "F32", "shape": list(tensors[name].shape),
                        "data_offsets": [offset, offset + len(data)]}
        chunks.append(data)
        offset += len(data)
    header["__metadata__"] = metadata
    text = json.dumps(header, separators=(",", ":")).encode("utf-8")
    text += b" " * (-len(text) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)))
        f.write(text)
        for chunk in chunks:
            f.write(chunk)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", required=True, type=Path)
    parser.add_argument("--reference-commit", default="unknown", help="commit of the authors' code on PYTHONPATH")
    parser.add_argument("--seed", type=int, default=2023)
    args = parser.parse_args()
    install_shims()
    args.out.mkdir(parents=True, exist_ok=True)
    for index, (stem, yaml_text) in enumerate(fixtures()):
        generator = torch.Generator().manual_seed(args.seed + index)
        torch.manual_seed(args.seed + index)
        tensors = run_one(yaml_text, generator)
        metadata = {"ginr.format": "ginr-checkpoint-1", "parity.config": yaml_text.strip() + "\n",
                    "parity.reference": "kakaobrain/ginr-ipc@" + args.reference_commit,
                    "parity.torch": torch.__version__, "parity.seed": str(args.seed + index)}
        write_safetensors(args.out / f"{stem}.safetensors", tensors, metadata)
        print(f"{stem}: loss {tensors['out/loss'].item():.6f}, {len(tensors)} tensors")


if __name__ == "__main__":
    main()
