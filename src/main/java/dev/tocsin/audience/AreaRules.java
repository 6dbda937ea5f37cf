package dev.tocsin.audience;

import dev.tocsin.platform.problem.Problem;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Validation of area codes, centroids and CAP polygons. Pure functions, no database. */
public final class AreaRules {

    /** The 12-digit Chinese administrative division code (e.g. 430902100201). */
    private static final Pattern ADMIN_CODE = Pattern.compile("\\d{12}");
    /** Free codes for places without an official code: a letter, then letters, digits, '.', '_', '-'. */
    private static final Pattern FREE_CODE = Pattern.compile("[A-Za-z][A-Za-z0-9._-]{1,31}");

    private static final Pattern DIGITS = Pattern.compile("\\d+");

    private AreaRules() {}

    /** The reason {@code code} is not acceptable, or null. */
    public static String codeError(String code) {
        if (code == null || code.isBlank()) {
            return "code is required";
        }
        if (DIGITS.matcher(code).matches()) {
            return ADMIN_CODE.matcher(code).matches()
                    ? null
                    : "an all-digit code must be a 12-digit administrative division code";
        }
        return FREE_CODE.matcher(code).matches()
                ? null
                : "must be a 12-digit administrative division code or a free code: a letter, then 1-31 letters, digits, '.', '_' or '-'";
    }

    /** Field errors of a centroid: both coordinates or none, each in range. */
    public static List<Problem.FieldError> centroidErrors(Double lat, Double lon) {
        List<Problem.FieldError> errors = new ArrayList<>();
        if ((lat == null) != (lon == null)) {
            errors.add(new Problem.FieldError(
                    lat == null ? "centroidLat" : "centroidLon", "give both centroidLat and centroidLon, or neither"));
            return errors;
        }
        if (lat != null && !(lat >= -90 && lat <= 90)) {
            errors.add(new Problem.FieldError("centroidLat", "must be between -90 and 90"));
        }
        if (lon != null && !(lon >= -180 && lon <= 180)) {
            errors.add(new Problem.FieldError("centroidLon", "must be between -180 and 180"));
        }
        return errors;
    }

    /**
     * Checks a CAP 1.2 polygon ("lat,lon lat,lon ...", WGS 84): at least four points, the first
     * equal to the last, every coordinate in range. Returns it with single spaces between points.
     *
     * @throws IllegalArgumentException with the reason
     */
    public static String normalisePolygon(String polygon) {
        String[] points = polygon.strip().split("\\s+");
        if (points.length < 4) {
            throw new IllegalArgumentException(
                    "a polygon needs at least 4 points (the first repeated as the last), got " + points.length);
        }
        List<String> out = new ArrayList<>(points.length);
        for (int i = 0; i < points.length; i++) {
            String[] ll = points[i].split(",", -1);
            if (ll.length != 2) {
                throw new IllegalArgumentException("point " + (i + 1) + " '" + points[i] + "' is not 'lat,lon'");
            }
            double lat;
            double lon;
            try {
                lat = Double.parseDouble(ll[0]);
                lon = Double.parseDouble(ll[1]);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(
                        "point " + (i + 1) + " '" + points[i] + "' is not 'lat,lon' in decimal degrees");
            }
            if (!(lat >= -90 && lat <= 90) || !(lon >= -180 && lon <= 180)) {
                throw new IllegalArgumentException(
                        "point " + (i + 1) + " '" + points[i] + "' is out of range (lat -90..90, lon -180..180)");
            }
            out.add(points[i]);
        }
        String[] first = points[0].split(",");
        String[] last = points[points.length - 1].split(",");
        if (Double.parseDouble(first[0]) != Double.parseDouble(last[0])
                || Double.parseDouble(first[1]) != Double.parseDouble(last[1])) {
            throw new IllegalArgumentException("the polygon is not closed: the last point must equal the first");
        }
        return String.join(" ", out);
    }
}
