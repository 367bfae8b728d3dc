package org.sharpnesslab.training;

import java.util.Arrays;
import java.util.List;
import org.sharpnesslab.nn.Layer;
import org.sharpnesslab.nn.Network;

/**
 * The per-step record of a run being trained: one slot per state θ₀ … θ_steps, NaN (or −1 for counts) where a
 * quantity was not measured; {@link #finish} cuts it to the recorded states and makes the {@link TrainingRun}.
 * Mutable; one per run.
 */
final class TrainingRecorder {

    private final double[] loss;
    private final double[] accuracy;
    private final double[] sharpness;
    private final double[] residual;
    private final int[] iterations;
    private final double[] ntk;
    private final double[] trace;
    private final double[] gradNorm;
    private final double[] weightNorm;
    private final double[][] layerNorms;
    private final java.util.LinkedHashMap<String, double[]> tracked = new java.util.LinkedHashMap<>();
    private int recorded;

    TrainingRecorder(int rows, int depth) {
        loss = nan(rows);
        accuracy = nan(rows);
        sharpness = nan(rows);
        residual = nan(rows);
        iterations = new int[rows];
        Arrays.fill(iterations, -1);
        ntk = nan(rows);
        trace = nan(rows);
        gradNorm = nan(rows);
        weightNorm = nan(rows);
        layerNorms = new double[depth][];
        for (int l = 0; l < depth; l++) {
            layerNorms[l] = nan(rows);
        }
    }

    /** Marks state t as recorded (rows 0 … t are kept). */
    void reach(int t) {
        recorded = t + 1;
    }

    /** The loss of a diverged state (a non-finite value is stored as NaN: missing). */
    void divergedLoss(int t, double l) {
        loss[t] = Double.isFinite(l) ? l : Double.NaN;
    }

    void state(int t, double l, double acc, Network model, double[] theta) {
        loss[t] = l;
        accuracy[t] = acc;
        norms(model, theta, t);
    }

    void sharpness(int t, SharpnessTracker.Measurement m) {
        sharpness[t] = m.value();
        residual[t] = m.residual();
        iterations[t] = m.products();
    }

    double sharpness(int t) {
        return sharpness[t];
    }

    /** Declares optional tracked columns (NaN until measured), in table order. */
    void track(String... names) {
        for (String n : names) {
            tracked.put(n, nan(loss.length));
        }
    }

    /** A value of a declared tracked column. */
    void tracked(String name, int t, double v) {
        tracked.get(name)[t] = v;
    }

    void ntk(int t, double v) {
        ntk[t] = v;
    }

    void trace(int t, double v) {
        trace[t] = v;
    }

    void gradNorm(int t, double v) {
        gradNorm[t] = v;
    }

    /** ‖θ_t‖ and the norm of each layer's block (weights and bias). */
    private void norms(Network model, double[] theta, int t) {
        List<Layer> layers = model.layers();
        int off = 0;
        double total = 0;
        for (int l = 0; l < layers.size(); l++) {
            int np = layers.get(l).numParams();
            double s = 0;
            for (int i = off; i < off + np; i++) {
                s += theta[i] * theta[i];
            }
            layerNorms[l][t] = Math.sqrt(s);
            total += s;
            off += np;
        }
        weightNorm[t] = Math.sqrt(total);
    }

    TrainingRun finish(TrainingConfig cfg, Network model, long seed, double eta, double lambda0, boolean diverged,
                       int divergedAt, double[] theta) {
        int n = recorded;
        double[][] layers = new double[layerNorms.length][];
        for (int l = 0; l < layers.length; l++) {
            layers[l] = Arrays.copyOf(layerNorms[l], n);
        }
        int batch = cfg.batchSize() == 0 ? cfg.data().size() : cfg.batchSize();
        return new TrainingRun(model, cfg.data().name(), cfg.loss(), batch, eta, cfg.c(), cfg.momentum(), seed, lambda0, n,
                Arrays.copyOf(loss, n), Arrays.copyOf(accuracy, n), Arrays.copyOf(sharpness, n),
                Arrays.copyOf(residual, n), cfg.trackNtk() ? Arrays.copyOf(ntk, n) : null,
                cfg.traceSamples() > 0 ? Arrays.copyOf(trace, n) : null, Arrays.copyOf(gradNorm, n),
                Arrays.copyOf(weightNorm, n), layers, diverged, divergedAt, theta,
                Arrays.copyOf(iterations, n), cfg.sharpness(), cut(n));
    }

    private java.util.Map<String, double[]> cut(int n) {
        java.util.LinkedHashMap<String, double[]> out = new java.util.LinkedHashMap<>();
        tracked.forEach((k, v) -> out.put(k, Arrays.copyOf(v, n)));
        return out;
    }

    private static double[] nan(int n) {
        double[] a = new double[n];
        Arrays.fill(a, Double.NaN);
        return a;
    }
}
