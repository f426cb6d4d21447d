package dev.bufpool.moduletests.contract;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.params.provider.AnnotationBasedArgumentsProvider;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.support.ParameterDeclarations;

/** Reads an {@link ApplicableProviders} and gives the providers, and types, it selects. */
final class ApplicableProvidersSource extends AnnotationBasedArgumentsProvider<ApplicableProviders> {

    @Override
    protected Stream<? extends Arguments> provideArguments(ParameterDeclarations parameters, ExtensionContext context,
            ApplicableProviders selection) {
        ContractKit.Applicability applies = new ContractKit.Applicability(List.of(selection.offering()),
                List.of(selection.lacking()));
        return switch (selection.types()) {
            case NONE -> ContractKit.providers(applies).map(Arguments::of);
            case STANDARD -> ContractKit.crossed(applies, ContractKit.STANDARD_TYPES);
            case BYTE_BUFFERS -> ContractKit.crossed(applies, ContractKit.BYTE_BUFFER_TYPES);
        };
    }
}
