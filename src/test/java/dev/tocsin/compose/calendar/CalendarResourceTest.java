package dev.tocsin.compose.calendar;

import static dev.tocsin.testing.Staff.admin;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
class CalendarResourceTest {

    @Test
    void calendarListsFestivalsAndTermsOfARange() {
        admin().get("/api/calendar?from=2027-01-01&to=2027-12-31")
                .then()
                .statusCode(200)
                .body("events.find { it.anchor == 'SPRING_FESTIVAL' }.date", equalTo("2027-02-06"))
                .body("events.find { it.anchor == 'SPRING_FESTIVAL_EVE' }.date", equalTo("2027-02-05"))
                .body("events.find { it.anchor == 'LANTERN_FESTIVAL' }.date", equalTo("2027-02-20"))
                .body("events.find { it.anchor == 'QINGMING' }.date", equalTo("2027-04-05"))
                .body("events.find { it.anchor == 'WINTER_SOLSTICE' }.date", equalTo("2027-12-22"))
                .body("events.find { it.anchor == 'SPRING_FESTIVAL' }.chinese", equalTo("春节"))
                .body("heatingSeasons.from", hasItems("2026-11-15", "2027-11-15"));
    }

    @Test
    void campaignsExpandForAYear() {
        admin().get("/api/calendar/campaigns?year=2030")
                .then()
                .statusCode(200)
                .body("find { it.id == 'spring-festival-fireworks' }.dates[0]", equalTo("2030-01-24"))
                .body("find { it.id == 'spring-festival-fireworks' }.dates[-1]", equalTo("2030-02-17"))
                .body("find { it.id == 'qingming-fire' }.dates[-1]", equalTo("2030-04-05"));
    }

    @Test
    void badRangesAreRefusedByField() {
        admin().get("/api/calendar?from=2027-13-01&to=2027-12-31")
                .then()
                .statusCode(400)
                .body("field", equalTo("from"));
        admin().get("/api/calendar?from=2027-01-01").then().statusCode(400).body("field", equalTo("to"));
        admin().get("/api/calendar?from=2027-01-01&to=2026-01-01")
                .then()
                .statusCode(400)
                .body("field", equalTo("to"));
        admin().get("/api/calendar?from=2020-01-01&to=2030-01-01")
                .then()
                .statusCode(400)
                .body("field", equalTo("to"));
        admin().get("/api/calendar?from=1850-01-01&to=1851-01-01")
                .then()
                .statusCode(400)
                .body("field", equalTo("from"));
        admin().get("/api/calendar/campaigns?year=next").then().statusCode(400).body("field", equalTo("year"));
    }
}
