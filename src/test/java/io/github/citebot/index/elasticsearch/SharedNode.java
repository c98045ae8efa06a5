package io.github.citebot.index.elasticsearch;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives test classes one single-node Elasticsearch cluster, started on first use and stopped when the test run
 * ends (whether the tests passed or not). Use {@code @ExtendWith(SharedNode.class)} and take an
 * {@link ElasticsearchNode} parameter; each test works under an alias of its own. A test that stops its node
 * starts its own instead.
 */
public final class SharedNode implements ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SharedNode.class);

    /** Closes the node with the root context, at the end of the run. */
    private record Running(ElasticsearchNode node) implements AutoCloseable {
        @Override
        public void close() {
            node.close();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == ElasticsearchNode.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent("node", key -> new Running(ElasticsearchNode.startSingle()), Running.class).node();
    }
}
