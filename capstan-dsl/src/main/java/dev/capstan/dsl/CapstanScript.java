package dev.capstan.dsl;

import groovy.util.DelegatingScript;

/**
 * Base class of every DSL file. Words that Groovy already defines on every object (such as
 * {@code use(Class, Closure)}) would shadow the delegate's; they are forwarded here explicitly.
 */
public abstract class CapstanScript extends DelegatingScript {
    public void use(String plugin) {
        ((Dsl) getDelegate()).use(plugin);
    }
}
