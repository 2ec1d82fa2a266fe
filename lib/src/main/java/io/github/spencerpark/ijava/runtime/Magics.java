package io.github.spencerpark.ijava.runtime;

import java.util.List;

/**
 * IJava 1.3.0's magic functions: {@code %name args} lines and {@code %%name} cells desugar to these calls. The
 * headless runner registers {@code jars} and {@code classpath}; any other name throws basekernel's
 * {@code UndefinedMagicException}, as an unregistered magic does in IJava.
 */
public class Magics {
    /** Runs a line magic. */
    public static <T> T lineMagic(String name, List<String> args) {
        try {
            return HeadlessKernel.magics().applyLineMagic(name, args);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new RuntimeException(String.format("Exception occurred while running line magic '%s': %s", name, e.getMessage()), e);
        }
    }

    /** Runs a cell magic. */
    public static <T> T cellMagic(String name, List<String> args, String body) {
        try {
            return HeadlessKernel.magics().applyCellMagic(name, args, body);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new RuntimeException(String.format("Exception occurred while running cell magic '%s': %s", name, e.getMessage()), e);
        }
    }
}
