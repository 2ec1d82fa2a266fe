package org.dgmkit.notebook;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * A System.out/err replacement that decodes what a cell prints (UTF-8, multi-byte characters split across writes
 * kept whole) into the current cell's {@link CellOutputs}, and optionally echoes the bytes to the terminal.
 */
final class StreamCapture extends OutputStream {
    private final String name;
    private final PrintStream echo;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPLACE)
            .onUnmappableCharacter(CodingErrorAction.REPLACE);
    private ByteBuffer pending = ByteBuffer.allocate(0);
    private volatile CellOutputs target;

    /** A capture for the stream {@code name} ("stdout"/"stderr"); {@code echo} may be null. */
    StreamCapture(String name, PrintStream echo) {
        this.name = name;
        this.echo = echo;
    }

    /** Where the following writes go (the running cell's outputs); null drops them. */
    void target(CellOutputs outputs) {
        this.target = outputs;
    }

    @Override
    public void write(int b) {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public synchronized void write(byte[] bytes, int off, int len) {
        if (echo != null) {
            echo.write(bytes, off, len);
        }
        ByteBuffer in = ByteBuffer.allocate(pending.remaining() + len);
        in.put(pending).put(bytes, off, len).flip();
        CharBuffer out = CharBuffer.allocate(in.remaining() + 1);
        decoder.decode(in, out, false);
        pending = in.slice(); // an incomplete trailing character waits for the next write
        out.flip();
        CellOutputs outputs = target;
        if (outputs != null && out.hasRemaining()) {
            outputs.stream(name, out.toString());
        }
    }

    @Override
    public void flush() {
        if (echo != null) {
            echo.flush();
        }
    }
}
