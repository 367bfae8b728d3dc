package org.sharpnesslab.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A token made in a cell stops with that cell's ■, and only with that cell's. */
class SessionTokenTest {

    @AfterEach
    void fresh() {
        Cancellation.renewSession();
    }

    @Test
    void aTokenMadeUnderASessionIsCancelledWithIt() {
        Cancellation.renewSession();
        Cancellation.Token mine = Cancellation.newToken();
        Cancellation.Token own = new Cancellation.Token();
        Cancellation.cancelSession("interrupted");
        assertTrue(mine.isCancelled());
        assertEquals("interrupted", mine.reason());
        assertFalse(own.isCancelled(), "a token of its own ignores the session");
        CancelledException e = assertThrows(CancelledException.class,
                () -> Cancellation.within(mine, Cancellation::checkpoint));
        assertEquals("interrupted", e.getMessage());
    }

    @Test
    void aLaterCellsInterruptDoesNotReachAnEarlierCellsToken() {
        Cancellation.renewSession();                      // cell 1
        Cancellation.Token background = Cancellation.newToken();
        Cancellation.renewSession();                      // cell 2
        Cancellation.cancelSession("interrupted");
        assertFalse(background.isCancelled());
        background.cancel("done");
        assertEquals("done", background.reason());
    }
}
