package dev.capstan.remote.backend.ssh;

import dev.capstan.remote.Backend.TransferListener;
import dev.capstan.remote.Shell;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.SftpClientFactory;

import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;

/**
 * Uploads and downloads over SFTP; when the host has no SFTP subsystem, over exec with
 * {@code cat > file} and {@code cat file}. Progress is reported after every chunk.
 */
final class FileTransfers {

    private FileTransfers() {}

    static void upload(ClientSession session, InputStream data, long size, String remotePath, TransferListener progress) throws IOException {
        SftpClient sftp = openSftp(session);
        if (sftp == null) {
            uploadWithCat(session, data, size, remotePath, progress);
            return;
        }
        try (sftp; OutputStream out = sftp.write(sftpPath(remotePath))) {
            long total = TransferListener.copy(data, out, size, progress);
            if (total == 0) progress.progress(0, size < 0 ? 0 : size);
        }
    }

    static void download(ClientSession session, String remotePath, OutputStream out, TransferListener progress) throws IOException {
        SftpClient sftp = openSftp(session);
        if (sftp == null) {
            downloadWithCat(session, remotePath, out, progress);
            return;
        }
        try (sftp) {
            String path = sftpPath(remotePath);
            long size = sftp.stat(path).getSize();
            try (InputStream in = sftp.read(path)) {
                long total = TransferListener.copy(in, out, size, progress);
                if (total == 0) progress.progress(0, size);
            }
        }
    }

    /** SFTP resolves relative paths from the login directory, so {@code ~/x} becomes {@code x}. */
    static String sftpPath(String remotePath) {
        if (remotePath.equals("~")) return ".";
        return remotePath.startsWith("~/") ? remotePath.substring(2) : remotePath;
    }

    private static SftpClient openSftp(ClientSession session) throws IOException {
        try {
            return SftpClientFactory.instance().createSftpClient(session);
        } catch (IOException e) {
            if (!session.isOpen()) throw e;
            return null; // no sftp subsystem on this host
        }
    }

    private static void uploadWithCat(ClientSession session, InputStream data, long size, String remotePath,
                                      TransferListener progress) throws IOException {
        String target = Shell.escapeKeepingTilde(remotePath);
        ChannelExec ch = session.createExecChannel("cat > " + target);
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        ch.setErr(err);
        ch.setIn(new Counting(data, size, progress));
        ch.open().verify();
        ch.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), 0L);
        check(ch, "upload to " + remotePath, err);
    }

    private static void downloadWithCat(ClientSession session, String remotePath, OutputStream out,
                                        TransferListener progress) throws IOException {
        ChannelExec ch = session.createExecChannel("cat " + Shell.escapeKeepingTilde(remotePath));
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        long[] total = {0};
        ch.setOut(new OutputStream() {
            @Override public void write(int b) throws IOException { write(new byte[] {(byte) b}, 0, 1); }
            @Override public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
                total[0] += len;
                progress.progress(total[0], -1);
            }
        });
        ch.setErr(err);
        ch.open().verify();
        ch.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), 0L);
        check(ch, "download of " + remotePath, err);
    }

    private static void check(ChannelExec ch, String what, ByteArrayOutputStream err) throws IOException {
        Integer status = ch.getExitStatus();
        ch.close(false);
        if (status == null || status != 0) {
            throw new IOException(what + " failed (no sftp; cat exited " + status + "): " + err.toString(StandardCharsets.UTF_8).strip());
        }
    }


    /** Reports progress as MINA reads the upload from it. */
    private static final class Counting extends FilterInputStream {
        private final long size;
        private final TransferListener progress;
        private long total;

        Counting(InputStream in, long size, TransferListener progress) {
            super(in);
            this.size = size;
            this.progress = progress;
        }

        @Override public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                total += n;
                progress.progress(total, size);
            }
            return n;
        }
    }
}
