package org.sharpnesslab.sweep;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SlurmOptionsTest {

    @Test
    void eachSetterChangesItsOwnOptionOnly() {
        Slurm d = Slurm.options();
        Slurm o = d.partition("cpu").account("lab").time("01:00:00").memory("4G").cpusPerTask(4).maxConcurrent(20)
                .cellsPerTask(3).maxTasks(50).extra("--qos=short").extra("--constraint=avx2").jobName("grid")
                .java("/opt/java/bin/java").jvmOptions("-Xmx3g", "-ea").classpath("/shared/lib.jar")
                .sbatch("/usr/bin/sbatch");
        assertEquals(new Slurm("cpu", "lab", "01:00:00", "4G", 4, 20, 3, 50, List.of("--qos=short",
                "--constraint=avx2"), "grid", "/opt/java/bin/java", List.of("-Xmx3g", "-ea"), "/shared/lib.jar",
                "/usr/bin/sbatch"), o);
        // the defaults are untouched (immutable), and one setter moves one field
        assertNull(d.partition());
        assertEquals(List.of(), d.extra());
        Slurm p = d.partition("gpu");
        assertEquals(new Slurm("gpu", d.account(), d.time(), d.memory(), d.cpusPerTask(), d.maxConcurrent(),
                d.cellsPerTask(), d.maxTasks(), d.extra(), d.jobName(), d.java(), d.jvmOptions(), d.classpath(),
                d.sbatch()), p);
    }

    @Test
    void settersValidateLikeTheConstructor() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Slurm.options().cpusPerTask(0));
        assertEquals("cpusPerTask must be >= 1, got 0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Slurm.options().partition("cpu; rm -rf /"));
        assertEquals("partition must be one word of [A-Za-z0-9_.:,=@%/+-], got 'cpu; rm -rf /'", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Slurm.options().extra("--a\n--b"));
        assertEquals("an extra #SBATCH line must be one line, got '--a\n--b'", e.getMessage());
    }
}
