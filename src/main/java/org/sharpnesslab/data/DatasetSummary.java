package org.sharpnesslab.data;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** Tables describing a {@link Dataset}, for a notebook cell. */
public final class DatasetSummary {

    private DatasetSummary() {
    }

    /**
     * One row per dataset-wide quantity.
     *
     * <p>Columns: {@code quantity} (string), {@code value} (double). Rows: n, d, k, input_mean, input_std (over
     * every input entry, population std), input_min, input_max, target_mean, target_std, then one row
     * {@code count_class_c} per class when the dataset is labelled.
     */
    public static Table summary(Dataset data) {
        org.sharpnesslab.task.Check.notNull("data", data);
        StringColumn q = StringColumn.create("quantity");
        DoubleColumn v = DoubleColumn.create("value");
        add(q, v, "n", data.size());
        add(q, v, "d", data.inputDim());
        add(q, v, "k", data.outputDim());
        double[] xs = stats(data.inputs());
        add(q, v, "input_mean", xs[0]);
        add(q, v, "input_std", xs[1]);
        add(q, v, "input_min", xs[2]);
        add(q, v, "input_max", xs[3]);
        double[] ys = stats(data.targets());
        add(q, v, "target_mean", ys[0]);
        add(q, v, "target_std", ys[1]);
        if (data.labels() != null) {
            int[] counts = Splits.classCounts(data);
            for (int c = 0; c < counts.length; c++) {
                add(q, v, "count_class_" + c, counts[c]);
            }
        }
        return Table.create(data.name(), q, v);
    }

    /**
     * One row per dataset, to compare e.g. a training and a test set.
     *
     * <p>Columns: {@code name} (string), {@code n}, {@code d}, {@code k}, {@code classes} (number of classes with at
     * least one example, 0 for regression) (int), {@code input_mean}, {@code input_std}, {@code target_mean},
     * {@code target_std} (double, over every entry, population std).
     */
    public static Table compare(Dataset... datasets) {
        StringColumn name = StringColumn.create("name");
        IntColumn n = IntColumn.create("n");
        IntColumn d = IntColumn.create("d");
        IntColumn k = IntColumn.create("k");
        IntColumn classes = IntColumn.create("classes");
        DoubleColumn im = DoubleColumn.create("input_mean");
        DoubleColumn is = DoubleColumn.create("input_std");
        DoubleColumn tm = DoubleColumn.create("target_mean");
        DoubleColumn ts = DoubleColumn.create("target_std");
        for (Dataset data : datasets) {
            name.append(data.name());
            n.append(data.size());
            d.append(data.inputDim());
            k.append(data.outputDim());
            int present = 0;
            if (data.labels() != null) {
                for (int c : Splits.classCounts(data)) {
                    present += c > 0 ? 1 : 0;
                }
            }
            classes.append(present);
            double[] xs = stats(data.inputs());
            double[] ys = stats(data.targets());
            im.append(xs[0]);
            is.append(xs[1]);
            tm.append(ys[0]);
            ts.append(ys[1]);
        }
        return Table.create("datasets", name, n, d, k, classes, im, is, tm, ts);
    }

    /**
     * Per-class counts. Columns: {@code class} (int), {@code count} (int), {@code fraction} (double).
     *
     * @throws IllegalArgumentException for a dataset without labels
     */
    public static Table classCounts(Dataset data) {
        int[] counts = Splits.classCounts(data);
        IntColumn c = IntColumn.create("class");
        IntColumn n = IntColumn.create("count");
        DoubleColumn f = DoubleColumn.create("fraction");
        for (int i = 0; i < counts.length; i++) {
            c.append(i);
            n.append(counts[i]);
            f.append(counts[i] / (double) data.size());
        }
        return Table.create(data.name() + " class counts", c, n, f);
    }

    /** mean, population std, min, max of the entries of {@code a}. */
    static double[] stats(double[] a) {
        double s = 0, min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
        for (double x : a) {
            s += x;
            min = Math.min(min, x);
            max = Math.max(max, x);
        }
        double m = s / a.length;
        double v = 0;
        for (double x : a) {
            v += (x - m) * (x - m);
        }
        return new double[] {m, Math.sqrt(v / a.length), min, max};
    }

    private static void add(StringColumn q, DoubleColumn v, String name, double value) {
        q.append(name);
        v.append(value);
    }
}
