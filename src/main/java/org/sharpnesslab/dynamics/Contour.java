package org.sharpnesslab.dynamics;

import java.util.List;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * A level set f(x, y) = level as polylines ({@link Contours#level}). A closed curve repeats its first point at
 * the end.
 *
 * @param name  the curve's name (e.g. "g1" for the nullcline G_1 = 0)
 * @param level the level
 * @param xs    x of each polyline's points
 * @param ys    y of each polyline's points
 */
public record Contour(String name, double level, List<double[]> xs, List<double[]> ys) {

    /** The number of polylines. */
    public int size() {
        return xs.size();
    }

    /** The total number of points. */
    public int points() {
        return xs.stream().mapToInt(a -> a.length).sum();
    }

    /** Columns {@code curve} (the name), {@code segment} (polyline id from 0), {@code point} (from 0), x, y. */
    public Table table() {
        return Contours.table(List.of(this));
    }

    /** Whether polyline {@code i} is closed. */
    public boolean closed(int i) {
        double[] x = xs.get(i);
        double[] y = ys.get(i);
        return x.length > 2 && x[0] == x[x.length - 1] && y[0] == y[y.length - 1];
    }

    @Override
    public String toString() {
        return "Contour[" + name + " = " + level + ": " + size() + " polylines, " + points() + " points]";
    }

    static void fill(Table t, List<Contour> cs) {
        StringColumn curve = t.stringColumn("curve");
        IntColumn seg = t.intColumn("segment");
        IntColumn pt = t.intColumn("point");
        DoubleColumn x = t.doubleColumn("x");
        DoubleColumn y = t.doubleColumn("y");
        for (Contour c : cs) {
            for (int s = 0; s < c.size(); s++) {
                double[] px = c.xs().get(s);
                double[] py = c.ys().get(s);
                for (int p = 0; p < px.length; p++) {
                    curve.append(c.name());
                    seg.append(s);
                    pt.append(p);
                    x.append(px[p]);
                    y.append(py[p]);
                }
            }
        }
    }
}
