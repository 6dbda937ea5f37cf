package dev.tocsin.cap;

import java.util.ArrayList;
import java.util.List;

/** Planar tests on CAP polygons ("lat,lon lat,lon ..."), good enough at district scale. */
final class Polygons {

    private Polygons() {}

    /** @return points as {lat, lon}; empty when the text is not a polygon */
    static List<double[]> parse(String polygon) {
        List<double[]> out = new ArrayList<>();
        if (polygon == null) {
            return out;
        }
        for (String p : polygon.trim().split("\\s+")) {
            String[] ll = p.split(",");
            if (ll.length != 2) {
                return List.of();
            }
            try {
                out.add(new double[] {Double.parseDouble(ll[0]), Double.parseDouble(ll[1])});
            } catch (NumberFormatException e) {
                return List.of();
            }
        }
        return out.size() >= 4 ? out : List.of();
    }

    static boolean intersects(List<double[]> a, List<double[]> b) {
        if (a.isEmpty() || b.isEmpty()) {
            return false;
        }
        if (contains(a, b.get(0)) || contains(b, a.get(0))) {
            return true;
        }
        for (int i = 0; i + 1 < a.size(); i++) {
            for (int j = 0; j + 1 < b.size(); j++) {
                if (crosses(a.get(i), a.get(i + 1), b.get(j), b.get(j + 1))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Ray casting. */
    static boolean contains(List<double[]> ring, double[] p) {
        boolean inside = false;
        for (int i = 0, j = ring.size() - 1; i < ring.size(); j = i++) {
            double[] a = ring.get(i);
            double[] b = ring.get(j);
            if ((a[1] > p[1]) != (b[1] > p[1]) && p[0] < (b[0] - a[0]) * (p[1] - a[1]) / (b[1] - a[1]) + a[0]) {
                inside = !inside;
            }
        }
        return inside;
    }

    private static boolean crosses(double[] p1, double[] p2, double[] q1, double[] q2) {
        double d1 = cross(q1, q2, p1);
        double d2 = cross(q1, q2, p2);
        double d3 = cross(p1, p2, q1);
        double d4 = cross(p1, p2, q2);
        return ((d1 > 0) != (d2 > 0)) && ((d3 > 0) != (d4 > 0));
    }

    private static double cross(double[] a, double[] b, double[] c) {
        return (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0]);
    }
}
