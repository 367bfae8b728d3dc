package org.sharpnesslab.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.UUID;

import io.github.spencerpark.jupyter.channels.JupyterConnection;
import io.github.spencerpark.jupyter.kernel.BaseKernel;
import io.github.spencerpark.jupyter.kernel.KernelConnectionProperties;
import io.github.spencerpark.jupyter.kernel.LanguageInfo;
import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import io.github.spencerpark.jupyter.messages.HMACGenerator;
import org.junit.jupiter.api.Test;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * Messages are verified against the connection's HMAC key: a badly signed request gets no answer and the channel
 * keeps serving correctly signed ones (basekernel alone would let the channel thread die on the bad one).
 * Local sockets on free ports; a stand-in kernel, as only the connection is under test.
 */
class SignedMessagesTest {

    private static final String KEY = "a-secret-key";

    @Test
    void badlySignedMessageIsIgnoredAndTheKernelGoesOn() throws Exception {
        int[] ports = WireClient.freePorts(5);
        KernelConnectionProperties props = new KernelConnectionProperties("127.0.0.1", ports[0], ports[1], ports[2],
                ports[3], ports[4], "tcp", "hmac-sha256", KEY);
        BaseKernel kernel = new BaseKernel() {
            @Override
            public DisplayData eval(String expr) {
                return null;
            }

            @Override
            public LanguageInfo getLanguageInfo() {
                return new LanguageInfo.Builder("java").build();
            }
        };
        JupyterConnection connection = new JupyterConnection(props);
        kernel.becomeHandlerForConnection(connection);
        connection.connect();
        KernelMain.ignoreBadlySignedMessages(connection);
        try (ZContext ctx = new ZContext()) {
            ZMQ.Socket shell = ctx.createSocket(SocketType.DEALER);
            shell.connect("tcp://127.0.0.1:" + ports[1]);
            HMACGenerator good = new HMACGenerator("hmac-sha256", KEY);
            HMACGenerator bad = new HMACGenerator("hmac-sha256", "the-wrong-key");

            send(shell, bad, "bad-1");
            assertNull(WireClient.frames(shell, 1000), "a badly signed request must get no reply");

            send(shell, good, "good-1");
            List<String> reply = WireClient.frames(shell, 5000);
            assertNotNull(reply, "the kernel still answers signed requests");
            assertTrue(reply.get(2).contains("kernel_info_reply"), reply.get(2));
            assertTrue(reply.get(3).contains("good-1"), "reply to the signed request: " + reply.get(3));
            String expectedSig = good.calculateSignature(WireClient.bytes(reply.get(2)),
                    WireClient.bytes(reply.get(3)), WireClient.bytes(reply.get(4)), WireClient.bytes(reply.get(5)));
            assertEquals(expectedSig, reply.get(1), "the reply is signed with the key");
        } finally {
            connection.close();
        }
    }

    private static void send(ZMQ.Socket socket, HMACGenerator hmac, String msgId) {
        String header = "{\"msg_id\":\"" + msgId + "\",\"username\":\"test\",\"session\":\"" + UUID.randomUUID()
                + "\",\"date\":\"2026-01-01T00:00:00.000000Z\",\"msg_type\":\"kernel_info_request\",\"version\":\"5.3\"}";
        WireClient.sendSigned(socket, hmac, header, "{}");
    }
}
