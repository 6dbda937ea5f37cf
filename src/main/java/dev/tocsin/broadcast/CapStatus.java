package dev.tocsin.broadcast;

/** CAP 1.2 alert status. Exercises and tests reach only test recipients and terminals. */
public enum CapStatus {
    ACTUAL,
    EXERCISE,
    TEST;

    public boolean testOnly() {
        return this != ACTUAL;
    }
}
