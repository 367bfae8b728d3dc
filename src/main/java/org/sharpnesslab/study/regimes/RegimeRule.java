package org.sharpnesslab.study.regimes;

/**
 * The thresholds of {@link RegimeSegmentation}, immutable; tweak with {@code withX}. All are stated on the
 * log-time axis s = log₁₀(1 + t) on which 000 Fig. 1 is read, so they do not depend on the length of the run.
 *
 * @param logWindow      width (in decades of 1 + t) of the centred window over which the local log-log slope
 *                       d log₁₀λ / d log₁₀(1+t) and the mean of η λ/2 are taken; in (0, 2]
 * @param flatSlope      a local slope within ±flatSlope counts as flat (saturation); above it as sharpening, below
 *                       as reduction; &gt; 0 (0.1 = λ changes by at most 26 % per decade)
 * @param eosTolerance   a point is at the edge of stability when the window's mean of η λ/2 is ≥ 1 − eosTolerance
 *                       (MSE EoS hovers at, and dips below, 2/η); in (0, 1)
 * @param segmentPenalty cost (in decades of log-time) of opening a regime: a regime is reported only when it
 *                       explains more than this much of the trajectory better than its neighbours would; ≥ 0
 */
public record RegimeRule(double logWindow, double flatSlope, double eosTolerance, double segmentPenalty) {

    /** Default window: a quarter of a decade. */
    public static final double DEFAULT_LOG_WINDOW = 0.25;
    /** Default flat band of the log-log slope. */
    public static final double DEFAULT_FLAT_SLOPE = 0.1;
    /** Default EoS band: mean η λ/2 ≥ 0.9. */
    public static final double DEFAULT_EOS_TOLERANCE = 0.1;
    /** Default cost of a regime: 0.05 decades. */
    public static final double DEFAULT_SEGMENT_PENALTY = 0.05;

    /** The defaults above. */
    public static final RegimeRule DEFAULTS = new RegimeRule(DEFAULT_LOG_WINDOW, DEFAULT_FLAT_SLOPE,
            DEFAULT_EOS_TOLERANCE, DEFAULT_SEGMENT_PENALTY);

    public RegimeRule {
        if (!(logWindow > 0 && logWindow <= 2)) {
            throw new IllegalArgumentException("logWindow must be in (0, 2] decades, got " + logWindow);
        }
        if (!(flatSlope > 0) || !Double.isFinite(flatSlope)) {
            throw new IllegalArgumentException("flatSlope must be finite and > 0, got " + flatSlope);
        }
        if (!(eosTolerance > 0 && eosTolerance < 1)) {
            throw new IllegalArgumentException("eosTolerance must be in (0, 1), got " + eosTolerance);
        }
        if (!(segmentPenalty >= 0) || !Double.isFinite(segmentPenalty)) {
            throw new IllegalArgumentException("segmentPenalty must be finite and >= 0, got " + segmentPenalty);
        }
    }

    public RegimeRule withLogWindow(double v) {
        return new RegimeRule(v, flatSlope, eosTolerance, segmentPenalty);
    }

    public RegimeRule withFlatSlope(double v) {
        return new RegimeRule(logWindow, v, eosTolerance, segmentPenalty);
    }

    public RegimeRule withEosTolerance(double v) {
        return new RegimeRule(logWindow, flatSlope, v, segmentPenalty);
    }

    public RegimeRule withSegmentPenalty(double v) {
        return new RegimeRule(logWindow, flatSlope, eosTolerance, v);
    }
}
