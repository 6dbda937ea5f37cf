package dev.tocsin.compose.calendar;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Solar-term moments from the Sun's apparent geocentric longitude, following Meeus,
 * <i>Astronomical Algorithms</i> (2nd ed.), ch. 25 (higher accuracy) and ch. 27: the Earth's
 * heliocentric longitude from VSOP87D truncated to terms of about 1e-6 rad
 * (resource compose/vsop87d-earth.txt), the FK5
 * correction, nutation in longitude (ch. 22, 0.5" series) and aberration; ΔT from the
 * Espenak-Meeus polynomials. The error is well under two minutes of time for 1901-2100, so
 * only a term within that margin of midnight could land on the wrong civil day. Dates are
 * civil dates in China Standard Time (UTC+8), as the Chinese calendar defines them.
 */
public final class SolarTerms {

    public static final ZoneOffset CHINA = ZoneOffset.ofHours(8);
    private static final double JD_UNIX_EPOCH = 2440587.5;
    private static final double J2000 = 2451545.0;

    // VSOP87D Earth series L0..L4 and R0..R2: rows of (amplitude, phase, frequency), tau in Julian millennia.
    private static final Map<String, double[][]> SERIES = loadSeries();

    private static Map<String, double[][]> loadSeries() {
        Map<String, List<double[]>> rows = new HashMap<>();
        try (InputStream in = SolarTerms.class.getResourceAsStream("/compose/vsop87d-earth.txt")) {
            if (in == null) {
                throw new IllegalStateException("compose/vsop87d-earth.txt missing from the classpath");
            }
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                String[] f = line.trim().split("\\s+");
                if (f.length == 4 && !line.startsWith("#")) {
                    rows.computeIfAbsent(f[0], k -> new ArrayList<>()).add(new double[] {
                        Double.parseDouble(f[1]), Double.parseDouble(f[2]), Double.parseDouble(f[3])
                    });
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, double[][]> series = new HashMap<>();
        rows.forEach((k, v) -> series.put(k, v.toArray(double[][]::new)));
        return series;
    }

    private SolarTerms() {}

    /** The civil date (UTC+8) of a solar term in a Gregorian year, 1901-2100. */
    public static LocalDate date(int year, SolarTerm term) {
        return moment(year, term).atOffset(CHINA).toLocalDate();
    }

    /** The instant a solar term occurs in a Gregorian year. */
    public static Instant moment(int year, SolarTerm term) {
        if (year < 1901 || year > 2100) {
            throw new IllegalArgumentException("year must be 1901-2100, was " + year);
        }
        double guessUt = julianDay(
                LocalDate.of(year, term.month, term.day).atStartOfDay().toInstant(ZoneOffset.UTC));
        double jde = guessUt + deltaT(year + (term.month - 0.5) / 12) / 86400;
        double target = Math.toRadians(term.longitude);
        for (int i = 0; i < 20; i++) {
            double correction = 58 * Math.sin(target - apparentLongitude(jde));
            jde += correction;
            if (Math.abs(correction) < 1e-7) {
                break;
            }
        }
        double ut = jde - deltaT(year + (term.month - 0.5) / 12) / 86400;
        return Instant.ofEpochMilli(Math.round((ut - JD_UNIX_EPOCH) * 86_400_000d));
    }

    /** Apparent geocentric ecliptic longitude of the Sun, radians in [0, 2π), at a Julian Ephemeris Day. */
    static double apparentLongitude(double jde) {
        double tau = (jde - J2000) / 365250;
        double t = tau * 10;
        double l = polynomial("L", tau);
        double r = polynomial("R", tau);
        double theta = l + Math.PI;
        // FK5 correction (-0.09033"), nutation in longitude, aberration (-20.4898"/R).
        double omega = Math.toRadians(125.04452 - 1934.136261 * t);
        double sunMean = Math.toRadians(280.4665 + 36000.7698 * t);
        double moonMean = Math.toRadians(218.3165 + 481267.8813 * t);
        double nutationArcsec = -17.20 * Math.sin(omega)
                - 1.32 * Math.sin(2 * sunMean)
                - 0.23 * Math.sin(2 * moonMean)
                + 0.21 * Math.sin(2 * omega);
        double arcsec = -0.09033 + nutationArcsec - 20.4898 / r;
        double lambda = theta + Math.toRadians(arcsec / 3600);
        double twoPi = 2 * Math.PI;
        return ((lambda % twoPi) + twoPi) % twoPi;
    }

    private static double polynomial(String name, double tau) {
        double sum = 0;
        double power = 1;
        for (int i = 0; SERIES.containsKey(name + i); i++) {
            sum += series(SERIES.get(name + i), tau) * power;
            power *= tau;
        }
        return sum;
    }

    private static double series(double[][] terms, double tau) {
        double sum = 0;
        for (double[] term : terms) {
            sum += term[0] * Math.cos(term[1] + term[2] * tau);
        }
        return sum;
    }

    static double julianDay(Instant instant) {
        return instant.toEpochMilli() / 86_400_000d + JD_UNIX_EPOCH;
    }

    /** TT - UT in seconds (Espenak and Meeus, NASA Five Millennium Canon), for 1900-2150. */
    static double deltaT(double y) {
        if (y < 1920) {
            double t = y - 1900;
            return -2.79 + 1.494119 * t - 0.0598939 * t * t + 0.0061966 * t * t * t - 0.000197 * t * t * t * t;
        }
        if (y < 1941) {
            double t = y - 1920;
            return 21.20 + 0.84493 * t - 0.076100 * t * t + 0.0020936 * t * t * t;
        }
        if (y < 1961) {
            double t = y - 1950;
            return 29.07 + 0.407 * t - t * t / 233 + t * t * t / 2547;
        }
        if (y < 1986) {
            double t = y - 1975;
            return 45.45 + 1.067 * t - t * t / 260 - t * t * t / 718;
        }
        if (y < 2005) {
            double t = y - 2000;
            return 63.86
                    + 0.3345 * t
                    - 0.060374 * t * t
                    + 0.0017275 * t * t * t
                    + 0.000651814 * t * t * t * t
                    + 0.00002373599 * t * t * t * t * t;
        }
        if (y < 2050) {
            double t = y - 2000;
            return 62.92 + 0.32217 * t + 0.005589 * t * t;
        }
        double u = (y - 1820) / 100;
        return -20 + 32 * u * u - 0.5628 * (2150 - y);
    }
}
