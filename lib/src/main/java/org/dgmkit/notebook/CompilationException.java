package org.dgmkit.notebook;

import jdk.jshell.SnippetEvent;

/** A cell snippet JShell rejected (IJava's exception of the same name; its simple name is the error's ename). */
public final class CompilationException extends Exception {
    private final transient SnippetEvent badSnippetCompilation;

    CompilationException(SnippetEvent badSnippetCompilation) {
        this.badSnippetCompilation = badSnippetCompilation;
    }

    /** The rejected snippet's event. */
    public SnippetEvent getBadSnippetCompilation() {
        return badSnippetCompilation;
    }
}
