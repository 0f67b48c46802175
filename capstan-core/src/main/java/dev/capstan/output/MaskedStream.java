package dev.capstan.output;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.util.Collection;
import java.util.function.Supplier;

/**
 * A stream that masks secrets ({@link Masker}) line by line before passing text on: for what reaches the error
 * stream outside the formatters (the closing error, {@code --trace}, stack traces with their causes and suppressed
 * exceptions, library logging). A partial line is masked and passed on at {@link #flush}, so a prompt still shows.
 */
public final class MaskedStream extends OutputStream {
    private final OutputStream target;
    private final Masker masker;
    private final Charset charset;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream(256);

    /** {@code charset}: how the text written here and to {@code target} is encoded. */
    public MaskedStream(OutputStream target, Supplier<? extends Collection<String>> secrets, Charset charset) {
        this.target = target;
        this.masker = new Masker(secrets);
        this.charset = charset;
    }

    /**
     * A print stream that masks what it prints; each line is passed on (and flushed) when it ends. Not
     * auto-flushing: PrintStream's auto-flush flushes after every {@code print}, which would pass on a line in pieces.
     */
    public static PrintStream printStream(OutputStream target, Supplier<? extends Collection<String>> secrets, Charset charset) {
        return new PrintStream(new MaskedStream(target, secrets, charset), false, charset);
    }

    @Override
    public synchronized void write(int b) throws IOException {
        line.write(b);
        if (b == '\n') emit();
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) throws IOException {
        int start = off;
        for (int i = off; i < off + len; i++) {
            if (b[i] != '\n') continue;
            line.write(b, start, i + 1 - start);
            emit();
            start = i + 1;
        }
        line.write(b, start, off + len - start);
    }

    @Override
    public synchronized void flush() throws IOException {
        if (line.size() > 0) emit();
        else target.flush();
    }

    @Override
    public synchronized void close() throws IOException {
        flush();
        target.close();
    }

    private void emit() throws IOException {
        masker.refresh();
        String text = line.toString(charset);
        line.reset();
        target.write(masker.mask(text).getBytes(charset));
        target.flush();
    }
}
