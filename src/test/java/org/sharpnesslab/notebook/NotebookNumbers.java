package org.sharpnesslab.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * The key numbers each executed notebook prints, asserted against the papers' closed forms and exact identities,
 * so that a regression in the library fails the build even when every cell still runs. The expected values are
 * written here from the formulas (not copied from an earlier run); the notebooks' parameter cells are the
 * settings the formulas are evaluated at.
 */
final class NotebookNumbers {

    private NotebookNumbers() {
    }

    /** The text a notebook printed: every stream output and text/plain result, in cell order. */
    static String printed(Path executed) throws IOException {
        @SuppressWarnings("deprecation") JsonObject nb = new JsonParser().parse(Files.readString(executed)).getAsJsonObject();
        StringBuilder sb = new StringBuilder();
        for (JsonElement c : nb.getAsJsonArray("cells")) {
            JsonObject cell = c.getAsJsonObject();
            if (!cell.has("outputs")) {
                continue;
            }
            for (JsonElement o : cell.getAsJsonArray("outputs")) {
                JsonObject out = o.getAsJsonObject();
                if (out.has("text")) {
                    sb.append(join(out.get("text")));      // consecutive stream chunks form one text
                }
                if (out.has("data") && out.getAsJsonObject("data").has("text/plain")) {
                    sb.append('\n').append(join(out.getAsJsonObject("data").get("text/plain"))).append('\n');
                }
            }
        }
        return sb.toString();
    }

    private static String join(JsonElement e) {
        if (e.isJsonArray()) {
            StringBuilder sb = new StringBuilder();
            for (JsonElement x : (JsonArray) e) {
                sb.append(x.getAsString());
            }
            return sb.toString();
        }
        return e.getAsString();
    }

    /** The numbers after {@code label} in the first line that contains it (a label is a regex). */
    static double[] numbersAfter(String text, String label) {
        Matcher m = Pattern.compile("(?<![A-Za-z_])" + label + "(.*)").matcher(text);
        assertTrue(m.find(), "the notebook printed no line with '" + label + "'");
        Matcher n = Pattern.compile("[-+]?(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][-+]?\\d+)?|NaN|-?Infinity")
                .matcher(m.group(1));
        List<Double> vals = new ArrayList<>();
        while (n.find()) {
            vals.add(Double.parseDouble(n.group()));
        }
        return vals.stream().mapToDouble(Double::doubleValue).toArray();
    }

    static double after(String text, String label) {
        double[] v = numbersAfter(text, label);
        assertTrue(v.length > 0, "no number after '" + label + "'");
        return v[0];
    }

    static final Map<String, Consumer<String>> CHECKS = Map.of(
            "00-tour.ipynb", NotebookNumbers::tour,
            "01-uv-model-function-space.ipynb", NotebookNumbers::uvFunctionSpace,
            "02-uv-sharpness-trends-eos-chaos.ipynb", NotebookNumbers::uvTrends,
            "03-measuring-sharpness.ipynb", NotebookNumbers::measuring,
            "04-uv-early-phase-diagram.ipynb", NotebookNumbers::uvEarlyPhase,
            "08-route-to-chaos-in-networks.ipynb", NotebookNumbers::routeToChaos);

    /** Runs the checks of notebook {@code name} (if it has any) on its executed copy. */
    static void check(String name, Path executed) throws IOException {
        Consumer<String> c = CHECKS.get(name);
        if (c != null) {
            c.accept(printed(executed));
        }
    }

    // 00: GD on λx²/2 grows iff |1 − ηλ| > 1; the sweep λ_i = 5(i + ½)/120 with η = 0.5 has 24 points above 2/η = 4.
    static void tour(String t) {
        int expected = 0;
        for (int i = 0; i < 120; i++) {
            double lambda = 5.0 * (i + 0.5) / 120;
            if (Math.abs(1 - 0.5 * lambda) > 1) {
                expected++;
            }
        }
        assertEquals(expected, after(t, "growing = "), 0);
        assertEquals(expected, after(t, "above_2_over_eta = "), 0);
    }

    // 01: parameter space equals the function-space map (000 Eqs. 1-2) and λ ≥ 2x̃|Δf + y| (App. C.2).
    static void uvFunctionSpace(String t) {
        double[] e = numbersAfter(t, "max relative \\|lambda_param - lambda_map\\| = ");
        assertTrue(e[0] < 1e-9, "lambda: " + e[0]);
        assertTrue(numbersAfter(t, "max \\|df_param - df_map\\| = ")[0] < 1e-9);
        assertTrue(after(t, "min over 5000 inits of lambda - 2\\|x\\|\\|df\\+y\\|/sqrt\\(n_eff\\) = ") >= -1e-12);
    }

    // 02: η_c = √n_eff/(‖x‖y) = 0.5 (Eq. 33); η₁ = η_c, η₂ = (√32 − 2)/2 η_c (Eq. 38); the first flip of the EoS
    // map at η/η_c = √5 − 1 with cycle multiplier −1; β₁ = β₀(1 + ηx̃Δf₀)² (App. C.7).
    static void uvTrends(String t) {
        double etaC = Math.sqrt(1.0) / (1.0 * 2.0);
        assertEquals(etaC, after(t, "eta_c = "), 1e-15);
        assertEquals(2 * etaC, after(t, "eta_upper = "), 1e-15);
        assertEquals(etaC, after(t, "eta_1 = "), 1e-15);
        assertEquals((Math.sqrt(32) - 2) / 2 * etaC, after(t, "eta_2 = "), 1e-14);
        double[] flip = numbersAfter(t, "eta\\^\\(1\\)/eta_c = ");
        assertEquals(Math.sqrt(5) - 1, flip[0], 1e-9);
        assertEquals(-1.0, after(t, "cycle multiplier there = "), 1e-6);
        double[] beta = numbersAfter(t, "beta_1 = ");
        assertEquals(beta[0], after(t, "beta_0 \\(1 \\+ eta xt df_0\\)\\^2 = "), 1e-12 * Math.abs(beta[0]));
    }

    // 03: Lanczos and the converged power iteration agree with the dense eigendecomposition.
    static void measuring(String t) {
        assertTrue(after(t, "lanczos = ") < 1e-10, "Lanczos vs dense");
        assertTrue(after(t, "power_tol = ") < 1e-8, "converged power iteration vs dense");
        assertTrue(after(t, "relative gap = ") >= 0);
    }

    // 04: Eq. 7 and Eq. 1 of 002 hold exactly; Eqs. 14-16, 22, 23 within 4.5 standard errors of Monte-Carlo;
    // k'_loss(1) = 8/3 (Eq. 16 at w = 1: k - 2 + k(1-k)/4 + 3k^3/128 = 0); c_crit = 2 at every width (App. B.2);
    // c_loss <= c_sharp <= c_max on every run (App. B.6).
    static void uvEarlyPhase(String t) {
        double[] e7 = numbersAfter(t, "Eq. 7: dense \\|\\|H\\|\\|_F\\^2 = ");
        assertEquals(e7[0], e7[e7.length - 1], 1e-9 * Math.abs(e7[0]));
        assertTrue(after(t, "max \\|z\\| = ") < 4.5, "Monte-Carlo vs closed forms");
        assertEquals(8.0 / 3, after(t, "k'_loss\\(1\\) = "), 1e-6);
        for (double c : numbersAfter(t, "c_crit by width =")) {
            assertEquals(2.0, c, 0.051);
        }
        assertEquals(0, after(t, "fails on "), 0);
    }

    // 08: GD's fixed point is stable while eta*lambda < 2 (Jacobian I - eta H), so the period-1 state just below the
    // first flip of the trained network has eta*lambda/2 <= 1 (measured here about 0.996).
    static void routeToChaos(String t) {
        double r = after(t, "the period-1 state has eta\\*lambda/2 = ");
        assertTrue(r > 0.95 && r <= 1.0, "eta*lambda/2 at the first flip: " + r);
    }
}
