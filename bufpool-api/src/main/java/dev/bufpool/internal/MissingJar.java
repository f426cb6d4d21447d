package dev.bufpool.internal;

import java.util.List;
import java.util.Optional;
import java.util.ServiceConfigurationError;

/**
 * Describes a service that could not be loaded or used, naming the jar to add when the cause is a
 * class missing from a jar this project's implementations depend on: {@code bufpool-core} or
 * {@code bufpool-idle} left off a class path, or Caffeine or SLF4J. A hint table only, like
 * {@link KnownModules}: an unknown class is still named, with no jar.
 */
final class MissingJar {

    /** A package prefix and the artifact, with its module, that holds it. */
    private record Holder(String packagePrefix, String artifact, String module) {
    }

    private static final List<Holder> HOLDERS = List.of(
            new Holder("dev.bufpool.core.", "dev.bufpool:bufpool-core", "dev.bufpool.core"),
            new Holder("dev.bufpool.idle.", "dev.bufpool:bufpool-idle", "dev.bufpool.idle"),
            new Holder("com.github.benmanes.caffeine.", "com.github.ben-manes.caffeine:caffeine",
                    "com.github.benmanes.caffeine"),
            new Holder("org.slf4j.", "org.slf4j:slf4j-api", "org.slf4j"));

    private static final String NOT_INITIALIZED = "Could not initialize class ";

    private MissingJar() {
    }

    /**
     * One line for an error message: what failed, and, when a class was missing, which class and
     * which jar to add.
     *
     * @param service the class of the service that failed when used; {@code null} if it failed
     *        while being loaded
     * @param error what it threw
     */
    static String describe(Class<?> service, Throwable error) {
        String what;
        if (service != null) {
            what = service.getName() + " cannot be used: " + error;
        } else if (error instanceof ServiceConfigurationError) {
            what = error.getMessage();
        } else {
            what = error.toString();
        }
        return what + missingClass(error).map(MissingJar::hint).orElse("");
    }

    /**
     * The class a {@link NoClassDefFoundError} in {@code error}'s causes names as missing, dotted.
     * One that says a present class could not be initialized names no missing class (the first
     * attempt's error did, and discovery's probe is that first attempt).
     */
    static Optional<String> missingClass(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            String message = t.getMessage();
            if (t instanceof NoClassDefFoundError && message != null && !message.startsWith(NOT_INITIALIZED)) {
                return Optional.of(message.strip().replace('/', '.'));
            }
        }
        return Optional.empty();
    }

    /** What to say about a missing class: the jar that holds it, when known. */
    static String hint(String className) {
        for (Holder holder : HOLDERS) {
            if (className.startsWith(holder.packagePrefix())) {
                return "; class " + className + " is missing: put " + holder.artifact() + " (module "
                        + holder.module() + ") on the class path or module path";
            }
        }
        return "; class " + className + " is missing: add the jar that holds it";
    }
}
