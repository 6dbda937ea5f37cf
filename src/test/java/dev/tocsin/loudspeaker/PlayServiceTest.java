package dev.tocsin.loudspeaker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tocsin.audience.Area;
import dev.tocsin.audience.AreaKind;
import dev.tocsin.platform.problem.ProblemException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class PlayServiceTest {

    @Inject
    PlayService plays;

    @Inject
    Clock clock;

    private List<Long> terminals(int n) {
        return QuarkusTransaction.requiringNew().call(() -> {
            String tag = UUID.randomUUID().toString().substring(0, 8);
            Area a = new Area();
            a.code = "T" + tag;
            a.name = "Village " + tag;
            a.kind = AreaKind.VILLAGE;
            a.path = "/";
            a.createdAt = clock.instant();
            a.persist();
            a.placeUnder(null);
            return java.util.stream.IntStream.range(0, n)
                    .mapToObj(i -> {
                        Terminal t = new Terminal();
                        t.code = "T-" + tag + "-" + i;
                        t.name = "Horn " + i;
                        t.areaId = a.id;
                        t.zone = "Asia/Shanghai";
                        t.volumePreset = 80;
                        t.enabled = true;
                        t.createdAt = clock.instant();
                        t.persist();
                        return t.id;
                    })
                    .toList();
        });
    }

    @Test
    void schedulingTwiceCreatesOnePlayPerTerminalAndCancelWithdrawsPendingOnes() {
        List<Long> ids = terminals(3);
        String ref = "occ-" + UUID.randomUUID();
        Instant now = clock.instant();
        var request =
                new PlayService.PlayRequest(ref, "abc123", PlayPriority.ROUTINE, now, now.plus(Duration.ofHours(1)));

        assertThat(QuarkusTransaction.requiringNew().call(() -> plays.schedule(request, ids.stream())))
                .isEqualTo(3);
        assertThat(QuarkusTransaction.requiringNew().call(() -> plays.schedule(request, ids.stream())))
                .isZero();
        assertThat(plays.counts(ref)).containsEntry(PlayState.PENDING, 3L);

        assertThat(QuarkusTransaction.requiringNew().call(() -> plays.cancel(ref, "broadcast cancelled")))
                .isEqualTo(3);
        Map<PlayState, Long> counts = plays.counts(ref);
        assertThat(counts).containsEntry(PlayState.CANCELLED, 3L).containsEntry(PlayState.PENDING, 0L);
    }

    @Test
    void playsPastTheirWindowAreMissedNotPlayedLate() {
        List<Long> ids = terminals(2);
        String ref = "occ-" + UUID.randomUUID();
        Instant start = clock.instant().minus(Duration.ofHours(2));
        var request = new PlayService.PlayRequest(
                ref, "abc123", PlayPriority.URGENT, start, start.plus(Duration.ofMinutes(30)));
        QuarkusTransaction.requiringNew().run(() -> plays.schedule(request, ids.stream()));

        assertThat(QuarkusTransaction.requiringNew().call(plays::expire)).isGreaterThanOrEqualTo(2);
        assertThat(plays.counts(ref)).containsEntry(PlayState.MISSED, 2L).containsEntry(PlayState.PENDING, 0L);
    }

    @Test
    void windowMustEndAfterItStarts() {
        Instant now = clock.instant();
        assertThatThrownBy(() -> new PlayService.PlayRequest("x", "k", PlayPriority.ROUTINE, now, now))
                .isInstanceOf(ProblemException.class);
    }

    @Test
    void stateTransitionsAreExplicit() {
        assertThat(PlayState.PENDING.canBecome(PlayState.STARTED)).isTrue();
        assertThat(PlayState.COMPLETED.canBecome(PlayState.STARTED)).isFalse();
        assertThat(PlayState.CANCELLED.isFinal()).isTrue();
        assertThat(PlayPriority.URGENT.outranks(PlayPriority.WARNING)).isTrue();
        assertThat(PlayPriority.ROUTINE.outranks(PlayPriority.WARNING)).isFalse();
    }
}
