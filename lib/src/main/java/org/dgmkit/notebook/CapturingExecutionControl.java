package org.dgmkit.notebook;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import jdk.jshell.execution.DirectExecutionControl;

/**
 * Local execution as in IJava 1.3.0's {@code IJavaExecutionControl}: snippets run in this JVM on one executor thread
 * (whose context class loader is the snippet loader), and {@link #invoke(Method)} keeps the real returned object
 * under a fresh key and hands JShell the key, so the runner can {@link #takeResult(String) take} the value.
 */
final class CapturingExecutionControl extends DirectExecutionControl {
    private static final Object NULL = new Object();

    private final Map<String, Object> results = new ConcurrentHashMap<>();
    private final ExecutorService executor;
    private volatile Future<Object> running;

    CapturingExecutionControl(SnippetLoaderDelegate delegate) {
        super(delegate);
        ClassLoader contextLoader = delegate.loader();
        this.executor = Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "IJava-executor");
            thread.setContextClassLoader(contextLoader);
            thread.setDaemon(true);
            return thread;
        });
    }

    /** The value a snippet returned, by the key JShell reported as the snippet's value (null stays null). */
    Object takeResult(String key) {
        Object result = results.remove(key);
        if (result == null) {
            throw new IllegalStateException("No result with key: " + key);
        }
        return result == NULL ? null : result;
    }

    /** Drops values nobody took. */
    void clearResults() {
        results.clear();
    }

    @Override
    protected String invoke(Method doitMethod) throws Exception {
        running = executor.submit(() -> doitMethod.invoke(null));
        Object value;
        try {
            value = running.get();
        } catch (ExecutionException e) {
            // hand JShell the InvocationTargetException: it turns the cause into an EvalException with its cause
            // chain (or an UnresolvedReferenceException), as plain local execution does
            Throwable cause = e.getCause();
            if (cause instanceof InvocationTargetException || cause instanceof Exception) {
                throw (Exception) cause;
            }
            throw new InvocationTargetException(cause);
        } finally {
            running = null;
        }
        String key = UUID.randomUUID().toString();
        results.put(key, value == null ? NULL : value);
        return key;
    }

    @Override
    public void stop() {
        Future<Object> task = running;
        if (task != null) {
            task.cancel(true);
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
        super.close();
    }
}
