"""The public Jupyter kernel conformance suite (jupyter_kernel_test) with every sample it asks for, for the
sharpness-java kernel. Needs the suite installed (pip needs the network: CI runs protocol_check.py instead).
Run: JUPYTER_PATH=<prefix>/share/jupyter python -m unittest -v public_suite (from kernel-install/)."""
import unittest
import jupyter_kernel_test as jkt


class SharpnessJavaTests(jkt.KernelTests):
    kernel_name, language_name, file_extension = "sharpness-java", "java", ".jshell"
    code_hello_world = 'System.out.println("hello, world");'
    code_stderr = 'System.err.println("to stderr");'
    completion_samples = [{"text": "Math.signu", "matches": {"signum("}}, {"text": "UVMap.o", "matches": {"of("}}]
    complete_code_samples = ["1 + 1", "int x = 1;", "void f() {\n}", "%lsmagic"]
    incomplete_code_samples = ["for (int i = 0; i < 3; i++) {", "int[] a = {1,", 'String s = "abc" +']
    invalid_code_samples = ["int = 7q;", "1 +* 2;"]
    code_page_something = "Math.max?"
    code_generate_error = 'throw new IllegalStateException("boom");'
    code_execute_result = [{"code": "1 + 2 + 3", "result": "6"},
                           {"code": "java.util.List.of(1, 4, 9)", "result": "[1, 4, 9]"}]
    code_display_data = [{"code": 'Notebook.display("shown");', "mime": "text/plain"},
                         {"code": 'Notebook.display(Table.create("t", IntColumn.create("x", new int[] {1, 2})));',
                          "mime": "text/html"}]
    code_history_pattern = "1 + 2*"
    supported_history_operations = ("tail", "range", "search")
    code_inspect_sample = "Math.max"
    code_clear_output = "Notebook.clear();"


if __name__ == "__main__":
    unittest.main()
