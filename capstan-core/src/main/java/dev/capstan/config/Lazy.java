package dev.capstan.config;

import java.util.function.Supplier;

/**
 * A value computed when it is fetched. Like Capistrano 3's lambdas, but evaluated at every fetch
 * (so it sees the configuration as it is then); wrap it in {@link #once} to compute it one time.
 */
@FunctionalInterface
public interface Lazy {
    Object evaluate();

    static Lazy of(Supplier<?> supplier) {
        return supplier::get;
    }

    /** Evaluates {@code inner} on the first fetch and returns that value afterwards. */
    static Lazy once(Lazy inner) {
        return new Once(inner);
    }

    /** A memoising lazy value; thread-safe, evaluates at most once. */
    final class Once implements Lazy {
        private final Lazy inner;
        private volatile boolean done;
        private Object value;

        Once(Lazy inner) {
            this.inner = inner;
        }

        @Override
        public synchronized Object evaluate() {
            if (!done) {
                value = inner.evaluate();
                done = true;
            }
            return value;
        }

        /** Whether the value was already computed (so showing it asks nothing). */
        public boolean isEvaluated() { return done; }
    }
}
