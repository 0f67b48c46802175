package dev.capstan.remote;

/** The body of a {@code within}/{@code with}/{@code as} block. Groovy closures coerce to it. */
@FunctionalInterface
public interface Block {
    void run() throws Exception;
}
