package dev.tocsin.testing;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/** The shipped quiet hours (the test profile empties them so that flow tests run at any hour). */
public class ProductionQuietHours implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "tocsin.schedule.sms-quiet.start",
                "21:00",
                "tocsin.schedule.sms-quiet.end",
                "07:30",
                "tocsin.schedule.loudspeaker-quiet.start",
                "22:00",
                "tocsin.schedule.loudspeaker-quiet.end",
                "06:30");
    }
}
