package dev.capstan.remote;

import java.io.InputStream;
import java.io.OutputStream;

/** The local end of an interactive login ({@code capstan STAGE ssh}): the keyboard, the screen and the window's size. */
public interface InteractiveTerminal {
    /** What the user types, raw (Ctrl-C arrives as a byte and goes to the host's pty). */
    InputStream input();

    OutputStream output();

    /** The terminal type for the host's pty ({@code TERM}). */
    String type();

    int columns();

    int rows();

    /** Calls {@code listener} whenever the window changes size. */
    void onResize(Runnable listener);
}
