package org.sharpnesslab.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

class CancellationTest {

    @Test
    void checkpointThrowsOnceTheBoundTokenIsCancelled() {
        Cancellation.Token t = Cancellation.newToken();
        Cancellation.within(t, Cancellation::checkpoint);
        t.cancel("stop now");
        CancelledException e = assertThrows(CancelledException.class,
                () -> Cancellation.within(t, Cancellation::checkpoint));
        assertEquals("stop now", e.getMessage());
        Cancellation.checkpoint();     // the session token of this thread is untouched
    }

    @Test
    void parallelWorkersStopAndNoneOutlivesTheCall() {
        Cancellation.Token t = Cancellation.newToken();
        AtomicInteger started = new AtomicInteger();
        AtomicInteger running = new AtomicInteger();
        assertThrows(CancelledException.class, () -> Cancellation.within(t, () ->
                Parallel.forEach(1000, 2, i -> {
                    running.incrementAndGet();
                    try {
                        if (started.incrementAndGet() == 5) {
                            t.cancel("interrupted");
                        }
                        long end = System.nanoTime() + 2_000_000;
                        while (System.nanoTime() < end) {
                            Cancellation.checkpoint();
                        }
                    } finally {
                        running.decrementAndGet();
                    }
                })));
        assertEquals(0, running.get(), "a worker is still inside the body after forEach returned");
        assertTrue(started.get() < 1000, "cancellation did not stop the hand-out: " + started.get());
    }

    @Test
    void parallelRethrowsTheFirstFailureAfterAllWorkersFinish() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Parallel.forEach(50, 2, i -> {
            if (i == 7) {
                throw new IllegalStateException("cell 7");
            }
        }));
        assertEquals("cell 7", e.getMessage());
    }

    @Test
    void futureCancelReachesTheCheckpoint() throws Exception {
        Cancellation.Token t = Cancellation.newToken();
        AtomicInteger loops = new AtomicInteger();
        Future<Integer> f = Cancellation.submit(t, () -> {
            while (true) {
                Cancellation.checkpoint();
                loops.incrementAndGet();
            }
        });
        while (loops.get() < 1000) {
            Thread.onSpinWait();
        }
        f.cancel(true);
        assertTrue(t.isCancelled());
        assertThrows(java.util.concurrent.CancellationException.class, () -> f.get(1, TimeUnit.SECONDS));
    }

    @Test
    void submitReportsTheWorksException() {
        Future<Integer> f = Cancellation.submit(Cancellation.newToken(), () -> {
            throw new IllegalArgumentException("bad eta");
        });
        ExecutionException e = assertThrows(ExecutionException.class, () -> f.get(5, TimeUnit.SECONDS));
        assertEquals("bad eta", e.getCause().getMessage());
    }

    @Test
    void divergenceRule() {
        assertTrue(Divergence.DEFAULT.diverged(Double.NaN));
        assertTrue(Divergence.DEFAULT.diverged(1e5 + 1));
        assertTrue(!Divergence.DEFAULT.diverged(1e5));
        assertThrows(IllegalArgumentException.class, () -> Divergence.above(-1));
    }
}
