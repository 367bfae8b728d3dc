package org.sharpnesslab.kernel;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CellSourceTest {

    @Test
    void aBareDisplayCallShowsNoDisplayId() {
        assertTrue(CellSource.isBareDisplayCall("display(chart)"));
        assertTrue(CellSource.isBareDisplayCall("display (chart, \"image/svg+xml\");"));
        assertTrue(CellSource.isBareDisplayCall("Notebook.display(chart);"));
        assertFalse(CellSource.isBareDisplayCall("String id = Notebook.display(chart);"));
        assertFalse(CellSource.isBareDisplayCall("displayName(x)"));
        assertFalse(CellSource.isBareDisplayCall("display(a).length()"));
    }
}
