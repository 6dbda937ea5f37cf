package dev.tocsin.duty;

import dev.tocsin.audience.Area;
import dev.tocsin.audience.CsvCells;
import dev.tocsin.audience.PhoneNumbers;
import dev.tocsin.broadcast.Broadcast;
import dev.tocsin.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The closed loop of a broadcast's 叫应 as a record: who was reached, who answered (when, by
 * which channel), to whom and when it was escalated, the unanswered, and the time to first
 * answer. Mobiles are masked: the record shows who, not how to call them.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class DutyRecords {

    private static final List<String> STEPS = List.of("primary", "backup", "superior");

    public record PersonRef(long id, String name, DutyRole role, DutyRank rank, String mobile, String area) {}

    public record EntryView(
            long id,
            PersonRef person,
            DutyEntry.State state,
            Instant messagedAt,
            PersonRef backup,
            Instant backupAt,
            PersonRef superior,
            Instant superiorAt,
            Instant answeredAt,
            PersonRef answeredBy,
            AnswerChannel answerChannel,
            Long answerSeconds,
            String note,
            List<CallView> calls) {}

    /** A voice call of an entry: its step (primary, backup, superior), attempt, to whom, how it ended. */
    public record CallView(
            String step,
            int attempt,
            PersonRef to,
            String state,
            String outcome,
            Instant placedAt,
            Instant endedAt,
            String digits) {}

    public record OptOutView(Instant at, PersonRef person, String body) {}

    public record Record(
            long broadcastId,
            String colour,
            DutyCall.State state,
            Instant startedAt,
            Instant closedAt,
            String closedReason,
            int reached,
            int answered,
            int unanswered,
            int escalatedToBackup,
            int escalatedToSuperior,
            Long firstAnswerSeconds,
            int answeredWithin5Minutes,
            int answeredWithin10Minutes,
            List<EntryView> entries,
            List<OptOutView> optOuts) {}

    public Record record(long broadcastId) {
        if (Broadcast.findById(broadcastId) == null) {
            throw ProblemException.notFound("no broadcast with id " + broadcastId);
        }
        DutyCall call = DutyCall.forBroadcast(broadcastId)
                .orElseThrow(() -> ProblemException.notFound("broadcast " + broadcastId
                        + " has no 叫应: its warning colour does not start one (tocsin.duty.<colour>.start),"
                        + " it is not an actual alert, or it is not approved"));
        List<DutyEntry> entries = DutyEntry.list("callId = ?1 order by id", call.id);
        Map<Long, PersonRef> people = new HashMap<>();
        Map<Long, String> areas = new HashMap<>();
        Map<Long, List<CallView>> voice = DutyVoiceCalls.forEntries(
                        entries.stream().map(e -> e.id).toList())
                .stream()
                .collect(Collectors.groupingBy(
                        DutyVoiceCalls.View::entryId,
                        Collectors.mapping(
                                v -> new CallView(
                                        STEPS.get(v.step()),
                                        v.attempt(),
                                        ref(v.personId(), people, areas),
                                        v.state(),
                                        v.outcome(),
                                        v.placedAt(),
                                        v.endedAt(),
                                        v.digits()),
                                Collectors.toList())));
        List<EntryView> views = entries.stream()
                .map(e -> new EntryView(
                        e.id,
                        ref(e.personId, people, areas),
                        e.state,
                        e.messagedAt,
                        ref(e.backupId, people, areas),
                        e.backupAt,
                        ref(e.superiorId, people, areas),
                        e.superiorAt,
                        e.answeredAt,
                        ref(e.answeredBy, people, areas),
                        e.answerChannel,
                        e.answeredAt == null
                                ? null
                                : Duration.between(call.startedAt, e.answeredAt).toSeconds(),
                        e.note,
                        voice.getOrDefault(e.id, List.of())))
                .toList();
        int answered = (int) entries.stream().filter(e -> e.answeredAt != null).count();
        int reached = (int) entries.stream()
                .flatMap(e -> Stream.of(
                        e.personId, e.backupAt == null ? null : e.backupId, e.superiorAt == null ? null : e.superiorId))
                .filter(java.util.Objects::nonNull)
                .distinct()
                .count();
        List<Long> ids = entries.stream().map(e -> e.personId).toList();
        List<OptOutView> optOuts = ids.isEmpty()
                ? List.of()
                : DutyInbound.<DutyInbound>list(
                                "outcome = ?1 and personId in ?2 order by receivedAt", DutyInbound.Outcome.OPT_OUT, ids)
                        .stream()
                        .map(i -> new OptOutView(i.receivedAt, ref(i.personId, people, areas), i.body))
                        .toList();
        return new Record(
                broadcastId,
                call.colour.id(),
                call.state,
                call.startedAt,
                call.closedAt,
                call.closedReason,
                reached,
                answered,
                entries.size() - answered,
                (int) entries.stream().filter(e -> e.backupAt != null).count(),
                (int) entries.stream().filter(e -> e.superiorAt != null).count(),
                call.firstAnswerAt == null
                        ? null
                        : Duration.between(call.startedAt, call.firstAnswerAt).toSeconds(),
                within(entries, Duration.ofMinutes(5)),
                within(entries, Duration.ofMinutes(10)),
                views,
                optOuts);
    }

    private static int within(List<DutyEntry> entries, Duration limit) {
        return (int) entries.stream()
                .filter(e -> e.answeredAt != null
                        && Duration.between(e.messagedAt, e.answeredAt).compareTo(limit) <= 0)
                .count();
    }

    /** The record as CSV, one row per primary person reached, for the county's files. */
    public String csv(long broadcastId) {
        Record r = record(broadcastId);
        StringBuilder out = new StringBuilder(
                "entry,area,name,role,rank,mobile,messaged_at,state,answered_at,answered_by,answer_channel,answer_seconds,"
                        + "backup,backup_messaged_at,superior,superior_messaged_at,note,calls\r\n");
        for (EntryView e : r.entries()) {
            out.append(Stream.of(
                                    String.valueOf(e.id()),
                                    e.person().area(),
                                    e.person().name(),
                                    e.person().role().id(),
                                    e.person().rank().id(),
                                    e.person().mobile(),
                                    str(e.messagedAt()),
                                    e.state().name().toLowerCase(java.util.Locale.ROOT),
                                    str(e.answeredAt()),
                                    e.answeredBy() == null ? "" : e.answeredBy().name(),
                                    e.answerChannel() == null
                                            ? ""
                                            : e.answerChannel().id(),
                                    e.answerSeconds() == null
                                            ? ""
                                            : e.answerSeconds().toString(),
                                    e.backup() == null ? "" : e.backup().name(),
                                    str(e.backupAt()),
                                    e.superior() == null ? "" : e.superior().name(),
                                    str(e.superiorAt()),
                                    e.note() == null ? "" : e.note(),
                                    e.calls().stream()
                                            .map(c -> c.step() + "#" + c.attempt() + " "
                                                    + (c.outcome() == null ? c.state() : c.outcome()))
                                            .collect(Collectors.joining("; ")))
                            .map(DutyRecords::cell)
                            .collect(Collectors.joining(",")))
                    .append("\r\n");
        }
        return out.toString();
    }

    private static String str(Instant at) {
        return at == null ? "" : at.toString();
    }

    private static String cell(String v) {
        String c = CsvCells.neutralise(v);
        return c.contains(",") || c.contains("\"") || c.contains("\n") || c.contains("\r")
                ? "\"" + c.replace("\"", "\"\"") + "\""
                : c;
    }

    private static PersonRef ref(Long id, Map<Long, PersonRef> people, Map<Long, String> areas) {
        if (id == null) {
            return null;
        }
        return people.computeIfAbsent(id, k -> {
            DutyPerson p = DutyPerson.findById(k);
            if (p == null) {
                return null;
            }
            String area = areas.computeIfAbsent(p.areaId, a -> {
                Area found = Area.findById(a);
                return found == null ? null : found.name;
            });
            return new PersonRef(p.id, p.name, p.role, p.rank, PhoneNumbers.mask(p.mobile), area);
        });
    }
}
