package dev.tocsin.broadcast;

/** What a routine occurrence inside quiet hours does: wait for the window's end, or not fire. */
public enum QuietPolicy {
    WAIT,
    SKIP
}
