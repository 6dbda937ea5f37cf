package dev.tocsin.testing;

/** JUnit tags of the suite. */
public final class Tags {

    /**
     * Run on H2 only, left out of CI's MariaDB run: what the class checks does not depend on the
     * database (speech and audio rendering, the terminal agent's playback, browser rendering and
     * headers of flows the HTTP tests cover on MariaDB too). Keeps CI's second run short.
     */
    public static final String H2_ONLY = "h2-only";

    private Tags() {}
}
