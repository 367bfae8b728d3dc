package org.sharpnesslab.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import org.junit.jupiter.api.Test;

/** IPython's {@code name?} syntax: which cells are help requests, and the pager payload they get. */
class HelpRequestTest {

    @Test
    void aNameWithAQuestionMarkIsAHelpRequest() {
        assertEquals(Optional.of(new HelpRequest("Math.max", false)), HelpRequest.parse("Math.max?"));
        assertEquals(Optional.of(new HelpRequest("Math.max", false)), HelpRequest.parse("  ?Math.max \n"));
        assertEquals(Optional.of(new HelpRequest("UVMap.of", true)), HelpRequest.parse("UVMap.of??"));
        assertEquals(Optional.of(new HelpRequest("$x_1", true)), HelpRequest.parse("??$x_1"));
    }

    @Test
    void codeIsNotAHelpRequest() {
        for (String code : List.of("Math.max", "?Math.max?", "a ? b : c", "Math.max(1, 2)?", "x.?", "?", "int x?",
                "Math.max?\nMath.min?", "")) {
            assertEquals(Optional.empty(), HelpRequest.parse(code), code);
        }
    }

    @Test
    void thePayloadPagesTextAndHtml() {
        DisplayData doc = new DisplayData("max(a, b)");
        doc.putHTML("<pre>max(a, b)</pre>");
        assertEquals(Map.of("source", "page", "start", 0,
                        "data", Map.of("text/plain", "max(a, b)", "text/html", "<pre>max(a, b)</pre>")),
                HelpRequest.page(doc));
    }
}
