package org.sharpnesslab.notebook;

import org.sharpnesslab.task.Check;
import java.awt.image.RenderedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.imageio.ImageIO;
import org.knowm.xchart.internal.chartpart.Chart;
import tech.tablesaw.api.Table;

/**
 * Turns any value into a Jupyter MIME bundle (an ordered map from MIME type to data). What each type gives:
 * <ul>
 *   <li>every value: {@code text/plain} ({@link String#valueOf}, or a readable text table for a Table);</li>
 *   <li>Tablesaw {@link Table}: {@code text/html} (escaped; a large table shows head and tail rows with an
 *       "N rows × M columns" caption, see {@link TableFormat});</li>
 *   <li>any XChart chart (registered on {@link Chart}, so every chart type): {@code image/png} as a Base64
 *       string; {@code image/svg+xml} on request;</li>
 *   <li>{@link RenderedImage} (AWT images): {@code image/png};</li>
 *   <li>{@link Markdown} / {@link Latex}: {@code text/markdown} / {@code text/latex}.</li>
 * </ul>
 * A failure while rendering never throws: the bundle degrades to {@code text/plain} carrying the error.
 * Libraries may add types with {@link #register}; the most recently registered matching type wins. A type is
 * registered once: registering it again (a notebook cell run twice, a class redefined in JShell under the same
 * name) replaces its registration, so the registry stays as small as the set of types.
 */
public final class Renderers {

    public static final String TEXT = "text/plain";
    public static final String HTML = "text/html";
    public static final String PNG = "image/png";
    public static final String SVG = "image/svg+xml";
    public static final String MARKDOWN = "text/markdown";
    public static final String LATEX = "text/latex";

    /** Renders one value as one MIME type; returns the data (a String for every built-in type). */
    @FunctionalInterface
    public interface MimeFunction<T> {
        Object render(T value, String mimeType) throws Exception;
    }

    /** One registered type: its preferred MIME types (rendered by default) and all it supports. */
    record Registration(Class<?> type, List<String> preferred, List<String> supported, MimeFunction<Object> function) {
    }

    private static final List<Registration> REGISTRY = new CopyOnWriteArrayList<>();

    static {
        register(Table.class, List.of(HTML), List.of(HTML, TEXT), (t, mime) -> switch (mime) {
            case HTML -> TableFormat.html(t);
            default -> TableFormat.text(t);
        });
        register(Chart.class, List.of(PNG), List.of(PNG, SVG, TEXT), (c, mime) -> switch (mime) {
            case PNG -> ChartImages.pngBase64(c);
            case SVG -> ChartImages.svg(c);
            default -> ChartImages.describe(c);
        });
        register(RenderedImage.class, List.of(PNG), List.of(PNG), (img, mime) -> pngBase64(img));
        register(Markdown.class, List.of(MARKDOWN), List.of(MARKDOWN, TEXT), (m, mime) -> m.text());
        register(Latex.class, List.of(LATEX), List.of(LATEX, TEXT), (l, mime) -> l.text());
    }

    private Renderers() {
    }

    /**
     * Registers how to render values of {@code type} (and its subtypes). {@code text/plain} is always added
     * ({@code String.valueOf}) unless {@code supported} lists it.
     *
     * @param type      the class or interface handled
     * @param preferred MIME types produced by {@link #render(Object)}; each must be in {@code supported}
     * @param supported every MIME type {@link #render(Object, String...)} may ask for
     * @param function  renders one value as one MIME type
     */
    @SuppressWarnings("unchecked")
    public static <T> void register(Class<T> type, List<String> preferred, List<String> supported,
                                    MimeFunction<? super T> function) {
        Check.notNull("type", type);
        Check.notNull("function", function);
        if (!supported.containsAll(preferred)) {
            throw new IllegalArgumentException("preferred must be a subset of supported, got " + preferred
                    + " and " + supported);
        }
        REGISTRY.removeIf(r -> r.type().getName().equals(type.getName()));
        REGISTRY.add(0, new Registration(type, List.copyOf(preferred), List.copyOf(supported),
                (MimeFunction<Object>) function));
    }

    /** The bundle of a value: {@code text/plain} first, then the preferred types of its registration. */
    public static Map<String, Object> render(Object value) {
        Registration r = find(value);
        List<String> types = new ArrayList<>();
        types.add(TEXT);
        if (r != null) {
            types.addAll(r.preferred());
        }
        return renderTypes(value, r, types, false);
    }

    /**
     * Only the requested MIME types of a value, in the order asked ({@code "image/*"} picks the first image type
     * the value supports). Types the value cannot produce are left out; if none can be produced the bundle holds
     * {@code text/plain}.
     */
    public static Map<String, Object> render(Object value, String... mimeTypes) {
        if (mimeTypes == null || mimeTypes.length == 0) {
            return render(value);
        }
        Registration r = find(value);
        List<String> supported = r == null ? List.of(TEXT) : withText(r.supported());
        List<String> types = new ArrayList<>();
        for (String asked : mimeTypes) {
            for (String s : supported) {
                if (matches(asked, s) && !types.contains(s)) {
                    types.add(s);
                    if (asked.endsWith("/*")) {
                        break;
                    }
                }
            }
        }
        return renderTypes(value, r, types, true);
    }

    /** The MIME types a value can be rendered as ({@code text/plain} included). */
    public static List<String> supportedTypes(Object value) {
        Registration r = find(value);
        return r == null ? List.of(TEXT) : withText(r.supported());
    }

    /** How many types are registered. */
    static int registrationCount() {
        return REGISTRY.size();
    }

    /** The registrations, most recent first (used to register the same renderers with IJava). */
    static List<Registration> registrations() {
        return List.copyOf(REGISTRY);
    }

    private static Map<String, Object> renderTypes(Object value, Registration r, List<String> types,
                                                   boolean fallbackToText) {
        Map<String, Object> bundle = new LinkedHashMap<>();
        try {
            for (String type : types) {
                org.sharpnesslab.task.Cancellation.checkpoint();        // ■ between the MIME types of a bundle
                if (TEXT.equals(type) && (r == null || !r.supported().contains(TEXT))) {
                    bundle.put(TEXT, String.valueOf(value));
                } else if (r != null) {
                    bundle.put(type, Objects.requireNonNull(r.function().render(value, type),
                            () -> "renderer returned null for " + type));
                }
            }
            if (bundle.isEmpty() && fallbackToText) {
                bundle.put(TEXT, r != null && r.supported().contains(TEXT) ? r.function().render(value, TEXT)
                        : String.valueOf(value));
            }
            return bundle;
        } catch (Throwable t) {
            rethrowIfStop(t);
            return failure(value, t);
        }
    }

    /** The bundle for a failed rendering: text/plain naming the value's class and the error. */
    static Map<String, Object> failure(Object value, Throwable t) {
        String text;
        try {
            text = String.valueOf(value);
        } catch (Throwable inner) {
            rethrowIfStop(inner);
            text = value.getClass().getName();
        }
        Map<String, Object> bundle = new LinkedHashMap<>();
        bundle.put(TEXT, text + "\n[rendering " + value.getClass().getName() + " failed: " + t + "]");
        return bundle;
    }

    /** A thread being stopped (JShell interrupting a cell) must not be swallowed. */
    static void rethrowIfStop(Throwable t) {
        if (t instanceof org.sharpnesslab.task.CancelledException c) throw c;   // ■ during a render ends it
        if (t instanceof Error e && e.getClass().getName().equals("java.lang.ThreadDeath")) {
            throw e;
        }
    }

    private static Registration find(Object value) {
        if (value == null) {
            return null;
        }
        for (Registration r : REGISTRY) {
            if (r.type().isInstance(value)) {
                return r;
            }
        }
        return null;
    }

    private static List<String> withText(List<String> supported) {
        if (supported.contains(TEXT)) {
            return supported;
        }
        List<String> all = new ArrayList<>(supported);
        all.add(TEXT);
        return all;
    }

    private static boolean matches(String asked, String type) {
        if (asked.equals("*") || asked.equals("*/*")) {
            return true;
        }
        if (asked.endsWith("/*")) {
            return type.startsWith(asked.substring(0, asked.length() - 1));
        }
        return asked.equalsIgnoreCase(type);
    }

    private static String pngBase64(RenderedImage image) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (!ImageIO.write(image, "png", out)) {
            throw new IOException("no PNG writer for " + image.getClass().getName());
        }
        return Base64.getEncoder().encodeToString(out.toByteArray());
    }
}
