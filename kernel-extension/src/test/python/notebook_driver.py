"""Executes notebooks with nbclient against the ginr kernel and prints a JSON summary of their outputs.

Test driver only: NotebookExecutionTest runs it with Debian's /usr/bin/python3 and asserts on the JSON.
Usage: notebook_driver.py KERNEL_NAME OUT_DIR NOTEBOOK...   (JUPYTER_PATH must point at the kernelspec).
Each executed notebook is also written to OUT_DIR for a human to look at.
"""
import json
import os
import re
import sys
import time

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

PSNR = re.compile(r"Final PSNR: ([0-9.]+) dB")
FIT_PSNR = re.compile(r"Fit PSNR: ([0-9.]+) dB")
HTML_LIMIT = 20000


class CountingClient(NotebookClient):
    """Counts update_display_data messages per cell and display id; the stored notebook only keeps the last state."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.updates = {}

    def process_message(self, msg, cell, cell_index):
        if msg.get("msg_type") == "update_display_data":
            display_id = msg["content"].get("transient", {}).get("display_id")
            per_cell = self.updates.setdefault(cell_index, {})
            per_cell[display_id] = per_cell.get(display_id, 0) + 1
        return super().process_message(msg, cell, cell_index)


def cell_outputs(nb, updates):
    """Per code cell: its first source line, its outputs (type, MIME types, display id, text, HTML) and updates."""
    cells = []
    for index, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        outs = []
        for o in cell.get("outputs", []):
            data = o.get("data", {})
            outs.append({"type": o.output_type, "mimes": sorted(data.keys()),
                         "display_id": o.get("transient", {}).get("display_id"),
                         "text": (o.get("text") or data.get("text/plain") or "")[:HTML_LIMIT],
                         "html": data.get("text/html", "")[:HTML_LIMIT],
                         "ename": o.get("ename"), "evalue": o.get("evalue")})
        cells.append({"index": index, "source": cell.source.split("\n")[0], "outputs": outs,
                      "updates": updates.get(index, {})})
    return cells


def summarize(nb):
    mimes, errors, texts = set(), [], []
    last_was_stream = False
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        for o in cell.get("outputs", []):
            if o.output_type == "error":
                errors.append({"ename": o.ename, "evalue": o.evalue})
            elif o.output_type == "stream":
                mimes.add("text/plain")
                if texts and texts[-1] is not None and last_was_stream:
                    texts[-1] += o.text  # the front end shows consecutive stream pieces as one text
                else:
                    texts.append(o.text)
                last_was_stream = True
                continue
            else:
                mimes.update(o.get("data", {}).keys())
                texts.append(str(o.get("data", {}).get("text/plain", "")))
            last_was_stream = False
    psnr = [float(m) for t in texts for m in PSNR.findall(t)]
    fit = [float(m) for t in texts for m in FIT_PSNR.findall(t)]
    return {"mime_types": sorted(mimes), "errors": errors, "final_psnr": psnr[-1] if psnr else None,
            "fit_psnr": fit[-1] if fit else None}


def main():
    kernel, out_dir, notebooks = sys.argv[1], sys.argv[2], sys.argv[3:]
    os.makedirs(out_dir, exist_ok=True)
    report = {}
    for path in notebooks:
        nb = nbformat.read(path, as_version=4)
        stored = {"outputs_cleared": all(not c.get("outputs") for c in nb.cells if c.cell_type == "code"),
                  "no_execution_counts": all(c.get("execution_count") is None
                                             for c in nb.cells if c.cell_type == "code")}
        client = CountingClient(nb, kernel_name=kernel, timeout=900, store_widget_state=False,
                                resources={"metadata": {"path": os.path.dirname(os.path.abspath(path))}})
        t0 = time.time()
        failure = None
        try:
            client.execute()
        except CellExecutionError as e:
            failure = str(e)[-2000:]
        entry = summarize(nb)
        entry["cells"] = cell_outputs(nb, client.updates)
        entry.update(stored)
        entry["seconds"] = time.time() - t0
        entry["failure"] = failure
        nbformat.write(nb, os.path.join(out_dir, os.path.basename(path)))
        report[os.path.basename(path)] = entry
    print(json.dumps(report))


if __name__ == "__main__":
    main()
