"""Interrupts a running %ginr_train through jupyter_client and checks what it left behind; prints one JSON object.

Test driver only: TrainingInterruptTest runs it with Debian's /usr/bin/python3 and asserts on the JSON.
Usage: training_interrupt_driver.py KERNEL_NAME RUN_DIR   (JUPYTER_PATH must point at the kernelspec).
"""
import json
import os
import queue
import sys
import time

from jupyter_client.manager import KernelManager

from kernel_protocol_driver import run, text_of, wait_reply


def last_display(kc, msg_id):
    """The text of the last display (or update) the interrupted cell sent."""
    text = None
    try:
        while True:
            msg = kc.get_iopub_msg(timeout=1)
            if msg["parent_header"].get("msg_id") != msg_id:
                continue
            c = msg["content"]
            if "data" in c:
                text = c["data"].get("text/plain", text)
            elif msg["msg_type"] in ("stream", "error"):
                text = (text or "") + " | " + msg["msg_type"] + ": " + str(c.get("text") or c.get("evalue"))
    except queue.Empty:
        return text


def main():
    name, run_dir = sys.argv[1], sys.argv[2]
    report = {}
    km = KernelManager(kernel_name=name)
    km.start_kernel()
    kc = km.client()
    kc.start_channels()
    try:
        kc.wait_for_ready(timeout=60)
        report["config"] = run(kc, "%%ginr_config long --preset image-32-small\nexperiment:\n  steps: 150\n"
                                   "  batch_size: 4\n")["status"]
        msg_id = kc.execute("%%ginr_train long --images 8 --test-images 2 --out %s" % run_dir)
        checkpoint = os.path.join(run_dir, "checkpoint.safetensors")
        updates, deadline = 0, time.time() + 240
        # interrupt once the display was updated and a periodic checkpoint (every 15 steps) exists
        while (updates < 2 or not os.path.exists(checkpoint)) and time.time() < deadline:
            try:
                msg = kc.get_iopub_msg(timeout=1)
            except queue.Empty:
                continue
            if msg["parent_header"].get("msg_id") == msg_id and msg["msg_type"] == "update_display_data":
                updates += 1
        report["updates_before_interrupt"] = updates
        t0 = time.time()
        km.interrupt_kernel()
        reply = wait_reply(kc, msg_id, timeout=120)
        report["interrupt"] = {"status": reply["status"], "ename": reply.get("ename"),
                               "seconds": time.time() - t0}
        report["last_display"] = last_display(kc, msg_id)
        path = json.dumps(run_dir)
        loaded = run(kc, "ExperimentRun.load(Path.of(%s)).name()" % path)
        report["loaded_name"] = text_of(loaded)
        report["load_error"] = loaded.get("evalue")
        report["run_dir_files"] = text_of(run(kc, "Arrays.toString(new File(%s).list())" % path))
        report["checkpoint_step"] = text_of(run(kc, (
            "String step(Path dir) {\n"
            "    try (NDManager m = GinrEngine.engine().newBaseManager()) {\n"
            "        return dev.ginr.inr.train.Checkpoint.read(dir.resolve(\"checkpoint.safetensors\"), m)"
            ".metadata().get(\"train.step\");\n    }\n}\nstep(Path.of(%s))") % path))
        report["after"] = text_of(run(kc, "6 * 7"))
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)
    print(json.dumps(report))


if __name__ == "__main__":
    main()
