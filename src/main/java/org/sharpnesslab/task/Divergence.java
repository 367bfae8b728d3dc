package org.sharpnesslab.task;

/**
 * The library's one divergence rule: a run has diverged once its loss is non-finite or exceeds the threshold K.
 * Every trainer (the uv model, networks, the papers' experiments) uses it, so "diverged" means the same thing
 * everywhere; a diverged run stops at once and returns a result flagged diverged, never NaN in a table.
 *
 * @param threshold K &gt; 0 (may be +∞: only non-finite losses count)
 */
public record Divergence(double threshold) {

    /** K = 10⁵, the fixed large constant of 002 §3 (Def. of c_max, footnote 5). */
    public static final double K = 1e5;

    /** The default rule: loss non-finite or &gt; 10⁵. */
    public static final Divergence DEFAULT = new Divergence(K);

    public Divergence {
        if (!(threshold > 0)) {
            throw new IllegalArgumentException("divergence threshold must be > 0 (or +Infinity), got " + threshold);
        }
    }

    /** The rule with threshold {@code k}. */
    public static Divergence above(double k) {
        return new Divergence(k);
    }

    /** Whether a run with this loss has diverged: non-finite, or &gt; the threshold. */
    public boolean diverged(double loss) {
        return !Double.isFinite(loss) || loss > threshold;
    }
}
