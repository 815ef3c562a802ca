"""Interrupts a busy loop that never looks at the interrupt flag and a sleeping cell, then runs one more cell;
prints one JSON object. For the forced stop on every Java the build accepts (Thread.stop throws from Java 20 on).

Test driver only: OtherJavaKernelTest runs it with Debian's /usr/bin/python3 and asserts on the JSON.
Usage: interrupt_driver.py KERNEL_NAME   (JUPYTER_PATH must point at the kernelspec).
"""
import json
import sys
import time

from jupyter_client.manager import KernelManager

from kernel_protocol_driver import drain_iopub, run, text_of, wait_reply


def interrupt(kc, km, code, after):
    msg_id = kc.execute(code)
    time.sleep(after)
    t0 = time.time()
    km.interrupt_kernel()
    reply = wait_reply(kc, msg_id)
    drain_iopub(kc)
    return {"status": reply["status"], "ename": reply.get("ename"), "seconds": time.time() - t0}


def main():
    report = {}
    km = KernelManager(kernel_name=sys.argv[1])
    km.start_kernel()
    kc = km.client()
    kc.start_channels()
    try:
        kc.wait_for_ready(timeout=60)
        report["java"] = text_of(run(kc, "Runtime.version().feature()"))
        report["busy"] = interrupt(kc, km, "long spins = 0;\nwhile (true) { spins++; }", 3)
        report["swallowing"] = interrupt(kc, km, "while (true) { try { Thread.sleep(50); } catch (Exception e) { } }", 1)
        report["sleep"] = interrupt(kc, km, "Thread.sleep(60_000);", 1)
        report["after"] = text_of(run(kc, "spins > 0 ? 6 * 7 : -1"))
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)
    print(json.dumps(report))


if __name__ == "__main__":
    main()
