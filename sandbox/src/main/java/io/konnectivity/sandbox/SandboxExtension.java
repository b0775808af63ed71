package io.konnectivity.sandbox;

import java.util.Objects;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Starts a fresh {@link SandboxCluster} before each test and closes it after; test methods may take it as a parameter.
 *
 * <pre>{@code
 * @RegisterExtension
 * SandboxExtension sandbox = new SandboxExtension(SandboxScenario.builder().agentReplicas(3).build());
 * }</pre>
 */
public final class SandboxExtension implements BeforeEachCallback, AfterEachCallback, ParameterResolver {

    private final SandboxScenario scenario;
    private SandboxCluster cluster;

    public SandboxExtension(SandboxScenario scenario) {
        this.scenario = Objects.requireNonNull(scenario, "scenario");
    }

    public static SandboxExtension withDefaults() {
        return new SandboxExtension(SandboxScenario.defaults());
    }

    /** The cluster of the running test. */
    public SandboxCluster cluster() {
        if (cluster == null) {
            throw new IllegalStateException("The sandbox cluster exists only while a test runs; register the"
                    + " extension on an instance field with @RegisterExtension and call cluster() from the test");
        }
        return cluster;
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        cluster = SandboxCluster.start(scenario);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (cluster != null) {
            try {
                cluster.close();
            } finally {
                cluster = null;
            }
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == SandboxCluster.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return cluster();
    }
}
