package org.sharpnesslab.data;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The data cache from a shell: what {@code kernel-install/fetch-data.sh} runs, so that the checksum table
 * ({@link DataChecksums}) lives in one place. Usage
 * ({@code java -cp target/classes org.sharpnesslab.data.DataCommand COMMAND ...}):
 * <pre>
 *   root                        print the cache root ($SHARPNESS_DATA or the default)
 *   verify [DATASET...]         check every file of the datasets (default: mnist fashion-mnist); one line per
 *                               file; exit 0 when all verify, 2 otherwise
 *   missing [DATASET...]        print the datasets that are not complete and verified, one per line (exit 0)
 *   install DATASET DIR         copy the dataset's four files from DIR (plain or .gz) into the cache, each
 *                               verified before it is renamed into place; exit 1 on a mismatch
 *   download [DATASET...]       download from the canonical web sources ({@link Downloader})
 *   cifar10 PATH                verify a CIFAR-10 copy: the archive cifar-10-binary.tar.gz (verified, then
 *                               unpacked into the cache's cifar-10/) or a directory of the six batch files
 * </pre>
 * Errors are printed as one message naming the file and the remedy, with exit status 1.
 */
public final class DataCommand {

    private DataCommand() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0 || args[0].equals("-h") || args[0].equals("--help")) {
            out.println("usage: DataCommand root | verify [DATASET...] | missing [DATASET...] | install DATASET DIR"
                    + " | download [DATASET...] | cifar10 PATH   (datasets: " + DataChecksums.datasets() + ")");
            return args.length == 0 ? 2 : 0;
        }
        try {
            switch (args[0]) {
                case "root":
                    out.println(DataCache.root());
                    return 0;
                case "verify":
                    return verify(datasets(args), out);
                case "missing":
                    for (String d : datasets(args)) {
                        if (!DataCache.isComplete(d)) {
                            out.println(d);
                        }
                    }
                    return 0;
                case "install": {
                    if (args.length != 3) {
                        err.println("usage: DataCommand install DATASET DIR");
                        return 2;
                    }
                    String dataset = args[1];
                    Path src = Path.of(args[2]);
                    Path dir = DataCache.directory(dataset);
                    for (DataFile f : DataChecksums.files(dataset)) {
                        Path plain = src.resolve(f.name());
                        Path gz = src.resolve(f.name() + ".gz");
                        Path from = Files.isRegularFile(plain) || !Files.isRegularFile(gz) ? plain : gz;
                        DataCache.install(from, f, dir);
                        out.println("installed " + dir.resolve(f.name()) + "  (" + f.size() + " bytes, SHA-256 "
                                + f.sha256() + ", from " + from.getFileName() + ")");
                    }
                    return 0;
                }
                case "download":
                    for (String d : datasets(args)) {
                        out.println("downloaded " + Downloader.download(d));
                    }
                    return 0;
                case "cifar10": {
                    if (args.length != 2) {
                        err.println("usage: DataCommand cifar10 ARCHIVE_OR_DIRECTORY");
                        return 2;
                    }
                    Path p = Path.of(args[1]);
                    Path dir = Files.isDirectory(p) ? Cifar10Files.verify(p)
                            : Cifar10Files.extract(p, DataCache.root().resolve(Cifar10Files.CACHE_DIRECTORY));
                    out.println("CIFAR-10 verified in " + dir);
                    return 0;
                }
                default:
                    err.println("DataCommand: unknown command " + args[0] + " (try --help)");
                    return 2;
            }
        } catch (DataFileException | IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            return 1;
        }
    }

    private static int verify(List<String> datasets, PrintStream out) {
        boolean ok = true;
        for (String d : datasets) {
            Path dir = DataCache.directory(d);
            for (DataFile f : DataChecksums.files(d)) {
                Path p = dir.resolve(f.name());
                try {
                    if (!Files.isRegularFile(p)) {
                        throw new DataFileException(p, "missing. " + DataCache.fetchRemedy(d));
                    }
                    DataCache.verify(p, f);
                    out.println("ok       " + p + "  " + f.sha256());
                } catch (DataFileException e) {
                    ok = false;
                    out.println("FAILED   " + e.getMessage());
                }
            }
        }
        return ok ? 0 : 2;
    }

    private static List<String> datasets(String[] args) {
        List<String> list = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            DataChecksums.files(args[i]);
            list.add(args[i]);
        }
        return list.isEmpty() ? DataChecksums.datasets() : list;
    }
}
