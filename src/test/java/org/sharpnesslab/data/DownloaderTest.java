package org.sharpnesslab.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sharpnesslab.task.CancelledException;
import org.sharpnesslab.task.Cancellation;
import org.sharpnesslab.task.Progress;
import org.sharpnesslab.task.ProgressBar;

/**
 * The downloader against a local HTTP server on 127.0.0.1 serving small IDX fixtures made here (never the
 * internet): a plain download with progress, a connection dropped mid-file and resumed with a Range request (or
 * restarted when the server ignores Range), a
 * cancelled download resumed, a server sending wrong bytes (refused, nothing left in place), a 404, and a
 * fallback to the next mirror.
 */
class DownloaderTest {

    private HttpServer server;
    private final Map<String, byte[]> served = new HashMap<>();
    private final List<String> requests = Collections.synchronizedList(new ArrayList<>());
    /** Bytes after which the next response is cut (the connection closed), or -1. */
    private volatile int cutAfter = -1;
    /** Cancelled by the server after it sent the first 64 KiB of a response, or null. */
    private volatile Cancellation.Token cancelMidway;
    /** Whether the server answers every request with the whole file (200), Range or not. */
    private volatile boolean ignoreRange;
    private byte[] images;
    private byte[] labels;
    private List<DataFile> files;

    @BeforeEach
    void start(@TempDir Path tmp) throws IOException {
        Progress.silence();
        // 120 random 28x28 images (~94 KB, incompressible: the gzip is ~94 KB too, several read chunks)
        Path img = tmp.resolve("train-images-idx3-ubyte");
        Path lab = tmp.resolve("train-labels-idx1-ubyte");
        byte[] px = DataCacheTest.randomBytes(120 * 784, 7);
        byte[] y = new byte[120];
        for (int i = 0; i < y.length; i++) {
            y[i] = (byte) (i % 10);
        }
        Idx.write(img, new int[] {120, 28, 28}, px, false);
        Idx.write(lab, new int[] {120}, y, false);
        images = Files.readAllBytes(img);
        labels = Files.readAllBytes(lab);
        files = List.of(DataCacheTest.entry("train-images-idx3-ubyte", images),
                DataCacheTest.entry("train-labels-idx1-ubyte", labels));
        served.put("/a/train-images-idx3-ubyte.gz", gzip(images));
        served.put("/a/train-labels-idx1-ubyte.gz", gzip(labels));
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
        Progress.silence();
    }

    private URI base(String mirror) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/" + mirror + "/");
    }

    private void handle(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getPath();
        String range = ex.getRequestHeaders().getFirst("Range");
        requests.add(path + (range == null ? "" : " " + range));
        byte[] body = served.get(path);
        if (body == null) {
            ex.sendResponseHeaders(404, -1);
            ex.close();
            return;
        }
        int from = 0;
        if (range != null && range.matches("bytes=\\d+-") && !ignoreRange) {
            from = Integer.parseInt(range.substring(6, range.length() - 1));
            if (from >= body.length) {
                ex.sendResponseHeaders(416, -1);
                ex.close();
                return;
            }
            ex.getResponseHeaders().set("Content-Range", "bytes " + from + "-" + (body.length - 1) + "/" + body.length);
            ex.sendResponseHeaders(206, body.length - from);
        } else {
            ex.sendResponseHeaders(200, body.length);
        }
        int cut = cutAfter;
        cutAfter = -1;
        OutputStream out = ex.getResponseBody();
        try {
            int end = cut >= 0 ? Math.min(body.length, from + cut) : body.length;
            int first = Math.min(end, from + 65536);
            out.write(body, from, first - from);
            out.flush();
            Cancellation.Token t = cancelMidway;
            if (t != null) {
                cancelMidway = null;
                t.cancel("test: cancelled midway");
                sleep(200);
            }
            out.write(body, first, end - first);
            out.flush();
        } catch (IOException e) {
            // the client went away (cancelled)
        }
        if (cut >= 0) {
            // short of the announced length: an exception out of the handler makes the server drop the connection
            throw new IllegalStateException("test: response cut after " + cut + " bytes");
        }
        ex.close();
    }

    @Test
    void downloadsVerifiesAndReportsProgressInBytes(@TempDir Path dir) {
        List<long[]> bars = Collections.synchronizedList(new ArrayList<>());
        Progress.setFactory((label, total) -> recordingBar(total, bars));
        Path out = Downloader.download(files, List.of(base("a")), dir);
        assertEquals(dir, out);
        Dataset d = MnistLoader.load(dir, true, 120, "fixture");
        assertEquals(120, d.size());
        assertEquals(7, d.labels()[7]);
        assertEquals(2, bars.size());
        long gzImages = served.get("/a/train-images-idx3-ubyte.gz").length;
        assertEquals(gzImages, bars.get(0)[0]);                  // total: the gzip's length
        assertEquals(gzImages, bars.get(0)[1]);                  // done: all of it
        assertFalse(Files.exists(dir.resolve(".download").resolve("train-images-idx3-ubyte.gz.part")));
        // a second call verifies and sends no request
        int before = requests.size();
        Downloader.download(files, List.of(base("a")), dir);
        assertEquals(before, requests.size());
    }

    @Test
    void aDroppedConnectionLeavesAPartThatTheNextCallResumesWithARange(@TempDir Path dir) throws IOException {
        cutAfter = 70_000;
        DataFileException e = assertThrows(DataFileException.class,
                () -> Downloader.download(files.subList(0, 1), List.of(base("a")), dir));
        assertTrue(e.getMessage().contains("train-images-idx3-ubyte.gz"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("train-images-idx3-ubyte")));
        Path part = dir.resolve(".download").resolve("train-images-idx3-ubyte.gz.part");
        assertEquals(70_000, Files.size(part));
        Downloader.download(files.subList(0, 1), List.of(base("a")), dir);
        assertEquals("/a/train-images-idx3-ubyte.gz bytes=70000-", requests.get(requests.size() - 1));
        assertArrayEquals(images, Files.readAllBytes(dir.resolve("train-images-idx3-ubyte")));
        assertFalse(Files.exists(part));
    }

    @Test
    void aServerThatIgnoresRangeSendsTheWholeFileAndThePartIsRestarted(@TempDir Path dir) throws IOException {
        cutAfter = 70_000;
        assertThrows(DataFileException.class, () -> Downloader.download(files.subList(0, 1), List.of(base("a")), dir));
        ignoreRange = true;
        Downloader.download(files.subList(0, 1), List.of(base("a")), dir);
        assertEquals("/a/train-images-idx3-ubyte.gz bytes=70000-", requests.get(requests.size() - 1));
        assertArrayEquals(images, Files.readAllBytes(dir.resolve("train-images-idx3-ubyte")));   // not appended twice
    }

    @Test
    void aCancelledDownloadStopsAndResumes(@TempDir Path dir) throws IOException {
        Cancellation.Token token = Cancellation.newToken();
        cancelMidway = token;
        CancelledException e = assertThrows(CancelledException.class, () -> Cancellation.within(token,
                () -> Downloader.download(files, List.of(base("a")), dir)));
        assertTrue(e.getMessage().contains("cancelled midway"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("train-images-idx3-ubyte")));
        Path part = dir.resolve(".download").resolve("train-images-idx3-ubyte.gz.part");
        long have = Files.size(part);
        assertTrue(have >= 1 && have <= images.length + 100, "part of " + have + " bytes");
        Downloader.download(files, List.of(base("a")), dir);
        assertTrue(requests.contains("/a/train-images-idx3-ubyte.gz bytes=" + have + "-"), requests.toString());
        assertArrayEquals(images, Files.readAllBytes(dir.resolve("train-images-idx3-ubyte")));
        assertArrayEquals(labels, Files.readAllBytes(dir.resolve("train-labels-idx1-ubyte")));
    }

    @Test
    void wrongBytesAreRefusedAndNothingIsLeftInPlace(@TempDir Path dir) throws IOException {
        byte[] other = images.clone();
        other[5000] ^= 1;                                         // one flipped bit, same length
        served.put("/a/train-images-idx3-ubyte.gz", gzip(other));
        DataFileException e = assertThrows(DataFileException.class,
                () -> Downloader.download(files.subList(0, 1), List.of(base("a")), dir));
        assertEquals(dir.resolve("train-images-idx3-ubyte"), e.path());
        assertTrue(e.getMessage().contains("SHA-256 mismatch for toy/train-images-idx3-ubyte: expected "
                + files.get(0).sha256() + ", found " + DataCacheTest.sha256(other)), e.getMessage());
        assertTrue(e.getMessage().contains(base("a") + "train-images-idx3-ubyte.gz"), e.getMessage());
        assertEquals(List.of(dir.resolve(".download")), DataCacheTest.listing(dir));
        assertEquals(List.of(), DataCacheTest.listing(dir.resolve(".download")));
    }

    @Test
    void aMissingFileIsA404NamingTheUrlAndTheNextMirrorIsTried(@TempDir Path dir) {
        DataFileException e = assertThrows(DataFileException.class,
                () -> Downloader.download(files, List.of(base("nothing-here")), dir));
        assertTrue(e.getMessage().contains(base("nothing-here") + "train-images-idx3-ubyte.gz: HTTP 404"), e.getMessage());
        assertTrue(e.getMessage().contains("kernel-install/fetch-data.sh"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("train-images-idx3-ubyte")));
        Downloader.download(files, List.of(base("nothing-here"), base("a")), dir);
        assertTrue(DataCacheTest.sha256(images).equals(DataCache.sha256(dir.resolve("train-images-idx3-ubyte"))));
    }

    @Test
    void theCanonicalSourcesAreListedPerDataset() {
        assertEquals(3, Downloader.mirrors("mnist").size());
        assertEquals(URI.create(Downloader.FASHION_ZALANDO), Downloader.mirrors("fashion-mnist").get(0));
        assertThrows(IllegalArgumentException.class, () -> Downloader.mirrors("cifar-10"));
        assertThrows(IllegalArgumentException.class, () -> Downloader.download(files, List.of(), Path.of(".")));
    }

    private static ProgressBar recordingBar(long total, List<long[]> bars) {
        long[] state = {total, 0};
        bars.add(state);
        return new ProgressBar() {
            public void stepBy(long n) {
                state[1] += n;
            }

            public void stepTo(long done) {
                state[1] = done;
            }

            public void message(String m) {
            }

            public long done() {
                return state[1];
            }

            public long total() {
                return state[0];
            }

            public void close() {
            }
        };
    }

    private static byte[] gzip(byte[] b) throws IOException {
        ByteArrayOutputStream bo = new ByteArrayOutputStream();
        try (GZIPOutputStream g = new GZIPOutputStream(bo)) {
            g.write(b);
        }
        return bo.toByteArray();
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
