/**
 * Stand-ins for IJava 1.3.0's {@code io.github.spencerpark.ijava.runtime} classes, loaded by the headless notebook
 * runner's kernel class loader (see {@code org.dgmkit.notebook.KernelClasspath}).
 */
package io.github.spencerpark.ijava.runtime;
