"""Drives the ginr kernel through jupyter_client and prints what it saw as one JSON object.

Test driver only (product code is Java): KernelProtocolTest runs it with Debian's /usr/bin/python3 and asserts on
the JSON. Usage: kernel_protocol_driver.py KERNEL_NAME   (JUPYTER_PATH must point at the kernelspec).
"""
import json
import queue
import sys
import time

from jupyter_client.manager import KernelManager

TIMEOUT = 120


def run(kc, code, timeout=TIMEOUT, keep=()):
    """Executes code; returns the reply content and the iopub messages of this execution (outputs and the message
    types named in keep)."""
    msg_id = kc.execute(code, store_history=True)
    outputs = []
    deadline = time.time() + timeout
    while True:
        msg = kc.get_iopub_msg(timeout=max(1, deadline - time.time()))
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        t = msg["msg_type"]
        if t in ("execute_result", "display_data", "stream", "error") + tuple(keep):
            c = msg["content"]
            outputs.append({"type": t, "data": c.get("data"), "text": c.get("text"),
                            "ename": c.get("ename"), "evalue": c.get("evalue"),
                            "traceback": c.get("traceback"), "wait": c.get("wait")})
        if t == "status" and msg["content"]["execution_state"] == "idle":
            break
    reply = kc.get_shell_msg(timeout=max(1, deadline - time.time()))
    while reply["parent_header"].get("msg_id") != msg_id:
        reply = kc.get_shell_msg(timeout=max(1, deadline - time.time()))
    c = reply["content"]
    return {"status": c["status"], "ename": c.get("ename"), "evalue": c.get("evalue"), "outputs": outputs,
            "count": c.get("execution_count")}


def text_of(result):
    """The text/plain of the execute_result, or None."""
    for o in result["outputs"]:
        if o["type"] == "execute_result":
            return o["data"].get("text/plain")
    return None


def main():
    name = sys.argv[1]
    report = {}
    km = KernelManager(kernel_name=name)
    t0 = time.time()
    km.start_kernel()
    kc = km.client()
    kc.start_channels()
    try:
        kc.wait_for_ready(timeout=60)
        report["startup_seconds"] = time.time() - t0
        info = kc.kernel_info(reply=True, timeout=30)["content"]
        report["kernel_info"] = {"implementation": info.get("implementation"), "status": info.get("status"),
                                 "language": info.get("language_info", {}).get("name"),
                                 "file_extension": info.get("language_info", {}).get("file_extension")}

        # Lazy engine: the first cell sees no PyTorch library mapped into the process.
        maps = 'java.nio.file.Files.readString(java.nio.file.Path.of("/proc/self/maps")).contains("libtorch")'
        report["torch_loaded_at_start"] = text_of(run(kc, maps))

        report["expression"] = text_of(run(kc, "int a = 40;\nint b = 2;\na + b"))
        report["statement_value"] = run(kc, "int c = 3;")["outputs"]
        report["image"] = run(kc, "var img = new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB);\nimg")
        report["display"] = run(kc, 'display(img);\nSystem.out.println("after display");')
        report["imports"] = text_of(run(kc, 'Table.create("t").name() + "|" + XYChart.class.getSimpleName()'
                                            ' + "|" + ModulatedMlp.class.getName()'))
        report["extension"] = run(kc, "%ginr_probe")

        comp = kc.complete("ModulatedM", 10, reply=True, timeout=60)["content"]
        report["complete"] = {"matches": comp["matches"], "start": comp["cursor_start"], "end": comp["cursor_end"]}
        comp2 = kc.complete("int q = 1;\nInstanceFit", 22, reply=True, timeout=60)["content"]
        report["complete_second_line"] = {"matches": comp2["matches"], "start": comp2["cursor_start"]}
        insp = kc.inspect("ModulatedMlp", 5, reply=True, timeout=60)["content"]
        report["inspect"] = {"found": insp["found"], "data": insp["data"]}
        report["is_complete"] = {
            "open_brace": wait_reply(kc, kc.is_complete("for (int i = 0; i < 3; i++) {")),
            "complete": wait_reply(kc, kc.is_complete("int z = 1;")),
        }

        protocol_features(kc, report)

        report["compile_error"] = run(kc, "int ok = 1;\nint bad = undefinedThing + 1;")
        report["runtime_error"] = run(kc, 'void explode() { throw new IllegalStateException("boom"); }\nexplode();')

        # Interrupt a busy loop that never looks at the interrupt flag: forced stop after the grace period.
        msg_id = kc.execute("long spins = 0;\nwhile (true) { spins++; }")
        time.sleep(2)
        t_int = time.time()
        km.interrupt_kernel()
        busy = wait_reply(kc, msg_id)
        drain_iopub(kc)
        report["interrupt_busy"] = {"status": busy["status"], "ename": busy.get("ename"),
                                    "seconds": time.time() - t_int}
        # Interrupt a sleeping cell: stops at once, cooperatively.
        msg_id = kc.execute("Thread.sleep(60_000);")
        time.sleep(1)
        t_int = time.time()
        km.interrupt_kernel()
        sleeping = wait_reply(kc, msg_id)
        drain_iopub(kc)
        report["interrupt_sleep"] = {"status": sleeping["status"], "ename": sleeping.get("ename"),
                                     "seconds": time.time() - t_int}
        report["after_interrupt"] = text_of(run(kc, "spins > 0 ? 6 * 7 : -1"))

        # Many cells: the kernel stays responsive and native arrays do not pile up.
        native = ("try (NDManager m = GinrEngine.engine().newBaseManager()) {\n"
                  "    NDArray x = m.ones(new Shape(16, 16));\n"
                  "    float s = x.matMul(x).sum().getFloat();\n"
                  "}")
        run(kc, native)
        report["torch_loaded_after_use"] = text_of(run(kc, maps))
        # one array kept alive on purpose, so the baseline is not zero and a count that resets would show
        run(kc, "NDManager keptManager = GinrEngine.engine().newBaseManager();\n"
                "NDArray kept = keptManager.ones(new Shape(4));")
        report["live_before"] = text_of(run(kc, "GinrEngine.liveNativeArrays()"))
        t_many = time.time()
        failures = []
        for i in range(200):
            r = run(kc, native if i % 2 == 0 else "%d * 2" % i)
            if r["status"] != "ok" or (i % 2 == 1 and text_of(r) != str(i * 2)):
                failures.append({"i": i, "status": r["status"], "evalue": r.get("evalue")})
        report["many"] = {"seconds": time.time() - t_many, "failures": failures}
        report["live_after"] = text_of(run(kc, "GinrEngine.liveNativeArrays()"))
        t_info = time.time()
        kc.kernel_info(reply=True, timeout=30)
        report["kernel_info_after_many_seconds"] = time.time() - t_info
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=False)
    print(json.dumps(report))


def protocol_features(kc, report):
    """History, clear_output, completion within a cell, stop_on_error and silent requests, as a front end uses them."""
    marker = run(kc, '"history-" + "marker"')
    hist = kc.history(hist_access_type="tail", n=1, output=True, raw=True, reply=True, timeout=30)["content"]
    report["history_tail"] = {"status": hist.get("status"), "history": hist.get("history")}
    report["history_marker_count"] = marker["count"]
    found = kc.history(hist_access_type="search", pattern="*history-*", unique=True, raw=True, output=False,
                       reply=True, timeout=30)["content"]
    report["history_search"] = found.get("history")
    session, line = hist["history"][0][0], hist["history"][0][1]
    ranged = kc.history(hist_access_type="range", session=session, start=line, stop=line + 1, raw=True,
                        output=False, reply=True, timeout=30)["content"]
    report["history_range"] = ranged.get("history")

    report["clear_now"] = run(kc, 'System.out.println("before");\nclearOutput();\nSystem.out.println("after");',
                              keep=("clear_output",))
    report["clear_wait"] = run(kc, "clearOutput(true);", keep=("clear_output",))

    code = 'String greeting = "hello";\nint n = greeting.leng'
    comp = kc.complete(code, len(code), reply=True, timeout=60)["content"]
    report["complete_same_cell"] = {"matches": comp["matches"], "start": comp["cursor_start"],
                                    "end": comp["cursor_end"], "code_length": len(code)}

    # stop_on_error: three cells sent at once; the first fails, the two queued behind it are aborted
    first = kc.execute('throw new IllegalStateException("first fails");', stop_on_error=True)
    second = kc.execute("int neverRuns = 1;")
    third = kc.execute("neverRuns = 2;")
    replies = [wait_reply(kc, m) for m in (first, second, third)]
    drain_iopub(kc)
    report["stop_on_error"] = [r["status"] for r in replies]
    report["after_abort"] = text_of(run(kc, "6 * 7"))
    # a cell sent only after the failed cell's reply arrived was not queued behind it: it runs, however fast it comes
    # (the interrupt test once had its next cell aborted when it came within the kernel's abort loop)
    statuses = []
    for i in range(20):
        failed = kc.execute('throw new IllegalStateException("fails %d");' % i, stop_on_error=True)
        wait_reply(kc, failed)
        statuses.append(wait_reply(kc, kc.execute("%d + 1" % i))["status"])
    drain_iopub(kc)
    report["sent_after_failure"] = statuses
    # without stop_on_error the queue runs on
    first = kc.execute('throw new IllegalStateException("tolerated");', stop_on_error=False)
    second = kc.execute("int doesRun = 5;")
    report["no_stop_on_error"] = [wait_reply(kc, m)["status"] for m in (first, second)]
    drain_iopub(kc)

    # silent: no input, no result, no history, and the execution count does not move
    before = run(kc, "1 + 1")["count"]
    msg_id = kc.execute("int silentValue = 7;\n99", silent=True)
    silent_reply = wait_reply(kc, msg_id)
    silent_out = iopub_of(kc, msg_id)
    after = run(kc, "2 + 2")["count"]
    report["silent"] = {"status": silent_reply["status"], "types": silent_out, "count_step": after - before}


def iopub_of(kc, msg_id, timeout=10):
    """The types of the iopub messages of one request, up to its idle status."""
    types, deadline = [], time.time() + timeout
    while time.time() < deadline:
        try:
            msg = kc.get_iopub_msg(timeout=1)
        except queue.Empty:
            continue
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
            break
        types.append(msg["msg_type"])
    return types


def wait_reply(kc, msg_id, timeout=60):
    deadline = time.time() + timeout
    while True:
        reply = kc.get_shell_msg(timeout=max(1, deadline - time.time()))
        if reply["parent_header"].get("msg_id") == msg_id:
            return reply["content"]


def drain_iopub(kc):
    try:
        while True:
            kc.get_iopub_msg(timeout=0.5)
    except queue.Empty:
        pass


if __name__ == "__main__":
    main()
