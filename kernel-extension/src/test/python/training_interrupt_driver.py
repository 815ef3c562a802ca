"""Interrupts a running %ginr_train through jupyter_client and checks what it left behind; prints one JSON object.

Test driver only: TrainingInterruptTest runs it with Debian's /usr/bin/python3 and asserts on the JSON.
Usage: training_interrupt_driver.py KERNEL_NAME RUN_DIR   (JUPYTER_PATH must point at the kernelspec).
"""
import json
import sys
import time

from jupyter_client.manager import KernelManager

from kernel_protocol_driver import drain_iopub, run, text_of, wait_reply


def main():
    name, run_dir = sys.argv[1], sys.argv[2]
    report = {}
    km = KernelManager(kernel_name=name)
    km.start_kernel()
    kc = km.client()
    kc.start_channels()
    try:
        kc.wait_for_ready(timeout=60)
        report["config"] = run(kc, "%%ginr_config long --preset image-32-small\nexperiment:\n  steps: 5000\n"
                                   "  batch_size: 2\n")["status"]
        msg_id = kc.execute("%%ginr_train long --images 2 --test-images 1 --out %s" % run_dir)
        updates, deadline = 0, time.time() + 240
        while updates < 2 and time.time() < deadline:  # a few steps done: the display was updated
            msg = kc.get_iopub_msg(timeout=240)
            if msg["parent_header"].get("msg_id") == msg_id and msg["msg_type"] == "update_display_data":
                updates += 1
        report["updates_before_interrupt"] = updates
        t0 = time.time()
        km.interrupt_kernel()
        reply = wait_reply(kc, msg_id, timeout=120)
        report["interrupt"] = {"status": reply["status"], "ename": reply.get("ename"),
                               "seconds": time.time() - t0}
        drain_iopub(kc)
        path = json.dumps(run_dir)
        report["loaded_name"] = text_of(run(kc, "ExperimentRun.load(Path.of(%s)).name()" % path))
        report["checkpoint_step"] = text_of(run(kc, (
            "String step(Path dir) {\n"
            "    try (NDManager m = GinrEngine.engine().newBaseManager()) {\n"
            "        return dev.ginr.inr.train.Checkpoint.read(dir.resolve(\"checkpoint.safetensors\"), m)"
            ".metadata().get(\"train.step\");\n    }\n}\nstep(Path.of(%s))") % path))
        report["stored_run"] = text_of(run(kc, "dev.ginr.notebook.magic.GinrSession.get().run(\"long\").run()"
                                               ".result().stopReason()"))
        report["after"] = text_of(run(kc, "6 * 7"))
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)
    print(json.dumps(report))


if __name__ == "__main__":
    main()
