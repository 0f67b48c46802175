package dev.capstan.remote;

import java.io.InputStream;
import java.io.OutputStream;

/**
 * Runs commands and moves files on hosts: over SSH, on this machine, or nowhere (dry run, recording).
 * One backend instance serves many hosts and threads at once.
 */
public interface Backend extends AutoCloseable {
    /**
     * Runs a command and waits for it. Never throws for a non-zero exit status: that is the caller's
     * decision. Throws {@link RemoteException} when the host cannot be reached or the command times out.
     */
    CommandResult run(Host host, Command command, OutputSink output);

    /**
     * Ends {@code command} on {@code host} from another thread while {@link #run} runs it (the run was interrupted):
     * its processes on the host are stopped and {@code run} returns soon. Called just before the command starts, it
     * keeps it from starting. {@code how} says which signals its processes get ({@link Ending}). Backends whose
     * commands cannot hang (dry run, recording) ignore it.
     */
    default void abort(Host host, Command command, Ending how) {}

    /** Writes {@code size} bytes (or -1 if unknown) from {@code data} to {@code remotePath} on the host. */
    void upload(Host host, InputStream data, long size, String remotePath, TransferListener progress);

    /** Copies {@code remotePath} on the host into {@code out}. */
    void download(Host host, String remotePath, OutputStream out, TransferListener progress);

    /** Closes connections; the backend may not be used afterwards. */
    @Override
    default void close() {}

    /** Bytes moved so far, and the total when known (-1 otherwise). */
    @FunctionalInterface
    interface TransferListener {
        TransferListener NONE = (b, t) -> {};

        void progress(long bytes, long total);

        /** Copies {@code in} to {@code out}, reporting progress after each chunk; returns the bytes copied. */
        static long copy(java.io.InputStream in, java.io.OutputStream out, long size, TransferListener progress) throws java.io.IOException {
            byte[] buf = new byte[64 * 1024];
            long total = 0;
            int n;
            while ((n = in.read(buf)) > 0) {
                out.write(buf, 0, n);
                total += n;
                progress.progress(total, size);
            }
            return total;
        }
    }
}
