package org.sharpnesslab.dynamics;

import org.sharpnesslab.task.Check;

/**
 * The linear stability of a fixed point (or periodic orbit) of a map from the moduli |μ| of its Jacobian
 * eigenvalues (multipliers), with a tolerance {@code tol}: MARGINAL if some ||μ| − 1| ≤ tol; else STABLE if all
 * |μ| &lt; 1, UNSTABLE if all |μ| &gt; 1, SADDLE if some of each.
 */
public enum StabilityType {
    STABLE, UNSTABLE, SADDLE, MARGINAL;

    /** Lower-case name used in tables. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** Classifies the moduli {@code abs} with tolerance {@code tol} (see the class comment). */
    public static StabilityType classify(double[] abs, double tol) {
        Check.notNull("abs", abs);
        boolean in = false;
        boolean out = false;
        for (double a : abs) {
            if (Math.abs(a - 1) <= tol) {
                return MARGINAL;
            }
            if (a < 1) {
                in = true;
            } else {
                out = true;
            }
        }
        return in && out ? SADDLE : in ? STABLE : UNSTABLE;
    }
}
