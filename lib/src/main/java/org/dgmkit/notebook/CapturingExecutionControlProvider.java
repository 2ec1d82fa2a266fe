package org.dgmkit.notebook;

import java.util.Map;
import jdk.jshell.spi.ExecutionControl;
import jdk.jshell.spi.ExecutionControlProvider;
import jdk.jshell.spi.ExecutionEnv;

/** Hands JShell one {@link CapturingExecutionControl} over the given loader delegate, and remembers it. */
final class CapturingExecutionControlProvider implements ExecutionControlProvider {
    private final SnippetLoaderDelegate delegate;
    private volatile CapturingExecutionControl control;

    CapturingExecutionControlProvider(SnippetLoaderDelegate delegate) {
        this.delegate = delegate;
    }

    /** The control JShell generated (null before the JShell is built). */
    CapturingExecutionControl control() {
        return control;
    }

    @Override
    public String name() {
        return "dgmkit-local";
    }

    @Override
    public ExecutionControl generate(ExecutionEnv env, Map<String, String> parameters) {
        control = new CapturingExecutionControl(delegate);
        return control;
    }
}
