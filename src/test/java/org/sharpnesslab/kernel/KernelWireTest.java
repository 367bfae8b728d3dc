package org.sharpnesslab.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.github.spencerpark.jupyter.channels.JupyterConnection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The kernel behind a real connection, spoken to as a front end does: what only the wire shows (payloads,
 * execute_input, the history requests' replies).
 */
class KernelWireTest {

    private static final int TIMEOUT_MS = 60_000;
    private static SharpnessKernel kernel;
    private static JupyterConnection connection;
    private static WireClient client;

    @BeforeAll
    static void start() throws Exception {
        kernel = new SharpnessKernel(KernelConfig.defaults());
        client = new WireClient();
        connection = new JupyterConnection(client.properties());
        kernel.becomeHandlerForConnection(connection);
        connection.connect();
        client.connect();
    }

    @AfterAll
    static void stop() throws Exception {
        client.close();
        connection.close();
        kernel.onShutdown(false);
    }

    private record Run(JsonObject reply, List<WireClient.Received> outputs) {
    }

    private static Run run(String code, boolean storeHistory) {
        String id = client.execute(code, storeHistory);
        WireClient.Received reply = client.reply(id, TIMEOUT_MS);
        return new Run(reply.content(), client.outputs(id, TIMEOUT_MS));
    }

    private static List<String> types(Run run) {
        return run.outputs().stream().map(WireClient.Received::type).toList();
    }

    private static JsonArray history(JsonObject request) {
        request.addProperty("raw", true);
        WireClient.Received r = client.reply(client.send("history_request", request), TIMEOUT_MS);
        assertEquals("ok", r.content().get("status").getAsString(), r.content().toString());
        return r.content().getAsJsonArray("history");
    }

    private static List<String> inputs(JsonArray entries) {
        List<String> in = new ArrayList<>();
        for (JsonElement e : entries) {
            JsonElement third = e.getAsJsonArray().get(2);
            in.add(third.isJsonArray() ? third.getAsJsonArray().get(0).getAsString() : third.getAsString());
        }
        return in;
    }

    @Test
    void helpRequestPagesTheJavadoc() {
        Run run = run("Math.max?", true);
        assertEquals("ok", run.reply().get("status").getAsString(), run.reply().toString());
        JsonArray payload = run.reply().getAsJsonArray("payload");
        assertEquals(1, payload.size(), payload.toString());
        JsonObject page = payload.get(0).getAsJsonObject();
        assertEquals("page", page.get("source").getAsString());
        assertEquals(0, page.get("start").getAsInt());
        String text = page.getAsJsonObject("data").get("text/plain").getAsString();
        assertTrue(text.contains("Math.max(double a, double b)"), text);
        assertTrue(page.getAsJsonObject("data").has("text/html"), page.toString());
        assertEquals(List.of("execute_input"), types(run), "a help request shows no result");
        assertEquals("Math.max?", run.outputs().get(0).content().get("code").getAsString());
        assertEquals(run.reply().get("execution_count").getAsInt(),
                run.outputs().get(0).content().get("execution_count").getAsInt());

        Run prefixed = run("??UVMap.of", true);
        String uv = prefixed.reply().getAsJsonArray("payload").get(0).getAsJsonObject()
                .getAsJsonObject("data").get("text/plain").getAsString();
        assertTrue(uv.contains("UVMap.of(double eta"), uv);
    }

    @Test
    void helpOnAnUnknownNameSaysSoWithoutAPayload() {
        Run run = run("NoSuchThing123?", true);
        assertEquals("ok", run.reply().get("status").getAsString(), run.reply().toString());
        assertEquals(0, run.reply().getAsJsonArray("payload").size());
        assertEquals(List.of("execute_input", "stream"), types(run));
        assertEquals("No documentation found for NoSuchThing123\n",
                run.outputs().get(1).content().get("text").getAsString());
    }

    @Test
    void historyKeepsStoredCellsWithTheirOutputs() {
        run("int wireA = 20;", true);
        run("wireA + 22", true);
        run("wireA * 100", false);
        JsonObject tail = new JsonObject();
        tail.addProperty("hist_access_type", "tail");
        tail.addProperty("n", 2);
        tail.addProperty("output", true);
        JsonArray last = history(tail);
        assertEquals(List.of("int wireA = 20;", "wireA + 22"), inputs(last), "store_history=false is not kept");
        JsonArray pair = last.get(1).getAsJsonArray().get(2).getAsJsonArray();
        assertEquals(2, pair.size());
        assertEquals("42", pair.get(1).getAsString());

        for (int i = 0; i < 3; i++) {
            run("wireA + 22", true);
        }
        JsonObject search = new JsonObject();
        search.addProperty("hist_access_type", "search");
        search.addProperty("output", false);
        search.addProperty("pattern", "wireA + *");
        assertEquals(4, history(search).size());
        search.addProperty("n", 3);
        assertEquals(3, history(search).size());
        search.remove("n");
        search.addProperty("unique", true);
        assertEquals(List.of("wireA + 22"), inputs(history(search)));

        int line = last.get(1).getAsJsonArray().get(1).getAsInt();
        JsonObject range = new JsonObject();
        range.addProperty("hist_access_type", "range");
        range.addProperty("output", false);
        range.addProperty("session", last.get(1).getAsJsonArray().get(0).getAsInt());
        range.addProperty("start", line);
        range.addProperty("stop", line + 1);
        JsonArray one = history(range);
        assertEquals(1, one.size(), one.toString());
        assertEquals(line, one.get(0).getAsJsonArray().get(1).getAsInt());
    }

    @Test
    void anErrorIsOneErrorMessage() {
        for (String code : new String[] {"throw new IllegalStateException(\"wire\");", "int bad = \"text\";"}) {
            Run run = run(code, true);
            assertEquals("error", run.reply().get("status").getAsString());
            assertEquals(List.of("execute_input", "error"), types(run), code);
            assertFalse(run.reply().get("ename").getAsString().isEmpty());
        }
    }
}
