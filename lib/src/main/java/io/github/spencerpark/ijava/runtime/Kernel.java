package io.github.spencerpark.ijava.runtime;

/**
 * IJava 1.3.0's {@code Kernel} runtime class, statically imported into every notebook. Its only member,
 * {@code getKernelInstance()}, returns IJava's {@code JavaKernel}, which does not exist headless: notebooks meant to
 * run under both IJava and {@code ./kit run} must not call it (it fails to compile here with "cannot find symbol").
 */
public class Kernel {
    private Kernel() {
    }
}
