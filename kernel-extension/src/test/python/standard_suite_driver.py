"""Runs Jupyter's standard kernel conformance suite (jupyter_kernel_test) against a kernel with Java snippets for
every feature it checks, and prints one JSON object with the outcome of each of its 17 checks.

Test driver only (product code is Java): StandardKernelSuiteTest runs it with Debian's /usr/bin/python3 and the
distribution's python3-jupyter-kernel-test, and asserts on the JSON.
Usage: standard_suite_driver.py KERNEL_NAME   (JUPYTER_PATH must point at the kernelspec).

The 17 checks: the eleven single tests (kernel_info, stdout, stderr, completion, is_complete, pager, error,
execute_result, display_data, inspect, clear_output) and the six parts of the history test (tail, tail with output,
range, search, search unique, search n). There is no Java pager idiom, so no pager sample: that check is skipped.
"""
import json
import sys
import unittest

import jupyter_kernel_test

KERNEL = sys.argv[1] if __name__ == "__main__" else "ginr"


class JavaKernelTests(jupyter_kernel_test.KernelTests):
    kernel_name = KERNEL
    language_name = "java"
    file_extension = ".java"

    code_hello_world = 'System.out.println("hello, world");'
    code_stderr = 'System.err.println("to stderr");'
    completion_samples = [
        {"text": "Integer.MAX_VA", "matches": {"MAX_VALUE"}},
        {"text": 'String greeting = "hi";\ngreeting.toUpperC', "matches": {"toUpperCase("}},
    ]
    complete_code_samples = ["1 + 1", "int x = 1;", 'System.out.println("ok");', "void f() { }", "undefinedName + 1"]
    incomplete_code_samples = ["for (int i = 0; i < 3; i++) {", "int y = (1 +", "void g() {"]
    invalid_code_samples = ["int 1x = 2;", "1 +* 2;", "int x = ;"]
    code_page_something = ""  # no pager in Java notebooks
    code_generate_error = 'throw new IllegalStateException("boom");'
    code_execute_result = [
        {"code": "6 * 7", "result": "42"},
        {"code": '"ab" + "cd"', "result": "abcd"},
        {"code": "java.util.List.of(1, 2)", "result": "[1, 2]"},
    ]
    code_history_pattern = "6 ? 7"
    supported_history_operations = ("tail", "range", "search")
    code_display_data = [
        {"code": "display(new java.awt.image.BufferedImage(4, 4, java.awt.image.BufferedImage.TYPE_INT_RGB));",
         "mime": "image/png"},
        {"code": 'display("plain text");', "mime": "text/plain"},
    ]
    code_inspect_sample = "Integer"
    code_clear_output = "clearOutput();"


HISTORY_PARTS = {
    (("hist_access_type", "tail"),): "history_tail",
    (("hist_access_type", "tail"), ("output", True)): "history_tail_output",
    (("hist_access_type", "range"),): "history_range",
    (("hist_access_type", "search"), ("subsearch", "normal")): "history_search",
    (("hist_access_type", "search"), ("subsearch", "unique")): "history_search_unique",
    (("hist_access_type", "search"), ("subsearch", "n")): "history_search_n",
}


class Recorder(unittest.TestResult):
    """Records the outcome of each test, and of each part of the history test, by check name."""

    def __init__(self):
        super().__init__()
        self.checks = {}

    @staticmethod
    def name(test):
        if isinstance(test, unittest.case._SubTest):
            params = tuple(sorted(test.params.items()))
            if test.test_case._testMethodName == "test_history":
                return HISTORY_PARTS.get(params)
            return None  # other subtests are parts of one check: the test's own outcome decides it
        return test._testMethodName[len("test_"):]

    def put(self, test, outcome, message=None):
        name = self.name(test)
        if name is None:
            if outcome == "fail" and isinstance(test, unittest.case._SubTest):
                self.put_parent(test, message)
            return
        if self.checks.get(name, {}).get("outcome") in ("fail", "skip") and outcome == "pass":
            return
        self.checks[name] = {"outcome": outcome, "message": message}

    def put_parent(self, subtest, message):
        name = subtest.test_case._testMethodName[len("test_"):]
        self.checks[name] = {"outcome": "fail", "message": "%s: %s" % (subtest._subDescription(), message)}

    def addSuccess(self, test):
        if test._testMethodName != "test_history":
            self.put(test, "pass")

    def addFailure(self, test, err):
        self.put(test, "fail", self._exc_info_to_string(err, test)[-1500:])

    def addError(self, test, err):
        self.put(test, "fail", self._exc_info_to_string(err, test)[-1500:])

    def addSkip(self, test, reason):
        self.put(test, "skip", reason)

    def addSubTest(self, test, subtest, err):
        if err is None:
            self.put(subtest, "pass")
        elif issubclass(err[0], unittest.SkipTest):
            self.put(subtest, "skip", str(err[1]))
        else:
            self.put(subtest, "fail", self._exc_info_to_string(err, test)[-1500:])


def main():
    suite = unittest.defaultTestLoader.loadTestsFromTestCase(JavaKernelTests)
    result = Recorder()
    suite.run(result)
    checks = result.checks
    print(json.dumps({"checks": checks, "total": len(checks),
                      "passed": sum(1 for c in checks.values() if c["outcome"] == "pass")}))


if __name__ == "__main__":
    main()
