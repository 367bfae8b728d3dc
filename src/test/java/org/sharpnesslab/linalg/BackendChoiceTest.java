package org.sharpnesslab.linalg;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The choice of backend from {@code sharpnesslab.blas} and the words of its warning. */
class BackendChoiceTest {

    @Test
    void javaIsChosenByNameWithAWarningAndUnknownNamesAreRefused() {
        BackendChoice java = BackendChoice.choose(" Java ");
        assertInstanceOf(JavaBlas.class, java.backend());
        assertFalse(java.backend().nativeMemory());
        assertEquals("java (sharpnesslab.blas=java)", java.description());
        assertTrue(java.warning().orElseThrow().startsWith("sharpnesslab.blas=java: "), java.warning().toString());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BackendChoice.choose("atlas"));
        assertEquals("system property sharpnesslab.blas must be auto, mkl, openblas or java, got atlas",
                e.getMessage());
    }

    @Test
    void nativeChoicesHaveNoWarning() {
        for (String want : new String[]{null, "auto", "openblas"}) {
            BackendChoice c = BackendChoice.choose(want);
            assertTrue(c.description().startsWith("openblas ") || c.description().startsWith("mkl "),
                    want + ": " + c.description());
            assertTrue(c.backend().nativeMemory());
            assertTrue(c.warning().isEmpty(), want + ": " + c.warning());
        }
    }

    @Test
    void theReasonIsTheInnermostCauseWithoutTheSearchPath() {
        UnsatisfiedLinkError outer = new UnsatisfiedLinkError("no jniopenblas_nolapack in java.library.path: /a:/b");
        outer.initCause(new UnsatisfiedLinkError("Could not find jniopenblas_nolapack in class, module, and library "
                + "paths."));
        assertEquals("UnsatisfiedLinkError: Could not find jniopenblas_nolapack in class, module, and library paths",
                BackendChoice.reason(outer));
        assertEquals("UnsatisfiedLinkError: no jniopenblas_nolapack in java.library.path",
                BackendChoice.reason(new UnsatisfiedLinkError("no jniopenblas_nolapack in java.library.path: /a:/b")));
    }

    @Test
    void theAdviceNamesTheArtifactsOfThePlatform() throws java.io.IOException {
        String advice = BackendChoice.howToGetNatives("linux-riscv64");
        String openblas = org.bytedeco.javacpp.Loader.getVersion("org.bytedeco", "openblas"); // 0.3.28-1.5.11
        assertTrue(advice.contains("org.bytedeco:openblas:" + openblas + ":linux-riscv64 and org.bytedeco:javacpp:"
                + openblas.substring(openblas.indexOf('-') + 1) + ":linux-riscv64"), advice);
        assertTrue(advice.contains("-Dnative.classifier=linux-riscv64"), advice);
    }
}
