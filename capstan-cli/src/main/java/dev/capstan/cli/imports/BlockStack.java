package dev.capstan.cli.imports;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;

/**
 * The open Ruby blocks while a file is converted: each {@code do}/{@code if} frame becomes a Groovy
 * {@code { }}, with its own local names; a frame that could not be converted turns every line up to its
 * {@code end} into comments.
 */
final class BlockStack {
    private record Frame(Set<String> locals, boolean commented) {}

    private final Deque<Frame> frames = new ArrayDeque<>();
    private final Set<String> topLocals = new HashSet<>();
    /** Inside a commented region: open Ruby blocks still to be closed by {@code end}. */
    private int commentedDepth;

    Set<String> locals() { return frames.isEmpty() ? topLocals : frames.peek().locals(); }

    void open(Set<String> params) {
        Set<String> inner = new HashSet<>(locals());
        inner.addAll(params);
        frames.push(new Frame(inner, false));
    }

    /** {@code end}: false when there was no open block. */
    boolean close() {
        if (frames.isEmpty()) return false;
        frames.pop();
        return true;
    }

    int depth() { return frames.size(); }

    boolean commenting() { return commentedDepth > 0; }

    void startCommenting() { commentedDepth = 1; }

    /** Follows Ruby's openers and {@code end}s inside a commented region. */
    void commentedStatement(int opens, int ends) { commentedDepth += opens - ends; if (commentedDepth < 0) commentedDepth = 0; }
}
