#!/usr/bin/env python3
"""Times training steps of the authors' own code (kakaobrain/ginr-ipc) at one of ginr-java's presets.

This is the other half of the side-by-side speed comparison of issue 19 (the first half is ginr-java's
`TrainingBench`, e.g. through `ginr bench --models ours`). It builds the authors' model, unmodified, from the `arch`
section of a ginr-java preset YAML (image-32-small by default: the presets are written in the authors' schema) and
runs their training step as `trainers/trainer_stage_inr.py` does: zero_grad, the coordinate grid plus coordwise
noise, forward, their loss, backward, torch.optim.Adam's step, and one loss value read back (their progress bar
prints it every step). Data loading is left out on both sides: one fixed batch of random images in [0, 1], as
`TrainingBench` uses a fixed synthetic batch. Steps are timed in windows after untimed warm-up steps and printed as
steps per second, one figure per window.

Run by hand, not part of the build or the tests, with Debian's python3-torch and python3-omegaconf and the authors'
source on PYTHONPATH (the same set-up as export_fixtures.py, whose import shims it uses), e.g.

  OMP_WAIT_POLICY=PASSIVE PYTHONPATH=/path/to/ginr-ipc/src:data-scripts/parity /usr/bin/python3 \\
      data-scripts/parity/time_reference.py --preset inr-lib/src/main/resources/dev/ginr/inr/presets/image-32-small.yaml \\
      --threads 2 --warmup 20 --steps 150 --windows 3
"""

import argparse
import time
from pathlib import Path

import torch

from export_fixtures import build_model, install_shims


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--preset", required=True, type=Path, help="a ginr-java preset YAML (authors' schema)")
    parser.add_argument("--type", default=None, help="arch.type to use instead of the preset's")
    parser.add_argument("--threads", type=int, default=2, help="torch intra-op threads")
    parser.add_argument("--warmup", type=int, default=20)
    parser.add_argument("--steps", type=int, default=150, help="timed steps, cut into --windows windows")
    parser.add_argument("--windows", type=int, default=3)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    install_shims()
    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)

    from omegaconf import OmegaConf
    config = OmegaConf.load(args.preset)
    if args.type:
        config.arch.type = args.type
    if config.arch.type in ("transinr", "low_rank_modulated_transinr"):
        # ginr-java's presets carry arch.rank for the meta-learning variant; the authors' transformer models take
        # their rank from n_weight_groups (also in the preset) and refuse the extra key.
        config.arch.pop("rank", None)
        # Their blocks have a fixed MLP ratio of 4 and no key for it.
        ratio = config.arch.transformer.block.pop("mlp_ratio", 4)
        if ratio != 4:
            raise SystemExit(f"the authors' transformer block has MLP ratio 4, the preset asks for {ratio}")
    if "coord_sampler" not in config.arch:  # ginr-java's default, as in the authors' image configs
        config.arch.coord_sampler = {"data_type": "image", "coord_range": [-1.0, 1.0], "train_strategy": None,
                                     "val_strategy": None}
    model, arch = build_model(OmegaConf.to_yaml(OmegaConf.create({"arch": config.arch})))
    model.train()
    optimizer = torch.optim.Adam(model.parameters(), lr=config.optimizer.init_lr,
                                 betas=tuple(config.optimizer.betas), weight_decay=config.optimizer.weight_decay)
    batch, side = config.experiment.batch_size, config.dataset.resolution
    xs = torch.rand(batch, 3, side, side)
    coord_range = arch.coord_sampler.coord_range
    coord_noise = config.loss.coord_noise == "coordwise"

    def step():
        model.zero_grad(set_to_none=True)
        coords = model.sample_coord_input(xs, device=xs.device)  # (B, H, W, 2)
        if coord_noise:
            (b, *shape, dim) = coords.shape
            coords = coords + (torch.rand(b, *shape, dim) - 0.5) * (coord_range[1] - coord_range[0]) / shape[0]
        outputs = model(xs, coords)
        loss = model.compute_loss(outputs, xs)["loss_total"]
        loss.backward()
        optimizer.step()
        return loss.item()

    for _ in range(args.warmup):
        step()
    per_window = args.steps // args.windows
    rates = []
    for _ in range(args.windows):
        start = time.perf_counter()
        for _ in range(per_window):
            step()
        rates.append(per_window / (time.perf_counter() - start))
    print(f"reference {arch.type} @ {args.preset.stem}: torch {torch.__version__}, {torch.get_num_threads()} threads, "
          f"{sum(p.numel() for p in model.parameters() if p.requires_grad)} trainable parameters, "
          f"{args.warmup} warm-up + {args.windows} x {per_window} steps, steps/s "
          + " ".join(f"{r:.2f}" for r in rates))


if __name__ == "__main__":
    main()
