package org.sharpnesslab.kernel;

import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.github.spencerpark.jupyter.channels.JupyterConnection;
import io.github.spencerpark.jupyter.channels.Loop;
import io.github.spencerpark.jupyter.channels.ShellChannel;
import io.github.spencerpark.jupyter.kernel.KernelConnectionProperties;

/**
 * Starts the kernel: {@code java -jar sharpness-lab-kernel.jar <connection-file>} (Jupyter fills in the connection
 * file). JShell warms up in the background while the sockets bind; the process ends after a shutdown request.
 */
public final class KernelMain {

    private KernelMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: java -jar sharpness-lab-kernel.jar <connection-file.json>");
            System.err.println("       java -XX:ArchiveClassesAtExit=kernel.jsa -jar sharpness-lab-kernel.jar --warm-up");
            System.exit(2);
        }
        if (args[0].equals("--warm-up")) {
            warmUp();
            return;
        }
        Logger.getLogger("").setLevel(Level.WARNING);
        Logger.getLogger("Jupyter").setLevel(Level.WARNING);
        String json = Files.readString(Path.of(args[0]), StandardCharsets.UTF_8);
        KernelConnectionProperties props = KernelConnectionProperties.parse(json);
        SharpnessKernel kernel = new SharpnessKernel(KernelConfig.fromEnvironment(System.getenv()));
        JupyterConnection connection = new JupyterConnection(props);
        kernel.becomeHandlerForConnection(connection);
        System.setIn(kernel.getIO().in);
        connection.connect();
        ignoreBadlySignedMessages(connection);
        connection.waitUntilClose();
        ExitGuard.allowExit();
        System.exit(0);
    }

    /**
     * Runs a few cells without sockets and exits: started with {@code -XX:ArchiveClassesAtExit=kernel.jsa} it
     * writes a class-data-sharing archive of the classes a kernel loads (javac, JShell, the kernel, Tablesaw);
     * a kernelspec with {@code -XX:SharedArchiveFile=kernel.jsa} then starts faster. Same JDK and jar required
     * (the JVM ignores a stale archive, with a warning).
     */
    static void warmUp() throws Exception {
        SharpnessKernel kernel = new SharpnessKernel(KernelConfig.defaults());
        CellOutput quiet = new CellOutput() {
            @Override
            public void stdout(String text) {
            }

            @Override
            public void stderr(String text) {
            }

            @Override
            public void display(io.github.spencerpark.jupyter.kernel.display.DisplayData data) {
            }

            @Override
            public void updateDisplay(io.github.spencerpark.jupyter.kernel.display.DisplayData data) {
            }
        };
        kernel.evaluate("int warm = 1 + 1;\nwarm", quiet);
        kernel.evaluate("Table.create(\"t\", DoubleColumn.create(\"x\", new double[] {1, 2}))", quiet);
        kernel.complete("Str", 3);
        kernel.isComplete("int x = ");
        kernel.onShutdown(false);
        ExitGuard.allowExit();
        System.exit(0);
    }

    /**
     * basekernel 2.3.0 verifies each message's HMAC signature but answers a bad one with a SecurityException that
     * ends the channel's thread (the kernel then stops answering). Here the shell and control loops get an error
     * handler: the badly signed message is logged and dropped, and the loop goes on.
     */
    static void ignoreBadlySignedMessages(JupyterConnection connection) throws ReflectiveOperationException {
        Logger log = Logger.getLogger("Jupyter");
        for (String channel : new String[] {"shell", "control"}) {
            Field f = JupyterConnection.class.getDeclaredField(channel);
            f.setAccessible(true);
            ShellChannel shell = (ShellChannel) f.get(connection);
            Field loopField = ShellChannel.class.getDeclaredField("ioloop");
            loopField.setAccessible(true);
            Loop loop = (Loop) loopField.get(shell);
            if (loop != null) {
                loop.onError(t -> {
                    log.log(Level.WARNING, "dropped a message on the " + channel + " channel: " + t);
                    return 50;
                });
            }
        }
    }
}
