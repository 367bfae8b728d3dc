package org.sharpnesslab.kernel;

import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import io.github.spencerpark.jupyter.kernel.KernelConnectionProperties;
import io.github.spencerpark.jupyter.messages.HMACGenerator;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * A minimal Jupyter front end for tests: signed requests on the shell channel, replies and iopub messages read
 * back as JSON, on local sockets ({@link #properties()} gives the kernel side of the connection).
 */
final class WireClient implements AutoCloseable {

    /** One message as received: its type, parent's id and content. */
    record Received(String type, String parentId, JsonObject content) {
    }

    private static final String KEY = "a-test-key";
    private static final Gson GSON = new Gson();

    private final int[] ports = freePorts(5);
    private final HMACGenerator hmac;
    private final String session = UUID.randomUUID().toString();
    private final ZContext ctx = new ZContext();
    private ZMQ.Socket shell;
    private ZMQ.Socket iopub;

    WireClient() throws java.security.GeneralSecurityException {
        hmac = new HMACGenerator("hmac-sha256", KEY);
    }

    /** The connection the kernel binds: control, shell, stdin, heartbeat, iopub on free local ports. */
    KernelConnectionProperties properties() {
        return new KernelConnectionProperties("127.0.0.1", ports[0], ports[1], ports[2], ports[3], ports[4], "tcp",
                "hmac-sha256", KEY);
    }

    /** Connects to a kernel that is bound, and waits until iopub delivers (a kernel_info round trip). */
    void connect() {
        shell = ctx.createSocket(SocketType.DEALER);
        shell.connect("tcp://127.0.0.1:" + ports[1]);
        iopub = ctx.createSocket(SocketType.SUB);
        iopub.subscribe(new byte[0]);
        iopub.connect("tcp://127.0.0.1:" + ports[4]);
        for (int attempt = 0; attempt < 50; attempt++) {
            String id = send("kernel_info_request", new JsonObject());
            reply(id, 10_000);
            if (next(iopub, 200) != null) {
                drain(200);
                return;
            }
        }
        throw new AssertionError("iopub delivered nothing after 50 kernel_info requests");
    }

    /** Sends a request; returns its msg_id. */
    String send(String type, JsonObject content) {
        String id = UUID.randomUUID().toString();
        JsonObject header = new JsonObject();
        header.addProperty("msg_id", id);
        header.addProperty("username", "test");
        header.addProperty("session", session);
        header.addProperty("date", "2026-01-01T00:00:00.000000Z");
        header.addProperty("msg_type", type);
        header.addProperty("version", "5.3");
        sendSigned(shell, hmac, GSON.toJson(header), GSON.toJson(content));
        return id;
    }

    /** Sends a message with {@code header} and {@code content} (JSON), signed by {@code signer}, on {@code socket}. */
    static void sendSigned(ZMQ.Socket socket, HMACGenerator signer, String header, String content) {
        byte[][] parts = {bytes(header), bytes("{}"), bytes("{}"), bytes(content)};
        socket.sendMore("<IDS|MSG>");
        socket.sendMore(signer.calculateSignature(parts));
        socket.sendMore(parts[0]);
        socket.sendMore(parts[1]);
        socket.sendMore(parts[2]);
        socket.send(parts[3]);
    }

    /** The frames of the next message on {@code socket} as text, or null when none comes within the time. */
    static List<String> frames(ZMQ.Socket socket, int timeoutMs) {
        socket.setReceiveTimeOut(timeoutMs);
        byte[] first = socket.recv();
        if (first == null) {
            return null;
        }
        List<String> frames = new ArrayList<>();
        frames.add(new String(first, StandardCharsets.UTF_8));
        while (socket.hasReceiveMore()) {
            frames.add(new String(socket.recv(), StandardCharsets.UTF_8));
        }
        return frames;
    }

    /** An execute request for {@code code}. */
    String execute(String code, boolean storeHistory) {
        JsonObject c = new JsonObject();
        c.addProperty("code", code);
        c.addProperty("silent", false);
        c.addProperty("store_history", storeHistory);
        c.add("user_expressions", new JsonObject());
        c.addProperty("allow_stdin", false);
        c.addProperty("stop_on_error", true);
        return send("execute_request", c);
    }

    /** The shell reply to request {@code id}. */
    Received reply(String id, int timeoutMs) {
        long deadline = System.currentTimeMillis() + timeoutMs;
        while (System.currentTimeMillis() < deadline) {
            Received r = next(shell, (int) Math.max(1, deadline - System.currentTimeMillis()));
            if (r != null && id.equals(r.parentId())) {
                return r;
            }
        }
        throw new AssertionError("no reply to " + id + " within " + timeoutMs + " ms");
    }

    /** The iopub messages of request {@code id} but its status messages, up to its idle status. */
    List<Received> outputs(String id, int timeoutMs) {
        List<Received> seen = new ArrayList<>();
        long deadline = System.currentTimeMillis() + timeoutMs;
        while (System.currentTimeMillis() < deadline) {
            Received r = next(iopub, (int) Math.max(1, deadline - System.currentTimeMillis()));
            if (r == null || !id.equals(r.parentId())) {
                continue;
            }
            if (r.type().equals("status")) {
                if (r.content().get("execution_state").getAsString().equals("idle")) {
                    return seen;
                }
                continue;
            }
            seen.add(r);
        }
        throw new AssertionError("no idle status for " + id + " within " + timeoutMs + " ms; seen " + seen);
    }

    private void drain(int timeoutMs) {
        while (next(iopub, timeoutMs) != null) {
            // messages of the connection round trips
        }
    }

    private static Received next(ZMQ.Socket socket, int timeoutMs) {
        List<String> frames = frames(socket, timeoutMs);
        if (frames == null) {
            return null;
        }
        int at = frames.indexOf("<IDS|MSG>");
        JsonObject header = GSON.fromJson(frames.get(at + 2), JsonObject.class);
        JsonObject parent = GSON.fromJson(frames.get(at + 3), JsonObject.class);
        return new Received(header.get("msg_type").getAsString(),
                parent.has("msg_id") ? parent.get("msg_id").getAsString() : "",
                GSON.fromJson(frames.get(at + 5), JsonObject.class));
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static int[] freePorts(int n) {
        int[] ports = new int[n];
        ServerSocket[] sockets = new ServerSocket[n];
        try {
            for (int i = 0; i < n; i++) {
                sockets[i] = new ServerSocket(0);
                ports[i] = sockets[i].getLocalPort();
            }
            for (ServerSocket s : sockets) {
                s.close();
            }
        } catch (java.io.IOException e) {
            throw new IllegalStateException("no free local ports", e);
        }
        return ports;
    }

    @Override
    public void close() {
        ctx.close();
    }
}
