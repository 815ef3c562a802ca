"""Interrupts a running 2000-step %ginr_train through jupyter_client after 10 s, five times in a row (the first run
fresh, the next four with --resume), and records what each interrupt left behind; prints one JSON object.

Test driver only: TrainingInterruptTest runs it with Debian's /usr/bin/python3 and asserts on the JSON.
Usage: training_interrupt_driver.py KERNEL_NAME RUN_DIR   (JUPYTER_PATH must point at the kernelspec).
"""
import json
import queue
import re
import sys
import time

from jupyter_client.manager import KernelManager

from kernel_protocol_driver import run, text_of, wait_reply

ROUNDS = 5
RUN_SECONDS = 10  # from the cell's start to the interrupt, ...
SHOWN_SECONDS = 5  # ... and never before the training display has moved for this long (a slow start on a busy machine)
START_LIMIT_SECONDS = 120  # to load the engine and the data


def text_of_display(msg):
    data = msg["content"].get("data") or {}
    return data.get("text/plain")


def one_round(kc, km, run_dir, resume):
    """Starts the training, interrupts it RUN_SECONDS after the cell started (later only when the first step was shown
    less than SHOWN_SECONDS before, so that a slow start on a busy machine still leaves a training display to watch),
    and returns what the cell showed and replied."""
    code = "%%ginr_train long --images 8 --test-images 2 --out %s%s" % (run_dir, " --resume" if resume else "")
    msg_id = kc.execute(code)
    t0, shown, texts, streams = time.time(), [], [], []
    first_step_at, interrupted_at = None, None
    while True:
        now = time.time()
        if interrupted_at is None and (first_step_at is not None and now - t0 >= RUN_SECONDS
                                       and now - first_step_at >= SHOWN_SECONDS
                                       or now - t0 >= START_LIMIT_SECONDS):
            interrupted_at = now
            km.interrupt_kernel()
        try:
            msg = kc.get_iopub_msg(timeout=0.2)
        except queue.Empty:
            continue
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        t = msg["msg_type"]
        if t in ("display_data", "update_display_data"):
            shown.append(time.time())
            texts.append(text_of_display(msg))
            if first_step_at is None and re.search(r"step \d+/", texts[-1] or ""):
                first_step_at = shown[-1]
        elif t in ("stream", "error"):
            streams.append({"type": t, "text": msg["content"].get("text"), "ename": msg["content"].get("ename")})
        elif t == "status" and msg["content"]["execution_state"] == "idle":
            break
    reply = wait_reply(kc, msg_id, timeout=120)
    running = [s for s in shown if interrupted_at is None or s < interrupted_at]
    gaps = [b - a for a, b in zip(running, running[1:])]
    # "at most a few times a second": the most redraws that arrived within any one second (robust to the client's
    # own scheduling delays, which can bunch two redraws the kernel sent half a second apart)
    per_second = max((sum(1 for s in running if a <= s < a + 1) for a in running), default=0)
    steps = [int(m.group(1)) for m in (re.search(r"step (\d+)/", x or "") for x in texts) if m]
    return {"status": reply["status"], "ename": reply.get("ename"), "evalue": reply.get("evalue"),
            "stop_seconds": None if interrupted_at is None else time.time() - interrupted_at,
            "start_seconds": None if first_step_at is None else first_step_at - t0,
            "updates_while_running": len(running),
            "display_seconds": running[-1] - running[0] if running else 0,
            "max_gap": max(gaps) if gaps else None, "max_per_second": per_second,
            "first_step_shown": steps[0] if steps else None, "last_display": texts[-1] if texts else None,
            "streams": streams}


def checkpoint_step(kc, run_dir):
    path = json.dumps(run_dir)
    return text_of(run(kc, (
        "String step(Path dir) {\n"
        "    try (NDManager m = GinrEngine.engine().newBaseManager()) {\n"
        "        return dev.ginr.inr.train.Checkpoint.read(dir.resolve(\"checkpoint.safetensors\"), m)"
        ".metadata().get(\"train.step\");\n    }\n}\nstep(Path.of(%s))") % path))


def main():
    name, run_dir = sys.argv[1], sys.argv[2]
    report = {"rounds": []}
    km = KernelManager(kernel_name=name)
    km.start_kernel()
    kc = km.client()
    kc.start_channels()
    try:
        kc.wait_for_ready(timeout=60)
        report["config"] = run(kc, "%%ginr_config long --preset image-32-small\nexperiment:\n  steps: 2000\n"
                                   "  batch_size: 4\n")["status"]
        for i in range(ROUNDS):
            r = one_round(kc, km, run_dir, resume=i > 0)
            info = run(kc, "%ginr")
            r["ginr"] = "".join(o.get("text") or (o.get("data") or {}).get("text/plain", "")
                                for o in info["outputs"])
            r["ginr_status"] = "%s %s %s" % (info["status"], info.get("ename"), info.get("evalue"))
            r["checkpoint_step"] = checkpoint_step(kc, run_dir)
            r["after"] = text_of(run(kc, "6 * 7"))
            report["rounds"].append(r)
        report["loaded_name"] = text_of(run(kc, "ExperimentRun.load(Path.of(%s)).name()" % json.dumps(run_dir)))
        # --resume continues from the checkpoint: one more step to a run of P + 1 steps trains exactly one step
        last = int(report["rounds"][-1]["checkpoint_step"].strip('"'))
        resumed = run(kc, "%%ginr_train long --images 8 --test-images 2 --out %s --steps %d --resume"
                      % (run_dir, last + 1), timeout=300)
        report["resume"] = {"status": resumed["status"], "evalue": resumed.get("evalue"), "from": last,
                            "steps_trained": text_of(run(kc, (
                                "dev.ginr.notebook.magic.GinrSession.get().runs().get(\"long\").run().result()"
                                ".history().stream().map(e -> e.step()).toList()"))),
                            "checkpoint_step": checkpoint_step(kc, run_dir)}
        report["ablation"] = interrupted_ablation(kc, km, run_dir + "-ablation")
        report["after_ablation"] = text_of(run(kc, "6 * 7"))
    except Exception:
        print("report so far: " + json.dumps(report, default=str), file=sys.stderr)
        raise
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)
    print(json.dumps(report))


def interrupted_ablation(kc, km, out):
    """%ginr_ablation interrupted once its second layer is training: the first layer stays in the table."""
    msg_id = kc.execute("%%ginr_ablation long --layers 1-3 --steps 40 --images 4 --test-images 2 --out %s" % out)
    texts, interrupted, deadline = [], False, time.time() + 600
    while time.time() < deadline:
        try:
            msg = kc.get_iopub_msg(timeout=0.5)
        except queue.Empty:
            continue
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        if msg["msg_type"] == "display_data":
            texts.append(text_of_display(msg) or "")
            if not interrupted and texts[-1].startswith("layer 2"):
                time.sleep(1)
                km.interrupt_kernel()
                interrupted = True
        if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
            break
    reply = wait_reply(kc, msg_id, timeout=60)
    tables = [t for t in texts if "layer (paper numbering)" in t]
    return {"status": reply["status"], "ename": reply.get("ename"), "interrupted": interrupted,
            "table": tables[-1] if tables else None}


if __name__ == "__main__":
    main()
