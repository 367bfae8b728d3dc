package org.sharpnesslab.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's program: {@code examples/quickstart} builds and runs with Maven as the README says, against the
 * library installed in a local repository — here a temporary one ({@code -Dmaven.repo.local}), so the user's
 * {@code ~/.m2} gets nothing; it reads the artifacts already in {@code ~/.m2} as a file repository before Maven
 * Central. The library jar is this build's classes with the project's pom (what {@code mvn install} installs).
 * Skipped when {@code mvn} is not on the PATH. About 30 s.
 */
class QuickStartTest {

    static final String MAIN = "examples/quickstart/src/main/java/quickstart/QuickStart.java";

    @Test
    void theQuickStartBuildsAndRunsWithNoLoggingWarnings(@TempDir Path tmp) throws Exception {
        assumeTrue(onPath("mvn"), "mvn is not on the PATH");
        Path root = DocSnippetsTest.ROOT;
        Path jar = tmp.resolve("sharpness-lab.jar");
        Path classes = Path.of(org.sharpnesslab.uv.UVMap.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        jarOf(classes, jar);
        Path settings = tmp.resolve("settings.xml");
        Path userRepo = Path.of(System.getProperty("user.home"), ".m2", "repository");
        Files.writeString(settings, """
                <settings>
                  <profiles><profile><id>cache</id>
                    <repositories><repository><id>user-cache</id><url>%1$s</url></repository></repositories>
                    <pluginRepositories><pluginRepository><id>user-cache</id><url>%1$s</url></pluginRepository>
                    </pluginRepositories>
                  </profile></profiles>
                  <activeProfiles><activeProfile>cache</activeProfile></activeProfiles>
                </settings>
                """.formatted(userRepo.toUri()));
        Path repo = tmp.resolve("repo");
        List<String> common = List.of("mvn", "-B", "-q", "-s", settings.toString(), "-Dmaven.repo.local=" + repo);
        List<String> install = new ArrayList<>(common);
        install.addAll(List.of("install:install-file", "-Dfile=" + jar, "-DpomFile=" + root.resolve("pom.xml")));
        run(install, root, 240);
        Path project = tmp.resolve("quickstart");
        copy(root.resolve("examples/quickstart"), project);
        List<String> build = new ArrayList<>(common);
        build.addAll(List.of("compile", "exec:java"));     // the README's command, with the temporary repository
        String out = run(build, project, 300);
        assertTrue(out.contains("Table 1") && out.contains("stability"), "the fixed-point table printed:\n" + out);
        assertFalse(out.contains("SLF4J"), "no logging warnings:\n" + out);
        assertTrue(Files.size(project.resolve("lambda.png")) > 1000 && Files.size(project.resolve("portrait.png")) > 1000);
        try (Stream<Path> installed = Files.walk(repo.resolve("org/sharpnesslab"))) {
            assertEquals(List.of(), installed.filter(p -> p.toString().endsWith("-kernel.jar")).toList());
        }
    }

    @Test
    void theKernelJarIsNotAnArtifactThatInstallInstalls() throws IOException {
        String pom = Files.readString(DocSnippetsTest.ROOT.resolve("pom.xml"));
        assertTrue(pom.contains("<outputFile>${project.build.directory}/${project.artifactId}-${project.version}-kernel.jar"
                + "</outputFile>"), "the shade plug-in writes the kernel jar as a file of target/");
        assertFalse(pom.contains("<shadedArtifactAttached>true"), "the kernel jar is not attached to the project");
    }

    private static String run(List<String> command, Path dir, int seconds) throws Exception {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(seconds, TimeUnit.SECONDS), "timed out: " + command);
        String text = new String(out);
        assertEquals(0, p.exitValue(), String.join(" ", command) + " failed:\n" + text);
        return text;
    }

    private static boolean onPath(String exe) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(d, exe))) {
                return true;
            }
        }
        return false;
    }

    private static void jarOf(Path classes, Path jar) throws IOException {
        try (OutputStream os = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(os);
             Stream<Path> files = Files.walk(classes)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                j.putNextEntry(new JarEntry(classes.relativize(f).toString().replace(File.separatorChar, '/')));
                Files.copy(f, j);
                j.closeEntry();
            }
        }
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : files.filter(p -> !p.toString().contains(File.separator + "target")).toList()) {
                Path t = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(f, t);
                }
            }
        }
    }
}
