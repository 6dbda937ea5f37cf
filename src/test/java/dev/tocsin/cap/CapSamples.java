package dev.tocsin.cap;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.UUID;

/**
 * CAP documents modelled on what a provincial meteorological service publishes: two
 * languages, a geocode and a large polygon, and a minimum-temperature parameter.
 */
final class CapSamples {

    static final String SENDER = "hnqx@cma.example.cn";
    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    private CapSamples() {}

    static String id() {
        return "CN-HN-" + UUID.randomUUID();
    }

    static String time(Instant t) {
        return CapTimes.format(t, SHANGHAI);
    }

    /** A large ring (about 200 points) around the given centre. */
    static String polygon(double lat, double lon, double radius, int points) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i <= points; i++) {
            double a = 2 * Math.PI * (i % points) / points;
            if (i > 0) {
                sb.append(' ');
            }
            sb.append(String.format(
                    java.util.Locale.ROOT, "%.5f,%.5f", lat + radius * Math.sin(a), lon + radius * Math.cos(a)));
        }
        return sb.toString();
    }

    static String coldWave(String sender, String identifier, Instant sent, String geocode, String polygon) {
        String sentText = time(sent);
        String expires = time(sent.plus(Duration.ofDays(2)));
        String area = "<area><areaDesc>益阳市资阳区</areaDesc>"
                + (polygon == null ? "" : "<polygon>" + polygon + "</polygon>")
                + (geocode == null
                        ? ""
                        : "<geocode><valueName>AdminCode</valueName><value>" + geocode + "</value></geocode>")
                + "</area>";
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">
                  <identifier>%s</identifier>
                  <sender>%s</sender>
                  <sent>%s</sent>
                  <status>Actual</status>
                  <msgType>Alert</msgType>
                  <scope>Public</scope>
                  <info>
                    <language>zh-CN</language>
                    <category>Met</category>
                    <event>寒潮蓝色预警</event>
                    <responseType>Prepare</responseType>
                    <urgency>Expected</urgency>
                    <severity>Severe</severity>
                    <certainty>Likely</certainty>
                    <effective>%s</effective>
                    <onset>%s</onset>
                    <expires>%s</expires>
                    <senderName>湖南省气象台</senderName>
                    <headline>湖南省气象台发布寒潮蓝色预警</headline>
                    <description>受强冷空气影响，预计48小时内益阳市资阳区最低气温将下降8℃以上，并伴有冻雨和道路结冰。</description>
                    <instruction>注意防寒保暖，减少外出；出行注意防滑。</instruction>
                    <parameter><valueName>minTemperature</valueName><value>-4</value></parameter>
                    %s
                  </info>
                  <info>
                    <language>en-US</language>
                    <category>Met</category>
                    <event>Cold wave blue warning</event>
                    <urgency>Expected</urgency>
                    <severity>Severe</severity>
                    <certainty>Likely</certainty>
                    <expires>%s</expires>
                    <senderName>Hunan Meteorological Observatory</senderName>
                    <headline>Cold wave blue warning for Ziyang District</headline>
                    <description>Temperatures will fall by more than 8 C within 48 hours, with freezing rain and icy roads.</description>
                    %s
                  </info>
                </alert>
                """.formatted(identifier, sender, sentText, sentText, sentText, expires, area, expires, area)
                .strip();
    }

    static String cancel(String sender, String identifier, Instant sent, String references) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">
                  <identifier>%s</identifier>
                  <sender>%s</sender>
                  <sent>%s</sent>
                  <status>Actual</status>
                  <msgType>Cancel</msgType>
                  <scope>Public</scope>
                  <references>%s</references>
                </alert>
                """.formatted(identifier, sender, time(sent), references).strip();
    }

    static String resource(String name) {
        try (InputStream in = CapSamples.class.getResourceAsStream("/cap/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
