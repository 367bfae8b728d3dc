package org.sharpnesslab.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The installer's own checks, which run before it builds anything (each well under a second). */
class InstallScriptTest {

    private static final Path SCRIPT = Path.of("kernel-install/install.sh").toAbsolutePath();

    record Run(int exit, String output) {
    }

    static Run run(Map<String, String> env, String... args) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of("bash", SCRIPT.toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        return new Run(p.exitValue(), out);
    }

    @Test
    void helpListsTheOptions() throws Exception {
        Run r = run(Map.of(), "--help");
        assertEquals(0, r.exit(), r.output());
        for (String option : List.of("--user", "--sys-prefix", "--prefix", "--replace", "--execute", "--test",
                "--ijava", "JUPYTER_DATA_DIR")) {
            assertTrue(r.output().contains(option), option + " missing from --help:\n" + r.output());
        }
    }

    @Test
    void unknownOptionFails() throws Exception {
        Run r = run(Map.of(), "--no-such-option");
        assertNotEquals(0, r.exit());
        assertTrue(r.output().contains("unknown option: --no-such-option"), r.output());
    }

    @Test
    void javaOlderThan17IsRefusedWithAClearMessage(@TempDir Path dir) throws Exception {
        Path java = dir.resolve("bin/java");
        Files.createDirectories(java.getParent());
        Files.writeString(java, "#!/bin/sh\necho '    java.specification.version = 11' >&2\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        Run r = run(Map.of("JAVA_HOME", dir.toString()), "--skip-build");
        assertNotEquals(0, r.exit());
        assertTrue(r.output().contains("Java 17 or newer is needed") && r.output().contains("Java 11"), r.output());
    }
}
