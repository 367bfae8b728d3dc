package org.sharpnesslab.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
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
 * settings the formulas are evaluated at (read from the executed notebook where a check says so).
 */
final class NotebookNumbers {

    private NotebookNumbers() {
    }

    /** An executed notebook as the checks read it: the text it printed and the source of its code cells. */
    record Executed(String text, List<String> code) {

        static Executed read(Path executed) throws IOException {
            JsonArray cells = cells(executed);
            List<String> code = new ArrayList<>();
            for (JsonElement c : cells) {
                JsonObject cell = c.getAsJsonObject();
                if (cell.get("cell_type").getAsString().equals("code")) {
                    code.add(join(cell.get("source")));
                }
            }
            return new Executed(printed(cells), List.copyOf(code));
        }

        /**
         * The literal the parameter cell (the first code cell) assigns to {@code name}: a number (digits may be
         * grouped by '_'), a quotient of two numbers, a string, or an array {@code {…}} of numbers.
         */
        String parameter(String name) {
            String src = code.get(0).replaceAll("//[^\n]*", "");
            Matcher m = Pattern.compile("(?<![\\w.])" + Pattern.quote(name)
                    + "\\s*=\\s*(\\{[^}]*\\}|\"[^\"]*\"|[^,;\\n]+)").matcher(src);
            assertTrue(m.find(), "the parameter cell assigns no '" + name + "'");
            return m.group(1).trim();
        }

        double d(String name) {
            return number(parameter(name));
        }

        int i(String name) {
            double v = d(name);
            assertEquals(Math.rint(v), v, 0, name + " is not an integer");
            return (int) v;
        }

        double[] doubles(String name) {
            String v = parameter(name);
            assertTrue(v.startsWith("{") && v.endsWith("}"), name + " is not an array literal: " + v);
            return Arrays.stream(v.substring(1, v.length() - 1).split(",")).mapToDouble(Executed::number).toArray();
        }

        int[] ints(String name) {
            return Arrays.stream(doubles(name)).mapToInt(x -> (int) x).toArray();
        }

        /** The integer where {@code regex} (one group) first matches the code outside comments, e.g. an argument. */
        int codeInt(String regex) {
            Matcher m = Pattern.compile(regex).matcher(String.join("\n", code).replaceAll("//[^\n]*", ""));
            assertTrue(m.find(), "no code matches " + regex);
            return Integer.parseInt(m.group(1));
        }

        private static double number(String literal) {
            String e = literal.replace("_", "").trim();
            int slash = e.indexOf('/');
            return slash < 0 ? Double.parseDouble(e) : number(e.substring(0, slash)) / number(e.substring(slash + 1));
        }
    }

    private static JsonArray cells(Path executed) throws IOException {
        @SuppressWarnings("deprecation") JsonObject nb = new JsonParser().parse(Files.readString(executed)).getAsJsonObject();
        return nb.getAsJsonArray("cells");
    }

    /** The text a notebook printed: every stream output and text/plain result, in cell order. */
    static String printed(Path executed) throws IOException {
        return printed(cells(executed));
    }

    private static String printed(JsonArray cells) {
        StringBuilder sb = new StringBuilder();
        for (JsonElement c : cells) {
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

    /** The groups of the first match of {@code regex} in the printed text, parsed as numbers. */
    static double[] groups(String text, String regex) {
        Matcher m = Pattern.compile(regex, Pattern.MULTILINE).matcher(text);
        assertTrue(m.find(), "the notebook printed nothing that matches " + regex);
        double[] v = new double[m.groupCount()];
        for (int g = 1; g <= v.length; g++) {
            v[g - 1] = Double.parseDouble(m.group(g));
        }
        return v;
    }

    /** Relative tolerance of a relation between a few printed numbers (six significant digits, TableFormat). */
    static final double SIX = 2e-5;

    static void near(double expected, double actual, double relative, String what) {
        assertEquals(expected, actual, relative * Math.abs(expected) + 1e-300, what);
    }

    /**
     * The input dimension of a notebook's data: {@code gaussianDim} for "gaussian", else the 28×28 images of MNIST or
     * Fashion-MNIST averaged over the {@code pool}×{@code pool} blocks the parameter cell names.
     */
    static int inputDim(Executed nb, String dataParam, String gaussianDim) {
        String data = nb.parameter(dataParam).replace("\"", "");
        if (data.equals("gaussian")) {
            return nb.i(gaussianDim);
        }
        assertTrue(data.equals("mnist") || data.equals("fashion-mnist"), "data " + data + " has no known input size");
        int side = 28 / nb.i("pool");
        assertEquals(28, side * nb.i("pool"), "pool divides 28");
        return side * side;
    }

    /** Parameters of a bias-free FCN with {@code depth} weight layers: d·w + (depth − 2)·w² + w·k. */
    static long fcnParams(long d, long w, int depth, long k) {
        return d * w + (depth - 2L) * w * w + w * k;
    }

    static final Map<String, Consumer<Executed>> CHECKS = Map.ofEntries(
            Map.entry("00-tour.ipynb", nb -> tour(nb.text())),
            Map.entry("01-uv-model-function-space.ipynb", nb -> uvFunctionSpace(nb.text())),
            Map.entry("02-uv-sharpness-trends-eos-chaos.ipynb", nb -> uvTrends(nb.text())),
            Map.entry("03-measuring-sharpness.ipynb", nb -> measuring(nb.text())),
            Map.entry("04-uv-early-phase-diagram.ipynb", NotebookNumbers::uvEarlyPhase),
            Map.entry("05-early-phase-diagram-networks.ipynb", PhaseDiagramNumbers::earlyPhaseNetworks),
            Map.entry("06-four-regimes-and-weight-norm.ipynb", RegimeNumbers::fourRegimes),
            Map.entry("07-eos-phase-diagram.ipynb", PhaseDiagramNumbers::eosPhaseDiagram),
            Map.entry("08-route-to-chaos-in-networks.ipynb", nb -> routeToChaos(nb.text())),
            Map.entry("09-layerwise-jacobian-alignment.ipynb", nb -> alignment(nb.text())),
            Map.entry("10-sweeps-local-and-cluster.ipynb", SweepNumbers::sweeps),
            Map.entry("11-convolutional-networks.ipynb", nb -> convolutional(nb.text())));

    /** Runs the checks of notebook {@code name} (if it has any) on its executed copy. */
    static void check(String name, Path executed) throws IOException {
        Consumer<Executed> c = CHECKS.get(name);
        if (c != null) {
            c.accept(Executed.read(executed));
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
        // the cobweb's fixed points are the EoS map's roots -y, 0, 2/(eta x~) (Eq. 3)
        assertTrue(after(t, "2/\\(eta x~\\): max \\|difference\\| = ") < 1e-10, "cobweb fixed points");
    }

    // 03: Lanczos and the converged power iteration agree with the dense eigendecomposition, at both ends and per
    // layer block.
    static void measuring(String t) {
        assertTrue(after(t, "lanczos = ") < 1e-10, "Lanczos vs dense");
        assertTrue(after(t, "power_tol = ") < 1e-8, "converged power iteration vs dense");
        assertTrue(after(t, "relative gap = ") >= 0);
        // λ_min (Lanczos at the smallest end) and λ₁ of each diagonal block H_ll against the dense Hessian
        assertTrue(after(t, "relative \\|lambda_min - dense\\| = ") < 1e-8, "lambda_min vs dense");
        assertTrue(after(t, "max relative \\|lambda_1\\(H_ll\\) Lanczos - dense block\\| = ") < 1e-8, "blocks vs dense");
    }

    // 04: Eq. 7 and Eq. 1 of 002 hold exactly; Eqs. 14-16, 22, 23 within 4.5 standard errors of Monte-Carlo;
    // k'_loss(1) = 8/3 (Eq. 16 at w = 1: k - 2 + k(1-k)/4 + 3k^3/128 = 0); c_crit = 2 at every width (App. B.2);
    // c_loss <= c_sharp <= c_max on every run (App. B.6).
    static void uvEarlyPhase(Executed nb) {
        String t = nb.text();
        // both readings of c_max (002 Def. 1, App. A) on every initialisation of the nine widths; Def. 1's is never
        // below App. A's
        double[] differ = groups(t, "c_max readings differ on (\\d+) of (\\d+) initialisations");
        assertEquals(nb.ints("widths").length * nb.i("inits"), differ[1], 0, "initialisations of the c sweep");
        assertTrue(differ[0] >= 0 && differ[0] <= differ[1]);
        assertEquals(9, nb.ints("widths").length, "the nine widths of 002 Fig. 7");
        double[] e7 = numbersAfter(t, "Eq. 7: dense \\|\\|H\\|\\|_F\\^2 = ");
        assertEquals(e7[0], e7[e7.length - 1], 1e-9 * Math.abs(e7[0]));
        assertTrue(after(t, "max \\|z\\| = ") < 4.5, "Monte-Carlo vs closed forms");
        assertEquals(8.0 / 3, after(t, "k'_loss\\(1\\) = "), 1e-6);
        for (double c : numbersAfter(t, "c_crit by width =")) {
            assertEquals(2.0, c, 0.051);
        }
        assertEquals(0, after(t, "fails on "), 0);
    }

    // 08: GD's fixed point is stable only while eta*lambda < 2 (Jacobian I - eta H). The notebook replays plain GD at
    // eta_below from the same initialisation and takes lambda_max of the dense Hessian at the state reached: the
    // period-1 state must have eta*lambda_max/2 <= 1, the library's tracked value must agree with the dense one, and
    // just below the first flip it sits at the boundary (measured here about 0.996).
    static void routeToChaos(String t) {
        double r = after(t, "the period-1 state has eta\\*lambda/2 = ");
        double[] replay = numbersAfter(t, "Hessian\\): eta\\*lambda_max/2 = ");
        double dense = replay[0];
        double library = replay[replay.length - 1];
        near(dense, library, 1e-3, "tracked eta*lambda/2 against the dense Hessian of the replayed state");
        near(r, library, 1e-4, "the printed ratio is the flip's");
        assertTrue(dense <= 1 + 1e-6, "a stable period-1 GD state has eta*lambda_max/2 <= 1, dense: " + dense);
        assertTrue(dense > 0.95, "eta*lambda/2 at the first flip: " + dense);
    }

    // 09: the factors of 004 Eq. 7 multiply back to E‖Kᵏ‖² computed independently in the notebook (per-example
    // Jacobians from one-example products, R from a dense eigendecomposition: Eq. 4); E‖K‖² likewise; λ₁(G) =
    // ρ(K)·E‖K‖²_max (Eq. 3); Eq. 8: E‖K‖² ≤ Σᵢ E‖Kⁱ‖².
    static void alignment(String t) {
        assertTrue(after(t, "Eq. 7 against independent E\\|K\\^k\\|\\^2 \\(Eq. 4\\): worst relative error over the "
                + "layers ") < 1e-8, "Eq. 7 product against the independent E|K^k|^2");
        double[] k2 = numbersAfter(t, "Eq. 3: E\\|K\\|\\^2 = ");
        near(k2[k2.length - 1], k2[0], 1e-8, "E|K|^2 against the independent computation");
        double[] g = numbersAfter(t, "rho\\(K\\)·E\\|K\\|\\^2 = ");
        assertEquals(g[0], g[g.length - 1], 1e-9 * Math.abs(g[0]), "rho(K) E|K|^2 vs lambda_1(G)");
        double[] k = numbersAfter(t, "Eq. 8: E\\|K\\|\\^2 = ");
        assertTrue(k[0] <= k[k.length - 1] * (1 + 1e-12), "Eq. 8");
    }

    // 11: the CNN's exact HVP against central differences of its gradient; for MSE λ^K = λ_max(G) (004 §2.2).
    static void convolutional(String t) {
        assertTrue(after(t, "relative \\|Hv - FD\\| = ") < 1e-6, "CNN HVP vs finite differences");
        assertTrue(after(t, "relative \\|lambda_K - lambda_max\\(G\\)\\| = ") < 1e-6, "NTK vs Gauss-Newton");
    }
}
