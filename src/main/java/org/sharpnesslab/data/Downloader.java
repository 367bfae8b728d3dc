package org.sharpnesslab.data;

import org.sharpnesslab.task.Cancellation;
import org.sharpnesslab.task.Progress;
import org.sharpnesslab.task.ProgressBar;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Downloads MNIST and Fashion-MNIST from their canonical web sources into the data cache, for machines with
 * internet access (where the package registries of {@code kernel-install/fetch-data.sh} are not at hand).
 *
 * <p>Sources, tried in order for every file ({@code <mirror><name>.gz}):
 * <ul>
 *   <li>MNIST: {@value #MNIST_OSSCI} (the mirror torchvision uses first), {@value #MNIST_GCS} (TensorFlow's
 *       copy), {@value #MNIST_LECUN} (the original page, often unavailable);</li>
 *   <li>Fashion-MNIST: {@value #FASHION_ZALANDO} (the canonical URLs of Zalando Research's repository).</li>
 * </ul>
 * Every file is checked against {@link DataChecksums} (size and SHA-256 of the uncompressed content), so any
 * mirror serving the genuine data is accepted and any other refused.
 *
 * <p>How a file travels: {@code <dir>/.download/<name>.gz.part} grows as bytes arrive; an interrupted download
 * (network error, {@link Cancellation}, a killed JVM) leaves it there and the next call resumes it with an HTTP
 * {@code Range} request (a server that ignores {@code Range} sends the whole file again, and the part is
 * restarted). A complete {@code .gz} is decompressed and verified by {@link DataCache#install} into a hidden
 * temporary file renamed onto the final name: nothing half-written or unverified ever carries a canonical name.
 * A checksum mismatch deletes the download (a resumed one is fetched once more from scratch first) and moves on
 * to the next mirror. Progress: one {@link Progress} bar per file, in bytes.
 */
public final class Downloader {

    /** MNIST mirror used first by torchvision. */
    public static final String MNIST_OSSCI = "https://ossci-datasets.s3.amazonaws.com/mnist/";
    /** MNIST copy kept by TensorFlow's datasets. */
    public static final String MNIST_GCS = "https://storage.googleapis.com/cvdf-datasets/mnist/";
    /** MNIST's original page. */
    public static final String MNIST_LECUN = "http://yann.lecun.com/exdb/mnist/";
    /** Fashion-MNIST's canonical download location. */
    public static final String FASHION_ZALANDO = "http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/";

    private static final int CHUNK = 1 << 16;
    private static final int TIMEOUT_MS = 30_000;

    private Downloader() {
    }

    /** The canonical mirrors of a dataset, in the order they are tried. */
    public static List<URI> mirrors(String dataset) {
        DataChecksums.files(dataset);
        if (DataChecksums.MNIST.equals(dataset)) {
            return List.of(URI.create(MNIST_OSSCI), URI.create(MNIST_GCS), URI.create(MNIST_LECUN));
        }
        return List.of(URI.create(FASHION_ZALANDO));
    }

    /**
     * Downloads every file of a dataset that the cache lacks or holds unverified, from its canonical mirrors.
     *
     * @param dataset {@link DataChecksums#MNIST} or {@link DataChecksums#FASHION_MNIST}
     * @return the dataset's verified cache directory
     */
    public static Path download(String dataset) {
        return download(DataChecksums.files(dataset), mirrors(dataset), DataCache.directory(dataset));
    }

    /**
     * Downloads {@code <mirror><file.name()>.gz} for every file of the list that {@code dir} lacks or holds with
     * another size or hash, verifying each against its entry (any table: tests serve their own files).
     *
     * @param files   the files and their uncompressed sizes and SHA-256
     * @param mirrors base URIs ending in '/', tried in order
     * @param dir     the directory the files go to (created if needed)
     * @return {@code dir}
     * @throws DataFileException when no mirror delivers a file that verifies; the message names the file, every
     *                           URI tried and what went wrong there (HTTP status, network error, hash mismatch)
     * @throws org.sharpnesslab.task.CancelledException when cancelled (the partial download is kept for resuming)
     */
    public static Path download(List<DataFile> files, List<URI> mirrors, Path dir) {
        if (files == null || files.isEmpty()) {
            throw new IllegalArgumentException("files must list at least one file, got " + files);
        }
        if (mirrors == null || mirrors.isEmpty()) {
            throw new IllegalArgumentException("mirrors must list at least one base URI, got " + mirrors);
        }
        for (DataFile f : files) {
            Cancellation.checkpoint();
            Path target = dir.resolve(f.name());
            if (Files.isRegularFile(target)) {
                try {
                    DataCache.verify(target, f);
                    continue;
                } catch (DataFileException e) {
                    // a wrong or truncated file: downloaded again and replaced below
                }
            }
            fetch(f, mirrors, dir);
        }
        return dir;
    }

    private static void fetch(DataFile f, List<URI> mirrors, Path dir) {
        Path downloads = dir.resolve(".download");
        Path part = downloads.resolve(f.name() + ".gz.part");
        List<String> failures = new ArrayList<>();
        try {
            Files.createDirectories(downloads);
        } catch (IOException e) {
            throw new DataFileException(downloads, "cannot create: " + e.getMessage(), e);
        }
        for (URI mirror : mirrors) {
            URI uri = mirror.resolve(f.name() + ".gz");
            for (int attempt = 0; attempt < 2; attempt++) {
                boolean resumed;
                try {
                    resumed = transfer(uri, part, f);
                } catch (IOException e) {
                    failures.add(uri + ": " + e.getMessage());
                    break;
                }
                try {
                    DataCache.install(part, f, dir);
                    deleteQuietly(part);
                    return;
                } catch (DataFileException e) {
                    deleteQuietly(part);
                    if (!resumed) {
                        failures.add(uri + ": " + e.getMessage());
                        break;
                    }
                    // a resumed part may mix two versions of the file: fetch it once more from the start
                }
            }
        }
        throw new DataFileException(dir.resolve(f.name()), "could not download " + f.dataset() + "/" + f.name()
                + " from any mirror; nothing was installed:\n  " + String.join("\n  ", failures)
                + "\nWithout internet access run " + DataCache.FETCH_COMMAND + " (package registries) instead.");
    }

    /**
     * Appends the rest of {@code uri}'s body to {@code part} (resuming with a Range request when it has bytes).
     *
     * @return whether the download resumed a part
     * @throws IOException with the HTTP status or network error; the part keeps what arrived
     */
    private static boolean transfer(URI uri, Path part, DataFile f) throws IOException {
        long have = Files.isRegularFile(part) ? Files.size(part) : 0;
        HttpURLConnection c = (HttpURLConnection) uri.toURL().openConnection();
        c.setConnectTimeout(TIMEOUT_MS);
        c.setReadTimeout(TIMEOUT_MS);
        c.setInstanceFollowRedirects(true);
        c.setRequestProperty("Accept-Encoding", "identity");
        if (have > 0) {
            c.setRequestProperty("Range", "bytes=" + have + "-");
        }
        try {
            int status = c.getResponseCode();
            boolean append;
            if (status == HttpURLConnection.HTTP_PARTIAL && have > 0
                    && String.valueOf(c.getHeaderField("Content-Range")).startsWith("bytes " + have + "-")) {
                append = true;
            } else if (status == HttpURLConnection.HTTP_OK) {
                append = false;
                have = 0;
            } else if (status == 416 && have > 0) {
                // the part already holds the whole body: verify it as it is
                return true;
            } else {
                throw new IOException("HTTP " + status + (c.getResponseMessage() == null ? ""
                        : " " + c.getResponseMessage()));
            }
            long length = c.getContentLengthLong();
            long total = length >= 0 ? have + length : 0;
            try (InputStream in = c.getInputStream();
                 OutputStream out = Files.newOutputStream(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                         append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING);
                 ProgressBar bar = Progress.start("download " + f.dataset() + "/" + f.name(), total)) {
                bar.stepTo(have);
                byte[] buf = new byte[CHUNK];
                long got = 0;
                int r;
                while ((r = in.read(buf)) > 0) {
                    out.write(buf, 0, r);
                    out.flush();
                    got += r;
                    bar.stepBy(r);
                    Cancellation.checkpoint();
                }
                if (length >= 0 && got < length) {
                    throw new IOException("connection closed after " + got + " of " + length + " bytes");
                }
            }
            return append;
        } finally {
            c.disconnect();
        }
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // a stale part is restarted or resumed by the next call
        }
    }
}
