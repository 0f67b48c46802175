package dev.capstan.remote.backend.ssh;

import org.apache.sshd.agent.common.AbstractAgentProxy;
import org.apache.sshd.common.util.buffer.Buffer;
import org.apache.sshd.common.util.buffer.ByteArrayBuffer;

import java.io.EOFException;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;

/**
 * Talks to the user's ssh-agent ({@code SSH_AUTH_SOCK}) over a Java 17 unix-domain socket, so neither
 * login through the agent nor agent forwarding needs MINA's native (APR) library. MINA builds and parses
 * the agent messages; this class only moves them: one request, one length-prefixed answer.
 */
final class UnixAgentClient extends AbstractAgentProxy {
    private final Path socket;
    private SocketChannel channel;

    UnixAgentClient(Path socket) {
        super(null);
        this.socket = socket;
    }

    /** The agent named by {@code SSH_AUTH_SOCK}, or null when there is none. */
    static Path socketFromEnvironment() {
        String s = System.getenv("SSH_AUTH_SOCK");
        return s == null || s.isBlank() || !java.nio.file.Files.exists(Path.of(s)) ? null : Path.of(s);
    }

    @Override
    protected synchronized Buffer request(Buffer buffer) throws IOException {
        if (channel == null || !channel.isOpen()) {
            channel = SocketChannel.open(StandardProtocolFamily.UNIX);
            channel.connect(UnixDomainSocketAddress.of(socket));
        }
        try {
            ByteBuffer out = ByteBuffer.wrap(buffer.array(), buffer.rpos(), buffer.available());
            while (out.hasRemaining()) channel.write(out);
            ByteBuffer len = readFully(4);
            ByteBuffer body = readFully(len.getInt());
            return new ByteArrayBuffer(body.array());
        } catch (IOException e) {
            channel.close();
            throw new IOException("ssh-agent at " + socket + ": " + e.getMessage(), e);
        }
    }

    private ByteBuffer readFully(int n) throws IOException {
        if (n < 0 || n > 256 * 1024) throw new IOException("bad agent message length " + n);
        ByteBuffer b = ByteBuffer.allocate(n);
        while (b.hasRemaining()) {
            if (channel.read(b) < 0) throw new EOFException("agent closed the connection");
        }
        b.flip();
        return b;
    }

    @Override
    public boolean isOpen() { return true; }

    @Override
    public synchronized void close() throws IOException {
        if (channel != null) channel.close();
        super.close();
    }

    @Override
    public String toString() { return "agent " + socket; }
}
