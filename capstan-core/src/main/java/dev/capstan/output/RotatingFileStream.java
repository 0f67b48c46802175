package dev.capstan.output;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Appends to a file; when a write would take it past {@code limit} bytes, moves it to {@code NAME.1} first. */
final class RotatingFileStream extends OutputStream {
    private final Path path;
    private final long limit;
    private OutputStream out;
    private long size;

    RotatingFileStream(Path path, long limit) throws IOException {
        this.path = path;
        this.limit = limit;
        if (path.getParent() != null) Files.createDirectories(path.getParent());
        open();
    }

    private void open() throws IOException {
        out = new FileOutputStream(path.toFile(), true);
        size = Files.size(path);
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) throws IOException {
        if (size > 0 && size + len > limit) {
            out.close();
            Files.move(path, path.resolveSibling(path.getFileName() + ".1"), StandardCopyOption.REPLACE_EXISTING);
            open();
        }
        out.write(b, off, len);
        size += len;
    }

    @Override
    public synchronized void flush() throws IOException {
        out.flush();
    }

    @Override
    public synchronized void close() throws IOException {
        out.close();
    }
}
