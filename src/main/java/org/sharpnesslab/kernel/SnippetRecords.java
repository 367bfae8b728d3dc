package org.sharpnesslab.kernel;

import static org.sharpnesslab.kernel.JShellInternals.field;
import static org.sharpnesslab.kernel.JShellInternals.method;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.VarSnippet;

/**
 * Forgets JShell's records of a snippet that can never run or be referred to again (an executed statement or
 * expression, an overwritten, dropped or rejected declaration). JShell keeps every snippet of the session: the
 * snippet itself with its source and wrappers, and its generated class's source, in which every import and
 * every live declaration is repeated ({@code import static REPL.$JShell$12.h;}), so a few KB per snippet that
 * {@link JShell#drop} does not free (it only marks a snippet dropped). Forgotten here: the snippet's entries in
 * JShell's snippet maps (its list of snippets, its key-to-snippet index, the key of a released {@code $n}), the
 * generated class's source ({@code OuterWrapMap}) and its class files in the compiler's file manager, which the
 * compiler would otherwise list (and enter) in every later compilation. A class is forgotten only when every
 * snippet it holds (overloaded methods share one) is forgotten. After {@value #RENEW_COMPILER_AFTER} forgotten
 * snippets the compiler's cached context is renewed, as JShell renews it itself when the class path changes:
 * that context keeps symbols, names and scope listeners of every class it ever compiled or read (about 1.5 KB
 * per snippet), and a new one costs a few hundred milliseconds of CPU time once, in its first compilation.
 *
 * <p>Every map used here tolerates a missing entry the way it tolerates a dead snippet: the key-to-snippet index
 * skips nulls, a stack frame of a forgotten class keeps its class name instead of {@code #id}. The maps are
 * private to {@code jdk.jshell} (JDK 17 to 25): this works where the module is open to the kernel (the kernel
 * jar's manifest says {@code Add-Opens: jdk.jshell/jdk.jshell}) and does nothing elsewhere. Call on the thread
 * that evaluates snippets.
 */
final class SnippetRecords {

    /** Forgotten snippets after which the compiler's cached context is renewed. */
    static final int RENEW_COMPILER_AFTER = 1000;

    private static final String REPL_PACKAGE = "REPL.";

    private final Set<Snippet> snippets;
    private final List<Snippet> keyIndexToSnippet;
    private final Map<String, ?> varKeys;
    private final Map<String, ?> classOuters;
    private final Map<String, ?> classFiles;
    private final Field snippetKey;
    private final Method keyIndex;
    private final Method outerWrap;
    private final Method className;
    private final Field wrapToSnippet;
    private final Object taskFactory;
    private final Method renewCompiler;
    private int forgottenSinceRenewal;
    private int compilerRenewals;

    @SuppressWarnings("unchecked")
    private SnippetRecords(JShell shell) throws ReflectiveOperationException {
        Object maps = field(JShell.class, "maps").get(shell);
        snippets = (Set<Snippet>) field(maps.getClass(), "snippets").get(maps);
        keyIndexToSnippet = (List<Snippet>) field(maps.getClass(), "keyIndexToSnippet").get(maps);
        Object keyMap = field(JShell.class, "keyMap").get(shell);
        varKeys = (Map<String, ?>) field(keyMap.getClass(), "varMap").get(keyMap);
        Object outerMap = field(JShell.class, "outerMap").get(shell);
        classOuters = (Map<String, ?>) field(outerMap.getClass(), "classOuters").get(outerMap);
        taskFactory = field(JShell.class, "taskFactory").get(shell);
        renewCompiler = method(taskFactory.getClass(), "initTaskPool");
        Object fileManager = field(taskFactory.getClass(), "fileManager").get(taskFactory);
        classFiles = (Map<String, ?>) field(fileManager.getClass(), "classObjects").get(fileManager);
        snippetKey = field(Snippet.class, "key");
        keyIndex = method(snippetKey.getType(), "index");
        outerWrap = method(Snippet.class, "outerWrap");
        className = method(outerWrap.getReturnType(), "className");
        Class<?> classWrap = Class.forName("jdk.jshell.OuterSnippetsClassWrap");
        wrapToSnippet = field(classWrap, "wrapToSnippet");
    }

    /** The records of {@code shell}, or null when JShell's internals are not open to the kernel. */
    static SnippetRecords of(JShell shell) {
        try {
            return new SnippetRecords(shell);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    /** How many snippets and generated classes JShell remembers: snippets, class sources, class files. */
    String sizes() {
        return snippets.size() + " snippets, " + classOuters.size() + " class sources, " + classFiles.size()
                + " compiled classes, compiler renewed " + compilerRenewals + "x";
    }

    /**
     * Forgets {@code dead} (each must be a snippet that will never run or be referred to again).
     *
     * @return how many generated classes were forgotten with them
     */
    int forget(Collection<? extends Snippet> dead) {
        try {
            for (Snippet s : dead) {
                snippets.remove(s);
                Object key = snippetKey.get(s);
                int ki = (Integer) keyIndex.invoke(key);
                if (ki < keyIndexToSnippet.size() && keyIndexToSnippet.get(ki) == s) {
                    keyIndexToSnippet.set(ki, null);
                    if (s instanceof VarSnippet v && v.subKind() == Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND) {
                        varKeys.remove(v.name(), key);      // $n names are never handed out twice
                    }
                }
            }
            int classes = 0;
            for (Snippet s : dead) {
                classes += forgetClass(s) ? 1 : 0;
            }
            forgottenSinceRenewal += dead.size();
            if (forgottenSinceRenewal >= RENEW_COMPILER_AFTER) {
                renewCompiler();
            }
            return classes;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return 0;     // a JDK whose internals differ: the records stay, as JShell left them
        }
    }

    /**
     * Drops the compiler's cached context (its symbols, names and scope listeners of every class it compiled or
     * read), as JShell does when the class path changes; the next compilation makes a new one.
     */
    void renewCompiler() {
        try {
            renewCompiler.invoke(taskFactory);
            forgottenSinceRenewal = 0;
            compilerRenewals++;
        } catch (ReflectiveOperationException | RuntimeException e) {
            // the context stays, as JShell left it
        }
    }

    /** Forgets the generated class of {@code s} if no remembered snippet is in it. */
    private boolean forgetClass(Snippet s) throws ReflectiveOperationException {
        Object outer = outerWrap.invoke(s);
        if (outer == null || !wrapToSnippet.getDeclaringClass().isInstance(outer)) {
            return false;       // never wrapped (a parse error), or an import
        }
        String name = (String) className.invoke(outer);
        Object current = classOuters.get(name);
        if (current == null) {
            return false;
        }
        for (Object held : ((Map<?, ?>) wrapToSnippet.get(current)).values()) {
            if (snippets.contains(held)) {
                return false;
            }
        }
        classOuters.remove(name);
        String full = REPL_PACKAGE + name;
        classFiles.keySet().removeIf(k -> k.equals(full) || k.startsWith(full + "$"));
        return true;
    }
}
