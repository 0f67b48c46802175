package dev.capstan.remote.backend.ssh;

import org.apache.sshd.client.auth.UserAuth;
import org.apache.sshd.client.auth.UserAuthFactory;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.AttributeRepository.AttributeKey;
import org.apache.sshd.common.util.buffer.Buffer;

import java.io.IOException;
import java.util.List;

/**
 * Wraps a client's authentication methods so the session remembers which one the server accepted
 * ({@code publickey}, {@code password}, ...): MINA does not say, and doctor reports it.
 */
final class AuthMethodRecorder implements UserAuthFactory {
    static final AttributeKey<String> METHOD = new AttributeKey<>();

    private final UserAuthFactory inner;

    private AuthMethodRecorder(UserAuthFactory inner) {
        this.inner = inner;
    }

    static List<UserAuthFactory> wrap(List<UserAuthFactory> factories) {
        return factories.stream().map(f -> (UserAuthFactory) new AuthMethodRecorder(f)).toList();
    }

    /** The method that authenticated the session, or null before authentication. */
    static String method(ClientSession session) {
        return session.getAttribute(METHOD);
    }

    @Override
    public String getName() { return inner.getName(); }

    @Override
    public UserAuth createUserAuth(ClientSession session) throws IOException {
        UserAuth auth = inner.createUserAuth(session);
        return auth == null ? null : new Recording(auth);
    }

    private record Recording(UserAuth inner) implements UserAuth {
        @Override public ClientSession getSession() { return inner.getSession(); }
        @Override public ClientSession getClientSession() { return inner.getClientSession(); }
        @Override public String getName() { return inner.getName(); }
        @Override public void init(ClientSession session, String service) throws Exception { inner.init(session, service); }
        @Override public boolean process(Buffer buffer) throws Exception { return inner.process(buffer); }
        @Override public boolean isCancellable() { return inner.isCancellable(); }
        @Override public void destroy() { inner.destroy(); }

        @Override
        public void signalAuthMethodSuccess(ClientSession session, String service, Buffer buffer) throws Exception {
            session.setAttribute(METHOD, inner.getName());
            inner.signalAuthMethodSuccess(session, service, buffer);
        }

        @Override
        public void signalAuthMethodFailure(ClientSession session, String service, boolean partial, List<String> serverMethods,
                                            Buffer buffer) throws Exception {
            inner.signalAuthMethodFailure(session, service, partial, serverMethods, buffer);
        }
    }
}
