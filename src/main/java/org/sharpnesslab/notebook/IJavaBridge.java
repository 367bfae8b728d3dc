package org.sharpnesslab.notebook;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.WeakHashMap;

/**
 * Connects {@link Renderers} and {@link Notebook} to a running IJava kernel by reflection only: IJava's classes and
 * those of its base library (jupyter-jvm-basekernel) belong to IJava's class loader and need not be on ours, and
 * this class must load without them. What it uses of basekernel 2.3.0:
 * {@code BaseKernel.getRenderer()}, {@code Renderer.createRegistration(Class).preferring(String...)
 * .supporting(String...).register(RenderFunction)}, {@code RenderContext.wantsDataRenderedAs(MIMEType)} and
 * {@code getOutputContainer()}, {@code DisplayData.putData(String, Object)} / {@code setDisplayId},
 * {@code BaseKernel.display(DisplayData)} and {@code getIO().display.updateDisplay(String, DisplayData)}.
 */
final class IJavaBridge {

    static final String IJAVA_CLASS = "io.github.spencerpark.ijava.IJava";
    private static final String PKG = "io.github.spencerpark.jupyter.kernel.";
    private static final Map<Object, DisplaySink> INSTALLED = new WeakHashMap<>();

    private IJavaBridge() {
    }

    /** Finds the running IJava kernel and installs into it. */
    static DisplaySink install() {
        Class<?> ijava = findIJava();
        Object kernel;
        try {
            kernel = ijava.getMethod("getKernelInstance").invoke(null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Found " + IJAVA_CLASS + " but could not call getKernelInstance(): " + e, e);
        }
        if (kernel == null) {
            throw new IllegalStateException("No IJava kernel found: " + IJAVA_CLASS
                    + " is loaded but getKernelInstance() returned null (no kernel is running in this JVM).");
        }
        return install(kernel);
    }

    /**
     * Registers the renderers with {@code kernel} (a basekernel {@code BaseKernel}) and returns a sink that
     * displays through it. Installing twice into the same kernel registers once.
     */
    static synchronized DisplaySink install(Object kernel) {
        DisplaySink existing = INSTALLED.get(kernel);
        if (existing != null) {
            return existing;
        }
        try {
            ClassLoader kl = kernel.getClass().getClassLoader();
            Class<?> baseKernel = Class.forName(PKG + "BaseKernel", false, kl);
            Class<?> rendererClass = Class.forName(PKG + "display.Renderer", false, kl);
            Class<?> registrationClass = Class.forName(PKG + "display.Renderer$RenderRegistration", false, kl);
            Class<?> functionClass = Class.forName(PKG + "display.RenderFunction", false, kl);
            Class<?> contextClass = Class.forName(PKG + "display.RenderContext", false, kl);
            Class<?> mimeClass = Class.forName(PKG + "display.mime.MIMEType", false, kl);
            Class<?> dataClass = Class.forName(PKG + "display.DisplayData", false, kl);
            Class<?> ioClass = Class.forName(PKG + "JupyterIO", false, kl);
            Class<?> streamClass = Class.forName(PKG + "DisplayStream", false, kl);

            Method parse = mimeClass.getMethod("parse", String.class);
            Method wants = contextClass.getMethod("wantsDataRenderedAs", mimeClass);
            Method output = contextClass.getMethod("getOutputContainer");
            Method putData = dataClass.getMethod("putData", String.class, Object.class);
            Method setDisplayId = dataClass.getMethod("setDisplayId", String.class);
            Constructor<?> newData = dataClass.getConstructor();

            Object renderer = baseKernel.getMethod("getRenderer").invoke(kernel);
            Method create = rendererClass.getMethod("createRegistration", Class.class);
            Method preferring = registrationClass.getMethod("preferring", String[].class);
            Method supporting = registrationClass.getMethod("supporting", String[].class);
            Method register = registrationClass.getMethod("register", functionClass);

            List<Renderers.Registration> regs = new ArrayList<>(Renderers.registrations());
            java.util.Collections.reverse(regs); // oldest first, as they were registered here
            for (Renderers.Registration r : regs) {
                Object registration = create.invoke(renderer, r.type());
                supporting.invoke(registration, (Object) r.supported().toArray(new String[0]));
                preferring.invoke(registration, (Object) r.preferred().toArray(new String[0]));
                InvocationHandler handler = renderFunction(r, parse, wants, output, putData);
                Object function = Proxy.newProxyInstance(kl, new Class<?>[] {functionClass}, handler);
                register.invoke(registration, function);
            }

            Method display = baseKernel.getMethod("display", dataClass);
            Object io = baseKernel.getMethod("getIO").invoke(kernel);
            Object stream = ioClass.getField("display").get(io);
            Method update = streamClass.getMethod("updateDisplay", String.class, dataClass);

            DisplaySink sink = new DisplaySink() {
                @Override
                public String display(Map<String, Object> bundle) {
                    String id = UUID.randomUUID().toString();
                    Object data = toData(bundle);
                    call(setDisplayId, data, id);
                    call(display, kernel, data);
                    return id;
                }

                @Override
                public void update(String displayId, Map<String, Object> bundle) {
                    call(update, stream, displayId, toData(bundle));
                }

                private Object toData(Map<String, Object> bundle) {
                    Object data;
                    try {
                        data = newData.newInstance();
                    } catch (ReflectiveOperationException e) {
                        throw new IllegalStateException("cannot create IJava DisplayData: " + e, e);
                    }
                    bundle.forEach((k, v) -> call(putData, data, k, v));
                    return data;
                }

                @Override
                public String toString() {
                    return "IJava display of " + kernel;
                }
            };
            INSTALLED.put(kernel, sink);
            return sink;
        } catch (ClassNotFoundException | NoSuchMethodException | NoSuchFieldException e) {
            throw new IllegalStateException("The kernel " + kernel.getClass().getName()
                    + " does not look like IJava 1.3.0 / jupyter-jvm-basekernel 2.x: " + e, e);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("Registering renderers with " + kernel.getClass().getName()
                    + " failed: " + e, e);
        }
    }

    /** The RenderFunction of one registration: renders the types the context asks for into its output. */
    private static InvocationHandler renderFunction(Renderers.Registration r, Method parse, Method wants,
                                                    Method output, Method putData) {
        return (proxy, method, args) -> {
            switch (method.getName()) {
                case "render" -> {
                    Object value = args[0];
                    Object context = args[1];
                    List<String> asked = new ArrayList<>();
                    for (String mime : r.supported()) {
                        if ((Boolean) wants.invoke(context, parse.invoke(null, mime))) {
                            asked.add(mime);
                        }
                    }
                    if (!asked.isEmpty()) {
                        Object out = output.invoke(context);
                        for (Map.Entry<String, Object> e
                                : Renderers.render(value, asked.toArray(new String[0])).entrySet()) {
                            putData.invoke(out, e.getKey(), e.getValue());
                        }
                    }
                    return null;
                }
                case "hashCode" -> {
                    return System.identityHashCode(proxy);
                }
                case "equals" -> {
                    return proxy == args[0];
                }
                case "toString" -> {
                    return "sharpness-lab renderer for " + r.type().getName();
                }
                default -> throw new UnsupportedOperationException(method.toString());
            }
        };
    }

    private static Class<?> findIJava() {
        List<ClassLoader> loaders = new ArrayList<>();
        loaders.add(Thread.currentThread().getContextClassLoader());
        loaders.add(IJavaBridge.class.getClassLoader());
        loaders.add(ClassLoader.getSystemClassLoader());
        for (ClassLoader l : loaders) {
            if (l == null) {
                continue;
            }
            try {
                return Class.forName(IJAVA_CLASS, false, l);
            } catch (ClassNotFoundException | LinkageError e) {
                // try the next loader
            }
        }
        throw new IllegalStateException("No IJava kernel found: class " + IJAVA_CLASS + " is not visible here. "
                + "Notebook.install() is for a notebook running the IJava kernel (after %jars sharpness-lab*.jar); "
                + "the sharpness-java kernel installs the renderers itself.");
    }

    private static Object call(Method m, Object target, Object... args) {
        try {
            return m.invoke(target, args);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(cause);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }
}
