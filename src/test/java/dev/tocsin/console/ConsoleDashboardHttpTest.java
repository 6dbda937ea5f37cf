package dev.tocsin.console;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tocsin.alert.Urgency;
import dev.tocsin.audience.Area;
import dev.tocsin.audience.OptOutService;
import dev.tocsin.audience.Resident;
import dev.tocsin.broadcast.Broadcast;
import dev.tocsin.broadcast.BroadcastStatus;
import dev.tocsin.broadcast.CapStatus;
import dev.tocsin.broadcast.Occurrence;
import dev.tocsin.broadcast.OccurrenceState;
import dev.tocsin.broadcast.QuietPolicy;
import dev.tocsin.loudspeaker.Play;
import dev.tocsin.loudspeaker.PlayPriority;
import dev.tocsin.loudspeaker.PlayState;
import dev.tocsin.loudspeaker.Terminal;
import dev.tocsin.platform.TocsinConfig;
import dev.tocsin.security.Role;
import dev.tocsin.security.StaffService;
import dev.tocsin.sms.DeliveryState;
import dev.tocsin.sms.SmsDelivery;
import dev.tocsin.sms.SmsDispatch;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The dashboard over seeded rows: a dispatching broadcast with its next occurrence, today's SMS
 * and play counts equal to what the database holds, a silent terminal and an occurrence's failures.
 */
@QuarkusTest
class ConsoleDashboardHttpTest {

    static final String RUN = Long.toString(System.nanoTime() % 1_000_000_000L, 36);
    static final String APPROVER = "dash-" + RUN;
    static final String PASSWORD = "console-dash-password";
    static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    @Inject
    StaffService staff;

    @Inject
    OptOutService optOut;

    @Inject
    Clock clock;

    @Inject
    TocsinConfig tocsin;

    @Inject
    EntityManager em;

    record Seeded(long broadcast, long occurrence, Instant next, Instant lastSeen, String terminal, String village) {}

    @Test
    void dashboardShowsWhatIsGoingOutTodaysCountsSilentTerminalsAndFailures() {
        ConsoleFixtures.ensureDistrict(optOut);
        staff.create("test", APPROVER, PASSWORD, Set.of(Role.APPROVER), APPROVER);
        String own = ConsoleFixtures.ownVillage();
        Seeded s = QuarkusTransaction.requiringNew().call(() -> seed(own));

        LocalDate day = LocalDate.ofInstant(clock.instant(), tocsin.zone());
        Instant from = day.atStartOfDay(tocsin.zone()).toInstant();
        Instant to = day.plusDays(1).atStartOfDay(tocsin.zone()).toInstant();
        // Counted before and after the page: background work left by earlier tests may move a row between.
        Map<String, Long> smsBefore = QuarkusTransaction.requiringNew().call(() -> dbCounts("SmsDelivery", from, to));
        Map<String, Long> playsBefore = QuarkusTransaction.requiringNew().call(() -> dbCounts("Play", from, to));
        String html = given().cookies(ConsoleHttpTest.login(APPROVER, PASSWORD))
                .get("/console")
                .then()
                .statusCode(200)
                .extract()
                .asString();

        String active = row(html, "data-broadcast=\"" + s.broadcast() + "\" data-status=\"dispatching\"");
        assertThat(active)
                .contains("href=\"/console/broadcasts/" + s.broadcast() + "\"")
                .contains("dash-test-" + RUN)
                .contains(local(s.next()));

        long pending = QuarkusTransaction.requiringNew()
                .call(() -> Broadcast.count("status", BroadcastStatus.PENDING_APPROVAL));
        assertThat(html).contains("id=\"dash-pending\" data-count=\"" + pending + "\"");

        Map<String, Long> sms = QuarkusTransaction.requiringNew().call(() -> dbCounts("SmsDelivery", from, to));
        Map<String, Long> plays = QuarkusTransaction.requiringNew().call(() -> dbCounts("Play", from, to));
        // Other tests share the database and write deliveries today too: at least what was seeded.
        assertThat(sms.get("failed")).isGreaterThanOrEqualTo(2L);
        assertThat(sms.get("undelivered")).isGreaterThanOrEqualTo(1L);
        assertThat(plays.get("failed")).isGreaterThanOrEqualTo(1L);
        assertThat(plays.get("missed")).isGreaterThanOrEqualTo(1L);
        assertThat(bars(between(html, "id=\"dash-sms\"", "</figure>"))).isIn(smsBefore, sms);
        assertThat(bars(between(html, "id=\"dash-plays\"", "</figure>"))).isIn(playsBefore, plays);

        String failure =
                row(html, "data-broadcast=\"" + s.broadcast() + "\" data-occurrence=\"" + s.occurrence() + "\"");
        assertThat(failure)
                .contains("href=\"/console/broadcasts/" + s.broadcast() + "\"")
                .contains("sms-failed\">2<")
                .contains("sms-undelivered\">1<")
                .contains("plays-failed\">1<")
                .contains("plays-missed\">1<");

        String offline = between(html, "id=\"dash-offline\"", "</section>");
        assertThat(offline).contains("data-area=\"" + s.village() + "\"");
        assertThat(between(offline, "data-terminal=\"" + s.terminal() + "\"", "</li>"))
                .contains(local(s.lastSeen()));
    }

    private Seeded seed(String villageCode) {
        Instant now = clock.instant();
        Broadcast b = new Broadcast();
        b.status = BroadcastStatus.DISPATCHING;
        b.capStatus = CapStatus.TEST;
        b.templateId = "dash-test-" + RUN;
        b.language = "zh-CN";
        b.channels(java.util.EnumSet.allOf(dev.tocsin.alert.Channel.class));
        b.audienceJson = "{\"areaCodes\":[\"" + ConsoleFixtures.VILLAGE_A + "\"]}";
        b.scheduleJson = "{\"kind\":\"NOW\"}";
        b.quietPolicy = QuietPolicy.WAIT;
        b.smsText = "dashboard test";
        b.createdBy = "test";
        b.createdAt = now;
        b.updatedAt = now;
        b.persist();
        Occurrence fired = occurrence(b.id, now, OccurrenceState.FIRED);
        Instant next = now.plus(Duration.ofDays(2)).truncatedTo(java.time.temporal.ChronoUnit.MINUTES);
        occurrence(b.id, next, OccurrenceState.PLANNED);

        SmsDispatch d = new SmsDispatch();
        d.externalRef = fired.ref();
        d.sender = "tocsin";
        d.priority = Urgency.ROUTINE;
        d.body = "dashboard test";
        d.validUntil = now.plus(Duration.ofHours(1));
        d.createdBy = "test";
        d.createdAt = now;
        d.persist();
        Area village = Area.findByCode(villageCode).orElseThrow();
        // Delivery ids come from sms_delivery_seq in blocks of 50, as the dispatch service takes them.
        long id = ((Number) em.createNativeQuery("SELECT NEXT VALUE FOR sms_delivery_seq")
                        .getSingleResult())
                .longValue();
        String phones = String.format("+86158%06d", System.nanoTime() % 1_000_000L);
        int n = 0;
        for (DeliveryState state : new DeliveryState[] {
            DeliveryState.FAILED, DeliveryState.FAILED, DeliveryState.UNDELIVERED, DeliveryState.DELIVERED
        }) {
            // One recipient per delivery, as the dispatch makes them.
            Resident r = new Resident();
            r.phone = phones + String.format("%02d", n++);
            r.language = "zh-CN";
            r.consent = dev.tocsin.audience.Consent.SUBSCRIBED;
            r.consentAt = now;
            r.consentChannel = "import";
            r.createdAt = now;
            r.updatedAt = now;
            r.areaIds.add(village.id);
            r.persist();
            SmsDelivery x = new SmsDelivery();
            x.id = id++;
            x.dispatchId = d.id;
            x.residentId = r.id;
            x.phone = r.phone;
            x.body = d.body;
            x.segments = 1;
            x.state = state;
            x.nextAttemptAt = now;
            x.createdAt = now;
            x.updatedAt = now;
            x.finalAt = now;
            x.persist();
        }

        Terminal t = new Terminal();
        t.code = "T-DASH-" + RUN;
        t.name = t.code;
        t.areaId = village.id;
        t.zone = "Asia/Shanghai";
        t.volumePreset = 5;
        t.enabled = true;
        t.createdAt = now;
        t.lastSeenAt = now.minus(Duration.ofHours(1)).truncatedTo(java.time.temporal.ChronoUnit.MINUTES);
        t.persist();
        // One play per terminal and occurrence, as the fan-out makes them.
        Map<PlayState, Long> plays = Map.of(
                PlayState.FAILED,
                t.id,
                PlayState.MISSED,
                Terminal.findByCode("T-9009-A").orElseThrow().id,
                PlayState.COMPLETED,
                Terminal.findByCode("T-9009-B").orElseThrow().id);
        for (Map.Entry<PlayState, Long> e : plays.entrySet()) {
            PlayState state = e.getKey();
            Play p = new Play();
            p.occurrenceRef = fired.ref();
            p.terminalId = e.getValue();
            p.audioKey = "dash-test";
            p.priority = PlayPriority.ROUTINE;
            p.notBefore = now;
            p.notAfter = now.plus(Duration.ofHours(1));
            p.state = state;
            p.createdAt = now;
            p.updatedAt = now;
            p.persist();
        }
        return new Seeded(b.id, fired.id, next, t.lastSeenAt, t.code, villageCode);
    }

    private static Occurrence occurrence(long broadcastId, Instant due, OccurrenceState state) {
        Occurrence o = new Occurrence();
        o.broadcastId = broadcastId;
        o.dueAt = due;
        o.state = state;
        o.firedAt = state == OccurrenceState.FIRED ? due : null;
        o.persist();
        return o;
    }

    private Map<String, Long> dbCounts(String entity, Instant from, Instant to) {
        Map<String, Long> out = new TreeMap<>();
        for (Object[] r : em.createQuery(
                        "select x.state, count(x) from " + entity + " x where x.createdAt >= :from "
                                + "and x.createdAt < :to group by x.state",
                        Object[].class)
                .setParameter("from", from)
                .setParameter("to", to)
                .getResultList()) {
            out.put(((Enum<?>) r[0]).name().toLowerCase(), (Long) r[1]);
        }
        return out;
    }

    private static final Pattern BAR =
            Pattern.compile("<li data-state=\"([a-z_]+)\">.*?<span class=\"bar-n\">(\\d+)</span></li>");

    private static Map<String, Long> bars(String figure) {
        Map<String, Long> out = new TreeMap<>();
        Matcher m = BAR.matcher(figure);
        while (m.find()) {
            out.put(m.group(1), Long.parseLong(m.group(2)));
        }
        return out;
    }

    private String local(Instant at) {
        return LOCAL.format(at.atZone(tocsin.zone()));
    }

    private static String row(String html, String marker) {
        return between(html, marker, "</tr>");
    }

    private static String between(String html, String start, String end) {
        int i = html.indexOf(start);
        assertThat(i).as("page holds " + start).isGreaterThanOrEqualTo(0);
        int j = html.indexOf(end, i);
        return html.substring(i, j < 0 ? html.length() : j);
    }
}
