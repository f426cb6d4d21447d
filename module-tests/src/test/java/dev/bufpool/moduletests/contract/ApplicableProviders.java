package dev.bufpool.moduletests.contract;

import dev.bufpool.PoolFeature;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.params.provider.ArgumentsSource;

/**
 * The argument source of a contract rule that holds only for some providers: every provider
 * discovery finds that offers each feature in {@link #offering()} and none in {@link #lacking()},
 * crossed with the buffer types {@link #types()} names. A provider the rule does not apply to gets
 * no case at all, rather than a skipped one.
 *
 * <p>When no provider found applies, the source gives no arguments and JUnit fails the test
 * (unless it allows zero invocations), so a rule cannot pass by never running.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@ArgumentsSource(ApplicableProvidersSource.class)
@interface ApplicableProviders {

    /** The features a provider must offer for the rule to apply. */
    PoolFeature[] offering() default {};

    /** The features a provider must not offer for the rule to apply. */
    PoolFeature[] lacking() default {};

    /** The buffer types each applicable provider is crossed with: none gives one argument per provider. */
    Types types() default Types.NONE;

    /** Which of the kit's buffer-type lists a rule runs over. */
    enum Types {
        /** No buffer-type argument: one case per provider. */
        NONE,
        /** {@link ContractKit#STANDARD_TYPES}. */
        STANDARD,
        /** The heap and direct {@code ByteBuffer} types. */
        BYTE_BUFFERS
    }
}
