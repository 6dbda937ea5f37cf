package dev.tocsin.cap;

import java.util.List;

/**
 * The parts of a CAP 1.2 alert Tocsin writes and reads. Times stay as CAP writes them
 * (e.g. 2027-01-20T08:00:00+08:00); {@link CapTimes} converts.
 */
public record CapAlert(
        String identifier,
        String sender,
        String sent,
        String status,
        String msgType,
        String scope,
        String references,
        List<Info> infos) {

    public static final String NAMESPACE = "urn:oasis:names:tc:emergency:cap:1.2";

    public record Info(
            String language,
            List<String> categories,
            String event,
            String urgency,
            String severity,
            String certainty,
            String effective,
            String onset,
            String expires,
            String senderName,
            String headline,
            String description,
            String instruction,
            List<Value> parameters,
            List<Resource> resources,
            List<Area> areas) {}

    /** A valueName/value pair: parameter, geocode. */
    public record Value(String valueName, String value) {}

    public record Resource(String resourceDesc, String mimeType, Long size, String uri, String digest) {}

    public record Area(String areaDesc, List<String> polygons, List<Value> geocodes) {}

    /** One entry of {@code references}: "sender,identifier,sent". */
    public record Reference(String sender, String identifier, String sent) {

        static List<Reference> parse(String references) {
            if (references == null || references.isBlank()) {
                return List.of();
            }
            return java.util.Arrays.stream(references.trim().split("\\s+"))
                    .map(s -> {
                        String[] p = s.split(",", -1);
                        if (p.length != 3) {
                            throw new IllegalArgumentException("reference '" + s + "' is not sender,identifier,sent");
                        }
                        return new Reference(p[0], p[1], p[2]);
                    })
                    .toList();
        }

        String text() {
            return sender + "," + identifier + "," + sent;
        }
    }
}
